"""The on-disk cache: a hit returns exactly what the pipeline computed; misses and damaged
entries fall back to the pipeline and rewrite the entry."""

import json

import numpy as np
import pandas as pd
import pytest

from analysis import cache
from analysis.cache import cache_dir, cache_key, load_or_analyse, read_entry
from analysis.pipeline import analyse_files
from analysis.readers import seed_paths
from analysis.schema import Col


@pytest.fixture(scope="module")
def seed_files():
    return [(p.name, p.read_bytes()) for p in seed_paths()]


@pytest.fixture(scope="module")
def computed(seed_files):
    return analyse_files(seed_files)


def _assert_same(a, b):
    for name in cache.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    assert a.reports == b.reports
    # The topic model comes back as it was fitted: corrections place comments with it.
    for name in ("terms", "idf", "centroids", "labels"):
        np.testing.assert_array_equal(getattr(a.topics, name), getattr(b.topics, name))
    texts = a.comments[Col.TEXT].tolist()
    np.testing.assert_array_equal(a.topics.transform(texts), b.topics.transform(texts))


def test_cache_dir_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "commentscope"


def test_key_follows_content_names_order_and_topics(seed_files):
    key = cache_key(seed_files)
    assert key == cache_key(list(seed_files))
    assert key != cache_key(seed_files[::-1])
    assert key != cache_key(seed_files, n_topics=5)
    assert key != cache_key([(n, d + b"\nmore") for n, d in seed_files])
    assert key != cache_key([("renamed.txt", d) for _, d in seed_files[:1]] + seed_files[1:])


def test_miss_then_hit_returns_identical_tables(seed_files, computed, tmp_path, monkeypatch):
    first = load_or_analyse(seed_files, folder=tmp_path)
    _assert_same(first, computed)
    entries = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert len(entries) == 1
    assert {p.name for p in entries[0].iterdir()} == {
        "comments.parquet", "articles.parquet", "threads.parquet",
        "page_order_threads.parquet", "topics.npz", "meta.json"}

    def fail(*args, **kwargs):
        raise AssertionError("a hit must not recompute")

    monkeypatch.setattr(cache, "analyse_files", fail)
    second = load_or_analyse(seed_files, folder=tmp_path)
    _assert_same(second, computed)
    assert set(second.timings) == {"cache_load"}


def test_default_folder_is_the_environment_one(seed_files, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "env"))
    load_or_analyse(seed_files[:1])
    assert len(list((tmp_path / "env").iterdir())) == 1


@pytest.mark.parametrize("damage", ["truncate_parquet", "garbage_meta", "drop_table",
                                    "wrong_rows", "truncate_topics"])
def test_corrupt_entry_is_ignored_and_rewritten(seed_files, computed, tmp_path, damage):
    load_or_analyse(seed_files, folder=tmp_path)
    entry = tmp_path / cache_key(seed_files)
    if damage == "truncate_parquet":
        path = entry / "comments.parquet"
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "garbage_meta":
        (entry / "meta.json").write_text("{not json", encoding="utf-8")
    elif damage == "drop_table":
        (entry / "threads.parquet").unlink()
    elif damage == "truncate_topics":
        path = entry / "topics.npz"
        path.write_bytes(path.read_bytes()[:200])
    else:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        meta["rows"]["comments"] += 1
        (entry / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    assert read_entry(entry) is None
    assert not entry.exists()
    again = load_or_analyse(seed_files, folder=tmp_path)
    _assert_same(again, computed)
    _assert_same(read_entry(entry), computed)


def test_unwritable_cache_still_returns_the_analysis(seed_files, computed, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = load_or_analyse(seed_files, folder=blocker / "cache")
    _assert_same(result, computed)


def test_prune_keeps_the_newest_entries(seed_files, tmp_path):
    for n in (2, 3, 4):
        load_or_analyse(seed_files[:1], n_topics=n, folder=tmp_path)
    cache.prune(tmp_path, max_entries=2)
    kept = {p.name for p in tmp_path.iterdir()}
    assert cache_key(seed_files[:1], n_topics=4) in kept
    assert len(kept) == 2
