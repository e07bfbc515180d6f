"""Plain page order: the second reading of a flat page's reply structure (threads.Reading)."""

import numpy as np
import pandas as pd
import pytest

from analysis.cache import read_entry, write_entry
from analysis.calibration import probability
from analysis.corrections import apply_corrections, read_corrections
from analysis.pipeline import analyse_files, analyse_paths
from analysis.schema import THREAD_COLUMNS, Col, ThreadCol
from analysis.threads import (
    PAGE_ORDER_EVIDENCE,
    Reading,
    build_threads,
    page_order_thread_metrics,
    read_in_page_order,
    thread_metrics,
)
from analysis.views import GUESS_BELOW, guessed_links, reading_order

# Two flat articles as inference left them. In "a", x2 quotes x0 (inferred, not the previous
# comment), x3 was read as a new thread, x4 carries a link the source gave (to x1) and x5 a
# link corrected by hand (to x0); in "b", the rows are stored out of page order and y2 is a
# top-level comment the source gives.
ROWS = [
    # article, id, position, parent, inferred, confidence, evidence, addresses
    ("a", "x0", 0, None, True, 1.0, "first comment", pd.NA),
    ("a", "x1", 1, "x0", True, 0.726, "previous comment; lexical:0.20", False),
    ("a", "x2", 2, "x0", True, 0.371, 'quote:"some words"; back:2', True),
    ("a", "x3", 3, None, True, 0.421, "new thread", pd.NA),
    ("a", "x4", 4, "x1", False, 1.0, "source link", pd.NA),
    ("a", "x5", 5, "x0", False, 1.0, "corrected by hand", pd.NA),
    ("a", "x6", 6, "x5", True, 0.345, "previous comment; second person", True),
    ("b", "y1", 1, "y0", True, 0.3, "previous comment", False),
    ("b", "y0", 0, None, True, 1.0, "first comment", pd.NA),
    ("b", "y2", 2, None, False, 1.0, "source link", pd.NA),
    ("b", "y3", 3, "y0", True, 0.371, 'quote:"y zero"; back:3', True),
]
LEVELS = [0, 1, 2, 0, 0, 1, 2, 0, 0, 1, 0]
SCORES = [0.1, 0.5, 0.9, 0.0, 0.2, 0.6, 0.95, 0.1, 0.0, 0.4, 0.3]

# What page order means for these rows: the previous comment, except the kept links.
PAGE_ORDER = {"x0": None, "x1": "x0", "x2": "x1", "x3": "x2", "x4": "x1", "x5": "x0",
              "x6": "x5", "y0": None, "y1": "y0", "y2": None, "y3": "y2"}


def flat_page() -> pd.DataFrame:
    columns = [Col.ARTICLE_ID, Col.COMMENT_ID, Col.POSITION, Col.PARENT_ID, Col.INFERRED,
               Col.REPLY_CONFIDENCE, Col.REPLY_EVIDENCE, Col.REPLY_ADDRESSES]
    frame = pd.DataFrame(ROWS, columns=columns).astype({Col.PARENT_ID: object,
                                                        Col.REPLY_ADDRESSES: "boolean"})
    frame[Col.TEXT] = [f"comment {c}" for c in frame[Col.COMMENT_ID]]
    frame[Col.HOSTILITY_LEVEL] = LEVELS
    frame[Col.HOSTILITY] = SCORES
    return build_threads(frame)


def test_every_unknown_link_answers_the_previous_comment_and_known_links_stay():
    comments = flat_page()
    read = read_in_page_order(comments)
    parents = dict(zip(read[Col.COMMENT_ID], read[Col.PARENT_ID].astype(object), strict=True))
    assert {c: (None if pd.isna(p) else p) for c, p in parents.items()} == PAGE_ORDER
    by_id = read.set_index(Col.COMMENT_ID)
    # Page order's threads: "a" is one chain with x4 and x5 hanging where their links say.
    assert by_id[Col.THREAD_ID].to_dict() == {**dict.fromkeys(["x0", "x1", "x2", "x3", "x4",
                                                               "x5", "x6"], "x0"),
                                              "y0": "y0", "y1": "y0", "y2": "y2", "y3": "y2"}
    assert by_id[Col.DEPTH].to_dict() == {"x0": 0, "x1": 1, "x2": 2, "x3": 3, "x4": 2,
                                          "x5": 1, "x6": 2, "y0": 0, "y1": 1, "y2": 0, "y3": 1}
    # Known links keep everything; a link page order shares with inference keeps its
    # confidence and evidence; a changed link gets page order's measured probability.
    for kept in ("x4", "x5", "y2", "x1", "x6", "y1"):
        for column in (Col.REPLY_CONFIDENCE, Col.REPLY_EVIDENCE, Col.INFERRED):
            assert by_id.at[kept, column] == comments.set_index(Col.COMMENT_ID).at[kept, column]
    for changed in ("x2", "x3", "y3"):
        assert by_id.at[changed, Col.REPLY_CONFIDENCE] == probability("reply",
                                                                      "previous_comment")
        assert by_id.at[changed, Col.REPLY_EVIDENCE] == PAGE_ORDER_EVIDENCE
        assert pd.isna(by_id.at[changed, Col.REPLY_ADDRESSES])
    assert by_id[Col.INFERRED].to_dict() == {c: c not in ("x4", "x5", "y2") for c in PAGE_ORDER}
    # The input is left as it was, and the rows keep their order.
    assert comments.set_index(Col.COMMENT_ID).at["x2", Col.PARENT_ID] == "x0"
    assert read[Col.COMMENT_ID].tolist() == comments[Col.COMMENT_ID].tolist()


def test_the_page_order_thread_table_is_the_thread_table_of_page_order():
    comments = flat_page()
    expected_links = comments.assign(**{Col.PARENT_ID: comments[Col.COMMENT_ID].map(PAGE_ORDER)})
    expected = thread_metrics(build_threads(expected_links))
    table = page_order_thread_metrics(comments, thread_metrics(comments))
    assert list(table.columns) == THREAD_COLUMNS
    pd.testing.assert_frame_equal(table.drop(columns=ThreadCol.MEAN_LINK_CONFIDENCE),
                                  expected.drop(columns=ThreadCol.MEAN_LINK_CONFIDENCE))
    chain = table.set_index(ThreadCol.THREAD_ID).loc["x0"]
    assert (chain[ThreadCol.SIZE], chain[ThreadCol.DEPTH], chain[ThreadCol.BRANCHES]) == (7, 3, 3)
    # Along x0 -> x1 -> x2 a civil comment is followed by uncivil ones: the chain turns.
    assert chain[ThreadCol.TURNS_UNCIVIL]
    inferred = thread_metrics(comments).set_index(ThreadCol.THREAD_ID)
    assert "x3" in inferred.index and "x3" not in table[ThreadCol.THREAD_ID].tolist()


def test_a_known_link_to_a_later_comment_is_read_as_validate_links_reads_it():
    comments = flat_page()
    # y0's source link points forward, to y2: the one-pass placing in page order cannot be
    # used, and validate_links places it as it places the inferred table.
    at = comments.index[comments[Col.COMMENT_ID] == "y0"][0]
    comments.loc[at, [Col.PARENT_ID, Col.INFERRED]] = ["y2", False]
    comments = build_threads(comments)
    read = read_in_page_order(comments)
    by_id = read.set_index(Col.COMMENT_ID)
    assert by_id.at["y0", Col.PARENT_ID] == "y2" and by_id.at["y3", Col.PARENT_ID] == "y2"
    assert by_id.loc[["y0", "y1", "y2", "y3"], Col.THREAD_ID].eq("y2").all()
    assert by_id.loc[["y0", "y1", "y2", "y3"], Col.DEPTH].tolist() == [1, 2, 0, 1]
    pd.testing.assert_frame_equal(page_order_thread_metrics(comments),
                                  thread_metrics(build_threads(read)))


def test_when_every_link_is_known_both_readings_are_the_same():
    comments = flat_page().assign(**{Col.INFERRED: False})
    threads = thread_metrics(comments)
    assert page_order_thread_metrics(comments, threads) is threads
    pd.testing.assert_frame_equal(read_in_page_order(comments), comments)


def test_the_pipeline_computes_both_readings_and_the_cache_keeps_them(write_source, tmp_path):
    page = ("Headline about the harbour\nThe council will rebuild the harbour wall.\n\n\n\n"
            "The harbour wall has needed work for years.\n"
            "You clearly never walked along it, the wall is fine.\n"
            "Rebuilding the harbour wall costs less than repairing it every winter.\n"
            "Who pays for it, though? The council has no money.\n")
    result = analyse_paths([write_source("harbour.txt", page)])
    read = read_in_page_order(result.comments)
    pd.testing.assert_frame_equal(result.page_order_threads, thread_metrics(read))
    again = result.reading(Reading.PAGE_ORDER)
    pd.testing.assert_frame_equal(again.comments, read)
    assert again.threads is result.page_order_threads
    assert result.reading(Reading.INFERRED) is result
    assert np.array_equal(again.comments[Col.TEXT], result.comments[Col.TEXT])
    write_entry(tmp_path / "entry", result)
    cached = read_entry(tmp_path / "entry")
    pd.testing.assert_frame_equal(cached.page_order_threads, result.page_order_threads)


def test_an_unknown_reading_is_refused():
    with pytest.raises(ValueError, match="unknown reading"):
        analyse_paths([]).reading("alphabetical")


HARBOUR = "\n".join([
    "Harbour to close in May",
    "The council says the harbour will close in May to save money.",
    "", "", "",
    "The ferries carry four hundred people a day.",
    "You are wrong, closing it saves money.",
    "Nobody asked you, idiot.",
    "And what about the fishermen?",
    "Thanks for the article.",
]) + "\n"


def test_a_link_corrected_by_hand_holds_in_page_order_and_its_thread_table_follows():
    result = analyse_files([("harbour.txt", HARBOUR.encode())])
    # Line 9 answers line 6 by hand; line 10 becomes a top-level comment by hand.
    rows, problems = read_corrections("fix.csv", b"source,line,action,target\n"
                                      b"harbour.txt,9,parent,6\nharbour.txt,10,parent,\n")
    assert not problems
    fixed = apply_corrections(result, rows, lambda name: HARBOUR.encode()).analysis
    read = read_in_page_order(fixed.comments).set_index(Col.LINE_START)
    assert read.at[9, Col.PARENT_ID] == read.at[6, Col.COMMENT_ID]
    assert pd.isna(read.at[10, Col.PARENT_ID]) and read.at[10, Col.DEPTH] == 0
    assert read.at[8, Col.PARENT_ID] == read.at[7, Col.COMMENT_ID]
    pd.testing.assert_frame_equal(fixed.page_order_threads,
                                  page_order_thread_metrics(fixed.comments))
    assert not fixed.page_order_threads.equals(result.page_order_threads)


def test_guesses_are_inferred_links_below_the_threshold_in_either_reading():
    comments = flat_page()
    for table in (comments, read_in_page_order(comments)):
        confidence = table[Col.REPLY_CONFIDENCE].to_numpy()
        want = table[Col.INFERRED].to_numpy(dtype=bool) & (confidence < GUESS_BELOW)
        assert guessed_links(table).tolist() == want.tolist()
        ordered = reading_order(table)
        assert dict(zip(ordered[Col.COMMENT_ID], ordered["guess"], strict=True)) == dict(
            zip(table[Col.COMMENT_ID], want, strict=True))
    # x2's quote (0.371) and x3's new thread (0.421) are guesses either way; given links never.
    guessed = set(comments[Col.COMMENT_ID][guessed_links(comments)])
    assert guessed == {"x2", "x3", "x6", "y1", "y3"}
    assert not guessed_links(comments.assign(**{Col.INFERRED: False})).any()
