"""commentscope's own per-comment CSV read back as a source (a filtered subset shared with a
colleague, a table analysed again): recognised by its header (``export.is_comment_export``),
its formula guard undone, its reply links and the evidence it states kept, and what it cannot
hold named in the report.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.export import unguard_cell
from analysis.schema import Col
from analysis.sources.records import SOURCE_LINK, SOURCE_TOP_LEVEL, _cell, _Record
from analysis.sources.report import IngestionReport, place

EXPORT_NOTE_KIND = "commentscope export"

_FRACTIONS = (Col.REPLY_CONFIDENCE, Col.SEGMENT_CONFIDENCE)
_TEXTS = (Col.REPLY_EVIDENCE, Col.SEGMENT_EVIDENCE, Col.TIME_TEXT)
_FLAGS = (Col.TRUNCATED,)
STATED_COLUMNS = (*_FRACTIONS, *_TEXTS, *_FLAGS)
"""Reader columns the export states and the reader keeps as stated (the export's ``likes`` is
read as any export's like count). The extras among them are written with ``--all-columns``."""

_EXTRAS_ONLY_WITH_ALL_COLUMNS = (Col.SEGMENT_EVIDENCE, Col.SEGMENT_CONFIDENCE, Col.TRUNCATED,
                                 Col.TIME_TEXT, Col.LIKES)


def unguarded_records(records: list[_Record]) -> list[_Record]:
    """The records with the export's guard apostrophes taken off every cell ("'=SUM(A1)" is
    the text "=SUM(A1)" again, "''x" is "'x")."""
    return [_Record({key: unguard_cell(value) if isinstance(value, str) else value
                     for key, value in record.fields.items()},
                    record.line_start, record.line_end, record.label)
            for record in records]


def with_stated_columns(comments: pd.DataFrame, records: list[_Record], labels: list[str],
                        header: list[str], report: IngestionReport) -> pd.DataFrame:
    """``comments`` (one row per record with text, in order; ``labels`` their records' labels)
    with the columns of :data:`STATED_COLUMNS` the export holds, as it states them: the
    confidence and evidence of each reply link (an inferred one keeps its 0.726 and "previous
    comment; ...", not the 1.0 of a link the source gives), and, from ``--all-columns``, the
    span evidence, the cut-off flag, the time as the page showed it and the page order. A link
    the reader cut or moved (its parent is not in the file: a filtered subset) keeps the
    reader's evidence.
    A value that does not read (a confidence "high") is left as the reader has it, with a
    warning naming its line."""
    fields_of = {record.label: record.fields for record in records}
    stated = [column for column in STATED_COLUMNS if column in header]
    columns = {column: comments[column].astype(object).tolist() for column in stated}
    untouched = comments[Col.REPLY_EVIDENCE].isin([SOURCE_LINK, SOURCE_TOP_LEVEL]).tolist()
    for row, label in enumerate(labels):
        fields = fields_of[label]
        for column in stated:
            if column in (Col.REPLY_CONFIDENCE, Col.REPLY_EVIDENCE) and not untouched[row]:
                continue
            # _cell: without control characters, as every cell of an export is read.
            raw = _cell(fields, column)
            if not raw:
                continue
            value = _read_stated(column, raw)
            if value is None:
                why = f"{column} {raw!r} does not read as the export writes it; left as read"
                report.warn(f"{label}: {why}", "not as exported", why, **place(label))
                continue
            columns[column][row] = value
    comments = comments.assign(**{column: pd.array(values, dtype=comments[column].dtype)
                                  for column, values in columns.items()})
    if Col.POSITION in header:
        comments = _in_stated_order(comments, [fields_of[label] for label in labels], labels,
                                    report)
    return comments


def _in_stated_order(comments: pd.DataFrame, fields: list[dict], labels: list[str],
                     report: IngestionReport) -> pd.DataFrame:
    """``comments`` with Col.POSITION in the order the export states (a download sorted by
    hostility still reads in page order), ranked within each article so that a filtered
    subset has no gaps. Where a position does not read as a whole number, each such line is
    named and the file's row order is kept."""
    stated = []
    for row_fields, label in zip(fields, labels, strict=True):
        raw = _cell(row_fields, Col.POSITION)
        stated.append(int(raw) if raw.isdigit() else None)
        if stated[-1] is None:
            why = (f"{Col.POSITION} {raw!r} is not a whole number; the comments keep the "
                   "file's row order")
            report.warn(f"{label}: {why}", "not as exported", why, **place(label))
    if None in stated:
        return comments
    order = pd.Series(stated, index=comments.index).groupby(
        comments[Col.ARTICLE_ID].to_numpy(), sort=False).rank(method="first")
    return comments.assign(**{Col.POSITION: order.astype("int64") - 1})


def _read_stated(column: str, raw: str):
    if column in _FRACTIONS:
        try:
            value = float(raw)
        except ValueError:
            return None
        return value if math.isfinite(value) and 0 <= value <= 1 else None
    if column in _FLAGS:
        return {"True": True, "False": False}.get(raw)
    return raw


def note_own_export(report: IngestionReport, records: list[_Record], header: list[str]) -> None:
    """Say that the file was read as commentscope's own export, and what of the first reading
    it cannot give back, so that neither the undone guard nor a difference is a surprise."""
    report.warn("read as a commentscope comment export (its header is the per-comment "
                "table's): the apostrophes it put before cells that start like a formula "
                "are taken off", EXPORT_NOTE_KIND)
    inferred = sum((record.fields.get(Col.INFERRED) or "").strip() == "True"
                   for record in records)
    said = (f"; {inferred} of its comments' links (or, for a top-level comment, their "
            "absence) were inferred when it was written (reply_inferred) and now count as "
            "given, in the People network too, and reply_addresses, which only inferred links "
            "carry, is empty" if Col.INFERRED in header else
            "; it does not say which of them were inferred (--all-columns writes "
            "reply_inferred)")
    report.warn("reply links are read as the export states them (parent_id, with its "
                f"reply_confidence and reply_evidence), not inferred again{said}",
                EXPORT_NOTE_KIND)
    missing = ["the article titles, URLs and texts (a title shows the article id, and "
               "article_similarity has no article text to compare with)"]
    names = list(dict.fromkeys(name for record in records
                               if (name := (record.fields.get(Col.SOURCE) or "").strip())))
    if names:
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        missing.append(f"the files it was read from ({shown}) and their line numbers: the "
                       "comments name this file as their source")
    absent = [column for column in _EXTRAS_ONLY_WITH_ALL_COLUMNS if column not in header]
    if absent:
        missing.append(f"{', '.join(absent)} (written with --all-columns only)")
    report.warn(f"not in a comment export, so not read back: {'; '.join(missing)}; topics are "
                "fitted again without the article texts, so topic ids and labels may differ",
                EXPORT_NOTE_KIND)
