"""Tests of analysis.topics on hand-made corpora and on seed 000."""

from __future__ import annotations

import pickle
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer

from analysis.schema import ArticleCol, Col, TopicCol
from analysis.topics import (
    NO_TOPIC,
    NO_TOPIC_LABEL,
    FittedTopics,
    TopicModel,
    analyze,
    article_similarity,
    assign_topics,
    count_terms,
    inherit_topics,
    summarise_topics,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_cc89e47453706f70.txt"

THEMES = {
    "football": [
        "The striker scored a late goal and the football club won the league match",
        "Our goalkeeper saved a penalty, what a football match in the league",
        "The club should sell the striker, the league title race is over",
        "Referee gave a penalty, the match and the goal were a joke",
        "Best football season, the club scored goals every league match",
        "The striker and the goalkeeper both need a new club contract",
        "League table says our football club can still win the title",
        "That penalty goal won the match for the club",
    ],
    "cooking": [
        "Bake the bread in a hot oven with flour, butter and salt",
        "The recipe needs more garlic, onion and olive oil in the pan",
        "I bake bread every week, the flour and the oven matter most",
        "Fry the onion and garlic in butter before you add the sauce",
        "This pasta recipe with tomato sauce and garlic is delicious",
        "Olive oil, salt and a hot pan make the recipe work",
        "My oven burns the bread, the recipe says less flour",
        "Add the tomato sauce to the pasta and the onion to the pan",
    ],
    "taxes": [
        "The government raised the income tax rate again this budget",
        "Tax cuts for the rich blow a hole in the government budget",
        "Income tax and sales tax rates should fall, the budget is huge",
        "The budget deficit grows while the government spends tax money",
        "Raise the tax rate on income over a million, fix the budget",
        "Government tax policy hurts small business and income",
        "Sales tax hits the poor harder than income tax does",
        "The finance minister presented the budget and new tax rates",
    ],
}


def theme_frame() -> tuple[pd.DataFrame, list[str]]:
    texts, themes = [], []
    for theme, lines in THEMES.items():
        texts += lines
        themes += [theme] * len(lines)
    order = np.random.default_rng(3).permutation(len(texts))
    return (
        pd.DataFrame({Col.TEXT: [texts[i] for i in order], Col.ARTICLE_ID: "a1"}),
        [themes[i] for i in order],
    )


ARTICLES = pd.DataFrame(
    {
        ArticleCol.ARTICLE_ID: ["a1", "a2"],
        ArticleCol.TITLE: ["Government presents the budget", "Untitled"],
        ArticleCol.TEXT: ["The government budget raises the income tax rate and sales tax.", ""],
    }
)


def seed_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    comments = [line for line in lines[19:102] if line.strip()]
    return (
        pd.DataFrame({Col.TEXT: comments, Col.ARTICLE_ID: "seed"}),
        pd.DataFrame(
            {
                ArticleCol.ARTICLE_ID: ["seed"],
                ArticleCol.TITLE: ["NATO and EU cooperation"],
                ArticleCol.TEXT: [" ".join(lines[:7])],
            }
        ),
    )


def test_analyze_folds_plurals_drops_stop_words_urls_and_apostrophes():
    assert analyze("France's bad actors don't https://x.com/a troops") == [
        "france",
        "bad",
        "actor",
        "troop",
        "france bad",
        "bad actor",
        "actor troop",
    ]
    assert analyze("😀 🤣 ... 42") == []


def test_count_terms_equals_count_vectorizer():
    texts = [t for lines in THEMES.values() for t in lines] + ["", "👍", "www.a.com tax tax\x00"]
    count = CountVectorizer(analyzer=analyze).fit(texts)
    expected = count.transform(texts)
    got = count_terms(texts, count.vocabulary_)
    assert got.shape == expected.shape
    assert (got != expected).nnz == 0


def test_vectorize_equals_the_sklearn_vectorizer_and_the_kept_model_equals_the_fit():
    comments, _ = theme_frame()
    texts = comments[Col.TEXT].tolist() + ["", "👍 www.example.com", "Zxqv blorft tax tax"]
    model = TopicModel(n_topics=3, random_state=0).fit(texts[:-3])
    expected = model.vectorizer_.transform(texts)
    got = model.vectorize(texts)
    assert got.shape == expected.shape and abs(got - expected).max() == 0
    # What an analysis keeps of the model places texts exactly as the model does, also after
    # a pickle (Streamlit, Dask) and a round trip through plain arrays (the on-disk cache).
    kept = model.fitted_topics()
    for copy in (kept, pickle.loads(pickle.dumps(kept)), FittedTopics.from_arrays(
            {name: np.asarray(values) for name, values in kept.to_arrays().items()})):
        assert abs(copy.vectorize(texts) - got).max() == 0
        np.testing.assert_array_equal(copy.transform(texts), model.transform(texts))
        np.testing.assert_array_equal(copy.label_of(copy.transform(texts)),
                                      model.label_of(model.transform(texts)))
    assert kept.transform(["", "Zxqv blorft"]).tolist() == [NO_TOPIC, NO_TOPIC]
    assert list(kept.label_of([NO_TOPIC])) == [NO_TOPIC_LABEL]
    assert all(arr.dtype != object for arr in kept.to_arrays().values())


def test_assign_topics_equals_the_public_fit_and_transform():
    # assign_topics tokenizes each text once and reuses the tokens of the fit sample; the
    # model, the topics and the article similarity are those of fit() and vectorize().
    comments, _ = theme_frame()
    comments = pd.concat([comments] * 3, ignore_index=True).assign(
        **{Col.TEXT: lambda c: c[Col.TEXT] + [f" note {i % 7}" for i in range(len(c))]}
    )
    comments.loc[[2, 5], Col.TEXT] = ["", "👍 www.example.com"]
    assigned = assign_topics(comments, ARTICLES, max_fit_rows=40, random_state=5)
    article = ARTICLES[ArticleCol.TITLE][0] + "\n" + ARTICLES[ArticleCol.TEXT][0]
    model = TopicModel(random_state=5, max_fit_rows=40).fit(comments[Col.TEXT], [article])
    ids = model.transform(comments[Col.TEXT])
    np.testing.assert_array_equal(assigned[Col.TOPIC_ID].to_numpy(), ids)
    np.testing.assert_array_equal(assigned[Col.TOPIC_LABEL].to_numpy(), model.label_of(ids))
    similarity = article_similarity(
        model.vectorize(comments[Col.TEXT]), comments[Col.ARTICLE_ID],
        model.vectorize([article]), ["a1"])
    np.testing.assert_array_equal(assigned[Col.ARTICLE_SIMILARITY].to_numpy(), similarity)


def test_automatic_count_separates_three_themes():
    comments, themes = theme_frame()
    model = TopicModel().fit(comments[Col.TEXT])
    assert 3 <= model.n_topics_ <= 8
    ids = model.transform(comments[Col.TEXT])
    # Every topic is one theme (a theme may split, topics may not mix).
    for topic in set(ids) - {NO_TOPIC}:
        assert len({themes[i] for i in np.flatnonzero(ids == topic)}) == 1


def test_labels_non_empty_distinct_and_stable():
    comments, _ = theme_frame()
    first = TopicModel(n_topics=3).fit(comments[Col.TEXT])
    second = TopicModel(n_topics=3).fit(comments[Col.TEXT])
    assert all(label.strip() for label in first.labels_)
    assert len(set(first.labels_)) == len(first.labels_)
    assert first.labels_ == second.labels_
    assert np.array_equal(first.transform(comments[Col.TEXT]), second.transform(comments[Col.TEXT]))
    assert {label.split(" / ")[0] for label in first.labels_} & {"tax", "club", "recipe", "bread"}


@pytest.mark.parametrize("k", [2, 3, 5])
def test_n_topics_respected(k):
    comments, _ = theme_frame()
    model = TopicModel(n_topics=k).fit(comments[Col.TEXT])
    assert model.n_topics_ == k
    assert len(model.labels_) == len(set(model.labels_)) == k
    assert set(model.transform(comments[Col.TEXT])) == set(range(k))
    # Numbered by size, largest first.
    assert list(model.sizes_) == sorted(model.sizes_, reverse=True)


TINY_CORPORA = {
    "three thanks": ["Thanks!", "Thanks a lot", "Same here"],
    "one comment": ["Great point about the budget"],
    "one word": ["budget"],
    "duplicates": ["Tax cuts", "Tax cuts", "Tax cuts", "Tax cuts"],
    "two words in five": ["tax", "tax", "budget", "tax budget", "budget"],
    "empty-ish": ["", "  ", "😂", "ok", "https://x.com/a", "!!!"],
    "six short": ["Agreed", "Nonsense", "Well said", "Agreed!", "Rubbish", "Exactly this"],
}


def _assert_usable_topics(comments: pd.DataFrame, topics: pd.DataFrame) -> None:
    ids = topics[Col.TOPIC_ID]
    assert len(topics) == len(comments)
    assert ids.ge(NO_TOPIC).all()
    assert topics[Col.TOPIC_LABEL].str.len().gt(0).all()
    # Equal texts share a topic, so there are never more topics than distinct texts.
    assert ids[ids >= 0].nunique() <= comments[Col.TEXT].nunique()


def _assert_usable_topics_without_warnings(texts: list[str], n_topics: int | None) -> None:
    comments = pd.DataFrame({Col.TEXT: texts, Col.ARTICLE_ID: "a1"})
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        topics = assign_topics(comments, ARTICLES, n_topics=n_topics)
    _assert_usable_topics(comments, topics)


@pytest.mark.parametrize("n_topics", [None, 1, 3, 50])
@pytest.mark.parametrize("texts", TINY_CORPORA.values(), ids=TINY_CORPORA.keys())
def test_tiny_corpora_get_fewer_topics_not_an_error(texts, n_topics):
    _assert_usable_topics_without_warnings(texts, n_topics)


_TINY_WORDS = ["tax", "budget", "goal", "club", "thanks", "the", "ok", "😂", "!", ""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    texts=st.lists(
        st.lists(st.sampled_from(_TINY_WORDS), max_size=4).map(" ".join), min_size=1, max_size=6
    ),
    n_topics=st.one_of(st.none(), st.integers(1, 8)),
)
def test_any_tiny_corpus_gets_topics_without_warnings(texts, n_topics):
    _assert_usable_topics_without_warnings(texts, n_topics)


def test_more_topics_asked_than_the_vocabulary_holds_gives_fewer():
    texts = ["tax", "budget", "tax budget", "goal"] * 10
    model = TopicModel(n_topics=1000).fit(texts)
    # Three terms (and the pair "tax budget" only with them) cannot make 1000 topics.
    assert 1 <= model.n_topics_ <= 4
    assert (model.sizes_ > 0).all()
    assert set(model.transform(texts)) == set(range(model.n_topics_))


def test_no_usable_words_get_minus_one_without_crash():
    comments, _ = theme_frame()
    model = TopicModel(n_topics=3).fit(comments[Col.TEXT])
    ids = model.transform(["", "😀😀🤣", "https://example.com/x", "!!! 123", None])
    assert list(ids) == [NO_TOPIC] * 5
    assert list(model.label_of(ids[:1])) == [NO_TOPIC_LABEL]


def test_only_unusable_texts_fit_to_zero_topics():
    model = TopicModel().fit(["", "😀", "http://a.b/c"])
    assert model.n_topics_ == 0
    assert list(model.transform(["tax budget", ""])) == [NO_TOPIC, NO_TOPIC]


def test_transform_unseen_text():
    comments, _ = theme_frame()
    model = TopicModel(n_topics=3).fit(comments[Col.TEXT])
    seen = model.transform(comments[Col.TEXT])
    tax_topic = seen[comments[Col.TEXT].str.contains("income tax").to_numpy()][0]
    cook_topic = seen[comments[Col.TEXT].str.contains("garlic").to_numpy()][0]
    unseen = model.transform(["Why is the income tax so high in this budget?", "garlic in oil"])
    assert list(unseen) == [tax_topic, cook_topic]


def test_fit_on_sample_then_transform_all():
    comments, themes = theme_frame()
    model = TopicModel(n_topics=3, max_fit_rows=15).fit(comments[Col.TEXT])
    ids = model.transform(comments[Col.TEXT])
    assert (ids >= 0).all()
    assert len(set(ids)) == 3


def test_assign_topics_columns_similarity_and_input_untouched():
    comments, _ = theme_frame()
    comments = pd.concat(
        [comments, pd.DataFrame({Col.TEXT: ["tax budget income", "🤣"], Col.ARTICLE_ID: "a2"})],
        ignore_index=True,
    )
    before = comments.copy()
    out = assign_topics(comments, ARTICLES, n_topics=3)
    pd.testing.assert_frame_equal(comments, before)
    assert out[Col.TOPIC_ID].dtype.kind == "i"
    assert out[Col.TOPIC_LABEL].map(lambda s: isinstance(s, str) and s != "").all()
    sim = out[Col.ARTICLE_SIMILARITY]
    on_a1 = out[Col.ARTICLE_ID] == "a1"
    assert sim[on_a1].between(0, 1).all()
    assert sim[~on_a1].isna().all()  # article a2 has no text
    on_topic = sim[out[Col.TEXT].str.startswith("Raise the tax rate")].iloc[0]
    off_topic = sim[out[Col.TEXT].str.startswith("Bake the bread")].iloc[0]
    assert on_topic > off_topic
    assert out.loc[out[Col.TEXT] == "🤣", Col.TOPIC_ID].iloc[0] == NO_TOPIC


def test_summarise_topics():
    comments, _ = theme_frame()
    out = assign_topics(comments, ARTICLES, n_topics=3).assign(
        **{Col.SENTIMENT: 0.5, Col.HOSTILITY_LEVEL: [0, 1] * (len(comments) // 2)}
    )
    summary = summarise_topics(out)
    assert list(summary[TopicCol.TOPIC_ID]) == [0, 1, 2]
    assert summary[TopicCol.COMMENTS].sum() == len(comments)
    assert summary[TopicCol.SHARE].sum() == pytest.approx(1.0)
    assert (summary[TopicCol.MEAN_SENTIMENT] == 0.5).all()
    assert summary[TopicCol.UNCIVIL_SHARE].between(0, 1).all()
    assert (summary[TopicCol.HOSTILE_SHARE] <= summary[TopicCol.UNCIVIL_SHARE]).all()
    assert (summary[TopicCol.TOP_TERMS] != "").all()
    by_label = summary.set_index(TopicCol.TOPIC_LABEL)[TopicCol.ARTICLE_SIMILARITY]
    tax_label = next(label for label in by_label.index if "tax" in label)
    assert by_label[tax_label] == by_label.max()  # the tax topic stays closest to the article
    # Optional columns missing -> NaN, no crash.
    assert summarise_topics(out.drop(columns=[Col.SENTIMENT]))[TopicCol.MEAN_SENTIMENT].isna().all()


def test_seed_topics_are_recognisable_and_deterministic():
    comments, articles = seed_frames()
    first = assign_topics(comments, articles)
    second = assign_topics(comments, articles)
    pd.testing.assert_frame_equal(first, second)
    labels = set(first[Col.TOPIC_LABEL])
    assert 3 <= len(labels - {NO_TOPIC_LABEL}) <= 8
    greenland = first[first[Col.TEXT].str.contains("Greenland")]
    top = greenland[Col.TOPIC_LABEL].value_counts()
    assert "greenland" in top.index[0]
    assert top.iloc[0] >= len(greenland) / 2
    assert any("actor" in label for label in labels)
    assert any("army" in label for label in labels)


def test_articles_without_text_give_nan_similarity_not_an_error():
    texts = [t for theme in THEMES.values() for t in theme]
    comments = pd.DataFrame({Col.TEXT: texts, Col.ARTICLE_ID: "a1"})
    articles = pd.DataFrame({ArticleCol.ARTICLE_ID: ["a1"], ArticleCol.TITLE: [""],
                             ArticleCol.TEXT: [""]})
    out = assign_topics(comments, articles)
    assert out[Col.ARTICLE_SIMILARITY].isna().all()
    assert (out[Col.TOPIC_ID] >= 0).sum() > len(texts) // 2


def test_summary_of_a_large_table_reads_a_sample_and_keeps_every_topic(monkeypatch):
    import analysis.topics as topics

    texts = [t for theme in THEMES.values() for t in theme] * 3
    comments = assign_topics(pd.DataFrame({Col.TEXT: texts, Col.ARTICLE_ID: "a"}),
                             pd.DataFrame({ArticleCol.ARTICLE_ID: ["a"], ArticleCol.TITLE: [""],
                                           ArticleCol.TEXT: [""]}))
    full = summarise_topics(comments)
    monkeypatch.setattr(topics, "SUMMARY_TERM_ROWS", 5)
    sampled = summarise_topics(comments)
    assert sampled[TopicCol.TOPIC_ID].tolist() == full[TopicCol.TOPIC_ID].tolist()
    assert sampled[TopicCol.COMMENTS].tolist() == full[TopicCol.COMMENTS].tolist()


def test_a_reply_without_topic_words_takes_its_ancestors_topic():
    comments = pd.DataFrame({
        Col.COMMENT_ID: ["a", "b", "c", "d"],
        Col.PARENT_ID: [None, "a", "b", None],
        Col.DEPTH: [0, 1, 2, 0],
        Col.TOPIC_ID: [2, NO_TOPIC, NO_TOPIC, NO_TOPIC],
        Col.TOPIC_LABEL: ["greenland / troops", NO_TOPIC_LABEL, NO_TOPIC_LABEL, NO_TOPIC_LABEL],
    })
    out = inherit_topics(comments)
    assert out[Col.TOPIC_ID].tolist() == [2, 2, 2, NO_TOPIC]
    assert out[Col.TOPIC_LABEL].tolist()[:3] == ["greenland / troops"] * 3
    assert comments[Col.TOPIC_ID].tolist() == [2, NO_TOPIC, NO_TOPIC, NO_TOPIC]
