"""The participant and time-range filters: what they keep, and their form in a link."""

import pandas as pd
import pytest

from analysis.filters import (
    Filters,
    apply_filters,
    clamp_filters,
    filter_options,
    filters_from_params,
    filters_to_params,
)
from analysis.schema import Col


@pytest.fixture
def talk() -> pd.DataFrame:
    return pd.DataFrame({
        Col.ARTICLE_ID: ["a"] * 6,
        Col.COMMENT_ID: ["1", "2", "3", "4", "5", "6"],
        Col.PARENT_ID: ["", "1", "2", "1", "", "5"],
        Col.AUTHOR: pd.array(["Ann", "Bob", " Ann", "Cy", "Bob", None], dtype="string"),
        Col.CREATED_AT: pd.array(["2024-01-01T10:00:00Z", "2024-01-01T10:05:00Z",
                                  "2024-01-01T11:00:00Z", "2024-01-02T09:00:00Z", None,
                                  "2024-01-03T00:00:00Z"], dtype="string"),
        Col.TEXT: ["x"] * 6,
        Col.TOPIC_ID: [0] * 6, Col.TOPIC_LABEL: ["t"] * 6, Col.HOSTILITY_MARKERS: [""] * 6,
        Col.THREAD_ID: ["1", "1", "1", "1", "5", "5"], Col.DEPTH: [0, 1, 2, 1, 0, 1],
    })


def _ids(frame: pd.DataFrame) -> list[str]:
    return frame[Col.COMMENT_ID].tolist()


def test_participants_keep_their_comments_and_optionally_the_replies_to_them(talk):
    assert _ids(apply_filters(talk, Filters(participants=("Ann",)))) == ["1", "3"]
    # Bob (2) and Cy (4) answered Ann; Ann's own reply (3) is hers anyway.
    assert _ids(apply_filters(talk, Filters(participants=("Ann",), with_replies=True))) == [
        "1", "2", "3", "4"]
    assert _ids(apply_filters(talk, Filters(participants=("Ann", "Cy")))) == ["1", "3", "4"]


def test_a_time_range_keeps_the_comments_written_in_it(talk):
    kept = apply_filters(talk, Filters(time_range=("2024-01-01T10:05:00Z",
                                                   "2024-01-02T09:00:00Z")))
    assert _ids(kept) == ["2", "3", "4"]  # inclusive; the undated comment 5 drops out


def test_the_new_filters_travel_in_a_link():
    filters = Filters(participants=("Ann", "P-3f9a2c"), with_replies=True,
                      time_range=("2024-01-01T10:00:00Z", "2024-01-02T00:00:00Z"))
    params = filters_to_params(filters)
    assert params["participant"] == ["Ann", "P-3f9a2c"] and params["with_replies"] == ["1"]
    assert params["from"] == ["2024-01-01T10:00:00Z"]
    assert filters_from_params(params) == filters
    # Bounds in any form with a zone read as UTC, in order; a bound that is no date is no range.
    assert filters_from_params({"from": "2024-01-02T01:00:00+01:00",
                                "to": "1704103200"}).time_range == (
        "2024-01-01T10:00:00Z", "2024-01-02T00:00:00Z")
    assert filters_from_params({"from": "yesterday", "to": "2024-01-02"}).time_range is None
    assert not filters_from_params({"with_replies": "1"}).with_replies  # nobody to reply to


def test_options_and_clamping_follow_the_data(talk):
    options = filter_options(talk)
    assert options.participants == ("Ann", "Bob", "Cy")  # most comments first, names trimmed
    assert options.time_span == ("2024-01-01T10:00:00Z", "2024-01-03T00:00:00Z")
    clamped = clamp_filters(Filters(participants=("Ann", "Zed"), with_replies=True,
                                    time_range=("2023-01-01T00:00:00Z",
                                                "2024-01-02T00:00:00Z")), options)
    assert clamped.participants == ("Ann",) and clamped.with_replies
    assert clamped.time_range == ("2024-01-01T10:00:00Z", "2024-01-02T00:00:00Z")
    whole = Filters(time_range=("2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z"))
    assert clamp_filters(whole, options).time_range is None  # the whole span: no filter
    gone = clamp_filters(Filters(participants=("Zed",), with_replies=True), options)
    assert gone.is_empty()
    # A range chosen on other data that misses this data's span is no filter here (cut to the
    # span's end, it would keep the comments of one instant).
    for missed in (("2020-03-09T19:00:00Z", "2020-03-09T21:00:00Z"),
                   ("2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z")):
        assert clamp_filters(Filters(time_range=missed), options).time_range is None
