"""A stand-in arXiv API and Hugging Face daily-papers API on 127.0.0.1.

Speaks what the real services send (modelled on real answers): arXiv's Atom
feed (`http://www.w3.org/2005/Atom`, the `arxiv:` and `opensearch:`
namespaces, `<id>` as the abstract URL of the latest version, titles broken
across lines, the single error entry for a malformed id), and Hugging
Face's JSON list of `{"paper": {"id", "title", "upvotes", "authors": [{"name"}]}, …}`.
It can be told to misbehave (rate limits, 5xx, malformed or hostile XML and
JSON, truncated bodies, slowness, a stall after some requests) and records
every request with its arrival time.

Run on its own for trying paperbrowse by hand (it serves every paper of a
digest archive):

    python -m tests.enrich_server ../shared/corpus/daily-ai-papers/archive
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape, quoteattr

ARXIV_PATH = "/api/query"
HF_PATH = "/api/daily_papers"
CATEGORIES = ("cs.CL", "cs.CV", "cs.LG", "cs.AI", "cs.RO", "eess.AS")
_NEW_ID = re.compile(r"\d{4}\.\d{4,5}")


@dataclass
class FakePaper:
    """One paper as both services know it."""

    arxiv_id: str
    title: str
    authors: list[str]
    date: str  # the digest day it is listed on (Hugging Face's date)
    abstract: str = "We study a problem.\n  It matters."
    primary: str = "cs.CL"
    categories: list[str] = field(default_factory=lambda: ["cs.CL", "cs.AI"])
    published: str = "2025-10-28T17:35:39Z"
    updated: str = "2025-10-29T09:12:01Z"
    version: int = 2
    doi: str | None = None
    journal_ref: str | None = None
    comment: str | None = "15 pages, 4 figures"
    upvotes: int = 12
    on_hf: bool = True
    hf_authors: list[str] | None = None  # what Hugging Face lists, if not the same as arXiv


@dataclass
class FakeServices:
    """What the stand-ins hold and how they behave."""

    papers: dict[str, FakePaper] = field(default_factory=dict)
    # ok | 429 | 403 | 500 | flaky | malformed | billion-laughs | external-entity | truncate
    # | slow | stall | empty | empty-entries
    arxiv_mode: str = "ok"
    hf_mode: str = "ok"  # ok | 429 | 500 | deep | not-json | error
    ok_before_stall: int = 1  # "stall": this many answers, then requests hang until `release`
    flaky_failures: int = 2  # "flaky": this many 500s, then answers
    malformed_ids: set[str] = field(default_factory=set)  # arXiv answers these with its error entry
    arxiv_requests: list[tuple[float, str]] = field(default_factory=list)
    hf_requests: list[tuple[float, str]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    base: str = ""

    @property
    def arxiv_url(self) -> str:
        return self.base + ARXIV_PATH

    @property
    def hf_url(self) -> str:
        return self.base + HF_PATH

    def asked_ids(self) -> list[str]:
        """Every id asked of arXiv, in order."""
        found = []
        for _, path in self.arxiv_requests:
            query = parse_qs(urlsplit(path).query)
            found += [i for i in query.get("id_list", [""])[0].split(",") if i]
        return found


def _entry(paper: FakePaper) -> str:
    title = paper.title
    if len(title) > 30:  # arXiv wraps long titles, with the next line indented
        cut = title.rfind(" ", 0, 30)
        title = title[:cut] + "\n  " + title[cut + 1 :] if cut > 0 else title
    authors = "".join(
        f"\n    <author>\n      <name>{escape(name)}</name>\n    </author>" for name in paper.authors
    )
    ns = 'xmlns:arxiv="http://arxiv.org/schemas/atom"'
    extra = ""
    if paper.doi:
        extra += f"\n    <arxiv:doi {ns}>{escape(paper.doi)}</arxiv:doi>"
        extra += f'\n    <link title="doi" href="http://dx.doi.org/{escape(paper.doi)}" rel="related"/>'
    if paper.comment:
        extra += f"\n    <arxiv:comment {ns}>{escape(paper.comment)}</arxiv:comment>"
    if paper.journal_ref:
        extra += f"\n    <arxiv:journal_ref {ns}>{escape(paper.journal_ref)}</arxiv:journal_ref>"
    versioned = f"{paper.arxiv_id}v{paper.version}"
    categories = "".join(
        f'\n    <category term={quoteattr(c)} scheme="http://arxiv.org/schemas/atom"/>'
        for c in paper.categories
    )
    return f"""
  <entry>
    <id>http://arxiv.org/abs/{versioned}</id>
    <updated>{paper.updated}</updated>
    <published>{paper.published}</published>
    <title>{escape(title)}</title>
    <summary>  {escape(paper.abstract)}
</summary>{authors}{extra}
    <link href="http://arxiv.org/abs/{versioned}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/{versioned}" rel="related" type="application/pdf"/>
    <arxiv:primary_category {ns} term={quoteattr(paper.primary)} scheme="http://arxiv.org/schemas/atom"/>{categories}
  </entry>"""


def _error_entry(arxiv_id: str) -> str:
    anchor = f"http://arxiv.org/api/errors#incorrect_id_format_for_{arxiv_id}"
    return f"""
  <entry>
    <id>{anchor}</id>
    <title>Error</title>
    <summary>incorrect id format for {escape(arxiv_id)}</summary>
    <updated>2025-10-30T00:00:00-04:00</updated>
    <link href="{anchor}" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>"""


def atom_feed(query: str, entries: list[str]) -> bytes:
    """A whole feed as arXiv lays it out."""
    opensearch = 'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"'
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href={quoteattr("http://arxiv.org/api/query?" + query)} rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: {escape(query)}</title>
  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>
  <updated>2025-10-30T00:00:00-04:00</updated>
  <opensearch:totalResults {opensearch}>{len(entries)}</opensearch:totalResults>
  <opensearch:startIndex {opensearch}>0</opensearch:startIndex>
  <opensearch:itemsPerPage {opensearch}>{len(entries)}</opensearch:itemsPerPage>{"".join(entries)}
</feed>
""".encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol4;</title></entry></feed>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2510.24668v1</id>
<title>&xxe;</title></entry></feed>
"""


def hf_day(state: FakeServices, date: str) -> bytes:
    """The daily-papers list for `date`, shaped like Hugging Face's."""
    items = []
    for paper in state.papers.values():
        if paper.date != date or not paper.on_hf:
            continue
        authors = [
            {"_id": f"67{n:022x}", "name": name, "hidden": False}
            for n, name in enumerate(paper.authors if paper.hf_authors is None else paper.hf_authors)
        ]
        items.append(
            {
                "paper": {
                    "id": paper.arxiv_id,
                    "authors": authors,
                    "publishedAt": paper.published.replace("Z", ".000Z"),
                    "submittedOnDailyAt": f"{date}T00:36:42.409Z",
                    "title": paper.title,
                    "summary": paper.abstract,
                    "upvotes": paper.upvotes,
                    "discussionId": "6901a3f1c0ffee",
                    "ai_summary": "A summary.",
                    "ai_keywords": ["agents", "search"],
                },
                "publishedAt": paper.published.replace("Z", ".000Z"),
                "title": paper.title,
                "summary": paper.abstract,
                "mediaUrls": [],
                "thumbnail": f"https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/{paper.arxiv_id}.png",
                "numComments": 3,
                "submittedBy": {"_id": "60f1abe7", "fullname": "AK", "name": "akhaliq", "type": "user"},
                "isAuthorParticipating": False,
            }
        )
    items.sort(key=lambda item: -item["paper"]["upvotes"])  # type: ignore[index]
    return json.dumps(items).encode()


def _handler(state: FakeServices) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _send(
            self, status: int, body: bytes, headers: dict[str, str] | None = None, length: int | None = None
        ) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == ARXIV_PATH:
                state.arxiv_requests.append((time.monotonic(), self.path))
                self._arxiv(parse_qs(url.query), url.query, len(state.arxiv_requests))
            elif url.path == HF_PATH:
                state.hf_requests.append((time.monotonic(), self.path))
                self._hf(parse_qs(url.query).get("date", [""])[0])
            else:
                self._send(404, b"Not Found")

        def _arxiv(self, query: dict[str, list[str]], raw_query: str, number: int) -> None:
            mode = state.arxiv_mode
            if mode == "stall" and number > state.ok_before_stall:
                state.release.wait(60)
                mode = "ok"
            if mode == "flaky":
                mode = "500" if number <= state.flaky_failures else "ok"
            if mode == "429":
                self._send(429, b"Rate exceeded.", {"Retry-After": "120"})
            elif mode == "403":
                self._send(403, b"<html>Forbidden</html>")
            elif mode == "500":
                self._send(500, b"<html>Internal Server Error</html>")
            elif mode == "malformed":
                self._send(200, b"<html><body>Service Unavailable</body></html")
            elif mode == "billion-laughs":
                self._send(200, BILLION_LAUGHS)
            elif mode == "external-entity":
                self._send(200, EXTERNAL_ENTITY)
            elif mode == "slow":
                time.sleep(3)
                self._send(200, atom_feed(raw_query, []))
            elif mode == "empty":
                self._send(200, atom_feed(raw_query, []))
            else:
                ids = [i for i in query.get("id_list", [""])[0].split(",") if i]
                bad = [i for i in ids if i in state.malformed_ids]
                if bad:  # arXiv answers a malformed id with one error entry and nothing else
                    self._send(200, atom_feed(raw_query, [_error_entry(bad[0])]))
                    return
                entries = [_entry(state.papers[i]) for i in ids if i in state.papers]
                body = atom_feed(raw_query, entries)
                if mode == "truncate":  # promise it all, send half, hang up
                    self._send(200, body[: len(body) // 2], length=len(body))
                    self.close_connection = True
                else:
                    self._send(200, body, {"Content-Type": "application/atom+xml; charset=UTF-8"})

        def _hf(self, date: str) -> None:
            mode = state.hf_mode
            if mode == "429":
                self._send(429, b'{"error": "Too Many Requests"}', {"Retry-After": "30"})
            elif mode == "500":
                self._send(500, b'{"error": "Internal Error"}')
            elif mode == "deep":
                self._send(200, b"[" * 100_000 + b"]" * 100_000)
            elif mode == "not-json":
                self._send(200, b"<html>oops</html>")
            elif mode == "error":
                self._send(200, b'{"error": "Invalid date"}')
            else:
                self._send(200, hf_day(state, date), {"Content-Type": "application/json; charset=utf-8"})

    return Handler


class QuietServer(ThreadingHTTPServer):
    """A server that does not print the disconnects the failure modes cause."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextmanager
def serve(state: FakeServices, port: int = 0) -> Iterator[FakeServices]:
    """Run the stand-ins in a thread for the length of the block."""
    server = QuietServer(("127.0.0.1", port), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()


def fake_paper(arxiv_id: str, title: str, digest_authors: Iterable[str], date: str, n: int) -> FakePaper:
    """A paper as the real services would describe it: real names in order, more of them than the digest."""
    people = [a for a in digest_authors if " " in a]
    authors = [*people, f"Extra Author{n % 7}", f"Last Person{n % 11}"]
    primary = CATEGORIES[n % len(CATEGORIES)]
    yymm = arxiv_id[:4] if _NEW_ID.fullmatch(arxiv_id) else "2501"
    published = f"20{yymm[:2]}-{yymm[2:]}-1{n % 10}T1{n % 10}:00:00Z"
    return FakePaper(
        arxiv_id,
        title,
        authors,
        date,
        abstract=f"Abstract of {title}.\n  Second line of the abstract.",
        primary=primary,
        categories=[primary, CATEGORIES[(n + 1) % len(CATEGORIES)]],
        published=published,
        updated=published,
        version=1 + n % 3,
        upvotes=(n * 37) % 150,
    )


def papers_from_archive(root: Path) -> dict[str, FakePaper]:
    """Every paper of a digest archive, as the services would know it."""
    from tests.digests import library_of

    library = library_of(sorted(root.rglob("*.md")))
    papers: dict[str, FakePaper] = {}
    for index in range(len(library)):
        record = library.record(index)
        if record["i"] and record["i"] not in papers:
            papers[record["i"]] = fake_paper(
                record["i"], record["t"], record["a"], library.date(index), len(papers)
            )
    return papers


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("archive", type=Path, help="digest archive whose papers to serve")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    state = FakeServices(papers=papers_from_archive(args.archive))
    with serve(state, args.port):
        print(f"PAPERBROWSE_ARXIV_URL={state.arxiv_url}", flush=True)
        print(f"PAPERBROWSE_HF_URL={state.hf_url}", flush=True)
        print(f"serving {len(state.papers):,} papers; Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
