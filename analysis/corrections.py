"""Structure corrected by hand: the corrections file, applying it to an analysis, and the store
that keeps a user's corrections between sessions.

A corrections file is UTF-8 CSV with the header ``source,line,action,target`` and an optional
fifth column ``line_text``; the app and the command line recognise it by that header.

* ``source``: the file name as in the table's ``source`` column;
* ``line``: a 1-based line of that source, counted as ``line_start`` counts them (a comment is
  named by its first line); for a structured source (with comment ids), a comment id;
* ``action``: ``split`` (a comment starts at ``line``), ``join`` (``line`` continues the comment
  above: a line that starts a comment takes its whole comment along), ``skip`` (``line`` is no
  comment text) or ``parent`` (the comment that starts at ``line`` answers the comment that holds
  line ``target``; an empty ``target`` makes it top-level). Structured sources take only
  ``parent``, with comment ids in ``line`` and ``target``;
* ``line_text``: the first words of ``line`` as they were when the row was written; a row whose
  line no longer starts with them (the source was edited) is reported and not applied.

Rows apply in file order, the span actions (split, join, skip) before the links. A row that
asks for what already holds (a split where a comment already starts) changes nothing. A row
that cannot apply is reported as ``FILE:ROW: reason`` (ROW is the file line the row starts on)
and the others still apply.

Corrections are applied on top of a finished :class:`~analysis.pipeline.Analysis`, through the
public stage functions and only for the articles they touch: comment spans are rebuilt from the
page's comment lines, reply inference runs again over each touched article with every link that
is not inferred kept fixed (source links, and links corrected by hand: confidence 1, evidence
``corrected by hand``, ``reply_inferred`` False; also the guesses a commentscope export read
back states, ``reply_stated``, which stay ``reply_inferred``), threads and thread metrics are
rebuilt for those articles, and sentiment and hostility are scored for the new comment texts
only. A comment whose span changed is placed in a topic by the analysis' own topic model
(:class:`~analysis.topics.FittedTopics`, kept with the analysis; never refitted, so topic ids
and labels stay), and its article similarity is measured from its own words; a comment without
topic words takes its nearest ancestor's topic along the new links
(:func:`analysis.topics.place_topics`). An analysis built without its topic model falls back to
the topic of the comment the changed comment's first line came from.

:class:`CorrectionStore` keeps each source's corrections in the user's data folder
(``$COMMENTSCOPE_DATA_DIR``, else ``$XDG_DATA_HOME/commentscope``, else
``~/.local/share/commentscope``), one corrections file per source content hash, written
atomically and never pruned.
"""

from __future__ import annotations

import bisect
import csv
import io
import os
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.export import guard_cell, unguard_cell
from analysis.hostility import score_hostility
from analysis.pipeline import Analysis
from analysis.readers import IngestionReport, SkippedLine, page_comment_lines
from analysis.replies import article_documents, infer_parents
from analysis.schema import ArticleCol, Col, ThreadCol
from analysis.sentiment import score_sentiment
from analysis.threads import build_threads, page_order_thread_metrics, thread_metrics
from analysis.topics import FittedTopics, place_topics

HEADER = ("source", "line", "action", "target")
LINE_TEXT = "line_text"
SPLIT, JOIN, SKIP, PARENT = "split", "join", "skip", "parent"
SPAN_ACTIONS = (SPLIT, JOIN, SKIP)
ACTIONS = (*SPAN_ACTIONS, PARENT)
CORRECTED_BY_HAND = "corrected by hand"
"""Evidence of a link or a comment span corrected by hand."""
SKIPPED_BY_HAND = "corrected by hand: not a comment"
"""The ingestion report's reason for a line marked as no comment."""
LINE_TEXT_WORDS = 8
LINE_TEXT_CHARS = 60
DATA_ENV = "COMMENTSCOPE_DATA_DIR"
_SPACE = re.compile(r"\s+")


class CorrectionsError(ValueError):
    """A file that is not a corrections file at all. ``str()`` reads ``file:line: reason``."""

    def __init__(self, path: str | Path, reason: str, line: int = 1):
        self.path, self.reason, self.line = str(path), reason, line
        super().__init__(f"{self.path}:{line}: {reason}")


@dataclass(frozen=True)
class Correction:
    """One row of a corrections file. ``origin`` and ``row`` say where it was read (the file
    and the line the row starts on) for reports; they are not part of what it asks."""

    source: str
    line: str
    action: str
    target: str = ""
    line_text: str = ""
    origin: str = field(default="", compare=False)
    row: int = field(default=0, compare=False)

    def asks(self) -> tuple[str, str, str, str]:
        """What the row asks for, without its text check and where it came from."""
        return self.source, self.line, self.action, self.target


@dataclass(frozen=True)
class Problem:
    """A row that could not apply, and why."""

    origin: str
    row: int
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}:{self.row}: {self.reason}"


# ---------------------------------------------------------------------------- the file format


def _header_of(first_line: str) -> list[str]:
    return [cell.strip().lower() for cell in next(csv.reader([first_line]), [])]


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CorrectionsError(name, "not UTF-8 text", line) from None


def is_corrections_file(data: bytes) -> bool:
    """True when ``data`` starts with the corrections header (how uploads are told apart)."""
    try:
        first = data[:4096].decode("utf-8-sig", errors="replace").splitlines()[:1]
    except Exception:  # noqa: BLE001 - any undecodable start is simply not our header
        return False
    return bool(first) and tuple(_header_of(first[0])) in (HEADER, (*HEADER, LINE_TEXT))


def read_corrections(name: str, data: bytes) -> tuple[list[Correction], list[Problem]]:
    """The rows of a corrections file, in file order, and the rows that cannot be read.

    Raises :class:`CorrectionsError` when the file is not UTF-8 or its header is not
    ``source,line,action,target`` (optionally ``,line_text``)."""
    text = _decode(name, data)
    if not text.strip():
        raise CorrectionsError(name, "empty file: expected the header "
                                     "source,line,action,target")
    lines = text.splitlines(keepends=True)
    header = _header_of(lines[0])
    if tuple(header) not in (HEADER, (*HEADER, LINE_TEXT)):
        raise CorrectionsError(name, "not a corrections file: the header must be "
                                     "source,line,action,target (and optionally ,line_text), "
                                     f"not {','.join(header)}")
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    corrections: list[Correction] = []
    problems: list[Problem] = []
    row_start = reader.line_num + 1
    for cells in reader:
        row, row_start = row_start, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            problems.append(Problem(name, row, f"{len(cells)} fields; the header has "
                                               f"{len(header)}"))
            continue
        cells = [unguard_cell(cell.strip()) for cell in cells]
        cells += [""] * (5 - len(cells))
        source, line, action, target, line_text = cells[:5]
        action = action.lower()
        reason = _row_problem(source, line, action, target)
        if reason:
            problems.append(Problem(name, row, reason))
            continue
        corrections.append(Correction(source, line, action, target, line_text, name, row))
    return corrections, problems


def _row_problem(source: str, line: str, action: str, target: str) -> str:
    if action not in ACTIONS:
        return f"unknown action {action!r}: use split, join, skip or parent"
    if not source:
        return "no source"
    if not line:
        return "no line"
    if target and action != PARENT:
        return f"a target goes only with parent, not with {action}"
    return ""


def read_corrections_file(path: str | Path) -> tuple[list[Correction], list[Problem]]:
    """:func:`read_corrections` of a file; an unreadable file is a CorrectionsError."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorrectionsError(path, f"cannot read: {err.strerror or err}") from None
    return read_corrections(str(path), data)


def corrections_csv(corrections: Iterable[Correction]) -> bytes:
    """The corrections as a corrections file (UTF-8, header with ``line_text``; text cells
    guarded as in every export, which :func:`read_corrections` undoes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*HEADER, LINE_TEXT])
    for c in corrections:
        writer.writerow([guard_cell(v) for v in
                         (c.source, c.line, c.action, c.target, c.line_text)])
    return out.getvalue().encode("utf-8")


def first_words(text: object) -> str:
    """What ``line_text`` holds: the first words of a line, enough to recognise it."""
    words = _SPACE.sub(" ", str(text or "")).strip().split(" ")[:LINE_TEXT_WORDS]
    kept = ""
    for word in words:
        if kept and len(kept) + 1 + len(word) > LINE_TEXT_CHARS:
            break
        kept = f"{kept} {word}" if kept else word[:LINE_TEXT_CHARS]
    return kept


def _starts_with(text: str, line_text: str) -> bool:
    return _SPACE.sub(" ", text).strip().startswith(_SPACE.sub(" ", line_text).strip())


# ---------------------------------------------------------------------------- page structure


@dataclass
class _Page:
    """The comment lines of one page source and where comments start on it, as corrections
    change them. Built from the analysis' comments (line span and text) and the reader's
    report (which lines between are blank or page furniture)."""

    source: str
    report: IngestionReport
    article: tuple[int, int] | None  # the article's first and last line
    lines: dict[int, str]  # comment line -> its text
    owner: dict[int, int]  # comment line -> row (in the source's frame) of its comment then
    starts: set[int]
    inner: dict[int, int]  # lines inside a comment whose lines cannot be told apart -> start
    skipped: dict[int, str]  # lines the reader set aside -> why
    by_hand: dict[int, tuple[Correction, str]] = field(default_factory=dict)  # skipped by hand
    restored: set[int] = field(default_factory=set)  # lines the reader set aside, back by hand

    def __post_init__(self) -> None:
        self._sorted: tuple[list[int], list[int]] | None = None

    @classmethod
    def of(cls, source: str, rows: pd.DataFrame, report: IngestionReport,
           article: tuple[int, int] | None) -> _Page:
        skipped = {s.line: s.reason for s in report.skipped}
        lines: dict[int, str] = {}
        owner: dict[int, int] = {}
        inner: dict[int, int] = {}
        starts: set[int] = set()
        spans = zip(rows[Col.LINE_START].tolist(), rows[Col.LINE_END].tolist(),
                    rows[Col.TEXT].fillna("").astype(str).tolist(), strict=True)
        for k, (first, last, text) in enumerate(spans):
            parts = text.split("\n")
            numbers = [n for n in range(first, last + 1) if n == first or n not in skipped]
            if len(numbers) != len(parts):
                numbers = list(range(first, last + 1))
            if len(numbers) != len(parts):
                # Lines this comment's text cannot be matched to: it is kept whole.
                numbers, parts = [first], [text]
                inner.update({n: first for n in range(first + 1, last + 1)})
            starts.add(first)
            for number, part in zip(numbers, parts, strict=True):
                lines[number] = part
                owner[number] = k
        return cls(source, report, article, lines, owner, starts, inner, skipped)

    def _orders(self) -> tuple[list[int], list[int]]:
        """The comment lines and the start lines, sorted; kept until the next change."""
        if self._sorted is None:
            self._sorted = (sorted(self.lines), sorted(self.starts))
        return self._sorted

    def ordered(self) -> list[int]:
        return self._orders()[0]

    def start_of(self, line: int) -> int:
        """The first line of the comment that holds ``line`` (a comment line)."""
        starts = self._orders()[1]
        return starts[bisect.bisect_right(starts, line) - 1]

    def in_article(self, line: int) -> bool:
        return bool(self.article) and self.article[0] <= line <= self.article[1]

    def why_not_comment(self, line: int) -> str:
        """Why ``line`` is no comment line of this page ('' when it is one)."""
        if line in self.lines:
            return ""
        if line in self.inner:
            return (f"line {line} is inside the comment at line {self.inner[line]}, whose "
                    "lines cannot be told apart")
        if line < 1 or line > self.report.total_lines:
            return f"no line {line}: {self.source} has {self.report.total_lines} lines"
        if line in self.by_hand:
            return f"line {line} was marked as no comment (row {self.by_hand[line][0].row})"
        if line in self.skipped:
            return f"line {line} is no comment ({self.skipped[line]})"
        if self.in_article(line):
            return f"line {line} is in the article, not in the comments"
        return f"line {line} is no comment line"

    def is_gone(self, line: int) -> bool:
        """True when ``line`` is no comment line because the reader or a row set it aside."""
        return line not in self.lines and (line in self.by_hand or line in self.skipped)

    def restorable(self, line: int) -> bool:
        """A line set aside (by the reader or a row) after the article: it may be comment text
        after all. Blank lines never are."""
        return self.is_gone(line) and not self.in_article(line) and bool(self.lines or
                                                                          self.owner)

    def restore(self, line: int, text: str) -> str:
        """Make a line set aside a comment line again (of the comment above it, if any)."""
        if line in self.by_hand:
            text = self.by_hand.pop(line)[1]
        elif not text.strip():
            return f"line {line} is blank: it cannot be comment text"
        else:
            self.restored.add(line)
            ordered = sorted(self.owner)
            k = bisect.bisect_left(ordered, line)
            self.owner[line] = self.owner[ordered[max(k - 1, 0)]]
        self.lines[line] = text
        self._sorted = None
        if line < self.ordered()[0] or len(self.lines) == 1:
            self.starts.add(line)
        return ""

    def split(self, line: int) -> str:
        if line not in self.starts:
            self.starts.add(line)
            self._sorted = None
        return ""

    def join(self, line: int) -> str:
        if line == self.ordered()[0]:
            return f"line {line} is the first comment: there is no comment above to join"
        if line in self.starts:
            self.starts.discard(line)
            self._sorted = None
        return ""

    def skip(self, line: int, correction: Correction) -> str:
        ordered = self.ordered()
        k = bisect.bisect_left(ordered, line)
        if line in self.starts:
            self.starts.discard(line)
            following = ordered[k + 1] if k + 1 < len(ordered) else None
            if following is not None:
                self.starts.add(following)  # the rest of the comment starts one line later
        if line in self.restored:
            self.restored.discard(line)
            del self.owner[line]
        else:
            self.by_hand[line] = (correction, self.lines[line])
        del self.lines[line]
        self._sorted = None
        return ""

    def groups(self) -> list[list[int]]:
        """The comments as lists of their lines, in page order."""
        groups: list[list[int]] = []
        for line in self.ordered():
            if line in self.starts or not groups:
                groups.append([line])
            else:
                groups[-1].append(line)
        return groups


def _line_number(value: str) -> int | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if number == int(number) else None


# ---------------------------------------------------------------------------- applying


@dataclass
class Corrected:
    """An analysis with corrections applied, and what happened to each row."""

    analysis: Analysis
    applied: list[Correction]  # rows that hold now (including those that changed nothing)
    problems: list[Problem]
    articles: list[str]  # article ids whose structure was rebuilt


@dataclass
class _Links:
    """Fixed links of one article: child row -> (parent row or -1, confidence, evidence), and
    the fixed rows whose link is a guess their source states (a commentscope export's
    inferred link, read back): kept as stated, still ``reply_inferred``."""

    fixed: dict[int, tuple[int, float, str]] = field(default_factory=dict)
    guessed: set[int] = field(default_factory=set)


def _source_rows(comments: pd.DataFrame) -> dict[str, np.ndarray]:
    if comments.empty:
        return {}
    return {str(k): np.sort(v) for k, v in
            comments.groupby(Col.SOURCE, sort=False).indices.items()}


def _resolve_source(name: str, known: dict[str, IngestionReport]) -> str | None:
    if name in known:
        return name
    base = Path(name).name
    return base if base in known else None


def apply_corrections(result: Analysis, corrections: Sequence[Correction],
                      source_bytes: Callable[[str], bytes | None] | None = None,
                      memo: MutableMapping | None = None) -> Corrected:
    """``result`` with ``corrections`` applied (see the module docstring). ``result`` is not
    changed; tables of untouched articles are shared with it. ``source_bytes(name)`` gives a
    source's content; it is read only when a row brings back a line the reader set aside.

    ``memo``, a dict the caller keeps for this one ``result``, remembers each source's rebuilt
    articles by that source's rows: when a click changes one source's rows, the others are
    not rebuilt again."""
    return _apply(result, corrections, source_bytes, check_only=False, memo=memo)


def check_corrections(result: Analysis, corrections: Sequence[Correction],
                      source_bytes: Callable[[str], bytes | None] | None = None
                      ) -> list[Problem]:
    """The rows of ``corrections`` that cannot apply to ``result``, exactly as
    :func:`apply_corrections` reports them, without rebuilding anything."""
    return _apply(result, corrections, source_bytes, check_only=True).problems


MEMO_SOURCES = 64
"""Sources whose rebuilt articles a memo keeps (the oldest go first)."""


def _apply(result: Analysis, corrections: Sequence[Correction],
           source_bytes: Callable[[str], bytes | None] | None, check_only: bool,
           memo: MutableMapping | None = None) -> Corrected:
    start = time.perf_counter()
    reports = {r.source: r for r in result.reports}
    rows_of = _source_rows(result.comments)
    by_source: dict[str, list[Correction]] = defaultdict(list)
    problems: list[Problem] = []
    for c in corrections:
        name = _resolve_source(c.source, reports)
        if name is None:
            problems.append(Problem(c.origin, c.row, f"no source named {c.source!r} is loaded"))
            continue
        by_source[name].append(c)
    applied: list[Correction] = []
    rebuilt: dict[str, tuple[np.ndarray, pd.DataFrame]] = {}  # article -> (old rows, new rows)
    fresh_threads: list[pd.DataFrame] = []
    new_reports = dict(reports)
    for name, rows in by_source.items():
        key = (name, tuple((c.asks(), c.line_text, c.origin, c.row) for c in rows))
        if not check_only and memo is not None and key in memo:
            outcome = memo[key]
        else:
            outcome = _apply_to_source(result, name, rows, rows_of, reports[name],
                                       source_bytes, check_only)
            if not check_only and memo is not None:
                memo[key] = outcome
                while len(memo) > MEMO_SOURCES:
                    del memo[next(iter(memo))]
        ok, bad, changed, report, threads = outcome
        applied += ok
        problems += bad
        rebuilt.update(changed)
        if threads is not None:
            fresh_threads.append(threads)
        if report is not None:
            new_reports[name] = report
    problems.sort(key=lambda p: (p.origin, p.row))
    if check_only:
        return Corrected(result, applied, problems, [])
    comments, threads = _assemble(result, rebuilt, fresh_threads)
    timings = {**result.timings, "corrections": time.perf_counter() - start}
    analysis = Analysis(comments, result.articles, threads,
                        [new_reports[r.source] for r in result.reports], timings,
                        _page_order_threads(result, comments, list(rebuilt)), result.topics)
    return Corrected(analysis, applied, problems, list(rebuilt))


def _apply_to_source(result: Analysis, name: str, rows: list[Correction],
                     rows_of: dict[str, np.ndarray], report: IngestionReport,
                     source_bytes: Callable[[str], bytes | None] | None, check_only: bool):
    """One source's rows: (rows that hold, problems, {article: (old rows, new rows scored)},
    the new report or None, the rebuilt articles' thread metrics or None)."""
    ordered = [c for c in rows if c.action in SPAN_ACTIONS] + \
              [c for c in rows if c.action == PARENT]
    positions = rows_of.get(name, np.array([], dtype=np.int64))
    frame = result.comments.iloc[positions]
    article_texts = {} if check_only else article_documents(
        result.articles[result.articles[ArticleCol.SOURCE] == name])
    if report.kind == "page":
        ok, bad, changed, new_report = _apply_to_page(
            name, frame, positions, report, _article_span(result.articles, name), ordered,
            _lines_reader(name, source_bytes), article_texts, check_only)
    else:
        ok, bad, changed, new_report = _apply_to_structured(name, frame, positions, ordered,
                                                            article_texts, check_only)
    if not changed:
        return ok, bad, {}, new_report, None
    columns = list(result.comments.columns)
    frames = [new for _, new in changed.values()]
    if result.topics is not None:
        frames = [_placed(frame, result.topics, result.articles) for frame in frames]
    scored = _score_new_texts(frames)
    changed = {article: (old, new[columns])
               for (article, (old, _)), new in zip(changed.items(), scored, strict=True)}
    rows_now = pd.concat([new for _, new in changed.values()], ignore_index=True)
    threads = thread_metrics(rows_now) if len(rows_now) else None
    return ok, bad, changed, new_report, threads


def _lines_reader(name: str, source_bytes: Callable[[str], bytes | None] | None
                  ) -> Callable[[], list[str] | None]:
    memo: list[list[str] | None] = []

    def lines() -> list[str] | None:
        if not memo:
            data = source_bytes(name) if source_bytes is not None else None
            memo.append(page_comment_lines(name, data) if data is not None else None)
        return memo[0]

    return lines


def _article_span(articles: pd.DataFrame, source: str) -> tuple[int, int] | None:
    rows = articles[articles[ArticleCol.SOURCE] == source]
    if rows.empty or rows[ArticleCol.LINE_START].isna().all():
        return None
    return int(rows[ArticleCol.LINE_START].min()), int(rows[ArticleCol.LINE_END].max())


def _check_text(c: Correction, text: str | None, what: str) -> str:
    if not c.line_text or text is None or _starts_with(text, c.line_text):
        return ""
    return (f"{what} no longer starts with {c.line_text!r} (it reads "
            f"{first_words(text)!r}): the source changed; not applied")


@dataclass
class _PageEdits:
    """What a page's rows did: the page after the span rows, and the links asked for."""

    page: _Page
    ok: list[Correction]
    bad: list[Problem]
    spans_changed: bool
    hand_parent: dict[int, int | None]  # start line -> parent's start line (None: top-level)


def _edit_page(name: str, frame: pd.DataFrame, report: IngestionReport,
               article: tuple[int, int] | None, rows: list[Correction],
               source_lines: Callable[[], list[str] | None]) -> _PageEdits:
    """Apply a page's span rows, then check its link rows against the new spans.
    ``source_lines`` gives the page's lines, read only to bring back a line set aside."""
    page = _Page.of(name, frame, report, article)
    ok: list[Correction] = []
    bad: list[Problem] = []
    spans_changed = False
    hand_parent: dict[int, int | None] = {}  # start line -> parent line (None: top-level)
    link_rows: list[Correction] = []
    for c in rows:
        line = _line_number(c.line)
        if line is None:
            bad.append(Problem(c.origin, c.row, f"line {c.line!r} is not a line number"))
            continue
        if c.action == PARENT:
            link_rows.append(c)
            continue
        if c.action == SKIP and page.is_gone(line):
            ok.append(c)  # already no comment
            continue
        why = ""
        before = (len(page.starts), len(page.lines))
        if c.action in (SPLIT, JOIN) and page.restorable(line):
            why = _restore(page, line, c, source_lines)
        why = why or page.why_not_comment(line) or _check_text(c, page.lines.get(line),
                                                                f"line {line}")
        if not why:
            act = {SPLIT: page.split, JOIN: page.join}.get(c.action)
            why = act(line) if act else page.skip(line, c)
        spans_changed |= before != (len(page.starts), len(page.lines))
        if why:
            bad.append(Problem(c.origin, c.row, why))
            continue
        ok.append(c)
    for c in link_rows:
        line = _line_number(c.line)
        why = page.why_not_comment(line)
        if not why and line not in page.starts:
            why = (f"line {line} does not start a comment (it continues the comment at line "
                   f"{page.start_of(line)})")
        why = why or _check_text(c, page.lines.get(line), f"line {line}")
        target = None
        if not why and c.target:
            target = _line_number(c.target)
            if target is None:
                why = f"target {c.target!r} is not a line number"
            else:
                why = page.why_not_comment(target)
                if not why:
                    target = page.start_of(target)
                    if target > line:
                        why = (f"target line {c.target} comes after line {line}: on a page a "
                               "reply comes after the comment it answers")
                    elif target == line:
                        why = f"line {line} cannot answer its own comment"
        if why:
            bad.append(Problem(c.origin, c.row, why))
            continue
        hand_parent[line] = target
        ok.append(c)
    return _PageEdits(page, ok, bad, spans_changed, hand_parent)


def _restore(page: _Page, line: int, c: Correction,
             source_lines: Callable[[], list[str] | None]) -> str:
    """Bring back a line set aside, with its text from the source (checked against
    ``line_text``)."""
    if page.skipped.get(line) == "blank line":
        return page.why_not_comment(line)
    if c.action == JOIN and (not page.lines or line < page.ordered()[0]):
        return f"line {line} would be the first comment: there is no comment above to join"
    if line in page.by_hand:
        return _check_text(c, page.by_hand[line][1], f"line {line}") or page.restore(line, "")
    lines = source_lines()
    if lines is None or line > len(lines):
        return (f"line {line} is no comment ({page.skipped[line]}); to make it one, the "
                "source file is needed")
    return _check_text(c, lines[line - 1], f"line {line}") or page.restore(line, lines[line - 1])


def _apply_to_page(name: str, frame: pd.DataFrame, positions: np.ndarray,
                   report: IngestionReport, article: tuple[int, int] | None,
                   rows: list[Correction], source_lines: Callable[[], list[str] | None],
                   article_texts: Mapping[str, str], check_only: bool = False):
    edits = _edit_page(name, frame, report, article, rows, source_lines)
    page, ok, bad, spans_changed = edits.page, edits.ok, edits.bad, edits.spans_changed
    if check_only or (not spans_changed and not edits.hand_parent):
        return ok, bad, {}, None
    groups = page.groups()
    new_rows = _page_rows(frame, page, groups)
    row_of_start = {group[0]: k for k, group in enumerate(groups)}
    links = _page_fixed_links(frame, page, groups, row_of_start)
    for line, target in edits.hand_parent.items():
        links.fixed[row_of_start[line]] = (
            -1 if target is None else row_of_start[target], 1.0, CORRECTED_BY_HAND)
    new_rows = _relink(new_rows, links, article_texts)
    new_report = _page_report(report, page, groups) if spans_changed else None
    article_id = str(frame[Col.ARTICLE_ID].iloc[0]) if len(frame) else None
    changed = {article_id: (positions, new_rows)} if article_id is not None else {}
    return ok, bad, changed, new_report


def _id_prefix(frame: pd.DataFrame) -> str:
    """What comes before ``L<line>`` in the page's comment ids ("stem:" or "name/stem:")."""
    first_id = str(frame[Col.COMMENT_ID].iloc[0])
    tail = f"L{int(frame[Col.LINE_START].iloc[0])}"
    return first_id[: -len(tail)] if first_id.endswith(tail) else \
        f"{frame[Col.ARTICLE_ID].iloc[0]}:"


def _page_rows(frame: pd.DataFrame, page: _Page, groups: list[list[int]]) -> pd.DataFrame:
    """One row per group: the old comment's row where the group is an old comment unchanged,
    else a row built from the comment its first line came from, with its new span and text
    (scores are filled in later, for these rows only)."""
    if not groups:
        return frame.iloc[:0].copy()
    old_lines: dict[int, tuple[int, ...]] = defaultdict(tuple)
    for line, k in sorted(page.owner.items()):
        if line not in page.restored:
            old_lines[k] += (line,)
    prefix = _id_prefix(frame)
    origin = [page.owner[group[0]] for group in groups]
    out = frame.iloc[origin].reset_index(drop=True)
    changed = np.array([old_lines[page.owner[g[0]]] != tuple(g) for g in groups])
    last_line = page.ordered()[-1]
    truncated = frame[Col.TRUNCATED].to_numpy(dtype=object)
    columns: dict[str, object] = {Col.POSITION: np.arange(len(groups), dtype=np.int64)}
    if changed.any():
        rows = np.flatnonzero(changed)
        ids = out[Col.COMMENT_ID].astype(object).to_numpy(copy=True)
        starts = out[Col.LINE_START].copy()
        ends = out[Col.LINE_END].copy()
        texts = out[Col.TEXT].copy()
        evidence = out[Col.SEGMENT_EVIDENCE].copy()
        cut = out[Col.TRUNCATED].astype(object).to_numpy(copy=True)
        for r in rows:
            group = groups[r]
            ids[r] = f"{prefix}L{group[0]}"
            starts.iloc[r] = group[0]
            ends.iloc[r] = group[-1]
            texts.iloc[r] = "\n".join(page.lines[n] for n in group)
            evidence.iloc[r] = CORRECTED_BY_HAND
            cut[r] = bool(group[-1] == last_line and last_line not in page.restored
                          and truncated[page.owner[last_line]] is True)
        columns.update({Col.COMMENT_ID: ids, Col.LINE_START: starts, Col.LINE_END: ends,
                        Col.TEXT: texts, Col.SEGMENT_EVIDENCE: evidence, Col.TRUNCATED: cut,
                        _NEW: changed})
        if Col.SEGMENT_CONFIDENCE in out:  # a span set by hand is the reader's own reading
            confidence = out[Col.SEGMENT_CONFIDENCE].copy()
            confidence.iloc[rows] = 1.0
            columns[Col.SEGMENT_CONFIDENCE] = confidence
        topic = _topic_donors(frame, page, groups, rows)
        for column in (Col.TOPIC_ID, Col.TOPIC_LABEL, Col.ARTICLE_SIMILARITY):
            if column in out:
                values = out[column].to_numpy(copy=True)
                values[rows] = frame[column].to_numpy()[topic]
                columns[column] = values
    return out.assign(**columns)


_NEW = "_corrections_new_text"
"""A working column: True on rows whose text must be scored."""


def _placed(rows: pd.DataFrame, topics: FittedTopics, articles: pd.DataFrame) -> pd.DataFrame:
    """One rebuilt article's rows with the topics of its new texts placed by the analysis'
    topic model, and every comment without topic words inheriting along its new links."""
    changed = rows[_NEW].fillna(False).astype(bool).to_numpy() if _NEW in rows \
        else np.zeros(len(rows), dtype=bool)
    return place_topics(rows, topics, articles, changed)


def _topic_donors(frame: pd.DataFrame, page: _Page, groups: list[list[int]],
                  rows: np.ndarray) -> np.ndarray:
    """For each changed group, the old comment whose topic it takes when the analysis keeps
    no topic model (one built by hand): the first one its lines came from that has topic
    words, else the one of its first line. With a model, :func:`_placed` places it."""
    topics = frame[Col.TOPIC_ID].to_numpy() if Col.TOPIC_ID in frame else None
    donors = []
    for r in rows:
        owners = list(dict.fromkeys(page.owner[n] for n in groups[r]))
        with_words = [k for k in owners if topics is not None and topics[k] >= 0]
        donors.append(with_words[0] if with_words else owners[0])
    return np.array(donors, dtype=np.int64)


def _page_fixed_links(frame: pd.DataFrame, page: _Page, groups: list[list[int]],
                      row_of_start: dict[int, int]) -> _Links:
    """Links of the page that inference must keep (``reply_inferred`` False: page markers,
    for instance), moved with the spans: a link to a comment that was joined to another now
    points to that comment."""
    links = _Links()
    inferred = frame[Col.INFERRED].fillna(True).astype(bool).to_numpy()
    if inferred.all():
        return links
    group_of_line = {n: k for k, group in enumerate(groups) for n in group}
    lines_of_row: dict[int, list[int]] = defaultdict(list)
    for line, k in sorted(page.owner.items()):
        if line not in page.restored:
            lines_of_row[k].append(line)
    row_of_id = {cid: k for k, cid in enumerate(frame[Col.COMMENT_ID].astype(str).tolist())}

    def new_row(old: int) -> int | None:
        return next((group_of_line[n] for n in lines_of_row[old] if n in group_of_line), None)

    parents = frame[Col.PARENT_ID].astype(object).tolist()
    confidence = frame[Col.REPLY_CONFIDENCE].tolist()
    evidence = frame[Col.REPLY_EVIDENCE].astype(object).tolist()
    for k in np.flatnonzero(~inferred):
        child = new_row(k)
        if child is None or groups[child][0] != lines_of_row[k][0]:
            continue  # the comment lost its first line: its link goes back to inference
        parent = parents[k]
        target = -1 if not isinstance(parent, str) or parent not in row_of_id \
            else new_row(row_of_id[parent])
        if target is None or target == child:
            continue
        links.fixed[child] = (target, float(confidence[k]), str(evidence[k] or ""))
    return links


def _relink(rows: pd.DataFrame, links: _Links, article_texts: Mapping[str, str]
            ) -> pd.DataFrame:
    """Parents of one article's rows: fixed links kept, the others inferred again (reading the
    article's own text, as the pipeline does); then the article's threads."""
    n = len(rows)
    if n == 0:
        return rows
    fixed = np.zeros(n, dtype=bool)
    parent = np.full(n, None, dtype=object)
    confidence = np.full(n, np.nan)
    evidence = np.full(n, "", dtype=object)
    ids = rows[Col.COMMENT_ID].astype(str).to_numpy()
    for child, (target, conf, why) in links.fixed.items():
        fixed[child] = True
        parent[child] = ids[target] if target >= 0 else None
        confidence[child] = conf
        evidence[child] = why
    guessed = np.zeros(n, dtype=bool)
    guessed[sorted(links.guessed & links.fixed.keys())] = True
    linked = _infer_around(rows, fixed, parent, confidence, evidence, article_texts, guessed)
    return build_threads(linked)


@cache
def _inference_keeps_mixed_links() -> bool:
    """Does :func:`infer_parents` fill only the rows whose ``reply_inferred`` is True when an
    article mixes them with fixed links (the contract between the areas)? Asked once, of two
    comments."""
    probe = pd.DataFrame({
        Col.ARTICLE_ID: ["a", "a"], Col.COMMENT_ID: ["1", "2"], Col.POSITION: [0, 1],
        Col.TEXT: ["A first comment.", "A second comment."], Col.AUTHOR: [None, None],
        Col.PARENT_ID: pd.Series([None, None], dtype=object),
        Col.REPLY_CONFIDENCE: [1.0, np.nan], Col.REPLY_EVIDENCE: [CORRECTED_BY_HAND, ""],
        Col.INFERRED: [False, True]})
    return infer_parents(probe)[Col.INFERRED].tolist() == [False, True]


def _infer_around(rows: pd.DataFrame, fixed: np.ndarray, parent: np.ndarray,
                  confidence: np.ndarray, evidence: np.ndarray,
                  article_texts: Mapping[str, str], guessed: np.ndarray) -> pd.DataFrame:
    """Reply inference over one article with the ``fixed`` rows' links kept, as the contract
    between the areas says: inference fills only rows whose ``reply_inferred`` is True. The
    ``guessed`` ones among them (guesses their source states) stay ``reply_inferred``, with
    the ``reply_addresses`` they had."""

    def frame(keep: np.ndarray) -> pd.DataFrame:
        return rows.assign(**{
            Col.PARENT_ID: pd.Series(np.where(keep, parent, None), index=rows.index,
                                     dtype=object),
            Col.REPLY_CONFIDENCE: pd.Series(np.where(keep, confidence, np.nan),
                                            index=rows.index, dtype=float),
            Col.REPLY_EVIDENCE: pd.Series(np.where(keep, evidence, ""), index=rows.index,
                                          dtype=object),
            Col.INFERRED: pd.Series(~keep, index=rows.index, dtype=bool),
        })

    if fixed.all():
        out = frame(fixed)
    elif _inference_keeps_mixed_links():
        out = infer_parents(frame(fixed), article_texts)
    else:
        # This inference keeps every link of an article that has any: infer the whole
        # article, then put the fixed links back over it.
        out = infer_parents(frame(np.zeros(len(rows), dtype=bool)), article_texts)
    kept = pd.Series(fixed, index=rows.index)
    guess = pd.Series(guessed, index=rows.index)
    if Col.REPLY_ADDRESSES in out:  # said of inferred links only
        stated = (rows[Col.REPLY_ADDRESSES].astype("boolean") if Col.REPLY_ADDRESSES in rows
                  else pd.Series(pd.NA, index=rows.index, dtype="boolean"))
        out = out.assign(**{Col.REPLY_ADDRESSES: out[Col.REPLY_ADDRESSES].astype("boolean")
                            .where(~kept).where(~guess, stated)})
    return out.assign(**{
        Col.PARENT_ID: out[Col.PARENT_ID].astype(object).where(
            ~kept, pd.Series(parent, index=rows.index, dtype=object)),
        Col.REPLY_CONFIDENCE: out[Col.REPLY_CONFIDENCE].where(
            ~kept, pd.Series(confidence, index=rows.index)),
        Col.REPLY_EVIDENCE: out[Col.REPLY_EVIDENCE].astype(object).where(
            ~kept, pd.Series(evidence, index=rows.index, dtype=object)),
        Col.INFERRED: (out[Col.INFERRED].astype(bool) & ~kept) | guess,
        Col.REPLY_STATED: kept,
    })


def _page_report(report: IngestionReport, page: _Page, groups: list[list[int]]
                 ) -> IngestionReport:
    skipped = [s for s in report.skipped if s.line not in page.restored]
    skipped += [SkippedLine(n, SKIPPED_BY_HAND) for n in sorted(page.by_hand)]
    return replace(report, skipped=sorted(skipped, key=lambda s: s.line),
                   comment_lines=report.comment_lines - len(page.by_hand) + len(page.restored),
                   comments=len(groups), warnings=list(report.warnings))


def _apply_to_structured(name: str, frame: pd.DataFrame, positions: np.ndarray,
                         rows: list[Correction], article_texts: Mapping[str, str],
                         check_only: bool = False):
    ok: list[Correction] = []
    bad: list[Problem] = []
    ids = frame[Col.COMMENT_ID].astype(str).tolist()
    row_of = {cid: k for k, cid in enumerate(ids)}
    prefixed = f"{name}/"
    for k, cid in enumerate(ids):  # ids prefixed to stay unique answer to the source's own
        if cid.startswith(prefixed):
            row_of.setdefault(cid[len(prefixed):], k)
    articles = frame[Col.ARTICLE_ID].astype(str).to_numpy()
    inferred = frame[Col.INFERRED].fillna(False).astype(bool).to_numpy()
    # A link the source states is kept when another is corrected, a guess among them too (a
    # commentscope export's inferred link: the file is what its reader was given).
    stated = ~inferred | (frame[Col.REPLY_STATED].fillna(False).astype(bool).to_numpy()
                          if Col.REPLY_STATED in frame else np.zeros(len(frame), dtype=bool))
    order = frame[Col.POSITION].to_numpy() if Col.POSITION in frame else np.arange(len(frame))
    texts = frame[Col.TEXT].fillna("").astype(str).tolist()
    current = {k: row_of.get(p) if isinstance(p, str) else None
               for k, p in enumerate(frame[Col.PARENT_ID].astype(object).tolist())}
    hand: dict[int, int | None] = {}

    def find(value: str) -> int | None:
        found = row_of.get(value)
        if found is None and _line_number(value) is not None:
            found = row_of.get(str(_line_number(value)))
        return found

    for c in rows:
        if c.action != PARENT:
            bad.append(Problem(c.origin, c.row, f"{name} has comment ids: only parent applies, "
                                                f"not {c.action}"))
            continue
        child = find(c.line)
        why = "" if child is not None else f"no comment with id {c.line!r} in {name}"
        target = None
        if not why:
            why = _check_text(c, texts[child], f"comment {c.line}")
        if not why and c.target:
            target = find(c.target)
            if target is None:
                why = f"no comment with id {c.target!r} in {name}"
            elif articles[target] != articles[child]:
                why = f"comment {c.target} is under another article than {c.line}"
            elif target == child:
                why = f"comment {c.line} cannot answer itself"
            elif inferred[child] and order[target] > order[child]:
                why = (f"comment {c.target} comes after {c.line}: this source's links are "
                       "inferred from page order, where a reply follows its parent")
            elif _reaches(current, target, child):
                why = f"comment {c.target} answers {c.line} already: the link would be a cycle"
        if why:
            bad.append(Problem(c.origin, c.row, why))
            continue
        hand[child] = target
        current[child] = target
        ok.append(c)
    if check_only:
        return ok, bad, {}, None
    changed = {}
    confidence = frame[Col.REPLY_CONFIDENCE].to_numpy(dtype=float)
    evidence = frame[Col.REPLY_EVIDENCE].astype(object).tolist()
    for article_id in dict.fromkeys(articles[child] for child in hand):
        members = np.flatnonzero(articles == article_id)
        local = {int(k): i for i, k in enumerate(members)}
        links = _Links()
        for i, k in enumerate(members.tolist()):
            if k in hand:
                target = hand[k]
                links.fixed[i] = (-1 if target is None else local[target], 1.0,
                                  CORRECTED_BY_HAND)
            elif stated[k]:
                links.fixed[i] = (local.get(current[k], -1) if current[k] is not None else -1,
                                  confidence[k], str(evidence[k] or ""))
                if inferred[k]:
                    links.guessed.add(i)
        changed[article_id] = (positions[members],
                               _relink(frame.iloc[members], links, article_texts))
    return ok, bad, changed, None


def _reaches(parent_of: dict[int, int | None], start: int, goal: int) -> bool:
    """Does following parents up from ``start`` reach ``goal``?"""
    seen: set[int] = set()
    node: int | None = start
    while node is not None and node not in seen:
        if node == goal:
            return True
        seen.add(node)
        node = parent_of.get(node)
    return False


def _assemble(result: Analysis, rebuilt: dict[str, tuple[np.ndarray, pd.DataFrame]],
              fresh_threads: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The comment table with each rebuilt article's rows in place of its old ones, and the
    thread table with those articles' threads as measured again."""
    if not rebuilt:
        return result.comments, result.threads
    columns = list(result.comments.columns)
    olds = [old for old, _ in rebuilt.values()]
    news = [new for _, new in rebuilt.values()]
    comments = result.comments
    # A page's rows are one block of the table, replaced whole (their number may change); a
    # structured article's rows may interleave with others', and only their links change.
    blocks, scattered = [], []
    for old, new in zip(olds, news, strict=True):
        if len(old) and old[-1] - old[0] + 1 == len(old):
            blocks.append((int(old[0]), int(old[-1]) + 1, new))
        else:
            scattered.append((old, new))
    blocks.sort(key=lambda block: block[0])
    pieces, at = [], 0
    for start, stop, new in blocks:
        pieces += [comments.iloc[at:start], new]
        at = stop
    pieces.append(comments.iloc[at:])
    table = pd.concat([p for p in pieces if len(p)] or [comments.iloc[:0]], ignore_index=True) \
        if blocks else comments.copy(deep=False)
    if scattered:
        starts = np.array([start for start, _, _ in blocks], dtype=np.int64)
        grown = np.cumsum([len(new) - (stop - start) for start, stop, new in blocks] or [0])
        for old, new in scattered:
            before = np.searchsorted(starts, old, side="right")
            shift = np.where(before > 0, grown[np.maximum(before - 1, 0)], 0) if len(starts) \
                else np.zeros(len(old), dtype=np.int64)
            where = old + shift
            for column in columns:
                kept = comments[column].iloc[old].reset_index(drop=True)
                if not kept.equals(new[column].reset_index(drop=True)):
                    values = table[column].to_numpy(dtype=object, copy=True)
                    values[where] = new[column].to_numpy(dtype=object)
                    table[column] = pd.Series(values, index=table.index, dtype=object)
    table = _restore_dtypes(table, comments)
    threads = _spliced_threads(result.threads, list(rebuilt), fresh_threads)
    return table.reset_index(drop=True), threads


def _spliced_threads(threads: pd.DataFrame, changed_articles: list[str],
                     fresh_threads: list[pd.DataFrame]) -> pd.DataFrame:
    """``threads`` with the rows of ``changed_articles`` replaced by ``fresh_threads``, where
    the first of them stood (at the end when none did)."""
    fresh = pd.concat(fresh_threads, ignore_index=True) if fresh_threads else threads.iloc[:0]
    is_changed = threads[ThreadCol.ARTICLE_ID].isin(changed_articles).to_numpy()
    if is_changed.any():
        first = int(np.flatnonzero(is_changed)[0])
        kept = threads[~is_changed]
        before = int((~is_changed[:first]).sum())
        spliced = pd.concat([kept.iloc[:before], fresh, kept.iloc[before:]], ignore_index=True)
    else:
        spliced = pd.concat([threads, fresh], ignore_index=True)
    return spliced[list(threads.columns)]


def _page_order_threads(result: Analysis, comments: pd.DataFrame,
                        changed_articles: list[str]) -> pd.DataFrame | None:
    """The page-order thread table of the corrected ``comments``: ``result``'s, with the
    changed articles' threads measured again (page order reads each article alone)."""
    if result.page_order_threads is None:
        return None
    if not changed_articles:
        return result.page_order_threads
    rows = comments[comments[Col.ARTICLE_ID].isin(changed_articles)]
    fresh = [page_order_thread_metrics(rows)] if len(rows) else []
    return _spliced_threads(result.page_order_threads, changed_articles, fresh)


def _restore_dtypes(table: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    fixes = {}
    for column, dtype in like.dtypes.items():
        if column in table and table[column].dtype != dtype:
            try:
                fixes[column] = table[column].astype(dtype)
            except (TypeError, ValueError):
                pass
    return table.assign(**fixes) if fixes else table


def _score_new_texts(frames: list[pd.DataFrame]) -> list[pd.DataFrame]:
    """Sentiment and hostility for the rows whose text is new, all frames in one call each."""
    marked = [frame[_NEW].fillna(False).astype(bool).to_numpy() if _NEW in frame
              else np.zeros(len(frame), dtype=bool) for frame in frames]
    todo = [frame[m] for frame, m in zip(frames, marked, strict=True) if m.any()]
    if not todo:
        return [frame.drop(columns=[_NEW], errors="ignore") for frame in frames]
    texts = pd.concat([f[[Col.TEXT]] for f in todo], ignore_index=True)
    scores = score_hostility(score_sentiment(texts, n_jobs=1), n_jobs=1)
    out, at = [], 0
    for frame, m in zip(frames, marked, strict=True):
        if m.any():
            part = scores.iloc[at: at + int(m.sum())]
            at += int(m.sum())
            values = {}
            for column in part.columns.drop(Col.TEXT):
                if column in frame:
                    column_values = frame[column].to_numpy(dtype=object, copy=True)
                    column_values[m] = part[column].to_numpy(dtype=object)
                    values[column] = pd.Series(column_values, index=frame.index).astype(
                        frame[column].dtype)
            frame = frame.assign(**values)
        out.append(frame.drop(columns=[_NEW], errors="ignore"))
    return out


# ---------------------------------------------------------------------------- the store


def data_dir() -> Path:
    """Where commentscope keeps user work: ``$COMMENTSCOPE_DATA_DIR``, else
    ``$XDG_DATA_HOME/commentscope`` or ``~/.local/share/commentscope``."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base).expanduser() / "commentscope"


@dataclass(frozen=True)
class Saved:
    """One source's saved corrections and when they were last saved (None: none saved)."""

    corrections: tuple[Correction, ...]
    saved_at: datetime | None
    problems: tuple[Problem, ...] = ()


class CorrectionStore:
    """Corrections per source, keyed by the source's content hash (so the same file under
    another name gets them, and an edited file does not): one corrections file each in
    ``<data dir>/corrections/``. Written atomically; never pruned."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = (Path(folder) if folder is not None else data_dir()) / "corrections"

    def path(self, content_hash: str) -> Path:
        return self.folder / f"{content_hash}.csv"

    def load(self, content_hash: str, source: str) -> Saved:
        """The saved corrections of the source with this content, named ``source`` now."""
        path = self.path(content_hash)
        try:
            data = path.read_bytes()
            saved_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except FileNotFoundError:
            return Saved((), None)
        label = f"saved corrections of {source}"
        try:
            rows, problems = read_corrections(label, data)
        except CorrectionsError as err:
            return Saved((), saved_at, (Problem(label, err.line, err.reason),))
        return Saved(tuple(replace(c, source=source) for c in rows), saved_at, tuple(problems))

    def save(self, content_hash: str, corrections: Sequence[Correction]) -> None:
        """Replace the source's saved corrections (none: the file is removed)."""
        path = self.path(content_hash)
        if not corrections:
            path.unlink(missing_ok=True)
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(corrections_csv(corrections))
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
