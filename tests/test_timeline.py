"""Timestamps in one form, and the time tables."""

import pandas as pd
import pytest

from analysis.timeline import normalise_timestamp, parse_times, time_keys


@pytest.mark.parametrize(("raw", "expected"), [
    ("1476408245", "2016-10-14T01:24:05Z"),  # epoch seconds
    ("1476408245.9", "2016-10-14T01:24:05Z"),
    ("1476408245123", "2016-10-14T01:24:05Z"),  # epoch milliseconds
    ("2016-10-14T01:24:05Z", "2016-10-14T01:24:05Z"),
    ("2016-10-14T03:24:05+02:00", "2016-10-14T01:24:05Z"),
    ("2016-10-13T20:24:05.500-0500", "2016-10-14T01:24:05Z"),
    ("Fri, 14 Oct 2016 03:24:05 +0200", "2016-10-14T01:24:05Z"),  # RFC 2822
    ("2016-10-14 01:24:05", "2016-10-14 01:24:05"),  # no zone: as given
    ("2016-10-14", "2016-10-14"),
    ("2 hours ago", "2 hours ago"),
    ("", ""),
])
def test_timestamps_become_iso_utc_where_the_zone_is_known(raw, expected):
    assert normalise_timestamp(raw) == expected


def test_parse_times_orders_every_form_and_leaves_gaps():
    values = pd.Series(["2016-10-14T01:24:05Z", "2016-10-14 01:24:06", None, "soon",
                        "Fri, 14 Oct 2016 03:24:07 +0200"])
    parsed = parse_times(values)
    assert parsed.isna().tolist() == [False, False, True, True, False]
    keys = time_keys(values)
    assert keys[1] - keys[0] == 1 and keys[4] - keys[0] == 2
