"""Progress bars on a terminal for the command line (tqdm), and nothing in a pipe or a file.

:func:`terminal_progress` gives a progress callback (stages.Progress) when the stream is a
terminal: one bar per stage, opened when the stage starts and closed when it ends, so stages
that run side by side show side by side. Piped or redirected, it gives None and the command
stays quiet apart from its warnings.
"""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

from analysis.stages import StageEvent


class TerminalProgress:
    """A stages.Progress callback drawing one tqdm bar per stage on ``stream``; tqdm stacks
    the bars of stages that run at the same time."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bars: dict[str, tqdm] = {}

    def __call__(self, event: StageEvent) -> None:
        if event.kind == "start":
            self.bars[event.stage] = tqdm(
                total=event.total, desc=f"{event.stage:<11}", unit=f" {event.unit}",
                file=self.stream, leave=True, dynamic_ncols=True,
                mininterval=0.2)
            return
        bar = self.bars.get(event.stage)
        if bar is None:
            return
        bar.update(event.done - bar.n)
        if event.kind == "end":
            bar.close()

    def close(self) -> None:
        """Close the bars still open (the command stopped early, say on a bad file)."""
        for bar in self.bars.values():
            bar.close()


def terminal_progress(stream: TextIO | None = None) -> TerminalProgress | None:
    """A progress callback drawing on ``stream`` (default stderr) when it is a terminal,
    else None."""
    stream = sys.stderr if stream is None else stream
    isatty = getattr(stream, "isatty", None)
    return TerminalProgress(stream) if isatty is not None and isatty() else None
