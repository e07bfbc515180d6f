"""The words every count is written in (analysis.views.counted and friends): exact values."""

import pytest

from analysis.views import counted, counted_of, verb_for


@pytest.mark.parametrize(("count", "expected"), [
    (0, "0 comments"), (1, "1 comment"), (2, "2 comments"), (12_345, "12,345 comments")])
def test_a_count_takes_its_noun_in_the_number_it_needs(count, expected):
    assert counted(count, "comment") == expected


def test_an_irregular_plural_is_given():
    assert [counted(n, "reply", "replies") for n in (0, 1, 2)] == [
        "0 replies", "1 reply", "2 replies"]


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (1, 1, "1 of 1 comment"), (0, 1, "0 of 1 comment"), (0, 0, "0 of 0 comments"),
    (1, 2, "1 of 2 comments"), (1_234, 12_345, "1,234 of 12,345 comments")])
def test_part_of_a_whole_names_the_whole(part, whole, expected):
    assert counted_of(part, whole, "comment") == expected


def test_the_verb_follows_its_count():
    assert [verb_for(n, "has", "have") for n in (0, 1, 2)] == ["have", "has", "have"]
