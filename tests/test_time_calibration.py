"""The shipped calibration of decisions only pages with times show is what
``benchmarks/time_order.py --write`` measures on the Reddit threads beside the repository."""

import pytest

from benchmarks import time_order
from benchmarks.eval_replies import article_texts, load_flat

pytestmark = pytest.mark.skipif(not time_order.DEFAULT_DATA.exists(),
                                reason="../shared/eval/threads is not beside the repository")


def test_the_shipped_time_calibration_is_reproduced_from_the_threads():
    flat, truth = load_flat(time_order.DEFAULT_DATA)
    articles = article_texts(time_order.DEFAULT_DATA)
    _, listed, measured = time_order.measure(flat, truth, articles, time_order.DEFAULT_DATA)
    shipped = time_order.CALIBRATION_PATH.read_text(encoding="utf-8")
    assert time_order.calibration_text(measured) == shipped
    # Every thread listed by time to the minute reads as listed, both ways.
    minute = listed["minute"]
    assert (minute["kind"] == time_order.LISTED).groupby(minute["order"]).mean().min() > 0.99
