import streamlit as st

from analysis.schema import LatencySummaryCol, TurnCol
from analysis.timeline import (
    article_activity,
    duration_words,
    replies_stamped_before_parent,
)
from analysis.views import counted, counted_of, verb_for
from pages import _charts as charts
from pages._common import (
    Views,
    article_titles,
    comments_text,
    current_analysis,
    filtered_comments,
    show,
    show_table,
    stop_if_empty,
    thread_titles,
    view_chart,
)

st.title("Timeline")
result = current_analysis()
comments = filtered_comments(result)
stop_if_empty(comments)

dated = show(Views.DATED)
if dated.empty:
    st.info("These comments carry no timestamps (a scraped page keeps none), so the page order "
            "is the only clock here. Sentiment along the page (Sentiment) and hostility along "
            "reply chains (Hostility) follow that order.", icon=":material/schedule:")
    st.stop()
if int(dated.sum()) < len(comments):
    with_time = int(dated.sum())
    st.caption(f"{with_time:,} of these {counted(len(comments), 'comment')} "
               f"{verb_for(with_time, 'has', 'have')} a time; the others are left out of this "
               "page.")

zoneless = show(Views.ZONELESS)
if zoneless:
    # The charts' axes and the tables say UTC: where the source named no zone, that is a guess.
    st.caption(f"{zoneless:,} of these times {verb_for(zoneless, 'names', 'name')} no time "
               "zone (the source shows them as local times): they are placed as if they were "
               "UTC, so their order holds but their hours may be off by the source's zone.")
titles = article_titles()
counts = dated.to_dict()
article = st.selectbox("Article", list(counts), key="timeline.article",
                       format_func=lambda a: titles.get(a, a),
                       help="Articles with the most comments that have a time first. Each "
                            "article's time bin follows its own span: minutes for an hour-long "
                            "burst, days for a month.")
st.caption(f"{comments_text(counts[article])} with a time under this article.")
st.plotly_chart(view_chart(charts.activity_over_time, article_activity, article),
                key="timeline.activity")
st.plotly_chart(view_chart(charts.tone_over_time, article_activity, article),
                key="timeline.tone")

st.subheader("How fast replies come")
summary = show(Views.LATENCY)
if summary.empty:
    st.info("No reply here has a time whose parent has one too.")
else:
    first = summary[summary[LatencySummaryCol.KIND] == "first reply"]
    early = replies_stamped_before_parent(summary)
    if early:
        st.caption(f"{counted(early, 'reply', 'replies')} {verb_for(early, 'is', 'are')} "
                   "stamped before "
                   "the comment answered (clocks that disagree, or a time edited later): "
                   "left out of these figures.")
    if len(first) and first[LatencySummaryCol.REPLIES].iloc[0] > 0:
        median = float(first[LatencySummaryCol.MEDIAN_SECONDS].iloc[0])
        st.caption(f"Half of the answered comments got their first reply within "
                   f"{duration_words(median)}. Across all "
                   "articles the filters keep; a reply's parent may lie outside them.")
    st.plotly_chart(view_chart(charts.reply_latency, Views.LATENCY),
                    key="timeline.latency")

st.subheader("When each thread got its first uncivil and hostile comment")
turns = show(Views.THREAD_TURNS)
if turns.empty:
    st.info("No thread here has a comment with a time.")
else:
    turned = int(turns[TurnCol.FIRST_UNCIVIL_AT].notna().sum())
    # Not "turned uncivil": the Hostility page counts the threads that turn (an uncivil comment
    # answering a civil one, ThreadCol.TURNS_UNCIVIL); this counts any uncivil comment.
    st.caption(f"{counted_of(turned, len(turns), 'thread')} {verb_for(turned, 'has', 'have')} "
               "an uncivil or hostile comment (level 1 or 2), soonest first; times count from "
               "the thread's first comment, over the whole thread.")
    names = thread_titles()
    show_table(
        turns.assign(thread=turns[TurnCol.THREAD_ID].map(lambda t: names.get(t, t)),
                     article=turns[TurnCol.ARTICLE_ID].map(lambda a: titles.get(a, a))),
        hide_index=True, width="stretch", column_order=[
            "thread", TurnCol.STARTED_AT, TurnCol.COMMENTS, TurnCol.TIME_TO_UNCIVIL,
            TurnCol.TIME_TO_HOSTILE, TurnCol.COMMENTS_BEFORE_UNCIVIL, TurnCol.FIRST_UNCIVIL_AT,
            TurnCol.FIRST_HOSTILE_AT, "article"],
        column_config={
            "thread": st.column_config.TextColumn("thread (opening words)", width="medium"),
            TurnCol.STARTED_AT: st.column_config.DatetimeColumn("started (UTC)"),
            TurnCol.TIME_TO_UNCIVIL: st.column_config.TextColumn(
                "first uncivil after", help="From the first comment to the first uncivil or "
                                            "hostile one."),
            TurnCol.TIME_TO_HOSTILE: st.column_config.TextColumn("first hostile after"),
            TurnCol.COMMENTS_BEFORE_UNCIVIL: st.column_config.NumberColumn(
                "civil comments first"),
            TurnCol.FIRST_UNCIVIL_AT: st.column_config.DatetimeColumn("first uncivil (UTC)"),
            TurnCol.FIRST_HOSTILE_AT: st.column_config.DatetimeColumn("first hostile (UTC)"),
        })
