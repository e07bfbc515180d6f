"""CSV and TSV exports: records by row, a quote that is never closed ended with its line,
malformed rows skipped with their reason.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter

from analysis.sources.records import _Record
from analysis.sources.report import IngestionReport, SkippedLine, SourceError

_SEPARATOR_LINE = re.compile(r'"?sep=(.)"?')

def _csv_records(name: str, text: str, lines: list[str], report: IngestionReport):
    """(records, the header's line numbers, the header's column names) of a CSV or TSV text."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    first_line = lines[0] if lines else ""  # the line as the file ends it (CR, LF or CRLF)
    delimiter = "\t" if name.lower().endswith(".tsv") else max(
        ",;\t|", key=lambda d: first_line.count(d))
    records = []
    header: list[str] | None = None
    header_lines: set[int] = set()
    first_line_read = 1
    separator = _SEPARATOR_LINE.fullmatch(first_line.strip())
    if separator:
        # Excel's "sep=;" line names the delimiter; the header row follows it.
        delimiter = separator.group(1)
        header_lines.add(1)
        first_line_read = 2
        text = "\n".join(lines[1:])
    table_start = _table_below_description(text, delimiter) if not separator else None
    if table_start is not None:
        description = ("lines above the table: the export's description of itself (a title, "
                       "the URL exported, counts), not comments")
        report.skipped.extend(SkippedLine(n, description) for n in range(1, table_start))
        report.warn(f"lines 1-{table_start - 1}: {description}; the table's header is line "
                    f"{table_start}", "description above the table", description,
                    lines=tuple(range(1, table_start)))
        first_line_read = table_start
        text = "\n".join(lines[table_start - 1:])
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
                    _warn_repeated_columns(header, start, report)
                    continue
                if not row or not any(cell.strip() for cell in row):
                    report.skipped.extend(SkippedLine(n, "blank line")
                                          for n in range(start, end + 1))
                    continue
                if [cell.strip().lstrip("\ufeff") for cell in row] == header:
                    # Exports joined end to end (cat a.csv b.csv) repeat the header: a row
                    # of column names, not a comment whose text is "text".
                    report.skipped.extend(SkippedLine(n, "repeated CSV header")
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
    return records, header_lines, header

_TABLE_SHARE = 0.9
"""Of the rows under a header, the share as wide as it, for it to be the table's header."""
_MOST_DESCRIPTION_ROWS = 30
"""Rows looked through for a header under an export's description of itself."""

def _table_below_description(text: str, delimiter: str) -> int | None:
    """The line of the table's header where an export opens with lines about itself above the
    table (exportcomments.com writes a title, the URL exported and counts, one or two cells a
    line, then the table): the first row as wide as at least 90% of the rows after it, all of
    its cells names (filled, not numbers) and wider than every line above it. None where the
    first row is that header, as in any CSV of one table."""
    head = [line for line in text.splitlines()[:_MOST_DESCRIPTION_ROWS + 1] if line.strip()]
    if len(head) < 2 or all(line.count(delimiter) <= head[0].count(delimiter)
                            for line in head[1:]):
        return None  # no line near the top wider than the first: it is the header
    try:
        rows = []
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        previous_end = 0
        for row in reader:
            rows.append((previous_end + 1, row))
            previous_end = reader.line_num
    except csv.Error:
        return None
    filled = [(line, row) for line, row in rows if any(cell.strip() for cell in row)]
    widest_above = len(filled[0][1]) if filled else 0
    for index in range(1, min(len(filled), _MOST_DESCRIPTION_ROWS + 1)):
        line, row = filled[index]
        if len(row) <= widest_above:
            continue
        widest_above = len(row)
        below = filled[index + 1:]
        names = [cell.strip() for cell in row]
        if below and sum(len(other) == len(row) for _, other in below) >= _TABLE_SHARE * len(
                below) and all(names) and len(set(names)) == len(names) and not any(
                name.replace(".", "").isdigit() for name in names):
            return line
    return None

def _warn_repeated_columns(header: list[str], line: int, report: IngestionReport) -> None:
    """A row is read into a dict by column name, so of two columns with one name only the last
    one's cells are read: say so rather than lose the first one's silently."""
    for name, count in Counter(header).items():
        if count > 1 and name:
            repeated = (f"column {name!r} appears {count} times in the header; only its last "
                        "column is read")
            report.warn(f"line {line}: {repeated}", "repeated column", repeated, lines=(line,))

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
