"""What a paper's words are, for similarity: tokens, stems, and how much each field counts.

A paper becomes weighted term counts over its title and its summary's
sections.  The weights were chosen on the phrase benchmark
(`benchmarks/bench_discovery.py`), tuned on half of the phrases and checked
on the other half: the title counts most, and its adjacent word pairs are
terms too ("gaussian splatting" says more than "gaussian" and "splatting");
the objective and the method count more than the implications and the
limitations, which LLM summaries word alike for every paper ("for AI
practitioners, this offers…").

Any change here changes the index, so this module's source is part of the
index's version (see `tui.discovery.files.index_version`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from typing import Final

from tui.digest.model import SectionKind
from tui.store.query import fold

FIELD_WEIGHTS: Final[dict[str, float]] = {
    "title": 4.0,
    "tldr": 1.0,
    "objective": 1.0,
    "methodology": 1.0,
    "results": 0.7,
    "implications": 0.5,
    "limitations": 0.5,
    "other": 0.5,
}
# Fields whose adjacent word pairs are terms as well: a title is a list of
# topic phrases; pairs from the summary's prose mostly add noise (measured).
PAIR_FIELDS: Final = frozenset(("title",))

# Function words, and the words every summary of this digest uses whatever the
# paper ("the main research objective…", "the key methodology…", "results show…").
STOPWORDS: Final = frozenset(
    """a an the of for and or in on to with via from by as at is are be been being can could do does
    you your our we its it this that these those how what when why which who whom towards toward
    through into over under beyond without vs versus not no new all more less than using use used
    based also such their they them has have had was were will would may might should about across
    after against along among around before between both each either every few many most much other
    others same several some then there thus very while within upon per eg ie ii iii iv etc paper
    research study work approach method methods methodology objective results result implications
    implication practitioners ai key main primary principal propose proposes proposed introduce
    introduces introduced present presents presented demonstrate demonstrates demonstrated show shows
    shown achieve achieves achieved significant significantly improve improves improved improvement
    performance novel framework existing""".split()
)
_WORD: Final = re.compile(r"[a-z0-9]+")


def stem(word: str) -> str:
    """A plural's singular, roughly: "models" -> "model", "strategies" -> "strategy".

    Only plurals: reasons shown to the user ("because: diffusion, agent") must
    still read as words, which a full stemmer's "diffus" does not.
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


class _Stems(dict[str, str]):
    """word -> its stem, or '' for a word that is no term; filled as words are first seen.

    A dict look-up per word (C-level on a hit) instead of a stopword test, a
    digit test and a stemming call: tokenising is most of the index's build.
    """

    def __missing__(self, word: str) -> str:
        stemmed = "" if len(word) < 2 or word in STOPWORDS or word.isdigit() else stem(word)
        if len(self) < _MAX_STEMS:  # a hostile archive of random words must not grow it forever
            self[word] = stemmed
        return stemmed


_MAX_STEMS: Final = 500_000
_STEM_OF: Final = _Stems()


def words(text: str) -> list[str]:
    """The content words of `text`, folded and stemmed, in order (stopwords and numbers dropped)."""
    stems = _STEM_OF
    return [s for s in map(stems.__getitem__, _WORD.findall(fold(text))) if s]


def term_counts(title: str, sections: Iterable[tuple[SectionKind, str]]) -> dict[str, float]:
    """A paper's terms and their weighted counts (each occurrence adds its field's weight)."""
    counts: dict[str, float] = {}
    get = counts.get
    for kind, text in (("title", title), *sections):
        weight = FIELD_WEIGHTS.get(kind, 0.0)
        if not weight:
            continue
        tokens = words(text)
        found = Counter(tokens)  # C-level counting; the weights are applied per distinct term
        if kind in PAIR_FIELDS:
            found.update(f"{first} {second}" for first, second in pairwise(tokens))
        for term, count in found.items():
            counts[term] = get(term, 0.0) + weight * count
    return counts
