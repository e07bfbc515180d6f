"""The shared second-person words: one list, read the same way by every analysis."""

from __future__ import annotations

import pytest

from analysis import hostility
from analysis.replies.features import PageFeatures
from analysis.text import SECOND_PERSON, SECOND_PERSON_WORDS


@pytest.mark.parametrize("text", ["You are wrong", "is that yours?", "you’re late",
                                  "YOU'VE seen it", "thank u", "Thou art", "see ya"])
def test_second_person_words_are_found_whole_in_any_case_and_apostrophe(text):
    assert SECOND_PERSON.search(text)


@pytest.mark.parametrize("text", ["young people", "the menu", "a youth club", "Yours'd",
                                  "bayou", "tour"])
def test_words_that_only_contain_them_are_not(text):
    assert not SECOND_PERSON.search(text)


def test_the_reply_features_use_the_same_words_as_the_pattern():
    texts = [f"well {word} said it" for word in sorted(SECOND_PERSON_WORDS)]
    texts.append("nobody here said it")
    features = PageFeatures(texts, [0] * len(texts), [None] * len(texts), {})
    assert features.second.tolist() == [True] * len(SECOND_PERSON_WORDS) + [False]
    assert all(SECOND_PERSON.search(t) for t in texts[:-1])


@pytest.mark.parametrize("word", sorted(SECOND_PERSON_WORDS))
def test_an_insult_next_to_any_second_person_word_is_aimed(word):
    hits = hostility.find_markers(f"{word} idiot")
    assert "second_person_attack" in {hit.marker for hit in hits}
