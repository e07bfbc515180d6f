"""build_threads validation and thread, article and back-and-forth metrics on hand-built trees."""

import numpy as np
import pandas as pd
import pytest

from analysis.schema import (
    ARTICLE_METRIC_COLUMNS,
    PAIR_COLUMNS,
    THREAD_COLUMNS,
    ArticleMetricCol,
    Col,
    PairCol,
    ThreadCol,
)
from analysis.threads import (
    INVALID_CYCLE,
    INVALID_MISSING,
    INVALID_OTHER_ARTICLE,
    INVALID_SELF,
    article_metrics,
    build_threads,
    reply_pairs,
    thread_metrics,
    validate_links,
)


def table(parents: dict[str, str | None], **extra) -> pd.DataFrame:
    ids = list(parents)
    return pd.DataFrame(
        {
            Col.ARTICLE_ID: "art",
            Col.COMMENT_ID: ids,
            Col.POSITION: range(len(ids)),
            Col.PARENT_ID: [parents[c] for c in ids],
            Col.REPLY_CONFIDENCE: 1.0,
            **extra,
        }
    )


# r
# ├── a (civil) ── b (uncivil) ── c (hostile)
# └── d ─┬─ e
#        └─ f
# s (lone, hostile)
TREE = {"r": None, "a": "r", "b": "a", "c": "b", "d": "r", "e": "d", "f": "d", "s": None}
LEVELS = [0, 0, 1, 2, 0, 0, 0, 2]
SCORES = [0.0, 0.0, 0.5, 0.9, 0.1, 0.1, 0.1, 0.8]


def test_build_threads_assigns_roots_and_depths():
    out = build_threads(table(TREE)).set_index(Col.COMMENT_ID)
    assert out[Col.THREAD_ID].to_dict() == {
        "r": "r",
        "a": "r",
        "b": "r",
        "c": "r",
        "d": "r",
        "e": "r",
        "f": "r",
        "s": "s",
    }
    assert out[Col.DEPTH].to_dict() == {
        "r": 0,
        "a": 1,
        "b": 2,
        "c": 3,
        "d": 1,
        "e": 2,
        "f": 2,
        "s": 0,
    }


def test_a_link_to_another_articles_comment_is_cut_and_says_so():
    both = table({"a1": "", "b1": "a1"}).assign(**{Col.ARTICLE_ID: ["A", "B"]})
    out = build_threads(both).set_index(Col.COMMENT_ID)
    assert pd.isna(out.loc["b1", Col.PARENT_ID]) and out.loc["b1", Col.DEPTH] == 0
    assert INVALID_OTHER_ARTICLE in out.loc["b1", Col.REPLY_EVIDENCE]
    assert INVALID_MISSING not in out.loc["b1", Col.REPLY_EVIDENCE]


def test_missing_parent_self_reply_and_cycle_become_roots():
    links = {"x": "ghost", "y": "y", "p": "q", "q": "p", "k": "q", "m": ""}
    out = build_threads(table(links)).set_index(Col.COMMENT_ID)
    assert pd.isna(out.loc["x", Col.PARENT_ID]) and out.loc["x", Col.DEPTH] == 0
    assert INVALID_MISSING in out.loc["x", Col.REPLY_EVIDENCE]
    assert pd.isna(out.loc["y", Col.PARENT_ID]) and out.loc["y", Col.DEPTH] == 0
    assert INVALID_SELF in out.loc["y", Col.REPLY_EVIDENCE]
    # The cycle p <-> q is cut at its first comment on the page.
    assert pd.isna(out.loc["p", Col.PARENT_ID]) and out.loc["p", Col.DEPTH] == 0
    assert INVALID_CYCLE in out.loc["p", Col.REPLY_EVIDENCE]
    assert out.loc["q", Col.PARENT_ID] == "p" and out.loc["q", Col.DEPTH] == 1
    assert out.loc["k", Col.THREAD_ID] == "p" and out.loc["k", Col.DEPTH] == 2
    assert out.loc["m", Col.DEPTH] == 0


def test_long_cycle_ends():
    n = 500
    links = {f"c{k}": f"c{(k + 1) % n}" for k in range(n)}
    out = build_threads(table(links))
    assert (out[Col.DEPTH] >= 0).all()
    assert out[Col.THREAD_ID].nunique() == 1


def test_thread_metrics_on_known_tree():
    comments = table(TREE, **{Col.HOSTILITY_LEVEL: LEVELS, Col.HOSTILITY: SCORES})
    m = thread_metrics(comments).set_index(ThreadCol.THREAD_ID)
    assert list(thread_metrics(comments).columns) == THREAD_COLUMNS
    r = m.loc["r"]
    assert r[ThreadCol.SIZE] == 7
    assert r[ThreadCol.DEPTH] == 3
    assert r[ThreadCol.WIDTH] == 3  # depth 2: b, e, f
    assert r[ThreadCol.BRANCHES] == 3  # leaves c, e, f
    assert r[ThreadCol.LONGEST_CHAIN] == 4  # r a b c
    assert r[ThreadCol.UNCIVIL_SHARE] == pytest.approx(2 / 7)  # b (level 1) and c (level 2)
    assert r[ThreadCol.HOSTILE_SHARE] == pytest.approx(1 / 7)  # c only
    assert bool(r[ThreadCol.TURNS_UNCIVIL])
    assert r[ThreadCol.FIRST_UNCIVIL_DEPTH] == 2
    # chain r-a-b-c: scores 0, 0, .5, .9 over depths 0..3 -> slope 0.32;
    # chains r-d-e and r-d-f: 0, .1, .1 -> slope 0.05 each.
    assert r[ThreadCol.ESCALATION] == pytest.approx((0.32 + 0.05 + 0.05) / 3)
    s = m.loc["s"]
    assert s[ThreadCol.SIZE] == 1 and s[ThreadCol.DEPTH] == 0 and s[ThreadCol.BRANCHES] == 1
    assert np.isnan(s[ThreadCol.ESCALATION])
    assert not bool(s[ThreadCol.TURNS_UNCIVIL])  # hostile from the start, nothing to rise from
    assert s[ThreadCol.FIRST_UNCIVIL_DEPTH] == 0
    assert s[ThreadCol.HOSTILE_SHARE] == 1.0
    assert s[ThreadCol.INFERRED_SHARE] == 0.0  # no reply_inferred column: nothing inferred
    assert np.isnan(s[ThreadCol.MEAN_LINK_CONFIDENCE])  # so no inferred link to average


def test_thread_metrics_without_hostility_columns():
    m = thread_metrics(table(TREE))
    assert m[ThreadCol.UNCIVIL_SHARE].isna().all()
    assert m[ThreadCol.HOSTILE_SHARE].isna().all()
    assert m[ThreadCol.FIRST_UNCIVIL_DEPTH].isna().all()


def test_mean_link_confidence_counts_inferred_links_only():
    # r (root, inferred "top-level" 0.6) ── a (inferred 0.4) ── b (source link 1.0)
    comments = table({"r": None, "a": "r", "b": "a"},
                     **{Col.REPLY_CONFIDENCE: [0.6, 0.4, 1.0],
                        Col.INFERRED: [True, True, False]})
    row = thread_metrics(comments).iloc[0]
    assert row[ThreadCol.MEAN_LINK_CONFIDENCE] == pytest.approx(0.4)
    assert row[ThreadCol.INFERRED_SHARE] == pytest.approx(2 / 3)
    article = article_metrics(comments).iloc[0]
    assert article[ArticleMetricCol.MEAN_LINK_CONFIDENCE] == pytest.approx(0.4)


def test_article_metrics_concentration():
    comments = table(TREE, **{Col.HOSTILITY_LEVEL: LEVELS})
    a = article_metrics(comments)
    assert list(a.columns) == ARTICLE_METRIC_COLUMNS
    row = a.iloc[0]
    assert row[ArticleMetricCol.COMMENTS] == 8
    assert row[ArticleMetricCol.THREADS] == 2
    assert row[ArticleMetricCol.CONCENTRATION] == pytest.approx(7 / 8)
    assert row[ArticleMetricCol.MEAN_DEPTH] == pytest.approx((0 + 1 + 2 + 3 + 1 + 2 + 2 + 0) / 8)
    assert row[ArticleMetricCol.MAX_DEPTH] == 3
    assert row[ArticleMetricCol.UNCIVIL_SHARE] == pytest.approx(3 / 8)  # b, c, s
    assert row[ArticleMetricCol.HOSTILE_SHARE] == pytest.approx(2 / 8)  # c, s


def test_article_metrics_list_articles_without_comments_too():
    comments = table(TREE, **{Col.HOSTILITY_LEVEL: LEVELS})
    article = comments[Col.ARTICLE_ID].iloc[0]
    a = article_metrics(comments, [article, "quiet"]).set_index(ArticleMetricCol.ARTICLE_ID)
    assert list(a.index) == [article, "quiet"]
    assert a.loc[article, ArticleMetricCol.COMMENTS] == 8
    assert a.loc["quiet", ArticleMetricCol.COMMENTS] == 0
    assert a.loc["quiet", ArticleMetricCol.THREADS] == 0
    assert pd.isna(a.loc["quiet", ArticleMetricCol.CONCENTRATION])
    only = article_metrics(comments.iloc[:0], ["quiet"])
    assert only[ArticleMetricCol.ARTICLE_ID].tolist() == ["quiet"]


def test_reply_pairs_with_authors_a_b_a():
    links = {"1": None, "2": "1", "3": "2", "4": "3", "5": "1"}
    comments = table(links, **{Col.AUTHOR: ["ann", "bob", "ann", "bob", "cy"]})
    pairs = reply_pairs(comments)
    assert list(pairs.columns) == PAIR_COLUMNS
    assert len(pairs) == 1
    run = pairs.iloc[0]
    assert (run[PairCol.START_ID], run[PairCol.END_ID], run[PairCol.LENGTH]) == ("1", "4", 4)
    assert run[PairCol.SPEAKERS] == "ann|bob"
    assert run[PairCol.BASIS] == "authors"


def test_reply_pairs_broken_when_a_third_speaker_joins():
    links = {"1": None, "2": "1", "3": "2"}
    pairs = reply_pairs(table(links, **{Col.AUTHOR: ["ann", "bob", "cy"]}))
    assert pairs.empty


def test_reply_pairs_on_flat_page_use_answering_back():
    links = {"1": None, "2": "1", "3": "2", "4": "1"}
    addresses = pd.array([False, True, True, False], dtype="boolean")
    comments = table(links, **{Col.REPLY_ADDRESSES: addresses, Col.TEXT: ["a", "b", "c", "d"]})
    pairs = reply_pairs(comments)
    assert len(pairs) == 1
    assert pairs.iloc[0][PairCol.LENGTH] == 3
    assert pairs.iloc[0][PairCol.BASIS] == "answers_back"
    # Where inference did not say (a given link), the text's second person decides.
    unknown = pd.array([pd.NA] * 4, dtype="boolean")
    by_text = table(links, **{Col.REPLY_ADDRESSES: unknown,
                              Col.TEXT: ["a", "you b", "your c", "d"]})
    assert len(reply_pairs(by_text)) == 1


def test_reply_pairs_shares_follow_the_vocabulary():
    links = {"1": None, "2": "1", "3": "2", "4": "3"}
    comments = table(links, **{Col.AUTHOR: ["ann", "bob", "ann", "bob"],
                               Col.HOSTILITY_LEVEL: [0, 1, 2, 0]})
    run = reply_pairs(comments).iloc[0]
    assert run[PairCol.UNCIVIL_SHARE] == pytest.approx(2 / 4)
    assert run[PairCol.HOSTILE_SHARE] == pytest.approx(1 / 4)


def test_validate_links_names_each_cut_link():
    articles = ["a", "a", "a", "a", "a", "b", "a", "a"]
    ids = ["r", "x", "y", "p", "q", "o", "s", "t"]
    parents = ["", "404", "y", "q", "p", "r", "o", "r"]
    parent, problems = validate_links(articles, ids, parents, order=[0, 1, 2, 4, 3, 5, 6, 7])
    assert problems == {1: INVALID_MISSING, 2: INVALID_SELF, 4: INVALID_CYCLE,  # q is first
                        5: INVALID_OTHER_ARTICLE, 6: INVALID_OTHER_ARTICLE}
    assert parent.tolist() == [-1, -1, -1, 4, -1, -1, -1, 0]


def test_validate_links_goes_to_the_first_of_duplicated_ids():
    parent, problems = validate_links(["a"] * 3, ["1", "1", "2"], ["", "", "1"])
    assert parent.tolist() == [-1, -1, 0] and not problems
