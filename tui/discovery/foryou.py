"""`order:foryou`: papers ranked by how much they resemble what the user starred.

A Rocchio profile over the similarity vectors: the mean of the starred
papers' vectors, less half the mean of papers read and left unstarred (what
the user saw and did not keep).  A paper's score is its dot product with the
profile, and its reasons are the terms that contributed most ("because:
diffusion, distillation, video").  With fewer than `MIN_STARS` stars there is
nothing to learn from: the model says how many more it needs instead of
guessing.

Cost at 50,000 papers: one pass over the library's keys (which papers are
starred or read), a profile of a few hundred terms, and one walk over those
terms' postings: ~100 ms.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from tui.discovery import MIN_STARS
from tui.discovery.vectors import SimilarityIndex

if TYPE_CHECKING:
    from tui.store.library import Library
    from tui.store.search import StateView

# How much a read-but-unstarred paper pulls the profile away from its terms.
UNSTARRED_WEIGHT: Final = 0.5
# Read papers looked at, newest first: enough to learn what bores the reader, bounded in cost.
MAX_UNSTARRED: Final = 2000
PROFILE_LIKES: Final = 150  # strongest positive terms kept
PROFILE_DISLIKES: Final = 50  # strongest negative terms kept
REASONS: Final = 3


@dataclass(frozen=True)
class ForYou:
    """What the user's marks say about every paper; see `ready`, `rank` and `reasons`."""

    stars: int  # starred papers found in the library
    similarity: SimilarityIndex | None = None
    profile: Mapping[int, float] = field(default_factory=dict)  # term id -> weight
    scores: Mapping[int, float] = field(default_factory=dict)  # library index -> score

    @property
    def needs(self) -> int:
        """How many more stars the model needs (0 when it can rank)."""
        return max(0, MIN_STARS - self.stars)

    @property
    def ready(self) -> bool:
        """True when there were enough stars to learn from."""
        return self.needs == 0

    @property
    def message(self) -> str:
        """One line for the search box or stderr when it cannot rank yet ('' when it can)."""
        if self.ready:
            return ""
        have = f"you have {self.stars}" if self.stars else "you have none"
        more = "1 more starred paper" if self.needs == 1 else f"{self.needs} more starred papers"
        return f"order:foryou needs {more} to learn from ({have} in these digests)"

    def score(self, index: int) -> float:
        """How much paper `index` resembles the starred papers (0 when it shares no term)."""
        return self.scores.get(index, 0.0)

    def rank(self, hits: Iterable[int]) -> list[int]:
        """`hits` best match first; ties (and everything, when not ready) keep their order."""
        hits = list(hits)
        if not self.ready:
            return hits
        order = {index: position for position, index in enumerate(hits)}
        scores = self.scores
        return sorted(hits, key=lambda i: (-scores.get(i, 0.0), order[i]))

    def reasons(self, index: int, count: int = REASONS) -> tuple[str, ...]:
        """The terms that brought paper `index` up, strongest first ("diffusion", "kv cache")."""
        if self.similarity is None or not self.ready:
            return ()
        profile = self.profile
        contributions = [
            (weight * profile[term], term)
            for term, weight in self.similarity.terms_of(index)
            if profile.get(term, 0.0) > 0.0
        ]
        vocabulary = self.similarity.vocabulary
        return tuple(vocabulary[term] for _, term in heapq.nlargest(count, contributions))


def learn(similarity: SimilarityIndex, starred: Sequence[int], unstarred: Sequence[int]) -> ForYou:
    """The model of the starred papers against the read-but-unstarred ones (library indices)."""
    if len(starred) < MIN_STARS:
        return ForYou(len(starred))
    profile: dict[int, float] = {}
    _add_mean(profile, similarity, starred, 1.0)
    _add_mean(profile, similarity, unstarred, -UNSTARRED_WEIGHT)
    likes = heapq.nlargest(PROFILE_LIKES, ((w, t) for t, w in profile.items() if w > 0))
    dislikes = heapq.nsmallest(PROFILE_DISLIKES, ((w, t) for t, w in profile.items() if w < 0))
    kept = {term: weight for weight, term in (*likes, *dislikes)}
    scores = similarity.accumulate(kept.items())
    return ForYou(len(starred), similarity, kept, scores)


def marked(library: Library, state: StateView) -> tuple[list[int], list[int]]:
    """One index per starred paper, and per read-unstarred paper (newest first, capped)."""
    stars, read = state.starred, state.read
    starred: list[int] = []
    unstarred: list[int] = []
    for key, indices in library.indices_by_key.items():
        if key in stars:
            starred.append(indices[0])
        elif key in read and len(unstarred) < MAX_UNSTARRED:
            unstarred.append(indices[0])
    return starred, unstarred


def _add_mean(
    profile: dict[int, float], similarity: SimilarityIndex, papers: Sequence[int], scale: float
) -> None:
    """Add `scale` times the mean vector of `papers` to `profile`."""
    if not papers:
        return
    share = scale / len(papers)
    get = profile.get
    for paper in papers:
        for term, weight in similarity.terms_of(paper):
            profile[term] = get(term, 0.0) + share * weight
