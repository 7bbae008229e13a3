"""The web server behind `paperbrowse serve`: textual-serve, kept to the people it is for.

textual-serve starts the given command for every WebSocket that connects
and relays the app's screen (xterm.js draws it in the page) and the page's
keys.  Four things it leaves to its user are done here:

- The page is told to connect back to the address the browser used, not
  the one the server listens on: `0.0.0.0` is no address a browser can
  reach, and `localhost` against `127.0.0.1` would look cross-origin.
- A WebSocket is not bound by the same-origin policy: without a check, any
  web page the user visits could open one to localhost and drive
  paperbrowse, export included (which writes files).  A socket whose
  `Origin` is not the page's own is refused.
- When listening on loopback only, a request that names another host is
  refused: that is DNS rebinding (a foreign name pointed at 127.0.0.1),
  which an Origin check alone lets through.
- Stopping (Ctrl-C, SIGTERM) tells every tab's paperbrowse to quit, waits
  for it and reaps its process: textual-serve leaves open sockets to hold
  shutdown for a minute, and unreaped processes to asyncio, which prints
  a traceback for them as the interpreter exits.

Imported only by `paperbrowse serve`: textual-serve brings aiohttp.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import sys
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("paperbrowse.serve")


class _OneLine(logging.Formatter):
    """Log records as one line each: the user's terminal never shows a traceback."""

    def format(self, record: logging.LogRecord) -> str:
        """`paperbrowse: serve: <message>`, without the exception text logging appends."""
        record.exc_info = record.exc_text = None
        return f"paperbrowse: serve: {record.getMessage()}"


def _is_loopback_name(host: str) -> bool:
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class BrowserServer(Server):
    """textual-serve's server, connecting back to the browser's own address, refusing foreign pages."""

    def __init__(self, command: str, host: str, port: int, *, loopback_only: bool) -> None:
        """Serve `command` per tab on `host:port`; `loopback_only` refuses other host names."""
        super().__init__(command, host=host, port=port, title="paperbrowse")
        self.loopback_only = loopback_only
        self.tabs: set[asyncio.Task[object]] = set()

    def initialize_logging(self) -> None:
        """Warnings and errors, one line each on stderr; no access log, no rich tracebacks."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_OneLine())
        for name in ("textual-serve", "aiohttp", "paperbrowse.serve"):
            logger = logging.getLogger(name)
            logger.handlers[:] = [handler]
            logger.setLevel(logging.WARNING)
            logger.propagate = False

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: `paperbrowse serve` said where to look (textual-serve's banner shows a long command)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Tell every tab's paperbrowse to quit, and wait until they have.

        aiohttp waits for open WebSockets to end by themselves (a minute), and
        textual-serve leaves them open: cancelling a tab's handler makes it
        send its app `quit`, wait for it and close the socket.
        """
        for task in self.tabs:
            task.cancel()
        await asyncio.gather(*self.tabs, return_exceptions=True)

    def refusal(self, request: web.Request) -> web.Response | None:
        """A 403 for a request from a foreign page or (on loopback) for a foreign host name."""
        host = request.url.host or ""
        if self.loopback_only and not _is_loopback_name(host):
            log.warning("refused a request for host %r (this server is for this machine only)", host)
            return web.Response(status=403, text="paperbrowse serves this machine only\n")
        origin = request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
            log.warning("refused a connection from a page at %r", origin)
            return web.Response(status=403, text="paperbrowse refuses connections from other pages\n")
        return None

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, pointing its WebSocket at the address this request came to."""
        refused = self.refusal(request)
        if refused is not None:
            return refused
        # textual-serve builds the page's URLs from public_url; the handler it
        # wraps runs without awaiting, so no other request sees this value.
        self.public_url = f"{request.scheme}://{request.host}"
        response: web.StreamResponse = await super().handle_index(request)
        return response

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:  # type: ignore[override]
        """A tab: its own paperbrowse for as long as the page is open, unless the page is not ours.

        textual-serve's handler, with the tab's process waited for when it
        ends: textual-serve reads the app's output to its end but never reaps
        the process, and a process left unreaped when the server stops is
        reported by asyncio as a traceback on the user's terminal.
        """
        refused = self.refusal(request)
        if refused is not None:
            return refused
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)

        async def close() -> None:
            await websocket.close()

        tab = Tab(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        task = asyncio.current_task()
        if task is not None:
            self.tabs.add(task)
        try:
            await tab.start(width, height)
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            pass  # the server is stopping (on_shutdown): quit the tab below
        except Exception as error:  # a tab that fails must not take the server with it
            log.warning("a tab's paperbrowse failed: %s", error)
        finally:
            self.tabs.discard(task)
            await tab.stop()
            await websocket.close()
        return websocket


class Tab(AppService):
    """One tab's paperbrowse: textual-serve's app service, whose process is reaped when it stops."""

    async def stop(self) -> None:
        """Tell the app to quit and wait for it; a process still there after 5 s is killed."""
        await super().stop()
        process = self._process  # textual-serve's own attribute (pinned below 2 in pyproject)
        if process is None:
            return
        try:
            await asyncio.wait_for(process.wait(), timeout=5)
        except TimeoutError:
            process.kill()
            await process.wait()


def serve(command: str, host: str, port: int, *, loopback_only: bool) -> None:
    """Run the server until Ctrl-C or SIGTERM; each tab's paperbrowse is told to quit."""
    BrowserServer(command, host, port, loopback_only=loopback_only).serve()
