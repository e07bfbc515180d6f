"""Messy real-world files through the command line, as a user gives them: each one is read
with every line accounted for, or stops with ``error: FILE:LINE: reason``; never a traceback."""

import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime

import pandas as pd

from analysis.export import read_safe_csv
from analysis.people import people_tables
from analysis.pipeline import analyse_paths
from analysis.readers import PROJECT_ROOT, SourceError, read_bytes, read_source
from analysis.schema import ActivityCol, ArticleCol, Col, LatencyCol, PeopleCol
from analysis.timeline import (
    activity,
    latency_summary,
    parse_times,
    replies_stamped_before_parent,
    reply_latency,
    thread_turns,
)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, cwd=PROJECT_ROOT, timeout=300)


def test_a_placeholder_or_far_future_time_is_no_date_and_named_with_its_line(tmp_path):
    # .NET writes DateTime.MinValue (year 1) for "no date"; 2999 is a typo or a placeholder.
    export = tmp_path / "times.csv"
    export.write_text("id,parent_id,author,created_at,text\n"
                      "1,,ann,0001-01-01T00:00:00Z,first\n"
                      "2,1,bob,2024-03-01T10:00:00Z,second\n"
                      "3,1,cat,2999-01-01 00:00:00,third\n"
                      "4,2,ann,-5,fourth\n", encoding="utf-8")
    for command in ("comments", "people"):
        done = _run(command, str(export), "--out", str(tmp_path / f"{command}.csv"))
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        for line in (2, 4, 5):
            assert f"{export}:{line}: time " in done.stderr, done.stderr
        assert f"{export}:3: time" not in done.stderr
    table = read_safe_csv(tmp_path / "comments.csv")
    # Kept as given, never turned into another year (year 1 once became "1-01-01", read as 2001).
    assert table[Col.CREATED_AT].tolist() == [
        "0001-01-01T00:00:00Z", "2024-03-01T10:00:00Z", "2999-01-01 00:00:00", "-5"]
    placed = parse_times(table[Col.CREATED_AT].astype("string"))
    assert placed.notna().tolist() == [False, True, False, False]


def test_times_are_placed_only_within_the_years_a_time_table_holds():
    given = pd.Series(["1500-06-01T00:00:00Z", "1970-01-01T00:00:00Z", "2262-01-01T00:00:00Z",
                       "2300-01-01T00:00:00Z", "2262-04-12T00:00:00Z", "0001-01-01"],
                      dtype="string")
    assert parse_times(given).notna().tolist() == [False, True, True, False, False, False]


def test_an_out_of_range_time_in_json_is_named_by_record():
    source = read_bytes("far.json", b'{"comments": [{"id": 1, "text": "hi", '
                                     b'"created_utc": 99999999999}]}')
    assert source.comments[Col.CREATED_AT].tolist() == ["99999999999"]
    assert any(w.startswith("record 1: time '99999999999'") for w in source.report.warnings)


def test_a_symlink_loop_is_named_as_unreadable_not_a_traceback(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    done = _run("report", str(tmp_path / "a.txt"))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {tmp_path / 'a.txt'}: cannot read: ")
    assert "Traceback" not in done.stderr
    done = _run("comments", str(PROJECT_ROOT / "seeds" / "001_82f0254534da7d4b.txt"),
                "--out", str(tmp_path / "b.txt"))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: cannot write --out {tmp_path / 'b.txt'}: ")


def test_json_with_old_mac_line_endings_names_the_lines_an_editor_shows():
    records = '[\r  {"id": 1, "text": "a"},\r  {"id": 2, "text": "", "parent_id": 1},\r' \
              '  {"id": 3, "text": "c", "parent_id": 2}\r]\r'
    source = read_bytes("mac.json", records.encode())
    report = source.report
    assert report.total_lines == 5
    assert {s.line: s.reason for s in report.skipped} == {
        1: "JSON structure", 3: "empty comment text", 5: "JSON structure"}
    assert report.comment_lines == 2 and report.accounted_lines == 5
    assert "line 4: comment '3' replies to '2', which has empty text" in report.warnings[0]
    truncated = records.replace(', "parent_id": 2}', ', "parent_id": 2')
    for name, data in (("cut.json", truncated), ("cut_object.json", '{"comments": ' + truncated)):
        try:
            read_bytes(name, data.encode())
        except SourceError as err:
            assert (err.path, err.line) == (name, 5), err
            assert err.reason.endswith("(column 1)"), err
        else:
            raise AssertionError("a truncated JSON file was read")


def test_a_large_json_array_places_every_record_on_its_lines():
    records = [{"id": i, "text": f"comment {i}", "parent_id": i - 1 if i % 3 else None}
               for i in range(20_000)]
    source = read_bytes("many.json", json.dumps(records, indent=1).encode())
    report = source.report
    assert len(source.comments) == 20_000
    assert report.total_lines == 20_000 * 5 + 2 and report.accounted_lines == report.total_lines
    assert [s.line for s in report.skipped] == [1, report.total_lines]


def test_csv_with_old_mac_line_endings_takes_its_delimiter_from_its_first_line():
    excel = read_bytes("excel_mac.csv", b"sep=;\rid;text\r1;Hallo, Welt\r2;ok\r")
    assert excel.comments[Col.TEXT].tolist() == ["Hallo, Welt", "ok"]
    assert [s.line for s in excel.report.skipped] == [1, 2]
    semicolons = read_bytes("mac.csv", b"id,text\r1,first; second; third\r2,fine\r")
    assert semicolons.comments[Col.TEXT].tolist() == ["first; second; third", "fine"]
    assert semicolons.report.accounted_lines == semicolons.report.total_lines == 3


def test_terminal_escapes_in_an_export_reach_no_cell_and_no_message(tmp_path):
    # An author, an id or a header cell can carry ESC sequences that recolour or clear the
    # terminal that prints `--out -` or the error; text already lost its control characters.
    export = tmp_path / "escapes.csv"
    export.write_bytes(b"id,parent_id,author,created_at,text\n"
                       b"1,,\x1b[31mann\x1b[0m,2024-01-01T10:00:00Z,hello \x1b]0;title\x07there\n"
                       b"2\x1b[2J,1,bob\x07,2024-01-01T11:00:00Z,a reply\n")
    done = _run("comments", str(export), "--out", "-")
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout
    table = read_safe_csv(io.StringIO(done.stdout))
    assert table[Col.AUTHOR].tolist() == ["[31mann[0m", "bob"]
    assert table[Col.COMMENT_ID].tolist() == ["1", "2[2J"]
    assert table[Col.PARENT_ID].tolist()[1] == "1"
    headers = tmp_path / "headers.csv"
    headers.write_bytes(b"id,\x1b[2Jnote,author\n1,x,ann\n")
    done = _run("report", str(headers))
    assert done.returncode == 2
    assert "\x1b" not in done.stderr
    assert "found 'id', '\\x1b[2Jnote', 'author'" in done.stderr


def test_a_stray_nul_byte_is_dropped_and_its_line_named():
    page = read_bytes("nul.txt", b"Title\nBody.\n\n\n\nfirst com\x00ment\nsecond comment\x00\n")
    assert page.comments[Col.TEXT].str.contains("first comment").any()
    assert page.report.warnings == ["lines 6-7: NUL bytes, dropped"]
    assert page.report.accounted_lines == page.report.total_lines == 7
    export = read_bytes("nul.csv", b"id,text\n1,hel\x00lo\n2,fine\n")
    assert export.comments[Col.TEXT].tolist() == ["hello", "fine"]
    assert [n.lines for n in export.report.notes] == [(2,)]


def test_utf16_without_a_byte_order_mark_is_read_as_utf16():
    text = "id,text\n1,Très bien\n2,Zürich\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        source = read_bytes("nobom.csv", text.encode(encoding))
        assert source.report.encoding == encoding
        assert source.comments[Col.TEXT].tolist() == ["Très bien", "Zürich"]


def test_a_workbook_or_archive_given_by_mistake_is_a_binary_file(tmp_path):
    workbook = tmp_path / "comments.csv"  # an .xlsx renamed, stored uncompressed
    with zipfile.ZipFile(workbook, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/sharedStrings.xml", "id,text\n" + "1,a comment\n" * 500)
    done = _run("report", str(workbook))
    assert done.returncode == 2
    assert done.stderr.startswith("error: comments.csv:") and "binary file" in done.stderr
    try:
        read_bytes("zeros.txt", b"text\n" + b"\x00" * 500)
    except SourceError as err:
        assert "binary file" in err.reason
    else:
        raise AssertionError("a file of NUL bytes was read")


def test_replies_nested_as_children_are_comments_with_their_parent():
    # Hacker News as Algolia's items API gives it: the story, its comments under "children".
    story = {"id": 1, "type": "story", "title": "A story", "url": "https://example.com/s",
             "children": [
                 {"id": 2, "type": "comment", "author": "ann", "text": "first",
                  "children": [{"id": 3, "type": "comment", "author": "bob", "text": "reply",
                                "children": []}]},
                 {"id": 4, "type": "comment", "author": "cat", "text": "second",
                  "children": [{"id": 5, "author": "ann", "text": "deep"}]}]}
    source = read_bytes("hn.json", json.dumps(story, indent=2).encode())
    comments = source.comments
    assert comments[Col.COMMENT_ID].tolist() == ["2", "3", "4", "5"]
    assert comments[Col.PARENT_ID].tolist() == ["", "2", "", "4"]
    assert comments[Col.TEXT].tolist() == ["first", "reply", "second", "deep"]
    assert source.articles[ArticleCol.TITLE].tolist() == ["A story"]
    listed = read_bytes("tree.json", json.dumps([
        {"id": "a", "text": "root", "children": [{"id": "b", "text": "child"}]}]).encode())
    assert listed.comments[Col.PARENT_ID].tolist() == ["", "a"]


def test_a_header_repeated_by_joined_exports_is_no_comment(tmp_path):
    joined = tmp_path / "joined.csv"  # cat a.csv b.csv, the second one with its BOM
    joined.write_bytes(b"id,parent_id,text\n1,,first\n2,1,second\n"
                       b"\xef\xbb\xbfid,parent_id,text\n3,,third\n4,3,fourth\n")
    source = read_bytes(joined.name, joined.read_bytes())
    assert source.comments[Col.TEXT].tolist() == ["first", "second", "third", "fourth"]
    assert {s.line: s.reason for s in source.report.skipped} == {
        1: "CSV header", 4: "repeated CSV header"}
    assert source.report.warnings == []
    done = _run("comments", str(joined), "--out", str(tmp_path / "out.csv"))
    assert f"warning: {joined}:4: skipped: repeated CSV header" in done.stderr


def test_a_link_to_a_file_already_given_is_read_once(tmp_path):
    export = tmp_path / "2024-03.csv"
    export.write_text("id,text\n1,first\n2,second\n", encoding="utf-8")
    (tmp_path / "latest.csv").symlink_to(export)
    os.link(export, tmp_path / "copy.csv")
    out = tmp_path / "out.csv"
    done = _run("comments", str(export), str(tmp_path / "latest.csv"), str(tmp_path / "copy.csv"),
                "--out", str(out))
    assert done.returncode == 0, done.stderr
    for alias in ("latest.csv", "copy.csv"):
        assert f"warning: {tmp_path / alias}: the same file as {export}; read once" in done.stderr
    assert len(read_safe_csv(out)) == 2


def test_json_lines_saved_as_json_are_read_as_json_lines():
    lines = b'{"id": 1, "text": "first"}\r\n{"id": 2, "text": "reply", "parent_id": 1}\r\n'
    source = read_bytes("dump.json", lines)
    assert source.report.kind == "jsonl"
    assert source.comments[Col.PARENT_ID].tolist() == ["", "1"]
    one_line = read_bytes("one.json", b'{"comments": [{"id": 1, "text": "only"}]}\n')
    assert one_line.report.kind == "json" and len(one_line.comments) == 1
    broken = b'{"id": 1, "text": "first"}\n{"id": 2, "text": \n'
    partly = read_bytes("dump.json", broken + b'{"id": 3, "text": "third"}\n')
    assert partly.comments[Col.COMMENT_ID].tolist() == ["1", "3"]
    assert [n.lines for n in partly.report.notes] == [(2,)]


def test_a_nested_tree_without_ids_keeps_its_replies_under_their_parents():
    tree = [{"text": "root", "replies": [
                {"text": "first reply"},
                {"text": "", "replies": [{"text": "reply to a deleted one"}]}]},
            {"text": "second root"}]
    for name, data in (("tree.json", json.dumps(tree, indent=1)),
                       ("tree.jsonl", "\n".join(json.dumps(item) for item in tree))):
        source = read_bytes(name, data.encode())
        comments = source.comments.set_index(Col.TEXT)
        root = comments.loc["root", Col.COMMENT_ID]
        assert comments.loc["first reply", Col.PARENT_ID] == root
        assert comments.loc["reply to a deleted one", Col.PARENT_ID] == root
        assert comments.loc["second root", Col.PARENT_ID] == ""
        assert source.comments[Col.COMMENT_ID].is_unique
        assert not [n for n in source.report.notes if n.kind == "duplicate id"]
        assert source.report.accounted_lines == source.report.total_lines


def test_a_key_given_twice_in_a_json_line_is_named_with_the_value_used_and_the_one_dropped(
        tmp_path):
    export = tmp_path / "twice.jsonl"
    export.write_text(
        '{"id": "a", "text": "first draft", "text": "final text", "author": "ann"}\n'
        '{"id": "b", "parent_id": "a", "text": "reply", "author": {"name": "Bob", "name": "Rob"}}\n'
        '{"id": "c", "text": "same", "text": "same", "likes": 1, "likes": 2, "likes": 3}\n',
        encoding="utf-8")
    source = read_source(export)
    # The last value is used, as before; the warning says so and names what was dropped.
    assert source.comments[Col.TEXT].tolist() == ["final text", "reply", "same"]
    assert source.comments[Col.AUTHOR].fillna("").tolist() == ["ann", "Rob", ""]
    assert source.comments[Col.LIKES].fillna(0).tolist() == [0, 0, 3]
    repeated = [(n.lines, n.reason) for n in source.report.notes if n.kind == "repeated key"]
    assert repeated == [
        ((1,), "key 'text' appears 2 times in the record; its last value 'final text' is used, "
               "'first draft' is dropped"),
        ((2,), "key 'name' appears 2 times in the record; its last value 'Rob' is used, 'Bob' "
               "is dropped"),
        # "text" twice with one value loses nothing: no warning.
        ((3,), "key 'likes' appears 3 times in the record; its last value 3 is used, 1, 2 are "
               "dropped"),
    ]
    done = _run("comments", str(export), "--out", str(tmp_path / "out.csv"))
    assert done.returncode == 0, done.stderr
    assert (f"warning: {export}:1: key 'text' appears 2 times in the record; its last value "
            "'final text' is used, 'first draft' is dropped") in done.stderr.splitlines()


def test_a_key_given_twice_in_a_json_document_is_named_by_the_record_line_or_place():
    array = (b'[\n {"id": "a",\n  "text": "one",\n  "text": "two"},\n'
             b' {"id": "b", "text": "ok", "replies": [{"id": "c", "text": "x", "text": "y"}]},\n'
             b' {"id": "d", "text": "\\u001b[2Jcleared", "text": "fine"}\n]\n')
    source = read_bytes("array.json", array)
    assert source.comments[Col.TEXT].tolist() == ["two", "ok", "y", "fine"]
    assert [(n.lines, n.reason.split(";")[0]) for n in source.report.notes] == [
        ((2,), "key 'text' appears 2 times in the record"),
        ((5,), "key 'text' appears 2 times in the record"),
        ((6,), "key 'text' appears 2 times in the record")]
    # The dropped value is untrusted text: shown escaped, never as a terminal escape.
    assert "'\\x1b[2Jcleared' is dropped" in source.report.notes[2].reason
    assert source.report.accounted_lines == source.report.total_lines
    document = read_bytes("doc.json", b'{"title": "One", "title": "Two", "comments": [\n'
                                      b'{"id": "a", "text": "hi"},\n'
                                      b'{"id": "b", "text": "x", "author": "p", "author": "q"}]}')
    assert document.articles[ArticleCol.TITLE].tolist() == ["Two"]
    assert document.comments[Col.AUTHOR].fillna("").tolist() == ["", "q"]
    assert [(n.record, n.reason) for n in document.report.notes] == [
        ("record 2", "key 'author' appears 2 times in the record; its last value 'q' is used, "
                     "'p' is dropped"),
        ("", "key 'title' appears 2 times in an object outside the comment records; its last "
             "value 'Two' is used, 'One' is dropped")]


READ_AT = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)


def test_a_comment_dated_after_reading_and_a_reply_before_its_parent_are_named_and_kept(
        tmp_path):
    export = tmp_path / "clocks.csv"
    export.write_text("id,parent_id,author,created_at,text\n"
                      "1,,ann,2024-03-01T10:00:00Z,first\n"
                      "2,1,bob,2024-03-01T09:00:00Z,answers 1 an hour before it\n"
                      "3,1,cat,2024-03-12T00:00:00Z,more than a day after reading\n"
                      "4,,dan,2024-03-11 11:00:00,within a day: a zone may explain it\n"
                      "5,,eve,2024-03-11T11:00:00-05:00,a day and 4 hours after\n"
                      "6,5,fay,yesterday,no date: named as such only\n", encoding="utf-8")
    source = read_source(export, now=READ_AT)
    # Kept as given: the warnings say what is odd, the table keeps the source's clock.
    assert source.comments[Col.CREATED_AT].tolist()[:5] == [
        "2024-03-01T10:00:00Z", "2024-03-01T09:00:00Z", "2024-03-12T00:00:00Z",
        "2024-03-11 11:00:00", "2024-03-11T16:00:00Z"]
    assert source.comments[Col.PARENT_ID].tolist()[1] == "1"
    notes = [(n.kind, n.lines, n.reason) for n in source.report.notes if n.kind != "not a date"]
    assert notes == [
        ("dated after reading", (4,), "dated '2024-03-12T00:00:00Z', after the file was read "
         "(2024-03-10T12:00:00Z; a day's slack for time zones); kept as given"),
        ("dated after reading", (6,), "dated '2024-03-11T16:00:00Z', after the file was read "
         "(2024-03-10T12:00:00Z; a day's slack for time zones); kept as given"),
        ("reply before parent", (3,), "reply '2' is dated '2024-03-01T09:00:00Z', before the "
         "comment it answers ('1', dated '2024-03-01T10:00:00Z'); kept as given")]
    # Read a week later, nothing lies in the future; the reply still predates its parent.
    later = read_source(export, now=datetime(2024, 3, 17, tzinfo=UTC))
    assert [n.kind for n in later.report.notes if n.kind != "not a date"] == [
        "reply before parent"]


def test_more_than_a_few_such_times_are_counted_after_the_first_ones_named():
    rows = [json.dumps({"id": f"p{k}", "text": "parent", "created_at": "2024-03-02T00:00:00Z"})
            for k in range(7)]
    rows += [json.dumps({"id": f"r{k}", "parent_id": f"p{k}", "text": "early reply",
                         "created_at": "2024-03-01T00:00:00Z"}) for k in range(7)]
    rows += [json.dumps({"id": f"f{k}", "text": "future", "created_at": 1900000000 + k})
             for k in range(8)]  # epoch seconds of 2030
    source = read_bytes("many.jsonl", "\n".join(rows).encode(), now=READ_AT)
    early = [n for n in source.report.notes if n.kind == "reply before parent"]
    assert [n.lines for n in early] == [(8,), (9,), (10,), (11,), (12,), ()]
    assert early[-1].reason == ("7 replies are dated before the comment they answer (the first "
                                "5 named above); kept as given")
    future = [n for n in source.report.notes if n.kind == "dated after reading"]
    assert [n.lines for n in future] == [(15,), (16,), (17,), (18,), (19,), ()]
    assert future[-1].reason.startswith("8 comments are dated after the file was read")
    assert len(source.comments) == 22


def test_an_export_with_future_dates_is_named_and_its_timeline_and_people_tables_build(
        tmp_path):
    export = tmp_path / "future.csv"
    export.write_text("id,parent_id,author,created_at,text\n"
                      "1,,ann,2024-03-01T10:00:00Z,the first comment\n"
                      "2,1,bob,2200-01-01T00:00:00Z,a comment from the far future\n"
                      "3,2,cat,2024-03-01T11:00:00Z,answers the future one\n"
                      "4,1,dan,2024-03-01T10:30:00Z,an ordinary reply\n", encoding="utf-8")
    for command in ("threads", "people"):
        done = _run(command, str(export), "--out", str(tmp_path / f"{command}.csv"))
        assert done.returncode == 0, done.stderr
        assert f"warning: {export}:3: dated '2200-01-01T00:00:00Z', after the file was read" \
            in done.stderr
        assert f"warning: {export}:4: reply '3' is dated '2024-03-01T11:00:00Z', before the " \
            "comment it answers ('2', dated '2200-01-01T00:00:00Z')" in done.stderr
    comments = analyse_paths([export]).comments
    latency = reply_latency(comments)
    assert sorted(latency[LatencyCol.LATENCY_SECONDS].tolist())[0] < 0  # 3 before 2
    summary = latency_summary(latency)
    assert replies_stamped_before_parent(summary) == 1
    bins = activity(comments)
    assert bins[ActivityCol.COMMENTS].sum() == 4
    assert len(thread_turns(comments)) == 1
    people = people_tables(comments)
    assert sorted(people.participants[PeopleCol.AUTHOR]) == ["ann", "bob", "cat", "dan"]
    assert len(people.interactions) == 3


def test_a_page_whose_furniture_dates_a_comment_after_reading_names_it_by_its_line():
    blocks = [("Ann Lee", "9 Mar 2020 19.17", None, "The report was held back on purpose."),
              ("Bob Stone", "9 Mar 2020 19.05", "Ann Lee", "Nonsense, it was simply late."),
              ("Cat Moss", "9 Mar 2031 20.40", None, "Nobody reads the annex anyway."),
              ("Dan Wu", "9 Mar 2020 21.02", "Cat Moss", "I did, page 40 is damning.")]
    lines = ["Flood report held back", "", "The council kept the report in an annex.",
             "", "", "", ""]
    for name, when, parent, body in blocks:
        lines += [name, when, *([f"in reply to {parent}"] if parent else []), body,
                  "Reply", "Report", "3"]
    page = read_bytes("page.txt", "\n".join(lines).encode(),
                      now=datetime(2020, 3, 10, tzinfo=UTC))
    assert page.comments[Col.CREATED_AT].tolist()[2] == "2031-03-09T20:40:00"
    assert [(n.kind, n.lines) for n in page.report.notes if n.kind != "page layout"] == [
        ("dated after reading", (23,)), ("reply before parent", (17,)),
        ("reply before parent", (30,))]  # Dan answers Cat's comment, dated 2031
