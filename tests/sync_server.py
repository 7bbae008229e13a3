"""A fake GitHub on 127.0.0.1: the git-trees API and the raw file host.

Serves a tree listing and day files built from real digests, and can be told
to misbehave (rate limits, 404s, truncated bodies, malformed trees, slowness).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPO = "gabrielchua/daily-ai-papers"


def blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class FakeGitHub:
    """What the server holds and how it should behave."""

    files: dict[str, bytes] = field(default_factory=dict)  # repo path -> content
    # ok | malformed | not-json | 403 | 404 | slow | drip | endless | newline-path | huge-reset | nested | 500
    tree_mode: str = "ok"
    file_modes: dict[str, str] = field(
        default_factory=dict
    )  # path -> truncate | altered | 404 | slow | drip | endless
    drip_seconds: float = 0.2  # between the bytes of a "drip" body: each read is on time
    requests: list[str] = field(default_factory=list)
    authorization: list[str | None] = field(default_factory=list)
    base: str = ""

    def tree(self) -> bytes:
        entries = [
            {"path": "README.md", "type": "blob", "sha": "0" * 40},
            {"path": "archive", "type": "tree", "sha": "1" * 40},
        ]
        entries += [
            {"path": p, "type": "blob", "sha": blob_sha(d), "mode": "100644"}
            for p, d in sorted(self.files.items())
        ]
        return json.dumps({"sha": "f" * 40, "tree": entries, "truncated": False}).encode()


def _handler(state: FakeGitHub) -> type[BaseHTTPRequestHandler]:
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

        def _drip(self, body: bytes) -> None:
            """Promise the body, then send it a byte at a time, slowly (every read is on time)."""
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(state.drip_seconds)
            except OSError:
                pass

        def _endless(self) -> None:
            """A body that never ends (no length, chunked), a MiB at a time."""
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            block = b"x" * (1 << 20)
            try:
                while True:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
            except OSError:
                pass

        def do_GET(self) -> None:
            state.requests.append(self.path)
            state.authorization.append(self.headers.get("Authorization"))
            tree_prefix = f"/repos/{REPO}/git/trees/"
            if self.path.startswith(tree_prefix):
                mode = state.tree_mode
                if mode == "403":
                    reset = str(int(time.time()) + 600)
                    self._send(
                        403,
                        b'{"message": "API rate limit exceeded"}',
                        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
                    )
                elif mode == "404" or not self.path.startswith(tree_prefix + "main?"):
                    self._send(404, b'{"message": "Not Found"}')
                elif mode == "malformed":
                    self._send(200, b'{"sha": "x", "tree": "nope"}')
                elif mode == "not-json":
                    self._send(200, b"<html>oops</html>")
                elif mode == "slow":
                    time.sleep(3)
                    self._send(200, state.tree())
                elif mode == "drip":
                    self._drip(state.tree())
                elif mode == "endless":
                    self._endless()
                elif mode == "newline-path":
                    tree = json.loads(state.tree())
                    tree["tree"].append({"path": "archive/2025/01/01.md\n", "type": "blob", "sha": "a" * 40})
                    self._send(200, json.dumps(tree).encode())
                elif mode == "huge-reset":
                    headers = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "9" * 21}
                    self._send(403, b'{"message": "API rate limit exceeded"}', headers)
                elif mode == "nested":
                    self._send(200, b'{"tree": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
                elif mode == "500":
                    self._send(500, b"oops")
                else:
                    self._send(200, state.tree())
                return
            raw_prefix = f"/{REPO}/main/"
            path = self.path.removeprefix(raw_prefix)
            if not self.path.startswith(raw_prefix) or path not in state.files:
                self._send(404, b"404: Not Found")
                return
            data = state.files[path]
            mode = state.file_modes.get(path, "ok")
            if mode == "404":
                self._send(404, b"404: Not Found")
            elif mode == "truncate":  # promise everything, send half, hang up
                self._send(200, data[: len(data) // 2], length=len(data))
                self.close_connection = True
            elif mode == "altered":
                self._send(200, data[: len(data) // 2])
            elif mode == "slow":
                time.sleep(3)
                self._send(200, data)
            elif mode == "drip":
                self._drip(data)
            elif mode == "endless":
                self._endless()
            else:
                self._send(200, data)

    return Handler


class QuietServer(ThreadingHTTPServer):
    """A server that does not print the disconnects the failure modes cause."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@contextmanager
def serve(state: FakeGitHub) -> Iterator[FakeGitHub]:
    server = QuietServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
