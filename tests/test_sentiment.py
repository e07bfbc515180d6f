import os
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
import pytest

from analysis.schema import Col
from analysis.sentiment import (
    compound,
    get_analyzer,
    label_sentiment,
    normalise_text,
    resolve_jobs,
    score_sentiment,
    sentence_sentiments,
    split_sentences,
)


def _frame(texts):
    return pd.DataFrame({Col.COMMENT_ID: [f"c{i}" for i in range(len(texts))], Col.TEXT: texts})


@pytest.mark.parametrize("line", ["😂", "🤣", "👍", "Wow! Good effort 👍", "lol"])
def test_positive_emoji_and_lol_score_above_zero(line):
    assert compound(line) > 0.05


@pytest.mark.parametrize("line", ["👎", "🙄", "🤬 this again"])
def test_negative_emoji_score_below_zero(line):
    assert compound(line) < -0.05


def test_curly_apostrophe_negation_reads_like_straight_one():
    curly = compound("I don\u2019t like it")
    straight = compound("I don't like it")
    assert curly == straight
    assert curly < -0.05
    assert compound("I like it") > 0.05


def test_guillemets_do_not_break_scoring():
    assert (
        compound("« Nuclear capable is a long way from nuclear armed. » Well, you don’t know that")
        != 0.0
    )


def test_empty_and_missing_text_are_neutral_zero():
    out = score_sentiment(_frame(["", "   ", None, pd.NA, "I love this"]))
    assert out[Col.SENTIMENT].tolist()[:4] == [0.0, 0.0, 0.0, 0.0]
    assert out[Col.SENTIMENT_LABEL].tolist() == ["neutral"] * 4 + ["positive"]


def test_labels_follow_vader_thresholds():
    assert label_sentiment(0.05) == "positive"
    assert label_sentiment(0.0499) == "neutral"
    assert label_sentiment(-0.05) == "negative"
    assert label_sentiment(-0.0499) == "neutral"


def test_score_sentiment_returns_new_frame_and_keeps_input():
    frame = _frame(["This is terrible", "This is great", "This is terrible"])
    before = frame.copy()
    out = score_sentiment(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert Col.SENTIMENT not in frame.columns
    assert out[Col.SENTIMENT_LABEL].tolist() == ["negative", "positive", "negative"]
    assert out[Col.SENTIMENT].iloc[0] == out[Col.SENTIMENT].iloc[2]
    assert out[Col.SENTIMENT].between(-1, 1).all()


def test_two_processes_give_the_same_scores_as_one():
    texts = [f"Comment {i}: {'great' if i % 3 else 'awful'} idea, you fool" for i in range(60)]
    one = score_sentiment(_frame(texts), n_jobs=1)
    two = score_sentiment(_frame(texts), n_jobs=2)
    assert one[Col.SENTIMENT].tolist() == two[Col.SENTIMENT].tolist()


def test_sentence_sentiments_show_a_comment_turning_hostile():
    pairs = sentence_sentiments("I agree with some of this. But you are a fucking moron!")
    assert [sentence for sentence, _ in pairs] == [
        "I agree with some of this.",
        "But you are a fucking moron!",
    ]
    assert pairs[0][1] > 0.05
    assert pairs[1][1] < -0.05


def test_split_sentences_handles_ellipsis_and_line_breaks():
    assert split_sentences("First… second?\nthird") == ["First…", "second?", "third"]
    assert sentence_sentiments("") == []


@pytest.mark.parametrize(
    "text", ["plain ascii", "don\u2019t \u2018x\u2019 it\u02bcs a\u2032b", "caf\u00e9 😂", ""]
)
def test_normalise_text_straightens_every_apostrophe_look_alike(text):
    table = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\u2032", "'"))
    assert normalise_text(text) == text.translate(table)


def test_scores_match_plain_vader_on_normalised_text():
    analyzer = get_analyzer()
    texts = ["I don\u2019t like it", "Great 👍", "meh", "\t\n", "You are a fucking moron!"]
    out = score_sentiment(_frame(texts), n_jobs=1)
    expected = [
        analyzer.polarity_scores(normalise_text(t))["compound"] if t.strip() else 0.0 for t in texts
    ]
    assert out[Col.SENTIMENT].tolist() == expected


def test_default_jobs_is_one_inside_a_worker_process():
    assert resolve_jobs(100_000, None) == min(2, os.cpu_count() or 1)
    assert resolve_jobs(100, None) == 1
    with ProcessPoolExecutor(max_workers=1) as pool:
        assert pool.submit(resolve_jobs, 100_000, None).result() == 1
        assert pool.submit(resolve_jobs, 100_000, 2).result() == min(2, os.cpu_count() or 1)
