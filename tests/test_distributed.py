"""The Dask engine gives the single-machine table row for row (floats within tolerance)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.bench import build_corpus
from analysis.corrections import CORRECTED_BY_HAND, apply_corrections, read_corrections_file
from analysis.distributed import analyse_on_dask, analyse_sources_dask, article_groups
from analysis.export import read_safe_csv
from analysis.pipeline import analyse_sources, combine_sources, read_sources
from analysis.readers import read_bytes, read_source, seed_paths, source_bytes
from analysis.replies import infer_parents
from analysis.schema import ALL_COMMENT_COLUMNS, Col, ThreadCol
from analysis.threads import build_threads
from analysis.topics import assign_topics, inherit_topics
from tests.conftest import TWO_TOPICS_NAME, TWO_TOPICS_PAGE


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


SEED = seed_paths()[0].name
# A structured export: a relink there changes rows in place, not a page's block of rows.
EXPORT = "id,parent_id,author,text\n1,,ann,Where is the timetable?\n2,1,bob,On the website.\n" \
         "3,2,cat,It is out of date.\n4,,dan,Close it.\n"
FIXES = (f"source,line,action,target\n{SEED},49,split,\n{SEED},31,join,\n"
         f"{SEED},60,parent,20\nexport.csv,4,parent,2\n{SEED},999,split,\n"
         # Comments whose words are placed in topics by the kept model: a split of two
         # subjects, a join, a part without known words made top-level.
         f"{TWO_TOPICS_NAME},19,split,\n{TWO_TOPICS_NAME},23,join,\n"
         f"{TWO_TOPICS_NAME},28,split,\n{TWO_TOPICS_NAME},28,parent,\n")


@pytest.fixture(scope="module")
def corrected_inputs(tmp_path_factory):
    """The seeds, generated pages, a page of two topics and an export as files, and a
    corrections file with splits, joins, relinks on a page and on an export, and a row that
    cannot apply."""
    folder = tmp_path_factory.mktemp("dask_corrections")
    paths = [str(p) for p in seed_paths()]
    corpus = build_corpus(900, seed=5, per_article=(40, 200))
    for name, data in [*corpus.files, ("export.csv", EXPORT.encode()),
                       (TWO_TOPICS_NAME, TWO_TOPICS_PAGE.encode())]:
        (folder / name).write_bytes(data)
        paths.append(str(folder / name))
    fixes = folder / "fixes.csv"
    fixes.write_text(FIXES, encoding="utf-8")
    return paths, fixes


def _corrected(result, paths, fixes):
    rows, unreadable = read_corrections_file(fixes)
    assert not unreadable
    by_name = {Path(p).name: p for p in paths}
    return apply_corrections(result, rows, lambda name: source_bytes(by_name[name]))


@pytest.mark.slow
def test_dask_with_corrections_equals_single_machine_with_them(corrected_inputs, client):
    paths, fixes = corrected_inputs
    sources = read_sources(paths)
    local = _corrected(analyse_sources(sources), paths, fixes)
    events = []
    analysed = analyse_on_dask(sources, partitions=3, client=client, progress=events.append)
    # The thread tables are measured on the client after the partitions, and say so.
    assert [(e.stage, e.kind) for e in events if e.kind != "advance"] == [
        ("topic model", "start"), ("topic model", "end"), ("partitions", "start"),
        ("partitions", "end"), ("metrics", "start"), ("metrics", "end")]
    assert events[-1].done == len(analysed.comments)
    dist = _corrected(analysed, paths, fixes)
    assert local.analysis.comments[Col.ARTICLE_ID].nunique() > 3
    # Every row applied but the one naming a line the seed does not have, on both engines.
    assert [p.row for p in dist.problems] == [p.row for p in local.problems] == [6]
    assert dist.articles == local.articles and len(local.articles) == 3
    comments = local.analysis.comments
    seed = comments[comments[Col.SOURCE] == SEED].set_index(Col.LINE_START)
    assert (seed.loc[48, Col.LINE_END], seed.loc[49, Col.LINE_END]) == (48, 50)
    assert seed.loc[29, Col.LINE_END] == 31 and 31 not in seed.index
    assert seed.loc[60, Col.PARENT_ID] == seed.loc[20, Col.COMMENT_ID]
    exported = comments[comments[Col.SOURCE] == "export.csv"].set_index(Col.COMMENT_ID)
    assert exported.loc["4", Col.REPLY_EVIDENCE] == CORRECTED_BY_HAND
    # Both engines keep the model that placed the comments, and place the changed ones by it.
    assert dist.analysis.topics.labels == local.analysis.topics.labels
    pitch = comments[comments[Col.SOURCE] == TWO_TOPICS_NAME].set_index(Col.LINE_START)
    assert (pitch.loc[18, Col.LINE_END], pitch.loc[21, Col.LINE_END]) == (18, 23)
    for line in (18, 19, 21):
        assert pitch.loc[line, Col.TOPIC_ID] == \
            local.analysis.topics.transform([pitch.loc[line, Col.TEXT]])[0] != -1
    assert pitch.loc[28, Col.TOPIC_ID] == -1  # no known words, top-level: no topic
    assert_same_table(comments, dist.analysis.comments)
    assert_same_table(local.analysis.threads, dist.analysis.threads)
    assert_same_table(local.analysis.page_order_threads, dist.analysis.page_order_threads)
    assert [r.to_text("x") for r in dist.analysis.reports] == \
        [r.to_text("x") for r in local.analysis.reports]


@pytest.mark.slow
def test_cli_dask_engine_takes_corrections_for_every_command(corrected_inputs, tmp_path):
    paths, fixes = corrected_inputs
    # Fewer files than the first test: each command starts a cluster of its own.
    paths = [p for p in paths if Path(p).name not in {"bench_00000.txt", "bench_00003.txt",
                                                      "bench_00004.txt", "bench_00005.txt",
                                                      "bench_00006.txt", "bench_00007.txt"}]
    written = {}
    for engine in ("local", "dask"):
        engine_options = ["--engine", engine, "--partitions", "2"]
        for command, *options in (("comments", "--all-columns"), ("threads",)):
            out = tmp_path / f"{command}-{engine}.csv"
            assert main([command, *paths, "--corrections", str(fixes), *engine_options,
                         *options, "--out", str(out)]) == 0
            written[command, engine] = read_safe_csv(out)
        out = tmp_path / f"people-{engine}.csv"
        edges = tmp_path / f"edges-{engine}.csv"
        assert main(["people", *paths, "--corrections", str(fixes), *engine_options,
                     "--out", str(out), "--edges", str(edges)]) == 0
        written["people", engine] = read_safe_csv(out)
        written["edges", engine] = read_safe_csv(edges)
    for name in ("comments", "threads", "people", "edges"):
        assert_same_table(written[name, "local"], written[name, "dask"])
    comments = written["comments", "dask"]
    # The seed's split and join; the two-topic page's two splits and join.
    assert (comments[Col.SEGMENT_EVIDENCE] == CORRECTED_BY_HAND).sum() == 3 + 5
    assert written["threads", "dask"][ThreadCol.SIZE].sum() == len(comments)
    # dan's comment answers bob's by hand: an edge the export alone does not give.
    edges = written["edges", "dask"]
    assert ("dan", "bob") in set(zip(edges["from_author"], edges["to_author"], strict=True))


@pytest.mark.slow
def test_cli_report_on_dask_counts_the_corrected_comments(corrected_inputs, capsys):
    paths, fixes = corrected_inputs
    seed = [p for p in paths if Path(p).name == SEED]
    assert main(["report", *seed, "--corrections", str(fixes)]) == 0
    local = capsys.readouterr()
    assert main(["report", *seed, "--corrections", str(fixes), "--engine", "dask"]) == 0
    dist = capsys.readouterr()
    assert dist.out == local.out and "comments: 73" in dist.out  # one split, one join
    assert dist.err == local.err and "fixes.csv:6: no line 999" in dist.err
