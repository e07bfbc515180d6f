"""The per-comment pipeline on Dask, for corpora larger than one process handles comfortably.

``python -m analysis comments --engine dask SOURCES --out x.csv [--partitions N]``

1. The client reads the sources and stacks them exactly as the local pipeline does
   (:func:`analysis.pipeline.combine_sources`).
2. The topic model is fitted on the client: :class:`analysis.topics.TopicModel` with the same
   ``n_topics``, ``random_state`` and ``max_fit_rows`` that :func:`analysis.topics.assign_topics`
   uses, over the same texts in the same order, so it draws the same deterministic sample and
   learns the same model as the local pipeline. Only the fitted model goes to the workers.
3. Comments are written as Parquet partitions split at article boundaries: reply inference and
   thread building need every comment of an article in one partition.
4. Each partition is scored on a worker (sentiment, hostility, topic transform and article
   similarity, reply inference, threads) with ``map_partitions``. The VADER analyser, the
   hostility rules and the hostility model are module-level caches, built once per worker
   process when the cluster starts, not per partition or row.
5. The client gathers the partitions and restores the input's row order.

The result equals ``analyse_sources(...).comments`` row for row. :func:`analyse_on_dask` goes on
to the whole :class:`~analysis.pipeline.Analysis`: the thread tables are measured on the client
from the gathered table, as the local pipeline measures them, and it keeps the client's topic
model, so corrections (:func:`analysis.corrections.apply_corrections`, which relink, rescore
and place in topics only the corrected articles, on the client) give the same tables as on the
local engine.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cache import _object_columns, _restore_object_columns
from analysis.pipeline import Analysis, _finish, combine_sources, read_sources
from analysis.readers import Source
from analysis.replies import article_documents
from analysis.schema import ALL_COMMENT_COLUMNS, Col
from analysis.sentiment import get_analyzer
from analysis.stages import Progress, ProgressReport, StageInputs, run_stages
from analysis.topics import FittedTopics, TopicModel, known_article_texts

ROW = "_row"
"""Position of a comment in the stacked input, carried through the workers to restore order."""
DEFAULT_WORKERS = 2
TOPIC_FIT_STAGE = "topic model"  # progress: the client fits the topic model (comments)
PARTITIONS_STAGE = "partitions"  # progress: comments of the partitions the workers finished
DASK_PROGRESS_STAGES = ("read", TOPIC_FIT_STAGE, PARTITIONS_STAGE)


def analyse_paths_dask(paths: Iterable[str | Path], n_topics: int | None = None,
                       partitions: int | None = None, random_state: int = 0,
                       client=None, progress: Progress | None = None) -> pd.DataFrame:
    """Read files on the client and analyse their comments on Dask; see the module docstring.

    Without ``client`` a ``LocalCluster(n_workers=2, threads_per_worker=1)`` is started and
    closed. Returns the per-comment table (``schema.ALL_COMMENT_COLUMNS``). ``progress``
    hears the stages of DASK_PROGRESS_STAGES (the partitions as the workers finish them).
    """
    return analyse_sources_dask(read_sources(paths, progress=progress), n_topics=n_topics,
                                partitions=partitions, random_state=random_state,
                                client=client, progress=progress)


def analyse_sources_dask(sources: Sequence[Source], n_topics: int | None = None,
                         partitions: int | None = None, random_state: int = 0,
                         client=None, max_fit_rows: int = 20_000,
                         progress: Progress | None = None) -> pd.DataFrame:
    """The per-comment table of already read sources, computed on Dask."""
    comments, articles = combine_sources(sources)
    return _comments_on_dask(comments, articles, n_topics, partitions, random_state, client,
                             max_fit_rows, ProgressReport(progress))[0]


def analyse_on_dask(sources: Sequence[Source], n_topics: int | None = None,
                    partitions: int | None = None, random_state: int = 0, client=None,
                    max_fit_rows: int = 20_000, progress: Progress | None = None) -> Analysis:
    """The whole analysis of already read sources, its per-comment table computed on Dask and
    its thread tables (``threads``, ``page_order_threads``) measured on the client, as
    ``analyse_sources`` measures them; ``progress`` also hears the metrics stage."""
    report = ProgressReport(progress)
    comments, articles = combine_sources(sources)
    table, topics = _comments_on_dask(comments, articles, n_topics, partitions, random_state,
                                      client, max_fit_rows, report)
    return _finish(table, articles, [source.report for source in sources], {}, report,
                   finished=True, topics=topics)


def _comments_on_dask(comments: pd.DataFrame, articles: pd.DataFrame, n_topics: int | None,
                      partitions: int | None, random_state: int, client, max_fit_rows: int,
                      report: ProgressReport) -> tuple[pd.DataFrame, FittedTopics | None]:
    """The per-comment table, and the topic model that placed its comments."""
    report.start(TOPIC_FIT_STAGE, len(comments))
    if comments.empty:
        report.end(TOPIC_FIT_STAGE)
        return pd.DataFrame({c: pd.Series(dtype="object") for c in ALL_COMMENT_COLUMNS}), None
    model, article_texts = fit_topics(comments, articles, n_topics=n_topics,
                                      random_state=random_state, max_fit_rows=max_fit_rows)
    report.advance(TOPIC_FIT_STAGE, len(comments))
    report.end(TOPIC_FIT_STAGE)
    if client is None:
        from dask.distributed import Client, LocalCluster

        with LocalCluster(n_workers=DEFAULT_WORKERS, threads_per_worker=1,
                          dashboard_address=None, processes=True) as cluster, \
                Client(cluster) as own_client:
            table = _run(own_client, comments, model, article_texts, partitions,
                         article_documents(articles), report)
    else:
        table = _run(client, comments, model, article_texts, partitions,
                     article_documents(articles), report)
    return table, model.fitted_topics()


def fit_topics(comments: pd.DataFrame, articles: pd.DataFrame, n_topics: int | None = None,
               random_state: int = 0, max_fit_rows: int = 20_000
               ) -> tuple[TopicModel, pd.Series]:
    """The topic model ``assign_topics`` would fit (same texts, order, sample and parameters),
    and the article texts (indexed by article id) that article similarity compares with."""
    texts = comments[Col.TEXT].tolist()
    with_text = known_article_texts(articles)
    model = TopicModel(n_topics=n_topics, random_state=random_state,
                       max_fit_rows=max_fit_rows).fit(texts, context_texts=with_text.tolist())
    return model, with_text


def article_groups(article_ids: pd.Series, partitions: int) -> list[np.ndarray]:
    """Row positions per partition: whole articles, in first-seen order, in groups of about
    equal row counts (an article larger than the target makes a partition of its own)."""
    codes, uniques = pd.factorize(article_ids, sort=False)
    sizes = np.bincount(codes, minlength=len(uniques))
    target = max(1, -(-len(article_ids) // max(partitions, 1)))
    group_of_article = np.empty(len(uniques), dtype=np.int64)
    group, filled = 0, 0
    for article in range(len(uniques)):
        if filled and filled + sizes[article] > target:
            group, filled = group + 1, 0
        group_of_article[article] = group
        filled += sizes[article]
    group_of_row = group_of_article[codes]
    order = np.argsort(group_of_row, kind="stable")
    bounds = np.searchsorted(group_of_row[order], np.arange(group + 2))
    return [order[bounds[g]:bounds[g + 1]] for g in range(group + 1)
            if bounds[g + 1] > bounds[g]]


def analyse_partition(part: pd.DataFrame, model: TopicModel, article_texts: pd.Series,
                      object_columns: dict[str, str] | None = None,
                      reply_texts: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Every per-comment stage over one partition of whole articles (runs on a worker).

    ``object_columns`` names the columns Parquet turned from object into strings, to restore;
    ``reply_texts`` are the articles' own texts reply inference reads (``article_documents``).
    """
    if object_columns:
        part = _restore_object_columns(part, object_columns)
    # The worker is the unit of parallelism; topics are only assigned with the client's model.
    inputs = StageInputs(n_jobs=1, topic_model=model, article_texts=article_texts,
                         reply_texts=reply_texts)
    part = run_stages(part, inputs)
    return part[[*ALL_COMMENT_COLUMNS, ROW]]


def _warm_worker() -> bool:
    """Build the per-process caches (VADER analyser, hostility rules and model) once per
    worker."""
    from analysis.hostility import load_rules
    from analysis.hostility_model import load_model

    get_analyzer()
    load_rules()
    load_model()
    return True


def _run(client, comments: pd.DataFrame, model: TopicModel, article_texts: pd.Series,
         partitions: int | None, reply_texts: dict[str, str], progress: ProgressReport
         ) -> pd.DataFrame:
    import dask
    import dask.dataframe as dd
    from dask.distributed import as_completed

    workers = max(len(client.scheduler_info().get("workers", {})), 1)
    partitions = partitions or 2 * workers
    client.run(_warm_worker)
    comments = comments.reset_index(drop=True).assign(**{ROW: np.arange(len(comments))})
    object_columns = _object_columns(comments)
    groups = article_groups(comments[Col.ARTICLE_ID], partitions)
    with tempfile.TemporaryDirectory(prefix="commentscope-dask-") as tmp:
        paths = []
        for index, rows in enumerate(groups):
            path = Path(tmp) / f"part.{index:05d}.parquet"
            comments.iloc[rows].to_parquet(path, index=False)
            paths.append(str(path))
        smallest = min(groups, key=len)
        meta = analyse_partition(comments.iloc[smallest], model, article_texts,
                                 reply_texts=reply_texts).iloc[:0]
        model_future = client.scatter(model, broadcast=True)
        texts_future = client.scatter(article_texts, broadcast=True)
        # A dict would be scattered value by value: send it as one Series.
        reply_future = client.scatter(pd.Series(reply_texts, dtype=object), broadcast=True)
        # Dask would turn text columns into pyarrow strings; keep pandas' own dtypes.
        with dask.config.set({"dataframe.convert-string": False}):
            ddf = dd.from_map(pd.read_parquet, paths)  # one file, one partition, never merged
            result = ddf.map_partitions(analyse_partition, model_future, texts_future,
                                        object_columns, reply_future, meta=meta,
                                        enforce_metadata=False)
            # One future per partition, so the progress follows the workers' tasks.
            futures = client.compute(result.to_delayed())
            progress.start(PARTITIONS_STAGE, len(comments))
            for future in as_completed(futures):
                progress.advance(PARTITIONS_STAGE, len(future.result()))
            progress.end(PARTITIONS_STAGE)
            out = pd.concat([future.result() for future in futures], ignore_index=True)
    out = out.sort_values(ROW, kind="stable").drop(columns=ROW).reset_index(drop=True)
    changed = {c: meta[c].dtype for c in out.columns if out[c].dtype != meta[c].dtype}
    return out.astype(changed) if changed else out
