"""Discovery: related papers, a "for you" order, topic trends, section texts, comparison.

Nothing here imports Textual.  The heavy parts (the similarity index, the
per-section texts) are built once per library content, cached in the data
dir (`similarity.index`, `similarity.sections`) and loaded on first use, never
at start-up: importing this package imports none of its modules.

    text.py       what a paper's words are for similarity (tokens, field weights)
    vectors.py    the similarity index: weighted TF-IDF vectors, cosine via postings
    analyse.py    sections and term counts for every paper, across processes when safe
    files.py      the on-disk container: versioned, checksummed, written atomically
    engine.py     `Discovery`: one library's index, loaded or built once, thread-safe
    foryou.py     ranking by resemblance to the user's stars, with reasons
    trends.py     papers per month/week for a term (as search counts them), rising terms
    charts.py     bar charts from block characters (the CLI and the trends screen)
    compare.py    papers side by side, a row per section kind
    builder.py    the index built in a child process (the browser's GIL stays free)
"""

from typing import Final

# Stars "For you" needs before it can learn anything; here, so the sidebar can
# say how many are missing without importing the model.
MIN_STARS: Final = 3
