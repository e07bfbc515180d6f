"""Sources in, tables out: the one function the CLI, the cache, the benchmark and the app call."""

from __future__ import annotations

import gc
import heapq
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.readers import (
    IngestionReport,
    PageColumns,
    Source,
    read_bytes_unframed,
    read_source_unframed,
)
from analysis.schema import ALL_COMMENT_COLUMNS, ARTICLE_COLUMNS, ArticleCol, Col
from analysis.stages import (
    METRICS_STAGE,
    READ_STAGE,
    STAGE_BY_NAME,
    STAGES,
    Progress,
    ProgressReport,
    StageInputs,
    StageResult,
    finish_comments,
    run_stage,
    run_stages,
    stage_input,
)
from analysis.threads import (
    Reading,
    known_links,
    page_order_thread_metrics,
    read_in_page_order,
    thread_metrics,
)
from analysis.topics import FittedTopics


@dataclass
class Analysis:
    """Everything the screens and exports show, for a set of sources."""

    comments: pd.DataFrame  # schema.ALL_COMMENT_COLUMNS
    articles: pd.DataFrame  # schema.ARTICLE_COLUMNS
    threads: pd.DataFrame  # schema.THREAD_COLUMNS
    reports: list[IngestionReport]
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    # schema.THREAD_COLUMNS of the same comments read in plain page order
    # (threads.read_in_page_order); None only where a caller built an Analysis without it.
    page_order_threads: pd.DataFrame | None = None
    # The topic model that placed the comments, to place a comment a correction changes
    # (analysis.corrections); None where a caller built an Analysis without it.
    topics: FittedTopics | None = None

    def reading(self, reading: str) -> Analysis:
        """This analysis as ``reading`` (a threads.Reading) reads the reply structure: itself
        for Reading.INFERRED; for Reading.PAGE_ORDER, the comments with their links in plain
        page order (threads.read_in_page_order) and the thread table of those links. Every
        other table and column is shared."""
        if reading == Reading.INFERRED:
            return self
        if reading != Reading.PAGE_ORDER:
            raise ValueError(f"unknown reading {reading!r}")
        threads = self.page_order_threads
        if not known_links(self.comments).all():
            comments = read_in_page_order(self.comments)
            if threads is None:
                threads = page_order_thread_metrics(self.comments)
            return replace(self, comments=comments, threads=threads,
                           page_order_threads=threads)
        return replace(self, threads=self.threads if threads is None else threads)


@contextmanager
def _collector_paused():
    """Python's cycle collector off for one worker job. The stages allocate millions of small
    objects, whose collections cost 5-12% of their time (measured per stage at 100k comments);
    they leave few cycles, and the collector runs again between jobs."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _timed(timings: dict[str, float], stage: str):
    start = time.perf_counter()
    yield
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


PARALLEL_READ_MIN_BYTES = 4_000_000
"""From this much input in two or more files on, files are read (and segmented) in parallel."""


def _parallel(sizes: Sequence[int]) -> bool:
    return len(sizes) > 1 and sum(sizes) >= PARALLEL_READ_MIN_BYTES and (os.cpu_count() or 1) > 1


class _WorkerPool:
    """Two worker processes, started on first use and shared by reading and the stages, so
    each worker loads the VADER lexicon, the hostility rules and the hostility model once."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self.workers = min(2, os.cpu_count() or 1)

    def get(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


@contextmanager
def _worker_pool(pool: _WorkerPool | None = None):
    """The given pool, or a new one that is shut down on leaving."""
    if pool is not None:
        yield pool
        return
    own = _WorkerPool()
    try:
        yield own
    finally:
        own.close()


READ_JOBS = 24
"""Many files are read in about this many jobs of neighbouring files of similar total size."""


@dataclass
class _ReadGroup:
    """The sources one worker job read, in order. When their tables share columns and dtypes
    and none is empty, comments and articles travel stacked: one frame pickles several times
    faster than hundreds of small ones. Stacked sources carry empty tables."""

    sources: list[Source]
    comments: pd.DataFrame | None = None
    articles: pd.DataFrame | None = None
    comment_rows: list[int] = field(default_factory=list)
    article_rows: list[int] = field(default_factory=list)

    def unstacked(self) -> list[Source]:
        """The sources with their own tables, as the reader gave them."""
        if self.comments is None or self.articles is None:
            return self.sources
        return [replace(source, comments=_rows(self.comments, self.comment_rows, k),
                        articles=_rows(self.articles, self.article_rows, k))
                for k, source in enumerate(self.sources)]


def _rows(stacked: pd.DataFrame, counts: list[int], k: int) -> pd.DataFrame:
    start = sum(counts[:k])
    return stacked.iloc[start : start + counts[k]].reset_index(drop=True)


def _dtypes(frame: pd.DataFrame) -> list[tuple[str, object]]:
    return list(frame.dtypes.items())


def _read_group(read_one: Callable[..., tuple[Source, PageColumns | None]], items: list[tuple]
                ) -> _ReadGroup:
    """Read the items with an unframed reader. Pages with an article and comments are framed
    together, in one frame each for comments and articles."""
    with _collector_paused():
        read = [read_one(*item) for item in items]
    if all(columns is not None for _, columns in read):
        pages = [columns for _, columns in read]
        stacked = PageColumns.stack(pages)
        return _ReadGroup([source for source, _ in read], stacked.comment_frame(),
                          stacked.article_frame(),
                          [len(page.comments[Col.TEXT]) for page in pages],
                          [len(page.articles[ArticleCol.ARTICLE_ID]) for page in pages])
    sources = [source if columns is None else columns.framed(source) for source, columns in read]
    comments = [source.comments for source in sources]
    articles = [source.articles for source in sources]
    uniform = all(len(frame) for frame in comments + articles) and all(
        _dtypes(frame) == _dtypes(frames[0])
        for frames in (comments, articles) for frame in frames)
    if not uniform:
        return _ReadGroup(sources)
    empty = [replace(source, comments=source.comments.iloc[:0],
                     articles=source.articles.iloc[:0]) for source in sources]
    return _ReadGroup(empty, pd.concat(comments, ignore_index=True),
                      pd.concat(articles, ignore_index=True),
                      [len(frame) for frame in comments], [len(frame) for frame in articles])


def _read_groups(read_one: Callable[..., tuple[Source, PageColumns | None]], items: list[tuple],
                 sizes: list[int], pool: _WorkerPool | None,
                 progress: ProgressReport | None = None) -> list[_ReadGroup]:
    """``read_one(*item)`` (an unframed reader) for every item, in order: in the calling
    process, or for many large files in jobs of neighbouring items on the pool's processes.
    ``progress`` hears each file (or job of files) read."""
    progress = progress or ProgressReport(None)
    progress.start(READ_STAGE, len(items))
    if not _parallel(sizes):
        read = []
        for item in items:
            read.append(read_one(*item))
            progress.advance(READ_STAGE, 1)
        groups = [_ReadGroup([source if columns is None else columns.framed(source)
                              for source, columns in read])]
    else:
        jobs = _read_jobs(items, sizes)
        groups = []
        with _worker_pool(pool) as workers:
            for job, group in zip(jobs, workers.get().map(_read_group, [read_one] * len(jobs),
                                                          jobs), strict=True):
                groups.append(group)
                progress.advance(READ_STAGE, len(job))
    progress.end(READ_STAGE)
    return groups


def _read_jobs(items: list[tuple], sizes: list[int]) -> list[list[tuple]]:
    """About READ_JOBS runs of neighbouring items of similar total size."""
    target = sum(sizes) / READ_JOBS
    jobs: list[list[tuple]] = [[]]
    filled = 0
    for item, size in zip(items, sizes, strict=True):
        if jobs[-1] and filled + size / 2 > target:
            jobs.append([])
            filled = 0
        jobs[-1].append(item)
        filled += size
    return jobs


def _path_items(paths: Iterable[str | Path]) -> tuple[list[tuple], list[int]]:
    paths = [Path(path) for path in paths]
    return [(path,) for path in paths], [path.stat().st_size if path.is_file() else 0
                                         for path in paths]


def read_sources(paths: Iterable[str | Path], pool: _WorkerPool | None = None,
                 progress: Progress | None = None) -> list[Source]:
    """Read each path, in order; a :class:`~analysis.readers.SourceError` names the first bad
    file. Many large files are read in two processes. ``progress`` hears the files read."""
    groups = _read_groups(read_source_unframed, *_path_items(paths), pool,
                          ProgressReport(progress))
    return [source for group in groups for source in group.unstacked()]


def read_files(files: Sequence[tuple[str, bytes]], pool: _WorkerPool | None = None
               ) -> list[Source]:
    """:func:`read_sources` for in-memory files (name, content)."""
    groups = _read_groups(read_bytes_unframed, list(files), [len(data) for _, data in files],
                          pool)
    return [source for group in groups for source in group.unstacked()]


def _combine_groups(groups: list[_ReadGroup]
                    ) -> tuple[pd.DataFrame, pd.DataFrame, list[IngestionReport]]:
    """combine_sources over the groups' sources; stacked groups whose ids clash with no other
    source's are simply stacked again, which gives the same tables."""
    reports = [source.report for group in groups for source in group.sources]
    stacked = [group for group in groups if group.comments is not None]
    if len(stacked) == len(groups) and all(
            _dtypes(group.comments) == _dtypes(groups[0].comments)
            and _dtypes(group.articles) == _dtypes(groups[0].articles) for group in groups):
        comments = pd.concat([group.comments for group in groups], ignore_index=True)
        articles = pd.concat([group.articles for group in groups], ignore_index=True)
        comment_source = np.repeat(np.arange(len(reports)),
                                   [n for group in groups for n in group.comment_rows])
        article_source = np.repeat(np.arange(len(reports)),
                                   [n for group in groups for n in group.article_rows])
        if not _shared_across_sources(comments[Col.COMMENT_ID], comment_source) and \
                not _shared_across_sources(
                    pd.concat([articles[ArticleCol.ARTICLE_ID], comments[Col.ARTICLE_ID]],
                              ignore_index=True),
                    np.concatenate([article_source, comment_source])):
            return comments, articles[ARTICLE_COLUMNS], reports
    sources = [source for group in groups for source in group.unstacked()]
    return (*combine_sources(sources), reports)


def _shared_across_sources(ids: pd.Series, source: np.ndarray) -> bool:
    """True when one id appears in two different sources (combine_sources would prefix it)."""
    pairs = pd.DataFrame({"id": ids.to_numpy(dtype=object), "source": source})
    return bool(pairs.drop_duplicates()["id"].duplicated().any())


def combine_sources(sources: Sequence[Source]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stack the sources' comments and articles. Ids that clash with an earlier source's are
    prefixed with the source's name (links inside that source follow), so ids stay unique."""
    comment_frames, article_frames = [], []
    seen_comment_ids: set[str] = set()
    seen_article_ids: set[str] = set()
    for source in sources:
        comments, articles = source.comments, source.articles
        # tolist(): iterating an Arrow-backed column directly is several times slower.
        ids = set(comments[Col.COMMENT_ID].tolist())
        if ids & seen_comment_ids:
            prefix = f"{source.name}/"
            comments = comments.assign(**{
                Col.COMMENT_ID: prefix + comments[Col.COMMENT_ID],
                Col.PARENT_ID: comments[Col.PARENT_ID].where(
                    comments[Col.PARENT_ID].isna() | (comments[Col.PARENT_ID] == ""),
                    prefix + comments[Col.PARENT_ID]),
            })
        articles_here = set(articles[ArticleCol.ARTICLE_ID].tolist()) | set(
            comments[Col.ARTICLE_ID].tolist())
        if articles_here & seen_article_ids:
            prefix = f"{source.name}/"
            comments = comments.assign(**{Col.ARTICLE_ID: prefix + comments[Col.ARTICLE_ID]})
            articles = articles.assign(
                **{ArticleCol.ARTICLE_ID: prefix + articles[ArticleCol.ARTICLE_ID]})
            articles_here = {prefix + a for a in articles_here}
        seen_comment_ids |= set(comments[Col.COMMENT_ID].tolist())
        seen_article_ids |= articles_here
        comment_frames.append(comments)
        article_frames.append(articles)
    comments = pd.concat(comment_frames, ignore_index=True) if comment_frames else pd.DataFrame()
    articles = pd.concat([a for a in article_frames if len(a)], ignore_index=True) \
        if any(len(a) for a in article_frames) else pd.DataFrame(columns=ARTICLE_COLUMNS)
    return comments, articles[ARTICLE_COLUMNS]


CONCURRENT_MIN_ROWS = 5_000
"""From this many comments on, the four independent stages run in two worker processes."""
PIECE_ROWS = 10_000
"""Sentiment and hostility score each comment alone: they are cut into pieces of at most this
many rows, so the two workers can share them out and finish together."""
def _run_stage(name: str, comments: pd.DataFrame, inputs: StageInputs
               ) -> tuple[StageResult, float]:
    """One stage (or a piece of one) in a worker process: the columns it writes (and the topic
    model it fitted), its seconds.
    The worker is the unit of parallelism, so the stage starts no processes of its own."""
    start = time.perf_counter()
    with _collector_paused():
        result = run_stage(STAGE_BY_NAME[name], comments, replace(inputs, n_jobs=1))
    return result, time.perf_counter() - start


_RANK = {READ_STAGE: 0} | {stage.name: rank for rank, stage in enumerate(
    [*(s for s in reversed(STAGES) if not s.piecewise), *(s for s in STAGES if s.piecewise)],
    start=1)}
"""Which job a free worker takes first: reading (every stage waits for it), then the stages
that cannot be cut, the later in STAGES first (replies cost the most, then topics), then the
pieces of the piecewise stages in STAGES order (sentiment, VADER, costs several times
hostility), which even out the two workers."""


@dataclass(order=True)
class _Job:
    rank: tuple[int, ...]
    key: tuple = field(compare=False)  # what the result is for: (stage, part...)
    call: tuple = field(compare=False)  # (function, *arguments)


def _run_jobs(pool: ProcessPoolExecutor, workers: int, jobs: Iterable[_Job],
              on_done: Callable[[_Job, Future], Iterable[_Job]]) -> None:
    """Run jobs on the pool, the lowest rank first whenever a worker is free; ``on_done`` sees
    each finished job (in completion order) and may return new jobs. At most one job waits per
    worker, so a job added later never queues behind many lesser ones."""
    pending = list(jobs)
    heapq.heapify(pending)
    running: dict[Future, _Job] = {}
    while pending or running:
        while pending and len(running) < 2 * workers:
            job = heapq.heappop(pending)
            function, *arguments = job.call
            running[pool.submit(function, *arguments)] = job
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in sorted(finished, key=running.__getitem__):
            for added in on_done(running.pop(future), future):
                heapq.heappush(pending, added)


def _piece_jobs(texts: pd.DataFrame, part: int) -> list[_Job]:
    """Jobs of the piecewise stages over ``texts`` (the columns they read) in pieces of at most
    PIECE_ROWS rows; ``part`` orders these rows before those of higher parts."""
    pieces = max(1, -(-len(texts) // PIECE_ROWS))
    bounds = [len(texts) * k // pieces for k in range(pieces + 1)]
    return [_Job((_RANK[stage.name], part, k), (stage.name, part, k, b - a),
                 (_run_stage, stage.name, stage_input(stage, texts.iloc[a:b]), StageInputs()))
            for stage in STAGES if stage.piecewise
            for k, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)) if b > a]


def _piecewise_input(comments: pd.DataFrame) -> pd.DataFrame:
    """The columns the piecewise stages read."""
    columns = dict.fromkeys(c for stage in STAGES if stage.piecewise for c in stage.reads)
    return comments[list(columns)]


def _whole_jobs(comments: pd.DataFrame, articles: pd.DataFrame, n_topics: int | None,
                random_state: int) -> list[_Job]:
    """The stages that need whole articles or the whole corpus (reply inference, topics)."""
    inputs = StageInputs(articles=articles, n_topics=n_topics, random_state=random_state)
    return [_Job((_RANK[stage.name],), (stage.name, 0, 0, len(comments)),
                 (_run_stage, stage.name, stage_input(stage, comments), inputs))
            for stage in STAGES if not stage.piecewise]


class _StageColumns:
    """The columns the stage jobs return, joined onto the comments in STAGES order; each
    stage's progress as its jobs finish (counted once the total is known)."""

    def __init__(self, progress: ProgressReport) -> None:
        self.parts: dict[str, dict[tuple, pd.DataFrame]] = {s.name: {} for s in STAGES}
        self.seconds: dict[str, float] = {}
        self.progress = progress
        self.total: int | None = None
        self.topics: FittedTopics | None = None
        self._rows: dict[str, int] = {s.name: 0 for s in STAGES}

    def add(self, key: tuple, result: tuple[StageResult, float]) -> None:
        stage, *part, rows = key
        (columns, topics), seconds = result
        self.parts[stage][tuple(part)] = columns
        if topics is not None:
            self.topics = topics
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds
        self._rows[stage] += rows
        if self.total is not None:
            self._report(stage, rows)

    def start(self, total: int) -> None:
        """Every stage starts, now that the comments are all read (``total`` of them); what
        finished before counts at once."""
        self.total = total
        for stage in STAGES:
            self.progress.start(stage.name, total)
            self._report(stage.name, self._rows[stage.name])

    def _report(self, stage: str, rows: int) -> None:
        self.progress.advance(stage, rows)
        if self._rows[stage] == self.total:
            self.progress.end(stage)

    def joined(self, comments: pd.DataFrame) -> pd.DataFrame:
        for stage in STAGES:
            frames = [self.parts[stage.name][key] for key in sorted(self.parts[stage.name])]
            columns = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
            if len(columns) != len(comments):
                raise RuntimeError(
                    f"{stage.name}: {len(columns)} rows for {len(comments)} comments")
            columns = columns.set_axis(comments.index)
            comments = comments.assign(**{c: columns[c] for c in columns.columns})
        return comments


def _run_stages_concurrently(comments: pd.DataFrame, articles: pd.DataFrame,
                             n_topics: int | None, random_state: int,
                             timings: dict[str, float], pool: _WorkerPool,
                             progress: ProgressReport
                             ) -> tuple[pd.DataFrame, FittedTopics | None]:
    """The stages each read only the reader's columns, so they run side by side on the pool's
    processes (the piecewise ones in pieces); their columns are joined in STAGES order. A
    stage's time is the sum of its jobs' seconds in the workers."""
    start = time.perf_counter()
    results = _StageColumns(progress)
    results.start(len(comments))
    jobs = _whole_jobs(comments, articles, n_topics, random_state) + _piece_jobs(
        _piecewise_input(comments), 0)
    _run_jobs(pool.get(), pool.workers, jobs,
              lambda job, future: results.add(job.key, future.result()) or [])
    comments = results.joined(comments)
    timings.update(results.seconds)
    timings["concurrent_wall"] = time.perf_counter() - start
    return comments, results.topics


def analyse_sources(sources: Sequence[Source], n_topics: int | None = None,
                    random_state: int = 0, pool: _WorkerPool | None = None,
                    progress: Progress | None = None) -> Analysis:
    """Run every stage over the sources' comments (on ``pool``'s processes when given);
    ``progress`` hears each stage start, advance and end (stages.StageEvent)."""
    comments, articles = combine_sources(sources)
    return _analyse(comments, articles, [s.report for s in sources], n_topics, random_state,
                    pool, ProgressReport(progress))


def _analyse(comments: pd.DataFrame, articles: pd.DataFrame, reports: list[IngestionReport],
             n_topics: int | None, random_state: int, pool: _WorkerPool | None,
             progress: ProgressReport) -> Analysis:
    timings: dict[str, float] = {}
    if len(comments) >= CONCURRENT_MIN_ROWS and (os.cpu_count() or 1) > 1:
        with _worker_pool(pool) as workers:
            comments, topics = _run_stages_concurrently(comments, articles, n_topics,
                                                        random_state, timings, workers, progress)
        return _finish(comments, articles, reports, timings, progress, topics=topics)
    if comments.empty:
        for stage in STAGES:
            progress.start(stage.name, 0)
            progress.end(stage.name)
        comments = pd.DataFrame({c: pd.Series(dtype="object") for c in ALL_COMMENT_COLUMNS})
        return _finish(comments, articles, reports, timings, progress, finished=True)
    inputs = StageInputs(articles=articles, n_topics=n_topics, random_state=random_state)
    fitted: list[FittedTopics] = []
    comments = run_stages(comments, inputs, progress, finish=False,
                          on_stage=lambda name, seconds: timings.__setitem__(name, seconds),
                          on_topics=fitted.append)
    return _finish(comments, articles, reports, timings, progress,
                   topics=fitted[0] if fitted else None)


def _finish(comments: pd.DataFrame, articles: pd.DataFrame, reports: list[IngestionReport],
            timings: dict[str, float], progress: ProgressReport,
            finished: bool = False, topics: FittedTopics | None = None) -> Analysis:
    """stages.finish_comments (unless ``finished``), the thread metrics, the table in schema
    order; ``topics`` is the topic model that placed the comments."""
    if not finished:
        with _timed(timings, "replies"):  # topic inheritance follows the reply links
            comments = finish_comments(comments)
    progress.start(METRICS_STAGE, len(comments))
    with _timed(timings, METRICS_STAGE):
        threads = thread_metrics(comments)
        page_order_threads = page_order_thread_metrics(comments, threads)
    progress.advance(METRICS_STAGE, len(comments))
    progress.end(METRICS_STAGE)
    return Analysis(comments[ALL_COMMENT_COLUMNS].reset_index(drop=True), articles, threads,
                    reports, timings, page_order_threads, topics)



def _read_and_analyse(read_one: Callable[..., tuple[Source, PageColumns | None]],
                      items: list[tuple], sizes: list[int], n_topics: int | None,
                      random_state: int, progress: Progress | None) -> Analysis:
    report = ProgressReport(progress)
    with _worker_pool() as pool:
        if _parallel(sizes):
            return _read_and_analyse_on(pool, read_one, items, sizes, n_topics, random_state,
                                        report)
        start = time.perf_counter()
        comments, articles, reports = _combine_groups(
            _read_groups(read_one, items, sizes, pool, report))
        read_seconds = time.perf_counter() - start
        result = _analyse(comments, articles, reports, n_topics, random_state, pool, report)
    result.timings = {READ_STAGE: read_seconds, **result.timings}
    return result


def _read_and_analyse_on(pool: _WorkerPool,
                         read_one: Callable[..., tuple[Source, PageColumns | None]],
                         items: list[tuple], sizes: list[int], n_topics: int | None,
                         random_state: int, progress: ProgressReport) -> Analysis:
    """Many large files: read in jobs on the pool's workers, whose comments are scored by the
    piecewise stages as soon as they are read, while the rest is still being read and while
    this process stacks them. The other stages start once all are read."""
    start = time.perf_counter()
    timings: dict[str, float] = {}
    read_jobs = _read_jobs(items, sizes)
    groups: list[_ReadGroup | None] = [None] * len(read_jobs)
    failures: dict[int, BaseException] = {}
    results = _StageColumns(progress)
    stacked: list[tuple[pd.DataFrame, pd.DataFrame, list[IngestionReport]]] = []
    progress.start(READ_STAGE, len(items))

    def on_done(job: _Job, future: Future) -> list[_Job]:
        if job.key[0] != READ_STAGE:
            results.add(job.key, future.result())
            return []
        _, part, files = job.key
        try:
            group = groups[part] = future.result()
        except Exception as error:  # reported once every file before it has been read
            failures[part] = error
            group = None
        progress.advance(READ_STAGE, files)
        if any(g is None for k, g in enumerate(groups) if k not in failures):
            return _piece_jobs(_piecewise_texts(group), part) \
                if group is not None and not failures else []
        if failures:
            raise failures[min(failures)]  # the first bad file, as sequential reading says
        stacked.append(_combine_groups(groups))
        timings[READ_STAGE] = time.perf_counter() - start
        progress.end(READ_STAGE)
        comments, articles, _ = stacked[0]
        if comments.empty:
            return []
        results.start(len(comments))
        return _whole_jobs(comments, articles, n_topics, random_state) + (
            _piece_jobs(_piecewise_texts(group), part) if group is not None else [])

    _run_jobs(pool.get(), pool.workers,
              [_Job((_RANK[READ_STAGE], k), (READ_STAGE, k, len(job_items)),
                    (_read_group, read_one, job_items))
               for k, job_items in enumerate(read_jobs)], on_done)
    comments, articles, reports = stacked[0]
    if comments.empty:
        return _analyse(comments, articles, reports, n_topics, random_state, pool, progress)
    comments = results.joined(comments)
    timings.update(results.seconds)
    timings["concurrent_wall"] = time.perf_counter() - start - timings[READ_STAGE]
    return _finish(comments, articles, reports, timings, progress, topics=results.topics)


def _piecewise_texts(group: _ReadGroup) -> pd.DataFrame:
    """The columns the piecewise stages read of a read job's comments, in stacking order."""
    if group.comments is not None:
        return _piecewise_input(group.comments)
    frames = [_piecewise_input(source.comments) for source in group.sources
              if len(source.comments)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame({Col.TEXT: []})


def analyse_paths(paths: Iterable[str | Path], n_topics: int | None = None,
                  random_state: int = 0, progress: Progress | None = None) -> Analysis:
    """Read and analyse files: the command line's entry point. ``progress`` hears each stage
    of stages.PROGRESS_STAGES start, advance and end (stages.StageEvent)."""
    return _read_and_analyse(read_source_unframed, *_path_items(paths), n_topics, random_state,
                             progress)


def analyse_files(files: Sequence[tuple[str, bytes]], n_topics: int | None = None,
                  random_state: int = 0, progress: Progress | None = None) -> Analysis:
    """Analyse in-memory files (name, content): uploads, and seeds read once by the app."""
    return _read_and_analyse(read_bytes_unframed, list(files), [len(data) for _, data in files],
                             n_topics, random_state, progress)
