"""What happened to every line of a source, and the error a source that cannot be read raises."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


class SourceError(ValueError):
    """A source that cannot be read. ``str()`` reads ``file:line: reason``."""

    def __init__(self, path: str | Path, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):
        # Rebuilt from its parts when it crosses a process boundary (parallel reading, Dask).
        return (SourceError, (self.path, self.reason, self.line))

@dataclass(frozen=True)
class SkippedLine:
    line: int
    reason: str

@dataclass(frozen=True)
class Note:
    """One warning of a report in parts, so a printer can list it line by line."""

    kind: str  # what happened, in a few words ("cut link"); printers cap the lines per kind
    reason: str  # the warning without its place
    lines: tuple[int, ...] = ()  # the 1-based lines it is about; () when it has none
    record: str = ""  # "record 3": a record of a JSON document read whole, which has no line
    text: str = ""  # the warning as the report prints it (IngestionReport.warnings)

def place(label: str) -> dict:
    """``lines``/``record`` of a Note from a record's label ("line 12" or "record 3")."""
    number = label.removeprefix("line ")
    return {"lines": (int(number),)} if number.isdigit() else {"record": label}

@dataclass
class IngestionReport:
    """What happened to every line of one source."""

    source: str
    kind: str  # "page", "csv", "json", "jsonl", "xml" or "chatlog"
    total_lines: int = 0
    article_lines: int = 0
    comment_lines: int = 0
    skipped: list[SkippedLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    articles: int = 0
    comments: int = 0
    encoding: str = "utf-8"
    notes: list[Note] = field(default_factory=list)  # the warnings in parts, in their order

    def warn(self, text: str, kind: str, reason: str | None = None, lines: Iterable[int] = (),
             record: str = "") -> None:
        """Add a warning: ``text`` as the report prints it, and its parts as a :class:`Note`
        (``reason`` defaults to ``text``)."""
        self.warnings.append(text)
        self.notes.append(Note(kind, text if reason is None else reason, tuple(lines), record,
                               text))

    @property
    def skipped_lines(self) -> int:
        return len(self.skipped)

    @property
    def accounted_lines(self) -> int:
        return self.article_lines + self.comment_lines + self.skipped_lines

    def skipped_by_reason(self) -> Counter:
        return Counter(s.reason for s in self.skipped)

    def to_text(self, name: str | None = None) -> str:
        """The report as ``python -m analysis report`` prints it; each warning is placed as
        ``NAME:LINE:`` (``name``: the file as the user gave it; default the source name)."""
        name = self.source if name is None else name
        lines = [
            f"source: {self.source} ({self.kind}, {self.encoding})",
            f"lines: {self.total_lines} = article {self.article_lines}"
            f" + comments {self.comment_lines} + skipped {self.skipped_lines}",
            f"articles: {self.articles}",
            f"comments: {self.comments}",
        ]
        for reason, count in sorted(self.skipped_by_reason().items()):
            numbers = [s.line for s in self.skipped if s.reason == reason]
            lines.append(f"skipped {count} ({reason}): lines {_compact_ranges(numbers)}")
        lines.extend(self._placed_warnings(name))
        if self.accounted_lines != self.total_lines:
            lines.append(f"ERROR: {self.total_lines - self.accounted_lines} lines unaccounted for")
        return "\n".join(lines)

    def _placed_warnings(self, name: str) -> list[str]:
        out = []
        for note in self.notes:
            if len(note.lines) == 1:
                out.append(f"warning: {name}:{note.lines[0]}: {note.reason}")
            elif note.lines:
                out.append(f"warning: {name}: lines {_compact_ranges(list(note.lines))}: "
                           f"{note.reason}")
            elif note.record:
                out.append(f"warning: {name}: {note.record}: {note.reason}")
            else:
                out.append(f"warning: {name}: {note.reason}")
        out.extend(f"warning: {name}: {warning}" for warning in self.unnoted_warnings())
        return out

    def unnoted_warnings(self) -> list[str]:
        """The warnings added without their parts (no Note), in order: printers show them
        whole."""
        unnoted = Counter(self.warnings) - Counter(note.text for note in self.notes)
        out = []
        for warning in self.warnings:
            if unnoted[warning] > 0:
                unnoted[warning] -= 1
                out.append(warning)
        return out

@dataclass
class Source:
    """One read source: its articles, its comments (reader columns only) and its report."""

    name: str
    articles: pd.DataFrame
    comments: pd.DataFrame
    report: IngestionReport
    content_hash: str

def _compact_ranges(numbers: list[int]) -> str:
    numbers = sorted(set(numbers))
    parts = []
    start = prev = None
    for n in numbers:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            parts.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}-{prev}")
    return ", ".join(parts)
