"""Time: timestamps in one form, and how a discussion unfolds over time.

:func:`normalise_timestamp` turns a source's timestamp into ISO 8601 UTC
(``2016-10-14T01:24:05Z``) wherever the source says which zone it is in (epoch seconds or
milliseconds, an offset, ``Z``, an RFC 2822 date with a zone); a time without a zone is left as
given, since guessing the zone would move it by hours. :func:`parse_times` reads the column back
as instants for the time tables.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import numpy as np
import pandas as pd

from analysis.schema import Col

ISO_UTC = "%Y-%m-%dT%H:%M:%SZ"
_EPOCH_SECONDS = re.compile(r"\d{9,11}(?:\.\d+)?")
_EPOCH_MILLISECONDS = re.compile(r"\d{12,13}")
# RFC 2822 dates ("Fri, 14 Oct 2016 01:24:05 +0000") name a weekday or a month in letters.
_HAS_LETTERS = re.compile(r"[A-Za-z]{3}")


def normalise_timestamp(raw: str) -> str:
    """``raw`` as ISO 8601 UTC to the second when its zone is known, else ``raw`` unchanged.

    Known zones: epoch seconds (9-11 digits, a fraction allowed) and milliseconds (12-13
    digits), ISO 8601 with ``Z`` or an offset, RFC 2822 with a zone. Fractions of a second are
    dropped (floored), as the target form has none."""
    text = raw.strip()
    if not text:
        return raw
    try:
        if _EPOCH_SECONDS.fullmatch(text):
            return datetime.fromtimestamp(int(float(text)), UTC).strftime(ISO_UTC)
        if _EPOCH_MILLISECONDS.fullmatch(text):
            return datetime.fromtimestamp(int(text) // 1000, UTC).strftime(ISO_UTC)
    except (OverflowError, OSError, ValueError):
        return raw
    moment = _parse_with_zone(text)
    if moment is None:
        return raw
    return moment.astimezone(UTC).strftime(ISO_UTC)


def _parse_with_zone(text: str) -> datetime | None:
    """The instant ``text`` names, or None when it does not parse or names no zone."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
        if _HAS_LETTERS.search(text):
            try:
                moment = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                moment = None
    if moment is None or moment.tzinfo is None or moment.utcoffset() is None:
        return None
    return moment


def parse_times(created_at: pd.Series) -> pd.Series:
    """Col.CREATED_AT values as UTC instants (tz-aware, UTC), NaT where missing or not a date.
    A time without a zone (left as the source gave it) is placed as if it were UTC: the order
    within one source holds, the hour may be off by the source's zone."""
    text = created_at.astype("string").str.strip()
    parsed = pd.to_datetime(text, errors="coerce", utc=True, format="ISO8601")
    missing = parsed.isna() & text.notna() & (text != "")
    if missing.any():
        # Not ISO 8601 ("Fri, 14 Oct 2016 01:24:05 +0000", "14/10/2016 01:24"): one at a time.
        guessed = pd.to_datetime(
            pd.Series([normalise_timestamp(v) for v in text[missing].tolist()],
                      index=text[missing].index, dtype="string"),
            errors="coerce", utc=True, format="mixed")
        parsed = parsed.where(~missing, guessed)
    return parsed


EPOCH = pd.Timestamp(0, tz="UTC")


def time_keys(created_at: pd.Series) -> np.ndarray:
    """Seconds since the epoch of each value (NaN where there is no date), for ordering."""
    return ((parse_times(created_at) - EPOCH) / pd.Timedelta(seconds=1)).to_numpy(
        dtype=float, na_value=np.nan)


def has_times(comments: pd.DataFrame) -> bool:
    """True when some comment has a created_at that reads as a date."""
    if Col.CREATED_AT not in comments or comments.empty:
        return False
    return bool(parse_times(comments[Col.CREATED_AT]).notna().any())
