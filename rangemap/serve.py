"""The config loop: re-render a map whenever its scenario (or the article it
names) changes, and serve it on 127.0.0.1 with a page that reloads itself.

Standard library only: the files are polled (every 0.25 s by default, by
size, modification time and content hash, so an editor that saves twice in a
second is still seen), and :mod:`http.server` serves the map. A save with an
error keeps the last good map; the one-line error goes to the terminal and,
in :func:`serve`, to a banner on the page.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ._text import terminal_safe
from .errors import RangemapError

__all__ = ["watch_files", "Watcher", "serve", "build_map"]

POLL_S = 0.25


def build_map(input_path: str, *, tiles: str | None = "OpenStreetMap", offline: bool = False) -> tuple[str, list[str]]:
    """(HTML, the files it depends on) for a scenario or an article: the same
    map as ``rangemap render``."""
    from .render import map_document
    from .scenario import is_scenario_path, load

    scenario = load(input_path)
    doc = map_document(scenario, tiles=tiles, offline=offline)
    deps = [input_path]
    if is_scenario_path(input_path) and scenario.source:
        base = os.path.dirname(os.path.abspath(input_path))
        article = scenario.source if os.path.isabs(scenario.source) else os.path.join(base, scenario.source)
        if os.path.exists(article):
            deps.append(article)
        elif os.path.exists(scenario.source):
            deps.append(scenario.source)
    deps += [s.region_file for s in scenario.sites if s.region_file]
    return doc, deps


def _fingerprint(paths: list[str]) -> tuple:
    out: list[tuple[str, int | None, int | None, str | None]] = []
    for p in paths:
        try:
            st = os.stat(p)
            with open(p, "rb") as fh:
                digest = hashlib.sha256(fh.read(64 * 1024 * 1024)).hexdigest()
            out.append((p, st.st_size, st.st_mtime_ns, digest))
        except OSError:
            out.append((p, None, None, None))
    return tuple(out)


@dataclass
class Watcher:
    """Polls a set of files and calls ``on_change`` when any of them changes."""

    paths: list[str]
    on_change: Callable[[], list[str] | None]
    interval: float = POLL_S
    initial: tuple | None = None  # the files as they were when the current map was built
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self, *, max_events: int | None = None) -> None:
        seen = self.initial if self.initial is not None else _fingerprint(self.paths)
        events = 0
        while not self._stop.is_set():
            time.sleep(self.interval)
            now = _fingerprint(self.paths)
            if now != seen:
                new_paths = self.on_change()
                if new_paths:
                    self.paths = list(dict.fromkeys(new_paths))
                seen = _fingerprint(self.paths)
                events += 1
                if max_events is not None and events >= max_events:
                    return

    def stop(self) -> None:
        self._stop.set()


def watch_files(input_path: str, output: Path, *, tiles: str | None, offline: bool,
                log: Callable[[str], None], max_events: int | None = None) -> None:
    """Re-render ``output`` whenever ``input_path`` (or its article) changes,
    until Ctrl-C. Errors are logged as one line; the last good map stays."""
    from ._io import write_atomic

    before = _fingerprint([input_path])  # a save during the first build is seen
    doc, deps = build_map(input_path, tiles=tiles, offline=offline)
    initial = before + _fingerprint(deps[1:])
    write_atomic(output, doc)
    log(f"wrote {output}; watching {', '.join(deps)} (Ctrl-C to stop)")

    def rebuild() -> list[str] | None:
        try:
            new_doc, new_deps = build_map(input_path, tiles=tiles, offline=offline)
        except RangemapError as exc:
            log(f"error: {terminal_safe(' '.join(str(exc).split()))} (keeping the last good map)")
            return None
        write_atomic(output, new_doc)
        log(f"updated {output}")
        return new_deps

    Watcher(deps, rebuild, initial=initial).run(max_events=max_events)


_RELOAD_JS = """
<script>
(function () {
  var version = %d;
  var banner = document.createElement("div");
  banner.id = "rm-banner";
  banner.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:5000;background:#8b1a1a;color:#fff;" +
    "font:13px/1.4 system-ui,sans-serif;padding:6px 12px;display:none;white-space:pre-wrap";
  document.addEventListener("DOMContentLoaded", function () { document.body.appendChild(banner); });
  function poll() {
    fetch("/__rangemap/state", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (s.version !== version) { location.reload(); return; }
      banner.textContent = s.error ? "rangemap: " + s.error + " (showing the last good map)" : "";
      banner.style.display = s.error ? "block" : "none";
    }).catch(function () {}).then(function () { setTimeout(poll, 400); });
  }
  setTimeout(poll, 400);
})();
</script>
"""


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version = 0
        self.html = ""
        self.error: str | None = None


def _handler(state: _State):
    class Handler(BaseHTTPRequestHandler):
        server_version = "rangemap"

        def log_message(self, format: str, *args) -> None:
            pass

        def _send(self, code: int, body: bytes, ctype: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path in ("/", "/index.html"):
                with state.lock:
                    doc, version = state.html, state.version
                script = _RELOAD_JS % version
                doc = doc.replace("</body>", script + "</body>", 1) if "</body>" in doc else doc + script
                self._send(200, doc.encode("utf-8"), "text/html; charset=utf-8")
            elif self.path == "/__rangemap/state":
                with state.lock:
                    body = json.dumps({"version": state.version, "error": state.error})
                self._send(200, body.encode("utf-8"), "application/json")
            else:
                self._send(404, html.escape("not found").encode(), "text/plain; charset=utf-8")

    return Handler


def serve(input_path: str, *, port: int = 8000, tiles: str | None = "OpenStreetMap", offline: bool = False,
          log: Callable[[str], None], ready: Callable[[int], None] | None = None,
          stop: threading.Event | None = None) -> None:
    """Serve the map of ``input_path`` on http://127.0.0.1:PORT/ (loopback
    only), re-rendering on every save; the page reloads itself within a
    second. Runs until Ctrl-C (or ``stop`` is set)."""
    state = _State()
    before = _fingerprint([input_path])
    state.html, deps = build_map(input_path, tiles=tiles, offline=offline)
    initial = before + _fingerprint(deps[1:])
    state.version = 1
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler(state))
    except OSError as exc:
        raise RangemapError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); choose another --port") from None
    server.daemon_threads = True
    real_port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    thread.start()
    log(f"serving http://127.0.0.1:{real_port}/ ; watching {', '.join(deps)} (Ctrl-C to stop)")
    if ready is not None:
        ready(real_port)

    def rebuild() -> list[str] | None:
        try:
            doc, new_deps = build_map(input_path, tiles=tiles, offline=offline)
        except RangemapError as exc:
            msg = terminal_safe(" ".join(str(exc).split()))
            log(f"error: {msg} (keeping the last good map)")
            with state.lock:
                state.error = msg
            return None
        with state.lock:
            state.html, state.error = doc, None
            state.version += 1
        log("updated; the page reloads")
        return new_deps

    watcher = Watcher(deps, rebuild, initial=initial)
    if stop is not None:
        def stopper() -> None:
            stop.wait()
            watcher.stop()

        threading.Thread(target=stopper, daemon=True).start()
    try:
        watcher.run()
    finally:
        server.shutdown()
        server.server_close()
