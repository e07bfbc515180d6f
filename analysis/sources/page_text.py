"""Scraped pages: the article, the comment section after a gap of blank lines (or a "Comments"
header), page furniture kept out of both, comments segmented line by line or read by the page's
own layout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import pandas as pd

from analysis.indentation import link_by_depth, read_indentation
from analysis.layout import (
    AUTHOR,
    BODY_SPAN_CONFIDENCE,
    MIN_BLOCKS,
    NAME,
    NAME_SLOT_SHARE,
    TEXT,
    LayoutReading,
    classify_line,
    link_replies,
    read_layout,
)
from analysis.schema import ARTICLE_COLUMNS, ArticleCol, Col
from analysis.segment import (
    BlankParagraphs,
    BlankSeparated,
    Numbered,
    PageForm,
    Segment,
    segment_section,
)
from analysis.sources.archives import uncompressed
from analysis.sources.decoding import _CONTROL, _LINE_BREAK, _decode, _visible, _without
from analysis.sources.report import IngestionReport, SkippedLine, Source, SourceError

MIN_GAP_BLANK_LINES = 3
"""A run of at least this many blank lines separates the article from its comments; article
paragraphs are separated by one or two (seed 001 has two before its copyright footer)."""

MAX_TITLE_CHARS = 120

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

_FURNITURE_CHARS = 80
"""Lines set aside before a layout is read are short ("Advertisement", "Back to top"); longer
lines are not tried, which keeps the boilerplate rules off most comment lines (0.36 -> 0.06 s
of CPU per 100k lines)."""

PAGE_WIDE = "page-wide"
"""``boilerplate_reason``'s part for the rules that hold anywhere on a page (those marked
``any``), without the article's or the comment widgets' own."""

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

def _parse_page(name: str, stem: str, lines: list[str]):
    report = IngestionReport(source=name, kind="page")
    split, gap_warning = _find_comment_section(lines)
    if split is None and (start := _section_by_layout(lines)) is not None:
        split = (start, start)
        gap_warning = (f"no run of {MIN_GAP_BLANK_LINES} or more blank lines and no "
                       f"\"Comments\" header: the comments start at line {start + 1}, where "
                       "the comment layout the page repeats begins; the text above is read as "
                       "the article")
    article_end, comments_start = split if split else (len(lines), len(lines))
    if gap_warning:
        report.warn(gap_warning, "comment section")
    if split is None:
        report.warn(
            f"no comment section found: no run of {MIN_GAP_BLANK_LINES} or more blank lines "
            "and no \"Comments\" header, so every line is read as the article (a file of "
            f"comments only: start it with {MIN_GAP_BLANK_LINES} blank lines)",
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
        marked = _read_by_indentation(comment_lines, report)
    if marked is None:
        segments, form = segment_section(comment_lines)
        if form:
            report.warn(_section_form_note(form), "page layout")
    else:
        segments = marked[0]
    truncated = [s.line_end for s in segments if s.truncated]
    if truncated:
        cut_off = "looks cut off by the scraper; kept, flagged"
        report.warn(f"line {truncated[-1]} {cut_off}", "cut off", cut_off,
                    lines=(truncated[-1],))
    if not article_rows and not segments:
        raise SourceError(name, "no text: every line is blank or page furniture", line=1)
    if split is not None and not segments:
        report.warn(f"the comment section (after line {comments_start}) holds no comment: "
                    "every line there is blank or page furniture", "no comments")
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
    text, _, _ = _decode(name, uncompressed(name, data)[1])
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

def _layout_after(lines: list[str], start: int
                  ) -> tuple[list[tuple[int, str]], dict[int, str], LayoutReading | None]:
    """The visible lines after line ``start`` (number, text), the page-wide furniture among
    them (number: reason), and the layout read from the rest (None where none recurs)."""
    section = [(number, _without(_CONTROL, lines[number - 1]).strip())
               for number in range(start + 1, len(lines) + 1)
               if _visible(lines[number - 1])]
    # Page-wide furniture between comments ("Advertisement", "Back to top") would stand where
    # a name or a footer belongs; the layout is read without it, and it is reported. A line
    # the layout reads as a marker ("Share") stays its evidence.
    furniture = {number: reason for number, text in section
                 if len(text) <= _FURNITURE_CHARS
                 and (reason := boilerplate_reason(text, PAGE_WIDE))
                 and classify_line(text).kind == TEXT}
    reading = read_layout([(number, text) for number, text in section
                           if number not in furniture])
    return section, furniture, reading


def _section_by_layout(lines: list[str]) -> int | None:
    """On a page with neither a run of blank lines nor a "Comments" header: the last line
    before the comments, where the page repeats a layout of named comments (MIN_BLOCKS or
    more) whose comments open with a header: the text above the first full header is the
    article. None where no such layout recurs, or where its comments have no header (the
    first comment's body could hold the article)."""
    _, _, reading = _layout_after(lines, 0)
    if reading is None or len(reading.blocks) < MIN_BLOCKS:
        return None
    keys = set(reading.layout.header) | set(reading.layout.footer)
    if not any(key == NAME or key.startswith(AUTHOR) for key in keys):
        return None
    required = {key.split(":")[0] for key in reading.layout.header
                if key not in reading.layout.optional}
    if not required:
        return _section_above_footers(lines, reading)
    # The first comment is the first block whose header shows every marker the layout's
    # headers always show: a title above the article can pass for a name, not for a full one.
    for block in reading.blocks:
        header = {reading.markers[number] for number in block.markers
                  if block.body and number < block.body[0]}
        if required <= header:
            return min(block.markers) - 1
    return None


def _section_above_footers(lines: list[str], reading: LayoutReading) -> int | None:
    """In a layout whose comments show markers under the body only ("posted by alice at
    8:45 AM"), the last line before the first comment: the article's own attribution above
    it ("posted by mefi_op (253 comments total)"), or else the blank line above its body,
    where the other comments' bodies (NAME_SLOT_SHARE of them) hold no blank line, so that a
    blank line is where a comment starts. None where neither tells the article from the
    first comment."""
    footer = {key for key in reading.layout.footer if key not in reading.layout.optional}
    if not footer or len(reading.blocks) < MIN_BLOCKS + 1:
        return None
    first = reading.blocks[0]
    signed = [number for number in first.body[:-1]
              if classify_line(_visible(lines[number - 1])).kind == AUTHOR]
    if signed:
        return signed[-1]

    def blanks_within(block) -> list[int]:
        return [number for number in range(block.body[0], block.body[-1])
                if not _visible(lines[number - 1])] if block.body else []

    others = reading.blocks[1:]
    if sum(bool(blanks_within(block)) for block in others) > (1 - NAME_SLOT_SHARE) * len(others):
        return None
    return blanks_within(first)[-1] if blanks_within(first) else None


def _read_by_layout(lines: list[str], comments_start: int, report: IngestionReport
                    ) -> tuple[list[Segment], dict[str, list]] | None:
    """The comment section read by the furniture it repeats (``analysis.layout``): the
    comments and their page-given columns, with the marker lines reported as skipped; None
    (nothing reported) when the page repeats no layout."""
    section, furniture, reading = _layout_after(lines, comments_start)
    if reading is None:
        return None
    report.skipped.extend(SkippedLine(number, reason) for number, reason in furniture.items())
    text_of = dict(section)
    report.skipped.extend(SkippedLine(number, "blank line")
                          for number in range(comments_start + 1, len(lines) + 1)
                          if number not in text_of)
    # A line that holds a name and the body's first words is the body's, without the name.
    text_of.update(reading.split)
    report.skipped.extend(SkippedLine(number, f"page marker: {kind}")
                          for number, kind in reading.markers.items()
                          if number not in reading.split and number not in reading.words)
    report.warn(reading.summary(), "page layout")
    # "In reply to NAME" resolves through the names the page shows; on a page that shows none
    # it names nobody the reader can find, so the links are inferred as on any page.
    named = any(block.author for block in reading.blocks)
    texts = ["\n".join(text_of[number] for number in block.body) for block in reading.blocks]
    links = (link_replies(reading.blocks, texts)
             if reading.layout.has_reply_markers and named else None)
    segments, kept = [], []
    evidence = f"body between page markers ({reading.layout.describe()})"
    for index, block in enumerate(reading.blocks):
        # A title above the name ("12. Not what he said") is the commenter's words: the
        # comment's first line, though its header's lines stand between it and the body.
        body = [number for number in block.markers if number in reading.words]
        text_of.update((number, reading.words[number]) for number in body)
        for number in block.body:
            # The layout settles the comment widgets; a footer or share link stays furniture.
            reason = boilerplate_reason(text_of[number], "any")
            if reason:
                report.skipped.append(SkippedLine(number, reason))
            else:
                body.append(number)
        if body:
            body.sort()
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

def _section_form_note(form: PageForm | None) -> str:
    """What the section's numbers or blank lines were read as, in words ("" for none)."""
    if isinstance(form, Numbered):
        return (f"{form.describe()}: a numbered line starts a comment, and a line without a "
                "number goes on the comment above")
    if isinstance(form, BlankParagraphs):
        return (f"{form.describe()}: a line after a blank line goes on the comment above, "
                "and each line right under another starts a comment")
    if isinstance(form, BlankSeparated):
        return (f"{form.describe()}: lines without a blank line between them are read as "
                "one comment")
    return ""

def _read_by_indentation(comment_lines: list[tuple[int, str]], report: IngestionReport
                         ) -> tuple[list[Segment], dict[str, list]] | None:
    """The comment section read with the reply depth its indentation shows
    (``analysis.indentation``): the comments, without their indentation, and their parents;
    None (nothing reported) when the indentation shows no nesting."""
    indentation = read_indentation(comment_lines)
    if indentation is None:
        return None
    lines, starts = list(indentation.lines), indentation.starts
    depth_of = indentation.depth_at()
    segments, form = segment_section(lines, starts)
    links = link_by_depth([depth_of[s.line_start] for s in segments],
                          [s.line_start for s in segments])
    report.warn(f"{indentation.describe()}: a comment answers the latest comment one level "
                "less indented above it, and a change of indentation starts a new comment"
                + (f"; {_section_form_note(form)}" if form else ""), "page layout")
    return segments, {
        Col.PARENT_ID: [parent for parent, _, _ in links],
        Col.REPLY_CONFIDENCE: [confidence for _, confidence, _ in links],
        Col.REPLY_EVIDENCE: [evidence for _, _, evidence in links],
    }

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

_COUNT_ALONE = re.compile(r"[(\[]\d[\d,.]*[)\]]")


def _find_comment_section(lines: list[str]) -> tuple[tuple[int, int] | None, str | None]:
    """((last line of the article part, last line before the comments), 1-based) or None when
    the page is an article only; and a warning when the choice set other candidates aside.

    A "Comments" header line wins: it names the place, while a run of blank lines may also sit
    inside the article (a removed picture) or between comments. Without one, the longest run of
    MIN_GAP_BLANK_LINES or more blank lines with text after it; one that opens the page leaves
    no article (comments pasted without it)."""
    for index, line in enumerate(lines):
        if index > 0 and (boilerplate_reason(line, "any") or "").endswith("comment count header"):
            # "Reader comments", then "(113)" on a line of its own: the header's count
            counted = index + 1 < len(lines) and _COUNT_ALONE.fullmatch(_visible(lines[index + 1]))
            return (index, index + 1 + bool(counted)), None
    gaps: list[tuple[int, int]] = []  # (first blank index, first index after the run), 0-based
    run_start = None
    for index, line in enumerate([*lines, "x"]):
        blank = index < len(lines) and not _visible(line)
        if blank and run_start is None:
            run_start = index
        elif not blank and run_start is not None:
            if index - run_start >= MIN_GAP_BLANK_LINES and index < len(lines):
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
