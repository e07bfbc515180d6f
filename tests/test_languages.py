"""Comments in the Latin alphabet but in another language than English are named by the
reader, with the language their function words are most like."""

from __future__ import annotations

import pytest

from analysis.readers import read_bytes, read_source
from analysis.sources import languages, scripts
from analysis.sources.languages import other_language
from tests.conftest import SEED_WITH_COMMENTS


@pytest.mark.parametrize(("text", "language"), [
    ("Je ne suis pas d'accord avec cet article, il oublie les faits.", "French"),
    ("Das ist doch nicht wahr, der Autor hat keine Ahnung von der Sache.", "German"),
    ("Este artículo es una vergüenza, el autor no sabe nada de la economía.", "Spanish"),
    ("Questo articolo è scritto male e non dice niente di nuovo sulla crisi.", "Italian"),
    ("Não concordo com isso, o governo não fez nada para ajudar as pessoas.", "Portuguese"),
    ("Het is niet waar wat de schrijver zegt, hij weet er niets van.", "Dutch"),
    ("Jag håller inte med, det är inte så enkelt som artikeln säger.", "Swedish"),
])
def test_a_comment_in_another_language_is_named_with_it(text, language):
    assert other_language(text) == language


@pytest.mark.parametrize("text", [
    "This is a fine article and I agree with most of it.",
    "NATO chief urges closer EU defence ties amid Ukraine war pressures",  # no function words
    "Well, c'est la vie: the minister will not change his mind on this.",  # a phrase borrowed
    "Ask Maria de la Cruz and Jean-Luc Le Pen what they think of it.",  # names
    "Wheat, dates, fish, dairy, eggs, meat, potatoes, watermelons ... try Wiki.",
    "See https://www.lemonde.fr/la-politique/de-la-france/le-vote-des-ils for the numbers.",
])
def test_english_comments_are_not_named(text):
    assert other_language(text) is None


def test_a_short_comment_says_too_little_to_be_named():
    assert other_language("C'est la vie.") is None  # 3 words
    assert other_language("Je ne suis pas d'accord.") == "French"  # 5 words, 3 function words


def test_a_comment_in_another_script_is_named_as_such_and_not_twice():
    text = "Автор идиот, ничего не понимает в этом деле и не хочет понимать."
    assert other_language(text) is None
    source = read_bytes("page.txt", f"Headline\nArticle text.\n\n\n\n{text}\n".encode())
    assert [note.kind for note in source.report.notes] == [scripts.KIND]


def test_a_page_names_its_comments_in_another_language_by_line():
    page = ("Headline\nArticle text.\n\n\n\n"
            "This is a fine article and I agree with most of it.\n"
            "Je ne suis pas d'accord avec cet article, il oublie les faits.\n"
            "Das ist doch nicht wahr, der Autor hat keine Ahnung von der Sache.\n"
            "Et le gouvernement ne fait rien pour les gens qui travaillent.\n")
    source = read_bytes("page.txt", page.encode("utf-8"))
    notes = [note for note in source.report.notes if note.kind == languages.KIND]
    assert len(notes) == 1
    assert notes[0].lines == (7, 8, 9)
    assert "most like French 2, German 1" in notes[0].text
    assert "3 comments (line 7, line 8, line 9)" in notes[0].text
    assert len(source.comments) == 4  # named, not dropped


def test_exports_name_them_by_the_line_of_their_record(write_source):
    path = write_source("export.csv", "id,parent_id,text\n1,,A fine article.\n"
                        "2,1,\"Je ne suis pas d'accord avec cet article, il oublie les faits.\"\n")
    notes = [n for n in read_source(path).report.notes if n.kind == languages.KIND]
    assert len(notes) == 1 and notes[0].lines == (3,)


def test_the_seed_page_names_none():
    source = read_source(SEED_WITH_COMMENTS)
    assert not [n for n in source.report.notes if n.kind == languages.KIND]
