"""What the sentence model sees of a prose sentence: its words, verb, subject and place.

A feature is a short string ("f0:this", "vc:res", "sj0:paper"); the model
(`sentence_model`) holds a weight per feature and kind.  Words are cut to
their first six letters, so "achieves", "achieved" and "achieving" are one
word ("achiev") without a stemmer.  Beyond the words themselves:

- the sentence's main verb, the first word of a known verb class ("introduces"
  is an overview, "aims" an aim, "employs" a method, "outperforms" a result,
  "suggests" an implication), and its subject ("This paper", "The authors",
  a name, "AI practitioners");
- whether it asks a question ("investigates whether …") or states an aim as
  its verb ("X aims to …"): the LABELS rule for an opening objective;
- its cue phrase and content reading (`prose`), numbers and percentages;
- its place (first, second, middle, last) and whether the summary as a whole
  is written with cue phrases (the 2025 template) or without (2024).

`is_place_feature` tells the features of place and summary from the rest, so
training can leave them out for examples whose place means something else.
"""

from __future__ import annotations

import re
from typing import Final

from tui.digest.model import SectionKind
from tui.digest.prose import content_kind, opening_cue, states_limitation

STEM: Final = 6
# Words read per sentence: the gist of a summary sentence is in its first half
# (5-fold cross-validation: 25 words read as well as 40, and better than 15).
_BAG_WORDS: Final = 25
_VERB_REACH: Final = 14
_DIGIT: Final = re.compile(r"\d")
_BY_DOING: Final = re.compile(r"\b[Bb]y\s+[a-z]+ing\b")
_BY_DOING_REACH: Final = 120
_NUMBER_WORDS: Final = frozenset(("<pct>", "<times>", "<size>", "<dec>", "<int>"))
_PUNCTUATION: Final = str.maketrans(dict.fromkeys(',;:!?()[]{}"“”‘’*`', " "))
_VERB_CLASSES: Final[dict[str, str]] = {
    "over": "investigates introduces presents surveys reviews describes explores examines evaluates "
    "analyzes analyses studies outlines establishes details reports",
    "aim": "aims aimed seeks sought addresses tackles attempts strives focuses",
    "meth": "employs utilizes leverages uses used using integrates combines consists comprises involves "
    "trains trained fine-tunes constructs curates curated creates develops designs builds built "
    "incorporates adopts applies apply extracts formulates extends augments operates implements "
    "collects conducts relies proposes decomposes benchmarks benchmarked compares compared tests tested "
    "assesses assessed measures measured annotates annotated simulates simulated contains",
    "res": "achieves outperforms surpasses show shows showed shown demonstrates reveals find finds found "
    "improves reduces increases boosts attains reach yields exceeds match obtains exhibits performs "
    "score gains outcome",
    "impl": "implies implied suggests enables allows offers highlights underscores emphasizes benefits",
    "lim": "lack lacks unclear fail fails",
    "be": "is are was were",
}
_VERBS: Final[dict[str, str]] = {
    word[:STEM]: verb_class for verb_class, words in _VERB_CLASSES.items() for word in words.split()
}
_ASKING: Final = frozenset(w[:STEM] for w in "investigates examines explores asks studies study".split())
_QUESTION_WORDS: Final = frozenset(w[:STEM] for w in ("whether", "why", "how", "if", "what", "which"))
_AIMING: Final = ("aim", "seek", "sought")
_METHOD_NOUNS: Final = "method framework model approach system technique pipeline architecture algorithm"
_DETERMINERS: Final = frozenset(("this", "the", "these", "our", "its", "their"))
_SUBJECT_NOUNS: Final[dict[str, str]] = {
    **dict.fromkeys((w[:STEM] for w in "paper research study work survey report article".split()), "paper"),
    **dict.fromkeys((w[:STEM] for w in "authors researchers they we".split()), "authors"),
    **dict.fromkeys((w[:STEM] for w in "experiments results evaluation findings analysis".split()), "res"),
    **dict.fromkeys((w[:STEM] for w in _METHOD_NOUNS.split()), "meth"),
    **dict.fromkeys((w[:STEM] for w in "practitioners developers engineers ai".split()), "pract"),
}
_LEADING_WORDS: Final = frozenset(
    "for by on in using with to while unlike compared notably however additionally furthermore moreover "
    "specifically overall finally".split()
)
# Features that say where a sentence stands (or what summary it is in), not what it says.
_PLACE_PREFIXES: Final = (
    "pos:",
    "doc",
    "islast",
    "vc0:",
    "vc1:",
    "vcmid:",
    "vclast:",
    "sj0:",
    "sj1:",
    "sjmid:",
    "sjlast:",
    "askq",
    "aimv",
)
_CUED_SENTENCES: Final = 2


def is_place_feature(feature: str) -> bool:
    """Whether `feature` says where a sentence stands rather than what it says."""
    return feature == "b" or feature.startswith(_PLACE_PREFIXES)


def opening_cues(sentences: list[str]) -> list[SectionKind | None]:
    """Each sentence's own cue (`prose.opening_cue`), read once for its several uses."""
    return [opening_cue(sentence) for sentence in sentences]


def summary_is_cued(cues: list[SectionKind | None]) -> bool:
    """Whether the sentences after the first are written with cue phrases ("The main objective …")."""
    return sum(cue is not None for cue in cues[1:]) >= _CUED_SENTENCES


def _words(sentence: str) -> list[str]:
    """The sentence's first words, lower-cased and cut to `STEM` letters; numbers by their sort.

    Punctuation becomes space first (one C-level pass), so "(LLMs)," is "llms";
    a full stop only ends a word, so "3.5%" and "e.g." stay one word each.
    """
    tokens = sentence.lower().translate(_PUNCTUATION).split(None, _BAG_WORDS)[:_BAG_WORDS]
    words = [token[:STEM] if token.isalpha() else _odd_word(token) for token in tokens]
    return [word for word in words if word] if "" in words else words


def _odd_word(token: str) -> str:
    """A token with more than letters: a number by its sort, else itself without end dots.

    A count of things ("52 tasks", "2,548 questions") describes a setup; a
    percentage, a decimal score, a factor or a model size is usually a result.
    """
    token = token.rstrip(".")
    if not _DIGIT.search(token):
        return token[:STEM]
    if "%" in token:
        return "<pct>"
    if token[-1] in "x×":
        return "<times>"
    if token[-1] in "bmkt" and token[0].isdigit():
        return "<size>"
    return "<dec>" if "." in token else "<int>"


def _subject(words: list[str], sentence: str) -> str:
    """What the sentence is about, by its opening words: "paper", "authors", "name" and so on."""
    first = words[0] if words else ""
    second = words[1] if len(words) > 1 else ""
    if first in _DETERMINERS:
        named = _SUBJECT_NOUNS.get(second)
        if named is not None:
            return named
        return "this" if first in ("this", "these") else "the"
    if first in _SUBJECT_NOUNS:
        return _SUBJECT_NOUNS[first]
    if first in _LEADING_WORDS:
        return "lead:" + first
    return "name" if sentence.lstrip(' *"“(')[:1].isupper() else "other"


def sentence_features(
    sentence: str, index: int, count: int, cued: bool, cue: SectionKind | None, firm: SectionKind | None
) -> list[str]:
    """The features of the `index`-th of `count` prose sentences of a (cued or uncued) summary.

    `cue` and `firm` are the sentence's own cue (`prose.opening_cue`) and
    template phrase (`prose.firm_cue`).
    """
    words, features = read_sentence(sentence, index, count, cued, cue, firm)
    return bag_features(words) + features


def bag_features(words: list[str]) -> list[str]:
    """The bag-of-words features: "w:" and each of the words, once."""
    # dict.fromkeys: each word once, in a fixed order, so fitting is repeatable
    return list(dict.fromkeys("w:" + w for w in words))


def read_sentence(
    sentence: str, index: int, count: int, cued: bool, cue: SectionKind | None, firm: SectionKind | None
) -> tuple[list[str], list[str]]:
    """A sentence's first words, and its features but the bag of words (`bag_features`).

    Apart so that the parser can weigh the bag of words without spelling out
    its feature names (`sentence_model`); `sentence_features` joins them.
    """
    words = _words(sentence)
    features = ["b"]
    features.extend(f"f{k}:{w}" for k, w in enumerate(words[:3]))
    if len(words) > 1:
        features.append(f"f01:{words[0]}_{words[1]}")
    if len(words) > 2:
        features.append(f"f12:{words[1]}_{words[2]}")
    numbers = [word for word in words if word in _NUMBER_WORDS]
    features.append(f"num:{min(len(numbers), 3)}")
    features.extend(dict.fromkeys("n:" + word for word in numbers))
    features.extend(f"nn:{words[at + 1]}" for at, word in enumerate(words[:-1]) if word == "<int>")
    if "%" in sentence:
        features.append("pct")
    if cue is not None:
        features.append("cue:" + cue)
    if firm is not None:
        features.append("firm:" + firm)
    content = content_kind(sentence.lower())
    if content is not None:
        features.append("ck:" + content)
    if states_limitation(sentence):
        features.append("lim")
    if _BY_DOING.search(sentence, 0, _BY_DOING_REACH):
        features.append("by-ing")  # "X achieves this by maintaining …": how, not what
    place = "0" if index == 0 else "1" if index == 1 else "last" if index == count - 1 else "mid"
    features.append("pos:" + place)
    if index == count - 1:
        features.append("islast")
    summary = "cued" if cued else "uncued"
    features.extend(("doc:" + summary, f"doc{place}:{summary}"))
    subject = _subject(words, sentence)
    features.extend(("sj:" + subject, f"sj{place}:{subject}"))
    for at, word in enumerate(words[:_VERB_REACH]):
        verb_class = _VERBS.get(word)
        if verb_class is None:
            continue
        features.extend(
            ("vc:" + verb_class, f"vc{place}:{verb_class}", "vw:" + word, f"sjvc:{subject}_{verb_class}")
        )
        if word in _ASKING and not _QUESTION_WORDS.isdisjoint(words[at + 1 : at + 4]):
            features.extend(("askq", "askq" + place))
        if verb_class == "aim" and word.startswith(_AIMING):
            features.extend(("aimv", "aimv" + place))
        break
    return words, features
