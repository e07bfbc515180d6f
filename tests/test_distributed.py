"""The Dask engine gives the single-machine table row for row (floats within tolerance)."""

import numpy as np
import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.bench import build_corpus
from analysis.distributed import analyse_sources_dask, article_groups
from analysis.pipeline import analyse_sources, combine_sources
from analysis.readers import read_bytes, read_source, seed_paths
from analysis.replies import infer_parents
from analysis.schema import ALL_COMMENT_COLUMNS, Col
from analysis.threads import build_threads
from analysis.topics import assign_topics, inherit_topics


def assert_same_table(local: pd.DataFrame, dist: pd.DataFrame) -> None:
    assert list(dist.columns) == list(local.columns)
    assert len(dist) == len(local)
    for column in local.columns:
        exact = not pd.api.types.is_float_dtype(local[column])
        pd.testing.assert_series_equal(dist[column], local[column], check_exact=exact,
                                       rtol=1e-9, atol=1e-12)


def test_article_groups_keep_articles_whole_and_balance_rows():
    ids = pd.Series(["a"] * 5 + ["b"] * 1 + ["c"] * 4 + ["a"] * 2 + ["d"] * 3)
    groups = article_groups(ids, partitions=3)
    assert sorted(np.concatenate(groups).tolist()) == list(range(len(ids)))
    articles = [set(ids.iloc[g]) for g in groups]
    for i, left in enumerate(articles):
        for right in articles[i + 1:]:
            assert not left & right
    assert all(len(g) > 0 for g in groups)
    assert len(groups) == 3
    assert article_groups(ids, partitions=1)[0].tolist() == list(range(len(ids)))


@pytest.fixture(scope="module")
def sources():
    corpus = build_corpus(1_500, seed=7, per_article=(30, 250))
    return [read_source(p) for p in seed_paths()] + [read_bytes(n, d) for n, d in corpus.files]


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


@pytest.mark.slow
@pytest.mark.parametrize("partitions,n_topics", [(4, None), (3, 6)])
def test_dask_equals_single_machine(sources, client, partitions, n_topics):
    local = analyse_sources(sources, n_topics=n_topics).comments
    dist = analyse_sources_dask(sources, n_topics=n_topics, partitions=partitions, client=client)
    assert local[Col.ARTICLE_ID].nunique() > partitions  # several articles per partition
    assert_same_table(local, dist)
    assert list(dist.columns) == ALL_COMMENT_COLUMNS


@pytest.mark.slow
def test_dask_reports_its_partitions_as_the_workers_finish_them(sources, client):
    events = []
    dist = analyse_sources_dask(sources, partitions=3, client=client, progress=events.append)
    partitions = [e for e in events if e.stage == "partitions"]
    assert partitions[0].kind == "start" and partitions[-1].kind == "end"
    advances = [e for e in partitions if e.kind == "advance"]
    assert len(advances) >= 3  # one per partition (an article larger than the rest: more)
    assert advances[-1].done == partitions[-1].total == len(dist)
    assert [e.kind for e in events if e.stage == "topic model"] == ["start", "advance", "end"]


@pytest.mark.slow
def test_dask_sample_fitted_topics_match_local_when_sampling(sources, client):
    # Fewer fit rows than comments: both engines fit on the same deterministic sample.
    dist = analyse_sources_dask(sources, partitions=2, client=client, max_fit_rows=500)
    comments, articles = combine_sources(sources)
    # The same reply structure lets topic-less replies take their ancestors' topics.
    sampled = inherit_topics(build_threads(infer_parents(
        assign_topics(comments, articles, max_fit_rows=500))))
    assert (dist[Col.TOPIC_ID].to_numpy() == sampled[Col.TOPIC_ID].to_numpy()).all()
    assert (dist[Col.TOPIC_LABEL].to_numpy() == sampled[Col.TOPIC_LABEL].to_numpy()).all()
    assert len(dist) == len(comments)


@pytest.mark.slow
def test_cli_dask_engine_writes_the_local_csv(tmp_path):
    corpus = build_corpus(400, seed=2, per_article=(50, 150))
    paths = [str(p) for p in seed_paths()]
    for name, data in corpus.files:
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    assert main(["comments", *paths, "--out", str(tmp_path / "local.csv")]) == 0
    assert main(["comments", *paths, "--engine", "dask", "--partitions", "3",
                 "--out", str(tmp_path / "dask.csv")]) == 0
    local = pd.read_csv(tmp_path / "local.csv", dtype=str, keep_default_na=False)
    dist = pd.read_csv(tmp_path / "dask.csv", dtype=str, keep_default_na=False)
    floats = [Col.SENTIMENT, Col.HOSTILITY, Col.REPLY_CONFIDENCE]
    pd.testing.assert_frame_equal(dist.drop(columns=floats), local.drop(columns=floats))
    for column in floats:
        a = pd.to_numeric(local[column].replace("", np.nan))
        b = pd.to_numeric(dist[column].replace("", np.nan))
        np.testing.assert_allclose(b, a, rtol=1e-9, equal_nan=True)
