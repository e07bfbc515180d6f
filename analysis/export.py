"""CSV that is safe to open in a spreadsheet, and the reader that undoes its guard.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or
carriage return) as a formula, and some spreadsheet locales first turn the full-width forms of
the four (U+FF1D, U+FF0B, U+FF0D, U+FF20, as East Asian input methods type them) into them.
Comment text is written by strangers, so every text cell that starts with one of those gets a
leading apostrophe, which spreadsheets show as plain text. So does a cell where whitespace comes
before one (" =1+1", "  @SUM(A1)"): spreadsheets may trim leading spaces on import (Google
Sheets does by default, LibreOffice when asked), which leaves a formula. A text cell that itself
starts with an apostrophe gets one more, so the guard can be undone exactly:
:func:`read_safe_csv` gives back the original text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from analysis.schema import COMMENT_COLUMNS, TEXT_COMMENT_COLUMNS, TEXT_PEOPLE_COLUMNS, Col

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""ASCII triggers, then their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20)."""
GUARD = "'"
_GUARDED_START = re.compile(r"\s*[" + re.escape("".join(FORMULA_TRIGGERS)) + "]|" + GUARD)
"""What a cell that gets the guard starts with: a trigger, after any whitespace (a tab or a
carriage return alone is one), or the guard itself."""


def _needs_guard(value: str) -> bool:
    return _GUARDED_START.match(value) is not None


def guard_cell(value: str) -> str:
    """Text that a spreadsheet shows as text, never runs, also once it trims leading
    whitespace."""
    return GUARD + value if value and _needs_guard(value) else value


def unguard_cell(value: str) -> str:
    """The inverse of :func:`guard_cell`."""
    if value.startswith(GUARD) and _needs_guard(value[1:]):
        return value[1:]
    return value


LINK_COLUMNS = (Col.COMMENT_ID, Col.TEXT, Col.PARENT_ID, Col.REPLY_CONFIDENCE,
                Col.REPLY_EVIDENCE)
"""The columns a re-saved export must keep to be read as one: a comment, its reply link and
what the link rests on. Together, and named so, they are this table's."""


def is_comment_export(header: Sequence[str]) -> bool:
    """Whether a CSV header is that of a per-comment table this module wrote: the columns of
    ``schema.COMMENT_COLUMNS``, all of them, in their order, first (``comments --out``, with or
    without ``--all-columns``, and the app's Download CSV write them so; columns after them may
    be anything), or, as a spreadsheet may leave it, :data:`LINK_COLUMNS` in any order among
    others (columns moved, some deleted or added: :func:`is_rearranged_export`). Only such a
    file's cells are unguarded when it is read as a source: in any other CSV a text that starts
    with an apostrophe is the writer's own."""
    return list(header[:len(COMMENT_COLUMNS)]) == COMMENT_COLUMNS or \
        is_rearranged_export(header)


def is_rearranged_export(header: Sequence[str]) -> bool:
    """Whether a CSV header holds every column of :data:`LINK_COLUMNS`, each once, but not
    ``schema.COMMENT_COLUMNS`` first in their order: an export whose columns a spreadsheet (or
    its user) moved, deleted or added to."""
    names = list(header)
    return names[:len(COMMENT_COLUMNS)] != COMMENT_COLUMNS and \
        all(names.count(column) == 1 for column in LINK_COLUMNS)


def _text_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns
            if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object]


def guard_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells are formula-safe; numbers stay numbers."""
    guarded = {c: frame[c].map(lambda v: guard_cell(v) if isinstance(v, str) else v)
               for c in _text_columns(frame)}
    return frame.assign(**guarded)


def to_safe_csv(frame: pd.DataFrame, path_or_buffer=None, bom: bool = False) -> str | None:
    """Write ``frame`` as formula-safe UTF-8 CSV to a path or buffer, or return the text.
    ``bom`` adds a byte order mark so that spreadsheets read the file as UTF-8."""
    text = guard_frame(frame).to_csv(index=False, lineterminator="\r\n")
    if bom:
        text = "\ufeff" + text
    if path_or_buffer is None:
        return text
    if isinstance(path_or_buffer, (str, Path)):
        Path(path_or_buffer).write_text(text, encoding="utf-8", newline="")
    else:
        path_or_buffer.write(text)
    return None


def safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The download form: formula-safe UTF-8 with a byte order mark."""
    return to_safe_csv(frame, bom=True).encode("utf-8")


def read_safe_csv(path_or_buffer, **read_csv_options) -> pd.DataFrame:
    """Read a CSV written by :func:`to_safe_csv`, undoing the guard on text cells. Every cell
    is read as text first, so a comment "0" stays the text "0"; columns the schema knows as text
    stay text, and any other column that is wholly numeric becomes numbers. Empty cells are
    missing values."""
    if isinstance(path_or_buffer, bytes):
        path_or_buffer = io.BytesIO(path_or_buffer)
    frame = pd.read_csv(path_or_buffer, encoding="utf-8-sig", keep_default_na=False,
                        na_values=[""], dtype=str, **read_csv_options)
    columns = {}
    for column in frame.columns:
        values = frame[column]
        if column not in TEXT_COMMENT_COLUMNS | TEXT_PEOPLE_COLUMNS:
            try:
                columns[column] = pd.to_numeric(values)
                continue
            except (ValueError, TypeError):
                pass
        columns[column] = values.map(lambda v: unguard_cell(v) if isinstance(v, str) else v)
    return frame.assign(**columns)
