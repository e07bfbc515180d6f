"""Figure builders: they build without Streamlit, and no untrusted text reaches plotly raw."""

import json
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.schema import Col, LatencySummaryCol, ThreadCol
from analysis.threads import thread_metrics
from analysis.topics import summarise_topics
from analysis.views import GUESS_BELOW, chains, level_counts, marker_counts, tree_nodes
from pages import _charts as charts

EVIL = '<a href="javascript:alert(1)">x</a> <img src=x onerror=alert(1)> <b>bold</b> & co'


@pytest.fixture
def comments() -> pd.DataFrame:
    return pd.DataFrame({
        Col.SOURCE: ["s"] * 4,
        Col.ARTICLE_ID: ["a1", "a1", "a1", "<b>a2</b>"],
        Col.COMMENT_ID: ["c1", "c2", "c3", "c4"],
        Col.AUTHOR: ["<i>ann</i>", pd.NA, "bob", "cy"],
        Col.TEXT: [EVIL, "You idiot " * 40, "fine", "ok"],
        Col.PARENT_ID: [pd.NA, "c1", "c2", pd.NA],
        Col.REPLY_CONFIDENCE: [1.0, 0.7, 0.6, 1.0],
        Col.REPLY_EVIDENCE: ["first comment", "adjacent", "lexical:0.2", "first comment"],
        Col.THREAD_ID: ["c1", "c1", "c1", "c4"],
        Col.DEPTH: [0, 1, 2, 0],
        Col.SENTIMENT: [0.1, -0.9, 0.3, 0.0],
        Col.HOSTILITY: [0.0, 0.8, 0.1, 0.0],
        Col.HOSTILITY_LEVEL: [0, 2, 0, 0],
        Col.HOSTILITY_MARKERS: ["", "insult", "", ""],
        Col.TOPIC_ID: [0, 1, 0, 1],
        Col.TOPIC_LABEL: ["<script>x</script>", "idiot", "<script>x</script>", "idiot"],
        Col.POSITION: [0, 1, 2, 0],
        Col.ARTICLE_SIMILARITY: [0.2, 0.0, 0.1, 0.3],
    })


def figures(comments: pd.DataFrame) -> dict[str, go.Figure]:
    labels = {"a1": '<a href="http://evil">Title</a>'}
    summary = summarise_topics(comments)
    return {
        "by_article": charts.sentiment_distribution(comments, Col.ARTICLE_ID, labels),
        "by_topic": charts.sentiment_distribution(comments, Col.TOPIC_LABEL),
        "order": charts.sentiment_along_order(comments, labels),
        "depth": charts.sentiment_along_depth(comments, labels),
        "levels": charts.level_bars(level_counts(comments, Col.ARTICLE_ID), Col.ARTICLE_ID,
                                    labels),
        "markers": charts.marker_bars(marker_counts(comments, Col.ARTICLE_ID), Col.ARTICLE_ID,
                                      labels),
        "escalation": charts.escalation_lines(chains(comments)),
        "topic_sizes": charts.topic_sizes(summary),
        "topic_map": charts.topic_map(summary),
        "tree": charts.reply_tree(tree_nodes(comments)),
        "threads": charts.thread_sizes(thread_metrics(comments)),
        "empty": charts.empty_figure("<b>nothing</b>"),
    }


def strings(value) -> list[str]:
    """Every string anywhere in a figure's dict (plotly's JSON would hide '<' as \\u003c)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, (list, tuple, np.ndarray)):
        return [s for v in value for s in strings(v)]
    return []


def test_every_builder_returns_a_figure_with_data(comments):
    for name, fig in figures(comments).items():
        assert isinstance(fig, go.Figure), name
        assert name == "empty" or fig.data, name


@pytest.mark.parametrize("tag", ["<a", "<img", "<script", "<b>", "<i>"])
def test_no_untrusted_markup_reaches_a_figure(comments, tag):
    for name, fig in figures(comments).items():
        texts = strings(fig.to_dict())
        assert texts, name
        assert not [t for t in texts if tag in t], (name, tag)


def test_escaped_text_is_still_there(comments):
    text = " ".join(strings(figures(comments)["order"].to_dict()))
    assert "&lt;img src=x" in text
    assert "&amp; co" in text
    levels = " ".join(strings(figures(comments)["levels"].to_dict()))
    assert "&lt;a" in levels and "<a" not in levels  # axis names are shortened, then escaped


def test_hover_snippet_is_short_wrapped_and_escaped():
    snippet = charts.hover_snippet("word " * 200)
    assert snippet.endswith("…")
    assert snippet.count("<br>") >= 3
    assert charts.hover_snippet("a < b") == "a &lt; b"
    assert charts.hover_snippet(None) == "(empty)"
    assert charts.esc(float("nan")) == ""


def test_clicked_points_carry_the_comment_id(comments):
    fig = charts.sentiment_along_order(comments)
    ids = {row[0] for trace in fig.data if trace.customdata is not None
           for row in trace.customdata}
    assert ids == {"c1", "c2", "c3", "c4"}


def test_tree_links_each_reply_to_its_parent(comments):
    tree = charts.reply_tree(tree_nodes(comments)).data[0]  # two threads: one shared root
    assert list(tree.ids) == [charts.ROOT_ID, "c1", "c2", "c3", "c4"]
    assert list(tree.parents) == ["", charts.ROOT_ID, "c1", "c2", charts.ROOT_ID]
    single = charts.reply_tree(tree_nodes(comments.iloc[:3])).data[0]
    assert list(single.parents) == ["", "c1", "c2"]


def test_a_guessed_link_is_outlined_and_named_a_guess(comments):
    # c2's inferred link is at 0.4 (below views.GUESS_BELOW), c3's at 0.6; c4's source
    # link is never a guess, whatever its confidence says.
    comments = comments.assign(**{Col.REPLY_CONFIDENCE: [1.0, 0.4, 0.6, 0.1],
                                  Col.INFERRED: [True, True, True, False]})
    tree = charts.reply_tree(tree_nodes(comments)).data[0]
    outline = dict(zip(tree.ids, tree.marker.line.color, strict=True))
    assert outline == {charts.ROOT_ID: "white", "c1": "white", "c2": charts.GUESS_OUTLINE,
                       "c3": "white", "c4": "white"}
    assert list(tree.marker.line.width) == [1, 1, 4, 1, 1]
    labels = dict(zip(tree.ids, tree.labels, strict=True))
    assert labels["c2"].startswith("guess · #1") and "guess" not in labels["c3"]
    links = dict(zip(tree.ids, (row[0] for row in tree.customdata), strict=True))
    assert links["c2"] == f"link confidence 0.40 (a guess: below {GUESS_BELOW:g})"
    assert links["c4"] == "link confidence 0.10"


def test_large_scatter_switches_to_webgl(comments):
    big = pd.concat([comments] * (charts.WEBGL_FROM // 4 + 1), ignore_index=True)
    fig = charts.sentiment_along_order(big)
    assert isinstance(fig.data[0], go.Scattergl)


def test_level_bars_share_axis(comments):
    fig = charts.level_bars(level_counts(comments, Col.ARTICLE_ID), Col.ARTICLE_ID)
    assert [trace.name for trace in fig.data] == ["civil", "uncivil", "hostile"]
    payload = json.loads(fig.to_json())
    assert payload["layout"]["barmode"] == "stack"


def test_thread_sizes_uses_thread_table(comments):
    metrics = thread_metrics(comments)
    fig = charts.thread_sizes(metrics)
    assert sorted(fig.data[0].x) == sorted(metrics[ThreadCol.SIZE])


def test_threads_of_the_same_size_and_depth_share_one_larger_marker(comments):
    twins = pd.concat([comments, comments.assign(**{
        Col.COMMENT_ID: comments[Col.COMMENT_ID] + "b",
        Col.PARENT_ID: comments[Col.PARENT_ID].map(lambda p: p + "b", na_action="ignore"),
        Col.THREAD_ID: comments[Col.THREAD_ID] + "b"})], ignore_index=True)
    fig = charts.thread_sizes(thread_metrics(twins))
    assert sorted(fig.data[0].x) == [1, 3]
    assert sorted(row[0] for row in fig.data[0].customdata) == ["2 threads", "2 threads"]
    single = charts.thread_sizes(thread_metrics(comments)).data[0]
    assert max(single.marker.size) < min(fig.data[0].marker.size)


def test_labels_keep_quotes_but_no_tag_can_form():
    # plotly shows "&quot;" literally; only &, < and > need escaping.
    assert charts.esc('he said "no" & <b>left</b>') == 'he said "no" &amp; &lt;b&gt;left&lt;/b&gt;'


def test_each_article_line_has_its_points_colour(comments):
    fig = charts.sentiment_along_order(comments)
    points = {t.legendgroup: t.marker.color for t in fig.data if t.mode == "markers"}
    lines = {t.legendgroup: t.line.color for t in fig.data if t.mode == "lines"}
    assert len(points) == 2 and lines == points
    assert len(set(points.values())) == 2


def test_topic_map_says_why_it_is_empty_without_article_text(comments):
    summary = summarise_topics(comments.assign(**{Col.ARTICLE_SIMILARITY: np.nan}))
    fig = charts.topic_map(summary)
    assert not fig.data
    assert "No article text" in fig.layout.annotations[0].text


def test_tree_boxes_without_author_show_the_opening_words(comments):
    anonymous = comments.assign(**{Col.AUTHOR: pd.NA, Col.TEXT: [EVIL, "You idiot " * 40,
                                                                  "fine", ""]})
    labels = list(charts.reply_tree(tree_nodes(anonymous)).data[0].labels)
    assert labels[2] == "#1 · You idiot You idiot You idiot…"
    assert labels[1].startswith("#0 · &lt;a") and "<" not in labels[1]
    assert labels[4] == "#0 · (empty)"


def test_large_groups_send_box_statistics_not_every_score(comments):
    big = pd.concat([comments] * 200, ignore_index=True)  # 600 rows of article a1
    big[Col.SENTIMENT] = np.linspace(-1, 1, len(big))
    box = charts.sentiment_distribution(big, Col.ARTICLE_ID).data[0]
    scores = big.loc[big[Col.ARTICLE_ID] == "a1", Col.SENTIMENT].to_numpy()
    assert box.y is None and box.boxpoints is None
    assert box.q1[0] == pytest.approx(np.quantile(scores, 0.25))
    assert box.median[0] == pytest.approx(np.median(scores))
    assert (box.lowerfence[0], box.upperfence[0]) == (scores.min(), scores.max())


@given(st.lists(st.text(alphabet="abc'—.", min_size=1, max_size=60), max_size=40))
def test_hover_wrap_matches_textwrap_on_words_that_fit(words):
    import textwrap

    text = " ".join(words)
    assert charts._wrap(text, 60) == textwrap.wrap(text, 60, break_on_hyphens=False)


def test_escalation_draws_a_few_chains_and_keeps_the_rest_in_the_legend():
    rows = pd.DataFrame({"chain": np.repeat(np.arange(1, 8), 3), "step": np.tile([0, 1, 2], 7),
                         Col.HOSTILITY: np.linspace(0, 1, 21),
                         Col.COMMENT_ID: [f"c{k}" for k in range(21)],
                         Col.TEXT: ["x"] * 21})
    fig = charts.escalation_lines(rows)
    shown = [trace.visible is not False and trace.visible != "legendonly" for trace in fig.data]
    assert len(fig.data) == 7 and sum(shown) == charts.SHOWN_CHAINS
    assert "3 more in the legend" in fig.layout.title.text


def test_tone_over_time_puts_round_share_ticks_on_the_sentiment_gridlines():
    from analysis.timeline import activity

    timed = pd.DataFrame({
        Col.ARTICLE_ID: ["a"] * 3, Col.COMMENT_ID: ["1", "2", "3"],
        Col.CREATED_AT: ["2024-01-01T10:00:00Z", "2024-01-01T10:40:00Z", "2024-01-01T12:00:00Z"],
        Col.SENTIMENT: [0.4, -0.6, 0.1], Col.HOSTILITY_LEVEL: [0, 2, 1],
    })
    layout = charts.tone_over_time(activity(timed)).layout
    left, right = layout.yaxis, layout.yaxis2

    def height(axis, value):  # where a value sits, as a share of the plot's height
        low, high = axis.range
        return (value - low) / (high - low)

    assert list(right.tickvals) == [0, 0.25, 0.5, 0.75, 1]
    for sentiment, share in zip(left.tickvals, right.tickvals, strict=True):
        assert height(left, sentiment) == pytest.approx(height(right, share))


def test_groups_of_one_name_get_a_category_each(comments):
    names = charts.axis_names(["t1", "t2", "t3", "t2"], {"t1": "Thanks!", "t2": "Thanks!",
                                                          "t3": "<b>x</b>"})
    assert names == {"t1": "Thanks!", "t2": "Thanks! (2)", "t3": "&lt;b&gt;x&lt;/b&gt;"}
    same = comments.assign(**{Col.ARTICLE_ID: ["a1", "a1", "a2", "a2"]})
    figure = charts.sentiment_distribution(same, Col.ARTICLE_ID,
                                           labels={"a1": "One title", "a2": "One title"})
    assert sorted(trace.name for trace in figure.data) == ["One title", "One title (2)"]


def test_count_axes_tick_whole_numbers_only(comments):
    """Plotly steps a short count axis by 0.5 ("half a comment"): every count axis of a chart
    with one to three per bar steps by whole numbers."""
    from analysis.timeline import activity

    timed = comments.assign(**{Col.CREATED_AT: ["2024-01-01T10:00:00Z", "2024-01-01T10:01:00Z",
                                                "2024-01-01T10:01:30Z", "2024-01-01T10:02:00Z"]})
    all_figures = figures(comments)
    axes = {
        "markers": all_figures["markers"].layout.yaxis,
        "escalation": all_figures["escalation"].layout.xaxis,
        "topic_sizes": all_figures["topic_sizes"].layout.xaxis,
        "threads": all_figures["threads"].layout.yaxis,
        "depth": all_figures["depth"].layout.xaxis,
        "activity": charts.activity_over_time(activity(timed)).layout.yaxis,
    }
    for name, axis in axes.items():
        assert axis.dtick == 1 and axis.tickformat == ",d", name


def test_a_long_count_axis_keeps_plotlys_whole_steps_with_separators():
    axis = charts.count_axis(12_345)
    assert axis["dtick"] is None and axis["tickformat"] == ",d"


def _latency_summary(medians, q1, q3):
    return pd.DataFrame({
        LatencySummaryCol.KIND: ["first reply"] + ["depth"] * (len(medians) - 1),
        LatencySummaryCol.DEPTH: [np.nan] + list(range(1, len(medians))),
        LatencySummaryCol.REPLIES: [1_200] + [3] * (len(medians) - 1),
        LatencySummaryCol.MEDIAN_SECONDS: medians,
        LatencySummaryCol.QUARTILE1_SECONDS: q1,
        LatencySummaryCol.QUARTILE3_SECONDS: q3,
    })


@pytest.mark.parametrize(("medians", "q1", "q3", "expected"), [
    ([240.0, 95.0, 3_000.0], [30.0, 40.0, 900.0], [900.0, 300.0, 9_000.0],
     ["10 s", "1 min", "10 min", "1 h", "6 h"]),
    ([0.0, 4.0], [0.0, 2.0], [3.0, 8.0], ["1 s", "10 s"]),
    ([2 * 86_400.0], [3_600.0], [9 * 86_400.0], ["1 h", "6 h", "1 day", "1 week", "30 days"]),
])
def test_the_latency_axis_is_ticked_in_plain_durations_around_the_bars(medians, q1, q3,
                                                                       expected):
    figure = charts.reply_latency(_latency_summary(medians, q1, q3))
    axis = figure.layout.yaxis
    assert axis.type == "log" and list(axis.ticktext) == expected
    bar = figure.data[0]
    low, high = 10 ** axis.range[0], 10 ** axis.range[1]
    assert low < min(bar.y) and high > max(q3)  # every bar and whisker on the axis
    assert axis.tickvals[0] <= max(min(q1), 1) and axis.tickvals[-1] >= max(q3)


def test_the_latency_hover_says_durations_and_counts_in_words():
    figure = charts.reply_latency(_latency_summary([240.0, 95.0], [30.0, 40.0], [900.0, 300.0]))
    first = list(figure.data[0].customdata[0])
    assert first == ["4 min", "30 s", "15 min", "1,200 replies"]
    assert "%{customdata[0]}" in figure.data[0].hovertemplate


_PLACEHOLDER = re.compile(r"%\{([a-z]+)(?:\[(\d+)\])?(?::([^}]*))?\}")


def hover_texts(figure: go.Figure) -> list[str]:
    """Each point's hover as plotly fills its hovertemplate (d3's formats ",", ".0%", ".2f"
    read as Python's), the boxes' <br> as spaces."""
    out = []
    for trace in figure.data:
        template = trace.hovertemplate
        points = max(len(values) for key in ("x", "y", "customdata", "hovertext")
                     if (values := getattr(trace, key, None)) is not None)
        for point in range(points):
            def fill(match, trace=trace, point=point):
                values = getattr(trace, match.group(1))
                value = values if isinstance(values, str) else values[point]
                value = value if match.group(2) is None else value[int(match.group(2))]
                try:
                    return format(value, match.group(3) or "")
                except (TypeError, ValueError):
                    return str(value)
            out.append(_PLACEHOLDER.sub(fill, template).replace("<extra></extra>", "")
                       .replace("<br>", " "))
    return out


def test_chart_hovers_say_one_comment_and_two_comments():
    """A bar, marker or topic of one says its noun in the singular: plotly puts the number in a
    fixed template ("%{x} comments"), so the words come precomputed from analysis.views."""
    pair = pd.DataFrame({
        Col.SOURCE: ["s"] * 3, Col.ARTICLE_ID: ["a1", "a1", "a2"],
        Col.COMMENT_ID: ["c1", "c2", "c3"], Col.AUTHOR: ["a", "b", "c"],
        Col.TEXT: ["one", "two", "three"], Col.PARENT_ID: [pd.NA, "c1", pd.NA],
        Col.REPLY_CONFIDENCE: [1.0, 0.7, 1.0], Col.REPLY_EVIDENCE: ["", "", ""],
        Col.THREAD_ID: ["c1", "c1", "c3"], Col.DEPTH: [0, 1, 0],
        Col.SENTIMENT: [0.1, -0.2, 0.3], Col.HOSTILITY: [0.0, 0.1, 0.0],
        Col.HOSTILITY_LEVEL: [0, 0, 0], Col.HOSTILITY_MARKERS: ["", "", ""],
        Col.TOPIC_ID: [0, 0, 1], Col.TOPIC_LABEL: ["x / y", "x / y", "z / w"],
        Col.POSITION: [0, 1, 0], Col.ARTICLE_SIMILARITY: [0.2, 0.1, 0.3]})
    summary = summarise_topics(pair)
    latency = _latency_summary([60.0, 120.0], [30.0, 60.0], [90.0, 200.0]).assign(
        **{LatencySummaryCol.REPLIES: [1, 2]})
    built = {
        "level_bars": charts.level_bars(level_counts(pair, Col.ARTICLE_ID), Col.ARTICLE_ID),
        "topic_sizes": charts.topic_sizes(summary),
        "topic_map": charts.topic_map(summary),
        "thread_sizes": charts.thread_sizes(thread_metrics(pair)),
    }
    for name, figure in built.items():
        said = [re.findall(r"\b\d+ comments?\b", hover) for hover in hover_texts(figure)]
        assert sorted(said) == [["1 comment"], ["2 comments"]], (name, said)
    said = [re.findall(r"\(\d+ repl\w+\)", hover)
            for hover in hover_texts(charts.reply_latency(latency))]
    assert said == [["(1 reply)"], ["(2 replies)"]]


def _with_no_topic(comments):
    from analysis.topics import NO_TOPIC, NO_TOPIC_LABEL

    return comments.assign(**{Col.TOPIC_ID: [0, NO_TOPIC, 0, NO_TOPIC],
                              Col.TOPIC_LABEL: ["tax / plan", NO_TOPIC_LABEL, "tax / plan",
                                                NO_TOPIC_LABEL],
                              Col.ARTICLE_SIMILARITY: [0.2, 0.0, 0.4, 0.0]})


def test_comments_without_a_topic_are_a_grey_bar_named_no_topic(comments):
    from analysis.topics import NO_TOPIC_LABEL

    figure = charts.topic_sizes(summarise_topics(_with_no_topic(comments)))
    bars = {name: trace for trace in figure.data for name in trace.hovertext}
    assert set(bars) == {"0: tax / plan", NO_TOPIC_LABEL}  # no id: it is no topic
    assert bars[NO_TOPIC_LABEL].marker.color == charts.NO_TOPIC_COLOUR
    assert bars["0: tax / plan"].marker.colorscale  # topics keep the sentiment scale


def test_comments_without_a_topic_stay_off_the_topic_map_which_counts_them(comments):
    from analysis.topics import NO_TOPIC_LABEL

    figure = charts.topic_map(summarise_topics(_with_no_topic(comments)))
    assert list(figure.data[0].hovertext) == ["0: tax / plan"]
    assert figure.layout.title.subtitle.text == f"Not on the map: 2 comments, {NO_TOPIC_LABEL}"
    alone = charts.topic_map(summarise_topics(_with_no_topic(comments).iloc[[1, 3]]))
    assert not alone.data and "No comment here has a topic" in alone.layout.annotations[0].text


def test_the_no_topic_box_of_sentiment_by_topic_is_grey(comments):
    from analysis.topics import NO_TOPIC, NO_TOPIC_LABEL

    figure = charts.sentiment_distribution(_with_no_topic(comments), Col.TOPIC_ID, labels={
        "0": "0: tax / plan", str(NO_TOPIC): NO_TOPIC_LABEL})
    # Named whole in the hover (the axis has the opening words).
    colours = {trace.hovertext[0].split("<br><br>")[0]: trace.marker.color
               for trace in figure.data}
    assert colours == {"0: tax / plan": None, NO_TOPIC_LABEL: charts.NO_TOPIC_COLOUR}


def _topic_summary(points):
    """A topic summary of (comments, closeness, sentiment) rows, largest first."""
    from analysis.schema import TopicCol

    return pd.DataFrame({
        TopicCol.TOPIC_ID: range(len(points)),
        TopicCol.TOPIC_LABEL: [f"term{i} / word{i}" for i in range(len(points))],
        TopicCol.COMMENTS: [p[0] for p in points],
        TopicCol.MEAN_SENTIMENT: [p[2] for p in points],
        TopicCol.UNCIVIL_SHARE: [0.1] * len(points),
        TopicCol.ARTICLE_SIMILARITY: [p[1] for p in points],
    })


def test_topics_on_one_spot_give_the_label_to_the_largest_and_keep_every_name_in_hover():
    summary = _topic_summary([(50, 0.3, 0.1), (20, 0.3, 0.1), (10, 0.3, 0.1), (5, 0.05, -0.8)])
    trace = charts.topic_map(summary).data[0]
    assert list(trace.text) == ["term0 / word0", "", "", "term3 / word3"]
    assert list(trace.hovertext) == [f"{i}: term{i} / word{i}" for i in range(4)]


def test_the_map_names_at_most_its_limit_of_topics_the_largest_first():
    # One large topic amid fifteen small ones on a grid: room for many labels, not for all.
    grid = [(100 if i == 5 else 4, 0.05 + 0.1 * (i % 4), -0.9 + 0.5 * (i // 4))
            for i in range(16)]
    trace = charts.topic_map(_topic_summary(grid)).data[0]
    named = [i for i, text in enumerate(trace.text) if text]
    assert 5 in named and 4 <= len(named) <= charts.TOPIC_MAP_LABELS
    assert len(trace.hovertext) == 16


def test_a_label_moves_beside_its_marker_where_the_one_above_is_taken():
    # Two topics one above the other: the lower one's label cannot go above it.
    spots = charts.place_labels(np.array([0.5, 0.5]), np.array([0.55, 0.5]), np.array([5.0, 5.0]),
                                np.array([60.0, 60.0]))
    assert spots[0] == "top center" and spots[1] not in (None, "top center")


def test_map_labels_are_two_terms_unless_two_topics_share_them():
    labels = pd.Series(["eu / plan / tax", "eu / plan / vote", "army / force / uk", "topic 3"])
    assert charts.map_labels(labels) == ["eu / plan / tax", "eu / plan / vote", "army / force",
                                         "topic 3"]


def test_a_long_title_is_wrapped_whole_and_escaped():
    title = "Reply tree (click a box to zoom in; outlined in blue: a guessed link) <b>"
    lines = charts.title_lines(title)
    assert lines == ["Reply tree (click a box to zoom in;",
                     "outlined in blue: a guessed link) &lt;b&gt;"]
    assert all(len(line.replace("&lt;", "<").replace("&gt;", ">")) <= charts.TITLE_CHARS
               for line in lines)
    figure = charts._layout(go.Figure(), title, height=400)
    assert figure.layout.title.text.split("<br>") == lines
    # The further line takes its room above the plot, which keeps its height; plotly draws a
    # title of several lines higher, so it hangs lower from the top edge.
    room = charts.TITLE_LINE_PX + charts._MULTILINE_TITLE_DROP_PX
    assert figure.layout.margin.t == 50 + room
    assert figure.layout.height == 400 + room
    assert figure.layout.title.pad.t == charts.TITLE_PAD_PX + charts._MULTILINE_TITLE_DROP_PX


@pytest.mark.parametrize(("title", "expected"), [
    # Greedy wrapping left one word on the second line ("chains)"), or cut a phrase.
    ("Hostility along reply chains (longest chains)",
     ["Hostility along reply chains", "(longest chains)"]),
    ("Sentiment along the page (lines: rolling mean over 9 comments)",
     ["Sentiment along the page", "(lines: rolling mean over 9 comments)"]),
    ("Threads by size and depth (larger markers: several threads)",
     ["Threads by size and depth", "(larger markers: several threads)"]),
    ("Who replies to whom: the 150 most active of 1,234 participants",
     ["Who replies to whom:", "the 150 most active of 1,234 participants"]),
    ("Topics: closeness to the article, sentiment and hostility",
     ["Topics: closeness to the article,", "sentiment and hostility"]),
    ("Hostility markers (comments each fired in)", ["Hostility markers (comments each fired in)"]),
])
def test_a_wrapped_title_breaks_after_a_phrase_in_as_few_lines(title, expected):
    assert charts.title_lines(title) == expected


@given(st.lists(st.text(alphabet="ab(:;,", min_size=1, max_size=20), min_size=1, max_size=12))
def test_title_lines_keep_every_word_within_the_width_in_as_few_lines_as_a_word_wrap(words):
    title = " ".join(words)
    lines = charts.title_lines(title, 20)
    assert " ".join(lines) == title
    assert all(len(line) <= 20 for line in lines)
    assert len(lines) == len(charts._wrap(title, 20))


def test_topic_bars_are_named_short_on_their_axis_and_whole_in_their_hover(comments):
    """Names of 30 characters beside the bars left the bars 64-91 px of a 358 px figure (a
    390 px phone); the axis has their opening words, the hover the whole name."""
    from analysis.schema import TopicCol

    summary = summarise_topics(comments)
    summary[TopicCol.TOPIC_LABEL] = ["greenland / denmark / trump <b>"] * len(summary)
    summary[TopicCol.TOPIC_ID] = range(len(summary))
    trace = charts.topic_sizes(summary).data[0]
    assert list(trace.y)[:1] == ["0: greenland…"]
    assert all(len(name) <= charts._TOPIC_AXIS_CHARS for name in trace.y)
    assert list(trace.hovertext)[:1] == ["0: greenland / denmark / trump &lt;b&gt;"]
    assert "%{hovertext}" in trace.hovertemplate


def test_a_short_label_never_ends_on_a_separator():
    assert charts.short_label("3: tax / budget / vote", 10) == "3: tax…"
    assert charts.short_label("3: tax", 10) == "3: tax"


def test_a_sentiment_box_is_named_short_on_its_axis_and_whole_in_its_hover(comments):
    """Article titles of 30 characters under the boxes overlapped on a phone; the axis has
    their opening words, upright or on end (never slanted), and each point's hover the title."""
    title = "A long headline about the harbour, the ferries and the <b>budget</b>"
    figure = charts.sentiment_distribution(comments, Col.ARTICLE_ID,
                                           labels={"a1": title, "<b>a2</b>": "Short"})
    names = {trace.name: trace for trace in figure.data}
    assert set(names) == {"A long…", "Short"}
    assert names["A long…"].hovertext[0].startswith(
        "A long headline about the harbour, the ferries and the<br>"
        "&lt;b&gt;budget&lt;/b&gt;<br><br>")
    assert list(figure.layout.xaxis.autotickangles) == [0, 90]
