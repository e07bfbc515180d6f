"""Time: timestamps in one form, and how a discussion unfolds over time.

:func:`normalise_timestamp` turns a source's timestamp into ISO 8601 UTC
(``2016-10-14T01:24:05Z``) wherever the source says which zone it is in (epoch seconds or
milliseconds, an offset, ``Z``, an RFC 2822 date with a zone); a time without a zone is left as
given, since guessing the zone would move it by hours. :func:`parse_times` reads the column back
as instants for the time tables.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.schema import (
    ACTIVITY_COLUMNS,
    LATENCY_COLUMNS,
    LATENCY_SUMMARY_COLUMNS,
    TURN_COLUMNS,
    ActivityCol,
    Col,
    LatencyCol,
    LatencySummaryCol,
    TurnCol,
)

ISO_UTC = "%Y-%m-%dT%H:%M:%SZ"
_EPOCH_SECONDS = re.compile(r"\d{9,11}(?:\.\d+)?")
_EPOCH_MILLISECONDS = re.compile(r"\d{12,13}")
# Microseconds since the epoch, as live chat tools write a message's time: chat-downloader's
# "timestamp", YouTube's "timestampUsec" (15-16 digits: September 2001 to 2286).
_EPOCH_MICROSECONDS = re.compile(r"\d{15,16}")
# RFC 2822 dates ("Fri, 14 Oct 2016 01:24:05 +0000") name a weekday or a month in letters.
_HAS_LETTERS = re.compile(r"[A-Za-z]{3}")
# Zone names with one meaning: UTC and those RFC 5322 defines (hours from UTC). Others are
# ambiguous (CST is also China's, IST India's, Ireland's and Israel's), so they stay unread.
_NAMED_ZONES = {"UTC": 0, "UT": 0, "GMT": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6,
                "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}
# An ISO 8601 date and time followed by one of those names: "2016-10-14 01:24 UTC".
_ISO_THEN_ZONE = re.compile(r"(?P<moment>\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
                            r"\s*(?P<zone>[A-Z]{1,3})")


def normalise_timestamp(raw: str) -> str:
    """``raw`` as ISO 8601 UTC to the second when its zone is known, else ``raw`` unchanged.

    Known zones: epoch seconds (9-11 digits, a fraction allowed), milliseconds (12-13
    digits) and microseconds (15-16 digits), ISO 8601 with ``Z`` or an offset or a zone name
    of ``_NAMED_ZONES`` ("2016-10-14 01:24 UTC"), RFC 2822 with a zone. Fractions of a second are
    dropped (floored), as the target form has none."""
    text = raw.strip()
    if not text:
        return raw
    try:
        if _EPOCH_SECONDS.fullmatch(text):
            moment = datetime.fromtimestamp(int(float(text)), UTC)
        elif _EPOCH_MILLISECONDS.fullmatch(text):
            moment = datetime.fromtimestamp(int(text) // 1000, UTC)
        elif _EPOCH_MICROSECONDS.fullmatch(text):
            moment = datetime.fromtimestamp(int(text) // 10**6, UTC)
        else:
            moment = _parse_with_zone(text)
    except (OverflowError, OSError, ValueError):
        return raw
    if moment is None or not _PLACEABLE[0] <= moment <= _PLACEABLE[1]:
        # Outside the years a time table holds (year 1 is a placeholder for "no date"): kept
        # as given, so that the reader names it instead of placing it.
        return raw
    return moment.astimezone(UTC).strftime(ISO_UTC)


_PLACEABLE = (pd.Timestamp.min.ceil("s").tz_localize("UTC").to_pydatetime(),
              pd.Timestamp.max.floor("s").tz_localize("UTC").to_pydatetime())
"""The first and last instants pandas holds in nanoseconds (1677-09-21 to 2262-04-11): every
time table computes in them, so a time outside reads as no date."""


def outside_placeable_years(created_at: pd.Series) -> pd.Series:
    """True where a Col.CREATED_AT value reads as a date outside the years of ``_PLACEABLE``
    (which :func:`parse_times` reads as no date)."""
    parsed = _parse_any(created_at)
    return parsed.notna() & ((parsed < _PLACEABLE[0]) | (parsed > _PLACEABLE[1]))


# A clock time that ends in a zone name in capitals ("9 Mar 2020 19:17 IST"); "PM" is no zone.
_CLOCK_THEN_NAME = re.compile(r"\d:\d{2}(?::\d{2})?\s*(?P<zone>(?!AM$|PM$)[A-Z]{2,5})$")


def unknown_zone_name(raw: str) -> str | None:
    """The zone name of a date and time that ends in a name this reader does not take
    ("CET", "IST"; after an ISO date or any other), else None: the user is told which name,
    not only that the date failed, and the time is not read without its zone."""
    text = raw.strip()
    named = _ISO_THEN_ZONE.fullmatch(text) or _CLOCK_THEN_NAME.search(text)
    return named.group("zone") if named and named.group("zone") not in _NAMED_ZONES else None


def _parse_with_zone(text: str) -> datetime | None:
    """The instant ``text`` names, or None when it does not parse or names no zone."""
    named = _ISO_THEN_ZONE.fullmatch(text)
    if named and named.group("zone") in _NAMED_ZONES:
        try:
            local = datetime.fromisoformat(named.group("moment"))
        except ValueError:
            return None
        return local.replace(tzinfo=timezone(timedelta(hours=_NAMED_ZONES[named.group("zone")])))
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
    within one source holds, the hour may be off by the source's zone. A time outside the
    years 1677-2262 (``_PLACEABLE``; "0001-01-01" is a common placeholder) is NaT."""
    parsed = _parse_any(created_at)
    return parsed.where((parsed >= _PLACEABLE[0]) & (parsed <= _PLACEABLE[1]))


def _parse_any(created_at: pd.Series) -> pd.Series:
    """Col.CREATED_AT values as UTC instants in microseconds (years 1 to 9999)."""
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


_ZONE_SUFFIX = r"(?:Z|[+-]\d{2}:?\d{2})$"


def zoneless_times(comments: pd.DataFrame) -> int:
    """How many Col.CREATED_AT values read as a date but name no zone (a page's time as it
    showed it, an export's time without an offset): :func:`parse_times` places them as if
    they were UTC, so their order holds and their hour may be off by the source's zone."""
    if Col.CREATED_AT not in comments or comments.empty:
        return 0
    text = comments[Col.CREATED_AT].astype("string").str.strip()
    dated = parse_times(comments[Col.CREATED_AT]).notna()
    return int((dated & ~text.str.contains(_ZONE_SUFFIX, regex=True).fillna(False)).sum())


EPOCH = pd.Timestamp(0, tz="UTC")


def time_keys(created_at: pd.Series) -> np.ndarray:
    """Seconds since the epoch of each value (NaN where there is no date), for ordering."""
    return ((parse_times(created_at) - EPOCH) / pd.Timedelta(seconds=1)).to_numpy(
        dtype=float, na_value=np.nan)


# What a comment system writes around a time that is no part of it: "posted 2 hours ago",
# "Le 9 mars", "am 9. März", "5 months ago (edited)", "· 3h ·", a permalink id "(#59814001)".
_TIME_PREFIX = re.compile(
    r"^(?:[•·|–—-]\s*)?(?:(?:posted|commented|published|updated|edited|written|reviewed)"
    r"(?:\s*:\s*|\s+)"
    # "Reviewed in the United States on March 9, 2020": where, then when
    r"(?:in\s+(?:[^\W\d_]+\s+){1,4}?(?=on\s))?)?"
    # "Posted on: 5 hours ago"
    r"(?:(?:on|at|le|am)(?:\s*:\s*|\s+))?", re.IGNORECASE)
# "18 hours ago*": old Reddit's mark of an edited comment
_TIME_SUFFIX = re.compile(r"(?:\s*[•·]?\s*\(?(?:edited|updated|modified)\)?|\s*[•·|]|"
                          r"\s*\(#\d+\)|(?<=\S)\*)?\s*$", re.IGNORECASE)


def bare_time(text: str) -> str:
    """``text`` without the words a page writes around a time (:data:`_TIME_PREFIX`,
    :data:`_TIME_SUFFIX`)."""
    return _TIME_SUFFIX.sub("", _TIME_PREFIX.sub("", text, count=1), count=1).strip()


_AGE_UNIT_SECONDS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60,
                     "h": 3600, "hr": 3600, "hour": 3600, "d": 86400, "day": 86400,
                     "w": 604800, "wk": 604800, "week": 604800, "mo": 2592000,
                     "month": 2592000, "y": 31536000, "yr": 31536000, "year": 31536000}
# lower case; "a" and "one" stand apart from the unit: "ahora" is Spanish for now, no "a hora"
_AGE = r"\s*(?P<n>\d+|(?:an?|one)(?=\s))\s*(?P<unit>mo|[a-z]+?)s?\.?(?:\s+ago)?\s*"
_AGE_WORDS = {"just now": 0, "now": 0, "moments ago": 0, "a moment ago": 0,
              "a few seconds ago": 0, "few seconds ago": 0, "yesterday": 86400}


AGES_PATH = Path(__file__).parent / "lexicons" / "layout_ages.tsv"
_UNIT_SECONDS_IN_ORDER = (1, 60, 3600, 86400, 604800, 2592000, 31536000)
"""Seconds of the seven unit groups of a "unit" row of AGES_PATH (second to year), as
_AGE_UNIT_SECONDS counts them."""


def age_rows(ascii_only: bool = False) -> dict[tuple[str, str], list[str]]:
    """The rows of ``lexicons/layout_ages.tsv`` by (kind, language): each row's words as
    written ("|" between forms, ";" between a unit row's groups); with ``ascii_only``, only the
    words written in ASCII, and only the rows left with some."""
    rows: dict[tuple[str, str], list[str]] = {}
    for line in AGES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, language, words = line.split("\t")
            if ascii_only:
                words = ";".join("|".join(word for word in group.split("|") if word.isascii())
                                 for group in words.split(";"))
                if not words.strip(";|"):
                    continue
            rows.setdefault((kind, language), []).append(words)
    return rows


def _fold(word: str) -> str:
    """``word`` as an IGNORECASE pattern may have matched it, in one form: case-folded, and
    Turkish's dotless and dotted i as i ("YIL" and "yıl")."""
    return word.casefold().replace("\u0131", "i").replace("i\u0307", "i")


AgeRows = dict[tuple[str, str], list[str]]
"""The rows of AGES_PATH by (kind, language), as :func:`age_rows` gives them."""


def ago_forms(rows: AgeRows, groups: bool = False) -> list[tuple[str, str]]:
    """(language, pattern) of each "ago" template of ``rows`` (as :func:`age_rows` gives them)
    whose language has unit words: "#" any number up to 4 digits or the language's word for
    one, "UNIT" any of its unit words. With ``groups``, template K's pattern is the group
    ``tK`` holding groups ``tK_n`` (the number) and ``tK_unit``."""
    forms = []
    for (kind, language), templates in rows.items():
        if kind != "ago" or ("unit", language) not in rows:
            continue
        units = "|".join(re.escape(w) for w in re.split(r"[;|]", rows["unit", language][0]) if w)
        ones = "|".join(re.escape(w) for w in rows.get(("one", language), [""])[0].split("|") if w)
        for template in templates:
            k = len(forms)
            number, unit = (f"?P<t{k}_n>", f"?P<t{k}_unit>") if groups else ("?:", "?:")
            amount = rf"({number}\d{{1,4}}{'|' + ones if ones else ''})"
            # "3時間前" may be written "3 時間前" (a space after the number, as some sites put
            # one between digits and CJK)
            pattern = (r"\s+".join(re.escape(word) for word in template.split())
                       .replace("\\#UNIT", "\\#\\s?UNIT")
                       .replace("\\#", amount).replace("UNIT", f"({unit}{units})"))
            forms.append((language, rf"(?P<t{k}>{pattern})" if groups else pattern))
    return forms


def now_forms(rows: AgeRows) -> list[str]:
    """Patterns of the "now" words of ``rows`` ("agora mesmo", "たった今")."""
    return [re.escape(w) for (kind, _), words in rows.items() if kind == "now"
            for w in words[0].split("|") if w]


@cache
def _ages_in_words() -> tuple[re.Pattern, dict[str, str], set[str], dict[str, int]]:
    """One pattern for every "ago" template of AGES_PATH and its "now" words (groups ``tK``,
    ``tK_n``, ``tK_unit`` of template K, and ``now``), each template's language, the unit words
    that count two ("ar:ساعتين"), and the seconds of each unit word ("es:horas" -> 3600); words
    as :func:`_fold` gives them."""
    rows = age_rows()
    seconds: dict[str, int] = {}
    for (kind, language), templates in rows.items():
        if kind == "unit":
            for group, unit in zip(templates[0].split(";"), _UNIT_SECONDS_IN_ORDER, strict=True):
                seconds.update({f"{language}:{_fold(w)}": unit for w in group.split("|") if w})
    forms = ago_forms(rows, groups=True)
    languages = {f"t{k}": language for k, (language, _) in enumerate(forms)}
    now = "|".join(now_forms(rows))
    pattern = re.compile("|".join([*(form for _, form in forms), rf"(?P<now>{now})"]),
                         re.IGNORECASE)
    twos = {f"{language}:{_fold(w)}" for (kind, language), rows_ in rows.items()
            if kind == "two" for w in rows_[0].split("|")}
    return pattern, languages, twos, seconds


def _age_in_words(text: str) -> float:
    """Seconds of an age written in one of AGES_PATH's languages ("vor 3 Stunden", "3時間前",
    "منذ ساعتين", "час назад"), NaN when ``text`` is no such age. Without a number the unit
    counts once, or twice where the language's dual says so."""
    pattern, languages, twos, seconds = _ages_in_words()
    match = pattern.fullmatch(text)
    if match is None:
        return np.nan
    if match.group("now") is not None:
        return 0.0
    template = match.lastgroup
    language = languages[template]
    unit_word = f"{language}:{_fold(match.group(f'{template}_unit'))}"
    unit = seconds.get(unit_word)
    if unit is None:  # a case the pattern matches and folding does not give back
        return np.nan
    amount = match.groupdict().get(f"{template}_n")
    if amount is None:
        count = 2 if unit_word in twos else 1
    elif amount.isdigit():
        count = int(amount)
    else:
        count = 1  # a word for one ("hace un año")
    return float(count * unit)


def age_seconds(time_text: pd.Series) -> np.ndarray:
    """How long before the page was copied each comment was posted, in seconds, where its
    Col.TIME_TEXT is a relative age ("18h ago", "5 mo. ago", "2 hours ago", "just now"); NaN
    elsewhere (a date, nothing). "18h ago" means 18 to 19 hours, so ages in whole units order
    comments only where they differ."""
    # An edit mark stays in the time as shown ("5 months ago (edited)") but not in the age.
    text = (time_text.astype("string").str.replace(_TIME_PREFIX, "", n=1, regex=True)
            .str.replace(_TIME_SUFFIX, "", n=1, regex=True).str.strip().str.lower())
    parts = text.str.extract(_AGE, expand=True)
    count = parts["n"].replace({"a": "1", "an": "1", "one": "1"})
    unit = parts["unit"].map(_AGE_UNIT_SECONDS)
    ok = text.str.fullmatch(_AGE).fillna(False) & unit.notna()
    seconds = pd.to_numeric(count, errors="coerce") * unit
    seconds = seconds.where(ok, text.map(_AGE_WORDS))
    # Ages in other languages' words ("vor 3 Stunden", "3時間前"), as layout.py reads them.
    other = seconds.isna() & text.notna()
    if other.any():
        seconds[other] = text[other].map(_age_in_words)
    return seconds.to_numpy(dtype=float, na_value=np.nan)


def posting_order(comments: pd.DataFrame) -> np.ndarray | None:
    """A number per comment that orders when comments of one article were posted (NaN where
    unknown), or None when no comment has a time: seconds since the epoch where the article
    has dates (Col.CREATED_AT in ISO 8601); where it has only relative ages (Col.TIME_TEXT,
    "18h ago"), minus the age, which orders them as well."""
    n = len(comments)
    dated = np.full(n, np.nan)
    if Col.CREATED_AT in comments and comments[Col.CREATED_AT].notna().any():
        # ISO 8601 only (what pages' dates and most exports give): a guessed "03/04/2020"
        # could be either day first, and a wrong order here moves links.
        text = comments[Col.CREATED_AT].astype("string").str.strip()
        iso = pd.to_datetime(text, errors="coerce", utc=True, format="ISO8601")
        dated = ((iso - EPOCH) / pd.Timedelta(seconds=1)).to_numpy(dtype=float, na_value=np.nan)
    aged = np.full(n, np.nan)
    if Col.TIME_TEXT in comments:
        # Only where there is no date: a dated comment is ordered by its date.
        undated = np.isnan(dated) & comments[Col.TIME_TEXT].notna().to_numpy()
        if undated.any():
            aged[undated] = -age_seconds(comments[Col.TIME_TEXT][undated])
    if np.isnan(dated).all() and np.isnan(aged).all():
        return None
    # Dates and ages cannot be compared (the page's copy time is unknown): an article with
    # any date is ordered by its dates only.
    article = comments[Col.ARTICLE_ID].astype(str).to_numpy()
    has_dates = pd.Series(~np.isnan(dated)).groupby(article).transform("any").to_numpy()
    return np.where(has_dates, dated, aged)


def has_times(comments: pd.DataFrame) -> bool:
    """True when some comment has a created_at that reads as a date."""
    if Col.CREATED_AT not in comments or comments.empty:
        return False
    return bool(parse_times(comments[Col.CREATED_AT]).notna().any())


# ---------------------------------------------------------------------------- time tables

MAX_BINS = 60
"""Bins at most per article: the bin is the smallest of BINS that keeps within this."""
BINS: tuple[tuple[int, str], ...] = (
    (60, "minute"), (5 * 60, "5 minutes"), (15 * 60, "15 minutes"), (3600, "hour"),
    (3 * 3600, "3 hours"), (6 * 3600, "6 hours"), (86_400, "day"), (7 * 86_400, "week"),
    (30 * 86_400, "30 days"), (365 * 86_400, "365 days"))


def choose_bin(span_seconds: float) -> tuple[int, str]:
    """(seconds, name) of the time bin for a span: minutes for an hour-long burst, days for a
    month, the smallest bin that gives at most MAX_BINS bins."""
    for seconds, name in BINS:
        if span_seconds / seconds <= MAX_BINS:
            return seconds, name
    return BINS[-1]


def _dated(comments: pd.DataFrame) -> pd.DataFrame:
    """The comments that have a time, with "_t" (UTC instant) and "_s" (epoch seconds)."""
    if Col.CREATED_AT not in comments or comments.empty:
        return comments.iloc[:0].assign(_t=pd.Series(dtype="datetime64[ns, UTC]"),
                                        _s=pd.Series(dtype=float))
    times = parse_times(comments[Col.CREATED_AT])
    dated = comments.assign(_t=times, _s=(times - EPOCH) / pd.Timedelta(seconds=1))
    return dated[times.notna().to_numpy()]


def activity(comments: pd.DataFrame) -> pd.DataFrame:
    """Comments per time bin per article, with their mean sentiment and uncivil / hostile
    shares (schema.ActivityCol). Each article's bin is chosen from its own span
    (:func:`choose_bin`); empty bins between its first and last comment are rows with 0
    comments. Comments without a time are left out."""
    from analysis.metrics import level_flags

    dated = _dated(comments)
    if dated.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ACTIVITY_COLUMNS})
    uncivil, hostile = level_flags(dated)
    work = pd.DataFrame({
        "article": dated[Col.ARTICLE_ID].astype(str).to_numpy(),
        "s": dated["_s"].to_numpy(dtype=float),
        "sentiment": pd.to_numeric(dated[Col.SENTIMENT], errors="coerce").to_numpy(dtype=float)
        if Col.SENTIMENT in dated else np.nan,
        "uncivil": uncivil, "hostile": hostile,
    })
    frames = []
    for article, part in work.groupby("article", sort=False):
        first, last = part["s"].min(), part["s"].max()
        seconds, name = choose_bin(last - first)
        origin = np.floor(first / seconds) * seconds
        index = ((part["s"] - origin) // seconds).astype(int)
        grouped = part.groupby(index.to_numpy())
        bins = np.arange(int(index.max()) + 1)
        frame = pd.DataFrame({
            ActivityCol.COMMENTS: grouped.size().reindex(bins, fill_value=0),
            ActivityCol.MEAN_SENTIMENT: grouped["sentiment"].mean().reindex(bins),
            ActivityCol.UNCIVIL_SHARE: grouped["uncivil"].mean().reindex(bins),
            ActivityCol.HOSTILE_SHARE: grouped["hostile"].mean().reindex(bins),
            ActivityCol.UNCIVIL: grouped["uncivil"].sum().reindex(bins, fill_value=0),
            ActivityCol.HOSTILE: grouped["hostile"].sum().reindex(bins, fill_value=0),
        })
        frame.insert(0, ActivityCol.BIN, name)
        frame.insert(0, ActivityCol.BIN_SECONDS, seconds)
        frame.insert(0, ActivityCol.BIN_START,
                     pd.to_datetime(origin + bins * seconds, unit="s", utc=True))
        frame.insert(0, ActivityCol.ARTICLE_ID, article)
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True)
    for column in (ActivityCol.COMMENTS, ActivityCol.UNCIVIL, ActivityCol.HOSTILE):
        out[column] = out[column].astype("int64")
    return out[ACTIVITY_COLUMNS]


def _parents(comments: pd.DataFrame, context: pd.DataFrame) -> pd.Series:
    """Row label in ``context`` of each comment's parent (under the same article), or -1."""
    keys = context[Col.ARTICLE_ID].astype(str) + "\x1f" + context[Col.COMMENT_ID].astype(str)
    where = pd.Series(np.arange(len(context)), index=keys.to_numpy())
    where = where[~where.index.duplicated(keep="first")]
    parent = comments[Col.PARENT_ID].astype("string").fillna("").str.strip()
    wanted = comments[Col.ARTICLE_ID].astype(str) + "\x1f" + parent.astype(str)
    rows = where.reindex(wanted.to_numpy()).to_numpy()
    rows = np.where((parent == "").to_numpy() | np.isnan(rows), -1, rows)
    return pd.Series(rows.astype(np.int64), index=comments.index)


def reply_latency(comments: pd.DataFrame, context: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per reply whose own time and whose parent's time are known (schema.LatencyCol):
    seconds from the parent to the reply, the reply's depth, and whether it is the parent's
    first reply (its time to first reply). Parents are looked up in ``context`` (default:
    ``comments``), so a filtered reply still has its parent. A negative latency (a reply
    stamped before its parent) is kept: it shows clocks that disagree."""
    context = comments if context is None else context
    if comments.empty or Col.CREATED_AT not in comments:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in LATENCY_COLUMNS})
    parent_row = _parents(comments, context).to_numpy()
    own = time_keys(comments[Col.CREATED_AT])
    context_times = time_keys(context[Col.CREATED_AT])
    parent_time = np.where(parent_row >= 0, context_times[np.maximum(parent_row, 0)], np.nan)
    known = ~np.isnan(own) & ~np.isnan(parent_time)
    latency = (own - parent_time)[known]
    parents = context[Col.COMMENT_ID].astype(str).to_numpy(dtype=object)[parent_row[known]]
    articles = comments[Col.ARTICLE_ID].astype(str).to_numpy(dtype=object)[known]
    out = pd.DataFrame({
        LatencyCol.ARTICLE_ID: articles,
        LatencyCol.THREAD_ID: comments[Col.THREAD_ID].astype(str).to_numpy(dtype=object)[known]
        if Col.THREAD_ID in comments else "",
        LatencyCol.COMMENT_ID: comments[Col.COMMENT_ID].astype(str).to_numpy(dtype=object)[known],
        LatencyCol.PARENT_ID: parents,
        LatencyCol.DEPTH: pd.to_numeric(comments[Col.DEPTH], errors="coerce").to_numpy()[known]
        if Col.DEPTH in comments else np.nan,
        LatencyCol.LATENCY_SECONDS: latency,
    })
    # The first reply of each parent among all its dated replies in the context.
    siblings = reply_times_by_parent(context, context_times)
    first = siblings.reindex(pd.MultiIndex.from_arrays([articles, parents]))
    out[LatencyCol.FIRST_REPLY] = own[known] == first.to_numpy(dtype=float)
    return out[LATENCY_COLUMNS]


def reply_times_by_parent(context: pd.DataFrame, times: np.ndarray) -> pd.Series:
    """Earliest reply time (epoch seconds) per (article, parent comment id)."""
    parent = context[Col.PARENT_ID].astype("string").fillna("").str.strip()
    frame = pd.DataFrame({"article": context[Col.ARTICLE_ID].astype(str).to_numpy(),
                          "parent": parent.astype(str).to_numpy(), "t": times})
    frame = frame[(frame["parent"] != "") & ~np.isnan(frame["t"])]
    return frame.groupby(["article", "parent"])["t"].min()


def latency_summary(latency: pd.DataFrame) -> pd.DataFrame:
    """Quartiles of :func:`reply_latency` (schema.LatencySummaryCol): one row for the time to
    first reply and one per reply depth (how fast replies come further down the chains).
    Replies stamped before their parent are counted in ``stamped_before_parent`` and left out
    of ``replies`` and the quartiles (NaN where no other reply is left)."""
    if latency.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in LATENCY_SUMMARY_COLUMNS})
    rows = []
    firsts = latency[latency[LatencyCol.FIRST_REPLY].astype(bool)]
    groups = [("first reply", None, firsts[LatencyCol.LATENCY_SECONDS])]
    for depth, part in latency.groupby(LatencyCol.DEPTH, sort=True):
        groups.append(("reply", int(depth), part[LatencyCol.LATENCY_SECONDS]))
    for kind, depth, values in groups:
        if values.empty:
            continue
        seconds = values.to_numpy(dtype=float)
        ordered = seconds[seconds >= 0]
        q1, median, q3 = (np.quantile(ordered, [0.25, 0.5, 0.75]) if len(ordered)
                          else (np.nan, np.nan, np.nan))
        rows.append({LatencySummaryCol.KIND: kind, LatencySummaryCol.DEPTH: depth,
                     LatencySummaryCol.REPLIES: len(ordered),
                     LatencySummaryCol.QUARTILE1_SECONDS: q1,
                     LatencySummaryCol.MEDIAN_SECONDS: median,
                     LatencySummaryCol.QUARTILE3_SECONDS: q3,
                     LatencySummaryCol.STAMPED_BEFORE_PARENT: len(seconds) - len(ordered)})
    return pd.DataFrame(rows, columns=LATENCY_SUMMARY_COLUMNS)


def replies_stamped_before_parent(summary: pd.DataFrame) -> int:
    """How many replies of a :func:`latency_summary` are stamped before their parent."""
    if summary.empty:
        return 0
    # Each reply stands once among the per-depth rows; the first-reply row repeats some.
    per_depth = summary[summary[LatencySummaryCol.KIND] == "reply"]
    return int(per_depth[LatencySummaryCol.STAMPED_BEFORE_PARENT].sum())


def thread_turns(comments: pd.DataFrame, context: pd.DataFrame | None = None) -> pd.DataFrame:
    """When each thread turned (schema.TurnCol), one row per thread of ``comments``, measured
    over the whole thread in ``context`` (default: ``comments``): its first comment's time, the
    first uncivil (level >= 1) and first hostile (level 2) comment's time, the seconds from the
    start to each, and how many comments came before the first uncivil one (in time order).
    Threads without a dated comment are left out; times missing where a thread never turned."""
    from analysis.metrics import level_flags

    context = comments if context is None else context
    if comments.empty or Col.THREAD_ID not in comments:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TURN_COLUMNS})
    shown = set(zip(comments[Col.ARTICLE_ID].astype(str).tolist(),
                    comments[Col.THREAD_ID].astype(str).tolist(), strict=True))
    dated = _dated(context)
    keys = list(zip(dated[Col.ARTICLE_ID].astype(str).tolist(),
                    dated[Col.THREAD_ID].astype(str).tolist(), strict=True))
    dated = dated[[key in shown for key in keys]]
    if dated.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TURN_COLUMNS})
    uncivil, hostile = level_flags(dated)
    work = pd.DataFrame({
        "article": dated[Col.ARTICLE_ID].astype(str).to_numpy(),
        "thread": dated[Col.THREAD_ID].astype(str).to_numpy(),
        "t": dated["_t"].to_numpy(), "s": dated["_s"].to_numpy(dtype=float),
        "uncivil": uncivil == 1.0, "hostile": hostile == 1.0,
    }).sort_values(["article", "thread", "s"], kind="stable")
    work["rank"] = work.groupby(["article", "thread"], sort=False).cumcount()
    grouped = work.groupby(["article", "thread"], sort=False)
    start = grouped["t"].min()
    first_uncivil = work[work["uncivil"]].groupby(["article", "thread"])["t"].min()
    first_hostile = work[work["hostile"]].groupby(["article", "thread"])["t"].min()
    before = work[work["uncivil"]].groupby(["article", "thread"])["rank"].min()
    out = pd.DataFrame({
        TurnCol.STARTED_AT: start,
        TurnCol.COMMENTS: grouped.size(),
        TurnCol.FIRST_UNCIVIL_AT: first_uncivil.reindex(start.index),
        TurnCol.FIRST_HOSTILE_AT: first_hostile.reindex(start.index),
        TurnCol.COMMENTS_BEFORE_UNCIVIL: before.reindex(start.index).astype("Int64"),
    })
    out[TurnCol.SECONDS_TO_UNCIVIL] = (out[TurnCol.FIRST_UNCIVIL_AT] - start) \
        / pd.Timedelta(seconds=1)
    out[TurnCol.SECONDS_TO_HOSTILE] = (out[TurnCol.FIRST_HOSTILE_AT] - start) \
        / pd.Timedelta(seconds=1)
    out.index = out.index.set_names([TurnCol.ARTICLE_ID, TurnCol.THREAD_ID])
    out = out.reset_index().sort_values(TurnCol.STARTED_AT, kind="stable")
    return out[TURN_COLUMNS].reset_index(drop=True)


def duration_words(seconds: float) -> str:
    """A duration as a reader says it: "45 s", "12 min", "3.5 h", "2.0 days"; "" when
    missing."""
    if seconds != seconds or seconds is None:
        return ""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    if seconds < 90:
        return f"{sign}{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{sign}{seconds / 60:.0f} min"
    if seconds < 36 * 3600:
        return f"{sign}{seconds / 3600:.1f} h"
    return f"{sign}{seconds / 86_400:.1f} days"


def article_activity(comments: pd.DataFrame, article: str) -> pd.DataFrame:
    """:func:`activity` of one article's comments."""
    return activity(comments[comments[Col.ARTICLE_ID].astype(str) == article])


def dated_comments_by_article(comments: pd.DataFrame) -> pd.Series:
    """Comments with a time per article, most first (articles without one left out)."""
    dated = _dated(comments)
    return dated[Col.ARTICLE_ID].astype(str).value_counts(sort=True)


def latency_overview(comments: pd.DataFrame, context: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """:func:`latency_summary` of the comments' :func:`reply_latency`."""
    return latency_summary(reply_latency(comments, context))


def thread_turn_view(comments: pd.DataFrame, context: pd.DataFrame | None = None
                     ) -> pd.DataFrame:
    """:func:`thread_turns` with the times to turn in words (TurnCol.TIME_TO_UNCIVIL and
    TIME_TO_HOSTILE: "12 min", "" when the thread never turned), threads that turned first
    (soonest first), then the others by start."""
    turns = thread_turns(comments, context)
    never = turns[TurnCol.SECONDS_TO_UNCIVIL].isna()
    turns = pd.concat([turns[~never].sort_values(TurnCol.SECONDS_TO_UNCIVIL, kind="stable"),
                       turns[never]], ignore_index=True)
    return turns.assign(**{
        TurnCol.TIME_TO_UNCIVIL: turns[TurnCol.SECONDS_TO_UNCIVIL].map(duration_words),
        TurnCol.TIME_TO_HOSTILE: turns[TurnCol.SECONDS_TO_HOSTILE].map(duration_words),
    })
