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
   similarity, reply inference, threads) with ``map_partitions``. The VADER analyser and the
   hostility rules are module-level caches, built once per worker process when the cluster
   starts, not per partition or row.
5. The client gathers the partitions and restores the input's row order.

The result equals ``analyse_sources(...).comments`` row for row.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.cache import _object_columns, _restore_object_columns
from analysis.hostility import score_hostility
from analysis.pipeline import combine_sources, read_sources
from analysis.readers import Source
from analysis.replies import article_documents, infer_parents
from analysis.schema import ALL_COMMENT_COLUMNS, Col
from analysis.sentiment import get_analyzer, score_sentiment
from analysis.threads import build_threads
from analysis.topics import TopicModel, _article_texts, article_similarity, inherit_topics

ROW = "_row"
"""Position of a comment in the stacked input, carried through the workers to restore order."""
DEFAULT_WORKERS = 2


def analyse_paths_dask(paths: Iterable[str | Path], n_topics: int | None = None,
                       partitions: int | None = None, random_state: int = 0,
                       client=None) -> pd.DataFrame:
    """Read files on the client and analyse their comments on Dask; see the module docstring.

    Without ``client`` a ``LocalCluster(n_workers=2, threads_per_worker=1)`` is started and
    closed. Returns the per-comment table (``schema.ALL_COMMENT_COLUMNS``).
    """
    return analyse_sources_dask(read_sources(paths), n_topics=n_topics, partitions=partitions,
                                random_state=random_state, client=client)


def analyse_sources_dask(sources: Sequence[Source], n_topics: int | None = None,
                         partitions: int | None = None, random_state: int = 0,
                         client=None, max_fit_rows: int = 20_000) -> pd.DataFrame:
    """The per-comment table of already read sources, computed on Dask."""
    comments, articles = combine_sources(sources)
    if comments.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in ALL_COMMENT_COLUMNS})
    model, article_texts = fit_topics(comments, articles, n_topics=n_topics,
                                      random_state=random_state, max_fit_rows=max_fit_rows)
    if client is None:
        from dask.distributed import Client, LocalCluster

        with LocalCluster(n_workers=DEFAULT_WORKERS, threads_per_worker=1,
                          dashboard_address=None, processes=True) as cluster, \
                Client(cluster) as own_client:
            return _run(own_client, comments, model, article_texts, partitions,
                        article_documents(articles))
    return _run(client, comments, model, article_texts, partitions, article_documents(articles))


def fit_topics(comments: pd.DataFrame, articles: pd.DataFrame, n_topics: int | None = None,
               random_state: int = 0, max_fit_rows: int = 20_000
               ) -> tuple[TopicModel, pd.Series]:
    """The topic model ``assign_topics`` would fit (same texts, order, sample and parameters),
    and the article texts (indexed by article id) that article similarity compares with."""
    texts = comments[Col.TEXT].tolist()
    article_texts = _article_texts(articles)
    article_texts = article_texts[~article_texts.index.duplicated(keep="first")]
    with_text = article_texts[article_texts != ""]
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
    part = score_sentiment(part, n_jobs=1)  # the worker is the unit of parallelism
    part = score_hostility(part)
    X = model.vectorize(part[Col.TEXT].tolist())
    topic_ids = model.assign_matrix(X)
    here = article_texts[article_texts.index.isin(part[Col.ARTICLE_ID].unique())]
    part = part.assign(**{
        Col.TOPIC_ID: topic_ids,
        Col.TOPIC_LABEL: model.label_of(topic_ids),
        Col.ARTICLE_SIMILARITY: article_similarity(
            X, part[Col.ARTICLE_ID], model.vectorize(here.tolist()), here.index),
    })
    part = inherit_topics(build_threads(infer_parents(part, reply_texts)))
    return part[[*ALL_COMMENT_COLUMNS, ROW]]


def _warm_worker() -> bool:
    """Build the per-process caches (VADER analyser, hostility rules) once per worker."""
    from analysis.hostility import load_rules

    get_analyzer()
    load_rules()
    return True


def _run(client, comments: pd.DataFrame, model: TopicModel, article_texts: pd.Series,
         partitions: int | None, reply_texts: dict[str, str]) -> pd.DataFrame:
    import dask
    import dask.dataframe as dd

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
            out = result.compute()
    out = out.sort_values(ROW, kind="stable").drop(columns=ROW).reset_index(drop=True)
    changed = {c: meta[c].dtype for c in out.columns if out[c].dtype != meta[c].dtype}
    return out.astype(changed) if changed else out
