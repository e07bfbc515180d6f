"""Times that read as dates but cannot be right: a comment dated after the file was read, a
reply dated before the comment it answers. Both are kept as given (the clock of the source is
the only one there is) and named in the report, so that a time table built on them can be
judged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd

from analysis.sources.report import IngestionReport, place
from analysis.timeline import ISO_UTC, parse_times

FUTURE_SLACK = timedelta(days=1)
"""How far after the time of reading a comment may be dated before it is named: a time
without a zone is placed as if it were UTC, which puts it up to 14 hours ahead of the instant
it means."""

NAMED_AT_MOST = 5
"""Comments named one by one per kind; the rest are counted in one more warning."""

FUTURE_KIND = "dated after reading"
BEFORE_PARENT_KIND = "reply before parent"


def warn_suspicious_times(created_at: Sequence, comment_ids: Sequence, parent_ids: Sequence,
                          article_ids: Sequence, labels: Sequence[str],
                          report: IngestionReport, now: datetime | None = None) -> None:
    """Warn about the comments dated after ``now`` (the time of reading; default: the clock)
    by more than :data:`FUTURE_SLACK`, and about the replies dated before their parent (the
    comment with the id ``parent_ids`` gives under the same article). One value per comment in
    each sequence; ``labels`` place a comment in the file ("line 12", "record 3"). The first
    :data:`NAMED_AT_MOST` of each kind are named with their line, and a further warning counts
    them all when there are more."""
    given = _strings(created_at)
    if given.isna().all():
        return  # no times (a page without them, the common case): nothing to judge
    times = parse_times(given)
    seconds = ((times - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(seconds=1)).to_numpy(
        dtype=float, na_value=np.nan)
    now = datetime.now(UTC) if now is None else now.astimezone(UTC)
    latest = (pd.Timestamp(now + FUTURE_SLACK) - pd.Timestamp(0, tz="UTC")).total_seconds()
    _name_each(np.flatnonzero(seconds > latest), labels, report, FUTURE_KIND,
               lambda i: f"dated {given.iloc[i]!r}, after the file was read "
                         f"({now.strftime(ISO_UTC)}; a day's slack for time zones); kept as given",
               "comments are dated after the file was read")
    parent_row = _parent_rows(comment_ids, parent_ids, article_ids)
    parent_seconds = np.where(parent_row >= 0, seconds[np.maximum(parent_row, 0)], np.nan)
    ids = _strings(comment_ids)
    _name_each(np.flatnonzero(seconds < parent_seconds), labels, report, BEFORE_PARENT_KIND,
               lambda i: f"reply {ids.iloc[i]!r} is dated {given.iloc[i]!r}, before the comment "
                         f"it answers ({ids.iloc[parent_row[i]]!r}, dated "
                         f"{given.iloc[parent_row[i]]!r}); kept as given",
               "replies are dated before the comment they answer")


def _name_each(rows: np.ndarray, labels: Sequence[str], report: IngestionReport, kind: str,
               why: Callable[[int], str], counted: str) -> None:
    """A warning for each of the first :data:`NAMED_AT_MOST` ``rows`` (``why`` says what is
    wrong with one), and one that counts them all when there are more."""
    for row in rows[:NAMED_AT_MOST].tolist():
        reason = why(row)
        report.warn(f"{labels[row]}: {reason}", kind, reason, **place(labels[row]))
    if len(rows) > NAMED_AT_MOST:
        report.warn(f"{len(rows)} {counted} (the first {NAMED_AT_MOST} named above); kept as "
                    "given", kind)


def _parent_rows(comment_ids: Sequence, parent_ids: Sequence, article_ids: Sequence
                 ) -> np.ndarray:
    """The row of each comment's parent (the comment of that id under the same article; the
    first of a repeated id), or -1 where it has none or the parent is not among them."""
    articles = _strings(article_ids).fillna("")
    keys = pd.Index(articles + "\x1f" + _strings(comment_ids).fillna(""))
    first = ~keys.duplicated(keep="first")
    first_rows = np.flatnonzero(first)
    parents = _strings(parent_ids).fillna("")
    found = keys[first].get_indexer(articles + "\x1f" + parents)
    missing = (parents == "").to_numpy() | (found < 0)
    return np.where(missing, -1, first_rows[np.maximum(found, 0)])


def _strings(values: Sequence) -> pd.Series:
    """``values`` as a string Series numbered from 0 (a Series is not copied value by value)."""
    if isinstance(values, pd.Series):
        return values.astype("string").reset_index(drop=True)
    return pd.Series(values, dtype="string")
