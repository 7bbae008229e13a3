"""Where metadata comes from and how politely it is asked for, checked before any request.

arXiv's API terms ask for at most one request every three seconds and
recommend batching ids; Hugging Face publishes no limit, so its daily lists
are asked for one at a time with a short pause.  Every setting can come from
a flag or the environment (for tests and mirrors); a bad value is a
`BadSetting` with one sentence, which the command line reports as a usage
error (exit 2) before anything is fetched.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Final

from tui.net.http import BadSetting, checked_url, timeout_from_env

ARXIV_URL_ENV: Final = "PAPERBROWSE_ARXIV_URL"
HF_URL_ENV: Final = "PAPERBROWSE_HF_URL"
ARXIV_DELAY_ENV: Final = "PAPERBROWSE_ARXIV_DELAY"
HF_DELAY_ENV: Final = "PAPERBROWSE_HF_DELAY"
DEFAULT_ARXIV_URL: Final = "https://export.arxiv.org/api/query"
DEFAULT_HF_URL: Final = "https://huggingface.co/api/daily_papers"
DEFAULT_ARXIV_DELAY: Final = 3.0
DEFAULT_HF_DELAY: Final = 1.0
# arXiv answers a few hundred ids per request; 200 entries of Atom are ~1 MB.
DEFAULT_BATCH: Final = 200
# A transient failure (5xx, timeout) is tried this many times in all.
DEFAULT_TRIES: Final = 3
_MAX_DELAY: Final = 600.0


def _delay_from_env(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        raise BadSetting(f"{name}={raw!r} is not a number of seconds") from None
    if not 0 <= seconds <= _MAX_DELAY:
        raise BadSetting(f"{name}={raw!r} must be from 0 to {_MAX_DELAY:.0f} seconds")
    return seconds


@dataclass(frozen=True, slots=True)
class EnrichSettings:
    """Endpoints (full URLs of the query and daily-papers endpoints), delays, batch size, tries."""

    arxiv_url: str = DEFAULT_ARXIV_URL
    hf_url: str = DEFAULT_HF_URL
    arxiv_delay: float = DEFAULT_ARXIV_DELAY
    hf_delay: float = DEFAULT_HF_DELAY
    timeout: float = 20.0
    batch_size: int = DEFAULT_BATCH
    tries: int = DEFAULT_TRIES

    @classmethod
    def from_env(cls, arxiv_url: str | None = None, hf_url: str | None = None) -> EnrichSettings:
        """The settings from flags, else the environment, else the defaults.

        Reads `$PAPERBROWSE_ARXIV_URL`, `$PAPERBROWSE_HF_URL`, the two delays and
        `$PAPERBROWSE_HTTP_TIMEOUT`; raises `BadSetting` for anything unusable.
        """
        arxiv = arxiv_url or os.environ.get(ARXIV_URL_ENV) or DEFAULT_ARXIV_URL
        hf = hf_url or os.environ.get(HF_URL_ENV) or DEFAULT_HF_URL
        return cls(
            arxiv_url=checked_url(arxiv, "the arXiv API URL"),
            hf_url=checked_url(hf, "the Hugging Face URL"),
            arxiv_delay=_delay_from_env(ARXIV_DELAY_ENV, DEFAULT_ARXIV_DELAY),
            hf_delay=_delay_from_env(HF_DELAY_ENV, DEFAULT_HF_DELAY),
            timeout=timeout_from_env(),
        )
