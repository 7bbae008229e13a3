"""Sections as a reader reads them: one test per failure the issue lists, each on a
real summary of the shared archive (copied here, follow-up questions cut off),
then bad input, cost that grows linearly with the input, and the sentence model."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable

import pytest

from tui.digest.summary import parse_summary

# Real summaries of the shared archive, by arXiv id (their day in the comment).
ARCHIVE: dict[str, str] = {
    # 2025-10-24
    "2510.20668": 'This paper presents a conceptual roadmap for building "true world models" by charting a five-stage evolutionary path from foundational mask-based modeling to future autonomous systems. The paper’s objective is to define a prescriptive development trajectory by synthesizing existing research into a framework comprising three core subsystems: a generative heart, an interactive loop, and a persistent memory system. The methodology involves a historical synthesis that categorizes prior work into five sequential stages: I) Mask-based Models, II) Unified Models, III) Interactive Generative Models, IV) Memory & Consistency, and V) True World Models. As a conceptual paper, it presents no novel quantitative results but analyzes the capabilities of existing models, such as the Genie series achieving several minutes of coherent interaction, to frame the current state-of-the-art. The principal implication for AI practitioners is that progress toward robust world models requires shifting focus from optimizing isolated tasks to architecturally integrating these three core subsystems to achieve the target properties of persistence, agency, and emergence.',
    # 2024-11-28
    "2411.17787": 'Here\'s a summary of the AI research paper following your strict guidelines: i) **One-line summary:** Collaborative Decoding (CoDe) improves Visual Auto-Regressive (VAR) model efficiency by partitioning multi-scale inference between a large and a small model, resulting in significant speed and memory reductions with minimal quality loss. ii) **Main research question/objective:** How can the efficiency of Visual Auto-Regressive (VAR) image generation models be improved, particularly addressing memory consumption and computational redundancies associated with long token sequences? iii) **Key methodology:** A novel decoding strategy called Collaborative Decoding (CoDe) is proposed. CoDe divides the multi-scale inference process into a "drafter" (large model generating low-frequency content) and a "refiner" (small model generating high-frequency details). Model-specific fine-tuning is also applied. iv) **Primary results:** CoDe achieves a 1.7x speedup and reduces memory usage by approximately 50% compared to the original VAR model, with only a negligible increase in FID (from 1.95 to 1.98). A 2.9x speedup was also achieved under different drafting steps. v) **Principal implication for AI practitioners:** CoDe offers a practical method to significantly enhance the efficiency of VAR models for image generation, reducing both computational cost and memory requirements without substantial quality degradation. This is particularly relevant for deploying high-resolution image generation models on resource-constrained platforms.',
    # 2024-12-17
    "2412.12083": 'Here is a concise summary of the research paper "IDArb: Intrinsic Decomposition for Arbitrary Number of Input Views and Illuminations": **i) Summary** IDArb is a diffusion-based model for intrinsic decomposition of an arbitrary number of images under varying illuminations, achieving multi-view consistency and disentangling intrinsic components from lighting effects. **ii) Main research question or objective** The main objective is to develop a model that can perform accurate and multi-view consistent intrinsic decomposition (surface normals, albedo, roughness, metallic) on an arbitrary number of images captured under varying, unconstrained illuminations. **iii) Key methodology used** The proposed method, IDArb, utilizes a diffusion-based model with a cross-view, cross-component attention module and an illumination-augmented, view-adaptive training strategy, trained on a new dataset (ARB-Objaverse) containing 5.7M multi-view RGB images. **iv) Primary results** IDArb outperforms state-of-the-art methods in intrinsic decomposition, achieving a PSNR of 33.62 for albedo estimation in multi-view settings. **v) Principal implication for AI practitioners** IDArb provides a unified solution for inverse rendering across different input regimes, offering AI practitioners a robust method for generating accurate intrinsic components from arbitrary image sets, directly applicable in tasks like relighting, photometric stereo, and 3D reconstruction.',
    # 2025-04-09
    "2504.06261": '**Hogwild! Inference: Parallel LLM Generation via Concurrent Attention** This paper proposes Hogwild! Inference, a method enabling multiple instances of the same LLM to generate text in parallel while sharing and concurrently updating a common Key-Value attention cache. The main objective is to explore if LLMs can develop dynamic collaboration strategies for problem-solving without pre-defined frameworks, leveraging immediate access to each other\'s partial progress. The key methodology involves running parallel LLM "workers" with a shared KV cache, utilizing Rotary Position Embeddings (RoPE) to efficiently manage positional information across workers and testing three cache layouts: contiguous, interleaved, and combined. Preliminary results on LIMO mathematical reasoning tasks show that the Hogwild! Combined layout allows multiple workers (e.g., 2 workers) to achieve higher accuracy faster than single-threaded baselines or independent parallel workers, reaching approximately 89% accuracy with an 8192 max forward pass budget, surpassing other methods at equivalent budgets. For AI practitioners, the principal implication is that existing reasoning-capable LLMs can potentially leverage shared KV caches for parallel, collaborative inference out-of-the-box to improve efficiency, without requiring model fine-tuning or explicit coordination protocols.',
    # 2025-02-21
    "2502.14739": "SuperGPQA is a new benchmark for evaluating LLMs across 285 graduate-level disciplines, utilizing a human-LLM collaborative filtering mechanism. i) SuperGPQA is a new challenging benchmark for evaluating large language model knowledge and reasoning at the graduate level. ii) Main research question/objective: To assess the capabilities of LLMs across a wide range of specialized, graduate-level academic disciplines, exceeding the scope of existing benchmarks. iii) Key methodology: A human-LLM collaborative filtering system was employed, involving crowd-sourcing annotators, experts, and SOTA LLMs with iterative refinement of questions based on LLM responses and expert feedback, followed by a 3-stage quality inspection process. iv) Primary results: The reasoning-focused model DeepSeek-R1 achieved the highest accuracy of 61.82% on SuperGPQA, demonstrating significant room for improvement for current LLMs. v) Principal implication for AI practitioners: The benchmark reveals a substantial gap between current LLM capabilities and graduate-level human expertise, highlighting the need for developing models with enhanced reasoning and specialized domain knowledge to advance research towards Artificial General Intelligence.",
    # 2025-10-10
    "2509.23500": "This paper systematically evaluates how optimizer choice impacts large language model performance under post-training and quantization-aware training regimes. i) The main objective is to investigate the interaction between different optimizers and quantization schemes (PTQ and QAT) to determine which optimizers yield more robust quantized models. ii) The authors train OLMo2 models (50M to 1.5B parameters) with six optimizers (AdamW, Muon, PSGD, Scion, Shampoo, SOAP), then apply 4-bit PTQ and perform 4-bit QAT, evaluating performance on zero-shot benchmarks and developing a theoretical framework to analyze error propagation. iii) The primary results show that common outlier metrics like Max-to-Mean Ratio (MMR) do not predict PTQ performance across different optimizers. For both PTQ and QAT, models trained with Shampoo consistently exhibit the lowest performance degradation; specifically, for the 760M model under QAT, Shampoo's accuracy drop was only -0.46%, the lowest among all optimizers tested. v) The principal implication for AI practitioners is that the optimal optimizer for full-precision training (e.g., Muon in this study) is not necessarily the best for quantized models, and selecting an optimizer like Shampoo can significantly improve the performance and parameter efficiency of low-bit models intended for deployment.",
    # 2024-09-12
    "2409.07129": "This paper introduces MVLLaVA, a novel intelligent agent for synthesizing novel views by integrating multiple multi-view diffusion models with a large multimodal model, LLaVA. The key innovation lies in the design of task-specific instruction templates that enable MVLLaVA to handle a wide range of user instructions, including single images, captions, and specific viewpoint changes. Experimental results demonstrate that MVLLaVA achieves state-of-the-art performance in accurately recognizing and executing novel view synthesis tasks from diverse input modalities. This work holds significant relevance for AI practitioners, especially those interested in 3D content creation, as it offers a robust and versatile solution for generating consistent multi-view images from flexible user inputs.",
    # 2024-09-19
    "2409.09401": "This paper presents Diffusion-based Audio Captioning (DAC), a novel non-autoregressive model for audio captioning that leverages a diffusion framework. DAC operates within the continuous text latent space and conditions the denoising process on audio features through cross-attention. Experimental results demonstrate that DAC achieves competitive captioning quality compared to state-of-the-art autoregressive models while exhibiting superior performance in terms of generation diversity and speed. Notably, the authors observe that DAC benefits significantly from pre-training on larger audio datasets and that semantic similarity metrics like CLAP and BERT might be more suitable for evaluating captioning quality compared to traditional token-level metrics. DAC's efficiency and diversity make it a compelling solution for AI practitioners interested in deploying audio captioning models in resource-constrained environments or real-time applications.",
    # 2024-09-24
    "2409.13910": "This paper introduces a novel zero-shot voice transfer (VT) module for multilingual text-to-speech (TTS) systems, capable of transferring an individual's voice across languages using a single short reference utterance. The module comprises a speaker encoder, a bottleneck layer (with SegmentGST shown most effective for typical speech), and residual adapters integrated into a pre-existing TTS system. Evaluations demonstrate an average voice transfer similarity score of 73% across nine languages, even with atypical reference speech. This research is highly relevant for AI practitioners developing accessible TTS systems or voice restoration technologies, enabling high-quality, cross-lingual voice transfer and offering potential benefits to individuals with speech impairments.",
    # 2024-10-10
    "2410.05295": "AutoDAN-Turbo aims to automatically discover and combine jailbreak strategies for large language models (LLMs). The method utilizes a lifelong learning agent with three modules: attack generation and exploration, strategy library construction, and jailbreak strategy retrieval. AutoDAN-Turbo achieved an 88.5% attack success rate on GPT-4-1106-turbo, a 74.3% improvement over the runner-up on the HarmBench dataset. This implies that AutoDAN-Turbo can effectively bypass the safety alignment of even highly robust LLMs.",
    # 2024-10-17
    "2410.12409": 'This paper investigates why language agents struggle with planning tasks. Permutation Feature Importance (PFI) analysis of constraint and question components within prompts was used. The results show that constraints have a limited role, and the influence of the question decreases with increasing planning horizon; OpenAI\'s 01 model achieves only 15.6% on the TravelPlanner benchmark. This implies that current memory updating strategies for language agents, while offering some improvements, resemble "shortcut learning" and do not fully address the core issues of constraint integration and long-horizon goal maintenance. Follow up questions: 1. How does the PFI analysis method account for the variability in the natural language generation process of LLMs across different prompts and trials? 2. How can the insights regarding the limitations of episodic and parametric memory updating inform the development of more effective memory mechanisms for language agents specifically aimed at improving planning performance? 3. Can the observed weakness in constraint handling be addressed by incorporating symbolic planning techniques within the LLM framework for agent planning?',
    # 2024-10-29
    "2410.18565": "This research aimed to develop a high-performing Polish language model. The authors adapted the Mistral 7B v0.1 model and further pre-trained it on a curated dataset of Polish and English texts, incorporating techniques like Weighted Instruction Cross-Entropy Loss and Adaptive Learning Rate. Evaluation on the Open PL LLM Leaderboard showed a 9 percentage point improvement over Mistral-7B-v0.1 on the RAG Reader task. This implies that adapting and further training existing multilingual models can significantly improve performance for specific languages. The paper does not detail the exact composition of the training dataset (sizes of Polish vs. English portions, etc.) and the rationale behind the chosen weights for the Weighted Instruction Cross-Entropy Loss.",
    # 2024-10-15
    "2410.10139": "This research aimed to create a benchmark for evaluating interleaved multimodal comprehension and generation in Large Vision-Language Models (LVLMs). The researchers curated a 20K multimodal dataset, MMIE, from existing sources, spanning diverse fields and including multiple-choice and open-ended questions. They fine-tuned InternVL-2-4B with a human-annotated scoring dataset to create an automated evaluation metric. The best-performing integrated LVM (GPT-40 + SDXL) achieved a score of 65.47% on MMIE, indicating significant room for improvement in the field. This suggests to practitioners that current interleaved LVLMs and integrated LVLMs have substantial limitations in tasks requiring both image and text understanding and generation, even with advanced models.",
    # 2024-09-17
    "2409.08199": "This paper introduces AuditoryBench, the first benchmark designed to assess the auditory knowledge of large language models (LLMs). The authors find that LLMs pretrained solely on text data exhibit a significant lack of auditory commonsense knowledge. To address this, they propose AudioBERT, a novel framework that augments LLMs with auditory knowledge through a retrieval-based approach using a combination of auditory knowledge span detection and the CLAP audio-text model. Experiments demonstrate that AudioBERT significantly enhances the ability of LLMs to understand and reason about auditory information. This research has practical implications for AI practitioners, particularly those working on audio-language multimodal tasks such as audio captioning, sound recognition, and audio question answering. The availability of AudioBERT and AuditoryBench provides valuable resources for developing more robust and versatile multimodal AI systems.",
    # 2025-02-21
    "2502.12769": 'This paper investigates the extent of hallucination in large language models (LLMs) across 30 languages in open-domain, knowledge-intensive question answering. The main research question is: How frequently do LLMs hallucinate across different languages and model sizes in a "real-world" question-answering setting, and how does this relate to language resource availability? Key methodology: The researchers trained a multilingual hallucination detection model using machine-translated English data and created a multilingual evaluation dataset (MFAVA) with LLM-generated and human-annotated examples. They then estimated hallucination rates for six open-source LLM families across 30 languages using a novel protocol based on the detection model\'s performance. Primary results: Smaller LLMs and those supporting more languages exhibited significantly higher hallucination rates. The average hallucination rate across languages varied from 7% to 12%. However, there was no correlation between language-normalized hallucination rates and digital language representation. Principal implication for AI practitioners: AI practitioners should be aware that smaller LLM model sizes and models designed for broad multilingual support may be more prone to generating non-factual or unfaithful content in question-answering tasks, necessitating careful model selection and potentially requiring additional mitigation strategies.',
    # 2024-10-25
    "2410.17779": "a) **Objective:** To develop a more parameter- and computationally-efficient vision-language (VL) model fine-tuning framework for tasks like visual question answering and image captioning. b) **Methodology:** The ADEM-VL framework modifies cross-attention modules within pretrained LLMs by replacing parameterized similarity measurements with a parameter-free approach using SiLU activation. It also incorporates multiscale visual features using pooling and an adaptive fusion scheme that discards less relevant visual features based on attention scores. c) **Results:** On the ScienceQA dataset, ADEM-VL fine-tuned on LLaMA-13B achieved 94.55% average accuracy, outperforming existing methods by 0.77%. The paper also reports efficiency improvements in both training and inference times, but specific quantitative comparisons across all relevant baselines are not provided for these metrics. d) **Implication for AI Practitioners:** ADEM-VL offers a more efficient method for fine-tuning VL models, potentially reducing computational costs and resource requirements for training and deploying these models, specifically concerning memory and inference speed.",
}
MARK = r"(?:[a-e]|i{1,3}|iv|v)\)"
# What check-sections counts as a section opening with a leftover marker or label.
LEFTOVER = re.compile(rf"^\s*(?:\*\*|{MARK}\s|\d+\.\s|\d+\.$)")
LABEL = re.compile(rf"^(?:{MARK}\s+|\d\.\s+)?(?:\*\*[^*]{{1,60}}\*\*:?\s*)?:?\s*")


def kinds(text: str) -> list[str]:
    return [s.kind for s in parse_summary(text).sections]


def section_holding(text: str, words: str) -> str:
    """The kind of the section that holds `words`."""
    return next(s.kind for s in parse_summary(text).sections if words in s.text)


def assert_reads_right(text: str) -> None:
    """What a reader notices at once: no leftover markers, no heading twice in a row."""
    sections = parse_summary(text).sections
    for section in sections:
        assert section.text in text  # verbatim
        assert len(re.sub(r"[\W\d_]+", "", LABEL.sub("", section.text))) >= 3, section
        assert not LEFTOVER.match(section.text), section
    for a, b in itertools.pairwise(sections):
        assert a.kind != b.kind, (a, b)


# -- In-sentence enumerations taken for section markers ---------------------------


def test_an_enumeration_inside_a_sentence_opens_no_section() -> None:
    text = ARCHIVE["2510.20668"]
    sections = parse_summary(text).sections
    assert [s.kind for s in sections] == ["tldr", "objective", "methodology", "results", "implications"]
    assert not any(s.text.startswith(("I)", "II)", "III)", "IV)", "V)")) for s in sections)
    assert "five sequential stages: I) Mask-based Models, II) Unified Models" in sections[2].text
    assert_reads_right(text)


def test_a_lettered_enumeration_inside_a_label_section_stays_in_it() -> None:
    text = (
        "**Key methodology used:** The authors propose a two-stage framework: a) perception decomposition, "
        "breaking figures into points and lines; and b) perception flow, using a ruler to trace lines. "
        "**Primary results:** SP improves the F1-score by 6.1%. c) It scales."
    )
    assert kinds(text) == ["methodology", "results"]


# -- Marker and label remnants shown as sections or section openings --------------


@pytest.mark.parametrize("arxiv_id", ["2411.17787", "2412.12083", "2410.17779"])
def test_no_section_is_or_opens_with_a_marker_or_a_label(arxiv_id: str) -> None:
    assert_reads_right(ARCHIVE[arxiv_id])


def test_bold_labels_after_markers_are_left_out() -> None:
    sections = parse_summary(ARCHIVE["2411.17787"]).sections
    assert [s.kind for s in sections] == ["tldr", "objective", "methodology", "results", "implications"]
    assert sections[0].text.startswith("Collaborative Decoding (CoDe) improves")
    assert sections[2].text.startswith("A novel decoding strategy")
    assert "Here's a summary" not in " ".join(s.text for s in sections)


def test_bold_label_without_a_colon_after_chatter_with_a_quoted_title() -> None:
    sections = parse_summary(ARCHIVE["2412.12083"]).sections
    assert [s.kind for s in sections] == ["tldr", "objective", "methodology", "results", "implications"]
    assert sections[0].text.startswith("IDArb is a diffusion-based model")
    assert sections[1].text.startswith("The main objective is")


def test_a_bold_title_is_not_cut_at_its_exclamation_mark() -> None:
    text = ARCHIVE["2504.06261"]
    sections = parse_summary(text).sections
    assert [s.kind for s in sections] == ["tldr", "objective", "methodology", "results", "implications"]
    assert sections[0].text.startswith("This paper proposes Hogwild! Inference, a method enabling")
    assert not any(s.text.startswith(("Inference", "**")) or "**" in s.text for s in sections)
    assert "Combined layout allows multiple workers" in sections[3].text


def test_lettered_layout_with_bold_labels_and_a_stated_limitation() -> None:
    text = ARCHIVE["2410.17779"]
    assert kinds(text) == ["objective", "methodology", "results", "limitations", "implications"]
    assert section_holding(text, "are not provided for these metrics") == "limitations"
    assert not parse_summary(text).sections[-1].text.endswith("**")


# -- Two neighbouring sections of one kind -----------------------------------------


def test_an_overview_before_a_roman_tldr_is_one_tldr() -> None:
    text = ARCHIVE["2502.14739"]
    sections = parse_summary(text).sections
    assert [s.kind for s in sections] == ["tldr", "objective", "methodology", "results", "implications"]
    assert sections[0].text.startswith("SuperGPQA is a new benchmark for evaluating LLMs across 285")
    assert "SuperGPQA is a new challenging benchmark" in sections[0].text


def test_two_labels_of_one_kind_make_one_heading() -> None:
    text = "**Summary:** X is a model. **One-line summary:** X models Y. **Key methodology:** It uses Z."
    sections = parse_summary(text).sections
    assert [s.kind for s in sections] == ["tldr", "methodology"]
    assert sections[0].text == "X is a model. **One-line summary:** X models Y."


# -- Uncued prose ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arxiv_id", "expected"),
    [
        ("2409.07129", ["tldr", "methodology", "results", "implications"]),
        ("2409.09401", ["tldr", "methodology", "results", "implications"]),
        ("2409.13910", ["tldr", "methodology", "results", "implications"]),
        ("2410.05295", ["objective", "methodology", "results", "implications"]),
        ("2410.12409", ["objective", "methodology", "results", "implications"]),
        ("2410.18565", ["objective", "methodology", "results", "implications", "limitations"]),
        ("2410.10139", ["objective", "methodology", "results", "implications"]),
    ],
)
def test_uncued_prose_is_read_sentence_by_sentence(arxiv_id: str, expected: list[str]) -> None:
    assert kinds(ARCHIVE[arxiv_id]) == expected
    assert_reads_right(ARCHIVE[arxiv_id])


def test_a_method_sentence_is_not_folded_into_the_tldr() -> None:
    text = ARCHIVE["2409.07129"]
    assert section_holding(text, "The key innovation lies in the design of task-specific") == "methodology"
    text = ARCHIVE["2409.09401"]
    assert section_holding(text, "DAC operates within the continuous text latent space") == "methodology"


def test_sentences_are_not_lumped_under_the_objective() -> None:
    text = ARCHIVE["2410.18565"]
    assert section_holding(text, "The authors adapted the Mistral 7B") == "methodology"
    assert section_holding(text, "Evaluation on the Open PL LLM Leaderboard") == "results"
    assert section_holding(text, "This implies that adapting and further training") == "implications"


def test_an_opening_question_is_the_objective() -> None:
    # "investigates why …" is phrased as a question: LABELS.md reads it as the objective
    text = ARCHIVE["2410.12409"]
    assert section_holding(text, "This paper investigates why language agents struggle") == "objective"
    assert parse_summary(text).followups[0].startswith("How does the PFI analysis")


def test_trailing_findings_are_not_limitations() -> None:
    text = ARCHIVE["2409.08199"]
    assert kinds(text) == ["tldr", "results", "methodology", "results", "implications"]
    assert section_holding(text, "exhibit a significant lack of auditory commonsense") == "results"
    text = ARCHIVE["2502.12769"]
    assert section_holding(text, "However, there was no correlation") == "results"
    assert "limitations" not in kinds(text)


def test_a_sentence_saying_what_the_paper_leaves_out_is_a_limitation() -> None:
    text = ARCHIVE["2410.18565"]
    assert section_holding(text, "The paper does not detail the exact composition") == "limitations"


# -- Shifted numbering ------------------------------------------------------------------


def test_shifted_numbering_is_read_by_what_the_parts_say() -> None:
    text = ARCHIVE["2509.23500"]
    sections = parse_summary(text).sections
    assert [s.kind for s in sections] == ["tldr", "objective", "methodology", "results", "implications"]
    assert sections[0].text.startswith("This paper systematically evaluates")
    assert sections[1].text.startswith("The main objective is")
    assert sections[2].text.startswith("The authors train OLMo2 models")
    assert "For both PTQ and QAT" in sections[3].text
    assert sections[4].text.startswith("The principal implication")


# -- Bad input --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "This paper introduces a method that does one thing and another and yet another without a stop",
        "Qwx zzkv plomb frrt. Ftang ftang olé biscuit barrel. Vroom skree blat.",
        "a) b) c) d) e)",
        "!!!! ???? .... ****",
    ],
)
def test_a_summary_that_cannot_be_split_is_one_other_section(text: str) -> None:
    sections = parse_summary(text).sections
    assert [s.kind for s in sections] == ["other"]
    assert sections[0].text == text.strip()


@pytest.mark.parametrize(
    "text",
    [
        "Here is a concise summary of the paper:",
        'Here is a concise summary of the research paper "StyleMaster: Stylize Your Video":',
        "Okay, here's a summary.",
    ],
)
def test_a_summary_that_is_only_a_preamble_keeps_its_text(text: str) -> None:
    sections = parse_summary(text).sections
    assert [s.kind for s in sections] == ["other"]
    assert sections[0].text == text


def test_blank_summaries_have_no_sections() -> None:
    for text in ("", "   ", "\n\n"):
        assert parse_summary(text).sections == ()


# -- Cost grows linearly with the input -----------------------------------------------------


def _seconds(parse: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        parse(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        "a) x ",  # a marker, over and over: the chain search once was quadratic
        "a) x. b) y. c) z. ",
        "i) ii) iii) ",
        "**Key methodology:** We do X. ",
        "1. **Summary:** It is Y. ",
        "The model uses a new attention scheme and outperforms baselines on many tasks. ",
        "The primary result shows a 12.5% gain. ",
        'The "Big Title. Here" is nice. ',
        "Wow! Great, ",
        "** x ",
        ". ",
        "Here is a summary: ",
    ],
)
def test_parsing_cost_grows_at_most_linearly(unit: str) -> None:
    small = unit * (20_000 // len(unit) + 1)
    large = unit * (200_000 // len(unit) + 1)
    parse_summary(small)  # warm up
    assert _seconds(parse_summary, large) < 30 * max(_seconds(parse_summary, small), 1e-4)


def test_a_hundred_thousand_markers_parse_like_a_few() -> None:
    few = "a) x " * 1_000
    many = "a) x " * 100_000
    assert _seconds(parse_summary, many) < 100 * 30 * max(_seconds(parse_summary, few), 1e-4)
    assert [s.kind for s in parse_summary(many).sections] == ["other"]
