import os
from concurrent.futures import ProcessPoolExecutor

import pandas as pd
import pytest

from analysis.schema import Col
from analysis.sentiment import (
    LONG_TEXT_CHARS,
    _is_long,
    chunked_compound,
    compound,
    describe_emoji,
    get_analyzer,
    label_sentiment,
    normalise_text,
    resolve_jobs,
    score_sentiment,
    sentence_sentiments,
    split_chunks,
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


def _vader(text: str) -> float:
    return get_analyzer().polarity_scores(normalise_text(text))["compound"]


# Just under the limit, as VADER reads them (each emoji as its description).
_UNDER_THE_LIMIT = [
    ("Not bad at all, but the ending was weak! " * 60)[: LONG_TEXT_CHARS - 1],
    "Wow! Good effort 👍😂lol " + "ok " * ((LONG_TEXT_CHARS - 80) // 3),
    "I don\u2019t like it. " * (LONG_TEXT_CHARS // 25),
]


@pytest.mark.parametrize("text", _UNDER_THE_LIMIT)
def test_texts_up_to_the_limit_score_exactly_as_vader(text):
    assert len(describe_emoji(text)) <= LONG_TEXT_CHARS
    assert compound(text) == _vader(text)
    # One chunk is VADER itself, emoji descriptions and punctuation emphasis included.
    assert chunked_compound(normalise_text(text)) == _vader(text)


def test_emoji_are_described_as_vader_describes_them():
    analyzer = get_analyzer()
    text = " 😂lol👍 x😂 "
    assert describe_emoji(text) == (
        f"{analyzer.emojis['😂']}lol {analyzer.emojis['👍']} x {analyzer.emojis['😂']}"
    )


@pytest.mark.parametrize(
    "sentence", ["The service was terrible and the staff were rude. ", "Lovely day, great food! "]
)
def test_a_long_text_scores_in_chunks_close_to_the_whole(sentence):
    text = sentence * (5 * LONG_TEXT_CHARS // len(sentence))
    scored = score_sentiment(_frame([text]), n_jobs=1)[Col.SENTIMENT].iloc[0]
    assert scored == chunked_compound(text)
    assert abs(scored - _vader(text)) < 0.01
    assert label_sentiment(scored) == label_sentiment(_vader(text))


def test_chunks_end_at_sentences_and_join_back_into_the_text():
    text = "First one. Second one! " * 200 + "x" * 5_000 + " tail words " * 300
    chunks = split_chunks(text, 1_000)
    assert "".join(chunks) == text
    assert all(0 < len(chunk) <= 1_000 for chunk in chunks)
    assert chunks[0].endswith((". ", "! "))  # at a sentence end, not mid-sentence
    assert "x" * 1_000 in chunks  # a word longer than a chunk is cut


def test_a_long_run_of_emoji_is_scored_in_chunks():
    # 3,000 laughing faces read as some 60,000 characters of "face with tears of joy".
    scored = score_sentiment(_frame(["😂" * 3_000]), n_jobs=1)[Col.SENTIMENT].iloc[0]
    assert scored == chunked_compound("😂" * 3_000) > 0.9


def test_long_text_check_counts_emoji_as_their_descriptions():
    description = len(get_analyzer().emojis["😀"])  # "grinning face"
    fits = LONG_TEXT_CHARS // (description + 1)
    assert not _is_long("😀" * (fits // 2))
    assert _is_long("😀" * (fits * 2))
    assert not _is_long("café " * (LONG_TEXT_CHARS // 5))  # accents are no emoji
    assert _is_long("café " * (LONG_TEXT_CHARS // 5 + 1))
