"""A local web server that behaves like a phone's connection: one shared slow link, a delay per request, gzip.

Only on 127.0.0.1, and it stops by itself after `limit` seconds even if nobody stops it.
Each request waits `latency` seconds, then its body goes out in chunks through one link of
`rate` bytes a second shared by all requests. Text is sent gzipped, as a static host does.

Index files can be *charged* at the compression ratio of real text: the generated corpus repeats
three essays, so its index gzips some 30×, while an archive of different essays gzips about as
well as one real essay does. A charged file takes the link for as long as its raw size divided
by `real_ratio` would (or its gzipped size, if that is larger).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RATE = 200_000  # bytes a second, shared
LATENCY = 0.150  # seconds a request waits before its first byte
CHUNK = 8_192
SLACK = 0.1
_TEXT = re.compile(r"\.(html|js|css|json|xml|svg|txt|map)$")


@dataclass(frozen=True)
class Sent:
    """One response: its path, when it started and ended (epoch seconds, as the browser's clock), bytes charged."""

    path: str
    start: float
    end: float
    charged: int


@dataclass
class Link:
    """The shared link: who may send next, and what was sent."""

    rate: float = RATE
    latency: float = LATENCY
    free_at: float = 0.0
    log: list[Sent] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, seconds: float) -> float:
        """Book `seconds` of the link; return when that stretch ends."""
        with self.lock:
            start = max(time.time(), self.free_at)
            self.free_at = start + seconds
            return self.free_at

    def clear(self) -> None:
        """Forget what was sent: a new page load starts."""
        with self.lock:
            self.log.clear()
            self.free_at = 0.0

    def sent(self, until: float | None = None, paths: Callable[[str], bool] = lambda _: True) -> int:
        """Bytes charged for responses (to `paths`) that ended by `until` (epoch seconds; all, if None).

        The browser's clock and ours may differ by some milliseconds, and a response is noted a
        moment after its last byte: one that ended up to `SLACK` seconds after `until` counts.
        """
        with self.lock:
            log = list(self.log)
        return sum(s.charged for s in log if paths(s.path) and (until is None or s.end <= until + SLACK))


def _handler(link: Link, charged_as_text: Callable[[str], bool], real_ratio: float) -> type:
    @functools.cache
    def body(path: Path, zipped: bool) -> bytes:
        raw = path.read_bytes()
        return gzip.compress(raw, 6, mtime=0) if zipped else raw

    class SlowHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            started = time.time()
            time.sleep(link.latency)
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                self.send_error(404)
                return
            zipped = bool(_TEXT.search(path.name)) and "gzip" in self.headers.get("Accept-Encoding", "")
            data = body(path, zipped)
            charged = len(data)
            url_path = self.path.split("?", 1)[0]
            if charged_as_text(url_path):
                charged = max(charged, round(path.stat().st_size / real_ratio))
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Length", str(len(data)))
            if zipped:
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            # The link carries `charged` bytes for this response, spread over its real chunks.
            per_byte = charged / max(1, len(data))
            for at in range(0, len(data), CHUNK):
                chunk = data[at : at + CHUNK]
                done = link.send(len(chunk) * per_byte / link.rate)
                time.sleep(max(0.0, done - time.time()))
                try:
                    self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    return
            with link.lock:
                link.log.append(Sent(url_path, started, time.time(), charged))

    return SlowHandler


@contextmanager
def slow_server(
    directory: Path,
    link: Link,
    charged_as_text: Callable[[str], bool] = lambda _: False,
    real_ratio: float = 1.0,
    limit: float = 900,
) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 through `link`; yields the base URL. Stops after `limit` seconds anyway."""
    handler = functools.partial(_handler(link, charged_as_text, real_ratio), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    watchdog = threading.Timer(limit, server.shutdown)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        watchdog.cancel()
        server.shutdown()
        server.server_close()
        thread.join()


def gzip_ratio(text: str) -> float:
    """How many times `text` shrinks when gzipped: what real (unrepeated) text compresses to."""
    raw = text.encode("utf-8")
    return len(raw) / len(gzip.compress(raw, 6, mtime=0))
