import pandas as pd
import pytest

import analysis.pipeline as pipeline
from analysis.readers import SourceError
from analysis.schema import Col
from tests.conftest import SEED_ARTICLE_ONLY, SEED_WITH_COMMENTS


def test_parallel_reading_equals_sequential(monkeypatch, write_source):
    extra = write_source("extra.csv", "id,parent_id,text\n1,,hello there\n2,1,and you\n")
    paths = [SEED_WITH_COMMENTS, SEED_ARTICLE_ONLY, extra]
    sequential = pipeline.read_sources(paths)
    monkeypatch.setattr(pipeline, "PARALLEL_READ_MIN_BYTES", 0)
    parallel = pipeline.read_sources(paths)
    assert [s.name for s in parallel] == [s.name for s in sequential]
    for a, b in zip(parallel, sequential, strict=True):
        pd.testing.assert_frame_equal(a.comments, b.comments)
        assert a.report.to_text() == b.report.to_text()


def test_error_from_a_reading_process_keeps_file_line_and_reason(monkeypatch, write_source):
    monkeypatch.setattr(pipeline, "PARALLEL_READ_MIN_BYTES", 0)
    bad = write_source("bad.jsonl", "{broken\n")
    with pytest.raises(SourceError) as caught:
        pipeline.read_sources([SEED_WITH_COMMENTS, bad])
    assert (caught.value.path, caught.value.line) == ("bad.jsonl", 1)
    assert "no valid JSON" in caught.value.reason


def test_analysis_with_parallel_reading_names_the_first_bad_file(monkeypatch, write_source):
    monkeypatch.setattr(pipeline, "PARALLEL_READ_MIN_BYTES", 0)
    monkeypatch.setattr(pipeline, "READ_JOBS", 24)  # each file in a job of its own
    first_bad = write_source("bad.jsonl", "{broken\n")
    second_bad = write_source("worse.jsonl", "\n\n{also broken\n")
    with pytest.raises(SourceError) as caught:
        pipeline.analyse_paths([SEED_WITH_COMMENTS, first_bad, SEED_WITH_COMMENTS, second_bad])
    assert (caught.value.path, caught.value.line) == ("bad.jsonl", 1)


def test_pages_stacked_as_columns_give_the_pages_frames_stacked():
    from analysis.bench import build_corpus
    from analysis.readers import PageColumns, read_bytes, read_bytes_unframed

    files = build_corpus(400, seed=2).files
    pages = [read_bytes_unframed(name, data)[1] for name, data in files]
    assert all(page is not None for page in pages)
    sources = [read_bytes(name, data) for name, data in files]
    stacked = PageColumns.stack(pages)
    pd.testing.assert_frame_equal(
        stacked.comment_frame(), pd.concat([s.comments for s in sources], ignore_index=True))
    pd.testing.assert_frame_equal(
        stacked.article_frame(), pd.concat([s.articles for s in sources], ignore_index=True))


def test_clashing_ids_across_sources_are_prefixed_and_links_follow(write_source):
    first = write_source("a.csv", "id,parent_id,text\n1,,root here\n2,1,reply here\n")
    second = first.parent / "b.csv"
    second.write_text("id,parent_id,text\n1,,other root\n2,1,other reply\n", encoding="utf-8")
    comments, _ = pipeline.combine_sources(pipeline.read_sources([first, second]))
    assert comments[Col.COMMENT_ID].is_unique
    reply = comments[comments[Col.TEXT] == "other reply"].iloc[0]
    root = comments[comments[Col.TEXT] == "other root"].iloc[0]
    assert reply[Col.PARENT_ID] == root[Col.COMMENT_ID]


def test_parallel_reading_prefixes_clashing_ids_as_sequential_reading_does(monkeypatch,
                                                                            write_source):
    first = write_source("a.csv", "id,parent_id,text\n1,,root here\n2,1,reply here\n")
    second = first.parent / "b.csv"
    second.write_text("id,parent_id,text\n1,,other root\n2,1,other reply\n", encoding="utf-8")
    # Pages share their columns, so they travel stacked; the CSV files have columns of their own.
    for paths in ([SEED_WITH_COMMENTS, SEED_WITH_COMMENTS],
                  [SEED_WITH_COMMENTS, first, second, SEED_WITH_COMMENTS]):
        monkeypatch.setattr(pipeline, "PARALLEL_READ_MIN_BYTES", 10**12)
        sequential = pipeline.analyse_paths(paths)
        monkeypatch.setattr(pipeline, "PARALLEL_READ_MIN_BYTES", 0)
        for jobs in (1, 2, 24):  # several files in one job, and every file alone
            monkeypatch.setattr(pipeline, "READ_JOBS", jobs)
            parallel = pipeline.analyse_paths(paths)
            assert parallel.comments[Col.COMMENT_ID].is_unique
            pd.testing.assert_frame_equal(parallel.comments, sequential.comments)
            pd.testing.assert_frame_equal(parallel.articles, sequential.articles)
            assert [r.to_text() for r in parallel.reports] == \
                [r.to_text() for r in sequential.reports]


def _check_progress(events, totals: dict[str, int]) -> None:
    """Every stage starts once with its total, advances by what it finished and ends once with
    everything done; the advances add up to the total."""
    from analysis.stages import PROGRESS_STAGES

    assert {event.stage for event in events} == set(PROGRESS_STAGES)
    for stage in PROGRESS_STAGES:
        mine = [event for event in events if event.stage == stage]
        assert mine[0].kind == "start" and mine[0].done == 0, (stage, mine)
        assert mine[-1].kind == "end" and mine[-1].done == mine[-1].total, (stage, mine)
        assert [event.kind for event in mine[1:-1]] == ["advance"] * (len(mine) - 2)
        done = [event.done for event in mine]
        assert done == sorted(done)  # never backwards
        assert {event.total for event in mine} == {totals[stage]}
    # Reading ends before any other stage ends; the thread metrics come last.
    ends = [event.stage for event in events if event.kind == "end"]
    assert ends[0] == "read" and ends[-1] == "metrics"


@pytest.mark.parametrize("way", ["sequential", "concurrent", "read alongside"])
def test_every_stage_reports_its_start_end_and_work(monkeypatch, way):
    from analysis.bench import build_corpus

    files = build_corpus(600, seed=3).files[:4]
    if way != "sequential":
        monkeypatch.setattr(pipeline, "CONCURRENT_MIN_ROWS", 1)
        monkeypatch.setattr(pipeline, "PIECE_ROWS", 100)  # several pieces per stage
    if way == "read alongside":
        monkeypatch.setattr(pipeline, "PARALLEL_READ_MIN_BYTES", 0)
    events = []
    result = pipeline.analyse_files(files, progress=events.append)
    totals = {stage: len(result.comments) for stage in
              ("sentiment", "hostility", "topics", "replies", "metrics")}
    _check_progress(events, {**totals, "read": len(files)})
    if way != "sequential":
        advances = [e for e in events if e.stage == "sentiment" and e.kind == "advance"]
        assert len(advances) > 1
    quiet = pipeline.analyse_files(files)
    pd.testing.assert_frame_equal(result.comments, quiet.comments)
    # Every way keeps the topic model that placed the comments (from the worker that fitted
    # it, when the stages run in worker processes).
    placed = result.topics.transform(result.comments[Col.TEXT].tolist())
    own = placed != -1
    assert own.sum() > len(placed) / 2
    assert (result.comments[Col.TOPIC_ID].to_numpy()[own] == placed[own]).all()
    assert set(result.comments[Col.TOPIC_LABEL]) <= {*result.topics.labels,
                                                     "no topic: too few words"}
