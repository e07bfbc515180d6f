"""The dashboard's one set of comment filters, as plain data: apply them, and carry them in a URL.

:class:`Filters` holds what the sidebar asks for; :func:`apply_filters` keeps the matching rows of
a per-comment table; :func:`filters_to_params` / :func:`filters_from_params` turn filters into
query parameters and back, so a filtered view can be shared as a link. Parsing a link never
raises: a value that does not parse is dropped, and the rest still applies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.schema import LIST_SEPARATOR, Col
from analysis.timeline import ISO_UTC, normalise_timestamp, parse_times

SENTIMENT_RANGE: tuple[float, float] = (-1.0, 1.0)
"""VADER compound bounds: a sentiment filter spanning them keeps every comment."""
LEVEL_NAMES: dict[int, str] = {0: "civil", 1: "uncivil", 2: "hostile"}


class Param:
    """Query-parameter names of a shared view."""

    ARTICLE = "article"  # repeated: one per article id
    TOPIC = "topic"  # repeated: topic ids
    LEVEL = "level"  # repeated: 0, 1, 2
    MARKER = "marker"  # repeated: marker names
    SENTIMENT_MIN = "sentiment_min"
    SENTIMENT_MAX = "sentiment_max"
    THREAD = "thread"
    DEPTH_MIN = "depth_min"
    DEPTH_MAX = "depth_max"
    SEARCH = "q"
    PARTICIPANT = "participant"  # repeated: participant names (pseudonyms when pseudonymised)
    WITH_REPLIES = "with_replies"  # "1": also the replies the participants received
    TIME_FROM = "from"  # ISO 8601 UTC, inclusive
    TIME_TO = "to"


PARAMS: tuple[str, ...] = (
    Param.ARTICLE, Param.TOPIC, Param.LEVEL, Param.MARKER, Param.SENTIMENT_MIN,
    Param.SENTIMENT_MAX, Param.THREAD, Param.DEPTH_MIN, Param.DEPTH_MAX, Param.SEARCH,
    Param.PARTICIPANT, Param.WITH_REPLIES, Param.TIME_FROM, Param.TIME_TO,
)


@dataclass(frozen=True)
class Filters:
    """Which comments to keep. Empty tuples and ``None`` mean "no condition"; conditions combine
    with AND, the values inside one condition with OR."""

    articles: tuple[str, ...] = ()  # Col.ARTICLE_ID values
    topics: tuple[int, ...] = ()  # Col.TOPIC_ID values
    levels: tuple[int, ...] = ()  # Col.HOSTILITY_LEVEL values, 0-2
    markers: tuple[str, ...] = ()  # a comment matches when any of these fired in it
    sentiment: tuple[float, float] = field(default=SENTIMENT_RANGE)  # inclusive, in [-1, 1]
    thread: str | None = None  # Col.THREAD_ID
    depth: tuple[int, int] | None = None  # inclusive Col.DEPTH range
    search: str = ""  # case-insensitive substring of the text or author
    participants: tuple[str, ...] = ()  # their comments (authors trimmed, as people.py names)
    with_replies: bool = False  # with participants: also the replies written to them
    time_range: tuple[str, str] | None = None  # inclusive ISO 8601 UTC bounds of created_at

    def is_empty(self) -> bool:
        """True when the filters keep every comment."""
        return self == Filters()


def _sentiment_is_full(bounds: tuple[float, float]) -> bool:
    return bounds[0] <= SENTIMENT_RANGE[0] and bounds[1] >= SENTIMENT_RANGE[1]


def marker_sets(markers: pd.Series) -> tuple[np.ndarray, list[frozenset[str]]]:
    """Each ``Col.HOSTILITY_MARKERS`` cell as a code into a list of distinct marker sets.

    A corpus holds few distinct combinations of markers, so each is split once (on 100k
    comments a split per row was most of a filter click).
    """
    codes, cells = pd.factorize(markers.astype("string").fillna(""), sort=False)
    return codes, [frozenset(m for m in str(cell).split(LIST_SEPARATOR) if m) for cell in cells]


def filter_mask(comments: pd.DataFrame, filters: Filters) -> pd.Series:
    """Boolean Series, aligned to ``comments``, True where a row passes every condition.

    Reads Col.ARTICLE_ID, TOPIC_ID, HOSTILITY_LEVEL, HOSTILITY_MARKERS, SENTIMENT, THREAD_ID,
    DEPTH, TEXT and AUTHOR, each only when its condition is set.
    """
    mask = pd.Series(True, index=comments.index)
    if filters.articles:
        mask &= comments[Col.ARTICLE_ID].astype(str).isin(filters.articles)
    if filters.topics:
        mask &= pd.to_numeric(comments[Col.TOPIC_ID], errors="coerce").isin(filters.topics)
    if filters.levels:
        mask &= pd.to_numeric(comments[Col.HOSTILITY_LEVEL], errors="coerce").isin(filters.levels)
    if filters.markers:
        wanted = frozenset(filters.markers)
        codes, distinct = marker_sets(comments[Col.HOSTILITY_MARKERS])
        mask &= np.array([bool(fired & wanted) for fired in distinct], dtype=bool)[codes]
    if not _sentiment_is_full(filters.sentiment):
        low, high = filters.sentiment
        mask &= pd.to_numeric(comments[Col.SENTIMENT], errors="coerce").between(low, high) \
            .fillna(False).astype(bool)
    if filters.thread:
        mask &= comments[Col.THREAD_ID].astype(str) == filters.thread
    if filters.depth is not None:
        low, high = filters.depth
        mask &= pd.to_numeric(comments[Col.DEPTH], errors="coerce").between(low, high) \
            .fillna(False).astype(bool)
    if filters.search.strip():
        needle = filters.search.strip()
        in_text = comments[Col.TEXT].astype("string").fillna("").str.contains(
            needle, case=False, regex=False)
        hit = in_text
        if Col.AUTHOR in comments:
            hit = hit | comments[Col.AUTHOR].astype("string").fillna("").str.contains(
                needle, case=False, regex=False)
        mask &= hit.fillna(False).astype(bool)
    if filters.participants:
        mask &= participant_mask(comments, filters.participants, filters.with_replies)
    if filters.time_range is not None:
        low, high = (pd.Timestamp(bound) for bound in filters.time_range)
        times = parse_times(comments[Col.CREATED_AT]) if Col.CREATED_AT in comments else \
            pd.Series(pd.NaT, index=comments.index, dtype="datetime64[ns, UTC]")
        mask &= times.between(low, high).fillna(False).astype(bool).to_numpy()
    return mask.astype(bool)


def participant_mask(comments: pd.DataFrame, participants: Iterable[str],
                     with_replies: bool = False) -> pd.Series:
    """True for the comments of ``participants`` and, ``with_replies``, for the replies other
    people wrote to them (any reply link in ``comments``, given or inferred)."""
    from analysis.people import parent_authors, participant_names

    wanted = set(participants)
    if Col.AUTHOR not in comments:
        return pd.Series(False, index=comments.index)
    hit = participant_names(comments[Col.AUTHOR]).isin(wanted)
    if with_replies:
        hit |= parent_authors(comments).isin(wanted)
    return hit.astype(bool)


def apply_filters(comments: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of ``comments`` that pass ``filters``, in their original order (a new frame)."""
    return comments.loc[filter_mask(comments, filters)].copy()


def _number(value: float) -> str:
    return f"{value:g}"


def filters_to_params(filters: Filters) -> dict[str, list[str]]:
    """Query parameters for ``filters``: only conditions that are set, every value a string
    list (repeated parameters). The inverse of :func:`filters_from_params`."""
    params: dict[str, list[str]] = {}
    if filters.articles:
        params[Param.ARTICLE] = list(filters.articles)
    if filters.topics:
        params[Param.TOPIC] = [str(t) for t in filters.topics]
    if filters.levels:
        params[Param.LEVEL] = [str(level) for level in filters.levels]
    if filters.markers:
        params[Param.MARKER] = list(filters.markers)
    if not _sentiment_is_full(filters.sentiment):
        params[Param.SENTIMENT_MIN] = [_number(filters.sentiment[0])]
        params[Param.SENTIMENT_MAX] = [_number(filters.sentiment[1])]
    if filters.thread:
        params[Param.THREAD] = [filters.thread]
    if filters.depth is not None:
        params[Param.DEPTH_MIN] = [str(filters.depth[0])]
        params[Param.DEPTH_MAX] = [str(filters.depth[1])]
    if filters.search.strip():
        params[Param.SEARCH] = [filters.search.strip()]
    if filters.participants:
        params[Param.PARTICIPANT] = list(filters.participants)
        if filters.with_replies:
            params[Param.WITH_REPLIES] = ["1"]
    if filters.time_range is not None:
        params[Param.TIME_FROM] = [filters.time_range[0]]
        params[Param.TIME_TO] = [filters.time_range[1]]
    return params


def _values(params: Mapping[str, str | Iterable[str]], key: str) -> list[str]:
    value = params.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _first(params: Mapping[str, str | Iterable[str]], key: str) -> str | None:
    values = _values(params, key)
    return values[0] if values else None


def _ints(values: Iterable[str]) -> tuple[int, ...]:
    out = []
    for value in values:
        try:
            out.append(int(value))
        except ValueError:
            continue
    return tuple(dict.fromkeys(out))


def _float_or(value: str | None, default: float) -> float:
    try:
        number = float(value) if value is not None else default
    except ValueError:
        return default
    return number if number == number else default  # NaN -> default


def filters_from_params(params: Mapping[str, str | Iterable[str]]) -> Filters:
    """Filters from query parameters (a value or a list of values per key). Unknown keys and
    values that do not parse are ignored; ranges are clipped and put in order."""
    low = min(max(_float_or(_first(params, Param.SENTIMENT_MIN), -1.0), -1.0), 1.0)
    high = min(max(_float_or(_first(params, Param.SENTIMENT_MAX), 1.0), -1.0), 1.0)
    depth = None
    # A negative depth is no depth at all: ignored like any value that does not parse.
    depth_min = [d for d in _ints([_first(params, Param.DEPTH_MIN) or ""]) if d >= 0]
    depth_max = [d for d in _ints([_first(params, Param.DEPTH_MAX) or ""]) if d >= 0]
    if depth_min or depth_max:
        d_low = depth_min[0] if depth_min else 0
        d_high = depth_max[0] if depth_max else 10**9
        depth = (min(d_low, d_high), max(d_low, d_high))
    return Filters(
        articles=tuple(dict.fromkeys(v for v in _values(params, Param.ARTICLE) if v)),
        topics=_ints(_values(params, Param.TOPIC)),
        levels=tuple(level for level in _ints(_values(params, Param.LEVEL))
                     if level in LEVEL_NAMES),
        markers=tuple(dict.fromkeys(v for v in _values(params, Param.MARKER) if v)),
        sentiment=(min(low, high), max(low, high)),
        thread=_first(params, Param.THREAD) or None,
        depth=depth,
        search=(_first(params, Param.SEARCH) or "").strip(),
        participants=tuple(dict.fromkeys(v for v in _values(params, Param.PARTICIPANT) if v)),
        with_replies=_first(params, Param.WITH_REPLIES) == "1" and bool(
            _values(params, Param.PARTICIPANT)),
        time_range=_time_range(_first(params, Param.TIME_FROM), _first(params, Param.TIME_TO)),
    )


def unread_params(params: Mapping[str, str | Iterable[str]]) -> list[str]:
    """The ``key=value`` pairs of a shared view's parameters that :func:`filters_from_params`
    ignores because the value does not parse (``level=7``, ``sentiment_min=low``,
    ``from=yesterday``), in parameter order; unknown keys are not the filters' business."""
    def number(value: str, kind: type) -> bool:
        try:
            parsed = kind(value)
        except ValueError:
            return False
        return parsed == parsed  # NaN is no number

    unread = []
    for value in _values(params, Param.LEVEL):
        if not number(value, int) or int(value) not in LEVEL_NAMES:
            unread.append(f"{Param.LEVEL}={value}")
    unread += [f"{Param.TOPIC}={v}" for v in _values(params, Param.TOPIC) if not number(v, int)]
    for key in (Param.SENTIMENT_MIN, Param.SENTIMENT_MAX):
        unread += [f"{key}={v}" for v in _values(params, key)[:1] if not number(v, float)]
    for key in (Param.DEPTH_MIN, Param.DEPTH_MAX):
        unread += [f"{key}={v}" for v in _values(params, key)[:1]
                   if not number(v, int) or int(v) < 0]
    low, high = _first(params, Param.TIME_FROM), _first(params, Param.TIME_TO)
    if (low is not None or high is not None) and _time_range(low, high) is None:
        unread += [f"{key}={value}" for key, value in ((Param.TIME_FROM, low),
                                                       (Param.TIME_TO, high))
                   if value is not None and _time_range(value, value) is None]
        if low is None or high is None:
            unread.append(f"{Param.TIME_FROM if low is not None else Param.TIME_TO}="
                          f"{low if low is not None else high} (without "
                          f"{Param.TIME_TO if low is not None else Param.TIME_FROM})")
    return unread


def utc_text(moment: pd.Timestamp) -> str:
    """An instant as ISO 8601 UTC to the second ("2016-10-14T01:24:05Z")."""
    moment = pd.Timestamp(moment)
    moment = moment.tz_localize("UTC") if moment.tzinfo is None else moment.tz_convert("UTC")
    return moment.strftime(ISO_UTC)


def _time_range(low: str | None, high: str | None) -> tuple[str, str] | None:
    """Both bounds as ISO 8601 UTC, in order, or None when either is missing or no date."""
    bounds = []
    for value in (low, high):
        try:
            moment = pd.Timestamp(normalise_timestamp(value or ""))
        except (ValueError, TypeError, OverflowError):
            return None
        if moment is pd.NaT:
            return None
        bounds.append(utc_text(moment))
    return (min(bounds), max(bounds))


@dataclass(frozen=True)
class FilterOptions:
    """What the filter widgets can offer for a comment table."""

    articles: tuple[str, ...]
    topics: dict[int, str]  # topic id -> label
    markers: tuple[str, ...]
    threads: tuple[str, ...]  # largest first
    max_depth: int
    participants: tuple[str, ...] = ()  # most comments first
    time_span: tuple[str, str] | None = None  # earliest and latest created_at, ISO 8601 UTC


def filter_options(comments: pd.DataFrame,
                   article_ids: Iterable[str] = ()) -> FilterOptions:
    """The distinct values each filter can take in ``comments``; ``article_ids`` adds articles
    that have no comment (they come first, in the order given)."""
    articles = tuple(dict.fromkeys([*map(str, article_ids),
                                    *comments.get(Col.ARTICLE_ID, pd.Series()).astype(str)]))
    if comments.empty:
        return FilterOptions(articles, {}, (), (), 0)
    participants = ()
    if Col.AUTHOR in comments:
        from analysis.people import participant_names

        names = participant_names(comments[Col.AUTHOR]).dropna()
        participants = tuple(names.value_counts(sort=True).index)
    time_span = None
    if Col.CREATED_AT in comments:
        times = parse_times(comments[Col.CREATED_AT]).dropna()
        if len(times):
            time_span = (utc_text(times.min()), utc_text(times.max()))
    topics = (comments[[Col.TOPIC_ID, Col.TOPIC_LABEL]].dropna(subset=[Col.TOPIC_ID])
              .drop_duplicates(Col.TOPIC_ID).sort_values(Col.TOPIC_ID))
    markers = sorted(set().union(*marker_sets(comments[Col.HOSTILITY_MARKERS])[1]))
    threads = comments[Col.THREAD_ID].dropna().astype(str).value_counts(sort=True)
    depth = pd.to_numeric(comments[Col.DEPTH], errors="coerce").max()
    return FilterOptions(
        articles=articles,
        topics={int(t): str(label) for t, label in
                zip(topics[Col.TOPIC_ID], topics[Col.TOPIC_LABEL], strict=True)},
        markers=tuple(markers),
        threads=tuple(threads.index),
        max_depth=int(depth) if pd.notna(depth) else 0,
        participants=participants,
        time_span=time_span,
    )


def clamp_filters(filters: Filters, options: FilterOptions) -> Filters:
    """``filters`` without values the current data does not have (e.g. after a new upload)."""
    depth = filters.depth
    if depth is not None:
        low = min(depth[0], options.max_depth)
        depth = (low, min(max(depth[1], low), options.max_depth))
    return Filters(
        articles=tuple(a for a in filters.articles if a in options.articles),
        topics=tuple(t for t in filters.topics if t in options.topics),
        levels=filters.levels,
        markers=tuple(m for m in filters.markers if m in options.markers),
        sentiment=filters.sentiment,
        thread=filters.thread if filters.thread in options.threads else None,
        depth=None if depth == (0, options.max_depth) else depth,
        search=filters.search,
        participants=(participants := tuple(p for p in filters.participants
                                            if p in set(options.participants))),
        with_replies=filters.with_replies and bool(participants),
        time_range=_clamped_time(filters.time_range, options.time_span),
    )


def _clamped_time(wanted: tuple[str, str] | None,
                  span: tuple[str, str] | None) -> tuple[str, str] | None:
    """A time range within the data's span; None when it covers the span, when it misses the
    span altogether (a range chosen on other data: cut to one end, it would keep the comments
    of one instant that nobody asked for) or when there is none. ISO 8601 UTC text of one form
    compares as the instants do."""
    if wanted is None or span is None:
        return None
    low, high = max(wanted[0], span[0]), min(wanted[1], span[1])
    if low > high:
        return None
    if low <= span[0] and high >= span[1]:
        return None
    return (low, high)
