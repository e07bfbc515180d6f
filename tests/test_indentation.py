"""Reply structure from indentation: tiny hand-made pages, and the page reader and pipeline on a
real file."""

from __future__ import annotations

import pytest

from analysis.indentation import (
    CONFIDENCE_INDENTED,
    CONFIDENCE_TOP_LEVEL,
    deeper_lines_start_comments,
    link_by_depth,
    read_indentation,
)
from analysis.pipeline import analyse_paths
from analysis.readers import read_source
from analysis.schema import Col

THREAD = [
    (0, "The plan for the bridge is years late and nobody is surprised."),
    (1, "It was late because the council changed the design twice."),
    (2, "Which the contractor asked for, to be fair."),
    (1, "Late and over budget, as every bridge is."),
    (0, "The ferry works fine, why build a bridge at all?"),
    (1, "Because the ferry stops in winter storms."),
    (0, "Good news for cyclists at least."),
]
"""(depth, text) of a nested page: three threads, one reply two deep."""
TRUE_PARENTS = [None, 0, 1, 0, None, 4, None]


def numbered(unit_of, rows=THREAD, start=1):
    return [(start + k, unit_of(depth) + text) for k, (depth, text) in enumerate(rows)]


@pytest.mark.parametrize("unit_of", [
    lambda depth: "  " * depth,
    lambda depth: "\t" * depth,
    lambda depth: "│  " * (depth - 1) + "├─ " if depth else "",
], ids=["spaces", "tabs", "tree"])
def test_depths_are_read_from_spaces_tabs_and_tree_lines(unit_of):
    reading = read_indentation(numbered(unit_of))
    assert reading is not None
    assert list(reading.depths) == [depth for depth, _ in THREAD]
    assert [text for _, text in reading.lines] == [text for _, text in THREAD]
    # Every change of depth starts a comment (line numbers as on the page).
    assert reading.starts == {2, 3, 4, 5, 6, 7}


def test_a_comment_answers_the_latest_comment_one_level_up():
    links = link_by_depth([depth for depth, _ in THREAD], [10 + k for k in range(len(THREAD))])
    assert [parent for parent, _, _ in links] == TRUE_PARENTS
    assert [confidence for _, confidence, _ in links] == [
        CONFIDENCE_TOP_LEVEL if parent is None else CONFIDENCE_INDENTED
        for parent in TRUE_PARENTS]
    assert links[2][2] == "page indentation: level 2, under the comment at line 11 (level 1)"


def test_a_page_without_indentation_is_not_read_by_it():
    assert read_indentation(numbered(lambda depth: "")) is None


def test_one_indented_block_inside_one_comment_is_not_read_as_replies():
    rows = [(0, f"Comment {k} has a view of its own on the matter.") for k in range(8)]
    rows[3:3] = [(1, "Roses are red,"), (1, "violets are blue,"), (1, "this poem is indented")]
    assert read_indentation(numbered(lambda depth: "    " * depth, rows)) is None


def test_indentation_off_any_grid_is_not_read_as_depth():
    widths = [0, 3, 5, 0, 7, 2, 0, 3, 5, 0]
    lines = [(k + 1, " " * width + f"Line {k} of a page.") for k, width in enumerate(widths)]
    assert read_indentation(lines) is None


def test_later_paragraphs_indented_under_their_first_are_not_read_as_replies():
    # A hanging indent: the join clues ("Also", "Edit:") join the deeper lines to the line above.
    rows = []
    for k in range(10):
        rows += [(0, f"Comment {k} says the bridge is too expensive."),
                 (1, "Also, the ferry is cheaper." if k % 2 else "Edit: spelling.")]
    assert read_indentation(numbered(lambda depth: "  " * depth, rows)) is None


@pytest.mark.parametrize(("joined", "deeper", "start_comments"), [
    (0, 0, True), (0, 5, True), (1, 50, True), (3, 10, False), (10, 10, False)])
def test_deeper_lines_are_new_comments_unless_the_clues_join_many_of_them(
        joined, deeper, start_comments):
    assert deeper_lines_start_comments(joined, deeper) is start_comments


@pytest.fixture
def indented_page(tmp_path):
    page = tmp_path / "indented.txt"
    head = ["Bridge plan approved", "", "The council approved the bridge on Monday.", "", "", ""]
    page.write_text("\n".join(head + [text for _, text in numbered(lambda d: "    " * d)])
                    + "\n", encoding="utf-8")
    return page, len(head)


def test_the_page_reader_gives_the_links_the_indentation_shows(indented_page):
    page, offset = indented_page
    source = read_source(page)
    comments = source.comments
    starts = comments[Col.LINE_START].tolist()
    assert starts == [offset + 1 + k for k in range(len(THREAD))]
    assert comments[Col.TEXT].tolist() == [text for _, text in THREAD]  # indentation dropped
    by_start = dict(zip(comments[Col.COMMENT_ID], starts, strict=True))
    parents = [by_start[parent] if isinstance(parent, str) else None
               for parent in comments[Col.PARENT_ID]]
    assert parents == [None if p is None else starts[p] for p in TRUE_PARENTS]
    assert not comments[Col.INFERRED].any()
    assert any(w.startswith("indentation gives the reply depth (3 levels, one step 4 characters")
               for w in source.report.warnings)


def test_the_pipeline_keeps_the_links_the_indentation_gives(indented_page):
    page, offset = indented_page
    comments = analyse_paths([page]).comments.sort_values(Col.LINE_START)
    by_id = dict(zip(comments[Col.COMMENT_ID], comments[Col.LINE_START], strict=True))
    parents = [None if not isinstance(p, str) else by_id[p] for p in comments[Col.PARENT_ID]]
    starts = comments[Col.LINE_START].tolist()
    assert parents == [None if p is None else starts[p] for p in TRUE_PARENTS]
    assert not comments[Col.INFERRED].any()
    assert comments[Col.DEPTH].tolist() == [depth for depth, _ in THREAD]
    assert comments[Col.REPLY_EVIDENCE].str.startswith("page indentation").all()
