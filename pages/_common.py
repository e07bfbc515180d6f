"""Shared page helpers: cached loaders, the data sidebar and the filter sidebar. Never
registered as a page.

Cached functions here are pure: no ``st.*`` calls inside them, no writes, no session state.

Filters: :func:`render_filter_sidebar` (called from app.py, so it renders on every page and its
widget state holds across pages) reads the URL's query parameters once per session into the
widgets' session state, then on every run turns the widgets into one
:class:`~analysis.filters.Filters` (kept in ``st.session_state[FILTERS_STATE]``) and writes it
back to the URL, so the address bar always holds a shareable link to the filtered view. Pages
call :func:`filtered_comments`.
"""

from __future__ import annotations

import hashlib
import queue
import re
import threading
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from analysis.cache import cache_key, load_or_analyse
from analysis.cli_warnings import warning_lines
from analysis.corrections import (
    Corrected,
    Correction,
    Problem,
    apply_corrections,
    check_corrections,
)
from analysis.export import safe_csv_bytes
from analysis.filters import (
    LEVEL_NAMES,
    PARAMS,
    SENTIMENT_RANGE,
    FilterOptions,
    Filters,
    clamp_filters,
    filter_options,
    filters_from_params,
    filters_to_params,
    unread_params,
    utc_text,
)
from analysis.filters import apply_filters as _apply_filters
from analysis.metrics import link_summary
from analysis.people import People, network_bytes, people_tables, reply_network_layout
from analysis.pipeline import Analysis
from analysis.pseudonyms import (
    key_from_text,
    pseudonymise_articles,
    pseudonymise_comments,
    pseudonymise_text,
    random_key,
)
from analysis.readers import (
    ARCHIVE_SUFFIXES,
    CHAT_LOG_SUFFIX,
    PAGE_SUFFIXES,
    STRUCTURED_SUFFIXES,
    TWITTER_ARCHIVE_SUFFIX,
    SourceError,
    seed_paths,
    unpack_archives,
)
from analysis.schema import ALL_COMMENT_COLUMNS, COMMENT_COLUMNS, ArticleCol, Col
from analysis.stages import Progress, ProgressBoard
from analysis.threads import READING_NAMES, Reading, known_links, reply_pairs
from analysis.timeline import (
    dated_comments_by_article,
    latency_overview,
    thread_turn_view,
    zoneless_times,
)
from analysis.topics import summarise_topics, topic_name
from analysis.views import (
    article_labels,
    chains,
    counted,
    counted_of,
    escalating_threads,
    first_rows,
    largest_level_counts,
    level_counts,
    marker_counts,
    marker_label,
    most_hostile,
    shown_threads,
    thread_names,
)
from pages import _charts as charts
from pages import _corrections as corrections

T = TypeVar("T")
UPLOAD_KEY = "data.upload"
TOPICS_KEY = "data.topics"  # number of topics; 0 lets the topic model choose from the data
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'@/])")
# Every suffix the readers name; the command line also reads other text files as pages.
UPLOAD_TYPES = [suffix.lstrip(".") for suffix in (*PAGE_SUFFIXES, *STRUCTURED_SUFFIXES,
                                                   CHAT_LOG_SUFFIX, TWITTER_ARCHIVE_SUFFIX,
                                                   *ARCHIVE_SUFFIXES)]

FILTERS_STATE = "filters.value"  # the Filters the sidebar currently asks for
_FROM_URL = "filters.from_url"  # set once the URL's filters were read into the widgets
_DIGEST_STATE = "data.digest"  # (identity of the active files, their content digest)
# Files of the current upload that could not be read: (identity, ((name, SourceError), ...)).
_UNREADABLE_STATE = "data.unreadable"
# The uploads with each ZIP archive unpacked: (identity of the uploads, (files, skipped members)).
_UNPACKED_STATE = "data.unpacked"
_URL_DROPPED = "filters.url_dropped"  # what the opening link asked for that the data lacks
_URL_UNREAD = "filters.url_unread"  # the opening link's filter values that do not parse
_ENTRY_RAN = "app.entry_ran"  # set by app.py: this session's pages run through st.navigation
PSEUDONYMISE_KEY = "data.pseudonymise"  # the sidebar switch
PSEUDONYM_KEY_KEY = "data.pseudonym_key"  # the key the user typed ("" for a random one)
_RANDOM_KEY_STATE = "data.random_pseudonym_key"  # this session's random key
_PENDING_PARTICIPANTS = "filters.pending_participants"  # a page's click, applied next run
_CLEARED_ON_APPLY = "filters.cleared_on_apply"  # widget keys of the clicked selection
READING_KEY = "threads.reading"  # the Threads page's switch between readings (a widget)
# What the switch holds, kept while another page shows (Streamlit drops the state of a widget
# a run does not draw) and written to the URL on every page.
_READING_STATE = "threads.reading_value"
READING_PARAM = "reading"


class FilterKey:
    """Widget keys of the filter sidebar."""

    ARTICLE = "filters.article"
    TOPIC = "filters.topic"
    LEVEL = "filters.level"
    MARKER = "filters.marker"
    SENTIMENT = "filters.sentiment"
    THREAD = "filters.thread"
    DEPTH = "filters.depth"
    SEARCH = "filters.search"
    PARTICIPANT = "filters.participant"
    WITH_REPLIES = "filters.with_replies"
    TIME = "filters.time"
    RESET = "filters.reset"


ALL_THREADS = ""
_THREAD_CHOICES = 500  # largest threads offered in the thread picker (plus the selected one)
_PARTICIPANT_CHOICES = 500  # most active participants offered in the participant picker


@st.cache_data(show_spinner=False)
def read_seed_files() -> tuple[tuple[str, bytes], ...]:
    return tuple((path.name, path.read_bytes()) for path in seed_paths())


# st.cache_resource hands back the very object it holds (st.cache_data unpickles a copy of a
# 100k-row Analysis on every call) and is keyed by a digest of the files, computed once per
# session (hashing the file bytes on every rerun costs as much as the page). Nothing in
# `analysis` or the pages changes a frame it is given, so sharing the objects is safe.
@st.cache_resource(show_spinner=False, max_entries=4)
def load_analysis(digest: str, _files: tuple[tuple[str, bytes], ...],
                  n_topics: int | None = None, _progress: Progress | None = None) -> Analysis:
    # Memoised per server process here; across sessions and restarts by the Parquet cache.
    # ``_progress`` (not part of the key) only hears the stages: it calls no st.* element.
    return load_or_analyse(_files, n_topics=n_topics, progress=_progress)


STATUS_AFTER_S = 0.3
"""An analysis that takes longer than this (not a cached one) shows its stages as they run."""


def _load_with_status(digest: str, files: tuple[tuple[str, bytes], ...],
                      n_topics: int | None) -> Analysis:
    """load_analysis, with its stages shown while they run: st.status with the stage names, a
    progress bar and what is left. The cached function runs on a helper thread and only puts
    its StageEvents on a queue; this script thread draws them. (An element updated from inside
    a cached function would be replayed by Streamlit on every later cache hit, onto a block
    that no longer exists.)"""
    events: queue.SimpleQueue = queue.SimpleQueue()
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["result"] = load_analysis(digest, files, n_topics, _progress=events.put)
        except BaseException as err:  # handed to the script thread, which raises it
            outcome["error"] = err

    worker = threading.Thread(target=run, name="commentscope-analysis", daemon=True)
    worker.start()
    worker.join(STATUS_AFTER_S)
    if worker.is_alive():
        _show_stages(worker, events)
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _show_stages(worker: threading.Thread, events: queue.SimpleQueue) -> None:
    board = ProgressBoard()
    with st.status("Analysing comments…", expanded=True) as status:
        bar = st.progress(0.0, text="Starting")
        stages = st.empty()
        while worker.is_alive() or not events.empty():
            try:
                board.update(events.get(timeout=0.1))
            except queue.Empty:
                continue
            bar.progress(min(board.fraction(), 1.0), text=board.running_text() or "…")
            stages.text(board.summary())
        done = board.done()
        status.update(label=f"Analysed: {', '.join(done)}" if done else "Loaded",
                      state="complete", expanded=False)


def _uploads() -> tuple[list, list]:
    """The uploaded files as (sources, corrections files)."""
    return corrections.split_uploads(st.session_state.get(UPLOAD_KEY) or [])


def active_files() -> tuple[tuple[str, bytes], ...]:
    """The user's uploaded sources when there are any (they replace the seeds for the
    session); an uploaded corrections file is no source."""
    uploads = _uploads()[0]
    if uploads:
        return _unpacked_uploads(uploads)[0]
    return read_seed_files()


def skipped_members() -> tuple[tuple[str, str, str], ...]:
    """The members of the uploaded ZIP archives that are not read: (archive, member, why)."""
    uploads = _uploads()[0]
    return _unpacked_uploads(uploads)[1] if uploads else ()


def _unpacked_uploads(uploads: list) -> tuple[tuple, tuple]:
    # Unpacked once per set of uploads, not on every rerun: an archive may hold thousands of
    # members.
    identity = tuple((u.name, u.file_id, u.size) for u in uploads)
    memo = st.session_state.get(_UNPACKED_STATE)
    if not memo or memo[0] != identity:
        files, skipped = unpack_archives([(upload.name, upload.getvalue()) for upload in uploads])
        memo = (identity, (tuple(files), tuple(skipped)))
        st.session_state[_UNPACKED_STATE] = memo
    return memo[1]


def _files_identity() -> tuple:
    uploads = _uploads()[0]
    return (tuple((u.name, u.file_id, u.size) for u in uploads) or ("seeds",), topic_count())


def unreadable_files() -> tuple[tuple[str, SourceError], ...]:
    """The active files set aside because they cannot be read, with their errors."""
    memo = st.session_state.get(_UNREADABLE_STATE)
    return memo[1] if memo and memo[0] == _files_identity() else ()


def readable_files() -> tuple[tuple[str, bytes], ...]:
    """The active files, less those set aside as unreadable."""
    skipped = {name for name, _ in unreadable_files()}
    return tuple(f for f in active_files() if f[0] not in skipped)


def _set_aside(error: SourceError) -> bool:
    """Set aside the file an error names, when other files remain to analyse."""
    files = readable_files()
    named = [name for name, _ in files if name == error.path or Path(error.path).name == name]
    if not named or len(files) <= 1:
        return False
    st.session_state[_UNREADABLE_STATE] = (_files_identity(),
                                           (*unreadable_files(), (named[0], error)))
    return True


def data_digest() -> str:
    """The key of every cached table: the corrected sources' digest (:func:`corrected_digest`),
    and when authors are pseudonymised, a fingerprint of the key (the tables then hold
    pseudonyms)."""
    key = pseudonym_key()
    return corrected_digest() if key is None else f"{corrected_digest()}:p{_fingerprint(key)}"


def corrected_digest() -> str:
    """:func:`source_digest`, and a digest of the corrections applied to the sources when there
    are any: the key of the corrected analysis."""
    key = corrections.applied_rows(source_hashes())[1]
    return f"{source_digest()}+{key}" if key else source_digest()


def source_hashes() -> dict[str, str]:
    """Name -> content hash of each readable active file (the key of its saved corrections),
    hashed once per set of files."""
    identity = (_files_identity(), tuple(name for name, _ in unreadable_files()))
    memo = st.session_state.get(corrections.HASHES_STATE)
    if memo is not None and memo[0] == identity:
        return memo[1]  # without reading the files again
    return corrections.content_hashes(readable_files(), identity)


def _fingerprint(key: bytes) -> str:
    return hashlib.sha256(b"commentscope pseudonym key\0" + key).hexdigest()[:16]


def pseudonym_key() -> bytes | None:
    """The key pseudonyms are made with, or None when authors are shown by name. Without a key
    typed in the sidebar, a random key made once per session: pseudonyms stay the same while
    the session lasts, and no other session can reproduce them."""
    state = st.session_state
    if not state.get(PSEUDONYMISE_KEY):
        return None
    typed = str(state.get(PSEUDONYM_KEY_KEY) or "")
    if typed:
        return key_from_text(typed)
    if _RANDOM_KEY_STATE not in state:
        state[_RANDOM_KEY_STATE] = random_key()
    return state[_RANDOM_KEY_STATE]


def source_digest() -> str:
    """A content digest of the readable active files. Hashed once per session, set of uploads
    (an upload is identified by its name, file id and size) and set of unreadable files."""
    identity = (_files_identity(), tuple(name for name, _ in unreadable_files()))
    memo = st.session_state.get(_DIGEST_STATE)
    if memo is None or memo[0] != identity:
        memo = (identity, cache_key(readable_files(), n_topics=topic_count()))
        st.session_state[_DIGEST_STATE] = memo
    return memo[1]


def topic_count() -> int | None:
    """The number of topics the user asked for, or None to let the data choose."""
    return int(st.session_state.get(TOPICS_KEY) or 0) or None


def render_data_sidebar() -> None:
    with st.sidebar:
        st.file_uploader("Your own sources", type=UPLOAD_TYPES, accept_multiple_files=True,
                         key=UPLOAD_KEY,
                         help="A scraped page (.txt: article, a gap, then one comment per line) "
                              "or an export (.csv/.json/.jsonl with id, parent id, author, time, "
                              "text; a Disqus or WordPress .xml export; a Chatterino .log), "
                              "also compressed (.gz, "
                              ".bz2, .xz) or several in a .zip. Replaces the seed articles for "
                              "this session.")
        st.number_input("Number of topics", min_value=0, max_value=60, value=0, step=1,
                        key=TOPICS_KEY,
                        help="0 lets commentscope choose the number from the data.")
        st.toggle("Pseudonymise authors", key=PSEUDONYMISE_KEY, on_change=_pseudonyms_switched,
                  help="Replaces every author name by a pseudonym such as P-3f9a2c (a keyed "
                       "hash) in every table, chart, filter, link and download, and wherever "
                       "a name stands in a comment's text.")
        if st.session_state.get(PSEUDONYMISE_KEY):
            st.text_input("Pseudonym key", key=PSEUDONYM_KEY_KEY, type="password",
                          on_change=_pseudonyms_switched,
                          help="The same key gives the same pseudonyms in every session and "
                               "on the command line (--pseudonym-key). Empty: a random key "
                               "for this session only.")
        corrections.render_sidebar(source_hashes(), _uploads()[1])


def _pseudonyms_switched() -> None:
    """The participant filter and the search follow the names shown: a name chosen or typed
    before the switch becomes its pseudonym (so none stays in the link), a pseudonym chosen
    with another key is dropped."""
    state = st.session_state
    if not state.get(PSEUDONYMISE_KEY):
        state[FilterKey.PARTICIPANT] = []
        return
    try:
        mapping = load_pseudonymised(corrected_digest(), _fingerprint(pseudonym_key()),
                                     pseudonym_key(), _corrected_analysis())[1]
    except SourceError:
        return
    state[FilterKey.PARTICIPANT] = [mapping[p] for p in state.get(FilterKey.PARTICIPANT, [])
                                    if p in mapping]
    if state.get(FilterKey.SEARCH):
        state[FilterKey.SEARCH] = pseudonymise_text(state[FilterKey.SEARCH], mapping)


@st.cache_resource(show_spinner="Pseudonymising authors…", max_entries=4)
def load_pseudonymised(digest: str, key_fingerprint: str, _key: bytes, _result: Analysis
                       ) -> tuple[Analysis, dict[str, str]]:
    comments, mapping = pseudonymise_comments(_result.comments, _key)
    articles = pseudonymise_articles(_result.articles, mapping)
    return replace(_result, comments=comments, articles=articles), mapping


def escape_markdown(text: str) -> str:
    """Untrusted text made inert for Streamlit's Markdown: every punctuation mark that can start
    a link, image, HTML tag, autolink, emoji or colour directive is backslash-escaped, and line
    breaks are kept as breaks. Prefer ``st.text`` and dataframes; use this where a widget only
    takes Markdown (error boxes, labels)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


@st.cache_resource(show_spinner=False, max_entries=8)
def load_filter_options(digest: str, _result: Analysis) -> FilterOptions:
    return filter_options(_result.comments, _result.articles[ArticleCol.ARTICLE_ID])


@st.cache_resource(show_spinner=False, max_entries=8)
def load_article_labels(digest: str, _result: Analysis) -> dict[str, str]:
    return article_labels(_result.articles)


@st.cache_resource(show_spinner=False, max_entries=8)
def load_thread_names(digest: str, _result: Analysis) -> dict[str, str]:
    # Over the whole table: a thread keeps its one name whatever the filters hide.
    return thread_names(_result.comments)


@st.cache_resource(show_spinner=False, max_entries=8)
def load_filtered(digest: str, filters: Filters, _result: Analysis) -> pd.DataFrame:
    return _apply_filters(_result.comments, filters)


@st.cache_resource(show_spinner=False, max_entries=4)
def load_reading(digest: str, reading: str, _result: Analysis) -> Analysis:
    return _result.reading(reading)


@st.cache_resource(show_spinner=False, max_entries=4)
def load_has_inferred_links(digest: str, _result: Analysis) -> bool:
    return not known_links(_result.comments).all()


@st.cache_resource(show_spinner=False, max_entries=8)
def load_reading_filtered(digest: str, filters: Filters, _comments: pd.DataFrame,
                          _kept: pd.Index) -> pd.DataFrame:
    return _comments.loc[_kept]


VIEWS_BUILT: Counter[str] = Counter()
"""How often each view was computed in this process (its cache missed), by view name."""


@st.cache_resource(show_spinner=False, max_entries=256)
def _load_view(digest: str, filters: Filters, name: str, args: tuple, _build: Callable,
               _comments: pd.DataFrame, _fixed: dict) -> object:
    VIEWS_BUILT[name] += 1
    return _build(_comments, *args, **_fixed)


def filtered_view(build: Callable[..., T], *args: Hashable, **fixed: object) -> T:
    """``build(filtered comments, *args, **fixed)``, computed once per data digest, filters,
    ``build`` and ``args``, then shared (the result must not be changed). ``fixed`` are values
    determined by the data alone (article titles, the articles table): not part of the key."""
    return reading_view(Reading.INFERRED, build, *args, **fixed)


def reading_view(reading: str, build: Callable[..., T], *args: Hashable,
                 **fixed: object) -> T:
    """:func:`filtered_view` over the filtered comments as ``reading`` links them
    (:func:`reading_comments`)."""
    filters = current_filters()
    return _load_view(_reading_digest(reading), filters, _name(build), args, build,
                      reading_comments(reading), fixed)


def current_reading() -> str:
    """The reading of the reply structure the Threads page shows (threads.Reading), as its
    switch or the opening link asked for; the inferred structure by default."""
    reading = st.session_state.get(_READING_STATE, Reading.INFERRED)
    return reading if reading in READING_NAMES else Reading.INFERRED


def reading_analysis(reading: str) -> Analysis:
    """:func:`_analysis` as ``reading`` links the comments (Analysis.reading): its comments
    and thread table; every other table is the same."""
    result = _analysis()
    if reading == Reading.INFERRED:
        return result
    return load_reading(data_digest(), reading, result)


def _reading_digest(reading: str) -> str:
    digest = data_digest()
    return digest if reading == Reading.INFERRED else f"{digest}|{reading}"


def reading_comments(reading: str) -> pd.DataFrame:
    """The comments the sidebar's filters keep, as ``reading`` links them. The filters choose
    the same comments in every reading (their thread and depth are the inferred structure's,
    as on every page); only the links, threads and depths shown differ."""
    result = _analysis()
    digest, filters = data_digest(), current_filters()
    kept = load_filtered(digest, filters, result)
    if reading == Reading.INFERRED:
        return kept
    return load_reading_filtered(_reading_digest(reading), filters,
                                 reading_analysis(reading).comments, kept.index)


def has_inferred_links() -> bool:
    """False when every reply link is known (source links, page markers, corrections by hand):
    then both readings are the same."""
    return load_has_inferred_links(data_digest(), _analysis())


def reading_switch() -> str:
    """The Threads page's switch between the inferred structure and plain page order; the
    reading it holds. Its value outlives a visit to another page and is kept in the URL."""
    state = st.session_state
    if READING_KEY not in state:
        state[READING_KEY] = current_reading()
    st.radio("Reply structure", list(READING_NAMES), key=READING_KEY, horizontal=True,
             format_func=READING_NAMES.get, on_change=_reading_switched,
             help="Inferred structure: whom each comment answers, as reply inference reads the "
                  "page. Plain page order: every comment answers the one above it (the first "
                  "comment of an article starts its thread). Both keep the links a source "
                  "gives, \"in reply to\" markers and corrections by hand. Every figure on this "
                  "page follows the choice.")
    return current_reading()


def _reading_switched() -> None:
    st.session_state[_READING_STATE] = st.session_state[READING_KEY]


@dataclass(frozen=True)
class View:
    """A view a page shows: ``build(filtered comments, *args, **fixed())``. ``fixed`` gives the
    keyword arguments the data alone determines (the thread table, labels), read in the script
    run that shows the view; they are not part of its cache key."""

    build: Callable
    args: tuple = ()
    fixed: Callable[..., dict] | None = None
    follows_reading: bool = False  # ``fixed`` takes the reading (threads.Reading)

    def keywords(self, reading: str = Reading.INFERRED) -> dict:
        if self.fixed is None:
            return {}
        return self.fixed(reading) if self.follows_reading else self.fixed()


def show(view: View, reading: str = Reading.INFERRED) -> object:
    """:func:`filtered_view` of ``view`` (as ``reading`` links the comments): how pages read
    the views of PAGE_VIEWS."""
    return reading_view(reading, view.build, *view.args, **view.keywords(reading))


def _widget_values(filters: Filters, options: FilterOptions) -> dict[str, object]:
    depth = filters.depth if filters.depth is not None else (0, options.max_depth)
    return {
        FilterKey.ARTICLE: list(filters.articles),
        FilterKey.TOPIC: list(filters.topics),
        FilterKey.LEVEL: list(filters.levels),
        FilterKey.MARKER: list(filters.markers),
        FilterKey.SENTIMENT: tuple(filters.sentiment),
        FilterKey.THREAD: filters.thread or ALL_THREADS,
        FilterKey.DEPTH: (min(depth[0], options.max_depth), min(depth[1], options.max_depth)),
        FilterKey.SEARCH: filters.search,
        FilterKey.PARTICIPANT: list(filters.participants),
        FilterKey.WITH_REPLIES: filters.with_replies,
        FilterKey.TIME: _time_widget_value(filters.time_range or options.time_span),
    }


def _time_widget_value(bounds: tuple[str, str] | None) -> tuple[datetime, datetime] | None:
    """ISO 8601 UTC bounds as the time slider holds them: naive datetimes in UTC."""
    if bounds is None:
        return None
    return tuple(pd.Timestamp(b).tz_convert("UTC").tz_localize(None).to_pydatetime()
                 for b in bounds)


def _time_step(span: tuple[str, str]) -> timedelta:
    seconds = (pd.Timestamp(span[1]) - pd.Timestamp(span[0])).total_seconds()
    if seconds <= 2 * 86_400:
        return timedelta(minutes=1)
    return timedelta(hours=1) if seconds <= 60 * 86_400 else timedelta(days=1)


def _filters_from_widgets(options: FilterOptions) -> Filters:
    state = st.session_state
    depth = tuple(state.get(FilterKey.DEPTH, (0, options.max_depth)))
    return clamp_filters(Filters(
        articles=tuple(state.get(FilterKey.ARTICLE, [])),
        topics=tuple(state.get(FilterKey.TOPIC, [])),
        levels=tuple(sorted(state.get(FilterKey.LEVEL, []))),
        markers=tuple(state.get(FilterKey.MARKER, [])),
        sentiment=tuple(state.get(FilterKey.SENTIMENT, SENTIMENT_RANGE)),
        thread=state.get(FilterKey.THREAD) or None,
        depth=(int(depth[0]), int(depth[1])),
        search=str(state.get(FilterKey.SEARCH, "")),
        participants=tuple(state.get(FilterKey.PARTICIPANT, [])),
        with_replies=bool(state.get(FilterKey.WITH_REPLIES, False)),
        time_range=tuple(utc_text(pd.Timestamp(t)) for t in state[FilterKey.TIME])
        if state.get(FilterKey.TIME) else None,
    ), options)


def _reset_filters() -> None:
    st.session_state[_URL_DROPPED] = ""
    st.session_state[_URL_UNREAD] = ""
    options = st.session_state.get("filters.options")
    if options is not None:
        st.session_state.update(_widget_values(Filters(), options))


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _sync_url(filters: Filters) -> None:
    current = _url_params()
    wanted = {k: v for k, v in current.items() if k not in PARAMS and k != READING_PARAM}
    wanted.update(filters_to_params(filters))
    if current_reading() != Reading.INFERRED:
        wanted[READING_PARAM] = [current_reading()]
    if wanted != current:
        st.query_params.from_dict(wanted)


def render_filter_sidebar() -> None:
    """The one filter set, in the sidebar; call once per run from app.py, after the data
    sidebar. Without readable sources it shows nothing: the page reports the error."""
    try:
        result = _analysis()
    except SourceError:
        return
    options = load_filter_options(data_digest(), result)
    titles = load_article_labels(data_digest(), result)
    state = st.session_state
    if _PENDING_PARTICIPANTS in state:  # a participant clicked on a page (select_participant)
        state[FilterKey.PARTICIPANT] = state.pop(_PENDING_PARTICIPANTS)
        for key in state.pop(_CLEARED_ON_APPLY, ()):
            state.pop(key, None)  # the click's selection, so the next click is a new one
    if _FROM_URL not in state:
        state[_FROM_URL] = True
        asked = filters_from_params(_url_params())
        reading = st.query_params.get(READING_PARAM)
        if reading in READING_NAMES:
            state[_READING_STATE] = reading
        kept = clamp_filters(asked, options)
        state[_URL_DROPPED] = _dropped_from_link(asked, kept, options)
        state[_URL_UNREAD] = ", ".join(unread_params(_url_params()))
        state.update(_widget_values(kept, options))
    else:  # drop values the data no longer has (a new upload), keep the rest
        previous, depth = state.get("filters.options"), state.get(FilterKey.DEPTH)
        if previous is not None and depth is not None and depth[1] >= previous.max_depth:
            # A depth range open at the top stays open on new data with deeper threads.
            state[FilterKey.DEPTH] = (depth[0], options.max_depth)
        state.update(_widget_values(_filters_from_widgets(options), options))
    state["filters.options"] = options
    threads = list(options.threads[:_THREAD_CHOICES])
    if state[FilterKey.THREAD] and state[FilterKey.THREAD] not in threads:
        threads.append(state[FilterKey.THREAD])
    with st.sidebar:
        st.header("Filters")
        if state.get(_URL_UNREAD):
            st.warning(escape_markdown(
                f"The link's {state[_URL_UNREAD]} could not be read as a filter: left out."),
                icon=":material/link_off:")
        if state.get(_URL_DROPPED):
            st.warning(escape_markdown(
                f"The link asked for {state[_URL_DROPPED]}, which the loaded data does not "
                "have: left out. Uploaded files last only for the browser session that "
                "uploaded them."), icon=":material/link_off:")
        st.multiselect("Article", options.articles, key=FilterKey.ARTICLE,
                       format_func=lambda a: titles.get(a, a), placeholder="All articles")
        st.multiselect("Topic", list(options.topics), key=FilterKey.TOPIC,
                       format_func=lambda t: topic_name(t, options.topics.get(t, "")),
                       placeholder="All topics")
        st.multiselect("Hostility level", list(LEVEL_NAMES), key=FilterKey.LEVEL,
                       format_func=LEVEL_NAMES.get, placeholder="All levels")
        st.multiselect("Marker", options.markers, key=FilterKey.MARKER,
                       format_func=marker_label, placeholder="Any or no marker",
                       help="Keeps comments in which any of these hostility markers fired. "
                            "Weak cues grade the hostility score but never set a level.")
        st.slider("Sentiment", min_value=SENTIMENT_RANGE[0], max_value=SENTIMENT_RANGE[1],
                  step=0.05, key=FilterKey.SENTIMENT, help="VADER compound score, -1 to 1.")
        names = load_thread_names(data_digest(), result)
        st.selectbox("Thread", [ALL_THREADS, *threads], key=FilterKey.THREAD,
                     format_func=lambda t: "All threads" if t == ALL_THREADS
                     else names.get(t, t),
                     help="Threads are named by their first comment's opening words; "
                          "largest first.")
        if options.max_depth > 0:
            st.slider("Reply depth", min_value=0, max_value=options.max_depth, step=1,
                      key=FilterKey.DEPTH, help="0 is a top-level comment.")
        st.text_input("Search text", key=FilterKey.SEARCH, placeholder="words in a comment",
                      help="Case-insensitive, in comment text and author.")
        if options.participants:
            participants = list(options.participants[:_PARTICIPANT_CHOICES])
            participants += [p for p in state[FilterKey.PARTICIPANT] if p not in participants]
            st.multiselect("Participant", participants, key=FilterKey.PARTICIPANT,
                           placeholder="Everybody",
                           help="Keeps these authors' comments; most active first (the "
                                f"{_PARTICIPANT_CHOICES:,} most active are listed). Click a "
                                "participant on the People page to choose one.")
            if state[FilterKey.PARTICIPANT]:
                st.toggle("…and the replies they received", key=FilterKey.WITH_REPLIES)
        if options.time_span is not None and options.time_span[0] < options.time_span[1]:
            low, high = _time_widget_value(options.time_span)
            st.slider("Time (UTC)", min_value=low, max_value=high, key=FilterKey.TIME,
                      step=_time_step(options.time_span), format="YYYY-MM-DD HH:mm",
                      help="Keeps comments written in this span; comments without a time "
                           "drop out while it is narrowed.")
        st.button("Reset filters", key=FilterKey.RESET, on_click=_reset_filters,
                  icon=":material/filter_alt_off:")
    filters = _filters_from_widgets(options)
    state[FILTERS_STATE] = filters
    _sync_url(filters)


def _dropped_from_link(asked: Filters, kept: Filters, options: FilterOptions) -> str:
    """What a link's filters named that the data lacks, in words ("" when nothing)."""
    parts = []
    span = options.time_span
    if asked.time_range and not kept.time_range and not (
            span and asked.time_range[0] <= span[0] and asked.time_range[1] >= span[1]):
        parts.append(f"the time range {asked.time_range[0]} to {asked.time_range[1]}")
    for label, field in (("article", "articles"), ("topic", "topics"), ("marker", "markers")):
        missing = [str(v) for v in getattr(asked, field) if v not in getattr(kept, field)]
        if missing:
            parts.append(f"{label}{'s' if len(missing) > 1 else ''} {', '.join(missing[:3])}"
                         + (" …" if len(missing) > 3 else ""))
    if asked.thread and not kept.thread:
        parts.append(f"thread {asked.thread}")
    missing = [p for p in asked.participants if p not in kept.participants]
    if missing:
        parts.append(f"participant{'s' if len(missing) > 1 else ''} {', '.join(missing[:3])}"
                     + (" …" if len(missing) > 3 else ""))
    return "; ".join(parts)


def current_filters() -> Filters:
    """The filters the sidebar asks for (none before the sidebar first renders)."""
    return st.session_state.get(FILTERS_STATE, Filters())


def filtered_comments(result: Analysis) -> pd.DataFrame:
    """The comments the sidebar's filters keep; says "N of M comments" under the page title."""
    filtered = load_filtered(data_digest(), current_filters(), result)
    st.caption(counted_of(len(filtered), len(result.comments), "comment")
               + ("" if current_filters().is_empty() else " (filtered in the sidebar)"))
    return filtered


def count_config(frame: pd.DataFrame, column_config: dict | None = None) -> dict:
    """``column_config`` with every whole-number column of ``frame`` shown thousands-separated
    ("12,345": format "localized", as every count the app writes; Streamlit's default shows
    "12345"), each column's own label and help kept."""
    config = dict(column_config or {})
    for column in frame.columns:
        if not pd.api.types.is_integer_dtype(frame[column]):
            continue
        own = config.get(column)
        if own is None:
            config[column] = st.column_config.NumberColumn(format="localized")
        elif (isinstance(own, dict) and own.get("type_config", {}).get("type") == "number"
              and not own["type_config"].get("format")):
            config[column] = {**own, "type_config": {**own["type_config"], "format": "localized"}}
    return config


def show_table(frame: pd.DataFrame, **kwargs: object) -> object:
    """``st.dataframe(frame, **kwargs)``, its counts thousands-separated (:func:`count_config`)
    and a missing value an empty cell: Streamlit writes "None" for one, which reads as a value
    (a thread with no hostile comment, a comment without a time)."""
    return st.dataframe(frame, **{"placeholder": "", **kwargs, "column_config": count_config(
        frame, kwargs.get("column_config"))})


TABLE_ROW_PX = 35  # Streamlit's default row height in a data frame (and its header's)
TABLE_BORDER_PX = 3
PARTICIPANT_ROWS = 12
"""The People page's participant table is as tall as its rows, up to this many; beyond, it
scrolls."""


def rows_height(rows: int, most: int) -> int:
    """Height (px) of a data frame showing ``rows`` rows and its header, at most ``most`` rows
    (beyond, it scrolls): a fixed height left an empty box under a short table."""
    return TABLE_ROW_PX * (max(min(rows, most), 1) + 1) + TABLE_BORDER_PX


def comments_text(count: int) -> str:
    """ "1 comment", "0 comments", "2,345 comments"."""
    return counted(count, "comment")


def stop_if_empty(filtered: pd.DataFrame) -> None:
    """A plain message, and nothing more on the page, when no comment is left: the filters'
    doing, or sources that hold none (then no filter could help)."""
    if not filtered.empty:
        return
    if _analysis().comments.empty:
        st.info("The loaded sources hold no comments, so there is nothing to show here. The "
                "Reading notes above say what was read instead (a page without a comment "
                "section is read as an article only).", icon=":material/speaker_notes_off:")
    else:
        st.info("No comments match the filters. Widen them in the sidebar, or reset them.",
                icon=":material/filter_alt_off:")
    st.stop()


def inferred_links_note(inferred_share: float, mean_link_confidence: float) -> str:
    """A plain warning that threads rest on guessed links, or "" when the source gave them.
    Takes Metric.INFERRED_SHARE and Metric.MEAN_LINK_CONFIDENCE of one table row."""
    if not inferred_share or inferred_share != inferred_share:
        return ""
    part = "All" if inferred_share >= 0.999 else f"{inferred_share:.0%} of the"
    confidence = ("" if mean_link_confidence != mean_link_confidence
                  else f" (mean link confidence {mean_link_confidence:.2f})")
    return (f"{part} reply links here are inferred from page order and wording{confidence}: "
            "read threads and depths as a best guess.")


def thread_titles(reading: str = Reading.INFERRED) -> dict[str, str]:
    """Thread id -> its name (views.thread_names over the whole table), the one name a thread
    has on every screen: sidebar, pickers, chart labels (untrusted text: escape it). Threads
    of another ``reading`` are named the same way, from that reading's table."""
    return load_thread_names(_reading_digest(reading), reading_analysis(reading))


def article_titles() -> dict[str, str]:
    """Article id -> short title, for chart labels and pickers (untrusted text: escape it)."""
    return load_article_labels(data_digest(), _analysis())


def _analysis() -> Analysis:
    """The analysed active files, with this session's corrections applied and pseudonyms for
    the authors when the sidebar asks for them: every page, filter, chart and download reads
    this, so no name passes around it."""
    result = _corrected_analysis()
    key = pseudonym_key()
    if key is None:
        return result
    return load_pseudonymised(corrected_digest(), _fingerprint(key), key, result)[0]


def _source_analysis() -> Analysis:
    """The analysed active files, authors as the sources name them, without corrections. A
    file that cannot be read is set aside and the others are analysed (see
    :func:`unreadable_files`); SourceError only when no file can be read."""
    while True:
        try:
            return _load_with_status(source_digest(), readable_files(), topic_count())
        except SourceError as err:
            if not _set_aside(err):
                raise


def people_view(include_inferred: bool) -> People:
    """The people tables of the filtered comments (parents looked up in the whole table)."""
    return show(Views.PEOPLE_WITH_INFERRED if include_inferred else Views.PEOPLE)


def people_downloads(include_inferred: bool) -> None:
    """Download buttons for the participant and interaction tables (safe CSV) and the reply
    network (GraphML, GEXF), each built when clicked, of what the People page shows."""
    people = people_view(include_inferred)
    files = [
        ("Participants (CSV)", "commentscope_participants.csv", "text/csv",
         lambda: safe_csv_bytes(people.participants)),
        ("Who replied to whom (CSV)", "commentscope_interactions.csv", "text/csv",
         lambda: safe_csv_bytes(people.interactions)),
        ("Network (GraphML)", "commentscope_network.graphml", "application/xml",
         lambda: network_bytes(people, "graphml")),
        ("Network (GEXF)", "commentscope_network.gexf", "application/xml",
         lambda: network_bytes(people, "gexf")),
    ]
    # A row that wraps, each button as wide as its label: four equal columns cut "Who replied
    # to whom (CSV)" to "Who replied to whom ..." beside the sidebar at 1280 px.
    row = st.container(horizontal=True)
    for label, name, mime, build in files:
        row.download_button(label, data=build, file_name=name, mime=mime,
                            key=f"people.download.{name.rsplit('.', 1)[1]}.{label[:4]}",
                            icon=":material/download:")


def select_participant(name: str, selection_key: str) -> None:
    """Filter every page to ``name``'s comments (a click on the People page), from the next run
    on: the sidebar's widget already stands in this run. ``selection_key`` is the clicked
    widget's key; its selection is cleared with it, so a later click counts anew."""
    st.session_state[_PENDING_PARTICIPANTS] = [name]
    st.session_state[_CLEARED_ON_APPLY] = (selection_key,)
    st.rerun()


@st.cache_resource(show_spinner="Applying corrections…", max_entries=2)
def load_corrected(digest: str, _base: Analysis, _rows: tuple[Correction, ...],
                   _source_bytes: Callable[[str], bytes | None], _memo: dict) -> Corrected:
    # Keyed by the digest, which holds the sources and the rows. A click changes one
    # source's rows: the memo keeps the other sources' rebuilt articles.
    return apply_corrections(_base, _rows, _source_bytes, memo=_memo)


@st.cache_resource(show_spinner=False, max_entries=4)
def _correction_memo(digest: str) -> dict:
    """Rebuilt articles by source and rows, for the uncorrected analysis of ``digest``."""
    return {}


def _source_bytes(name: str) -> bytes | None:
    return dict(readable_files()).get(name)


def corrected() -> Corrected | None:
    """The analysis with this session's corrections applied, or None when none apply."""
    base = _source_analysis()
    rows = corrections.applied_rows(source_hashes())[0]
    if not rows:
        return None
    return load_corrected(corrected_digest(), base, rows, _source_bytes,
                          _correction_memo(source_digest()))


def correction_problems() -> list[Problem]:
    """The applied corrections that could not apply."""
    result = corrected()
    return result.problems if result is not None else []


def correction_checker() -> Callable[[tuple[Correction, ...]], list[Problem]]:
    """Applies rows to the uncorrected analysis and gives the rows that cannot apply: how an
    edit is checked before it is saved."""
    base = _source_analysis()
    return lambda rows: check_corrections(base, rows, _source_bytes)


def _corrected_analysis() -> Analysis:
    """The analysed active files with this session's corrections applied (authors as the
    sources name them)."""
    result = corrected()
    return result.analysis if result is not None else _source_analysis()


@st.cache_resource(show_spinner=False, max_entries=128)
def _load_chart(digest: str, filters: Filters, name: str, args: tuple, draw_name: str,
                draw_args: tuple, _draw: Callable, _data: object, _fixed: dict) -> object:
    return _draw(_data, **dict(draw_args), **_fixed)


def view_chart(draw: Callable[..., T], build: Callable | View, *args: Hashable,
               keyed: dict[str, Hashable] | None = None,
               build_fixed: dict[str, object] | None = None,
               reading: str = Reading.INFERRED, **fixed: object) -> T:
    """``draw(filtered_view(build, *args, **build_fixed), **keyed, **fixed)`` (a figure), cached
    like :func:`filtered_view`; ``build`` may be a :class:`View` (its arguments then come from
    it). ``keyed`` are part of the key (titles, groupings), ``fixed`` and ``build_fixed`` are
    determined by the data alone (labels, the thread table). ``reading``: as :func:`show`."""
    if isinstance(build, View):
        build, args, build_fixed = build.build, build.args, build.keywords(reading)
    data = reading_view(reading, build, *args, **(build_fixed or {}))
    draw_args = tuple(sorted((keyed or {}).items()))
    return _load_chart(_reading_digest(reading), current_filters(), _name(build), args,
                       _name(draw), draw_args, draw, data, fixed)


def _name(function: Callable) -> str:
    return f"{function.__module__}.{function.__qualname__}"


@st.cache_resource(show_spinner=False, max_entries=2)
def _load_csv(digest: str, filters: Filters, every_column: bool, order: tuple,
              _comments: pd.DataFrame) -> bytes:
    columns = ALL_COMMENT_COLUMNS if every_column else COMMENT_COLUMNS
    rows = first_rows(_comments, len(_comments), *order)
    return safe_csv_bytes(rows[[c for c in columns if c in rows]])


def filtered_csv(every_column: bool = False,
                 order: tuple[str | None, bool] = (None, True)) -> Callable[[], bytes]:
    """A callable giving the filtered comments (every row; COMMENT_COLUMNS, or every column of
    the table) as a safe CSV in ``order`` (a column and ascending, as :func:`first_rows`), for a
    deferred ``st.download_button``: built when it is called, kept for the same choices."""
    result = _analysis()
    digest, filters = data_digest(), current_filters()
    comments = load_filtered(digest, filters, result)
    return lambda: _load_csv(digest, filters, every_column, tuple(order), comments)


def topic_labels() -> dict[str, str]:
    """Topic id (as text) -> its name (topics.topic_name: "id: label"), for chart labels
    (untrusted text: escape it)."""
    options = load_filter_options(data_digest(), _analysis())
    return {str(t): topic_name(t, label) for t, label in options.topics.items()}


def mark_entry_run() -> None:
    """Called by app.py before it runs a page: the page was reached through st.navigation."""
    st.session_state[_ENTRY_RAN] = True


def _ensure_entry_run() -> None:
    # A deep link (/threads?...) as a fresh server's first request is run by Streamlit straight
    # from pages/ (its pages-folder mode), without app.py: no sidebar, a navigation listing
    # every file. Leave that mode for good and run again, through app.py.
    if not st.session_state.get(_ENTRY_RAN):
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_analysis() -> Analysis:
    """The analysed active files; a source that cannot be read shows its error, and stops the
    page when no other file could be read."""
    _ensure_entry_run()
    try:
        result = _analysis()
    except SourceError as err:
        _show_unreadable(err, alone=True)
        st.stop()
        raise  # st.stop() raises; this line only tells type checkers the function ends here
    for _, err in unreadable_files():
        _show_unreadable(err, alone=False)
    _show_skipped_members()
    names = Counter(name for name, _ in active_files())
    for name in (name for name, count in names.items() if count > 1):
        # Tables, filters and corrections name a source by its file name (the command line
        # refuses such a pair): two files of one name cannot be told apart anywhere.
        st.warning(escape_markdown(f"{names[name]} uploaded files are named {name}: every table "
                                   "shows them as one source name, so rename one and upload "
                                   "it again."), icon=":material/warning:")
    notes = load_reading_notes(data_digest(), result)
    if notes:
        # What the reading skipped or changed, as the command line's stderr says it: an
        # upload with a broken line must not lose it silently.
        with st.expander(f"Reading notes ({len(notes):,}): lines skipped or changed in the files",
                         icon=":material/rule:"):
            st.text("\n".join(notes))
    return result


@st.cache_resource(show_spinner=False, max_entries=8)
def load_reading_notes(digest: str, _result: Analysis) -> tuple[str, ...]:
    names = [report.source for report in _result.reports]
    return tuple(line.removeprefix("warning: ")
                 for line in warning_lines(_result.reports, names, _result.comments))


def _show_skipped_members(shown: int = 10) -> None:
    skipped = skipped_members()
    if skipped:
        lines = [f"{archive}: {member} ({why})" for archive, member, why in skipped[:shown]]
        more = f"; and {len(skipped) - shown} more" if len(skipped) > shown else ""
        st.warning(escape_markdown(f"Not read from the archive: {'; '.join(lines)}{more}."),
                   icon=":material/warning:")


def _show_unreadable(err: SourceError, alone: bool) -> None:
    where = err.path + (f", line {err.line}" if err.line else "")
    rest = "" if alone else " It is left out; the other files are analysed."
    st.error(escape_markdown(f"Cannot read {where}: {err.reason.rstrip('.')}.{rest}"),
             icon=":material/error:")


# The views the pages show with no filter set (Views, PAGE_VIEWS below). tests/test_app.py
# checks that visiting every page after the warm-up computes none of them again.
HOSTILE_TABLE_ROWS = 300  # most hostile flagged comments listed (each highlighted in Python)
ESCALATION_CHAINS = 10  # longest reply chains drawn on the Hostility page
LARGEST_THREADS = 15  # threads in the Hostility page's per-thread bars
SENTIMENT_TITLES = {Col.ARTICLE_ID: "Sentiment by article",
                    Col.TOPIC_ID: "Sentiment by topic"}


def _whole_comments() -> dict:
    return {"context": _analysis().comments}


def _thread_table() -> dict:
    return {"threads": _analysis().threads}


class Views:
    """The views the pages show with no selection made, each named once: the pages show them
    through :func:`show` (or :func:`view_chart`) and the warm-up computes PAGE_VIEWS ahead."""

    LEVELS_BY_ARTICLE = View(level_counts, (Col.ARTICLE_ID,))
    LEVELS_BY_TOPIC = View(level_counts, (Col.TOPIC_ID,))
    MARKERS_BY_LEVEL = View(marker_counts, (Col.HOSTILITY_LEVEL,))
    LEVELS_BY_THREAD = View(largest_level_counts, (Col.THREAD_ID, LARGEST_THREADS))
    MOST_HOSTILE = View(most_hostile, (HOSTILE_TABLE_ROWS,))
    CHAINS = View(chains, (ESCALATION_CHAINS,))
    LINKS = View(link_summary)
    TURNING_THREADS = View(escalating_threads, (), _thread_table)
    SENTIMENT_BY_ARTICLE = View(charts.sentiment_distribution, (Col.ARTICLE_ID,), lambda: {
        "labels": article_titles(), "title": SENTIMENT_TITLES[Col.ARTICLE_ID]})
    SENTIMENT_BY_TOPIC = View(charts.sentiment_distribution, (Col.TOPIC_ID,), lambda: {
        "labels": topic_labels(), "title": SENTIMENT_TITLES[Col.TOPIC_ID]})
    SENTIMENT_ALONG_ORDER = View(charts.sentiment_along_order, (),
                                 lambda: {"labels": article_titles()})
    SENTIMENT_ALONG_DEPTH = View(charts.sentiment_along_depth, (),
                                 lambda: {"labels": article_titles()})
    THREADS = View(shown_threads, (), lambda reading: {
        "threads": reading_analysis(reading).threads, "names": thread_titles(reading)},
        follows_reading=True)
    PAIRS = View(reply_pairs)
    TOPICS = View(summarise_topics)
    PEOPLE = View(people_tables, (False,), _whole_comments)
    PEOPLE_WITH_INFERRED = View(people_tables, (True,), _whole_comments)
    NETWORK = View(reply_network_layout, (False,), _whole_comments)
    NETWORK_WITH_INFERRED = View(reply_network_layout, (True,), _whole_comments)
    DATED = View(dated_comments_by_article)
    ZONELESS = View(zoneless_times)
    LATENCY = View(latency_overview, (), _whole_comments)
    THREAD_TURNS = View(thread_turn_view, (), _whole_comments)


PAGE_VIEWS: dict[str, list[View]] = {
    "hostility": [Views.LEVELS_BY_ARTICLE, Views.LEVELS_BY_TOPIC, Views.MARKERS_BY_LEVEL,
                  Views.LEVELS_BY_THREAD, Views.MOST_HOSTILE, Views.CHAINS,
                  Views.TURNING_THREADS, Views.LINKS],
    "sentiment": [Views.SENTIMENT_BY_ARTICLE, Views.SENTIMENT_BY_TOPIC,
                  Views.SENTIMENT_ALONG_ORDER, Views.SENTIMENT_ALONG_DEPTH, Views.LINKS],
    "threads": [Views.THREADS, Views.PAIRS],
    "topics": [Views.TOPICS],
    "people": [Views.PEOPLE_WITH_INFERRED, Views.PEOPLE, Views.NETWORK],
    "timeline": [Views.DATED, Views.ZONELESS, Views.LATENCY, Views.THREAD_TURNS],
}
"""Each page's views with no selection made: what the warm-up computes ahead."""


@st.cache_resource(show_spinner=False, max_entries=8)
def _warm(digest: str, filters: Filters, _comments: pd.DataFrame,
          _views: tuple[tuple[Callable, tuple, dict], ...]) -> int:
    # Pure: every argument is read outside (the views' keywords in the script run), so this
    # touches no session state and no element.
    for build, args, fixed in _views:
        _load_view(digest, filters, _name(build), args, build, _comments, fixed)
    return len(_views)


def warm_default_views() -> None:
    """Compute, once per corpus, the views every page shows with no filter set, so that a
    page's first visit only draws (100k comments: about 2 s more on the first load, instead
    of up to a second on each page's first visit). Nothing happens while filters are set, in
    the run right after a correction, or when a source cannot be read."""
    if not current_filters().is_empty() or corrections.edited_this_run():
        return  # a click that corrects draws its page and no more: the next run warms
    try:
        result = _analysis()
        digest = data_digest()
        views = tuple((view.build, view.args, view.keywords())
                      for page in PAGE_VIEWS.values() for view in page)
    except SourceError:
        return
    filters = current_filters()
    _warm(digest, filters, load_filtered(digest, filters, result), views)
