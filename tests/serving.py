"""`paperbrowse serve` as a user starts it: the installed console script, in a process group of its own.

The group is the server and every tab's paperbrowse, so a test can send
them Ctrl-C together (as a terminal does) and kill whatever is left.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PAPERBROWSE = Path(sys.executable).with_name("paperbrowse")
# Nothing served may ask the real arXiv or Hugging Face: port 9 on loopback refuses at once.
NO_METADATA = {
    "PAPERBROWSE_ARXIV_URL": "http://127.0.0.1:9/api/query",
    "PAPERBROWSE_HF_URL": "http://127.0.0.1:9/api/daily_papers",
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Served:
    """A running `paperbrowse serve` and where its output goes."""

    process: subprocess.Popen[bytes]
    port: int
    output: Path

    @property
    def url(self) -> str:
        """The page's address."""
        return f"http://127.0.0.1:{self.port}/"

    def text(self) -> str:
        """Everything it printed so far (stdout and stderr together)."""
        return self.output.read_text(encoding="utf-8", errors="replace")


def wait_for_port(served: Served, timeout: float = 20) -> None:
    """Until the server accepts connections; fails with its output if it exits or never listens."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise AssertionError(f"paperbrowse serve exited {served.process.returncode}:\n{served.text()}")
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex(("127.0.0.1", served.port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"paperbrowse serve never listened on {served.port}:\n{served.text()}")


@contextmanager
def serve(
    tmp_path: Path, *args: str, port: int | None = None, env: dict[str, str] | None = None
) -> Iterator[Served]:
    """`paperbrowse --data-dir <tmp> serve --port <free> ARGS…`, listening; killed (group and all) after.

    `env` adds to (and overrides) the environment it runs in.
    """
    port = port or free_port()
    output = tmp_path / f"serve-{port}.log"
    env = {**os.environ, **NO_METADATA, "PAPERBROWSE_DATA_DIR": str(tmp_path / "data"), **(env or {})}
    with output.open("wb") as sink:
        process = subprocess.Popen(
            [str(PAPERBROWSE), "--data-dir", str(tmp_path / "data"), "serve", "--port", str(port), *args],
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    served = Served(process, port, output)
    try:
        wait_for_port(served)
        yield served
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        with contextlib.suppress(ProcessLookupError):  # a tab's paperbrowse may outlive a killed server
            os.killpg(process.pid, signal.SIGKILL)


@dataclass
class Tab:
    """A WebSocket opened by hand, as the page opens one: the answer's status line, and the socket."""

    status: str
    connection: socket.socket

    def wait_for(self, text: bytes, timeout: float = 20) -> None:
        """Read the tab's raw frames until its paperbrowse has drawn `text`."""
        self.connection.settimeout(timeout)
        received = b""
        deadline = time.monotonic() + timeout
        while text not in received:
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never reached the tab; it got {received[-500:]!r}")
            chunk = self.connection.recv(65536)
            if not chunk:
                raise AssertionError(f"the tab closed before {text!r} reached it")
            received += chunk

    def close_when_told(self, timeout: float = 20) -> None:
        """Read frames until the server closes the socket, then answer and hang up as a browser does.

        Without that the server waits for it (aiohttp: 10 s) before it can
        stop.  Server frames are unmasked: 2 bytes, a 16- or 64-bit length.
        """
        self.connection.settimeout(timeout)
        buffer = b""

        def read(count: int) -> bytes:
            nonlocal buffer
            while len(buffer) < count:
                chunk = self.connection.recv(65536)
                if not chunk:
                    raise AssertionError("the tab's socket ended without a close frame")
                buffer += chunk
            taken, buffer = buffer[:count], buffer[count:]
            return taken

        while True:
            first, second = read(2)
            length = second & 0x7F
            if length == 126:
                length = int.from_bytes(read(2), "big")
            elif length == 127:
                length = int.from_bytes(read(8), "big")
            read(length)
            if first & 0x0F == 0x8:  # close: answer with an empty, masked close frame
                self.connection.sendall(b"\x88\x80" + os.urandom(4))
                self.connection.close()
                return


@contextmanager
def tab(port: int, *, origin: str | None, host: str | None = None) -> Iterator[Tab]:
    """Open the page's WebSocket by hand (status 101: accepted, and a paperbrowse runs for it)."""
    headers = [
        "GET /ws?width=80&height=24 HTTP/1.1",
        f"Host: {host or f'127.0.0.1:{port}'}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Version: 13",
    ]
    if origin is not None:
        headers.append(f"Origin: {origin}")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(("\r\n".join(headers) + "\r\n\r\n").encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = connection.recv(1)  # byte by byte: what follows the headers is the tab's
            if not chunk:
                break
            answer += chunk
        yield Tab(answer.split(b"\r\n", 1)[0].decode("latin-1"), connection)
