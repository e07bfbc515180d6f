"""commentscope's own per-comment CSV read back as a source (a filtered subset shared with a
colleague, a table analysed again, also as a spreadsheet saved it again): recognised by its
header (``export.is_comment_export``), its formula guard undone, its reply links and the
evidence it states kept (a link it marks as inferred stays a guess: ``reply_inferred`` and
``reply_stated`` True), and what it cannot hold named in the report.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.export import is_rearranged_export, unguard_cell
from analysis.schema import COMMENT_COLUMNS, Col
from analysis.sources.records import SOURCE_LINK, SOURCE_TOP_LEVEL, _cell, _Record
from analysis.sources.report import IngestionReport, place

EXPORT_NOTE_KIND = "commentscope export"
INFERRED_LINK = "inferred link"
"""Evidence of a guess the export states that the reader cut or moved ("inferred link cut:
replies to 'c4', which is not in the file"), as SOURCE_LINK is of a given one."""

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
    Where the export says a link was inferred (``reply_inferred`` True, ``--all-columns``), it
    stays a guess (:func:`_with_stated_guesses`).
    A value that does not read (a confidence "high") is left as the reader has it, with a
    warning naming its line."""
    fields_of = {record.label: record.fields for record in records}
    stated = [column for column in STATED_COLUMNS if column in header]
    columns = {column: comments[column].astype(object).tolist() for column in stated}
    untouched = comments[Col.REPLY_EVIDENCE].isin([SOURCE_LINK, SOURCE_TOP_LEVEL]).tolist()
    guesses = _stated_guesses([fields_of[label] for label in labels], labels, header, report)
    for row, label in enumerate(labels):
        fields = fields_of[label]
        for column in stated:
            # A cut guess keeps the guess's confidence: the reader's 1.0 is a given link's.
            readers_own = column == Col.REPLY_EVIDENCE or (column == Col.REPLY_CONFIDENCE
                                                          and not guesses[row])
            if readers_own and not untouched[row]:
                continue
            # _cell: without control characters, as every cell of an export is read.
            raw = _cell(fields, column)
            unknown_guess = column == Col.REPLY_CONFIDENCE and guesses[row]
            if not raw and not unknown_guess:
                continue
            value = _read_stated(column, raw)
            if value is None and unknown_guess:
                # The reader's 1.0 would make a guess look certain: the link is guessed again.
                why = (f"{column} {raw!r} of an inferred link does not read as the export "
                       "writes it; the link is inferred again")
                report.warn(f"{label}: {why}", "not as exported", why, **place(label))
                guesses[row] = False
                columns[column][row] = None
                continue
            if value is None:
                why = f"{column} {raw!r} does not read as the export writes it; left as read"
                report.warn(f"{label}: {why}", "not as exported", why, **place(label))
                continue
            columns[column][row] = value
    comments = comments.assign(**{column: pd.array(values, dtype=comments[column].dtype)
                                  for column, values in columns.items()})
    if any(guesses):
        comments = _with_stated_guesses(comments, guesses, untouched,
                                        [fields_of[label] for label in labels], header)
    if Col.POSITION in header:
        comments = _in_stated_order(comments, [fields_of[label] for label in labels], labels,
                                    report)
    return comments


def _stated_guesses(fields: list[dict], labels: list[str], header: list[str],
                    report: IngestionReport) -> list[bool]:
    """For each row, whether the export says its link (or its being top-level) was inferred
    (``reply_inferred`` True). A value that does not read is named with its line and read as
    the export's given links are: no column, no guesses."""
    if Col.INFERRED not in header:
        return [False] * len(labels)
    guesses = []
    for row_fields, label in zip(fields, labels, strict=True):
        raw = _cell(row_fields, Col.INFERRED)
        flag = _read_flag(raw) if raw else False
        if flag is None:
            why = (f"{Col.INFERRED} {raw!r} does not read as the export writes it; the link is "
                   "read as given")
            report.warn(f"{label}: {why}", "not as exported", why, **place(label))
        guesses.append(bool(flag))
    return guesses


def _with_stated_guesses(comments: pd.DataFrame, guesses: list[bool], untouched: list[bool],
                         fields: list[dict], header: list[str]) -> pd.DataFrame:
    """``comments`` with the links the export says were inferred kept as guesses: Col.INFERRED
    True (in every count of inferred links, as when the export was written), Col.REPLY_STATED
    True (reply inference keeps the stated parent, confidence and evidence, and hand
    corrections keep it fixed: the file is what its reader was given), and Col.REPLY_ADDRESSES
    as the export states it. A guess whose link the reader cut or moved (its parent is not in
    the file) says so in its evidence as an inferred link, not a source link."""
    guessed = pd.Series(guesses, index=comments.index, dtype=bool)
    evidence = comments[Col.REPLY_EVIDENCE].astype(object).tolist()
    for row, guess in enumerate(guesses):
        if guess and not untouched[row] and str(evidence[row]).startswith(SOURCE_LINK):
            evidence[row] = INFERRED_LINK + str(evidence[row])[len(SOURCE_LINK):]
    columns = {
        Col.INFERRED: guessed,
        Col.REPLY_STATED: guessed,
        Col.REPLY_EVIDENCE: pd.array(evidence, dtype=comments[Col.REPLY_EVIDENCE].dtype),
    }
    if Col.REPLY_ADDRESSES in header:
        columns[Col.REPLY_ADDRESSES] = pd.array(
            [_read_flag(_cell(row_fields, Col.REPLY_ADDRESSES)) if guess else None
             for row_fields, guess in zip(fields, guesses, strict=True)], dtype="boolean")
    return comments.assign(**columns)


_FLAG_WORDS = {
    **dict.fromkeys(("true", "wahr", "vrai", "verdadero", "vero", "waar", "verdadeiro", "sant",
                     "prawda"), True),
    **dict.fromkeys(("false", "falsch", "faux", "falso", "onwaar", "falskt", "fałsz"), False),
}
"""True and False as the export writes them, and as spreadsheets save them again: TRUE/FALSE,
or the words of a German, French, Spanish, Italian, Dutch, Portuguese, Swedish or Polish
Excel (WAHR/FALSCH, VRAI/FAUX, ...)."""


def _read_flag(raw: str) -> bool | None:
    """A True/False cell as the export writes it, or as a spreadsheet saves it again
    (:data:`_FLAG_WORDS`); None for anything else."""
    return _FLAG_WORDS.get(raw.strip().lower())


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


_DECIMAL_COMMA = re.compile(r"\d+,\d+")
"""A fraction as a spreadsheet in a decimal-comma locale saves it again ("0,726"): in a 0-1
value a comma cannot separate thousands."""


def _read_stated(column: str, raw: str):
    if column in _FRACTIONS:
        if _DECIMAL_COMMA.fullmatch(raw):
            raw = raw.replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            return None
        return value if math.isfinite(value) and 0 <= value <= 1 else None
    if column in _FLAGS:
        return _read_flag(raw)
    return raw


def note_own_export(report: IngestionReport, records: list[_Record], header: list[str]) -> None:
    """Say that the file was read as commentscope's own export, and what of the first reading
    it cannot give back, so that neither the undone guard nor a difference is a surprise."""
    report.warn("read as a commentscope comment export (its header is the per-comment "
                "table's): the apostrophes it put before cells that start like a formula "
                "are taken off", EXPORT_NOTE_KIND)
    if is_rearranged_export(header):
        lost = [column for column in COMMENT_COLUMNS if column not in header]
        missing = f"; of the per-comment table's, not in it: {', '.join(lost)}" if lost else ""
        report.warn("its columns are not in the order the export writes them (moved, deleted "
                    "or added, as a spreadsheet may leave them): each is read by its name"
                    f"{missing}", EXPORT_NOTE_KIND)
    inferred = sum(_read_flag((record.fields.get(Col.INFERRED) or "").strip()) is True
                   for record in records)
    addresses = ("with the reply_addresses it states" if Col.REPLY_ADDRESSES in header else
                 "without reply_addresses, which the file lacks")
    said = (f"; {inferred} of its comments' links (or, for a top-level comment, their "
            "absence) were inferred when it was written (reply_inferred) and stay inferred "
            f"guesses, {addresses}: they count as inferred in the thread and article figures "
            "and the People network and are marked as guesses, as when it was written"
            if Col.INFERRED in header else
            "; it does not say which of them were inferred (--all-columns writes "
            "reply_inferred), so every link counts as given, in the People network too")
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
