"""The stage list and what a screen shows of its progress."""

import pytest

from analysis.schema import ALL_COMMENT_COLUMNS
from analysis.stages import STAGES, ProgressBoard, ProgressReport, StageEvent


def test_every_stage_writes_columns_of_the_comment_table_and_no_two_write_the_same():
    written = [c for stage in STAGES for c in stage.columns]
    assert len(written) == len(set(written))
    assert set(written) <= set(ALL_COMMENT_COLUMNS)


def test_the_board_says_what_is_done_running_and_left():
    board = ProgressBoard(("read", "sentiment", "replies"))
    for event in (StageEvent("read", "start", 0, 2), StageEvent("read", "end", 2, 2),
                  StageEvent("sentiment", "start", 0, 400),
                  StageEvent("sentiment", "advance", 100, 400)):
        board.update(event)
    assert board.fraction() == pytest.approx((1 + 0.25 + 0) / 3)
    assert board.summary() == ("done: read\nrunning: sentiment 100 of 400 comments\n"
                               "left: replies")


def test_a_report_must_account_for_every_unit_before_it_ends():
    events = []
    report = ProgressReport(events.append)
    report.start("topics", 10)
    report.advance("topics", 4)
    with pytest.raises(RuntimeError, match="4 of 10"):
        report.end("topics")
