"""Figure builders: ``(DataFrame, ...) -> go.Figure``, testable without Streamlit.

Plotly renders a subset of HTML (``<a href>``, ``<b>``, ``<br>``, entities) in hover text, tick
labels, legends and titles. Comment, author, title and topic text is untrusted, so every such
string goes through :func:`esc` before it reaches a figure.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from analysis.filters import LEVEL_NAMES
from analysis.people import EDGE_LEVELS, NetworkLayout
from analysis.schema import (
    ActivityCol,
    Col,
    LatencySummaryCol,
    PeopleCol,
    ThreadCol,
    ThreadViewCol,
    TopicCol,
)
from analysis.timeline import duration_words
from analysis.topics import NO_TOPIC, NO_TOPIC_LABEL, topic_name
from analysis.views import GUESS_BELOW, counted, counted_each, marker_label, opening_words

LEVEL_COLOURS = {"civil": "#9bbcd6", "uncivil": "#f2a541", "hostile": "#c8372d"}
SENTIMENT_SCALE = "RdBu"
ROOT_ID = "(filtered)"  # the shared root of a tree cut into branches by the filters
WEBGL_FROM = 3_000  # points; above this scatter plots switch to WebGL
MAX_POINTS = 4_000  # points drawn at most; beyond, a fixed sample (aggregates use every row)
MAX_GROUPS = 20  # boxes at most (the largest groups)
SHOWN_CHAINS = 4  # escalation lines drawn at first; the others can be switched on
MAX_COLOURED_ARTICLES = 12  # beyond this many articles, points are drawn in one colour
ARTICLE_COLOURS = qualitative.Plotly + qualitative.D3[:2]  # one per coloured article
_TITLE_ROOM = 36  # px from a figure's top edge to a legend under its title: the title's line
_LEGEND_ROOM = 26  # px a one-line legend under the title adds above the plot
TITLE_CHARS = 42  # a title's line at most: about 320 px of plotly's 17 px title font
TITLE_LINE_PX = 22  # px each further line of a title adds above the plot
TITLE_PAD_PX = 8  # px from the figure's top edge to a title hung from it
# Plotly.js draws a title of two or more lines hung from the top (yanchor "top") 12 px higher
# than one line: its first line's top stood 7 px above the figure, cut (Chromium, plotly 7.1).
_MULTILINE_TITLE_DROP_PX = 12
SUBTITLE_CHARS = 52  # a subtitle's line at most (its font is smaller than the title's)
SUBTITLE_LINE_PX = 18
_HOVER_CHARS = 280
_HOVER_WIDTH = 60
_LABEL_CHARS = 32  # opening words naming a reply-tree box
NETWORK_LABELS = 25  # most active participants named on the network chart
_AXIS_LABEL_CHARS = 30  # group names on an axis; longer ones squeeze the plot itself
# A group's name under its sentiment box: about 85 px of plotly's 12 px tick font, upright where
# the names fit side by side (820 px, a few groups), else turned on end. Plotly slanted names of
# 30 characters by 30 degrees on a 358 px figure, where they lay over each other.
_BOX_AXIS_CHARS = 16
# A topic's name beside its bar: about 95 px of plotly's 12 px tick font. At 30 characters the
# names took 64-80 px of 358 (a 390 px phone's figure) from the bars, the colour bar most of
# the rest; the hover has the name whole.
_TOPIC_AXIS_CHARS = 16
NO_TOPIC_COLOUR = "#b4b4b4"  # comments without a topic (topics.NO_TOPIC): grey, no topic colour


def esc(value: object) -> str:
    """Text safe for any plotly label: ``&``, ``<`` and ``>`` escaped, so no tag can form.
    Quotes stay as they are: plotly does not decode ``&quot;`` and would show it literally, and
    without ``<`` a quote cannot start an attribute."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=False)


def hover_snippet(text: object, limit: int = _HOVER_CHARS) -> str:
    """A comment shortened and wrapped for a hover box, escaped, lines joined with <br>."""
    raw = "" if text is None or (isinstance(text, float) and text != text) else str(text)
    raw = " ".join(raw.split())
    if len(raw) > limit:
        raw = raw[: limit - 1] + "…"
    return "<br>".join(esc(line) for line in _wrap(raw, _HOVER_WIDTH)) or "(empty)"


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap of single-spaced text; a word longer than ``width`` is cut. Does what
    textwrap.wrap does for hover boxes at a tenth of its cost (thousands of points a chart)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not word:
            continue
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


# Where a title may break besides between words: before a parenthesis, after a colon, a
# semicolon or a comma, so that a line holds a phrase ("Hostility along reply chains" /
# "(longest chains)").
_PHRASE_BREAK = re.compile(r" (?=\()|(?<=[:;,]) ")


def _balanced_wrap(text: str, width: int) -> list[str]:
    """:func:`_wrap` into as few lines as at ``width``, but as narrow as that allows without
    cutting a word, so the lines come out of about one length: no last line of one word."""
    lines = _wrap(text, width)
    longest_word = min(width, max((len(word) for word in text.split(" ")), default=1))
    narrowest = width
    while (len(lines) > 1 and narrowest > longest_word
           and len(_wrap(text, narrowest - 1)) == len(lines)):
        narrowest -= 1
    return _wrap(text, narrowest)


def _phrase_lines(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters: as few lines as a word wrap takes,
    broken at a phrase's end (_PHRASE_BREAK) where that costs no further line, and balanced."""
    if len(text) <= width:
        return [text] if text else []
    best = _balanced_wrap(text, width)
    for match in _PHRASE_BREAK.finditer(text):
        head, tail = text[:match.start()], text[match.end():]
        if len(head) > width:
            break
        lines = [head, *_phrase_lines(tail, width)]
        if len(lines) <= len(best):
            return lines
    return best


def title_lines(title: str, width: int = TITLE_CHARS) -> list[str]:
    """A chart's title in lines of at most ``width`` characters, each escaped. Plotly never
    wraps a title and cannot know the width it is drawn at: one rule serves the 358 px figure
    of a 390 px phone and an 820 px one on a desktop, so the lines are few, break after a
    phrase and are of about one length (a desktop's wrapped title reads as a title and its
    note, not as a line and a stray word)."""
    return [esc(line) for line in _phrase_lines(" ".join(title.split()), width)] or [""]


def _layout(fig: go.Figure, title: str, height: int = 420, top_legend: bool = False,
            **kwargs) -> go.Figure:
    """Title (wrapped: :func:`title_lines`), size, margins; with ``top_legend``, a horizontal
    legend between the title and the plot. That legend hangs from the figure's top, under the
    title's lines, so that when it wraps onto more lines (a phone's width) it pushes the plot
    down. Anchored to the plot's top edge it grew upwards over the title instead."""
    lines = title_lines(title)
    drop = _MULTILINE_TITLE_DROP_PX if len(lines) > 1 else 0
    # The plot keeps its height under a longer title.
    more = TITLE_LINE_PX * (len(lines) - 1) + drop
    height += more
    title_layout = {"text": "<br>".join(lines), "x": 0.0, "xanchor": "left"}
    if top_legend or more:
        title_layout.update(yref="container", y=1.0, yanchor="top",
                            pad={"t": TITLE_PAD_PX + drop})
    if top_legend:
        height += _LEGEND_ROOM  # the plot keeps its height beside a one-line legend
        kwargs["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "yref": "container",
                            "y": 1.0 - (_TITLE_ROOM + more) / height, "yanchor": "top",
                            "traceorder": "normal"}
    fig.update_layout(title=title_layout, height=height,
                      margin={"l": 10, "r": 10, "t": 50 + more, "b": 10},
                      template="plotly_white", **kwargs)
    return fig


def _subtitle(fig: go.Figure, note: str) -> go.Figure:
    """``note`` under the figure's title, wrapped as a title is, the plot moved down to make
    room for it and keeping its height."""
    lines = [line for line in title_lines(note, SUBTITLE_CHARS) if line]
    room = SUBTITLE_LINE_PX * len(lines)
    return fig.update_layout(
        title={"subtitle": {"text": "<br>".join(lines)}, "yref": "container", "y": 1.0,
               "yanchor": "top", "pad": {"t": fig.layout.title.pad.t or TITLE_PAD_PX}},
        margin_t=(fig.layout.margin.t or 50) + room, height=(fig.layout.height or 420) + room)


def _legend_below(fig: go.Figure, height: int = 380) -> dict:
    """Layout for a legend under the plot, below the x axis's title, and a figure that grows by
    a line per legend entry (an article's title takes a line), so the plot keeps its height.
    A legend anchored by its bottom grew upwards over the axis title with several articles."""
    entries = sum(1 for trace in fig.data if trace.showlegend is not False)
    return {"height": height + 30 * entries,
            "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.2,
                       "yanchor": "top"}}


INTEGER_TICKS_BELOW = 10
"""A count axis whose largest value is below this gets a tick at every whole number; above
it plotly's own steps (at most ten ticks) are whole numbers already."""


def count_axis(largest: object) -> dict:
    """Axis settings for counts (comments, replies, depth): whole-number ticks only, thousands
    separated. Plotly steps by 0.5 or 0.2 on a short range, which reads as half a comment."""
    largest = pd.to_numeric(pd.Series([largest]), errors="coerce").iloc[0]
    small = largest != largest or largest < INTEGER_TICKS_BELOW
    return {"tickformat": ",d", "rangemode": "tozero", "tick0": 0,
            "dtick": 1 if small else None}


SHARE_TICKS = [0, 0.25, 0.5, 0.75, 1]


def share_axis(span: tuple[float, float] = (0.0, 1.0)) -> dict:
    """Axis settings for a share (0-1, an uncivil or hostile share): 0% to 100% ticked every
    25%, the 100% tick always drawn. Plotly hid the label of a tick at the plot's right edge
    ("100%" reaches past the figure's 10 px margin); "allow" draws it, and automargin makes
    room for it. ``span`` is the axis range, where it must line up with another axis."""
    return {"tickformat": ".0%", "range": list(span), "tickvals": SHARE_TICKS,
            "ticklabeloverflow": "allow", "automargin": True}


def share_colorbar(title: str, **kwargs: object) -> dict:
    """A colour bar of a share (0-1) in percent, 0% to 100% every 25%, as every share axis."""
    return {"title": {"text": title}, "tickformat": ".0%", "tickvals": SHARE_TICKS, **kwargs}


def empty_figure(message: str = "No comments") -> go.Figure:
    """A blank figure with a message, for callers that must return a figure."""
    fig = go.Figure()
    fig.add_annotation(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper",
                       yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, "", height=200)


def _scatter(n: int):
    return go.Scattergl if n > WEBGL_FROM else go.Scatter


def display_sample(comments: pd.DataFrame, limit: int = MAX_POINTS) -> pd.DataFrame:
    """At most ``limit`` rows, the same ones on every run (a browser cannot draw or hover
    100k points usefully, and sending them costs seconds)."""
    if len(comments) <= limit:
        return comments
    return comments.sample(n=limit, random_state=0).sort_index()


def short_label(text: object, width: int) -> str:
    """The opening words of ``text`` (unescaped), at most ``width`` characters, a cut marked
    "…" and never left on a separator ("3: tax…", not "3: tax /…")."""
    short = opening_words(text, width)
    if short.endswith("…"):
        short = short[:-1].rstrip(" /:,;-–") + "…"
    return short


def axis_names(keys: object, labels: dict[str, str],
               width: int = _AXIS_LABEL_CHARS) -> dict[str, str]:
    """Each group key (as text) -> its name on a category axis: the opening words of its label,
    escaped. Plotly draws equal category names as one bar or box, so where two groups' names
    would be equal (two threads that open with the same words, two articles of one title),
    the second and later get " (2)", " (3)", ... in the order of ``keys``."""
    names: dict[str, str] = {}
    seen: dict[str, int] = {}
    for key in map(str, keys):
        if key in names:
            continue
        name = esc(short_label(labels.get(key, key), width))
        seen[name] = seen.get(name, 0) + 1
        names[key] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return names


def _largest_groups(comments: pd.DataFrame, by: str, limit: int = MAX_GROUPS) -> pd.DataFrame:
    keys = comments[by].astype(str)
    largest = keys.value_counts().index[:limit]
    return comments[keys.isin(largest)]


def _box_stats(values: pd.Series) -> dict[str, list]:
    """Quartiles (plotly's default linear method), whiskers at min and max (as plotly draws
    them without points) and the mean, for a precomputed go.Box."""
    v = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    if len(v) == 0:
        return {"y": []}
    q1, median, q3 = np.quantile(v, [0.25, 0.5, 0.75])
    return {"q1": [q1], "median": [median], "q3": [q3],
            "lowerfence": [v.min()], "upperfence": [v.max()]}


def sentiment_distribution(comments: pd.DataFrame, by: str,
                           labels: dict[str, str] | None = None,
                           title: str | None = None) -> go.Figure:
    """One box (with the points when few) of Col.SENTIMENT per value of ``by`` (the
    MAX_GROUPS largest groups); ``labels`` names the groups (e.g. article titles). Points carry
    the comment id as customdata."""
    fig = go.Figure()
    labels = labels or {}
    shown = _largest_groups(comments, by)
    names = axis_names(shown[by].astype(str).unique(), labels, _BOX_AXIS_CHARS)
    for key, group in shown.groupby(shown[by].astype(str), sort=False):
        name, whole = names[key], hover_snippet(labels.get(key, key))
        # Comments without a topic are no topic: grey beside the topics' colours.
        grey = NO_TOPIC_COLOUR if by == Col.TOPIC_ID and key == str(NO_TOPIC) else None
        with_points = len(group) <= 500 and len(shown) <= MAX_POINTS
        if with_points:
            fig.add_trace(go.Box(
                y=group[Col.SENTIMENT], name=name, boxpoints="all", jitter=0.4, pointpos=0,
                customdata=group[[Col.COMMENT_ID]].astype(str).to_numpy(),
                # The group's whole name, a line apart from the comment under it.
                hovertext=[f"{whole}<br><br>{hover_snippet(t)}" for t in group[Col.TEXT]],
                hovertemplate="%{hovertext}<br>sentiment %{y:.2f}<extra></extra>",
                marker={"size": 5, "opacity": 0.6, "color": grey}, line={"color": grey},
                showlegend=False))
        else:
            # Large groups send five numbers, not every score: the same box, drawn at once.
            fig.add_trace(go.Box(name=name, x=[name], showlegend=False, hovertext=[whole],
                                 marker={"color": grey}, line={"color": grey},
                                 **_box_stats(group[Col.SENTIMENT])))
    fig.update_yaxes(title="sentiment (VADER compound)", range=[-1.05, 1.05])
    # Upright or on end, never slanted: slanted names of neighbouring boxes overlap.
    fig.update_xaxes(autotickangles=[0, 90])
    more = comments[by].nunique() - shown[by].nunique()
    suffix = f" ({MAX_GROUPS} largest of {MAX_GROUPS + more})" if more > 0 else ""
    return _layout(fig, (title or f"Sentiment by {by.replace('_', ' ')}") + suffix)


def _sentiment_points(comments: pd.DataFrame, x: str, colour_by: str,
                      labels: dict[str, str] | None) -> go.Figure:
    fig = go.Figure()
    labels = labels or {}
    points = display_sample(comments)
    trace = _scatter(len(points))
    if points[colour_by].nunique() > MAX_COLOURED_ARTICLES:
        groups = [("comments" + (f" (a sample of {len(points):,} of {len(comments):,})"
                                 if len(points) < len(comments) else ""), points)]
    else:
        groups = [(key, group) for key, group in
                  points.groupby(points[colour_by].astype(str), sort=True)]
    for number, (key, group) in enumerate(groups):
        fig.add_trace(trace(
            x=group[x], y=group[Col.SENTIMENT], mode="markers", name=esc(labels.get(key, key)),
            legendgroup=esc(key), customdata=group[[Col.COMMENT_ID]].astype(str).to_numpy(),
            hovertext=[hover_snippet(t) for t in group[Col.TEXT]],
            hovertemplate="%{hovertext}<br>sentiment %{y:.2f}<extra></extra>",
            marker={"size": 7, "opacity": 0.75,
                    "color": ARTICLE_COLOURS[number % len(ARTICLE_COLOURS)]}))
    fig.add_hline(y=0, line={"color": "#999", "width": 1, "dash": "dot"})
    fig.update_yaxes(title="sentiment (VADER compound)", range=[-1.05, 1.05])
    return fig


def sentiment_along_order(comments: pd.DataFrame,
                          labels: dict[str, str] | None = None) -> go.Figure:
    """Sentiment of each comment against its place on the page (Col.POSITION), one colour per
    article, with a rolling mean per article; with many articles, one rolling mean of the mean
    sentiment at each position across all of them."""
    fig = _sentiment_points(comments, Col.POSITION, Col.ARTICLE_ID, labels)
    if comments[Col.ARTICLE_ID].nunique() > MAX_COLOURED_ARTICLES:
        per_position = comments.groupby(Col.POSITION)[Col.SENTIMENT].mean()
        lines = [("all articles", per_position.index, per_position, "black")]
    else:
        # Each article's line takes its points' colour and legend entry: hiding the article
        # in the legend hides both.
        colour_of = {trace.legendgroup: trace.marker.color for trace in fig.data}
        lines = []
        for key, group in comments.groupby(comments[Col.ARTICLE_ID].astype(str), sort=True):
            ordered = group.sort_values(Col.POSITION)
            lines.append((key, ordered[Col.POSITION], ordered[Col.SENTIMENT],
                          colour_of.get(esc(key), "black")))
    windows = set()
    for key, x, y, colour in lines:
        window = max(3, min(25, len(y) // 8))
        windows.add(window)
        fig.add_trace(go.Scatter(
            x=x, y=pd.Series(y).rolling(window, min_periods=1).mean(), mode="lines",
            name=f"rolling mean ({window})", line={"width": 2.5, "color": colour},
            hoverinfo="skip", legendgroup=esc(key), showlegend=key == "all articles"))
    fig.update_xaxes(title="position on the page (0 = first comment)")
    span = "-".join(str(w) for w in sorted({min(windows), max(windows)})) if windows else ""
    title = f"Sentiment along the page (lines: rolling mean over {span} comments)"
    return _layout(fig, title, **_legend_below(fig))


def sentiment_along_depth(comments: pd.DataFrame,
                          labels: dict[str, str] | None = None) -> go.Figure:
    """Sentiment of each comment against its reply depth, and the mean per depth."""
    fig = _sentiment_points(comments, Col.DEPTH, Col.ARTICLE_ID, labels)
    means = comments.groupby(Col.DEPTH)[Col.SENTIMENT].mean().reset_index()
    # No hover, as the rolling means along the page: a hoverable mean marker sits on every
    # depth's points and takes their clicks (on a chain, one comment per depth, every click),
    # so no comment could be opened from this chart.
    fig.add_trace(go.Scatter(x=means[Col.DEPTH], y=means[Col.SENTIMENT], mode="lines+markers",
                             name="mean per depth", line={"color": "black", "width": 2},
                             hoverinfo="skip"))
    fig.update_xaxes(title="reply depth (0 = top-level comment)",
                     **count_axis(comments[Col.DEPTH].max()))
    return _layout(fig, "Sentiment along reply depth", **_legend_below(fig))


def level_bars(counts: pd.DataFrame, by: str, labels: dict[str, str] | None = None,
               title: str | None = None) -> go.Figure:
    """Stacked shares of civil / uncivil / hostile comments per group, from
    :func:`analysis.views.level_counts` (columns ``by``, level, share, count_text)."""
    names = axis_names(counts[by].unique(), labels or {})
    fig = go.Figure()
    for level in LEVEL_NAMES.values():
        part = counts[counts["level"] == level]
        fig.add_trace(go.Bar(
            y=[names[str(k)] for k in part[by]],
            x=part["share"], orientation="h",
            name=level, marker_color=LEVEL_COLOURS[level], customdata=part[["count_text"]],
            hovertemplate="%{y}<br>" + level + ": %{customdata[0]} (%{x:.0%})"
                          "<extra></extra>"))
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="share of comments", **share_axis())
    fig.update_yaxes(autorange="reversed")
    groups = counts[by].nunique()
    return _layout(fig, title or f"Hostility levels by {by.replace('_', ' ')}",
                   height=max(240, 110 + 28 * groups), top_legend=True)


def marker_bars(counts: pd.DataFrame, by: str | None = None,
                labels: dict[str, str] | None = None) -> go.Figure:
    """Comments per hostility marker (from :func:`analysis.views.marker_counts`), one colour per
    group of ``by`` when given."""
    labels = labels or {}
    fig = go.Figure()
    if by:
        for key, part in counts.groupby(counts[by].astype(str), sort=True):
            name = labels.get(key, key)
            fig.add_trace(go.Bar(x=[esc(marker_label(m)) for m in part["marker"]], y=part["count"],
                                 name=esc(name), marker_color=LEVEL_COLOURS.get(name)))
        fig.update_layout(barmode="stack")
        fig.update_xaxes(categoryorder="total descending")
        largest = counts.groupby("marker")["count"].sum().max() if len(counts) else 0
    else:
        fig.add_trace(go.Bar(x=[esc(marker_label(m)) for m in counts["marker"]], y=counts["count"],
                             marker_color="#c8372d"))
        largest = counts["count"].max() if len(counts) else 0
    fig.update_yaxes(title="comments", **count_axis(largest))
    return _layout(fig, "Hostility markers (comments each fired in)", top_legend=bool(by))


def escalation_lines(chain_rows: pd.DataFrame) -> go.Figure:
    """Col.HOSTILITY along each reply chain (from :func:`analysis.views.chains`): x is the step
    from the chain's first comment, one line per chain."""
    fig = go.Figure()
    for number, part in chain_rows.groupby("chain", sort=True):
        opening = opening_words(part.sort_values("step")[Col.TEXT].iloc[0], 28)
        fig.add_trace(go.Scatter(
            x=part["step"], y=part[Col.HOSTILITY], mode="lines+markers",
            name=f"{number}: {esc(opening)}",
            customdata=part[[Col.COMMENT_ID]].astype(str).to_numpy(),
            hovertext=[hover_snippet(t, 160) for t in part[Col.TEXT]],
            hovertemplate="step %{x}, hostility %{y:.2f}<br>%{hovertext}<extra></extra>",
            marker={"size": 6}, line={"width": 1.5},
            # Ten overlapping lines read as a tangle: the rest wait in the legend.
            visible=True if len(fig.data) < SHOWN_CHAINS else "legendonly"))
    fig.update_xaxes(title="replies from the chain's first comment",
                     **count_axis(chain_rows["step"].max() if len(chain_rows) else 0))
    fig.update_yaxes(title="hostility score (0-1)", range=[-0.03, 1.03])
    hidden = max(0, len(fig.data) - SHOWN_CHAINS)
    more = f"; {hidden} more in the legend" if hidden else ""
    return _layout(fig, f"Hostility along reply chains (longest chains{more})")


def topic_sizes(summary: pd.DataFrame) -> go.Figure:
    """Comments per topic (from :func:`analysis.topics.summarise_topics`), coloured by mean
    sentiment; the comments without a topic (NO_TOPIC) in a grey bar of their own, last."""
    none = summary[TopicCol.TOPIC_ID].astype(int) == NO_TOPIC
    fig = go.Figure()
    for part, grey in ((summary[~none], False), (summary[none], True)):
        if part.empty:
            continue
        colour = {"color": NO_TOPIC_COLOUR} if grey else {
            "color": part[TopicCol.MEAN_SENTIMENT], "colorscale": SENTIMENT_SCALE,
            "cmin": -1, "cmax": 1,
            # Thin, its title beside it and three ticks: the default bar and its two-line title
            # took 95 px of a phone's 358 px figure from the bars.
            "colorbar": {"title": {"text": "mean sentiment", "side": "right"}, "thickness": 12,
                         "xpad": 4, "tickvals": [-1, 0, 1]}}
        names = [topic_name(t, label) for t, label in
                 zip(part[TopicCol.TOPIC_ID], part[TopicCol.TOPIC_LABEL], strict=True)]
        fig.add_trace(go.Bar(
            y=[esc(short_label(name, _TOPIC_AXIS_CHARS)) for name in names],
            hovertext=[esc(name) for name in names],
            x=part[TopicCol.COMMENTS], orientation="h", showlegend=False,
            # Neutral topics are near-white on this scale: the outline keeps them visible.
            marker={**colour, "line": {"color": "#555", "width": 1}},
            customdata=np.column_stack([
                part[TopicCol.MEAN_SENTIMENT].to_numpy(dtype=object),
                part[TopicCol.UNCIVIL_SHARE].to_numpy(dtype=object),
                np.array(counted_each(part[TopicCol.COMMENTS], "comment"), dtype=object)]),
            hovertemplate="%{hovertext}<br>%{customdata[2]}<br>mean sentiment "
                          "%{customdata[0]:.2f}"
                          "<br>uncivil or hostile %{customdata[1]:.0%}<extra></extra>"))
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="comments", **count_axis(summary[TopicCol.COMMENTS].max()))
    return _layout(fig, "Topic sizes", height=max(240, 60 + 30 * len(summary)))


TOPIC_MAP_LABELS = 10
"""Topics named on the map at most, largest first; every topic is named in its hover and in
the topic table."""
# The map's plot area in a half-width column of a wide page (px), and its labels' font: estimates
# that decide where a label fits, not a layout plotly keeps (the browser test measures it).
_MAP_PLOT_PX = (320.0, 300.0)
# The plot's width on a 390 px phone (a 358 px figure): a label must end inside it there too,
# as the colour bar stands 3 px right of the plot. Checked at 320 px alone, labels near the
# right edge ran up to 13 px into the colour bar on a phone.
_MAP_PHONE_PLOT_PX = 185.0
_MAP_SPILL_PX = 10.0  # a label may reach this far past the plot's left edge, over the y ticks
_LABEL_FONT_PX = 11.0
_LABEL_CHAR_PX = 6.2
_LABEL_GAP_PX = 2.0  # kept clear around a label
_MAP_LABEL_TERMS = 2  # terms of a topic's label on the map; the hover has it whole
_MAP_LABEL_CHARS = 30  # where two topics share their first terms, the opening words instead
# Where a label may stand, tried in this order around its marker.
_LABEL_SPOTS = ("top center", "bottom center", "top right", "top left", "bottom right",
                "bottom left", "middle right", "middle left")


def map_labels(labels: pd.Series) -> list[str]:
    """A topic's label as the map shows it: its first two terms ("tax / budget"), or where two
    topics share those, its opening words (the hover and the table have every label whole)."""
    labels = labels.astype(str)
    firsts = [" / ".join(label.split(" / ")[:_MAP_LABEL_TERMS]) for label in labels]
    taken = Counter(firsts)
    return [first if taken[first] == 1 else opening_words(label, _MAP_LABEL_CHARS)
            for first, label in zip(firsts, labels, strict=True)]


def place_labels(x: np.ndarray, y: np.ndarray, radius: np.ndarray, widths: np.ndarray,
                 limit: int = TOPIC_MAP_LABELS) -> list[str | None]:
    """Where each point's label goes (a plotly textposition), or None for a point left to its
    hover. ``x`` and ``y`` are positions as shares of the plot's width and height (NaN: not
    drawn), ``radius`` the markers' radii and ``widths`` the labels' widths (px). The largest
    marker is served first, so a small topic gives way to a large one. A label goes to the
    first spot around its marker where it overlaps no label already placed and no marker and
    stays inside the plot (at its width on a phone too); at most ``limit`` labels."""
    width, height = _MAP_PLOT_PX
    cx, cy = np.asarray(x, float) * width, np.asarray(y, float) * height
    drawn = ~(np.isnan(cx) | np.isnan(cy))
    markers = [(cx[i] - radius[i], cy[i] - radius[i], cx[i] + radius[i], cy[i] + radius[i])
               for i in np.flatnonzero(drawn)]
    placed: list[tuple[float, float, float, float]] = []
    spots: list[str | None] = [None] * len(cx)

    def box(i: int, spot: str, scale: float = 1.0) -> tuple[float, float, float, float]:
        # As plotly.js places a point's text (Drawing.textPointPosition): 1.25 radii + 1 px
        # from the marker's centre, one line of the font high. ``scale``: the plot's width as
        # a share of _MAP_PLOT_PX's (markers and labels keep their size).
        offset, font, w, x = radius[i] / 0.8 + 1, _LABEL_FONT_PX, widths[i], cx[i] * scale
        vertical, horizontal = spot.split()
        low = {"top": cy[i] + offset, "bottom": cy[i] - offset - font,
               "middle": cy[i] - font / 2}[vertical] - _LABEL_GAP_PX
        left = {"right": x + offset, "left": x - offset - w,
                "center": x - w / 2}[horizontal] - _LABEL_GAP_PX
        return left, low, left + w + 2 * _LABEL_GAP_PX, low + font + 2 * _LABEL_GAP_PX

    def free(i: int, spot: str) -> bool:
        b, phone = box(i, spot), box(i, spot, _MAP_PHONE_PLOT_PX / width)
        inside = (b[0] >= -_MAP_SPILL_PX and b[1] >= 0
                  and b[2] <= width and phone[2] <= _MAP_PHONE_PLOT_PX and b[3] <= height)
        return inside and not any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3]
                                  for o in (*placed, *markers))

    for i in sorted(np.flatnonzero(drawn), key=lambda i: -radius[i]):  # largest first
        if len(placed) >= limit:
            break
        for spot in _LABEL_SPOTS:
            if free(i, spot):
                spots[i] = spot
                placed.append(box(i, spot))
                break
    return spots


def topic_map(summary: pd.DataFrame) -> go.Figure:
    """Each topic placed by its closeness to its article (x) and mean sentiment (y); size is the
    number of comments, colour the share of uncivil or hostile comments. Comments without a
    topic (NO_TOPIC) are no topic: not on the map, and the subtitle says how many."""
    none = summary[TopicCol.TOPIC_ID].astype(int) == NO_TOPIC
    without = int(summary.loc[none, TopicCol.COMMENTS].sum())
    note = f"Not on the map: {counted(without, 'comment')}, {NO_TOPIC_LABEL}" if without else ""
    summary = summary[~none]
    closeness = summary[TopicCol.ARTICLE_SIMILARITY].astype(float)
    if closeness.isna().all():
        fig = empty_figure("No article text in these sources, so closeness to the article "
                           "cannot be measured." if len(summary) else
                           "No comment here has a topic: too few words.")
        fig.update_layout(title={"text": "Topics: closeness to the article"})
        return _subtitle(fig, note) if note else fig
    sizes = summary[TopicCol.COMMENTS].astype(float)
    scale = 40.0 / max(sizes.max() ** 0.5, 1.0)
    names = [esc(topic_name(t, label)) for t, label in
             zip(summary[TopicCol.TOPIC_ID], summary[TopicCol.TOPIC_LABEL], strict=True)]
    diameter = (sizes ** 0.5 * scale).clip(lower=8).to_numpy()
    low, high = float(closeness.min()), float(closeness.max())
    pad = max((high - low) * 0.25, 0.02)
    short = map_labels(summary[TopicCol.TOPIC_LABEL])
    spots = place_labels(
        ((closeness - (low - pad)) / (high - low + 2 * pad)).to_numpy(),
        ((summary[TopicCol.MEAN_SENTIMENT].astype(float) + 1.05) / 2.1).to_numpy(),
        diameter / 2, np.array([len(label) * _LABEL_CHAR_PX for label in short]))
    fig = go.Figure(go.Scatter(
        x=summary[TopicCol.ARTICLE_SIMILARITY], y=summary[TopicCol.MEAN_SENTIMENT],
        mode="markers+text", text=[esc(label) if spot else "" for label, spot in
                                   zip(short, spots, strict=True)],
        textposition=[spot or "top center" for spot in spots],
        textfont={"size": _LABEL_FONT_PX},
        cliponaxis=False, hovertext=names,
        marker={"size": diameter, "color": summary[
            TopicCol.UNCIVIL_SHARE], "colorscale": "OrRd", "cmin": 0, "cmax": 1,
            "colorbar": share_colorbar("uncivil or<br>hostile share"),
            "line": {"color": "#555", "width": 1}},
        customdata=np.column_stack([
            np.array(counted_each(summary[TopicCol.COMMENTS], "comment"), dtype=object),
            summary[TopicCol.UNCIVIL_SHARE].to_numpy(dtype=object)]),
        hovertemplate="%{hovertext}<br>%{customdata[0]}<br>closeness to article "
                      "%{x:.2f}<br>mean sentiment %{y:.2f}<br>uncivil or hostile "
                      "%{customdata[1]:.0%}<extra></extra>"))
    fig.update_xaxes(range=[low - pad, high + pad])
    fig.update_xaxes(title="closeness to its article (mean cosine, 0-1)")
    fig.update_yaxes(title="mean sentiment", range=[-1.05, 1.05])
    fig = _layout(fig, "Topics: closeness to the article, sentiment and hostility")
    if note:
        fig = _subtitle(fig, note)
    return fig


GUESS_OUTLINE = "#3b6ea8"
"""The border of a reply-tree box whose link is a guess: blue, apart from the hostility scale."""


def reply_tree(nodes: pd.DataFrame, max_depth: int = 8) -> go.Figure:
    """Icicle of the reply tree(s) from :func:`analysis.views.tree_nodes` (columns id, parent,
    guess, and the comment's columns); colour is the hostility score, hover shows the comment.
    A box whose link is a guess (views.GUESS_BELOW) has a thick GUESS_OUTLINE border and its
    label starts with "guess". Several roots (replies whose parent is filtered out) hang under
    one unlabelled root box."""
    roots = int((nodes["parent"] == "").sum())
    if roots > 1:
        top = pd.DataFrame({"id": [ROOT_ID], "parent": [""], Col.POSITION: [""],
                            Col.AUTHOR: [f"{roots:,} branches the filters keep"],
                            Col.TEXT: [""], Col.HOSTILITY: [0.0], "guess": [False],
                            Col.REPLY_CONFIDENCE: [float("nan")], Col.SENTIMENT: [float("nan")]})
        nodes = pd.concat([top, nodes.assign(parent=nodes["parent"].replace("", ROOT_ID))],
                          ignore_index=True)
    guess = (nodes["guess"].astype("boolean").fillna(False).to_numpy(dtype=bool)
             if "guess" in nodes else np.zeros(len(nodes), dtype=bool))
    # Without an author (scraped pages), a box is named by the comment's opening words.
    labels = [("guess · " if g else "") + (f"#{p} · " if p != "" else "")
              + (esc(a) if isinstance(a, str) and a
                 else esc(opening_words(t, _LABEL_CHARS)) or "(empty)")
              for g, p, a, t in zip(guess, nodes[Col.POSITION], nodes[Col.AUTHOR].astype(object),
                                    nodes[Col.TEXT].astype(object), strict=True)]
    link = [f"link confidence {c:.2f}" + (f" (a guess: below {GUESS_BELOW:g})" if g else "")
            if c == c else "" for c, g in zip(
                pd.to_numeric(nodes[Col.REPLY_CONFIDENCE], errors="coerce").tolist(), guess,
                strict=True)]
    fig = go.Figure(go.Icicle(
        ids=nodes["id"].map(esc), parents=nodes["parent"].map(esc), labels=labels,
        branchvalues="remainder", maxdepth=max_depth, tiling={"orientation": "v"},
        pathbar={"visible": False},
        marker={"colors": nodes[Col.HOSTILITY], "colorscale": "OrRd", "cmin": 0, "cmax": 1,
                "colorbar": {"title": {"text": "hostility"}},
                # An outline, not a hatch: plotly.js paints patterned icicle boxes black
                # when their colours come from a colour scale.
                "line": {"color": [GUESS_OUTLINE if g else "white" for g in guess],
                         "width": [4 if g else 1 for g in guess]}},
        customdata=np.column_stack([np.array(link, dtype=object),
                                    nodes[Col.SENTIMENT].to_numpy(dtype=object)]),
        hovertext=[hover_snippet(t, 200) for t in nodes[Col.TEXT]],
        hovertemplate="%{label}<br>%{hovertext}<br>%{customdata[0]}"
                      "<br>sentiment %{customdata[1]:.2f}<extra></extra>"))
    return _layout(fig, "Reply tree (click a box to zoom in; outlined in blue: a guessed link)",
                   height=560)


def thread_sizes(threads: pd.DataFrame) -> go.Figure:
    """Threads placed by size (x) and depth (y), coloured by uncivil share (from
    :func:`analysis.threads.thread_metrics`). Threads of the same size and depth share one
    marker, larger with their number, so none hides behind another."""
    spots = (threads.groupby([ThreadCol.SIZE, ThreadCol.DEPTH], sort=True)
             .agg(threads=(ThreadCol.THREAD_ID, "size"),
                  first=(ThreadViewCol.NAME if ThreadViewCol.NAME in threads
                         else ThreadCol.THREAD_ID, "first"),
                  uncivil=(ThreadCol.UNCIVIL_SHARE, "mean"))
             .reset_index())
    label = [esc(first) if n == 1 else f"{n:,} threads" for first, n in
             zip(spots["first"].astype(str), spots["threads"], strict=True)]
    fig = go.Figure(go.Scatter(
        x=spots[ThreadCol.SIZE], y=spots[ThreadCol.DEPTH], mode="markers",
        customdata=np.column_stack([
            np.array(label, dtype=object),
            np.array(counted_each(spots[ThreadCol.SIZE], "comment"), dtype=object)]),
        marker={"size": 9 + 4 * np.sqrt(spots["threads"] - 1), "color": spots["uncivil"],
                "colorscale": "OrRd", "cmin": 0, "cmax": 1,
                "colorbar": share_colorbar("uncivil or<br>hostile"),
                "line": {"color": "#555", "width": 1}},
        hovertemplate="%{customdata[0]}<br>%{customdata[1]}, depth %{y}<extra></extra>"))
    largest = int(spots[ThreadCol.SIZE].max()) if len(spots) else 1
    ticks = [v for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000,
                         20_000, 50_000, 100_000) if v <= largest * 2]
    fig.update_xaxes(title="comments in the thread", type="log", tickvals=ticks)
    fig.update_yaxes(title="deepest reply",
                     **count_axis(spots[ThreadCol.DEPTH].max() if len(spots) else 0))
    return _layout(fig, "Threads by size and depth (larger markers: several threads)")


def reply_network(layout: NetworkLayout) -> go.Figure:
    """The reply network of :func:`analysis.people.network_layout`: nodes sized by comments
    and coloured by their uncivil share, edges coloured by the hostility of their replies
    (civil / some uncivil / some hostile). A node's customdata is the participant's name, for
    a click; every label shown is escaped."""
    fig = go.Figure()
    for level in EDGE_LEVELS:
        part = layout.edges[layout.edges["level"] == level]
        if part.empty:
            continue
        xs, ys = [], []
        for x0, y0, x1, y1 in part[["x0", "y0", "x1", "y1"]].itertuples(index=False):
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip", name=f"{level} replies",
            line={"color": LEVEL_COLOURS[level], "width": 1.2 if level == "civil" else 2.2},
            opacity=0.55 if level == "civil" else 0.9))
    nodes = layout.nodes
    if not nodes.empty:
        comments = nodes[PeopleCol.COMMENTS].astype(float)
        size = 6 + 22 * np.sqrt(comments / max(comments.max(), 1.0))
        labelled = set(nodes[PeopleCol.AUTHOR].head(NETWORK_LABELS))
        fig.add_trace(go.Scatter(
            x=nodes["x"], y=nodes["y"], mode="markers+text", name="participants",
            text=[esc(n) if n in labelled else "" for n in nodes[PeopleCol.AUTHOR]],
            textposition="top center", textfont={"size": 10},
            customdata=nodes[[PeopleCol.AUTHOR]].astype(str).to_numpy(),
            hovertext=[
                f"{esc(n)}<br>{counted(c, 'comment')} · {counted(g, 'reply', 'replies')} given"
                f" · {r:,} received<br>uncivil {u:.0%}" if u == u
                else f"{esc(n)}<br>{counted(c, 'comment')}"
                for n, c, g, r, u in nodes[[
                    PeopleCol.AUTHOR, PeopleCol.COMMENTS, PeopleCol.REPLIES_GIVEN,
                    PeopleCol.REPLIES_RECEIVED, PeopleCol.UNCIVIL_SHARE]].itertuples(
                    index=False)],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={"size": size, "color": nodes[PeopleCol.UNCIVIL_SHARE].fillna(0),
                    "colorscale": "OrRd", "cmin": 0, "cmax": 1,
                    "colorbar": share_colorbar("uncivil<br>share", x=1.02),
                    "line": {"color": "#555", "width": 1}}))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x")
    shown = len(nodes)
    title = ("Who replies to whom" if shown == layout.participants else
             f"Who replies to whom: the {shown:,} most active of {layout.participants:,} "
             "participants")
    return _layout(fig, title, height=620, top_legend=True, dragmode="pan")


def _time_axis(activity: pd.DataFrame) -> list:
    return activity[ActivityCol.BIN_START].dt.tz_convert(None).tolist()


def activity_over_time(activity: pd.DataFrame, title: str = "Comments over time") -> go.Figure:
    """Comments per time bin of one article (rows of :func:`analysis.timeline.activity`),
    stacked by hostility level."""
    uncivil = activity[ActivityCol.UNCIVIL] - activity[ActivityCol.HOSTILE]
    civil = activity[ActivityCol.COMMENTS] - activity[ActivityCol.UNCIVIL]
    x = _time_axis(activity)
    fig = go.Figure()
    for level, counts in (("civil", civil), ("uncivil", uncivil),
                          ("hostile", activity[ActivityCol.HOSTILE])):
        fig.add_trace(go.Bar(x=x, y=counts, name=level, marker_color=LEVEL_COLOURS[level],
                             hovertemplate="%{x}<br>" + level + ": %{y:,}<extra></extra>"))
    fig.update_layout(barmode="stack", bargap=0.05)
    bin_name = activity[ActivityCol.BIN].iloc[0] if len(activity) else ""
    fig.update_yaxes(title=f"comments per {bin_name}",
                     **count_axis(activity[ActivityCol.COMMENTS].max() if len(activity) else 0))
    fig.update_xaxes(title="time (UTC)")
    return _layout(fig, f"{title} (per {bin_name})", top_legend=True)


SENTIMENT_AXIS = (-1.05, 1.05)
# A share s sits where the sentiment 2s - 1 does.
SHARE_AXIS = tuple((end + 1) / 2 for end in SENTIMENT_AXIS)


def tone_over_time(activity: pd.DataFrame) -> go.Figure:
    """Mean sentiment (left axis) and uncivil / hostile shares (right axis) per time bin of one
    article."""
    x = _time_axis(activity)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(go.Scatter(x=x, y=activity[ActivityCol.MEAN_SENTIMENT], name="mean sentiment",
                             mode="lines+markers", line={"color": "#2c7bb6"}, connectgaps=False,
                             hovertemplate="%{x}<br>sentiment %{y:+.2f}<extra></extra>"),
                  secondary_y=False)
    for column, level in ((ActivityCol.UNCIVIL_SHARE, "uncivil"),
                          (ActivityCol.HOSTILE_SHARE, "hostile")):
        fig.add_trace(go.Scatter(x=x, y=activity[column], name=f"{level} share",
                                 mode="lines+markers", line={"color": LEVEL_COLOURS[level]},
                                 hovertemplate="%{x}<br>" + level + " %{y:.0%}<extra></extra>"),
                      secondary_y=True)
    fig.update_yaxes(title_text="mean sentiment", range=list(SENTIMENT_AXIS),
                     tickvals=[-1, -0.5, 0, 0.5, 1], secondary_y=False)
    # The share axis spans what the sentiment axis spans, scaled, so 0%, 25%, ... 100% sit on
    # its gridlines at -1, -0.5, ... 1 instead of odd ticks (2%, 27%, ...) synced to them.
    fig.update_yaxes(title_text="share of the bin's comments", **share_axis(SHARE_AXIS),
                     showgrid=False, secondary_y=True)
    fig.update_xaxes(title_text="time (UTC)")
    bin_name = activity[ActivityCol.BIN].iloc[0] if len(activity) else ""
    return _layout(fig, f"Sentiment and hostility over time (per {bin_name})",
                   top_legend=True)


DURATION_TICKS = [(1, "1 s"), (10, "10 s"), (60, "1 min"), (600, "10 min"), (3_600, "1 h"),
                  (6 * 3_600, "6 h"), (86_400, "1 day"), (7 * 86_400, "1 week"),
                  (30 * 86_400, "30 days"), (365 * 86_400, "1 year")]
"""Ticks of a log axis of durations, in seconds: the steps a reader counts time in."""


def duration_axis(seconds: pd.Series) -> dict:
    """A log axis of durations in seconds (values below 1 s drawn at 1 s) ticked at
    DURATION_TICKS ("1 min", "1 h", "1 day") instead of plotly's powers of ten: the ticks from
    the one at or below the smallest value to the one at or above the largest."""
    values = pd.to_numeric(seconds, errors="coerce").dropna()
    low, high = (max(float(values.min()), 1.0), max(float(values.max()), 1.0)) if len(values) \
        else (60.0, 3_600.0)
    at_or_below = [i for i, (tick, _) in enumerate(DURATION_TICKS) if tick <= low]
    at_or_above = [i for i, (tick, _) in enumerate(DURATION_TICKS) if tick >= high]
    first = at_or_below[-1] if at_or_below else 0
    last = at_or_above[0] if at_or_above else len(DURATION_TICKS) - 1
    if last == first:
        last = min(first + 1, len(DURATION_TICKS) - 1)
        first = last - 1
    ticks = DURATION_TICKS[first:last + 1]
    bottom, top = np.log10(ticks[0][0]), np.log10(max(ticks[-1][0], high))
    margin = (top - bottom) * 0.04  # a bar as long as the lowest tick still shows
    return {"type": "log", "tickvals": [tick for tick, _ in ticks],
            "ticktext": [text for _, text in ticks],
            "range": [float(bottom - margin), float(top + margin)]}


def reply_latency(summary: pd.DataFrame) -> go.Figure:
    """Median time to a reply (bars, with the middle half as a whisker) from
    :func:`analysis.timeline.latency_summary`: first the time to first reply, then replies by
    depth, on a log axis ticked in plain durations (DURATION_TICKS)."""
    names = ["first reply" if kind == "first reply" else f"depth {int(depth)}"
             for kind, depth in summary[[LatencySummaryCol.KIND, LatencySummaryCol.DEPTH]]
             .itertuples(index=False)]
    median = summary[LatencySummaryCol.MEDIAN_SECONDS].astype(float)
    q1 = summary[LatencySummaryCol.QUARTILE1_SECONDS].astype(float)
    q3 = summary[LatencySummaryCol.QUARTILE3_SECONDS].astype(float)
    shown = median.clip(lower=1.0)
    words = np.array([[duration_words(m) or "–", duration_words(a) or "–",
                       duration_words(b) or "–", replies]
                      for m, a, b, replies in zip(
                          median, q1, q3, counted_each(summary[LatencySummaryCol.REPLIES],
                                                       "reply", "replies"), strict=True)],
                     dtype=object).reshape(-1, 4)
    fig = go.Figure(go.Bar(
        x=names, y=shown, marker_color=["#555"] + ["#9bbcd6"] * (len(names) - 1),
        error_y={"type": "data", "symmetric": False, "array": (q3 - median).clip(lower=0),
                 "arrayminus": (shown - q1.clip(lower=1.0)).clip(lower=0)},
        customdata=words,
        hovertemplate="%{x}: median %{customdata[0]} (%{customdata[3]})"
                      "<br>middle half %{customdata[1]} to %{customdata[2]}<extra></extra>"))
    fig.update_yaxes(title="time to the reply (median; whisker: middle half)",
                     **duration_axis(pd.concat([shown, q1, q3])))
    return _layout(fig, "How fast replies come: time to first reply, and by reply depth")
