"""Structure corrected by hand: each action on a tiny page, bad rows, structured sources, the
file format, the store, and a complete hand reading of seed 000 reproduced exactly."""

import os
from dataclasses import replace

import pandas as pd
import pytest

import analysis.corrections as corrections_module
from analysis.corrections import (
    CORRECTED_BY_HAND,
    SKIPPED_BY_HAND,
    Correction,
    CorrectionsError,
    CorrectionStore,
    apply_corrections,
    corrections_csv,
    data_dir,
    first_words,
    is_corrections_file,
    read_corrections,
)
from analysis.pipeline import analyse_files
from analysis.schema import Col, ThreadCol
from analysis.sentiment import score_sentiment
from analysis.threads import thread_metrics
from analysis.topics import NO_TOPIC, NO_TOPIC_LABEL
from tests.conftest import SEED_WITH_COMMENTS, TWO_TOPICS_NAME, TWO_TOPICS_PAGE

HARBOUR = "\n".join([
    "Harbour to close in May",                                              # 1
    "The council says the harbour will close in May to save money.",        # 2
    "", "", "",                                                             # 3-5
    "Here is what the council left out:",                                   # 6
    "The ferries carry four hundred people a day.",                         # 7 (joins 6)
    "You are wrong, closing it saves money.",                               # 8
    "Reply · Share",                                                        # 9 (furniture)
    "Nobody asked you, idiot.",                                             # 10
    "And what about the fishermen?",                                        # 11
    "Thanks for the article.",                                              # 12
]) + "\n"
NAME = "harbour.txt"


@pytest.fixture(scope="module")
def harbour():
    return analyse_files([(NAME, HARBOUR.encode())])


def correct(result, rows: str, name: str = "fix.csv", data: bytes | None = HARBOUR.encode(),
            header: str = "source,line,action,target"):
    parsed, problems = read_corrections(name, f"{header}\n{rows}".encode())
    assert not problems, problems
    return apply_corrections(result, parsed, lambda source: data if source == NAME else None)


def by_start(comments: pd.DataFrame) -> dict[int, pd.Series]:
    return {int(row[Col.LINE_START]): row for _, row in comments.iterrows()}


def test_the_tiny_page_reads_as_expected_before_any_correction(harbour):
    spans = [(int(a), int(b)) for a, b in harbour.comments[[Col.LINE_START, Col.LINE_END]]
             .itertuples(index=False)]
    assert spans == [(6, 7), (8, 8), (10, 10), (11, 11), (12, 12)]
    assert harbour.comments[Col.INFERRED].all()


def test_split_makes_two_comments_scored_as_their_own_texts(harbour):
    fixed = correct(harbour, f"{NAME},7,split,\n")
    comments = fixed.analysis.comments
    rows = by_start(comments)
    assert sorted(rows) == [6, 7, 8, 10, 11, 12]
    assert (rows[6][Col.LINE_END], rows[7][Col.LINE_END]) == (6, 7)
    assert rows[6][Col.TEXT] == "Here is what the council left out:"
    assert rows[7][Col.COMMENT_ID] == "harbour:L7"
    assert rows[6][Col.SEGMENT_EVIDENCE] == rows[7][Col.SEGMENT_EVIDENCE] == CORRECTED_BY_HAND
    assert rows[6][Col.SEGMENT_CONFIDENCE] == rows[7][Col.SEGMENT_CONFIDENCE] == 1.0
    assert rows[8][Col.SEGMENT_CONFIDENCE] < 1.0  # untouched: the reader's own estimate
    expected = score_sentiment(pd.DataFrame({Col.TEXT: [rows[7][Col.TEXT]]}))
    assert rows[7][Col.SENTIMENT] == expected[Col.SENTIMENT].iloc[0]
    assert comments[Col.POSITION].tolist() == list(range(6))
    assert fixed.analysis.reports[0].comments == 6
    # The new comment is linked by inference like any other, and the thread table follows.
    assert rows[7][Col.INFERRED]
    assert fixed.analysis.threads[ThreadCol.SIZE].sum() == 6


def test_join_takes_the_whole_comment_and_its_replies_move_along(harbour):
    fixed = correct(harbour, f"{NAME},10,parent,8\n{NAME},8,join,\n")
    rows = by_start(fixed.analysis.comments)
    assert sorted(rows) == [6, 10, 11, 12]
    assert (rows[6][Col.LINE_END], rows[6][Col.SEGMENT_EVIDENCE]) == (8, CORRECTED_BY_HAND)
    assert rows[6][Col.TEXT].split("\n") == [
        "Here is what the council left out:", "The ferries carry four hundred people a day.",
        "You are wrong, closing it saves money."]
    # Spans apply before links: the reply to line 8 now answers the comment that holds it.
    assert rows[10][Col.PARENT_ID] == rows[6][Col.COMMENT_ID]
    assert not fixed.problems


def test_skip_takes_a_line_out_and_the_report_says_why(harbour):
    fixed = correct(harbour, f"{NAME},6,skip,\n{NAME},12,skip,\n")
    rows = by_start(fixed.analysis.comments)
    assert sorted(rows) == [7, 8, 10, 11]
    assert rows[7][Col.TEXT] == "The ferries carry four hundred people a day."
    report = fixed.analysis.reports[0]
    assert {(s.line, s.reason) for s in report.skipped} >= {(6, SKIPPED_BY_HAND),
                                                            (12, SKIPPED_BY_HAND)}
    assert report.accounted_lines == report.total_lines
    assert report.comments == 4


def test_a_line_set_aside_as_furniture_can_be_made_a_comment(harbour):
    fixed = correct(harbour, f"{NAME},9,split,\n")
    rows = by_start(fixed.analysis.comments)
    assert rows[9][Col.TEXT] == "Reply · Share"
    report = fixed.analysis.reports[0]
    assert 9 not in {s.line for s in report.skipped}
    assert report.accounted_lines == report.total_lines
    joined = by_start(correct(harbour, f"{NAME},9,join,\n").analysis.comments)
    assert joined[8][Col.LINE_END] == 9
    # Without the source's text, a line set aside cannot come back: reported, not guessed.
    blind = correct(harbour, f"{NAME},9,split,\n", data=None)
    assert "source file is needed" in blind.problems[0].reason


def test_parent_fixes_a_link_with_full_confidence_and_updates_the_threads(harbour):
    before = by_start(harbour.comments)
    fixed = correct(harbour, f"{NAME},12,parent,8\n{NAME},11,parent,\n")
    rows = by_start(fixed.analysis.comments)
    assert rows[12][Col.PARENT_ID] == before[8][Col.COMMENT_ID]
    assert pd.isna(rows[11][Col.PARENT_ID])
    for line in (11, 12):
        assert rows[line][Col.REPLY_CONFIDENCE] == 1.0
        assert rows[line][Col.REPLY_EVIDENCE] == CORRECTED_BY_HAND
        assert not rows[line][Col.INFERRED]
    assert rows[12][Col.DEPTH] == rows[8][Col.DEPTH] + 1
    assert rows[12][Col.THREAD_ID] == rows[8][Col.THREAD_ID]
    assert rows[11][Col.THREAD_ID] == rows[11][Col.COMMENT_ID]
    expected = thread_metrics(fixed.analysis.comments)
    pd.testing.assert_frame_equal(fixed.analysis.threads.reset_index(drop=True), expected)
    assert not fixed.analysis.threads.equals(harbour.threads)


def test_rows_that_cannot_apply_are_reported_and_the_rest_apply(harbour):
    rows = "\n".join([
        f"{NAME},11,split,",              # 2: fine, already a comment start (changes nothing)
        f"{NAME},99,split,",              # 3: no such line
        f"{NAME},2,skip,",                # 4: article line
        f"{NAME},4,join,",                # 5: blank line
        f"{NAME},6,join,",                # 6: first comment: nothing above
        f"{NAME},8,parent,11",            # 7: target after line
        f"{NAME},7,parent,6",             # 8: line 7 continues the comment at 6
        "other.txt,8,parent,6",           # 9: no such source
        f"{NAME},x,split,",               # 10: not a number
        f"{NAME},12,parent,10",           # 11: fine
    ]) + "\n"
    fixed = correct(harbour, rows)
    assert [(p.origin, p.row) for p in fixed.problems] == [("fix.csv", r)
                                                          for r in (3, 4, 5, 6, 7, 8, 9, 10)]
    reasons = [p.reason for p in fixed.problems]
    assert "no line 99" in reasons[0] and "in the article" in reasons[1]
    assert "blank line" in reasons[2] and "no comment above" in reasons[3]
    assert "comes after" in reasons[4] and "continues the comment at line 6" in reasons[5]
    assert str(fixed.problems[0]) == f"fix.csv:3: {reasons[0]}"
    assert by_start(fixed.analysis.comments)[12][Col.PARENT_ID] == "harbour:L10"
    assert len(fixed.applied) == 2


def test_a_row_whose_line_changed_is_reported_and_never_applied(harbour):
    fixed = correct(harbour, f"{NAME},12,parent,8,Thanks for the\n"
                             f"{NAME},11,parent,8,Something else\n",
                    header="source,line,action,target,line_text")
    assert len(fixed.problems) == 1 and fixed.problems[0].row == 3
    assert "no longer starts with 'Something else'" in fixed.problems[0].reason
    rows = by_start(fixed.analysis.comments)
    assert rows[12][Col.REPLY_EVIDENCE] == CORRECTED_BY_HAND
    assert rows[11][Col.REPLY_EVIDENCE] != CORRECTED_BY_HAND


def test_only_changed_texts_are_scored_and_other_articles_are_untouched(harbour, monkeypatch):
    other = "Other article\nBody text here.\n\n\n\nFirst comment here.\nSecond comment.\n"
    both = analyse_files([(NAME, HARBOUR.encode()), ("other.txt", other.encode())])
    scored: list[list[str]] = []
    real = corrections_module.score_sentiment

    def spy(frame, *args, **kwargs):
        scored.append(frame[Col.TEXT].tolist())
        return real(frame, *args, **kwargs)

    monkeypatch.setattr(corrections_module, "score_sentiment", spy)
    fixed = correct(both, f"{NAME},7,split,\n{NAME},12,parent,8\n")
    assert scored == [["Here is what the council left out:",
                       "The ferries carry four hundred people a day."]]
    mine = fixed.analysis.comments[Col.SOURCE] == "other.txt"
    theirs = both.comments[Col.SOURCE] == "other.txt"
    pd.testing.assert_frame_equal(fixed.analysis.comments[mine].reset_index(drop=True),
                                  both.comments[theirs].reset_index(drop=True))
    assert fixed.articles == ["harbour"]


EXPORT = """id,parent_id,author,text
1,,ann,Where is the ferry timetable?
2,1,bob,On the council website.
3,2,cat,It is out of date.
4,,dan,Close it.
"""


def test_structured_sources_take_parent_rows_by_comment_id():
    result = analyse_files([("export.csv", EXPORT.encode())])
    parsed, _ = read_corrections("ids.csv", (
        b"source,line,action,target\n"
        b"export.csv,4,parent,1\n"   # 2: fine
        b"export.csv,1,parent,3\n"   # 3: a cycle (3 answers 2 answers 1)
        b"export.csv,2,split,\n"     # 4: spans do not apply to ids
        b"export.csv,9,parent,1\n"   # 5: no such id
        b"export.csv,3,parent,\n"    # 6: fine: top-level
    ))
    fixed = apply_corrections(result, parsed)
    assert [p.row for p in fixed.problems] == [3, 4, 5]
    assert "cycle" in fixed.problems[0].reason and "only parent" in fixed.problems[1].reason
    rows = fixed.analysis.comments.set_index(Col.COMMENT_ID)
    assert rows.loc["4", Col.PARENT_ID] == "1" and rows.loc["4", Col.DEPTH] == 1
    assert rows.loc["4", Col.REPLY_EVIDENCE] == CORRECTED_BY_HAND
    assert pd.isna(rows.loc["3", Col.PARENT_ID]) and rows.loc["3", Col.DEPTH] == 0
    assert rows.loc["2", Col.PARENT_ID] == "1"  # the source's own link stays
    assert rows.loc["2", Col.REPLY_EVIDENCE] != CORRECTED_BY_HAND


def test_the_file_format_round_trips_with_formula_guards():
    rows = [Correction("=cmd.txt", "12", "parent", "3", "-1 for this, @you"),
            Correction("a.txt", "4", "skip", "", "")]
    data = corrections_csv(rows)
    assert data.decode().splitlines()[0] == "source,line,action,target,line_text"
    assert "'=cmd.txt" in data.decode()
    assert is_corrections_file(data)
    back, problems = read_corrections("x.csv", data)
    assert not problems
    assert [c.asks() for c in back] == [c.asks() for c in rows]
    assert [c.line_text for c in back] == [c.line_text for c in rows]
    assert [c.row for c in back] == [2, 3]


def test_a_file_with_another_header_is_not_a_corrections_file():
    assert not is_corrections_file(b"id,parent_id,text\n1,,hi\n")
    with pytest.raises(CorrectionsError, match=r"x\.csv:1: not a corrections file"):
        read_corrections("x.csv", b"id,parent_id,text\n1,,hi\n")
    _, problems = read_corrections("y.csv", b"source,line,action,target\na.txt,1,merge,\n"
                                            b"a.txt,2,split,5\n")
    assert [(p.row, p.reason.split(":")[0]) for p in problems] == [
        (2, "unknown action 'merge'"), (3, "a target goes only with parent, not with split")]


def test_first_words_recognise_a_line():
    assert first_words("  You   are wrong, closing it saves money and jobs. Really.  ") == \
        "You are wrong, closing it saves money and"


def test_the_store_keeps_corrections_by_content_and_writes_atomically(tmp_path):
    store = CorrectionStore(tmp_path)
    rows = [Correction("old-name.txt", "7", "split", "", "The ferries")]
    store.save("abc123", rows)
    assert [p.name for p in store.folder.iterdir()] == ["abc123.csv"]  # no temporary left
    saved = store.load("abc123", "new-name.txt")
    assert [c.asks() for c in saved.corrections] == [("new-name.txt", "7", "split", "")]
    assert saved.saved_at is not None
    assert store.load("other", "x.txt").corrections == ()
    store.save("abc123", [])
    assert not store.path("abc123").exists()


def test_tests_keep_to_a_private_data_folder():
    assert data_dir() == CorrectionStore().folder.parent
    assert os.path.expanduser("~/.local/share") not in str(data_dir())


def _hand_reading_rows(source: str, spans: dict[int, int], parents: dict[int, int | None]
                       ) -> str:
    """A complete reading as a corrections file: every line its own comment, then the joins,
    then every comment's parent."""
    rows = [f"{source},{n},split," for a, b in spans.items() for n in range(a, b + 1)]
    rows += [f"{source},{n},join," for a, b in spans.items() for n in range(a + 1, b + 1)]
    rows += [f"{source},{c},parent,{'' if p is None else p}" for c, p in parents.items()]
    return "\n".join(rows) + "\n"


# One reader's complete reading of seed 000 (first line: last line, and first line: parent's
# first line).
SEED_SPANS = {20: 21, 22: 22, 23: 23, 24: 24, 25: 25, 26: 26, 27: 27, 28: 28, 29: 30, 31: 31,
              32: 33, 34: 34, 35: 36, 37: 37, 38: 39, 40: 40, 41: 41, 42: 42, 43: 43, 44: 44,
              45: 45, 46: 46, 47: 48, 49: 50, 51: 51, 52: 52, 53: 53, 54: 54, 55: 55, 56: 56,
              57: 57, 58: 58, 59: 59, 60: 60, 61: 61, 62: 62, 63: 63, 64: 66, 67: 67, 68: 68,
              69: 69, 70: 70, 71: 71, 72: 72, 73: 77, 78: 78, 79: 81, 82: 82, 83: 84, 85: 85,
              86: 86, 87: 88, 89: 89, 90: 91, 92: 92, 93: 93, 94: 94, 95: 95, 96: 96, 97: 97,
              98: 98, 99: 99, 100: 100, 101: 102}
SEED_PARENTS = {20: None, 22: 20, 23: 20, 24: 23, 25: 24, 26: 24, 27: 24, 28: 20, 29: 28,
                31: 29, 32: 20, 34: 20, 35: 20, 37: 20, 38: 37, 40: 37, 41: 40, 42: 35,
                43: 42, 44: 43, 45: 22, 46: None, 47: 46, 49: 47, 51: 46, 52: 51, 53: 52,
                54: 51, 55: 54, 56: None, 57: 56, 58: 57, 59: 58, 60: 59, 61: 60, 62: 60,
                63: 57, 64: 62, 67: 64, 68: 64, 69: 68, 70: 69, 71: 70, 72: 71, 73: 71,
                78: 73, 79: 73, 82: 73, 83: None, 85: 83, 86: 83, 87: 86, 89: 72, 90: 87,
                92: None, 93: 92, 94: 93, 95: 94, 96: 95, 97: None, 98: None, 99: 98,
                100: 99, 101: 99}


def test_a_complete_hand_reading_of_the_seed_is_reproduced_exactly():
    data = SEED_WITH_COMMENTS.read_bytes()
    result = analyse_files([(SEED_WITH_COMMENTS.name, data)])
    parsed, _ = read_corrections("reading.csv", (
        "source,line,action,target\n"
        + _hand_reading_rows(SEED_WITH_COMMENTS.name, SEED_SPANS, SEED_PARENTS)).encode())
    fixed = apply_corrections(result, parsed)
    assert not fixed.problems
    comments = fixed.analysis.comments
    line_of = dict(zip(comments[Col.COMMENT_ID], comments[Col.LINE_START], strict=True))
    spans = dict(zip(comments[Col.LINE_START], comments[Col.LINE_END], strict=True))
    parents = {int(start): (None if pd.isna(parent) else int(line_of[parent]))
               for start, parent in zip(comments[Col.LINE_START], comments[Col.PARENT_ID],
                                        strict=True)}
    assert spans == SEED_SPANS
    assert parents == SEED_PARENTS
    assert not comments[Col.INFERRED].any()
    report = fixed.analysis.reports[0]
    assert report.comments == len(SEED_SPANS) and report.accounted_lines == report.total_lines


def test_corrected_tables_keep_the_analysis_dtypes(harbour):
    fixed = correct(harbour, f"{NAME},9,split,\n{NAME},8,join,\n{NAME},12,parent,6\n")
    assert fixed.analysis.comments.dtypes.equals(harbour.comments.dtypes)
    assert fixed.analysis.threads.dtypes.equals(harbour.threads.dtypes)


def _cli(*args: str):
    import subprocess
    import sys

    from analysis.readers import PROJECT_ROOT

    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, cwd=PROJECT_ROOT, timeout=300)


def test_the_cli_applies_a_file_and_reports_the_rows_that_cannot_apply(tmp_path):
    from analysis.export import read_safe_csv

    page = tmp_path / NAME
    page.write_text(HARBOUR, encoding="utf-8")
    fix = tmp_path / "fix.csv"
    fix.write_text(f"source,line,action,target\n{NAME},7,split,\n{NAME},3,split,\n"
                   f"{NAME},12,parent,7\n{NAME},12,parent,13\n", encoding="utf-8")
    out = tmp_path / "comments.csv"
    done = _cli("comments", str(page), "--corrections", str(fix), "--out", str(out))
    assert done.returncode == 0, done.stderr
    # The reading's own "warning: ..." lines (blank lines skipped) come first; then the rows.
    assert [line for line in done.stderr.splitlines() if not line.startswith("warning: ")] == [
        f"{fix}:3: line 3 is no comment (blank line)",
        f"{fix}:5: no line 13: {NAME} has 12 lines"]
    table = read_safe_csv(out).set_index(Col.LINE_START)
    assert table.loc[7, Col.LINE_END] == 7
    assert table.loc[12, Col.PARENT_ID] == "harbour:L7"

    threads = tmp_path / "threads.csv"
    done = _cli("threads", str(page), "--corrections", str(fix), "--out", str(threads))
    assert done.returncode == 0, done.stderr
    assert read_safe_csv(threads)[ThreadCol.SIZE].sum() == 6

    fix.write_text(f"source,line,action,target\n{NAME},12,skip,\n", encoding="utf-8")
    done = _cli("report", str(page), "--corrections", str(fix))
    assert done.returncode == 0, done.stderr
    assert f"({SKIPPED_BY_HAND}): lines 12" in done.stdout
    assert "comments: 4" in done.stdout


def test_the_people_command_counts_a_link_set_by_hand_as_a_reply(tmp_path):
    from analysis.export import read_safe_csv

    export = tmp_path / "export.csv"
    export.write_text(EXPORT, encoding="utf-8")
    fix = tmp_path / "fix.csv"
    fix.write_text("source,line,action,target\nexport.csv,4,parent,2\n", encoding="utf-8")
    edges = tmp_path / "edges.csv"
    done = _cli("people", str(export), "--corrections", str(fix), "--out", "-",
                "--edges", str(edges))
    assert done.returncode == 0, done.stderr
    pairs = read_safe_csv(edges)
    # bob -> ann and cat -> bob from the source; dan -> bob set by hand.
    assert sorted(zip(pairs["from_author"], pairs["to_author"], strict=True)) == [
        ("bob", "ann"), ("cat", "bob"), ("dan", "bob")]


def test_the_cli_refuses_a_file_that_is_not_a_corrections_file(tmp_path):
    page = tmp_path / NAME
    page.write_text(HARBOUR, encoding="utf-8")
    done = _cli("comments", str(page), "--corrections", str(page), "--out", "-")
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {page}:1: not a corrections file")


def test_checking_reports_exactly_what_applying_reports(harbour):
    from analysis.corrections import check_corrections

    rows, _ = read_corrections("fix.csv", (
        f"source,line,action,target\n{NAME},8,join,\n{NAME},8,parent,6\n{NAME},99,skip,\n"
        f"{NAME},12,parent,10\n").encode())
    applied = apply_corrections(harbour, rows)
    assert check_corrections(harbour, rows) == applied.problems
    assert [p.row for p in applied.problems] == [3, 4]


def test_a_row_that_fails_changes_nothing(harbour):
    # Line 9 (furniture) cannot join a comment above once 6-8 are gone; line 8's text check
    # fails after it was skipped: neither row may leave a half-done change behind.
    fixed = correct(harbour, f"{NAME},6,skip,\n{NAME},7,skip,\n{NAME},8,skip,\n"
                             f"{NAME},9,join,\n", data=HARBOUR.encode())
    assert [p.row for p in fixed.problems] == [5]
    assert sorted(by_start(fixed.analysis.comments)) == [10, 11, 12]
    rows, _ = read_corrections("t.csv", (
        "source,line,action,target,line_text\n"
        f"{NAME},8,skip,,\n{NAME},8,split,,Something else\n").encode())
    again = apply_corrections(harbour, rows)
    assert [p.row for p in again.problems] == [3]
    assert 8 not in by_start(again.analysis.comments)


INTERLEAVED = """id,parent_id,article_id,author,text
a1,,A,ann,Where is the ferry timetable?
b1,,B,bob,The bridge opens in June.
a2,a1,A,cat,On the council website.
b2,b1,B,dan,Only for buses.
a3,,A,eve,Close the harbour.
"""


def test_pages_and_interleaved_articles_are_put_back_in_their_places():
    files = [(NAME, HARBOUR.encode()), ("mixed.csv", INTERLEAVED.encode())]
    base = analyse_files(files)
    fixed = correct(base, f"{NAME},8,join,\nmixed.csv,a3,parent,a2\n")
    assert not fixed.problems
    table = fixed.analysis.comments
    assert len(table) == len(base.comments) - 1
    assert table[Col.SOURCE].tolist() == [NAME] * 4 + ["mixed.csv"] * 5
    rows = table.set_index(Col.COMMENT_ID)
    assert rows.loc["a3", Col.PARENT_ID] == "a2" and rows.loc["a3", Col.DEPTH] == 2
    assert rows.loc["a3", Col.THREAD_ID] == "a1"
    before = base.comments.set_index(Col.COMMENT_ID)
    for untouched in ("a1", "a2", "b1", "b2"):
        pd.testing.assert_series_equal(rows.loc[untouched], before.loc[untouched])
    assert table[Col.COMMENT_ID].tolist()[4:] == base.comments[Col.COMMENT_ID].tolist()[5:]
    assert fixed.analysis.comments.dtypes.equals(base.comments.dtypes)


def test_a_memo_rebuilds_only_the_source_whose_rows_changed():
    files = [(NAME, HARBOUR.encode()), ("mixed.csv", INTERLEAVED.encode())]
    base = analyse_files(files)
    first, _ = read_corrections("a.csv", (f"source,line,action,target\n{NAME},8,join,\n"
                                          "mixed.csv,a3,parent,a2\n").encode())
    second, _ = read_corrections("a.csv", (f"source,line,action,target\n{NAME},8,join,\n"
                                           "mixed.csv,b2,parent,\n").encode())
    memo: dict = {}
    apply_corrections(base, first, memo=memo)
    assert len(memo) == 2
    kept = memo[next(iter(memo))]
    again = apply_corrections(base, second, memo=memo)
    assert len(memo) == 3 and memo[next(iter(memo))] is kept  # the page was not rebuilt
    plain = apply_corrections(base, second)
    pd.testing.assert_frame_equal(again.analysis.comments, plain.analysis.comments)
    pd.testing.assert_frame_equal(again.analysis.threads, plain.analysis.threads)


def test_links_read_from_page_markers_stay_fixed_and_follow_a_join():
    from tests.test_layout import guardian_like, render

    text, _ = render(guardian_like, flat=True)  # comments under "in reply to NAME" lines
    base = analyse_files([("marked.txt", text.encode())])
    assert not base.comments[Col.INFERRED].any()
    before = by_start(base.comments)
    assert before[52][Col.PARENT_ID] == before[59][Col.PARENT_ID] == "marked:L45"
    rows, _ = read_corrections("m.csv", b"source,line,action,target\nmarked.txt,45,join,\n"
                                        b"marked.txt,18,split,\n")
    fixed = apply_corrections(base, rows)
    assert not fixed.problems
    after = by_start(fixed.analysis.comments)
    # dave's comment joined erin's: the replies "in reply to dave" now answer that comment.
    assert after[52][Col.PARENT_ID] == after[59][Col.PARENT_ID] == "marked:L39"
    assert after[52][Col.REPLY_EVIDENCE] == before[52][Col.REPLY_EVIDENCE]
    assert not after[52][Col.INFERRED]
    # The page's other marker links are kept as they were; the new comment at line 18 has no
    # marker of its own, so its link is inferred.
    for line in (17, 25, 32, 39):
        assert after[line][Col.PARENT_ID] == before[line][Col.PARENT_ID]
    assert after[18][Col.INFERRED] and after[18][Col.AUTHOR] == "bob"


# ---------------------------------------------------------------------------- topics


@pytest.fixture(scope="module")
def two_topics():
    return analyse_files([(TWO_TOPICS_NAME, TWO_TOPICS_PAGE.encode())], n_topics=2)


def correct_two_topics(result, rows: str):
    parsed, problems = read_corrections("fix.csv", f"source,line,action,target\n{rows}".encode())
    assert not problems, problems
    fixed = apply_corrections(result, parsed)
    assert not fixed.problems, fixed.problems
    return fixed.analysis


def topic_of(result, line: int) -> tuple[int, str]:
    row = by_start(result.comments)[line]
    return int(row[Col.TOPIC_ID]), row[Col.TOPIC_LABEL]


def assert_other_topics_hold(before, after, changed_lines: set[int]) -> None:
    """Comments with topic words of their own and an unchanged span keep their topic id and
    label; every comment without topic words has its parent's topic (none when top-level);
    no topic is renamed."""
    old = by_start(before.comments)
    rows = by_start(after.comments)
    by_id = {row[Col.COMMENT_ID]: row for row in rows.values()}
    for line, row in rows.items():
        own = before.topics.transform([row[Col.TEXT]])[0]
        if own == NO_TOPIC:
            parent = by_id.get(row[Col.PARENT_ID])
            expected = NO_TOPIC if parent is None else parent[Col.TOPIC_ID]
            assert row[Col.TOPIC_ID] == expected, line
        elif line not in changed_lines:
            assert row[Col.LINE_END] == old[line][Col.LINE_END]
            assert (row[Col.TOPIC_ID], row[Col.TOPIC_LABEL]) == \
                (old[line][Col.TOPIC_ID], old[line][Col.TOPIC_LABEL]), line
    assert set(after.comments[Col.TOPIC_LABEL]) <= {*before.topics.labels, NO_TOPIC_LABEL}
    assert after.topics is before.topics


def test_the_two_topics_page_reads_as_expected_before_any_correction(two_topics):
    football, railway = topic_of(two_topics, 6), topic_of(two_topics, 8)
    assert football != railway
    assert "stadium" in football[1] and "railway" in railway[1]
    assert (by_start(two_topics.comments)[18][Col.LINE_END], topic_of(two_topics, 18)) == \
        (19, football)
    assert topic_of(two_topics, 21) == football  # "Good point." under the mixed comment
    assert by_start(two_topics.comments)[27][Col.LINE_END] == 28


def test_a_split_places_each_part_in_the_topic_its_words_share(two_topics):
    after = correct_two_topics(two_topics, f"{TWO_TOPICS_NAME},19,split,\n")
    football, railway = topic_of(two_topics, 6), topic_of(two_topics, 8)
    assert topic_of(after, 18) == football
    assert topic_of(after, 19) == railway
    # Article similarity from each part's own words: the stadium part shares the article's.
    rows = by_start(after.comments)
    assert rows[18][Col.ARTICLE_SIMILARITY] > 0.3
    assert rows[19][Col.ARTICLE_SIMILARITY] == 0.0
    assert rows[18][Col.ARTICLE_SIMILARITY] != \
        by_start(two_topics.comments)[18][Col.ARTICLE_SIMILARITY]
    assert_other_topics_hold(two_topics, after, {18, 19})


def test_a_join_takes_the_topic_of_the_joined_words(two_topics):
    # "Good point." carries its parent's (stadium) topic; joined with the railway comment
    # below it, the comment is about the railway.
    after = correct_two_topics(two_topics, f"{TWO_TOPICS_NAME},23,join,\n")
    rows = by_start(after.comments)
    assert (rows[21][Col.LINE_END], 23 in rows) == (23, False)
    assert topic_of(after, 21) == topic_of(two_topics, 8)
    assert_other_topics_hold(two_topics, after, {21})


def test_words_the_model_never_saw_give_no_topic_or_the_parents(two_topics):
    after = correct_two_topics(two_topics, f"{TWO_TOPICS_NAME},28,split,\n"
                                           f"{TWO_TOPICS_NAME},28,parent,\n")
    rows = by_start(after.comments)
    assert rows[28][Col.TEXT] == "Zxqv blorft!"
    assert two_topics.topics.transform(["Zxqv blorft!"])[0] == NO_TOPIC
    # Top-level by hand: no ancestor to inherit from.
    assert topic_of(after, 28) == (NO_TOPIC, NO_TOPIC_LABEL)
    assert rows[28][Col.ARTICLE_SIMILARITY] == 0.0
    # "Well said." has no topic words either: it keeps the topic of the comment it answers.
    parent = rows[27][Col.PARENT_ID]
    assert topic_of(after, 27) == topic_of(after, int(parent.rsplit("L", 1)[1]))
    assert_other_topics_hold(two_topics, after, {27, 28})
    # Answering a comment again, it inherits that comment's topic.
    linked = correct_two_topics(two_topics, f"{TWO_TOPICS_NAME},28,split,\n"
                                            f"{TWO_TOPICS_NAME},28,parent,23\n")
    assert topic_of(linked, 28) == topic_of(two_topics, 23)


def test_a_reply_without_topic_words_follows_its_new_parent(two_topics):
    after = correct_two_topics(two_topics, f"{TWO_TOPICS_NAME},21,parent,8\n")
    assert topic_of(after, 21) == topic_of(two_topics, 8)
    assert_other_topics_hold(two_topics, after, set())


def test_without_a_topic_model_a_changed_comment_takes_its_first_lines_topic(two_topics):
    # An Analysis built without its topic model (by hand): the old rule, no failure.
    after = correct_two_topics(replace(two_topics, topics=None), f"{TWO_TOPICS_NAME},19,split,\n")
    assert topic_of(after, 18) == topic_of(after, 19) == topic_of(two_topics, 18)
