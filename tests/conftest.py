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


# A page whose comments establish two topics (a football stadium, a railway line), with a
# comment of one paragraph on each (lines 18-19), a reply without topic words before a railway
# comment (line 21), and a comment whose second line holds words found nowhere else (27-28).
# Comments are separated by blank lines; all on one article about the stadium.
_FOOTBALL = [
    "The stadium pitch is far too small for proper football, the club needs more seats for "
    "the fans.",
    "Football fans deserve a stadium with a real pitch and seats that face the goal.",
    "Our club plays good football but the stadium seats are cold and the pitch floods.",
    "A bigger stadium means more fans, more seats and better football for the club.",
    "The club should spend on players, not on a stadium, football is won on the pitch.",
    "Season tickets for the stadium cost too much, fans want cheaper seats to watch football.",
    "The pitch at the old stadium was the best in the league, the club should keep it.",
    "More seats in the stadium will bring more fans to watch the club play football.",
]
_RAILWAY = [
    "The railway station is closed again and the train timetable is a joke.",
    "Every train on this railway line is late, the timetable means nothing to commuters.",
    "Commuters wait an hour for a train, the railway company should publish an honest "
    "timetable.",
    "The train fares rise every year while the railway timetable gets worse for commuters.",
    "A new railway station would help commuters more than any timetable change to the train.",
    "The train was packed with commuters and the railway staff ignored the timetable.",
    "Fix the railway signals first, then the train might keep to its timetable for commuters.",
    "Commuters pay for a railway season ticket and the train still misses the timetable.",
]
_TWO_TOPIC_COMMENTS = [
    _FOOTBALL[0], _RAILWAY[0], _FOOTBALL[1], _RAILWAY[1], _FOOTBALL[2], _RAILWAY[2],
    "The new stadium seats will not fix the football the club plays on that pitch.\n"
    "The night train to the coast was cancelled and the railway timetable never says why.",
    "Good point.",
    _RAILWAY[3], _FOOTBALL[3],
    "Well said.\nZxqv blorft!",
    _FOOTBALL[4], _RAILWAY[4], _FOOTBALL[5], _RAILWAY[5], _FOOTBALL[6], _RAILWAY[6],
    _FOOTBALL[7], _RAILWAY[7],
]
TWO_TOPICS_NAME = "pitch.txt"
TWO_TOPICS_PAGE = "\n".join([
    "New stadium for the city football club",
    "The council approved a new stadium for the football club, with a bigger pitch and more "
    "seats for fans.",
    "", "Comments", "",
    *[line for comment in _TWO_TOPIC_COMMENTS for line in (comment, "")],
])
"""Line 18 is the stadium paragraph and 19 the railway one of one comment; 21 "Good point."
(no topic words); 23 a railway comment; 27 "Well said." and 28 "Zxqv blorft!" (words no other
comment has) of one comment; 6 the first football comment, 8 the first railway comment."""
