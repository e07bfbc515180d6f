"""The per-comment CSV read back as a source (analysis/sources/own_export.py): the CLI's
``comments --out`` (with and without ``--all-columns``) and the app's Download CSV, of the seed
pages and of a structured export with authors and times, through real files."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis.export import safe_csv_bytes
from analysis.pipeline import analyse_paths
from analysis.schema import COMMENT_COLUMNS, Col
from analysis.sources import PROJECT_ROOT, read_bytes, read_source, seed_paths

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


@pytest.fixture(scope="module")
def structured_source(tmp_path_factory):
    path = tmp_path_factory.mktemp("structured") / "comments.jsonl"
    path.write_text("\n".join(json.dumps(record) for record in STRUCTURED_RECORDS) + "\n",
                    encoding="utf-8")
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


def test_our_columns_in_another_order_are_not_taken_for_our_export(write_source):
    shuffled = [Col.TEXT, *(c for c in COMMENT_COLUMNS if c != Col.TEXT)]
    cells = {column: "" for column in shuffled} | {
        Col.TEXT: "'=x", Col.COMMENT_ID: "c1", Col.ARTICLE_ID: "a"}
    path = write_source("reordered.csv", ",".join(shuffled) + "\n"
                        + ",".join(cells[column] for column in shuffled) + "\n")
    assert read_source(path).comments[Col.TEXT].tolist() == ["'=x"]


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
