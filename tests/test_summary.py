"""Summaries -> labelled sections and follow-up questions, for every layout."""

from __future__ import annotations

import pytest

from tui.digest.summary import classify_sentence, parse_summary


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in parse_summary(text).sections]


def test_lettered_layout_with_followups() -> None:
    text = (
        "a) This research aimed to improve planning. b) The researchers developed MSI-Agent. "
        "c) MSI-Agent achieved a 12.70% success rate. d) This indicates practitioners can enhance agents. "
        "e) The study is limited to one benchmark. Follow-up questions: 1. What is the overhead, "
        "as shown in Figure 4. of the paper? 2. How does Section 3.1 scale? 3. Can it transfer?"
    )
    parsed = parse_summary(text)
    assert [(s.kind, s.text[:20]) for s in parsed.sections] == [
        ("objective", "This research aimed "),
        ("methodology", "The researchers deve"),
        ("results", "MSI-Agent achieved a"),
        ("implications", "This indicates pract"),
        ("limitations", "The study is limited"),
    ]
    assert parsed.followups == (
        "What is the overhead, as shown in Figure 4. of the paper?",
        "How does Section 3.1 scale?",
        "Can it transfer?",
    )


def test_roman_layout_after_chatter_with_quoted_title_colon() -> None:
    text = (
        'Here is a concise summary of the paper "LoRA.rar: Learning to Merge LoRAs", following your '
        "guidelines: i) LoRA.rar merges LoRAs fast. ii) Main research question: how to merge? "
        "iii) A hypernetwork predicts coefficients. iv) It is 4000x faster. v) Practitioners can "
        "personalise on device."
    )
    assert [k for k, _ in kinds(text)] == ["tldr", "objective", "methodology", "results", "implications"]
    assert kinds(text)[0][1] == "LoRA.rar merges LoRAs fast."
    assert "Here is" not in " ".join(t for _, t in kinds(text))


def test_bold_roman_markers() -> None:
    text = (
        "**i) Summary:** X does Y. **ii) Main research question or objective:** Can X do Y? "
        "**iii) Key methodology used:** Z. **iv) Primary results:** 5% better. "
        "**v) Principal implication for AI practitioners:** Use X."
    )
    sections = kinds(text)
    assert [k for k, _ in sections] == ["tldr", "objective", "methodology", "results", "implications"]
    assert all("**" not in t[:2] for _, t in sections)


def test_numbered_bold_labels() -> None:
    text = (
        "Okay, here is a concise summary: 1. **Summary:** Granite Guardian is a suite of safeguards. "
        "2. **Main research question/objective:** To develop a unified risk model. "
        "3. **Key methodology:** Supervised fine-tuning. 4. **Primary results:** AUC of 0.871. "
        "5. **Principal implication for AI practitioners:** Plug-and-play safety."
    )
    assert kinds(text) == [
        ("tldr", "Granite Guardian is a suite of safeguards."),
        ("objective", "To develop a unified risk model."),
        ("methodology", "Supervised fine-tuning."),
        ("results", "AUC of 0.871."),
        ("implications", "Plug-and-play safety."),
    ]


def test_bold_labels_without_numbers() -> None:
    text = (
        "**Key methodology:** A two-stage pipeline. **Primary results:** 90.6 on FRAMES. "
        "**Principal implication for AI practitioners:** A blueprint for agents."
    )
    assert [k for k, _ in kinds(text)] == ["methodology", "results", "implications"]


def test_prose_cue_sentences_and_opening_tldr() -> None:
    text = (
        "This paper introduces X, a benchmark for agents. The main research objective is to test Y. "
        "The key methodology involves Z, e.g. a 210-instance set. Primary results show that the top "
        "model achieved 13.73% on GSM8K-V. The principal implication for AI practitioners is caution."
    )
    assert [k for k, _ in kinds(text)] == ["tldr", "objective", "methodology", "results", "implications"]
    assert kinds(text)[2][1] == "The key methodology involves Z, e.g. a 210-instance set."


def test_leftmost_cue_wins() -> None:
    assert classify_sentence("The primary objective is to develop a methodology.", 1, "tldr") == "objective"
    assert classify_sentence("For AI practitioners, the principal implication is X.", 3, "results") == (
        "implications"
    )
    assert classify_sentence("Key findings: it works.", 2, "methodology") == "results"


def test_sentence_without_cue_follows_content_then_neighbour() -> None:
    assert classify_sentence("It outperforms GPT-4 by 12%.", 2, "methodology") == "results"
    assert classify_sentence("However, it needs more data.", 3, "results") == "limitations"
    assert classify_sentence("This is an important step.", 3, "implications") == "implications"


def test_section_text_is_verbatim_and_covers_the_summary() -> None:
    text = (
        "Here's a concise summary: The paper proposes **FooNet**. The main objective is speed. "
        "FooNet uses `sparse | attention`. It achieves 2x throughput."
    )
    sections = parse_summary(text).sections
    assert all(s.text in text for s in sections)
    assert sum(len(s.text) for s in sections) > 0.8 * len(text.split(":", 1)[1])


def test_no_followups_when_there_are_none() -> None:
    parsed = parse_summary("The main objective is X. Results show 3.5% gains in Table 2. 3. Done.")
    assert parsed.followups == ()


@pytest.mark.parametrize(
    "trigger",
    [
        "Follow-up questions:",
        "Follow-up Questions:",
        "**Follow-Up Questions:**",
        "Here are some follow-up questions an AI practitioner might ask:",
        "Follow up questions:",
    ],
)
def test_followup_triggers(trigger: str) -> None:
    parsed = parse_summary(f"The main objective is X. {trigger} 1. Why? 2. How so? 3. When?")
    assert parsed.followups == ("Why?", "How so?", "When?")
    assert "follow" not in " ".join(s.text.lower() for s in parsed.sections)


def test_empty_summary() -> None:
    parsed = parse_summary("")
    assert parsed.sections == ()
    assert parsed.followups == ()


def test_inline_enumeration_is_not_a_layout() -> None:
    text = "The method has two parts: a) a retriever and b) a reader. It achieves 5% gains."
    assert [k for k, _ in kinds(text)] == ["tldr", "results"]
