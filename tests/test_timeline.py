"""Timestamps in one form, and the time tables."""

import numpy as np
import pandas as pd
import pytest

from analysis.timeline import age_seconds, normalise_timestamp, parse_times, time_keys


@pytest.mark.parametrize(("raw", "expected"), [
    ("1476408245", "2016-10-14T01:24:05Z"),  # epoch seconds
    ("1476408245.9", "2016-10-14T01:24:05Z"),
    ("1476408245123", "2016-10-14T01:24:05Z"),  # epoch milliseconds
    ("2016-10-14T01:24:05Z", "2016-10-14T01:24:05Z"),
    ("2016-10-14T03:24:05+02:00", "2016-10-14T01:24:05Z"),
    ("2016-10-13T20:24:05.500-0500", "2016-10-14T01:24:05Z"),
    ("Fri, 14 Oct 2016 03:24:05 +0200", "2016-10-14T01:24:05Z"),  # RFC 2822
    ("2016-10-14 01:24 UTC", "2016-10-14T01:24:00Z"),  # ISO date and time, a zone name
    ("2016-10-14T01:24:05 GMT", "2016-10-14T01:24:05Z"),
    ("2016-10-13 20:24:05 EST", "2016-10-14T01:24:05Z"),
    ("2016-10-13 21:24:05.750 EDT", "2016-10-14T01:24:05Z"),
    ("2016-10-13 18:24:05 PDT", "2016-10-14T01:24:05Z"),
    ("2016-10-14 01:24:05 CET", "2016-10-14 01:24:05 CET"),  # not a name it takes: as given
    ("2016-10-14 01:24:05 IST", "2016-10-14 01:24:05 IST"),  # three zones: never guessed
    ("2016-13-14 01:24 UTC", "2016-13-14 01:24 UTC"),  # no such month
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


from analysis.schema import ActivityCol, Col, LatencyCol, LatencySummaryCol, TurnCol  # noqa: E402
from analysis.timeline import (  # noqa: E402
    activity,
    choose_bin,
    latency_summary,
    replies_stamped_before_parent,
    reply_latency,
    thread_turns,
    zoneless_times,
)


def test_the_bin_follows_the_span():
    assert choose_bin(3600) == (60, "minute")  # an hour-long burst: minutes
    assert choose_bin(30 * 86_400)[1] == "day"  # a month: days
    assert choose_bin(3 * 3600)[1] == "5 minutes"
    assert choose_bin(0) == (60, "minute")


@pytest.fixture
def thread() -> pd.DataFrame:
    """One thread over twelve minutes: a civil start, then an uncivil and a hostile reply."""
    return pd.DataFrame({
        Col.ARTICLE_ID: ["a"] * 5 + ["b"],
        Col.COMMENT_ID: ["1", "2", "3", "4", "5", "9"],
        Col.PARENT_ID: ["", "1", "1", "3", "4", ""],
        Col.THREAD_ID: ["1", "1", "1", "1", "1", "9"],
        Col.DEPTH: [0, 1, 1, 2, 3, 0],
        Col.CREATED_AT: ["2024-01-01T10:00:00Z", "2024-01-01T10:02:00Z",
                         "2024-01-01T10:01:00Z", "2024-01-01T10:05:30Z",
                         "2024-01-01T10:12:00Z", None],
        Col.SENTIMENT: [0.5, 0.1, -0.2, -0.6, -0.8, 0.0],
        Col.HOSTILITY_LEVEL: [0, 0, 0, 1, 2, 0],
    })


def test_activity_counts_comments_per_bin_with_their_tone(thread):
    table = activity(thread)
    assert set(table[ActivityCol.ARTICLE_ID]) == {"a"}  # b has no time
    assert (table[ActivityCol.BIN] == "minute").all()
    assert len(table) == 13  # 10:00 to 10:12, empty minutes included
    assert table[ActivityCol.COMMENTS].sum() == 5
    assert table[ActivityCol.COMMENTS].tolist()[:3] == [1, 1, 1]
    last = table.iloc[-1]
    assert last[ActivityCol.HOSTILE] == 1 and last[ActivityCol.UNCIVIL_SHARE] == 1.0
    assert table[ActivityCol.BIN_START].iloc[5] == pd.Timestamp("2024-01-01T10:05:00Z")
    assert table.loc[5, ActivityCol.MEAN_SENTIMENT] == pytest.approx(-0.6)


def test_reply_latency_and_time_to_first_reply(thread):
    latency = reply_latency(thread).set_index(LatencyCol.COMMENT_ID)
    assert latency[LatencyCol.LATENCY_SECONDS].to_dict() == {
        "2": 120.0, "3": 60.0, "4": 270.0, "5": 390.0}
    assert latency[LatencyCol.FIRST_REPLY].to_dict() == {
        "2": False, "3": True, "4": True, "5": True}  # 3 answered 1 before 2 did
    summary = latency_summary(reply_latency(thread))
    assert summary["replies"].iloc[0] == 3 and summary["kind"].iloc[0] == "first reply"
    only_replies = reply_latency(thread[thread[Col.COMMENT_ID] == "4"], context=thread)
    assert only_replies[LatencyCol.LATENCY_SECONDS].tolist() == [270.0]  # parent from context


def test_a_reply_stamped_before_its_parent_is_counted_not_timed(thread):
    # Comment 4 answers 3 (10:01) but is stamped 09:59: clocks that disagree.
    skewed = thread.assign(**{Col.CREATED_AT: thread[Col.CREATED_AT].replace(
        "2024-01-01T10:05:30Z", "2024-01-01T09:59:00Z")})
    summary = latency_summary(reply_latency(skewed))
    kind, depth = summary[LatencySummaryCol.KIND], summary[LatencySummaryCol.DEPTH]
    depth2 = summary[(kind == "reply") & (depth == 2)].iloc[0]
    assert depth2[LatencySummaryCol.STAMPED_BEFORE_PARENT] == 1
    assert depth2[LatencySummaryCol.REPLIES] == 0
    assert np.isnan(depth2[LatencySummaryCol.MEDIAN_SECONDS])
    first = summary[kind == "first reply"].iloc[0]
    assert first[LatencySummaryCol.STAMPED_BEFORE_PARENT] == 1  # 4 was 3's first reply
    assert first[LatencySummaryCol.REPLIES] == 2 and first[LatencySummaryCol.MEDIAN_SECONDS] > 0
    assert replies_stamped_before_parent(summary) == 1  # one reply, in two rows
    untouched = latency_summary(reply_latency(thread))
    assert (untouched[LatencySummaryCol.STAMPED_BEFORE_PARENT] == 0).all()


def test_when_a_thread_turned(thread):
    turns = thread_turns(thread).set_index(TurnCol.THREAD_ID)
    assert list(turns.index) == ["1"]
    row = turns.loc["1"]
    assert row[TurnCol.SECONDS_TO_UNCIVIL] == 330.0 and row[TurnCol.SECONDS_TO_HOSTILE] == 720.0
    assert row[TurnCol.COMMENTS_BEFORE_UNCIVIL] == 3 and row[TurnCol.COMMENTS] == 5


def test_without_timestamps_the_time_tables_are_empty(thread):
    undated = thread.assign(**{Col.CREATED_AT: None})
    assert activity(undated).empty and reply_latency(undated).empty
    assert thread_turns(undated).empty


def test_times_that_name_no_zone_are_counted():
    comments = pd.DataFrame({Col.CREATED_AT: [
        "2016-10-14T01:24:05Z", "2020-03-09T19:17:00", "2020-03-09 19:17", "yesterday", None,
        "2016-10-14T01:24:05+02:00", ""]})
    assert zoneless_times(comments) == 2
    assert zoneless_times(comments.iloc[:1]) == 0
    assert zoneless_times(comments.iloc[:0]) == 0


@pytest.mark.parametrize("shown, seconds", [
    ("18h ago", 18 * 3600), ("5 mo. ago", 5 * 30 * 86400), ("2 hours ago", 7200),
    ("an hour ago", 3600), ("12 mins ago", 720), ("5m", 300), ("3 wks ago", 3 * 604800),
    ("1 year ago", 365 * 86400), ("just now", 0), ("yesterday", 86400),
    # What a page writes around the age is no part of it.
    ("5 months ago (edited)", 5 * 30 * 86400), ("edited 2 hours ago", 7200),
    ("3h · edited", 3 * 3600), ("posted 12 mins ago", 720), ("• 18h ago •", 18 * 3600),
    # Other languages' ages, in the words of lexicons/layout_ages.tsv.
    ("vor 3 Stunden", 3 * 3600), ("Vor 3 Stunden", 3 * 3600), ("il y a 2 jours", 2 * 86400),
    ("hace un año", 365 * 86400), ("3時間前", 3 * 3600), ("5 месяцев назад", 5 * 30 * 86400),
    ("час назад", 3600), ("منذ ٣ ساعات", 3 * 3600), ("منذ ساعتين", 2 * 3600),
    ("před hodinou", 3600), ("för 3 timmar sedan", 3 * 3600), ("agora mesmo", 0),
    ("ahora", 0),  # Spanish "now", not "a hora"
    ("3 YIL ÖNCE", 3 * 365 * 86400), ("VOR 3 STUNDEN", 3 * 3600),
    ("un'ora fa", 3600), ("un’ora fa", 3600),  # Italian elides "una ora"
    ("för några sekunder sedan", 0), ("vor ein paar Sekunden", 0),  # moment.js's "a few"
])
def test_relative_ages_become_seconds(shown, seconds):
    assert age_seconds(pd.Series([shown])).tolist() == [seconds]


@pytest.mark.parametrize("shown", ["9 Mar 2020 19.17", "", None, "5 apples", "ago", "3 fa",
                                   "vor Stunden", "wczoraj, 19:17", "am", "ah", "amin"])
def test_what_is_no_age_stays_unknown(shown):
    assert np.isnan(age_seconds(pd.Series([shown], dtype=object))).all()
