"""Reading sources: the only module that opens files.

Two kinds of source:

* a scraped page (any text file): article text first, then a gap of blank lines (or a
  "Comments" header), then the comments, one per line, with no author, time or reply link;
* a structured export (``.csv``/``.tsv``, ``.json``, ``.jsonl``/``.ndjson``) with one comment per
  row or object: id, parent id, author, time, text, and optionally article id/title/url/text.

Every physical line of a file ends up in exactly one place: an article, a comment, or the
ingestion report's list of skipped lines with a reason. Input that cannot be read raises
:class:`SourceError`, which names the file, the line where it applies, and the reason.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

from analysis.layout import BODY_SPAN_CONFIDENCE, link_replies, read_layout
from analysis.schema import ARTICLE_COLUMNS, ArticleCol, Col
from analysis.segment import Segment, segment_comments
from analysis.threads import (
    INVALID_CYCLE,
    INVALID_MISSING,
    INVALID_OTHER_ARTICLE,
    INVALID_SELF,
    validate_links,
)
from analysis.timeline import normalise_timestamp

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "seeds"

STRUCTURED_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".json": "json", ".jsonl": "jsonl",
                       ".ndjson": "jsonl"}
MIN_GAP_BLANK_LINES = 3
"""A run of at least this many blank lines separates the article from its comments; article
paragraphs are separated by one or two (seed 001 has two before its copyright footer)."""

MAX_TITLE_CHARS = 120
SOURCE_LINK = "source link"
SOURCE_TOP_LEVEL = "source: top-level"

# Zero-width and bidi marks are invisible: a line made only of them is blank to a reader.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Control characters carry no meaning in a comment and upset terminals and spreadsheets.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    kind: str  # "page", "csv", "json" or "jsonl"
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

    def to_text(self) -> str:
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
        lines.extend(f"warning: {w}" for w in self.warnings)
        if self.accounted_lines != self.total_lines:
            lines.append(f"ERROR: {self.total_lines - self.accounted_lines} lines unaccounted for")
        return "\n".join(lines)


@dataclass
class Source:
    """One read source: its articles, its comments (reader columns only) and its report."""

    name: str
    articles: pd.DataFrame
    comments: pd.DataFrame
    report: IngestionReport
    content_hash: str


# ---------------------------------------------------------------------------- entry points


def read_source(path: str | Path) -> Source:
    """Read one file (page text or structured export) into articles, comments and a report."""
    path = Path(path)
    return read_bytes(path.name, _file_bytes(path))


def source_bytes(path: str | Path) -> bytes:
    """The content of a source file; a SourceError names the file when it cannot be read."""
    return _file_bytes(Path(path))


def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, "file not found") from None
    except IsADirectoryError:
        raise SourceError(path, "is a directory, not a file") from None
    except OSError as err:
        raise SourceError(path, f"cannot read: {err.strerror or err}") from None


def read_bytes(name: str, data: bytes) -> Source:
    """Read a source from memory (an upload): ``name`` gives the format and the source label."""
    source, columns = read_bytes_unframed(name, data)
    return source if columns is None else columns.framed(source)


@dataclass
class PageColumns:
    """A page's article row and comments as columns of plain values, before they are frames.
    Many pages stack into one frame several times faster than each becomes a frame of its own;
    :meth:`stack` of pages gives the frames of the pages' frames stacked."""

    articles: dict[str, list]
    comments: dict[str, list]

    @staticmethod
    def stack(pages: Sequence[PageColumns]) -> PageColumns:
        return PageColumns(
            {c: [v for page in pages for v in page.articles[c]] for c in pages[0].articles},
            {c: [v for page in pages for v in page.comments[c]] for c in pages[0].comments},
        )

    def framed(self, source: Source) -> Source:
        """The source with these columns as its frames."""
        return replace(source, articles=self.article_frame(), comments=self.comment_frame())

    def article_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.articles)

    def comment_frame(self) -> pd.DataFrame:
        return pd.DataFrame({
            column: pd.array(values, dtype=_PAGE_DTYPES[column]) if column in _PAGE_DTYPES
            else values
            for column, values in self.comments.items()
        })


_PAGE_DTYPES = {
    Col.LINE_START: "Int64", Col.LINE_END: "Int64", Col.AUTHOR: "string",
    Col.CREATED_AT: "string", Col.TEXT: "string", Col.PARENT_ID: "string",
    Col.REPLY_CONFIDENCE: "Float64", Col.REPLY_EVIDENCE: "string", Col.SEGMENT_EVIDENCE: "string",
    Col.SEGMENT_CONFIDENCE: "Float64", Col.TIME_TEXT: "string", Col.LIKES: "Int64",
}
_UNFRAMED = pd.DataFrame()
"""The tables of a source read unframed: its PageColumns hold them."""


def read_source_unframed(path: str | Path) -> tuple[Source, PageColumns | None]:
    """:func:`read_bytes_unframed` of a file."""
    path = Path(path)
    return read_bytes_unframed(path.name, _file_bytes(path))


def read_bytes_unframed(name: str, data: bytes) -> tuple[Source, PageColumns | None]:
    """:func:`read_bytes`, except that a page with an article and comments comes back with its
    tables as columns (and empty frames in the Source). Other sources come back whole."""
    text, encoding, damaged_lines = _decode(name, data)
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # the final line break ends the last line; it does not start a new one
    if not any(_visible(line) for line in lines):
        raise SourceError(name, "no text: the file has only blank lines", line=1)
    kind = source_kind(name, text)
    stem = Path(name).stem or "source"
    columns = None
    if kind == "page":
        articles, comments, report, columns = _parse_page(name, stem, lines)
    else:
        articles, comments, report = _parse_structured(name, stem, kind, text, lines)
        comments = comments.assign(**{Col.SOURCE: name})
        articles = articles.assign(**{ArticleCol.SOURCE: name})
    report.encoding = encoding
    if damaged_lines:
        damaged = "bytes that are not UTF-8, shown as \ufffd"
        report.warn(f"line{'s' if len(damaged_lines) > 1 else ''} "
                    f"{_compact_ranges(damaged_lines)}: {damaged}", "bytes that are not UTF-8",
                    damaged, lines=damaged_lines)
    report.total_lines = len(lines)
    report.articles = len(articles) if columns is None else 1
    report.comments = len(comments) if columns is None else len(columns.comments[Col.TEXT])
    return Source(name, articles, comments, report, hashlib.sha256(data).hexdigest()), columns


def source_kind(name: str, text: str) -> str:
    """The reader for a file: by its suffix, else by a look at its first characters."""
    suffix = Path(name).suffix.lower()
    if suffix in STRUCTURED_SUFFIXES:
        return STRUCTURED_SUFFIXES[suffix]
    if suffix in {".txt", ".text", ".md", ".html", ".htm", ""}:
        return "page"
    head = text.lstrip()[:1]
    if head == "[":
        return "json"
    if head == "{":
        first = text.lstrip().split("\n", 1)[0].strip()
        return "jsonl" if first.endswith("}") and _is_json(first) else "json"
    return "page"


def seed_paths() -> list[Path]:
    """The default sources: every file in the project's seeds/ folder, in name order."""
    return sorted(p for p in SEEDS_DIR.iterdir() if p.is_file() and not p.name.startswith("."))


# ---------------------------------------------------------------------------- decoding


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Bytes to text. UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such;
    mostly UTF-8 with a few bad bytes is read as UTF-8 with those bytes replaced by U+FFFD;
    other bytes that are not UTF-8 are read as Windows-1252 and the report says so."""
    text, encoding, _ = _decode(name, data)
    return text, encoding


def _decode(name: str, data: bytes) -> tuple[str, str, list[int]]:
    """:func:`decode`, and the lines whose undecodable bytes were replaced."""
    if not data:
        raise SourceError(name, "empty file: nothing to read", line=1)
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as err:
                raise SourceError(name, f"not valid {encoding} despite its byte order mark",
                                  line=data[: err.start].count(b"\n") + 1) from None
    if _looks_binary(data):
        raise SourceError(name, "binary file: expected text (a page, CSV, JSON or JSONL)",
                          line=data[: data.find(b"\x00") + 1].count(b"\n") + 1
                          if b"\x00" in data else None)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad_bytes = sum(len(run) for run in _UNDECODED.findall(escaped))
    non_ascii = len(escaped) - len(escaped.encode("ascii", "ignore"))
    # Text in Windows-1252 almost never holds a valid UTF-8 sequence, so a file with more of
    # them than bad bytes is UTF-8 with damage: reading it all as 1252 would garble every
    # accent to save a byte or two.
    if non_ascii - bad_bytes > bad_bytes:
        damaged = [number for number, line in enumerate(_LINE_BREAK.split(escaped), start=1)
                   if _UNDECODED.search(line)]
        return _UNDECODED.sub("\ufffd", escaped), "utf-8", damaged
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        return data.decode("latin-1"), "latin-1", []
    return text, "cp1252", []


# Bytes that are not UTF-8, as the surrogateescape error handler keeps them.
_UNDECODED = re.compile("[\udc80-\udcff]+")


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(sample) // 20)


def _without(chars: re.Pattern[str], line: str) -> str:
    """``line`` without the characters ``chars`` matches (all of them unprintable)."""
    # isprintable() is one fast scan and true for most lines, which then hold none of them.
    return line if line.isprintable() else chars.sub("", line)


def _visible(line: str) -> str:
    return _without(_INVISIBLE, line).strip()


# ---------------------------------------------------------------------------- boilerplate


@dataclass(frozen=True)
class BoilerplateRule:
    reason: str
    where: str  # "article", "comments" or "any"
    pattern: re.Pattern


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    text = resources.files("analysis.lexicons").joinpath("boilerplate.tsv").read_text("utf-8")
    rules = []
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        reason, where, pattern = raw.split("\t", 2)
        rules.append(BoilerplateRule(reason, where, re.compile(pattern, re.IGNORECASE)))
    return tuple(rules)


@lru_cache(maxsize=4)
def _boilerplate_matcher(part: str) -> tuple[re.Pattern, dict[str, str]]:
    """All rules for one part of the page as one alternation, so a line costs one match."""
    rules = [r for r in boilerplate_rules() if r.where in (part, "any")]
    groups = {f"rule{i}": rule.reason for i, rule in enumerate(rules)}
    combined = "|".join(f"(?P<rule{i}>(?:{rule.pattern.pattern})\\Z)"
                        for i, rule in enumerate(rules))
    return re.compile(combined, re.IGNORECASE), groups


def boilerplate_reason(line: str, part: str) -> str | None:
    """The reason a line is page furniture rather than content, or None."""
    stripped = _visible(line)
    if len(stripped) > 500:
        return None
    matcher, reasons = _boilerplate_matcher(part)
    match = matcher.match(stripped)
    return f"boilerplate: {reasons[match.lastgroup]}" if match else None


# ---------------------------------------------------------------------------- page text


def _parse_page(name: str, stem: str, lines: list[str]):
    report = IngestionReport(source=name, kind="page")
    split, gap_warning = _find_comment_section(lines)
    article_end, comments_start = split if split else (len(lines), len(lines))
    if gap_warning:
        report.warn(gap_warning, "comment section")
    if split is None:
        report.warn(
            f"no comment section found: no run of {MIN_GAP_BLANK_LINES} or more blank lines "
            "and no \"Comments\" header, so every line is read as the article",
            "no comment section")

    article_rows: list[tuple[int, str]] = []
    seen_article_lines: set[str] = set()
    for number in range(1, article_end + 1):
        line = lines[number - 1]
        visible = _visible(line)
        if not visible:
            report.skipped.append(SkippedLine(number, "blank line"))
            continue
        reason = boilerplate_reason(line, "article")
        key = visible.casefold()
        if reason is None and key in seen_article_lines:
            reason = "boilerplate: repeated line (a title or caption shown twice)"
        if reason:
            report.skipped.append(SkippedLine(number, reason))
            continue
        seen_article_lines.add(key)
        article_rows.append((number, _without(_CONTROL, line).strip()))
    for number in range(article_end + 1, comments_start + 1):
        if number <= len(lines):
            reason = "blank line" if not _visible(lines[number - 1]) else boilerplate_reason(
                lines[number - 1], "any") or "comment section header"
            report.skipped.append(SkippedLine(number, reason))

    marked = _read_by_layout(lines, comments_start, report)
    comment_lines: list[tuple[int, str]] = []
    for number in range(comments_start + 1, len(lines) + 1) if marked is None else ():
        line = lines[number - 1]
        if not _visible(line):
            report.skipped.append(SkippedLine(number, "blank line"))
            continue
        reason = boilerplate_reason(line, "comments")
        if reason:
            report.skipped.append(SkippedLine(number, reason))
            continue
        comment_lines.append((number, _without(_CONTROL, line).rstrip()))

    report.article_lines = len(article_rows)
    if marked is None:
        report.comment_lines = len(comment_lines)
        segments = segment_comments(comment_lines)
    else:
        segments = marked[0]
    truncated = [s.line_end for s in segments if s.truncated]
    if truncated:
        cut_off = "looks cut off by the scraper; kept, flagged"
        report.warn(f"line {truncated[-1]} {cut_off}", "cut off", cut_off,
                    lines=(truncated[-1],))
    if not article_rows and not segments:
        raise SourceError(name, "no text: every line is blank or page furniture", line=1)
    if article_rows and segments:
        columns = PageColumns(_article_columns(name, stem, article_rows),
                              _comment_columns(name, stem, segments, marked))
        return _UNFRAMED, _UNFRAMED, report, columns
    articles = (PageColumns(_article_columns(name, stem, article_rows), {}).article_frame()
                if article_rows
                else pd.DataFrame(columns=ARTICLE_COLUMNS).assign(**{ArticleCol.SOURCE: name}))
    comments = (PageColumns({}, _comment_columns(name, stem, segments, marked)).comment_frame()
                if segments else _no_comments(stem).assign(**{Col.SOURCE: name}))
    return articles, comments, report, None


def page_comment_lines(name: str, data: bytes) -> list[str]:
    """Every line of a page source as a comment line would read it ('' for a blank line);
    item ``n - 1`` is line ``n``. For going back to a line the reader set aside (a correction
    that says it is comment text after all)."""
    text, _, _ = _decode(name, data)
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return [_without(_CONTROL, line).rstrip() if _visible(line) else "" for line in lines]


def _comment_columns(name: str, stem: str, segments: list,
                     marked: tuple[list, dict[str, list]] | None = None) -> dict[str, list]:
    n = len(segments)
    ids = [f"{stem}:L{s.line_start}" for s in segments]
    columns = {
        Col.ARTICLE_ID: [stem] * n,
        Col.COMMENT_ID: ids,
        Col.LINE_START: [s.line_start for s in segments],
        Col.LINE_END: [s.line_end for s in segments],
        Col.AUTHOR: [None] * n,
        Col.CREATED_AT: [None] * n,
        Col.TEXT: [s.text for s in segments],
        Col.PARENT_ID: [None] * n,
        Col.REPLY_CONFIDENCE: [None] * n,
        Col.REPLY_EVIDENCE: [""] * n,
        Col.POSITION: list(range(n)),
        Col.SEGMENT_EVIDENCE: [s.evidence for s in segments],
        Col.SEGMENT_CONFIDENCE: [s.confidence for s in segments],
        Col.TRUNCATED: [s.truncated for s in segments],
        Col.INFERRED: [False] * n,
        Col.SOURCE: [name] * n,
        Col.TIME_TEXT: [None] * n,
        Col.LIKES: [None] * n,
    }
    if marked is not None:
        values = marked[1]
        columns.update(values)
        columns[Col.PARENT_ID] = [None if p is None else ids[p] for p in values[Col.PARENT_ID]]
    return columns


def _read_by_layout(lines: list[str], comments_start: int, report: IngestionReport
                    ) -> tuple[list[Segment], dict[str, list]] | None:
    """The comment section read by the furniture it repeats (``analysis.layout``): the
    comments and their page-given columns, with the marker lines reported as skipped; None
    (nothing reported) when the page repeats no layout."""
    section = [(number, _without(_CONTROL, lines[number - 1]).strip())
               for number in range(comments_start + 1, len(lines) + 1)
               if _visible(lines[number - 1])]
    reading = read_layout(section)
    if reading is None:
        return None
    text_of = dict(section)
    report.skipped.extend(SkippedLine(number, "blank line")
                          for number in range(comments_start + 1, len(lines) + 1)
                          if number not in text_of)
    report.skipped.extend(SkippedLine(number, f"page marker: {kind}")
                          for number, kind in reading.markers.items())
    report.warn(reading.summary(), "page layout")
    links = link_replies(reading.blocks) if reading.layout.has_reply_markers else None
    segments, kept = [], []
    evidence = f"body between page markers ({reading.layout.describe()})"
    for index, block in enumerate(reading.blocks):
        body = []
        for number in block.body:
            # The layout settles the comment widgets; a footer or share link stays furniture.
            reason = boilerplate_reason(text_of[number], "any")
            if reason:
                report.skipped.append(SkippedLine(number, reason))
            else:
                body.append(number)
        if body:
            segments.append(Segment(body[0], body[-1], "\n".join(text_of[i] for i in body),
                                    evidence, False, BODY_SPAN_CONFIDENCE))
            kept.append(index)
            report.comment_lines += len(body)
    position = {index: k for k, index in enumerate(kept)}
    blocks = [reading.blocks[index] for index in kept]
    values: dict[str, list] = {
        Col.AUTHOR: [b.author for b in blocks],
        Col.CREATED_AT: [b.created_at for b in blocks],
        Col.TIME_TEXT: [b.time_text for b in blocks],
        Col.LIKES: [b.likes for b in blocks],
        Col.PARENT_ID: [None] * len(blocks),
    }
    if links is not None:
        chosen = [links[index] for index in kept]
        values[Col.PARENT_ID] = [position.get(link.parent) for link in chosen]
        values[Col.REPLY_CONFIDENCE] = [link.confidence for link in chosen]
        values[Col.REPLY_EVIDENCE] = [link.evidence for link in chosen]
    return segments, values


def _no_comments(stem: str) -> pd.DataFrame:
    """The comment frame of a page without comments (columns as on any page)."""
    return pd.DataFrame({
        Col.ARTICLE_ID: stem,
        Col.COMMENT_ID: [],
        Col.LINE_START: pd.array([], dtype="Int64"),
        Col.LINE_END: pd.array([], dtype="Int64"),
        Col.AUTHOR: pd.array([], dtype="string"),
        Col.CREATED_AT: pd.array([], dtype="string"),
        Col.TEXT: pd.array([], dtype="string"),
        Col.PARENT_ID: pd.array([], dtype="string"),
        Col.REPLY_CONFIDENCE: pd.array([], dtype="Float64"),
        Col.REPLY_EVIDENCE: pd.array([], dtype="string"),
        Col.POSITION: range(0),
        Col.SEGMENT_EVIDENCE: pd.array([], dtype="string"),
        Col.SEGMENT_CONFIDENCE: pd.array([], dtype="Float64"),
        Col.TRUNCATED: [],
        Col.INFERRED: False,
        Col.TIME_TEXT: pd.array([], dtype="string"),
        Col.LIKES: pd.array([], dtype="Int64"),
    })


def _find_comment_section(lines: list[str]) -> tuple[tuple[int, int] | None, str | None]:
    """((last line of the article part, last line before the comments), 1-based) or None when
    the page is an article only; and a warning when the choice set other candidates aside.

    A "Comments" header line wins: it names the place, while a run of blank lines may also sit
    inside the article (a removed picture) or between comments. Without one, the longest run of
    MIN_GAP_BLANK_LINES or more blank lines with text on both sides."""
    for index, line in enumerate(lines):
        if index > 0 and (boilerplate_reason(line, "any") or "").endswith("comment count header"):
            return (index, index + 1), None
    gaps: list[tuple[int, int]] = []  # (first blank index, first index after the run), 0-based
    run_start = None
    for index, line in enumerate([*lines, "x"]):
        blank = index < len(lines) and not _visible(line)
        if blank and run_start is None:
            run_start = index
        elif not blank and run_start is not None:
            if index - run_start >= MIN_GAP_BLANK_LINES and run_start > 0 and index < len(lines):
                gaps.append((run_start, index))
            run_start = None
    if not gaps:
        return None, None
    best = max(gaps, key=lambda gap: gap[1] - gap[0])  # the first of equally long runs
    others = [gap for gap in gaps if gap != best]
    warning = None
    if others:
        where = ", ".join(f"lines {a + 1}-{b}" for a, b in others)
        warning = (f"several runs of {MIN_GAP_BLANK_LINES}+ blank lines; the comments start "
                   f"after the longest (lines {best[0] + 1}-{best[1]}), so the text around "
                   f"{where} is read as {'article' if others[0] < best else 'comments'}: check it")
    return best, warning


def _article_columns(name: str, stem: str, rows: list[tuple[int, str]]) -> dict[str, list]:
    first = rows[0][1]
    title = first if len(first) <= MAX_TITLE_CHARS and not first.endswith(".") else _shorten(first)
    return {
        ArticleCol.SOURCE: [name],
        ArticleCol.ARTICLE_ID: [stem],
        ArticleCol.TITLE: [title],
        ArticleCol.URL: [""],
        ArticleCol.TEXT: ["\n\n".join(text for _, text in rows)],
        ArticleCol.LINE_START: [rows[0][0]],
        ArticleCol.LINE_END: [rows[-1][0]],
    }


def _shorten(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(sentence) <= MAX_TITLE_CHARS:
        return sentence.rstrip(".")
    cut = sentence[:MAX_TITLE_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


# ---------------------------------------------------------------------------- structured

# Column names of common exports, normalised (lower case, "_" for spaces, dashes and camelCase
# humps), by role.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("comment_id", "id", "commentid", "comment_identifier", "message_id", "post_id_comment"),
    "parent": ("parent_id", "reply_to", "in_reply_to", "parent", "parent_comment_id",
               "reply_to_id", "in_reply_to_id", "parentid", "replied_to", "is_reply_to",
               "reply_to_comment_id", "in_reply_to_comment_id", "parent_comment",
               "replied_to_id"),
    # Disqus gives "raw_message" (plain) beside "message" (HTML): the plain one wins.
    "text": ("text", "raw_message", "body", "comment", "comment_text", "content", "message",
             "comment_body",
             "commenttext", "comment_content"),
    "author": ("author", "user", "username", "user_name", "speaker", "screen_name",
               "author_name", "commenter", "author_id", "user_id"),
    "time": ("created_at", "created_utc", "created", "timestamp", "time", "date", "datetime",
             "published_at", "posted_at", "comment_date"),
    "article_id": ("article_id", "link_id", "submission_id", "post_id", "thread_id", "story_id",
                   "page_id"),
    "article_title": ("article_title", "thread_title", "link_title", "title", "post_title",
                      "submission_title", "headline"),
    "article_url": ("article_url", "url", "link_url", "page_url"),
    "article_text": ("article_text", "article_body", "selftext", "post_text", "submission_text"),
}


@dataclass
class _Record:
    fields: dict
    line_start: int | None  # physical lines of the record in the file, when known
    line_end: int | None
    label: str  # "line 12" or "record 3", for messages


def _normalise_key(key) -> str:
    humps = _CAMEL_HUMP.sub("_", str(key).strip())
    return re.sub(r"[\s\-]+", "_", humps.lower())


# Where a camelCase name starts a new word: "parentCommentId", "commentID", "HTMLText".
_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# A column that sounds like a reply link; named when none of the parent aliases is found.
_PARENT_LIKE = re.compile(r"parent|reply_?to|replied")


def _resolve_fields(keys: Iterable[str]) -> dict[str, str]:
    """Map each role to the first matching column present."""
    normalised = {_normalise_key(k): k for k in keys}
    chosen = {}
    for role, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            if alias in normalised and normalised[alias] not in chosen.values():
                chosen[role] = normalised[alias]
                break
    return chosen


def _parse_structured(name: str, stem: str, kind: str, text: str, lines: list[str]):
    report = IngestionReport(source=name, kind=kind)
    article_lines: set[int] = set()
    if kind == "csv":
        records, header_lines = _csv_records(name, text, lines, report)
        structure_lines = dict.fromkeys(header_lines, "CSV header")
    elif kind == "jsonl":
        records = _jsonl_records(name, lines, report)
        structure_lines = {}
    else:
        records, structure_lines, article_lines = _json_records(name, text, len(lines), report)
    if not records:
        raise SourceError(name, "no comment records found", line=1)

    keys: dict[str, None] = {}
    for record in records[:1000]:
        keys.update(dict.fromkeys(record.fields))
    roles = _resolve_fields(keys)
    if "text" not in roles:
        found = ", ".join(map(str, list(keys)[:20])) or "none"
        raise SourceError(name, "no text column: expected one of "
                          f"{', '.join(FIELD_ALIASES['text'])}; found {found}",
                          line=1 if kind == "csv"
                          else records[0].line_start or _first_visible_line(text))

    if "parent" not in roles:
        unknown_links = [str(k) for k in keys if _PARENT_LIKE.search(_normalise_key(k))]
        if unknown_links:
            report.warn(
                f"column {unknown_links[0]!r} looks like a reply link but is not a known name "
                f"for one ({', '.join(FIELD_ALIASES['parent'][:4])}, ...); reply links are "
                "inferred from the text instead", "unknown reply column")
    rows, used_lines, textless = _rows_from_records(name, stem, records, roles, report)
    comments = _comments_frame(rows, linked="parent" in roles)
    comments = _validate_links(name, comments, report, textless)
    articles = _structured_articles(stem, rows)

    _account_structured_lines(report, lines, used_lines, structure_lines, article_lines)
    return articles, comments, report


def _csv_records(name: str, text: str, lines: list[str], report: IngestionReport):
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if name.lower().endswith(".tsv") else max(
        ",;\t|", key=lambda d: first_line.count(d))
    records = []
    header: list[str] | None = None
    header_lines: set[int] = set()
    first_line_read = 1
    while first_line_read:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        previous_end = first_line_read - 1
        resume_at = None
        try:
            for row in reader:
                start, end = previous_end + 1, first_line_read - 1 + reader.line_num
                previous_end = end
                unclosed = _unclosed_quote_line(start, end, lines, delimiter)
                if unclosed is not None:
                    resume_at = start
                    text = _with_quote_closed(lines, start, unclosed)
                    unclosed_quote = ("a quoted field opens here and its closing quote is "
                                      "missing; read as ending with its line, and the lines "
                                      "after it as rows of their own")
                    report.warn(f"line {unclosed}: {unclosed_quote}", "unclosed quote",
                                unclosed_quote, lines=(unclosed,))
                    break
                if header is None:
                    if not any(cell.strip() for cell in row):
                        report.skipped.extend(SkippedLine(n, "blank line")
                                              for n in range(start, end + 1))
                        continue
                    header = [cell.strip() for cell in row]
                    header_lines.update(range(start, end + 1))
                    continue
                if not row or not any(cell.strip() for cell in row):
                    report.skipped.extend(SkippedLine(n, "blank line")
                                          for n in range(start, end + 1))
                    continue
                if len(row) != len(header):
                    reason = f"malformed row: {len(row)} fields where the header has {len(header)}"
                    report.skipped.extend(SkippedLine(n, reason) for n in range(start, end + 1))
                    report.warn(f"line {start}: {reason}", "malformed row", reason,
                                lines=(start,))
                    continue
                fields = dict(zip(header, row, strict=True))
                records.append(_Record(fields, start, end, f"line {start}"))
        except csv.Error as err:
            raise SourceError(name, f"unreadable CSV: {err}",
                              line=first_line_read - 1 + reader.line_num) from None
        first_line_read = resume_at
    if header is None:
        raise SourceError(name, "no header row", line=1)
    return records, header_lines


def _unclosed_quote_line(start: int, end: int, lines: list[str], delimiter: str) -> int | None:
    """For a row read over lines ``start``..``end``: the line where a quoted field opens that
    was never meant to run on, else None. Such a quote either never closes (and swallows the
    rest of the file) or pairs with the opening quote of a later row, which then shows as text
    after the closing quote; a legitimate multi-line field does neither."""
    if end == start:
        return None
    in_quotes = False
    opened = start
    for number in range(start, end + 1):
        line = lines[number - 1]
        index = 0
        while (quote := line.find('"', index)) >= 0:
            if in_quotes and line.startswith('"', quote + 1):
                index = quote + 2  # an escaped quote inside the field
            elif in_quotes:
                in_quotes = False
                index = quote + 1
                after = line[index:].lstrip(" ")
                if after and not after.startswith(delimiter) and number > opened:
                    return opened
            else:
                # Only a quote that starts a field opens one; elsewhere it is a plain character.
                if quote == 0 or line[quote - 1] == delimiter:
                    in_quotes = True
                    opened = number
                index = quote + 1
    return opened if in_quotes and opened < end else None


def _with_quote_closed(lines: list[str], start: int, unclosed: int) -> str:
    """The file's text from line ``start`` on, with a closing quote at the end of line
    ``unclosed``: the likeliest intent, and it frees the lines after it."""
    tail = lines[start - 1:]
    tail[unclosed - start] += '"'
    return "\n".join(tail)


def _jsonl_records(name: str, lines: list[str], report: IngestionReport):
    records = []
    for number, line in enumerate(lines, start=1):
        if not _visible(line):
            report.skipped.append(SkippedLine(number, "blank line"))
            continue
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            reason = (f"invalid JSON: {err.msg} (column {err.colno})"
                      if isinstance(err, json.JSONDecodeError) else _TOO_DEEP)
            report.skipped.append(SkippedLine(number, reason))
            report.warn(f"line {number}: {reason}", "invalid JSON", reason, lines=(number,))
            continue
        if not isinstance(value, dict):
            report.skipped.append(SkippedLine(number, "not a JSON object"))
            continue
        for fields in _flatten_json_comment(value, report, f"line {number}"):
            records.append(_Record(fields, number, number, f"line {number}"))
    if not records:
        first_bad = report.skipped[0].line if report.skipped else 1
        raise SourceError(name, "no valid JSON object on any line", line=first_bad)
    return records


def _json_records(name: str, text: str, line_count: int, report: IngestionReport):
    """Records of a JSON document, the lines that hold none (with the reason) and the lines
    that hold only the article. A top-level array is read element by element so that each
    record knows its lines; any other shape is read whole."""
    decoder = json.JSONDecoder()
    stripped_start = len(text) - len(text.lstrip())
    if text[stripped_start:stripped_start + 1] != "[":
        return _json_document_records(name, text, report), {}, set()
    records: list[_Record] = []
    index = stripped_start + 1
    used: set[int] = set()
    not_objects: set[int] = set()
    post_lines: set[int] = set()
    article: dict = {}
    while True:
        index = _skip_json_space(text, index)
        if index >= len(text):
            raise SourceError(name, "invalid JSON: the array is never closed (truncated?)",
                              line=line_count)
        if text[index] == "]":
            break
        try:
            value, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as err:
            raise SourceError(name, f"invalid JSON: {err.msg} (column {err.colno})",
                              line=err.lineno) from None
        except RecursionError:
            raise SourceError(name, _TOO_DEEP, line=text.count("\n", 0, index) + 1) from None
        start_line = text.count("\n", 0, index) + 1
        end_line = text.count("\n", 0, end) + 1
        element_lines = range(start_line, end_line + 1)
        label = f"line {start_line}"
        if not isinstance(value, dict):
            not_objects.update(element_lines)
        else:
            # Reddit's thread JSON (.../comments/<id>.json) is [post Listing, comments Listing].
            children = _listing_children(value)
            for child in [value] if children is None else children:
                if not isinstance(child, dict):
                    continue
                if child.get("kind") == "t3" and isinstance(child.get("data"), dict):
                    article = _reddit_post_article(child["data"])
                    post_lines.update(element_lines)
                    continue
                for fields in _flatten_json_comment(child, report, label):
                    records.append(_Record({**article, **fields} if article else fields,
                                           start_line, end_line, label))
                    used.update(element_lines)
        index = _skip_json_space(text, end)
        if index < len(text) and text[index] == ",":
            index += 1
    structure = {n: "not a JSON object" if n in not_objects else "JSON structure"
                 for n in range(1, line_count + 1) if n not in used and n not in post_lines}
    return records, structure, post_lines - used


def _json_document_records(name: str, text: str, report: IngestionReport) -> list[_Record]:
    """Records of a JSON document that is not an array, read whole (so without lines)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise SourceError(name, f"invalid JSON: {err.msg} (column {err.colno})",
                          line=err.lineno) from None
    except RecursionError:
        raise SourceError(name, _TOO_DEEP, line=_first_visible_line(text)) from None
    items, article = _json_items(value)
    if items is None:
        raise SourceError(name, "no list of comments found in the JSON document "
                          "(expected an array, or an object with a comments/data/items list)",
                          line=_first_visible_line(text))
    records = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            for fields in _flatten_json_comment(item, report, f"record {number}"):
                records.append(_Record({**article, **fields}, None, None, f"record {number}"))
    return records


def _listing_children(value: dict) -> list | None:
    """The children of a Reddit Listing object, or None for anything else."""
    data = value.get("data")
    if value.get("kind") == "Listing" and isinstance(data, dict):
        children = data.get("children")
        return children if isinstance(children, list) else []
    return None


def _reddit_post_article(post: dict) -> dict:
    """Article fields from a Reddit post (a t3 object's data)."""
    fields = {"article_id": post.get("id"), "article_title": post.get("title"),
              "article_url": post.get("url"), "article_text": post.get("selftext")}
    return {key: value for key, value in fields.items() if value is not None}


_TOO_DEEP = (f"JSON nested too deeply to read (more than about {sys.getrecursionlimit() // 2} "
             "levels of replies)")
"""Python's JSON parser recurses once per array and object, and a reply is an object in an
array; a thread that deep is a generated or damaged file, not a conversation."""


def _first_visible_line(text: str) -> int:
    """The line of the first visible character of ``text``."""
    return text.count("\n", 0, len(text) - len(text.lstrip())) + 1


def _skip_json_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _json_items(value) -> tuple[list | None, dict]:
    if isinstance(value, list):
        return value, {}
    if not isinstance(value, dict):
        return None, {}
    if value.get("kind") == "Listing" and isinstance(value.get("data"), dict):
        return value["data"].get("children"), {}
    article = {}
    for key in ("article", "post", "submission", "story"):
        if isinstance(value.get(key), dict):
            article = {f"article_{k}": v for k, v in value[key].items()}
    for key in ("title", "url", "article_id", "article_title", "article_url", "article_text"):
        if key in value and not isinstance(value[key], (dict, list)):
            article.setdefault(key if key.startswith("article_") else f"article_{key}",
                               value[key])
    for key in ("comments", "data", "items", "records", "rows", "children", "results",
                "response"):
        if isinstance(value.get(key), list):
            return value[key], article
    return None, article


def _flatten_json_comment(value: dict, report: IngestionReport, label: str) -> Iterator[dict]:
    """A comment object, and its nested replies depth-first with their parent filled in.
    Reddit's "load more" stubs are not comments: the report says how many they stand for."""
    # A stack, not recursion: a thread may be nested deeper than Python's recursion limit.
    stack: list[tuple[dict, str | None]] = [(value, None)]
    stubs = []
    while stack:
        value, parent = stack.pop()
        if value.get("kind") == "more":
            data = value.get("data")
            stubs.append(data.get("count", 0) if isinstance(data, dict) else 0)
            continue
        if "data" in value and isinstance(value.get("data"), dict) and "kind" in value:
            value = value["data"]
        replies = value.get("replies")
        fields = {k: v for k, v in value.items() if k != "replies"}
        if parent is not None and not any(
                _normalise_key(k) in FIELD_ALIASES["parent"] for k in fields):
            fields["parent_id"] = parent
        yield fields
        if isinstance(replies, dict) and replies.get("kind") == "Listing":
            listing = replies.get("data")
            replies = listing.get("children") if isinstance(listing, dict) else None
        if isinstance(replies, list):
            own_id = next((fields[k] for k in fields
                           if _normalise_key(k) in FIELD_ALIASES["id"]), None)
            own = str(own_id) if own_id is not None else None
            stack.extend((reply, own) for reply in reversed(replies) if isinstance(reply, dict))
    if stubs:
        load_more = (f"{len(stubs)} Reddit \"load more\" link(s) stand for "
                     f"{sum(c for c in stubs if isinstance(c, int))} comments that are not in "
                     "the file")
        report.warn(f"{label}: {load_more}", "load more", load_more, **place(label))


def _cell(fields: dict, key: str | None) -> str:
    if key is None:
        return ""
    value = fields.get(key)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dict):
        # A nested person ({"name": "Ann", "username": "ann"}, as Disqus writes an author).
        for name_key in ("name", "username", "display_name", "displayName"):
            if isinstance(value.get(name_key), (str, int)) and str(value[name_key]).strip():
                return str(value[name_key]).strip()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip() if not isinstance(value, str) else value.strip()


def _reddit_id(raw: str) -> tuple[str, str]:
    """("t1"|"t3"|"", bare id) for a Reddit fullname like t1_abc; other ids pass through."""
    match = re.fullmatch(r"(t[1-6])_([0-9a-z]+)", raw)
    return (match.group(1), match.group(2)) if match else ("", raw)


def _rows_from_records(name, stem, records, roles, report):
    """The rows of the records with text, the lines they use, and the records without text
    (deleted comments) by id, with each one's parent and label, so that their replies can be
    attached further up."""
    rows = []
    used_lines: set[int] = set()
    seen_ids: Counter = Counter()
    textless: dict[str, tuple[str, str]] = {}
    textless_records: list[tuple[str, str, range]] = []
    for record in records:
        fields = record.fields
        text = _CONTROL.sub("", _cell(fields, roles.get("text")))
        lines = range(record.line_start, record.line_end + 1) if record.line_start else range(0)
        if not _visible(text):
            raw_id = _reddit_id(_cell(fields, roles.get("id")))[1]
            parent_kind, parent = _reddit_id(_cell(fields, roles.get("parent")))
            if raw_id:
                textless.setdefault(raw_id, ("" if parent_kind == "t3" else parent,
                                             record.label))
            textless_records.append((raw_id, record.label, lines))
            continue
        used_lines.update(lines)
        raw_id = _cell(fields, roles.get("id"))
        comment_id = _reddit_id(raw_id)[1] if raw_id else f"{stem}:{record.label.replace(' ', '')}"
        seen_ids[comment_id] += 1
        if seen_ids[comment_id] > 1:
            renamed = f"{comment_id}~{seen_ids[comment_id]}"
            duplicate = f"duplicate id {comment_id!r}, kept as {renamed!r}"
            report.warn(f"{record.label}: {duplicate}", "duplicate id", duplicate,
                        **place(record.label))
            comment_id = renamed
        parent_kind, parent = _reddit_id(_cell(fields, roles.get("parent")))
        article_id = _reddit_id(_cell(fields, roles.get("article_id")))[1]
        if parent_kind == "t3":
            article_id = article_id or parent
            parent = ""
        rows.append({
            Col.ARTICLE_ID: article_id or stem,
            Col.COMMENT_ID: comment_id,
            Col.AUTHOR: _cell(fields, roles.get("author")) or None,
            Col.CREATED_AT: normalise_timestamp(_cell(fields, roles.get("time"))) or None,
            Col.TEXT: text,
            Col.PARENT_ID: parent,
            "_title": _cell(fields, roles.get("article_title")),
            "_url": _cell(fields, roles.get("article_url")),
            "_article_text": _cell(fields, roles.get("article_text")),
            "_label": record.label,
        })
    claimed = set(used_lines)
    for raw_id, label, lines in textless_records:
        own = [n for n in lines if n not in claimed]
        claimed.update(own)
        report.skipped.extend(SkippedLine(n, "empty comment text") for n in own)
        if not own:
            # Its lines hold other records too (a one-line file, a nested reply), so no line
            # can be skipped in its name: the warning stands for it.
            what = f"comment {raw_id!r}" if raw_id else "a comment"
            report.warn(f"{label}: {what} has empty text, skipped", "empty comment text",
                        f"{what} has empty text, skipped", **place(label))
    report.comment_lines = len(used_lines)
    return rows, used_lines, textless


def _comments_frame(rows: list[dict], linked: bool) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[Col.ARTICLE_ID, Col.COMMENT_ID, Col.AUTHOR,
                                        Col.CREATED_AT, Col.TEXT, Col.PARENT_ID, "_label"])
    n = len(frame)
    frame = frame.astype({c: "string" for c in
                          (Col.ARTICLE_ID, Col.COMMENT_ID, Col.AUTHOR, Col.CREATED_AT, Col.TEXT,
                           Col.PARENT_ID)})
    if linked:
        has_parent = frame[Col.PARENT_ID].fillna("") != ""
        evidence = has_parent.map({True: SOURCE_LINK, False: SOURCE_TOP_LEVEL})
        confidence = pd.array([1.0] * n, dtype="Float64")
    else:
        # No parent column at all: the export is as flat as a scraped page; infer the links.
        frame[Col.PARENT_ID] = pd.array([None] * n, dtype="string")
        evidence = pd.array([""] * n, dtype="string")
        confidence = pd.array([None] * n, dtype="Float64")
    return frame.assign(**{
        Col.LINE_START: pd.array([None] * n, dtype="Int64"),
        Col.LINE_END: pd.array([None] * n, dtype="Int64"),
        Col.REPLY_CONFIDENCE: confidence,
        Col.REPLY_EVIDENCE: pd.array(evidence, dtype="string"),
        Col.POSITION: frame.groupby(Col.ARTICLE_ID, sort=False).cumcount(),
        Col.SEGMENT_EVIDENCE: pd.array([""] * n, dtype="string"),
        Col.SEGMENT_CONFIDENCE: 1.0,  # each record is one comment
        Col.TRUNCATED: False,
        Col.INFERRED: False,
        Col.TIME_TEXT: pd.array([None] * n, dtype="string"),
        Col.LIKES: pd.array([None] * n, dtype="Int64"),
    })


def _validate_links(name: str, comments: pd.DataFrame, report: IngestionReport,
                    textless: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """The source's reply links, checked by :func:`analysis.threads.validate_links`: a link to
    a comment not in the file (or under another article), to itself, or round a cycle is cut:
    the comment becomes top-level, its evidence says why, and the report warns with the
    record's line. First, a reply to a comment without text (``textless``: id to its parent
    and label) moves up to the nearest ancestor with text, since the thread still runs through
    it."""
    if comments.empty or comments[Col.REPLY_CONFIDENCE].isna().all():
        return comments.drop(columns="_label")
    ids = comments[Col.COMMENT_ID].tolist()
    parents = comments[Col.PARENT_ID].fillna("").tolist()
    labels = comments["_label"].tolist()
    evidence = comments[Col.REPLY_EVIDENCE].tolist()
    known = set(ids)

    def cut(i: int, why: str) -> None:
        cut_link = f"comment {ids[i]!r} {why}; kept as top-level"
        report.warn(f"{labels[i]}: {cut_link}", "cut link", cut_link, **place(labels[i]))
        evidence[i] = f"{SOURCE_LINK} cut: {why}"
        parents[i] = ""

    by_whole_number: dict[str, str] | None = None
    for i, parent in enumerate(parents):
        if parent and parent not in known and parent not in textless:
            # Spreadsheets and pandas write integer ids of a column with gaps as floats (1.0).
            if by_whole_number is None:
                by_whole_number = {}
                for comment_id in [*ids, *textless]:
                    by_whole_number.setdefault(_whole_number(comment_id), comment_id)
            parents[i] = by_whole_number.get(_whole_number(parent), parent)
    _, problems = validate_links(comments[Col.ARTICLE_ID].tolist(), ids, parents)
    for i, parent in enumerate(parents):
        problem = problems.get(i)
        if problem == INVALID_SELF:
            cut(i, "replies to itself")
        elif parent and parent not in known and parent in textless:
            ancestor = _nearest_ancestor_with_text(parent, textless, known)
            if ancestor:
                moved = (f"comment {ids[i]!r} replies to {parent!r}, which has empty text; "
                         f"attached to {ancestor!r}")
                report.warn(f"{labels[i]}: {moved}", "link moved up", moved,
                            **place(labels[i]))
                evidence[i] = f"{SOURCE_LINK} via {parent!r}, which has empty text"
                parents[i] = ancestor
            else:
                cut(i, f"replies to {parent!r}, which has empty text and no parent with text")
        elif problem == INVALID_MISSING:
            cut(i, f"replies to {parent!r}, which is not in the file")
        elif problem == INVALID_OTHER_ARTICLE:
            cut(i, f"replies to {parent!r}, which is under another article")
    # Cycles are looked for once the links to comments without text have moved up.
    _, problems = validate_links(comments[Col.ARTICLE_ID].tolist(), ids, parents)
    for i, problem in sorted(problems.items()):
        if problem == INVALID_CYCLE:
            cut(i, f"closes a reply cycle through {parents[i]!r}")
    return comments.assign(**{
        Col.PARENT_ID: pd.array(parents, dtype="string"),
        Col.REPLY_EVIDENCE: pd.array(evidence, dtype="string"),
    }).drop(columns="_label")


_FLOAT_OF_INTEGER = re.compile(r"(-?\d+)\.0+")


def _whole_number(raw: str) -> str:
    """``raw`` without a zero fraction ("12.0" becomes "12"); other text unchanged."""
    match = _FLOAT_OF_INTEGER.fullmatch(raw)
    return match.group(1) if match else raw


def _nearest_ancestor_with_text(parent: str, textless: dict[str, tuple[str, str]],
                                known: set[str]) -> str:
    """The first comment with text up the chain from ``parent`` (a comment without text), or ""
    when the chain ends, leaves the file, or loops first."""
    seen = set()
    while parent in textless and parent not in known and parent not in seen:
        seen.add(parent)
        parent = textless[parent][0]
    return parent if parent in known else ""


def _structured_articles(stem: str, rows: list[dict]) -> pd.DataFrame:
    articles: dict[str, dict] = {}
    for row in rows:
        article_id = row[Col.ARTICLE_ID]
        entry = articles.setdefault(article_id, {
            ArticleCol.SOURCE: "", ArticleCol.ARTICLE_ID: article_id, ArticleCol.TITLE: "",
            ArticleCol.URL: "", ArticleCol.TEXT: "", ArticleCol.LINE_START: None,
            ArticleCol.LINE_END: None})
        entry[ArticleCol.TITLE] = entry[ArticleCol.TITLE] or row["_title"]
        entry[ArticleCol.URL] = entry[ArticleCol.URL] or row["_url"]
        entry[ArticleCol.TEXT] = entry[ArticleCol.TEXT] or row["_article_text"]
    for entry in articles.values():
        entry[ArticleCol.TITLE] = entry[ArticleCol.TITLE] or (
            entry[ArticleCol.ARTICLE_ID] if entry[ArticleCol.ARTICLE_ID] != stem else stem)
    frame = pd.DataFrame(list(articles.values()), columns=ARTICLE_COLUMNS)
    return frame.astype({ArticleCol.LINE_START: "Int64", ArticleCol.LINE_END: "Int64"})


def _account_structured_lines(report, lines, used_lines, structure_lines, article_lines):
    """Give every line not in a record a place: ``structure_lines`` maps lines to the reason
    they hold no comment (a header, JSON brackets), ``article_lines`` hold only the article."""
    accounted = used_lines | {s.line for s in report.skipped}
    article_only = article_lines - accounted
    report.article_lines += len(article_only)
    accounted |= article_only
    for number in sorted(structure_lines.keys() - accounted):
        reason = structure_lines[number]
        if not _visible(lines[number - 1]):
            reason = "blank line"
        report.skipped.append(SkippedLine(number, reason))
    accounted |= structure_lines.keys()
    rest = [n for n in range(1, len(lines) + 1) if n not in accounted]
    if report.kind == "json" and not used_lines:
        # A JSON document read whole gives no positions per record: its lines hold the comments.
        report.comment_lines = len(rest)
    else:
        report.skipped.extend(SkippedLine(n, "not part of a record") for n in rest)
    report.skipped.sort(key=lambda s: s.line)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


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
