"""`paperbrowse serve` without a browser: where it listens, what it says, what it refuses, how it stops.

The page itself, in a real Chromium, is tests/test_serve_chromium.py.
"""

from __future__ import annotations

import os
import shlex
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.serving import free_port, serve, tab
from tui.cli import main
from tui.ui.launch import SAMPLES


@pytest.fixture
def served_with(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Calls that would have started the web server (recorded, not started)."""
    import tui.cli.web_server

    calls: list[dict[str, Any]] = []

    def record(command: str, host: str, port: int, *, loopback_only: bool) -> None:
        calls.append({"command": command, "host": host, "port": port, "loopback_only": loopback_only})

    monkeypatch.setattr(tui.cli.web_server, "serve", record)
    return calls


def test_it_listens_on_localhost_and_serves_this_paperbrowse_on_this_data_dir(
    served_with: list[dict[str, Any]], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    assert main(["--data-dir", str(data_dir), "serve", "--port", str(port), str(SAMPLES)]) == 0
    out, err = capsys.readouterr()
    assert f"serving the browser at http://127.0.0.1:{port}" in out
    assert "warning" not in err
    (call,) = served_with
    assert (call["host"], call["port"], call["loopback_only"]) == ("127.0.0.1", port, True)
    argv = shlex.split(call["command"])
    assert argv[:4] == [sys.executable, "-P", "-m", "tui.cli"]
    assert argv[4:] == ["--data-dir", str(data_dir.resolve()), str(SAMPLES.resolve())]


def test_each_tab_starts_on_a_current_cache(served_with: list[dict[str, Any]], data_dir: Path) -> None:
    # The digests are read (and remembered) before the server starts, so a
    # tab's paperbrowse finds them cached, and a plain `paperbrowse` later too.
    assert main(["--data-dir", str(data_dir), "serve", "--port", str(free_port()), str(SAMPLES)]) == 0
    assert (data_dir / "cache.json").is_file()
    from tui.store import Store

    store = Store(data_dir)
    store.state.load()
    assert store.remembered_sources() == [SAMPLES.resolve()]


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_any_other_host_is_said_to_be_reachable_from_other_machines(
    served_with: list[dict[str, Any]], data_dir: Path, capsys: pytest.CaptureFixture[str], host: str
) -> None:
    if host == "::" and not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    port = free_port()
    status = main(["--data-dir", str(data_dir), "serve", "--host", host, "--port", str(port)])
    if status == 2 and host == "::":
        pytest.skip("IPv6 cannot be bound here")
    assert status == 0
    _, err = capsys.readouterr()
    (line,) = err.splitlines()
    assert line.startswith(f"paperbrowse: warning: listening on {host}: any machine that can reach this one")
    assert "no authentication" in line
    assert served_with[0]["loopback_only"] is False


def test_localhost_by_name_is_still_this_machine_only(
    served_with: list[dict[str, Any]], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["--data-dir", str(data_dir), "serve", "--host", "localhost", "--port", str(free_port())]) == 0
    )
    assert "warning" not in capsys.readouterr().err
    assert served_with[0]["loopback_only"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "0"], "'0' is not a port (a whole number from 1 to 65535)"),
        (["--port", "65536"], "'65536' is not a port"),
        (["--port", "http"], "'http' is not a port"),
        (["--host", "not a host"], "'not a host' is not a host name or an IP address"),
        (["--host", "under_score.example"], "is not a host name or an IP address"),
        (["--host", "192.0.2.1"], "192.0.2.1 is not an address of this machine"),
        (["/no/such/digests"], "no such file or directory: /no/such/digests"),
    ],
)
def test_a_bad_host_port_or_path_is_one_line_and_exit_2(
    served_with: list[dict[str, Any]],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    with pytest.raises(SystemExit) as exited:  # argparse's own refusals exit from parse_args
        raise SystemExit(main(["--data-dir", str(data_dir), "serve", *args]))
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not served_with


def test_a_taken_port_is_named(
    served_with: list[dict[str, Any]], data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--data-dir", str(data_dir), "serve", "--port", str(port)]) == 2
    assert (
        f"port {port} on 127.0.0.1 is already in use; choose another with --port" in capsys.readouterr().err
    )


def test_the_page_connects_back_to_the_address_the_browser_used(tmp_path: Path) -> None:
    import urllib.request

    with serve(tmp_path, str(SAMPLES)) as served:
        # Said at once, though stdout is a file here: a log shows the address while it serves.
        assert f"serving the browser at http://127.0.0.1:{served.port}" in served.text()
        request = urllib.request.Request(served.url, headers={"Host": f"localhost:{served.port}"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            page = answer.read().decode()
    assert f'data-session-websocket-url="ws://localhost:{served.port}/ws"' in page


def test_another_web_page_cannot_open_a_tab(tmp_path: Path) -> None:
    # A WebSocket is not held to the same-origin policy: any site the user
    # visits could otherwise drive their paperbrowse (and its export, which
    # writes files). DNS rebinding (a foreign name for 127.0.0.1) is refused too.
    with serve(tmp_path, str(SAMPLES)) as served:
        port = served.port
        with tab(port, origin="https://evil.example") as foreign:
            assert foreign.status == "HTTP/1.1 403 Forbidden"
        with tab(port, origin=f"http://rebound.example:{port}", host=f"rebound.example:{port}") as rebound:
            assert rebound.status == "HTTP/1.1 403 Forbidden"
        with tab(port, origin=f"http://127.0.0.1:{port}") as own:
            assert own.status == "HTTP/1.1 101 Switching Protocols"
            own.wait_for(b"InteractComp")
        assert served.process.poll() is None
    assert "refused a connection from a page at 'https://evil.example'" in served.text()


@pytest.mark.parametrize(
    ("how", "sent"),
    [("ctrl-c", signal.SIGINT), ("kill -INT", signal.SIGINT), ("kill", signal.SIGTERM)],
)
def test_ctrl_c_stops_the_server_and_every_tab_without_a_traceback(
    tmp_path: Path, how: str, sent: signal.Signals
) -> None:
    with serve(tmp_path, str(SAMPLES)) as served, tab(served.port, origin=None) as open_tab:
        assert open_tab.status == "HTTP/1.1 101 Switching Protocols"
        open_tab.wait_for(b"InteractComp")
        if how == "ctrl-c":  # the terminal sends it to the server and its tabs' paperbrowse alike
            os.killpg(served.process.pid, sent)
        else:  # only the server hears it: it tells each tab's paperbrowse to quit
            os.kill(served.process.pid, sent)
        open_tab.close_when_told()
        assert served.process.wait(timeout=15) in (0, 130)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the tab's paperbrowse quits with it
            try:
                os.killpg(served.process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("a tab's paperbrowse outlived the server")
    output = served.text()
    assert "Traceback" not in output
    assert "paperbrowse: server stopped" in output


def test_what_the_server_logs_is_one_line_without_a_traceback() -> None:
    import logging

    from tui.cli.web_server import _OneLine

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.LogRecord(
            "textual-serve", logging.ERROR, __file__, 1, "failed: %s", ("boom",), sys.exc_info()
        )
    assert _OneLine().format(record) == "paperbrowse: serve: failed: boom"
