"""The benchmark runs end to end on a small corpus; its output format is fixed. No timings."""

import io
import re

import pandas as pd

from analysis.bench import STAGES, build_corpus, run_benchmark, seed_comments
from analysis.readers import read_bytes

LAST_LINE = re.compile(
    r"comments=(\d+) total_s=(\d+\.\d+) vader_s=(\d+\.\d+) ratio=(\d+\.\d+) peak_mb=(\d+)")


def test_corpus_has_the_requested_comments_and_mixes_in_the_seeds():
    corpus = build_corpus(500, seed=1)
    assert len(corpus.texts) == 500
    assert sum(len(lines) for lines in corpus.comment_lines) == 500
    assert len(corpus.files) > 1
    assert set(seed_comments()[:20]) <= set(corpus.texts)
    # The same seed gives the same corpus.
    assert build_corpus(500, seed=1).texts == corpus.texts


def test_corpus_pages_read_as_article_then_comments():
    corpus = build_corpus(300, seed=0)
    for (name, data), lines in zip(corpus.files, corpus.comment_lines, strict=True):
        source = read_bytes(name, data)
        assert len(source.articles) == 1
        assert source.report.comment_lines == len(lines)
        assert source.report.accounted_lines == source.report.total_lines


def test_benchmark_prints_every_stage_and_a_fixed_last_line():
    out = io.StringIO()
    numbers = run_benchmark(300, filter_rows=2_000, out=out)
    lines = out.getvalue().strip().splitlines()
    match = LAST_LINE.fullmatch(lines[-1])
    assert match, lines[-1]
    assert match.group(1) == "300"
    for stage in STAGES:
        assert any(line.startswith(f"stage {stage} ") for line in lines), stage
    assert any(line.startswith("vader alone") for line in lines)
    assert any(line.startswith("peak memory") for line in lines)
    assert any(line.startswith("filter pandas:") for line in lines)
    assert any(line.startswith("filter duckdb:") for line in lines)
    assert set(numbers) >= {"total_s", "vader_s", "ratio", "peak_mb"}


def test_concurrent_stages_give_the_sequential_output(monkeypatch):
    from analysis import pipeline

    files = build_corpus(600, seed=4).files
    sequential = pipeline.analyse_files(files)
    monkeypatch.setattr(pipeline, "CONCURRENT_MIN_ROWS", 1)
    monkeypatch.setattr(pipeline, "PARALLEL_READ_MIN_BYTES", 0)  # read in stacked jobs too
    concurrent = pipeline.analyse_files(files)
    assert "concurrent_wall" in concurrent.timings
    assert "concurrent_wall" not in sequential.timings
    for name in ("comments", "articles", "threads"):
        pd.testing.assert_frame_equal(getattr(concurrent, name), getattr(sequential, name))
    assert set(concurrent.timings) >= set(STAGES) - {"segment"}
