"""Citations: arXiv-style BibTeX, plain text and markdown."""

from __future__ import annotations

from tui.digest.cite import base_key, bibtex, citation, latex_escape, markdown_link, plain, ris, unique_keys
from tui.digest.export import render
from tui.digest.meta import ArxivMeta, HfMeta, PaperMeta
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


# -- with arXiv's metadata, and without ---------------------------------------------------

ATTENTION = ArxivMeta(
    authors=("Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit", "Llion Jones"),
    title="Attention Is All You Need",
    abstract="The dominant sequence transduction models are based on complex recurrent networks.",
    primary_category="cs.CL",
    categories=("cs.CL", "cs.LG"),
    published="2017-06-12T17:57:34Z",
    updated="2023-08-02T00:41:18Z",
    doi="10.48550/arXiv.1706.03762",
    journal_ref="NeurIPS 2017",
    comment="15 pages, 5 figures",
)


def with_meta(arxiv: ArxivMeta | None, arxiv_id: str = "1706.03762") -> PaperMeta:
    return PaperMeta(arxiv_id, arxiv, HfMeta(42, ()))


def test_bibtex_from_arxiv_metadata_is_arxivs_own_entry() -> None:
    paper = make(
        title="Attention Is All You Need", authors=("lukaszkaiser", "Noam Shazeer"), arxiv_id="1706.03762"
    )
    assert bibtex(paper, meta=with_meta(ATTENTION)) == (
        "@misc{vaswani2017attention,\n"
        "      title={Attention Is All You Need},\n"
        "      author={Ashish Vaswani and Noam Shazeer and Niki Parmar and Jakob Uszkoreit and Llion Jones},\n"
        "      year={2017},\n"
        "      eprint={1706.03762},\n"
        "      archivePrefix={arXiv},\n"
        "      primaryClass={cs.CL},\n"
        "      url={https://arxiv.org/abs/1706.03762},\n"
        "      doi={10.48550/arXiv.1706.03762},\n"
        "      journal={NeurIPS 2017},\n"
        "}"
    )
    assert citation(paper, with_meta(ATTENTION)).caveat is None


def test_keys_skip_question_words_and_auxiliaries() -> None:
    for title, word in [
        ("When Do LLMs Help With Search?", "llms"),
        ("Can Vision Models Count?", "vision"),
        ("What Makes a Good Agent", "good"),
        ("Towards Beyond Scaling", "scaling"),
        ("How to Train Your Model", "train"),
        ("MM-HELIX: Boosting Reasoning", "mmhelix"),
    ]:
        assert base_key(make(title=title, authors=("Enkelejda Kasneci",))) == f"kasneci2025{word}"


def test_without_metadata_user_names_are_not_people_and_no_one_is_anonymous() -> None:
    paper = make(authors=("zengxingyu", "Fashen Ren", "lindahua"))
    entry = bibtex(paper)
    assert "author={Fashen Ren}," in entry
    assert "note={Further authors listed only by Hugging Face user name: zengxingyu, lindahua}" in entry
    assert (
        citation(paper).caveat
        == "authors from the digest; may be incomplete; Hugging Face user names left out"
    )
    nobody = make(authors=())
    assert "author=" not in bibtex(nobody) and "Anonymous" not in bibtex(nobody) + plain(nobody)
    assert "note={Authors not listed in the digest}" in bibtex(nobody)
    assert plain(nobody).startswith("InteractComp: Evaluating Search Agents (2025).")
    only_users = make(authors=("mdizhang", "Franck-Dernoncourt"))
    assert "author=" not in bibtex(only_users)
    assert base_key(only_users) == "interactcomp2025"
    assert (
        citation(only_users).caveat
        == "the digest lists only Hugging Face user names; no authors in the entry"
    )
    assert citation(make()).caveat == "authors from the digest; may be incomplete"


def test_a_title_mismatch_cites_arxiv_and_says_so() -> None:
    paper = make(title="Some Other Paper Entirely", arxiv_id="1706.03762")
    found = citation(paper, with_meta(ATTENTION))
    assert "title={Attention Is All You Need}" in found.text
    assert found.caveat == "arXiv's title for 1706.03762 differs from the digest's; check the id"
    assert not with_meta(ATTENTION).title_mismatch("Attention is all you need.")  # case, punctuation


def test_plain_citation_with_metadata() -> None:
    text = citation(make(arxiv_id="1706.03762"), with_meta(ATTENTION), "plain").text
    assert text == (
        "Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit, and Llion Jones (2017). "
        "Attention Is All You Need. arXiv:1706.03762 [cs.CL]. https://arxiv.org/abs/1706.03762"
    )


def three_papers() -> tuple[list[Paper], dict[str, PaperMeta]]:
    papers = [
        make(title="Attention Is All You Need", authors=("lukaszkaiser",), arxiv_id="1706.03762"),
        make(title="When Do Agents Plan?", authors=("zengxingyu", "Ann {Lee"), arxiv_id="2510.21890"),
        make(title="50% of R&D_x {braces}", authors=(), arxiv_id=None, date="2025-03-14"),
    ]
    return papers, {"1706.03762": with_meta(ATTENTION)}


def test_three_copied_entries_import_cleanly_into_a_bibtex_parser() -> None:
    papers, metas = three_papers()
    copied = "\n\n".join(citation(p, metas.get(p.arxiv_id or "")).text for p in papers)
    from bibtexparser import entrypoint

    library = entrypoint.parse_string(copied)
    assert not library.failed_blocks
    entries = {e.key: e.fields_dict for e in library.entries}
    assert list(entries) == ["vaswani2017attention", "lee2025agents", "502025"]
    first = entries["vaswani2017attention"]
    assert first["author"].value == " and ".join(ATTENTION.authors)
    assert first["primaryClass"].value == "cs.CL"
    assert first["eprint"].value == "1706.03762" and first["year"].value == "2017"
    assert entries["lee2025agents"]["author"].value == "Ann \\textbraceleft{}Lee"
    assert "zengxingyu" in entries["lee2025agents"]["note"].value
    assert "author" not in entries["502025"]


def test_ris_export_parses_with_every_field() -> None:
    import rispy

    papers, metas = three_papers()
    text = render(papers, "ris", lambda p: metas.get(p.arxiv_id or ""))
    records = rispy.loads(text)
    assert len(records) == 3
    first = records[0]
    assert first["type_of_reference"] == "ELEC"
    assert first["title"] == "Attention Is All You Need"
    assert first["authors"] == [
        "Vaswani, Ashish",
        "Shazeer, Noam",
        "Parmar, Niki",
        "Uszkoreit, Jakob",
        "Jones, Llion",
    ]
    assert first["year"] == "2017"
    assert first["abstract"].startswith("The dominant sequence")
    assert first["doi"] == "10.48550/arXiv.1706.03762"
    assert first["keywords"] == ["cs.CL", "cs.LG"]
    assert first["urls"] == ["https://arxiv.org/abs/1706.03762"]
    assert records[1]["authors"] == ["{Lee, Ann"]  # the user name is not a person
    assert records[2]["type_of_reference"] == "GEN" and "authors" not in records[2]


def test_ris_values_stay_on_one_line() -> None:
    hostile = make(title="Line one\nTY  - JOUR\nER  - ", authors=("Ann Lee",))
    text = ris(hostile)
    assert text.count("ER  - ") == 1 and text.count("TY  - ") == 1
