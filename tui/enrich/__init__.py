"""Metadata from arXiv and Hugging Face: polite clients, and filling metadata.json.

    settings.py   endpoints, delays and batch size, checked up front
    polite.py     one GET at a time per service, spaced by its delay, retried with backoff
    arxiv.py      the arXiv API (`id_list` batches, Atom parsed safely)
    hf.py         Hugging Face's daily papers (one list per digest day)
    run.py        `enrich` (what is missing, batch, store as it arrives) and `fetch_one`

No Textual here: the command line and the browser's workers both use it.
"""
