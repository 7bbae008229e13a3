"""Libraries for the discovery tests: the real archive (when ../shared is here) and small
synthetic archives whose topics are known, so a test can say which neighbours are right."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tui.store import Library, Store

TOPIC_TEXT = {
    "splatting": (
        "Gaussian Splatting for {what}",
        "The main research objective is to reconstruct radiance fields with 3D gaussian splatting for {what}. "
        "The key methodology rasterises anisotropic gaussians with differentiable splatting and densification. "
        "Primary results show higher PSNR on novel view synthesis benchmarks. "
        "The principal implication for AI practitioners is faster scene reconstruction.",
    ),
    "decoding": (
        "Speculative Decoding for {what}",
        "The main research objective is to accelerate language model inference with speculative decoding for {what}. "
        "The key methodology drafts tokens with a small draft model and verifies them with the target model. "
        "Primary results show a 2.5x speedup in tokens per second. "
        "The principal implication for AI practitioners is cheaper serving of large models.",
    ),
    "robots": (
        "Vision-Language-Action Policies for {what}",
        "The main research objective is to train vision-language-action robot policies for {what}. "
        "The key methodology fine-tunes a manipulation policy on teleoperated robot trajectories. "
        "Primary results show higher grasp success rates on real robot arms. "
        "The principal implication for AI practitioners is more general robot manipulation.",
    ),
}


@dataclass
class State:
    """A reading state for queries (what `StateView` asks for)."""

    starred: set[str] = field(default_factory=set)
    read: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)
    tags: dict[str, set[str]] = field(default_factory=dict)


def row(arxiv_id: str, title: str, summary: str, authors: str = "A. Author") -> str:
    """One digest table row."""
    return (
        f"| {title} (Read more on [arXiv](https://arxiv.org/abs/{arxiv_id}) or "
        f"[HuggingFace](https://huggingface.co/papers/{arxiv_id}))| {authors} | {summary} |"
    )


def write_day(root: Path, date: str, rows: list[str]) -> Path:
    """A digest file for `date` holding `rows`."""
    year, month, day = date.split("-")
    path = root / year / month / f"{day}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"## Papers for {date}\n\n| Title | Authors | Summary |\n|-------|---------|---------|\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    return path


def topic_archive(root: Path, days: int = 12, start: dt.date = dt.date(2025, 1, 6)) -> dict[str, str]:
    """Days of papers on three topics (one of each per day); returns arXiv id -> topic."""
    topics: dict[str, str] = {}
    for day in range(days):
        date = start + dt.timedelta(days=day * 3)
        rows = []
        for number, (topic, (title, summary)) in enumerate(TOPIC_TEXT.items()):
            arxiv_id = f"{date:%y%m}.{day * 10 + number + 10000:05d}"
            # A word only this paper has: it tells the papers apart and relates nobody.
            what = f"Setting{day}x{number}"
            rows.append(row(arxiv_id, title.format(what=what), summary.format(what=what.lower())))
            topics[arxiv_id] = topic
        write_day(root, date.isoformat(), rows)
    return topics


def open_library(data_dir: Path, *sources: Path) -> tuple[Library, Store]:
    """A library over `sources`, its discovery files kept in `data_dir`."""
    store = Store(data_dir)
    library, _ = store.open_library(list(sources))
    return library, store
