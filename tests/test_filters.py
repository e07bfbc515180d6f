"""Filters as plain data: which rows they keep, and their round trip through a URL."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.filters import (
    FilterOptions,
    Filters,
    apply_filters,
    clamp_filters,
    filter_options,
    filters_from_params,
    filters_to_params,
    unread_params,
)
from analysis.schema import Col
from analysis.views import (
    article_overview,
    chains,
    highlight_pieces,
    highlight_text,
    level_counts,
    marker_counts,
    marker_label,
    matched_words,
    parse_spans,
    reading_order,
    tree_nodes,
)


@pytest.fixture
def comments() -> pd.DataFrame:
    """Two articles; a1 has a branching thread (c1 -> c2 -> c4, c1 -> c3), a2 one lone comment."""
    return pd.DataFrame({
        Col.SOURCE: ["s1", "s1", "s1", "s1", "s2"],
        Col.ARTICLE_ID: ["a1", "a1", "a1", "a1", "a2"],
        Col.COMMENT_ID: ["c1", "c2", "c3", "c4", "c5"],
        Col.AUTHOR: ["ann", "bob", pd.NA, "ann", "cy"],
        Col.TEXT: ["The EU plan is fine.", "You idiot, that is wrong", "Nuclear talk",
                   "Stop lying to us", "Greenland news"],
        Col.PARENT_ID: [pd.NA, "c1", "c1", "c2", pd.NA],
        Col.REPLY_CONFIDENCE: [1.0, 0.8, 0.5, 0.9, 1.0],
        Col.THREAD_ID: ["c1", "c1", "c1", "c1", "c5"],
        Col.DEPTH: [0, 1, 1, 2, 0],
        Col.SENTIMENT: [0.5, -0.8, 0.0, -0.4, 0.2],
        Col.HOSTILITY: [0.0, 0.9, 0.0, 0.45, 0.0],
        Col.HOSTILITY_LEVEL: [0, 2, 0, 1, 0],
        Col.HOSTILITY_MARKERS: ["", "insult;second_person_attack", "", "accusation_of_lying",
                                ""],
        Col.HOSTILITY_SPANS: ["", "second_person_attack:0-9;insult:4-9", "",
                              "accusation_of_lying:0-10", ""],
        Col.TOPIC_ID: [0, 1, 0, 1, 2],
        Col.TOPIC_LABEL: ["eu / plan", "wrong / idiot", "eu / plan", "wrong / idiot",
                          "greenland"],
        Col.POSITION: [0, 1, 2, 3, 0],
    })


def ids(frame: pd.DataFrame) -> list[str]:
    return frame[Col.COMMENT_ID].tolist()


def test_no_filter_keeps_everything_and_copies(comments):
    kept = apply_filters(comments, Filters())
    assert ids(kept) == ids(comments)
    assert kept is not comments
    assert Filters().is_empty()


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(articles=("a2",)), ["c5"]),
    (Filters(topics=(1,)), ["c2", "c4"]),
    (Filters(levels=(1, 2)), ["c2", "c4"]),
    (Filters(markers=("insult",)), ["c2"]),
    (Filters(markers=("insult", "accusation_of_lying")), ["c2", "c4"]),
    (Filters(sentiment=(-0.5, 0.25)), ["c3", "c4", "c5"]),
    (Filters(thread="c1"), ["c1", "c2", "c3", "c4"]),
    (Filters(depth=(1, 1)), ["c2", "c3"]),
    (Filters(search="eu"), ["c1"]),  # case-insensitive, whole text
    (Filters(search="ANN"), ["c1", "c4"]),  # author too
    (Filters(search="(["), []),  # never a regex
    (Filters(articles=("a1",), levels=(0,)), ["c1", "c3"]),  # conditions combine with AND
])
def test_each_condition(comments, filters, expected):
    assert ids(apply_filters(comments, filters)) == expected


def test_does_not_change_input(comments):
    before = comments.copy()
    apply_filters(comments, Filters(levels=(2,), search="idiot"))
    pd.testing.assert_frame_equal(comments, before)


def test_params_round_trip():
    filters = Filters(articles=("a1", "a,b&c"), topics=(1, 3), levels=(0, 2),
                      markers=("insult",), sentiment=(-0.5, 0.25), thread="c1", depth=(1, 4),
                      search="EU plan")
    params = filters_to_params(filters)
    assert params["article"] == ["a1", "a,b&c"]
    assert params["sentiment_min"] == ["-0.5"]
    assert filters_from_params(params) == filters


def test_default_filters_have_no_params():
    assert filters_to_params(Filters()) == {}
    assert filters_from_params({}) == Filters()


def test_bad_params_are_dropped_not_raised():
    params = {"topic": ["x", "2"], "level": ["7", "1"], "sentiment_min": "abc",
              "sentiment_max": "5", "depth_min": "-3", "depth_max": "zz", "q": "  hi ",
              "unknown": "1"}
    filters = filters_from_params(params)
    assert filters.topics == (2,)
    assert filters.levels == (1,)
    assert filters.sentiment == (-1.0, 1.0)
    assert filters.depth is None  # neither bound is a depth
    assert filters.search == "hi"
    assert filters_from_params({"depth_max": "-5"}).depth is None  # not "depth 0 only"
    assert filters_from_params({"depth_min": "-1", "depth_max": "3"}).depth == (0, 3)


def test_reversed_ranges_are_put_in_order():
    filters = filters_from_params({"sentiment_min": "0.5", "sentiment_max": "-0.5",
                                   "depth_min": "4", "depth_max": "1"})
    assert filters.sentiment == (-0.5, 0.5)
    assert filters.depth == (1, 4)


def test_options_and_clamping(comments):
    options = filter_options(comments, ["a0"])
    assert options.articles == ("a0", "a1", "a2")
    assert options.topics == {0: "eu / plan", 1: "wrong / idiot", 2: "greenland"}
    assert options.markers == ("accusation_of_lying", "insult", "second_person_attack")
    assert options.threads == ("c1", "c5")
    assert options.max_depth == 2
    stale = Filters(articles=("a1", "gone"), topics=(9,), markers=("slur",), thread="gone",
                    depth=(1, 50))
    assert clamp_filters(stale, options) == Filters(articles=("a1",), depth=(1, 2))
    assert clamp_filters(Filters(depth=(0, 2)), options) == Filters()


def test_options_of_an_empty_table():
    empty = pd.DataFrame(columns=[Col.ARTICLE_ID])
    assert filter_options(empty) == FilterOptions((), {}, (), (), 0)


def test_article_overview(comments):
    articles = pd.DataFrame({"source": ["s1", "s2", "s3"], "article_id": ["a1", "a2", "a3"],
                             "title": ["One", "Two", "Three"], "text": ["", "", ""]})
    overview = article_overview(comments, articles).set_index("article_id")
    assert overview.loc["a1", "comments"] == 4
    assert overview.loc["a1", "threads"] == 1
    assert overview.loc["a1", "uncivil_share"] == 0.5
    assert overview.loc["a1", "hostile_share"] == 0.25
    assert overview.loc["a1", "mean_sentiment"] == pytest.approx(-0.175)
    assert overview.loc["a1", "top_topics"] == "eu / plan; wrong / idiot"
    assert overview.loc["a3", "comments"] == 0
    assert overview.loc["a3", "top_topics"] == ""
    assert overview.loc["a1", "inferred_share"] == 0.0  # no reply_inferred column: none


def test_article_overview_reports_how_many_links_are_guessed(comments):
    articles = pd.DataFrame({"source": ["s1", "s2"], "article_id": ["a1", "a2"],
                             "title": ["One", "Two"], "text": ["", ""]})
    flat = comments.assign(**{Col.INFERRED: [True, True, True, True, False]})
    overview = article_overview(flat, articles).set_index("article_id")
    assert overview.loc["a1", "inferred_share"] == 1.0
    # The root's confidence (1.0) is not a link's: only the three inferred replies count.
    assert overview.loc["a1", "mean_link_confidence"] == pytest.approx((0.8 + 0.5 + 0.9) / 3)
    assert overview.loc["a2", "inferred_share"] == 0.0
    assert np.isnan(overview.loc["a2", "mean_link_confidence"])


def test_level_and_marker_counts(comments):
    counts = level_counts(comments, Col.ARTICLE_ID)
    assert counts.values.tolist() == [
        ["a1", "civil", 2, 0.5, "2 comments"], ["a1", "uncivil", 1, 0.25, "1 comment"],
        ["a1", "hostile", 1, 0.25, "1 comment"], ["a2", "civil", 1, 1.0, "1 comment"]]
    markers = marker_counts(comments)
    assert dict(zip(markers["marker"], markers["count"], strict=True)) == {
        "accusation_of_lying": 1, "insult": 1, "second_person_attack": 1}
    assert marker_counts(comments.iloc[[0]]).empty


def test_level_counts_list_groups_largest_first_then_in_natural_order():
    topics = ["10"] * 3 + ["2"] * 1 + ["9"] * 1 + ["-1"] * 2
    frame = pd.DataFrame({Col.TOPIC_ID: topics, Col.HOSTILITY_LEVEL: [0, 1, 2, 0, 1, 0, 0]})
    counts = level_counts(frame, Col.TOPIC_ID)
    assert counts[Col.TOPIC_ID].drop_duplicates().tolist() == ["10", "-1", "2", "9"]
    assert counts[counts[Col.TOPIC_ID] == "10"]["level"].tolist() == [
        "civil", "uncivil", "hostile"]


def test_marker_labels_read_as_words_and_flag_weak_cues():
    assert marker_label("second_person_attack") == "second person attack"
    assert marker_label("ellipsis") == "ellipsis (weak cue)"
    assert marker_label("condescension_cue") == "condescension (weak cue)"
    assert marker_label("insult") == "insult"


def test_highlighting_keeps_the_text_and_marks_spans(comments):
    text, spans = comments.loc[1, Col.TEXT], comments.loc[1, Col.HOSTILITY_SPANS]
    pieces = highlight_pieces(text, spans)
    assert "".join(piece for piece, _ in pieces) == text
    assert pieces[:2] == [("You ", ["second_person_attack"]),
                          ("idiot", ["insult", "second_person_attack"])]
    assert highlight_text(text, spans) == "⟦You ⟧⟦idiot⟧, that is wrong"
    assert matched_words(text, spans) == "second_person_attack: You idiot; insult: idiot"
    assert parse_spans("bad;x:3-1;ok:1-2") == [("ok", 1, 2)]
    assert highlight_text("plain", "") == "plain"


def test_reading_order_and_tree(comments):
    ordered = reading_order(comments)
    assert ids(ordered) == ["c1", "c2", "c4", "c3", "c5"]
    assert ordered["level"].tolist() == [0, 1, 2, 1, 0]
    # A reply whose parent is filtered out starts its own branch.
    assert reading_order(comments[comments[Col.COMMENT_ID] != "c2"])["level"].tolist() == \
        [0, 1, 0, 0]
    nodes = tree_nodes(comments[comments[Col.COMMENT_ID] != "c1"])
    assert nodes["parent"].tolist() == ["", "", "c2", ""]


def test_views_cut_the_links_validate_links_cuts(comments):
    # c1 answers c3 and c3 answers c1 (a cycle), c2 answers itself: links no view may follow.
    broken = comments.assign(**{Col.PARENT_ID: ["c3", "c2", "c1", "c2", pd.NA]})
    ordered = reading_order(broken)
    assert sorted(ids(ordered)) == ["c1", "c2", "c3", "c4", "c5"]  # each row once
    assert ids(ordered) == ["c1", "c3", "c5", "c2", "c4"]  # the cycle is cut at c1, first
    assert tree_nodes(broken)["parent"].tolist() == ["", "", "c1", "c2", ""]
    assert chains(broken).groupby("chain")[Col.COMMENT_ID].apply(list).tolist() == [
        ["c1", "c3"], ["c2", "c4"]]


def test_chains(comments):
    rows = chains(comments)
    assert rows.groupby("chain")[Col.COMMENT_ID].apply(list).tolist() == [
        ["c1", "c2", "c4"], ["c1", "c3"]]
    assert rows["step"].tolist() == [0, 1, 2, 0, 1]
    assert chains(comments.iloc[[4]]).empty


@given(st.lists(st.integers(min_value=-1, max_value=40), min_size=1, max_size=40),
       st.integers(min_value=1, max_value=6))
def test_chains_are_the_longest_root_to_leaf_paths(links, limit):
    # Parent of comment k: an earlier comment (links[k] mod k), or none when links[k] is -1.
    parents = [None if k == 0 or link < 0 else f"c{link % k}" for k, link in enumerate(links)]
    ids = [f"c{k}" for k in range(len(links))]
    table = pd.DataFrame({Col.COMMENT_ID: ids, Col.PARENT_ID: pd.array(parents, dtype=object)})
    leaves = [c for c in ids if c not in set(parents)]

    def path(leaf: str) -> list[str]:
        up = [leaf]
        while parents[int(up[-1][1:])] is not None:
            up.append(parents[int(up[-1][1:])])
        return up[::-1]

    expected = [p for p in sorted((path(leaf) for leaf in leaves), key=len, reverse=True)[:limit]
                if len(p) >= 2]
    rows = chains(table, limit)
    got = [] if rows.empty else rows.groupby("chain")[Col.COMMENT_ID].apply(list).tolist()
    assert got == expected


def test_the_link_summary_of_a_table_counts_as_the_article_rows_do(comments):
    from analysis.metrics import link_summary

    flat = comments.assign(**{Col.INFERRED: [True, True, True, True, False]})
    share, confidence = link_summary(flat)
    assert share == 0.8
    assert confidence == pytest.approx((0.8 + 0.5 + 0.9) / 3)
    assert np.isnan(link_summary(comments)[1])  # no reply_inferred column: no inferred link
    assert np.isnan(link_summary(flat.iloc[:0])[0])


@pytest.mark.parametrize(("params", "unread"), [
    ({"level": ["7", "1", "x"], "topic": ["a", "3"]}, ["level=7", "level=x", "topic=a"]),
    ({"sentiment_min": "low", "sentiment_max": "nan", "depth_max": "-1", "depth_min": "2"},
     ["sentiment_min=low", "sentiment_max=nan", "depth_max=-1"]),
    ({"from": "yesterday", "to": "2024-01-01"}, ["from=yesterday"]),
    ({"from": "2024-01-01"}, ["from=2024-01-01 (without to)"]),
    ({"level": "2", "from": "2024-01-01", "to": "2024-02-01", "q": "x", "other": "y"}, []),
])
def test_unread_params_name_every_value_the_filters_ignore(params, unread):
    assert unread_params(params) == unread


def test_comments_without_topic_words_are_never_a_top_topic(comments):
    from analysis.topics import NO_TOPIC, NO_TOPIC_LABEL

    articles = pd.DataFrame({"source": ["s1"], "article_id": ["a1"], "title": ["One"],
                             "text": [""]})
    a1 = comments[Col.ARTICLE_ID] == "a1"
    # Three of a1's four comments carry no topic words: still not its top topic.
    mostly_none = comments.copy()
    mostly_none.loc[a1, Col.TOPIC_ID] = [NO_TOPIC, NO_TOPIC, NO_TOPIC, 0]
    mostly_none.loc[a1, Col.TOPIC_LABEL] = [NO_TOPIC_LABEL] * 3 + ["eu / plan"]
    overview = article_overview(mostly_none, articles).set_index("article_id")
    assert overview.loc["a1", "top_topics"] == "eu / plan"
