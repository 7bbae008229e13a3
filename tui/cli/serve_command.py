"""`paperbrowse serve`: the browser as a web page, one paperbrowse per browser tab.

    paperbrowse serve [--host 127.0.0.1] [--port 8000] [PATH ...]

textual-serve runs a command for every tab that opens the page and relays
its screen and keys over a WebSocket; here that command is this same
paperbrowse, on the same data directory, run by the same Python.  It binds
to localhost unless told otherwise, and says so when told otherwise: the
page has no authentication.  The host and port are checked, and the
digests read once (their problems reported here, in the terminal), before
the server starts, so a mistake is one line and exit 2 rather than a tab
that never draws.  Only argparse and the standard library are imported at
the top: textual-serve (and aiohttp under it) load when a server starts.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import re
import shlex
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.common import UsageError, check_paths, open_library, say, warn
from tui.cli.parser import path_arg

if TYPE_CHECKING:
    from tui.store import Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# One DNS label: letters, digits and inner hyphens (RFC 1123).
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


def port_arg(text: str) -> int:
    """A --port value: a TCP port, 1 to 65535."""
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (a whole number from 1 to 65535)")
    return int(text)


def host_arg(text: str) -> str:
    """A --host value: an IPv4 or IPv6 address (brackets allowed) or a host name."""
    host = text.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    if host and len(host) <= 253 and all(_LABEL.fullmatch(label) for label in labels):
        return host
    raise argparse.ArgumentTypeError(f"{text!r} is not a host name or an IP address")


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `serve` and its options to the command line."""
    serve = commands.add_parser("serve", help="serve the browser as a web page (one paperbrowse per tab)")
    serve.add_argument(
        "--host",
        type=host_arg,
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only; "
        "0.0.0.0 lets other machines in, with no password)",
    )
    serve.add_argument(
        "--port", type=port_arg, default=DEFAULT_PORT, help=f"TCP port (default: {DEFAULT_PORT})"
    )
    serve.add_argument("paths", nargs="*", type=path_arg, metavar="PATH", help="digest files or folders")


def cmd_serve(args: argparse.Namespace, store: Store) -> int:
    """Check the address, read the digests once, then serve until Ctrl-C."""
    check_paths(args.paths)
    addresses = listen_addresses(args.host, args.port)
    check_free(args.host, args.port, addresses)
    # Read (and remember) the digests here: a cold import shows its progress in
    # this terminal, and every tab then starts on a current cache.
    open_library(store, args.paths, remember=True)
    command = browse_command(store.data_dir, args.paths)
    url = page_url(args.host, args.port)
    say(f"paperbrowse: serving the browser at {url} (each tab runs its own paperbrowse; Ctrl-C stops)")
    local = all(ipaddress.ip_address(address).is_loopback for address in addresses)
    if not local:
        warn(
            f"listening on {args.host}: any machine that can reach this one on port {args.port} "
            "can use your paperbrowse; there is no authentication"
        )
    sys.stdout.flush()  # a log file or a pipe gets the address now, not when the server stops
    from tui.cli.web_server import serve  # textual-serve and aiohttp load only here

    serve(command, args.host, args.port, loopback_only=local)
    say("paperbrowse: server stopped")
    return 0


def browse_command(data_dir: Path, paths: Sequence[Path]) -> str:
    """The shell command textual-serve runs for each tab: this paperbrowse on this data dir.

    `sys.executable -m tui.cli` is this very installation whatever PATH holds;
    `-P` keeps a `tui` folder in the server's working directory from
    shadowing it.  Paths are absolute and quoted: textual-serve runs the
    command through the shell.
    """
    argv = [sys.executable, "-P", "-m", "tui.cli", "--data-dir", str(data_dir.resolve())]
    argv += [str(path.resolve()) for path in paths]
    return shlex.join(argv)


def listen_addresses(host: str, port: int) -> list[str]:
    """The IP addresses `host` names (one line and exit 2 if none)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as error:
        reason = error.strerror if isinstance(error, socket.gaierror) else str(error)
        raise UsageError(f"cannot listen on {host}: {reason}") from None
    # Strip any IPv6 scope id ("fe80::1%eth0") before ipaddress reads it.
    return sorted({str(info[4][0]).split("%", 1)[0] for info in found})


def check_free(host: str, port: int, addresses: Sequence[str]) -> None:
    """Bind each address for a moment, so a taken port or a foreign address is one clear line."""
    for address in addresses:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            # As aiohttp binds: a port left in TIME_WAIT by a stopped server is free.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((address, port))
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    raise UsageError(
                        f"port {port} on {host} is already in use; choose another with --port"
                    ) from None
                if error.errno == errno.EACCES:
                    raise UsageError(f"not allowed to listen on port {port}; choose one above 1023") from None
                if error.errno == errno.EADDRNOTAVAIL:
                    raise UsageError(f"{host} is not an address of this machine") from None
                raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def page_url(host: str, port: int) -> str:
    """The address to open: a wildcard host is reached here as localhost."""
    shown = "localhost" if host in ("0.0.0.0", "::") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"
