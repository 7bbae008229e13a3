"""Citations: arXiv-style BibTeX, plain text and markdown."""

from __future__ import annotations

from tui.digest.cite import bibtex, latex_escape, markdown_link, plain, unique_keys
from tui.digest.export import render
from tui.digest.model import Links, Paper


def make(
    title: str = "InteractComp: Evaluating Search Agents",
    authors: tuple[str, ...] = ("Fashen Ren", "Jiayi Zhang"),
    arxiv_id: str | None = "2510.24668",
    date: str = "2025-10-29",
) -> Paper:
    return Paper(date, arxiv_id, title, authors, "", (), (), Links.for_arxiv_id(arxiv_id), "x.md:1")


def test_bibtex_matches_arxiv_layout() -> None:
    assert bibtex(make()) == (
        "@misc{ren2025interactcomp,\n"
        "      title={InteractComp: Evaluating Search Agents},\n"
        "      author={Fashen Ren and Jiayi Zhang},\n"
        "      year={2025},\n"
        "      eprint={2510.24668},\n"
        "      archivePrefix={arXiv},\n"
        "      url={https://arxiv.org/abs/2510.24668},\n"
        "}"
    )


def test_latex_specials_are_escaped() -> None:
    entry = bibtex(make(title="50% of R&D: C# and x_1 {braces} ~ ^ $ \\"))
    assert (
        r"title={50\% of R\&D: C\# and x\_1 \textbraceleft{}braces\textbraceright{} \textasciitilde{} "
        r"\textasciicircum{} \$ \textbackslash{}}" in entry
    )
    assert latex_escape("a_b") == r"a\_b"


def braces_balance(entry: str) -> bool:
    """BibTeX's own rule: every brace counts, escaped or not, and depth never goes below 0."""
    depth = 0
    for char in entry:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_a_lone_or_escaped_brace_in_a_title_keeps_the_entry_balanced() -> None:
    for title in ("Set \\{x}", "Open { only", "Close } only", "\\{ escaped", "}{"):
        entry = bibtex(make(title=title, authors=("Ann {Lee",)))
        assert braces_balance(entry), entry


def test_keys_are_unique_and_stable() -> None:
    papers = [make(), make(arxiv_id="2510.00001"), make(arxiv_id="2510.00002")]
    keys = [k for _, k in unique_keys(papers)]
    assert keys == ["ren2025interactcomp", "ren2025interactcompa", "ren2025interactcompb"]
    assert keys == [k for _, k in unique_keys(papers)]
    assert render(papers, "bibtex").count("@misc{") == 3


def test_key_skips_stop_words_and_folds_accents() -> None:
    ((_, key),) = unique_keys([make(title="The Élan of Models", authors=("José Müller",))])
    assert key == "muller2025elan"
    ((_, untitled),) = unique_keys([make(authors=())])
    assert untitled == "interactcomp2025"  # no authors: the title word and the year, never "anonymous"


def test_plain_and_markdown() -> None:
    paper = make(title="A [Bracketed] Title")
    assert plain(paper) == (
        "Fashen Ren and Jiayi Zhang (2025). A [Bracketed] Title. arXiv:2510.24668. https://arxiv.org/abs/2510.24668"
    )
    assert markdown_link(paper) == r"[A \[Bracketed\] Title](https://arxiv.org/abs/2510.24668)"


def test_plain_lists_three_authors_with_serial_comma() -> None:
    assert plain(make(authors=("A One", "B Two", "C Three"))).startswith("A One, B Two, and C Three (2025).")


def test_paper_without_arxiv_id_still_cites() -> None:
    paper = make(arxiv_id=None)
    assert "eprint" not in bibtex(paper)
    assert "year={2025}" in bibtex(paper)
    assert markdown_link(paper) == paper.title
