"""What the reading dropped or changed, as ``warning:`` lines for a command's stderr.

Every command that analyses sources (``comments``, ``threads``, ``people``) calls
:func:`write_warnings`, so nothing is dropped silently on any path:

* each line skipped for a reason (invalid JSON, a malformed row, a comment without text) and
  each line a warning is about (a cut reply link, a cut-off comment, bytes that are not UTF-8):
  ``warning: FILE:LINE: reason``, FILE as given on the command line, at most
  MAX_LINES_PER_KIND lines of one kind per file, then ``warning: FILE: ... and N more: KIND``;
* blank lines, page furniture and format structure (a CSV header, JSON brackets), which every
  page has plenty of: one line per kind, ``warning: FILE: N lines skipped: REASON``;
* warnings about a whole file: ``warning: FILE: reason``;
* a reply link the tree builder cut after reading (a comment answering one under another
  article, say): ``warning: FILE[:LINE]: comment 'ID': invalid link: ...``.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import pandas as pd

from analysis.readers import IngestionReport
from analysis.schema import Col
from analysis.sources.chat_logs import CHAT_LOG_NOTICE, CHAT_LOG_SESSION

MAX_LINES_PER_KIND = 20
SUMMED_KINDS = frozenset({"blank line", "boilerplate", "page furniture", "page marker",
                          "comment section header", "CSV header", "JSON structure",
                          CHAT_LOG_SESSION, CHAT_LOG_NOTICE})
"""Kinds of skipped line counted in one line each instead of listed: every page has them."""
CUT_LINK_KIND = "cut link"
_INVALID_LINK = "invalid link:"


def write_warnings(reports: Sequence[IngestionReport], given: Sequence[str],
                   comments: pd.DataFrame | None = None, stream: TextIO | None = None) -> int:
    """Write the ``warning:`` lines of each report to ``stream`` (default stderr); returns how
    many it wrote. ``given`` are the sources as the command line names them, one per report
    and in the same order. ``comments`` (the analysed table, optional) adds the reply links
    the tree builder cut after reading."""
    stream = sys.stderr if stream is None else stream
    out = warning_lines(reports, given, comments)
    for line in out:
        print(line, file=stream)
    return len(out)


def warning_lines(reports: Sequence[IngestionReport], given: Sequence[str],
                  comments: pd.DataFrame | None = None) -> list[str]:
    """The ``warning:`` lines :func:`write_warnings` writes, as a list (the app shows them)."""
    out: list[str] = []
    for report, name in zip(reports, given, strict=True):
        out.extend(_report_lines(report, name))
    if comments is not None:
        out.extend(_cut_link_lines(comments, reports, given))
    return out


def _kind(reason: str) -> str:
    return reason.split(":", 1)[0].strip()


def _report_lines(report: IngestionReport, name: str) -> list[str]:
    summed: dict[str, int] = defaultdict(int)
    listed: list[tuple[int, str, str]] = []  # (line, kind, text)
    skipped = set()
    for entry in report.skipped:
        kind = _kind(entry.reason)
        if kind in SUMMED_KINDS:
            summed[entry.reason] += 1
        else:
            listed.append((entry.line, kind, f"skipped: {entry.reason}"))
            skipped.add((entry.line, entry.reason))
    whole_file: list[str] = []
    for note in report.notes:
        if note.lines:
            listed.extend((line, note.kind, note.reason) for line in note.lines
                          if (line, note.reason) not in skipped)
        elif note.record:
            whole_file.append(f"{note.record}: {note.reason}")
        else:
            whole_file.append(note.reason)
    whole_file.extend(report.unnoted_warnings())
    lines = [f"warning: {name}: {count} line{'s' if count > 1 else ''} skipped: {reason}"
             for reason, count in sorted(summed.items())]
    lines.extend(_capped(name, listed))
    lines.extend(f"warning: {name}: {text}" for text in whole_file)
    return lines


def _capped(name: str, listed: list[tuple[int | None, str, str]]) -> list[str]:
    """``warning: NAME:LINE: text`` in line order, at most MAX_LINES_PER_KIND per kind, each
    kind's rest counted in one line after them."""
    shown: dict[str, int] = defaultdict(int)
    more: dict[str, int] = defaultdict(int)
    lines = []
    for line, kind, text in sorted(listed, key=lambda item: (item[0] or 0, item[1])):
        if shown[kind] >= MAX_LINES_PER_KIND:
            more[kind] += 1
            continue
        shown[kind] += 1
        where = f"{name}:{line}" if line else name
        lines.append(f"warning: {where}: {text}")
    lines.extend(f"warning: {name}: ... and {count} more: {kind}" for kind, count in more.items())
    return lines


def _cut_link_lines(comments: pd.DataFrame, reports: Sequence[IngestionReport],
                    given: Sequence[str]) -> list[str]:
    """Reply links the tree builder cut (their evidence says ``invalid link: ...``), which no
    report names: the reader cuts what it can see, the rest is cut after inference."""
    if comments.empty or Col.REPLY_EVIDENCE not in comments:
        return []
    evidence = comments[Col.REPLY_EVIDENCE].astype("string").fillna("")
    rows = comments[evidence.str.contains(_INVALID_LINK, regex=False).to_numpy()]
    if rows.empty:
        return []
    names: dict[str, str] = {}
    for report, name in zip(reports, given, strict=True):
        names.setdefault(report.source, name)
        names.setdefault(Path(report.source).name, name)
    by_file: dict[str, list[tuple[int | None, str, str]]] = defaultdict(list)
    for _, row in rows.iterrows():
        source = str(row.get(Col.SOURCE, ""))
        name = names.get(source, source)
        line = row.get(Col.LINE_START)
        line = int(line) if line is not None and not pd.isna(line) else None
        why = str(row[Col.REPLY_EVIDENCE])
        why = why[why.index(_INVALID_LINK):].split(";")[0]
        by_file[name].append((line, CUT_LINK_KIND,
                              f"comment {row[Col.COMMENT_ID]!r}: {why}; kept as top-level"))
    return [text for name, listed in by_file.items() for text in _capped(name, listed)]
