"""The discovery files on disk: one container format, versioned, checksummed, atomic.

    <data dir>/similarity.index      the vectors (tui.discovery.vectors)
    <data dir>/similarity.sections   every paper's folded section texts

Each file is `MAGIC`, one line of JSON (the fingerprint it was built for and
its parts: name, length, CRC-32), then the parts' bytes.  A file built for
other content (another archive, a parser change, another version of this
code) is *stale* and silently rebuilt; one that cannot be what it claims
(truncated, a flipped bit, not ours at all, a FIFO) is *damaged*: rebuilt
too, with one line of warning.  Both can always be deleted.  Files are read
through `tui.store.safe_io` (regular files only, size-capped) and written
with `tui.store.storage.atomic_write`, so a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import zlib
from array import array
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Final

import orjson

from tui.discovery.vectors import SimilarityIndex
from tui.store.library import Library
from tui.store.safe_io import MAX_STORE_BYTES, UnreadableFile, read_regular

FORMAT: Final = 1
MAGIC: Final = b"paperbrowse discovery\n"
INDEX_NAME: Final = "similarity.index"
SECTIONS_NAME: Final = "similarity.sections"
# The modules whose code decides what the files hold: the digest parser (titles,
# summaries, sections), the cached record form, and the discovery build itself.
_MAX_HEADER: Final = 1 << 20
_SHAPING: Final = ("text.py", "vectors.py", "analyse.py", "files.py")


Buffer = bytes | memoryview


class DamagedFile(Exception):
    """A discovery file that exists but cannot be read back; `reason` says why, for one line."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@cache
def index_version() -> str:
    """A hash of the code that shapes the files and of this machine's number sizes.

    Like `tui.store.cache.parser_version`, but over every parsing module,
    sections included (the cache leaves those out: it stores no sections).
    """
    import tui.digest as digest_package
    from tui.store import records

    digest = zlib.crc32(f"{FORMAT} {sys.byteorder} {array('I').itemsize} {array('f').itemsize}".encode())
    here = Path(__file__).parent
    sources = [
        *sorted(Path(digest_package.__file__).parent.glob("*.py")),
        Path(records.__file__),
        *(here / name for name in _SHAPING),
    ]
    for source in sources:
        with contextlib.suppress(OSError):
            digest = zlib.crc32(source.read_bytes(), digest)
    return f"{digest:08x}"


def content_fingerprint(library: Library) -> str:
    """What a library's discovery files must have been built for: its files' content, in order.

    The papers' order (their library indices, which the files address) follows
    from the files and their order, and each file's content from its SHA-1.
    """
    digest = hashlib.blake2b(index_version().encode(), digest_size=16)
    for entry in library.files:
        digest.update(f"\n{entry.path}\0{entry.sha1}\0{len(entry.paper_keys)}".encode())
    digest.update(f"\n{len(library)}".encode())
    return digest.hexdigest()


def encode(fingerprint: str, parts: Mapping[str, Buffer]) -> bytes:
    """A whole file: magic, header, parts."""
    header = {
        "fingerprint": fingerprint,
        "parts": [[name, len(data), zlib.crc32(data)] for name, data in parts.items()],
    }
    return b"".join((MAGIC, orjson.dumps(header), b"\n", *parts.values()))


def write(path: Path, fingerprint: str, parts: Mapping[str, Buffer]) -> None:
    """Replace `path` atomically (OSError when the data dir cannot be written)."""
    from tui.store.storage import atomic_write

    atomic_write(path, encode(fingerprint, parts))


def read(path: Path, fingerprint: str) -> dict[str, memoryview] | None:
    """The parts of `path` when it was built for `fingerprint`; None when missing or stale.

    Raises `DamagedFile` when the file is there but is not a sound discovery file.
    """
    try:
        raw, _ = read_regular(path, MAX_STORE_BYTES)
    except FileNotFoundError:
        return None
    except UnreadableFile as error:
        raise DamagedFile(path, error.reason) from None
    except OSError as error:
        raise DamagedFile(path, f"cannot be read ({error.strerror or error})") from None
    return decode(path, raw, fingerprint)


def decode(path: Path, raw: bytes, fingerprint: str) -> dict[str, memoryview] | None:
    """The parts of a file's bytes (see `read`), as views: a 26 MB index is not copied again."""
    if not raw.startswith(MAGIC):
        raise DamagedFile(path, "not a paperbrowse discovery file")
    end = raw.find(b"\n", len(MAGIC), len(MAGIC) + _MAX_HEADER)
    try:
        header = orjson.loads(raw[len(MAGIC) : end if end >= 0 else len(raw)])
    except orjson.JSONDecodeError:
        raise DamagedFile(path, "its header is not readable") from None
    if not isinstance(header, dict) or not isinstance(header.get("parts"), list) or end < 0:
        raise DamagedFile(path, "its header is not readable")
    if header.get("fingerprint") != fingerprint:
        return None  # built for other digests or by other code: stale, not damaged
    parts: dict[str, memoryview] = {}
    view = memoryview(raw)
    position = end + 1
    for item in header["parts"]:
        if not (
            isinstance(item, list)
            and len(item) == 3
            and isinstance(item[0], str)
            and all(isinstance(n, int) and n >= 0 for n in item[1:])
        ):
            raise DamagedFile(path, "its header is not readable")
        name, length, crc = item
        data = view[position : position + length]
        if len(data) != length:
            raise DamagedFile(path, "it is truncated")
        if zlib.crc32(data) != crc:
            raise DamagedFile(path, f"its {name} part is corrupted (checksum mismatch)")
        parts[name] = data
        position += length
    if position != len(raw):
        raise DamagedFile(path, "it has bytes after its last part")
    return parts


def to_array(path: Path, parts: Mapping[str, Buffer], name: str, typecode: str) -> array[int] | array[float]:
    """Part `name` as an array of `typecode`; `DamagedFile` when missing or of a ragged length."""
    data = parts.get(name)
    values = array(typecode)
    if data is None or len(data) % values.itemsize:
        raise DamagedFile(path, f"its {name} part is missing or cut short")
    values.frombytes(data)
    return values


def unpack(path: Path, parts: Mapping[str, Buffer], name: str) -> str:
    """Part `name` as text (zstd-compressed UTF-8); `DamagedFile` when it is not."""
    import zstandard

    data = parts.get(name)
    if data is None:
        raise DamagedFile(path, f"its {name} part is missing")
    try:
        # The size a frame claims is checked first: a crafted file must not make us allocate gigabytes.
        if not 0 <= zstandard.frame_content_size(data) <= MAX_STORE_BYTES:
            raise DamagedFile(path, f"its {name} part claims an impossible size")
        return zstandard.ZstdDecompressor().decompress(data).decode("utf-8")
    except (zstandard.ZstdError, UnicodeDecodeError):
        raise DamagedFile(path, f"its {name} part does not decompress") from None


def pack(text: str) -> bytes:
    """Text as a part: UTF-8, zstd (section texts shrink ~4x; ~0.1 s for 60 MB)."""
    import zstandard

    return zstandard.ZstdCompressor(level=3).compress(text.encode("utf-8"))


_ARRAYS: Final = (
    ("doc_offsets", "I"),
    ("doc_terms", "I"),
    ("doc_weights", "f"),
    ("term_offsets", "I"),
    ("term_docs", "I"),
    ("term_weights", "f"),
)


def similarity_parts(index: SimilarityIndex) -> dict[str, bytes]:
    """The parts of `similarity.index`."""
    parts = {"vocabulary": pack("\n".join(index.vocabulary))}
    for name, _ in _ARRAYS:
        parts[name] = getattr(index, name).tobytes()
    return parts


def similarity_from_parts(path: Path, parts: Mapping[str, Buffer], papers: int) -> SimilarityIndex:
    """The index the parts hold, checked to be sound for `papers` papers (else `DamagedFile`)."""
    text = unpack(path, parts, "vocabulary")
    vocabulary = text.split("\n") if text else []
    arrays = [to_array(path, parts, name, code) for name, code in _ARRAYS]
    index = SimilarityIndex(vocabulary, *arrays)  # type: ignore[arg-type]
    problem = "it holds another number of papers" if len(index) != papers else index.validate()
    if problem:
        raise DamagedFile(path, problem)
    return index


def sections_parts(texts: Mapping[str, list[str]]) -> dict[str, bytes]:
    """The parts of `similarity.sections`: each kind's texts, NUL-separated."""
    return {kind: pack("\0".join(column)) for kind, column in texts.items()}


def section_column(path: Path, parts: Mapping[str, Buffer], kind: str, papers: int) -> list[str]:
    """One kind's texts, one per paper (else `DamagedFile`)."""
    column = unpack(path, parts, kind).split("\0") if papers else []
    if len(column) != papers:
        raise DamagedFile(path, f"its {kind} part holds another number of papers")
    return column
