"""write_warnings: what the reading dropped or changed, as stderr lines."""

import io

import pandas as pd

from analysis.cli_warnings import write_warnings
from analysis.readers import IngestionReport, SkippedLine
from analysis.schema import Col
from analysis.threads import build_threads


def _lines(*args, **kwargs) -> list[str]:
    out = io.StringIO()
    count = write_warnings(*args, stream=out, **kwargs)
    lines = out.getvalue().splitlines()
    assert count == len(lines)
    return lines


def test_a_link_the_tree_builder_cuts_is_named_with_its_file_and_line():
    comments = build_threads(pd.DataFrame({
        Col.SOURCE: ["page.txt"] * 3, Col.ARTICLE_ID: ["a", "b", "b"],
        Col.COMMENT_ID: ["1", "2", "3"], Col.PARENT_ID: [None, None, "1"],
        Col.LINE_START: [5, 6, 7], Col.POSITION: [0, 0, 1]}))
    report = IngestionReport(source="page.txt", kind="page")
    assert _lines([report], ["data/page.txt"], comments) == [
        "warning: data/page.txt:7: comment '3': invalid link: parent under another article; "
        "kept as top-level"]


def test_a_warning_added_without_its_parts_still_shows():
    report = IngestionReport(source="x.csv", kind="csv",
                             skipped=[SkippedLine(3, "empty comment text")])
    report.warn("line 4: duplicate id '1', kept as '1~2'", "duplicate id",
                "duplicate id '1', kept as '1~2'", lines=(4,))
    report.warnings.append("something a newer reader says")
    assert _lines([report], ["in/x.csv"]) == [
        "warning: in/x.csv:3: skipped: empty comment text",
        "warning: in/x.csv:4: duplicate id '1', kept as '1~2'",
        "warning: in/x.csv: something a newer reader says",
    ]


def test_a_quiet_source_writes_nothing():
    assert _lines([IngestionReport(source="x.csv", kind="csv")], ["x.csv"]) == []


def test_a_file_read_as_windows_1252_says_so():
    from analysis.readers import read_bytes

    source = read_bytes("latin1.csv", "id,text\n1,caf\u00e9 ol\u00e9\n".encode("cp1252"))
    assert source.comments[Col.TEXT].tolist() == ["caf\u00e9 ol\u00e9"]
    assert _lines([source.report], ["in/latin1.csv"]) == [
        "warning: in/latin1.csv: 1 line skipped: CSV header",
        "warning: in/latin1.csv: not UTF-8: read as Windows-1252 (Western European); if "
        "letters look wrong, save the file as UTF-8",
    ]


def test_a_time_that_is_no_date_is_named_and_readable_ones_are_not():
    from analysis.readers import read_bytes

    source = read_bytes("times.csv", (
        b"id,author,created_at,text\n1,ann,2024-01-01 10:00:00,zone-less\n"
        b"2,bob,1704103200,epoch\n3,cy,the day after,no date\n4,dee,,no time\n"
        b"5,eve,yesterday,an age\n"))
    assert source.comments[Col.CREATED_AT].tolist()[:3] == [
        "2024-01-01 10:00:00", "2024-01-01T10:00:00Z", "the day after"]
    # An age has no instant: it is the time as shown, as on a page.
    assert source.comments[Col.CREATED_AT].isna().tolist()[3:] == [True, True]
    assert source.comments[Col.TIME_TEXT].tolist()[4] == "yesterday"
    assert _lines([source.report], ["times.csv"]) == [
        "warning: times.csv: 1 line skipped: CSV header",
        "warning: times.csv:4: time 'the day after' does not read as a date; kept as text, "
        "left out of time tables",
        "warning: times.csv:6: time 'yesterday' is an age or a day without its year, with no "
        "date to count from: kept as time_text, created_at left empty, left out of time tables",
    ]


def test_a_column_named_twice_in_a_csv_header_is_named():
    from analysis.readers import read_bytes

    source = read_bytes("twice.csv", b"id,text,text\n1,first,second\n")
    assert source.comments[Col.TEXT].tolist() == ["second"]
    assert "warning: twice.csv:1: column 'text' appears 2 times in the header; only its last " \
        "column is read" in _lines([source.report], ["twice.csv"])


def test_a_saved_html_page_is_said_to_be_read_as_plain_text():
    from analysis.readers import read_bytes

    page = b"<!DOCTYPE html>\n<html><body><p>Budget passes</p>\n<div>Great news!</div>\n"
    lines = _lines([read_bytes("saved.html", page).report], ["saved.html"])
    assert "warning: saved.html: looks like HTML source, which is read as plain text (tags " \
        "and scripts included); save the page as text instead: select all, copy, paste into " \
        "a .txt file" in lines
    assert not any("HTML" in line for line in _lines(
        [read_bytes("plain.txt", b"Budget passes\n\n\n\nGreat <b>news</b>!\n").report],
        ["plain.txt"]))


def test_a_comment_section_with_no_comment_in_it_says_so():
    from analysis.readers import read_bytes

    source = read_bytes("closed.txt", b"Budget passes\nThe council voted.\n\n12 Comments\n\n")
    assert source.comments.empty and source.report.article_lines == 2
    assert "warning: closed.txt: the comment section (after line 4) holds no comment: every " \
        "line there is blank or page furniture" in _lines([source.report], ["closed.txt"])
