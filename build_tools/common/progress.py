"""How far a long step has got: redrawn in place on a terminal, one summary line in a log, nothing when quiet."""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO, TypeVar

T = TypeVar("T")

#: How often, at most, the line on a terminal is redrawn (seconds).
REDRAW = 0.1
#: Set by a command that runs MkDocs for its user (`package`) to a descriptor of its own standard error,
#: kept open in MkDocs' process: MkDocs' own output is captured, the progress goes where the user sees it.
PROGRESS_FD = "POLICY_READER_PROGRESS_FD"


class Progress:
    """Items done of a step, shown on `stream` (standard error by default).

    On a terminal, a line redrawn in place: items done of the whole, items per second, how many are
    left and about how long they take. Anywhere else (a CI log, a pipe), one summary line when the
    step ends, so a log gets no stream of carriage returns. With `quiet`, nothing.
    """

    def __init__(
        self,
        step: str,
        unit: str = "pages",
        *,
        stream: TextIO | None = None,
        quiet: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.step, self.unit, self.quiet, self.clock = step, unit, quiet, clock
        self.stream = stream if stream is not None else sys.stderr
        self.live = not quiet and self.stream.isatty()
        self.total = self.done = 0
        self.started = self.drawn = 0.0

    def start(self, total: int) -> None:
        """The step begins, with `total` items to do."""
        self.total, self.done = total, 0
        self.started = self.clock()
        self.drawn = self.started - REDRAW

    def advance(self, count: int = 1) -> None:
        """`count` more items are done."""
        self.done += count
        now = self.clock()
        if self.live and (now - self.drawn >= REDRAW or self.done == self.total):
            self.drawn = now
            self.stream.write(f"\r\x1b[K{self.line(now)}")
            self.stream.flush()

    def line(self, now: float) -> str:
        """What the terminal shows at `now`: done of the whole, the rate, what is left."""
        rate = self._rate(now)
        left = self.total - self.done
        eta = f", about {left / rate:.0f} s" if rate > 0 and left else ""
        return f"{self.step}: {self.done}/{self.total} {self.unit}, {rate:.0f} {self.unit}/s, {left} left{eta}"

    def end(self) -> None:
        """The step is over: its summary (on a terminal, in place of the live line)."""
        if self.quiet:
            return
        now = self.clock()
        took = now - self.started
        summary = f"{self.step}: {self.done} {self.unit} in {took:.1f} s ({self._rate(now):.0f} {self.unit}/s)"
        self.stream.write(f"\r\x1b[K{summary}\n" if self.live else f"{summary}\n")
        self.stream.flush()

    def abandon(self) -> None:
        """The step failed: its live line is wiped, so that the error is said on a line of its own."""
        if self.live:
            clear_line(self.stream)

    def _rate(self, now: float) -> float:
        elapsed = now - self.started
        return self.done / elapsed if elapsed > 0 else 0.0


def counted(items: Sequence[T], progress: Progress | None) -> Iterator[T]:
    """Each of `items`, with `progress` started on them all and advanced once the loop is done with each."""
    if progress:
        progress.start(len(items))
    for item in items:
        yield item
        if progress:
            progress.advance()


def clear_line(stream: TextIO) -> None:
    """Wipe a progress line another process may have left on a terminal (nothing in a log)."""
    if stream.isatty():
        stream.write("\r\x1b[K")
        stream.flush()


@functools.cache
def _parent_stream(fd: int) -> TextIO | None:
    try:
        # The parent's stream, open for this process's life.
        return open(fd, "w", encoding="utf-8", closefd=False)
    except OSError:  # not open here: started by something other than our command
        return None


def progress_for_parent(step: str, unit: str = "pages") -> Progress | None:
    """A progress shown on the stream the command that started this process named (`PROGRESS_FD`); None without one."""
    fd = os.environ.get(PROGRESS_FD, "")
    stream = _parent_stream(int(fd)) if fd.isdigit() else None
    return Progress(step, unit, stream=stream) if stream is not None else None
