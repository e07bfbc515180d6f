"""The analysis stages, in the one list every engine loops over, and how they report progress.

A stage reads the reader's columns of a comment table (``Stage.reads``) and returns the columns
it writes (``Stage.columns``); the topics stage also returns the topic model it fitted
(:class:`StageResult`), which the analysis keeps for corrections. The stages do not read each
other's columns, so an engine may run them one after another (:mod:`analysis.pipeline`, below
5,000 comments), side by side in worker processes, a piecewise stage cut into pieces of rows
(the process pool), or all of them on each partition of whole articles
(:mod:`analysis.distributed`). The columns are joined in the order of :data:`STAGES`; then
:func:`finish_comments` runs on the whole table.

Adding a stage means adding it to :data:`STAGES` (and its columns to analysis/schema.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis.hostility import HOSTILITY_COLUMNS, score_hostility
from analysis.replies import article_documents, infer_parents
from analysis.schema import Col
from analysis.sentiment import score_sentiment
from analysis.threads import build_threads
from analysis.topics import (
    FittedTopics,
    TopicModel,
    article_similarity,
    fit_and_assign_topics,
    inherit_topics,
)


@dataclass(frozen=True)
class StageInputs:
    """What a stage may need beyond the comments. ``n_jobs`` is the number of processes a
    stage may start itself (1 inside a worker process, whose engine is the parallelism)."""

    articles: pd.DataFrame | None = None  # schema.ARTICLE_COLUMNS
    n_topics: int | None = None
    random_state: int = 0
    n_jobs: int | None = None
    # A topic model fitted on the whole corpus elsewhere (Dask: on the client), and the article
    # texts by article id; with them the topics stage only assigns, it does not fit.
    topic_model: TopicModel | None = None
    article_texts: pd.Series | None = None
    # The articles' own texts reply inference reads (replies.article_documents of
    # ``articles`` when not given).
    reply_texts: Mapping[str, str] | None = None


class StageResult(NamedTuple):
    """What a stage gives back: its columns, and the topic model when the stage fitted one
    (kept with the analysis, so corrections place changed comments without a refit)."""

    columns: pd.DataFrame
    topics: FittedTopics | None = None


@dataclass(frozen=True)
class Stage:
    """One analysis stage: its name, its function (the comments with its columns, or a
    StageResult), the columns it writes, whether it scores each comment alone (so may be cut
    into pieces of rows) and the columns it reads (None: every reader column, for a stage that
    needs whole articles)."""

    name: str
    function: Callable[[pd.DataFrame, StageInputs], pd.DataFrame | StageResult]
    columns: tuple[str, ...]
    piecewise: bool
    reads: tuple[str, ...] | None


def _sentiment(comments: pd.DataFrame, inputs: StageInputs) -> pd.DataFrame:
    return score_sentiment(comments, n_jobs=inputs.n_jobs)


def _hostility(comments: pd.DataFrame, inputs: StageInputs) -> pd.DataFrame:
    return score_hostility(comments, n_jobs=inputs.n_jobs)


def _topics(comments: pd.DataFrame, inputs: StageInputs) -> pd.DataFrame | StageResult:
    model = inputs.topic_model
    if model is None:
        placed, fitted = fit_and_assign_topics(comments, inputs.articles,
                                               n_topics=inputs.n_topics,
                                               random_state=inputs.random_state)
        return StageResult(placed, fitted.fitted_topics())
    texts = inputs.article_texts if inputs.article_texts is not None else pd.Series(dtype=object)
    X = model.vectorize(comments[Col.TEXT].tolist())
    topic_ids = model.assign_matrix(X)
    here = texts[texts.index.isin(comments[Col.ARTICLE_ID].unique())]
    return comments.assign(**{
        Col.TOPIC_ID: topic_ids,
        Col.TOPIC_LABEL: model.label_of(topic_ids),
        Col.ARTICLE_SIMILARITY: article_similarity(
            X, comments[Col.ARTICLE_ID], model.vectorize(here.tolist()), here.index),
    })


def _replies(comments: pd.DataFrame, inputs: StageInputs) -> pd.DataFrame:
    # The threads read only the reply columns: built in the same stage, they leave a worker
    # with its links.
    texts = inputs.reply_texts
    return build_threads(infer_parents(
        comments, article_documents(inputs.articles) if texts is None else texts))


STAGES: tuple[Stage, ...] = (
    Stage("sentiment", _sentiment, (Col.SENTIMENT, Col.SENTIMENT_LABEL), piecewise=True,
          reads=(Col.TEXT,)),
    Stage("hostility", _hostility, tuple(HOSTILITY_COLUMNS), piecewise=True, reads=(Col.TEXT,)),
    Stage("topics", _topics, (Col.TOPIC_ID, Col.TOPIC_LABEL, Col.ARTICLE_SIMILARITY),
          piecewise=False, reads=(Col.TEXT, Col.ARTICLE_ID)),
    Stage("replies", _replies, (Col.PARENT_ID, Col.REPLY_CONFIDENCE, Col.REPLY_EVIDENCE,
                                Col.INFERRED, Col.REPLY_ADDRESSES, Col.REPLY_STATED,
                                Col.THREAD_ID, Col.DEPTH),
          piecewise=False, reads=None),
)
"""The stages, in the order their columns are joined."""

STAGE_BY_NAME: dict[str, Stage] = {stage.name: stage for stage in STAGES}


def stage_input(stage: Stage, comments: pd.DataFrame) -> pd.DataFrame:
    """The columns of ``comments`` that ``stage`` reads (all of them when it says None)."""
    return comments if stage.reads is None else comments[list(stage.reads)]


def run_stage(stage: Stage, comments: pd.DataFrame, inputs: StageInputs) -> StageResult:
    """``stage`` over ``comments``: a frame of its columns only, in the input's row order, and
    the topic model it fitted (if any)."""
    result = stage.function(comments, inputs)
    if not isinstance(result, StageResult):
        result = StageResult(result)
    return StageResult(result.columns[list(stage.columns)], result.topics)


def run_stages(comments: pd.DataFrame, inputs: StageInputs,
               progress: ProgressReport | None = None,
               on_stage: Callable[[str, float], None] | None = None,
               finish: bool = True,
               on_topics: Callable[[FittedTopics], None] | None = None) -> pd.DataFrame:
    """Every stage over ``comments`` one after another, each reading the reader's columns,
    then (with ``finish``) :func:`finish_comments`. ``progress`` hears each stage start,
    advance and end; ``on_stage(name, seconds)`` each stage's time; ``on_topics`` the topic
    model when the topics stage fits one."""
    out = comments
    for stage in STAGES:
        if progress is not None:
            progress.start(stage.name, len(comments))
        start = time.perf_counter()
        result = run_stage(stage, stage_input(stage, comments), inputs)
        out = out.assign(**result.columns)
        if result.topics is not None and on_topics is not None:
            on_topics(result.topics)
        if on_stage is not None:
            on_stage(stage.name, time.perf_counter() - start)
        if progress is not None:
            progress.advance(stage.name, len(comments))
            progress.end(stage.name)
    return finish_comments(out) if finish else out


def finish_comments(comments: pd.DataFrame) -> pd.DataFrame:
    """What needs every stage's columns of whole articles: a reply without topic words takes
    its thread's topic (:func:`analysis.topics.inherit_topics`)."""
    return inherit_topics(comments)


# ---------------------------------------------------------------------------- progress

READ_STAGE = "read"
METRICS_STAGE = "metrics"
PROGRESS_STAGES: tuple[str, ...] = (READ_STAGE, *(stage.name for stage in STAGES),
                                    METRICS_STAGE)
"""The stages a local analysis reports, in the order a reader expects them."""
STAGE_UNITS = {READ_STAGE: "files"}  # every other stage counts comments


@dataclass(frozen=True)
class StageEvent:
    """One progress report: ``stage`` started (done 0), advanced, or ended (done == total).
    ``done`` and ``total`` count the stage's work units (files for reading, else comments)."""

    stage: str
    kind: str  # "start", "advance" or "end"
    done: int
    total: int

    @property
    def unit(self) -> str:
        return STAGE_UNITS.get(self.stage, "comments")


Progress = Callable[[StageEvent], None]
"""A progress callback: hears every StageEvent. It must not fail; it may ignore events."""


class ProgressReport:
    """Turns an engine's work into StageEvents for a callback: each stage starts once (with its
    total), advances by the work finished, and ends once with done == total."""

    def __init__(self, callback: Progress | None) -> None:
        self._callback = callback
        self._done: dict[str, int] = {}
        self._total: dict[str, int] = {}

    def start(self, stage: str, total: int) -> None:
        if stage in self._total:
            return
        self._total[stage], self._done[stage] = total, 0
        self._send(StageEvent(stage, "start", 0, total))

    def advance(self, stage: str, amount: int) -> None:
        if amount <= 0:
            return
        self._done[stage] += amount
        self._send(StageEvent(stage, "advance", self._done[stage], self._total[stage]))

    def end(self, stage: str) -> None:
        done, total = self._done.pop(stage), self._total[stage]
        if done != total:
            raise RuntimeError(f"stage {stage}: {done} of {total} units reported")
        self._send(StageEvent(stage, "end", done, total))

    def started(self, stage: str) -> bool:
        return stage in self._total

    def _send(self, event: StageEvent) -> None:
        if self._callback is not None:
            self._callback(event)


class ProgressBoard:
    """What a screen shows of an analysis while it runs, from its StageEvents: the stages
    done, running (with their share done) and left, and the overall share done (each stage
    of ``stages`` weighs the same)."""

    def __init__(self, stages: tuple[str, ...] = PROGRESS_STAGES) -> None:
        self.stages = list(stages)
        self.latest: dict[str, StageEvent] = {}

    def update(self, event: StageEvent) -> None:
        if event.stage not in self.stages:
            self.stages.append(event.stage)
        self.latest[event.stage] = event

    def done(self) -> list[str]:
        return [s for s in self.stages if s in self.latest and self.latest[s].kind == "end"]

    def running(self) -> list[str]:
        return [s for s in self.stages if s in self.latest and self.latest[s].kind != "end"]

    def left(self) -> list[str]:
        return [s for s in self.stages if s not in self.latest]

    def fraction(self) -> float:
        """Overall share done, 0-1."""
        shares = []
        for stage in self.stages:
            event = self.latest.get(stage)
            if event is None:
                shares.append(0.0)
            elif event.kind == "end" or event.total == 0:
                shares.append(1.0 if event.kind == "end" else 0.0)
            else:
                shares.append(event.done / event.total)
        return sum(shares) / len(shares) if shares else 0.0

    def running_text(self) -> str:
        """"sentiment 3,000 of 9,000 comments · replies 0 of 9,000 comments" ("" when none)."""
        return " · ".join(f"{s} {self.latest[s].done:,} of {self.latest[s].total:,} "
                          f"{self.latest[s].unit}" for s in self.running())

    def summary(self) -> str:
        """The stages by state, one line each: done, running, left."""
        lines = []
        if self.done():
            lines.append("done: " + ", ".join(self.done()))
        if self.running():
            lines.append("running: " + self.running_text())
        if self.left():
            lines.append("left: " + ", ".join(self.left()))
        return "\n".join(lines)
