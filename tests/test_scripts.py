"""Comments in another alphabet than the Latin one are named by the reader: sentiment and
hostility read English words only."""

from __future__ import annotations

import pytest

from analysis.readers import read_bytes, read_source
from analysis.sources.scripts import KIND, in_other_script
from tests.conftest import SEED_WITH_COMMENTS


@pytest.mark.parametrize(("text", "other"), [
    ("Автор идиот, ничего не понимает.", True),
    ("作者是个白痴", True),
    ("مقال رائع جدا", True),
    ("Ο συγγραφέας δεν καταλαβαίνει τίποτα.", True),
    ("This is a fine article.", False),
    ("Ça va très bien, merci. Größe, naïve café.", False),  # Latin letters with accents
    ("The word «Путин» appears once in this long English sentence.", False),
    ("😂😂😂 ж", False),  # too few letters to say
    ("The author’s “point” is fine…", False),  # typographic quotes are no letters
])
def test_a_comment_is_in_another_script_when_most_of_its_letters_are_not_latin(text, other):
    assert in_other_script(text) is other


def test_a_page_names_its_comments_in_another_script_by_line():
    page = ("Headline\nArticle text.\n\n\n\nАвтор идиот, ничего не понимает.\n"
            "This is a fine article.\n作者是个白痴\nمقال رائع جدا\nÇa va très bien, merci.\n")
    source = read_bytes("page.txt", page.encode("utf-8"))
    notes = [note for note in source.report.notes if note.kind == KIND]
    assert len(notes) == 1
    assert notes[0].lines == (6, 8, 9)
    assert "score as neutral and civil" in notes[0].text
    assert len(source.comments) == 5  # named, not dropped


def test_exports_name_them_by_the_line_of_their_record(write_source):
    csv_path = write_source("export.csv", "id,parent_id,text\n1,,A fine article.\n"
                            "2,1,\"Автор идиот, ничего не понимает.\"\n")
    notes = [n for n in read_source(csv_path).report.notes if n.kind == KIND]
    assert len(notes) == 1 and notes[0].lines == (3,)
    json_path = write_source("export.json", '[\n{"id": "1", "text": "A fine article."},\n'
                             '{"id": "2", "parent_id": "1", "text": "作者是个白痴，什么都不懂"}\n'
                             ']\n')
    notes = [n for n in read_source(json_path).report.notes if n.kind == KIND]
    assert len(notes) == 1 and notes[0].lines == (3,)


def test_the_seed_page_names_none():
    source = read_source(SEED_WITH_COMMENTS)
    assert not [n for n in source.report.notes if n.kind == KIND]
