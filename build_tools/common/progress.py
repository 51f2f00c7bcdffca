"""How far a long step has got: redrawn in place on a terminal, one summary line in a log, nothing when quiet."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

#: How often, at most, the line on a terminal is redrawn (seconds).
REDRAW = 0.1


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

    def _rate(self, now: float) -> float:
        elapsed = now - self.started
        return self.done / elapsed if elapsed > 0 else 0.0
