"""Shared fixtures: the real seeds, and a folder for small hand-written sources."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

from analysis.readers import SEEDS_DIR

# CI replays the same examples every run (a landing must not hinge on a lucky draw); local runs
# keep drawing new ones, which is how a property test finds new bugs. Neither has a deadline:
# speed is measured by the benchmark, and a timer in a test fails on a busy machine.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.register_profile("local", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "local")

SEED_WITH_COMMENTS = SEEDS_DIR / "000_cc89e47453706f70.txt"
SEED_ARTICLE_ONLY = SEEDS_DIR / "001_82f0254534da7d4b.txt"
SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


@pytest.fixture
def write_source(tmp_path):
    """Write text (or bytes) to a file with the given name and return its path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Tests never read or fill the user's analysis cache (~/.cache/commentscope)."""
    previous = os.environ.get("COMMENTSCOPE_CACHE_DIR")
    os.environ["COMMENTSCOPE_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("COMMENTSCOPE_CACHE_DIR", None)
    else:
        os.environ["COMMENTSCOPE_CACHE_DIR"] = previous


@pytest.fixture(autouse=True, scope="session")
def _private_data_dir(tmp_path_factory):
    """Tests never read or write the user's saved corrections (~/.local/share/commentscope)."""
    previous = os.environ.get("COMMENTSCOPE_DATA_DIR")
    os.environ["COMMENTSCOPE_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    yield
    if previous is None:
        os.environ.pop("COMMENTSCOPE_DATA_DIR", None)
    else:
        os.environ["COMMENTSCOPE_DATA_DIR"] = previous
