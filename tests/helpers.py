"""Synthetic digest archives for store tests (self-contained: no ../shared needed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

SUMMARY = (
    "This paper introduces Model{n}, a method for {topic}. The main research objective is to study {topic}. "
    "The key methodology involves training on {n} examples. Primary results show a {n}.5% gain. "
    "The principal implication for AI practitioners is that {topic} is practical."
)
TOPICS = ("diffusion video", "agent planning", "retrieval", "speech", "robotics", "reasoning")


def day_text(date: dt.date, serial: int, per_day: int) -> str:
    """One digest day in the current upstream format."""
    rows = []
    for k in range(per_day):
        n = serial * 100 + k
        arxiv_id = f"{date:%y%m}.{n:05d}"
        topic = TOPICS[n % len(TOPICS)]
        title = f"Paper {n} on {topic.title()}"
        rows.append(
            f"| {title} (Read more on [arXiv](https://arxiv.org/abs/{arxiv_id}) or "
            f"[HuggingFace](https://huggingface.co/papers/{arxiv_id}))| Author {n}, Coauthor {k} | "
            f"{SUMMARY.format(n=n, topic=topic)} |"
        )
    return (
        f"## Papers for {date:%Y-%m-%d}\n\n| Title | Authors | Summary |\n|-------|---------|---------|\n"
        + "\n".join(rows)
        + "\n"
    )


def write_archive(
    root: Path, days: int, per_day: int = 5, start: dt.date = dt.date(2025, 1, 6)
) -> list[Path]:
    """`days` weekday files as root/YYYY/MM/DD.md; returns their paths."""
    paths: list[Path] = []
    date = start
    serial = 0
    while len(paths) < days:
        if date.weekday() < 5:
            path = root / f"{date:%Y}" / f"{date:%m}" / f"{date:%d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(day_text(date, serial, per_day), encoding="utf-8")
            paths.append(path)
            serial += 1
        date += dt.timedelta(days=1)
    return paths
