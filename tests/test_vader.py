"""analysis.vader must score every text exactly as vaderSentiment's polarity_scores does."""

from pathlib import Path

import pytest

from analysis.sentiment import compound, get_analyzer, normalise_text
from analysis.vader import WordValences, compound_from_valences
from benchmarks.vader_exact import SHARED, shared_texts, variants

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# One or more sentences for each rule VADER applies, from its own README examples and the
# corners of its code (negation one to three words back, "no" before a lexicon word, "never
# so", "without doubt", "least", "but" with repeated valences, boosters in capitals, "kind of",
# special idioms before and after the word, emoticons kept whole, punctuation emphasis).
RULE_SENTENCES = [
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "no good",
    "no problem",
    "there is no love or hope here",
    "there was no hope nor joy",
    "I am never so happy as this",
    "I never this happy",
    "without doubt a great idea",
    "without any doubt a great idea",
    "the least happy man",
    "at least happy",
    "very least happy",
    "least happy",
    "good good but bad bad but good",
    "great but great but terrible",
    "bad ass movie",
    "that is the shit",
    "the bus stop was nice",
    "yeah right that was fun",
    "kiss of death for a good idea",
    "you are the bomb",
    "a cake to die for",
    "sort of nice but kind of awful",
    "hardly a good idea",
    "EXTREMELY good, but not that good",
    "SO GOOD",
    "It was ok??",
    "It was ok????",
    "Awful!!!!!!",
    "ain't nothing wrong",
    "I don't think it isn't good",
    "",
    "   ",
    "!!!",
    ":) :( :-D",
    "Kind of",
    "kind",
    "no",
    "No no no good",
]


def _library(text: str) -> float:
    return get_analyzer().polarity_scores(normalise_text(text))["compound"]


def _fast(text: str) -> float:
    return compound_from_valences(*WordValences(get_analyzer()).valences(normalise_text(text)))


@pytest.mark.parametrize("sentence", RULE_SENTENCES)
def test_each_rule_scores_as_the_library(sentence):
    for text in variants(sentence):
        assert _fast(text) == _library(text), text


def test_rule_sentences_reach_every_kind_of_score():
    # Guards the list above against losing the cases that move a score.
    scores = {_library(text) for text in RULE_SENTENCES}
    assert any(score > 0.5 for score in scores)
    assert any(score < -0.5 for score in scores)
    assert 0.0 in scores
    assert len(scores) > 30


def test_seed_lines_score_as_the_library():
    lines = [
        line
        for path in sorted(SEEDS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(lines) > 100
    for line in lines:
        for text in variants(line):
            assert _fast(text) == _library(text), text


def test_public_comments_score_as_the_library():
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"{SHARED} not on this machine: the shared comment texts are not here")
    texts = shared_texts()[::10]
    assert len(texts) > 3_000
    differ = [text for text in texts if _fast(text) != _library(text)]
    assert differ == []


def test_pipeline_compound_is_the_library_compound():
    for sentence in RULE_SENTENCES:
        if sentence.strip():
            assert compound(sentence) == _library(sentence)
