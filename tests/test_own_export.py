"""The per-comment CSV read back as a source (analysis/sources/own_export.py): the CLI's
``comments --out`` (with and without ``--all-columns``) and the app's Download CSV, of the seed
pages and of a structured export with authors and times, through real files."""

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis.corrections import CORRECTED_BY_HAND, Correction, apply_corrections
from analysis.export import is_comment_export, is_rearranged_export, safe_csv_bytes
from analysis.people import people_tables
from analysis.pipeline import analyse_paths
from analysis.schema import ALL_COMMENT_COLUMNS, COMMENT_COLUMNS, Col, EdgeCol, ThreadCol
from analysis.sources import PROJECT_ROOT, read_bytes, read_source, seed_paths
from analysis.views import guessed_links

# Texts and authors a spreadsheet would run as formulas, one that is the writer's own
# apostrophe, lines within a comment, quotes and commas.
STRUCTURED_RECORDS = [
    {"id": "c1", "parent_id": "", "author": "=Ann", "created_utc": 1476408245,
     "body": "=SUM(A1:A9) is how you add it up", "link_id": "t3_art1", "title": "Budget"},
    {"id": "c2", "parent_id": "c1", "author": "@bob", "created_utc": 1476408300,
     "body": "@Ann no.\nSecond line of my reply.\n\nThird paragraph.", "link_id": "t3_art1"},
    {"id": "c3", "parent_id": "c2", "author": "'quoted", "created_utc": "2016-10-14 02:00:00",
     "body": "'=not a formula, the writer's own apostrophe", "link_id": "t3_art1"},
    {"id": "c4", "parent_id": "", "author": "-dash", "created_utc": 1476409000,
     "body": "+1 to this", "link_id": "t3_art2"},
    {"id": "c5", "parent_id": "c4", "author": "Eve", "created_utc": 1476409100, "likes": 12,
     "body": '-3 degrees outside, "quoted", with, commas', "link_id": "t3_art2"},
    {"id": "c6", "parent_id": "c4", "author": "\uff20Kim", "created_utc": 1476409200,
     "body": "\uff1dHYPERLINK(\"http://x\",\"y\")\n@Eve and a second line", "link_id": "t3_art2"},
]
GIVEN_FIELDS = [Col.ARTICLE_ID, Col.COMMENT_ID, Col.PARENT_ID, Col.AUTHOR, Col.CREATED_AT,
                Col.TEXT]


def _cli_export(out, sources, *options):
    done = subprocess.run([sys.executable, "-m", "analysis", "comments", *map(str, sources),
                           "--out", str(out), *options], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return out


def _values(frame: pd.DataFrame, column: str) -> list:
    """A column as plain values, missing and empty alike as None (CSV cannot tell them
    apart)."""
    return [None if pd.isna(value) or value == "" else value for value in frame[column]]


@pytest.fixture(scope="module", params=["jsonl", "csv"])
def structured_source(request, tmp_path_factory):
    """The records as a JSONL dump or as a CSV export (where the apostrophe, the '=' and the
    line breaks are the writer's own cells)."""
    path = tmp_path_factory.mktemp("structured") / f"comments.{request.param}"
    if request.param == "jsonl":
        path.write_text("\n".join(json.dumps(record) for record in STRUCTURED_RECORDS) + "\n",
                        encoding="utf-8")
    else:
        pd.DataFrame(STRUCTURED_RECORDS).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def structured_export(structured_source):
    return _cli_export(structured_source.with_name("export.csv"), [structured_source])


def test_the_export_guards_cells_and_reading_it_back_takes_the_guard_off(
        structured_source, structured_export):
    written = pd.read_csv(structured_export, dtype=str, keep_default_na=False)
    # The file as a spreadsheet opens it: guarded.
    assert "'=SUM(A1:A9) is how you add it up" in written[Col.TEXT].tolist()
    assert "''=not a formula, the writer's own apostrophe" in written[Col.TEXT].tolist()
    assert "'=Ann" in written[Col.AUTHOR].tolist()
    original = read_source(structured_source).comments
    back = read_source(structured_export)
    assert any("commentscope comment export" in warning for warning in back.report.warnings)
    for column in GIVEN_FIELDS:
        assert _values(back.comments, column) == _values(original, column), column


def test_a_user_csv_whose_text_starts_with_an_apostrophe_is_left_alone(write_source):
    # Not our header, so the apostrophes are the writer's, not a guard.
    path = write_source("mine.csv", "comment_id,author,text\nc1,'=me,'=1+1 is two\n"
                                    "c2,bob,''quoted twice\n")
    source = read_source(path)
    assert source.comments[Col.TEXT].tolist() == ["'=1+1 is two", "''quoted twice"]
    assert source.comments[Col.AUTHOR].tolist() == ["'=me", "bob"]
    assert not any("commentscope" in warning for warning in source.report.warnings)


def test_a_csv_with_some_of_our_names_but_no_reply_link_columns_is_not_ours(write_source):
    # comment_id, author, text and parent_id are any comment table's names; without
    # reply_confidence and reply_evidence the apostrophes are the writer's.
    path = write_source("mine.csv", "text,comment_id,author,parent_id,article_id\n"
                                    "'=x,c1,'=me,,a\n")
    source = read_source(path)
    assert source.comments[Col.TEXT].tolist() == ["'=x"]
    assert not any("commentscope" in warning for warning in source.report.warnings)


def test_our_header_is_recognised_as_written_and_as_a_spreadsheet_rearranges_it():
    assert is_comment_export(COMMENT_COLUMNS) and is_comment_export(ALL_COMMENT_COLUMNS)
    assert not is_rearranged_export(ALL_COMMENT_COLUMNS)
    moved = [Col.TEXT, Col.REPLY_EVIDENCE, Col.COMMENT_ID, Col.PARENT_ID, Col.REPLY_CONFIDENCE,
             "my notes"]
    assert is_comment_export(moved) and is_rearranged_export(moved)
    without_evidence = [c for c in ALL_COMMENT_COLUMNS if c != Col.REPLY_EVIDENCE]
    assert not is_comment_export(without_evidence)
    assert not is_comment_export([*moved, Col.TEXT])  # a name twice: which one is the text?


def test_the_apps_download_reads_back_with_its_byte_order_mark(structured_source):
    original = analyse_paths([structured_source]).comments
    download = safe_csv_bytes(original[COMMENT_COLUMNS])
    assert download.startswith("\ufeff".encode())
    back = read_bytes("download.csv", download).comments
    for column in GIVEN_FIELDS:
        assert _values(back, column) == _values(original, column), column


def test_the_seed_pages_come_back_comment_for_comment(tmp_path):
    export = _cli_export(tmp_path / "seeds.csv", seed_paths())
    original = analyse_paths(seed_paths()).comments
    back = read_source(export).comments
    assert len(back) == len(original) > 0
    for column in GIVEN_FIELDS:
        assert _values(back, column) == _values(original, column), column
    # Comments over several page lines stay one comment each.
    assert any("\n" in text for text in back[Col.TEXT])


@pytest.fixture(scope="module")
def seeds_analysed():
    return analyse_paths(seed_paths()).comments


@pytest.fixture(scope="module")
def seeds_export_all_columns(tmp_path_factory):
    return _cli_export(tmp_path_factory.mktemp("seeds") / "seeds_all.csv", seed_paths(),
                       "--all-columns")


def test_stated_links_keep_the_confidence_and_evidence_the_export_states(
        seeds_analysed, seeds_export_all_columns):
    back = read_source(seeds_export_all_columns)
    assert _values(back.comments, Col.PARENT_ID) == _values(seeds_analysed, Col.PARENT_ID)
    # The seed's links were inferred (0.726 "previous comment; ..."): they must not come back
    # as certain links the source gave.
    assert back.comments[Col.REPLY_CONFIDENCE].tolist() == pytest.approx(
        seeds_analysed[Col.REPLY_CONFIDENCE].tolist())
    assert _values(back.comments, Col.REPLY_EVIDENCE) == _values(seeds_analysed,
                                                                Col.REPLY_EVIDENCE)
    for column in (Col.SEGMENT_EVIDENCE, Col.TIME_TEXT):
        assert _values(back.comments, column) == _values(seeds_analysed, column), column
    assert back.comments[Col.SEGMENT_CONFIDENCE].tolist() == pytest.approx(
        seeds_analysed[Col.SEGMENT_CONFIDENCE].tolist())
    assert back.comments[Col.TRUNCATED].tolist() == seeds_analysed[Col.TRUNCATED].tolist()
    inferred = int(seeds_analysed[Col.INFERRED].sum())
    notes = "\n".join(back.report.warnings)
    assert f"{inferred} of its comments' links" in notes
    assert "stay inferred guesses, with the reply_addresses it states" in notes
    # What a comment export cannot hold is named, not silently different.
    assert "article titles, URLs and texts" in notes
    assert "topics are fitted again" in notes
    assert "000_cc89e47453706f70.txt" in notes and "line numbers" in notes


LINK_COLUMNS = [Col.COMMENT_ID, Col.PARENT_ID, Col.INFERRED, Col.REPLY_EVIDENCE,
                Col.REPLY_ADDRESSES, Col.THREAD_ID, Col.DEPTH]


def _same_links(again: pd.DataFrame, first: pd.DataFrame) -> None:
    """Per comment, the link as the first reading had it: parent, whether it was a guess, its
    confidence, evidence and addresses, and the threads built on it."""
    assert len(again) == len(first)
    for column in LINK_COLUMNS:
        assert _values(again, column) == _values(first, column), column
    assert again[Col.REPLY_CONFIDENCE].tolist() == pytest.approx(
        first[Col.REPLY_CONFIDENCE].tolist())
    assert guessed_links(again).tolist() == guessed_links(first).tolist()


def _same_thread_figures(again: pd.DataFrame, first: pd.DataFrame) -> None:
    keys = [ThreadCol.ARTICLE_ID, ThreadCol.THREAD_ID]
    again, first = again.sort_values(keys), first.sort_values(keys)
    assert _values(again, ThreadCol.THREAD_ID) == _values(first, ThreadCol.THREAD_ID)
    for column in (ThreadCol.SIZE, ThreadCol.DEPTH, ThreadCol.INFERRED_SHARE,
                   ThreadCol.MEAN_LINK_CONFIDENCE):
        assert again[column].tolist() == pytest.approx(first[column].tolist(), nan_ok=True), \
            column


def test_analysing_the_export_again_keeps_its_guesses_as_guesses(seeds_export_all_columns):
    first = analyse_paths(seed_paths())
    again = analyse_paths([seeds_export_all_columns])
    inferred = int(first.comments[Col.INFERRED].sum())
    assert inferred == len(first.comments) > 0  # a scraped page: every link is a guess
    _same_links(again.comments, first.comments)
    _same_thread_figures(again.threads, first.threads)
    # Plain page order reads the guesses as it read them the first time.
    _same_thread_figures(again.page_order_threads, first.page_order_threads)
    # Kept as the export states them, not chosen again.
    assert again.comments[Col.REPLY_STATED].all()
    assert not first.comments[Col.REPLY_STATED].any()
    # Scores depend on the text alone.
    assert again.comments[Col.HOSTILITY].tolist() == pytest.approx(
        first.comments[Col.HOSTILITY].tolist())
    assert again.comments[Col.SENTIMENT].tolist() == pytest.approx(
        first.comments[Col.SENTIMENT].tolist())


def test_a_stated_guess_is_kept_as_stated_not_inferred_again(seeds_export_all_columns,
                                                            tmp_path):
    written = pd.read_csv(seeds_export_all_columns, dtype=str, keep_default_na=False)
    # The last comment said to answer the first one instead: a parent inference would not
    # choose for it (it chose the previous comment), still marked as a guess.
    first_id, last = written[Col.COMMENT_ID].iloc[0], written.index[-1]
    assert written.at[last, Col.PARENT_ID] != first_id
    written.at[last, Col.PARENT_ID] = first_id
    path = tmp_path / "edited.csv"
    path.write_bytes(safe_csv_bytes(written))
    again = analyse_paths([path]).comments.set_index(Col.COMMENT_ID)
    row = again.loc[written.at[last, Col.COMMENT_ID]]
    assert row[Col.PARENT_ID] == first_id and row[Col.DEPTH] == 1
    assert row[Col.INFERRED] and row[Col.REPLY_STATED]
    assert row[Col.REPLY_CONFIDENCE] == pytest.approx(float(written.at[last,
                                                                       Col.REPLY_CONFIDENCE]))


AUTHORED_RECORDS = [  # no parent column: the links are inferred, between named people
    {"id": "p1", "author": "ann", "body": "The council should fund the ferry again."},
    {"id": "p2", "author": "bob", "body": "Ann, you are wrong, the ferry never paid."},
    {"id": "p3", "author": "ann", "body": "@bob it paid for years before the cuts."},
    {"id": "p4", "author": "cy", "body": "What about the bridge plan?"},
    {"id": "p5", "author": "bob", "body": "Cy, the bridge plan costs twice as much."},
    {"id": "p6", "author": "dee", "body": "Ferries are lovely in summer."},
]


def test_guesses_between_people_stay_guesses_in_the_people_network(structured_source,
                                                                   tmp_path):
    authored = tmp_path / "authored.jsonl"
    authored.write_text("\n".join(json.dumps(record) for record in AUTHORED_RECORDS) + "\n",
                        encoding="utf-8")
    # One export that mixes given links (the structured source) with inferred ones.
    sources = [structured_source, authored]
    first = analyse_paths(sources)
    export = _cli_export(tmp_path / "mixed.csv", sources, "--all-columns")
    again = analyse_paths([export])
    assert 0 < first.comments[Col.INFERRED].sum() < len(first.comments)
    _same_links(again.comments, first.comments)
    _same_thread_figures(again.threads, first.threads)
    for include_inferred in (False, True):
        before = people_tables(first.comments, include_inferred).interactions
        after = people_tables(again.comments, include_inferred).interactions
        pd.testing.assert_frame_equal(after, before)
    assert people_tables(again.comments, True).interactions[EdgeCol.INFERRED_REPLIES].sum() > 0


def test_a_hand_correction_on_a_read_back_export_keeps_the_other_guesses(
        seeds_export_all_columns):
    again = analyse_paths([seeds_export_all_columns])
    comments = again.comments
    child, target = comments[Col.COMMENT_ID].iloc[5], comments[Col.COMMENT_ID].iloc[1]
    assert comments[Col.PARENT_ID].iloc[5] != target
    fixed = apply_corrections(again, [Correction(seeds_export_all_columns.name, child,
                                                 "parent", target)])
    assert not fixed.problems and fixed.applied
    after = fixed.analysis.comments.set_index(Col.COMMENT_ID)
    assert after.loc[child, Col.PARENT_ID] == target
    assert after.loc[child, Col.REPLY_EVIDENCE] == CORRECTED_BY_HAND
    assert not after.loc[child, Col.INFERRED] and after.loc[child, Col.REPLY_CONFIDENCE] == 1
    # Every other link stays as the file states it, and stays a guess.
    others = after.drop(index=child)
    before = comments.set_index(Col.COMMENT_ID).loc[others.index]
    for column in (Col.PARENT_ID, Col.REPLY_EVIDENCE, Col.REPLY_ADDRESSES):
        assert _values(others, column) == _values(before, column), column
    assert others[Col.REPLY_CONFIDENCE].tolist() == pytest.approx(
        before[Col.REPLY_CONFIDENCE].tolist())
    assert others[Col.INFERRED].all()
    thread = fixed.analysis.threads
    assert thread[ThreadCol.INFERRED_SHARE].sum() < again.threads[ThreadCol.INFERRED_SHARE].sum()


def test_a_filtered_subset_keeps_its_guesses_and_cuts_the_links_it_lacks(
        seeds_analysed, seeds_export_all_columns, tmp_path):
    written = pd.read_csv(seeds_export_all_columns, dtype=str, keep_default_na=False)
    dropped = set(written[Col.COMMENT_ID].iloc[[3, 10, 11]])
    subset = written[~written[Col.COMMENT_ID].isin(dropped)]
    path = tmp_path / "subset.csv"
    path.write_bytes(safe_csv_bytes(subset))
    back = read_source(path)
    again = analyse_paths([path]).comments.set_index(Col.COMMENT_ID)
    first = seeds_analysed.set_index(Col.COMMENT_ID).loc[again.index]
    lacks = first[Col.PARENT_ID].isin(dropped).to_numpy()
    assert lacks.sum() == 2  # the replies to comment 3 and 11 (10's reply, 11, is gone too)
    assert again[Col.INFERRED].all()  # each was a guess when the export was written
    kept, cut = again[~lacks], again[lacks]
    assert _values(kept, Col.PARENT_ID) == _values(first[~lacks], Col.PARENT_ID)
    assert _values(kept, Col.REPLY_EVIDENCE) == _values(first[~lacks], Col.REPLY_EVIDENCE)
    assert kept[Col.REPLY_CONFIDENCE].tolist() == pytest.approx(
        first[~lacks][Col.REPLY_CONFIDENCE].tolist())
    assert cut[Col.PARENT_ID].isna().all()
    assert cut[Col.REPLY_EVIDENCE].str.startswith("inferred link cut: replies to").all()
    assert cut[Col.REPLY_CONFIDENCE].tolist() == pytest.approx(
        first[lacks][Col.REPLY_CONFIDENCE].tolist())
    lines = [note.lines for note in back.report.notes if note.kind == "cut link"]
    assert len(lines) == 2
    assert f"{len(subset)} of its comments' links" in "\n".join(back.report.warnings)


def test_an_export_without_reply_inferred_says_it_cannot_tell(seeds_analysed, tmp_path):
    export = _cli_export(tmp_path / "seeds.csv", seed_paths())
    back = read_source(export)
    notes = "\n".join(back.report.warnings)
    assert "does not say which of them were inferred" in notes
    assert "every link counts as given" in notes
    again = analyse_paths([export]).comments
    assert not again[Col.INFERRED].any()
    assert _values(again, Col.PARENT_ID) == _values(seeds_analysed, Col.PARENT_ID)


def test_the_default_export_says_what_only_all_columns_would_keep(structured_source,
                                                                 structured_export):
    back = read_source(structured_export)
    notes = "\n".join(back.report.warnings)
    assert "does not say which of them were inferred" in notes
    assert "time_text" in notes and "--all-columns" in notes
    assert structured_source.name in notes
    original = read_source(structured_source).comments
    assert back.comments[Col.REPLY_CONFIDENCE].tolist() == [1.0] * len(original)
    assert _values(back.comments, Col.REPLY_EVIDENCE) == _values(original, Col.REPLY_EVIDENCE)


def test_a_filtered_subset_without_a_parent_cuts_that_link_and_says_so(
        structured_source, tmp_path):
    original = analyse_paths([structured_source]).comments
    subset = original[original[Col.COMMENT_ID] != "c4"]  # c5 and c6 answer c4
    path = tmp_path / "subset.csv"
    path.write_bytes(safe_csv_bytes(subset[COMMENT_COLUMNS]))
    back = read_source(path)
    cut = back.comments.set_index(Col.COMMENT_ID)
    assert pd.isna(cut.loc["c5", Col.PARENT_ID]) or cut.loc["c5", Col.PARENT_ID] == ""
    assert "not in the file" in cut.loc["c5", Col.REPLY_EVIDENCE]
    assert cut.loc["c2", Col.PARENT_ID] == "c1"
    lines = [note.lines for note in back.report.notes if note.kind == "cut link"]
    # c5 and c6 on lines 8 and 9: after the header, c1, c2 over four lines and c3.
    assert lines == [(8,), (9,)]


def test_a_stated_value_that_does_not_read_is_named_with_its_line(structured_source,
                                                                  tmp_path):
    original = analyse_paths([structured_source]).comments[COMMENT_COLUMNS]
    spoiled = original.assign(**{Col.REPLY_CONFIDENCE: ["high", *original[
        Col.REPLY_CONFIDENCE].astype(str).tolist()[1:]]})
    path = tmp_path / "spoiled.csv"
    path.write_bytes(safe_csv_bytes(spoiled))
    back = read_source(path)
    assert back.comments[Col.REPLY_CONFIDENCE].iloc[0] == 1.0
    named = [note for note in back.report.notes if "'high'" in note.reason]
    assert [note.lines for note in named] == [(2,)]


def test_a_guess_whose_confidence_does_not_read_is_guessed_again_not_made_certain(
        seeds_export_all_columns, tmp_path):
    written = pd.read_csv(seeds_export_all_columns, dtype=str, keep_default_na=False)
    written.at[4, Col.REPLY_CONFIDENCE] = "high"
    path = tmp_path / "spoiled.csv"
    path.write_bytes(safe_csv_bytes(written))
    again = analyse_paths([path])
    row = again.comments.iloc[4]
    assert row[Col.INFERRED] and not row[Col.REPLY_STATED]
    assert row[Col.REPLY_CONFIDENCE] < 1
    assert again.comments[Col.REPLY_STATED].sum() == len(written) - 1
    named = [note for note in again.reports[0].notes if "'high'" in note.reason]
    assert [note.lines for note in named] == [(6,)]  # the header, then rows 0-3 on a line each
    assert "inferred again" in named[0].reason


def test_stated_evidence_loses_terminal_escapes_as_every_cell_does(structured_source,
                                                                  tmp_path):
    original = analyse_paths([structured_source]).comments[COMMENT_COLUMNS]
    evidence = original[Col.REPLY_EVIDENCE].astype(str).tolist()
    spoiled = original.assign(**{Col.REPLY_EVIDENCE: ["\x1b[2Jsource: top-level", *evidence[1:]]})
    path = tmp_path / "escaped.csv"
    path.write_bytes(safe_csv_bytes(spoiled))
    assert read_source(path).comments[Col.REPLY_EVIDENCE].iloc[0] == "[2Jsource: top-level"


def test_a_download_sorted_by_a_column_reads_back_in_page_order(seeds_analysed, tmp_path):
    subset = seeds_analysed[seeds_analysed[Col.DEPTH] > 0]  # a filtered view: gaps in position
    download = subset.sort_values(Col.HOSTILITY, ascending=False)[ALL_COMMENT_COLUMNS]
    path = tmp_path / "sorted.csv"
    path.write_bytes(safe_csv_bytes(download))
    back = read_source(path).comments
    in_page_order = back.sort_values([Col.ARTICLE_ID, Col.POSITION])[Col.COMMENT_ID].tolist()
    assert in_page_order == subset[Col.COMMENT_ID].tolist()
    assert sorted(back[Col.POSITION]) == list(range(len(subset)))


def test_a_position_that_does_not_read_keeps_the_files_order_and_names_its_line(
        seeds_analysed, tmp_path):
    download = seeds_analysed[ALL_COMMENT_COLUMNS].iloc[::-1]
    download = download.assign(**{Col.POSITION: ["first", *download[Col.POSITION].astype(
        str).tolist()[1:]]})
    path = tmp_path / "spoiled.csv"
    path.write_bytes(safe_csv_bytes(download))
    back = read_source(path)
    assert back.comments[Col.COMMENT_ID].tolist() == download[Col.COMMENT_ID].tolist()
    assert back.comments[Col.POSITION].tolist() == list(range(len(download)))
    assert [note.lines for note in back.report.notes if "'first'" in note.reason] == [(2,)]


RESAVED = PROJECT_ROOT / "tests" / "data" / "resaved"
"""The ``--all-columns`` export of two sources, one with given links and formula-like texts
(STRUCTURED_RECORDS as structured.csv), one without a parent column (AUTHORED_RECORDS as
authored.jsonl, links inferred), as written (export.csv: ``python -m analysis comments
structured.csv authored.jsonl --all-columns --out export.csv``) and as LibreOffice 7.4 saves it
again (export_libreoffice.csv: ``soffice --headless --infilter="CSV:44,34,76,1,,1033,false,true"
--convert-to csv export.csv``, special numbers detected as Excel does on opening a CSV):
TRUE/FALSE for True/False, 1 for 1.0, 0 for 0.0, 15 significant digits, no BOM, LF line
ends. Fixed files, so the pair stays comparable whatever the analysis infers later."""
LIBREOFFICE_FILTER = "CSV:44,34,76,1,,1033,false,true"


def _resaved_pair(written, resaved):
    first, again = analyse_paths([written]), analyse_paths([resaved])
    assert 0 < first.comments[Col.INFERRED].sum() < len(first.comments)
    _same_links(again.comments, first.comments)
    _same_thread_figures(again.threads, first.threads)
    for column in GIVEN_FIELDS:
        assert _values(again.comments, column) == _values(first.comments, column), column
    notes = "\n".join(again.reports[0].warnings)
    assert "read as a commentscope comment export" in notes
    assert "not as exported" not in {note.kind for note in again.reports[0].notes}
    return first, again


def test_an_export_saved_again_by_a_spreadsheet_reads_as_written():
    written = pd.read_csv(RESAVED / "export.csv", dtype=str, keep_default_na=False)
    resaved = pd.read_csv(RESAVED / "export_libreoffice.csv", dtype=str, keep_default_na=False)
    assert set(resaved[Col.INFERRED]) == {"TRUE", "FALSE"}  # what the reader must take
    assert set(written[Col.INFERRED]) == {"True", "False"}
    _, again = _resaved_pair(RESAVED / "export.csv", RESAVED / "export_libreoffice.csv")
    # Guards taken off as in the file as written.
    assert "=SUM(A1:A9) is how you add it up" in again.comments[Col.TEXT].tolist()


def test_a_resaved_export_with_columns_moved_deleted_and_added_is_still_read_as_ours(
        tmp_path):
    resaved = pd.read_csv(RESAVED / "export_libreoffice.csv", dtype=str, keep_default_na=False)
    deleted = [Col.HOSTILITY_WORDS, Col.TOPIC_ID, Col.TOPIC_LABEL]
    columns = [Col.TEXT, *(c for c in resaved.columns if c not in (Col.TEXT, *deleted))]
    edited = resaved[columns].assign(**{"my notes": "checked"})
    path = tmp_path / "edited.csv"
    # As Excel's "CSV UTF-8" writes it: a byte order mark and CRLF.
    edited.to_csv(path, index=False, lineterminator="\r\n", encoding="utf-8-sig")
    _, again = _resaved_pair(RESAVED / "export.csv", path)
    notes = "\n".join(again.reports[0].warnings)
    assert "its columns are not in the order the export writes them" in notes
    assert "not in it: hostility_words, topic_id, topic_label" in notes


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_saves_a_fresh_export_in_a_way_that_reads_as_written(structured_source,
                                                                         tmp_path):
    authored = tmp_path / "authored.jsonl"
    authored.write_text("\n".join(json.dumps(record) for record in AUTHORED_RECORDS) + "\n",
                        encoding="utf-8")
    export = _cli_export(tmp_path / "export.csv", [structured_source, authored],
                         "--all-columns")
    out = tmp_path / "saved"
    done = subprocess.run(["soffice", "--headless", f"--infilter={LIBREOFFICE_FILTER}",
                           "--convert-to", "csv", "--outdir", str(out), str(export)],
                          capture_output=True, text=True, timeout=300,
                          env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    _resaved_pair(export, out / "export.csv")


def test_a_resave_in_a_decimal_comma_locale_reads_as_written(tmp_path):
    # Simulated from the LibreOffice file, as a German Excel saves it: semicolons, decimal
    # commas, WAHR/FALSCH (a real file of that kind was not at hand).
    resaved = pd.read_csv(RESAVED / "export_libreoffice.csv", dtype=str, keep_default_na=False)
    german = resaved.replace({"TRUE": "WAHR", "FALSE": "FALSCH"}).replace(
        r"^(-?\d+)\.(\d+)$", r"\1,\2", regex=True)
    assert german[Col.REPLY_CONFIDENCE].str.contains(",").any()
    path = tmp_path / "german.csv"
    german.to_csv(path, index=False, sep=";", lineterminator="\r\n", encoding="utf-8-sig")
    _resaved_pair(RESAVED / "export.csv", path)
