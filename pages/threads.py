import streamlit as st

from analysis.schema import Col, ThreadCol
from analysis.threads import PairCol, reply_pairs
from analysis.views import OPENING, reading_order, thread_members, threads_by_size, tree_nodes
from pages import _charts as charts
from pages._common import (
    current_analysis,
    filtered_comments,
    filtered_view,
    inferred_links_note,
    stop_if_empty,
    view_chart,
)

st.title("Threads")
result = current_analysis()
comments = filtered_comments(result)
stop_if_empty(comments)
metrics = filtered_view(threads_by_size)

thread_ids = metrics[ThreadCol.THREAD_ID].astype(str).tolist()
sizes = dict(zip(thread_ids, metrics[ThreadCol.SIZE], strict=True))
openings = dict(zip(thread_ids, metrics[OPENING], strict=True))
thread = st.selectbox("Thread to draw and read", thread_ids[:500], key="threads.thread",
                      format_func=lambda t: f"{openings[t]} ({sizes[t]:,} comments)",
                      help="Threads largest first, named by their first comment's opening "
                           "words; the 500 largest are listed.")
members = filtered_view(thread_members, thread)
inferred = members[Col.INFERRED].fillna(False).astype(bool) if Col.INFERRED in members else None
if inferred is not None and inferred.any():
    st.caption(inferred_links_note(float(inferred.mean()), float(
        members.loc[inferred.to_numpy(), Col.REPLY_CONFIDENCE].mean())))

st.plotly_chart(charts.reply_tree(tree_nodes(members)), key="threads.tree")

st.subheader("Reading view")
st.caption("Each reply is indented under the comment it answers, with the link's confidence "
           "(1 where the source gives the link) and the clues behind an inferred link.")
ordered = reading_order(members)
max_rows = st.number_input("Comments to show", min_value=10, max_value=max(10, len(ordered)),
                           value=min(40, max(10, len(ordered))), step=10,
                           key="threads.max_rows")
for _, row in ordered.head(int(max_rows)).iterrows():
    indent = min(int(row["level"]), 12)
    _, body = st.columns([max(indent, 0.001), 40 - indent]) if indent else (None, st.container())
    with body.container(border=True):
        author, parent, evidence = (
            value if isinstance(value, str) else ""
            for value in (row[Col.AUTHOR], row[Col.PARENT_ID], row[Col.REPLY_EVIDENCE]))
        link = ("top-level comment" if not parent
                else f"reply · confidence {row[Col.REPLY_CONFIDENCE]:.2f}"
                + (" (inferred)" if row[Col.INFERRED] is True else " (from the source)"))
        st.caption(f"#{row[Col.POSITION]} · depth {row[Col.DEPTH]} · {link} · hostility level "
                   f"{row[Col.HOSTILITY_LEVEL]} · sentiment {row[Col.SENTIMENT]:+.2f}")
        if author:
            st.text(f"by {author}")
        st.text(row[Col.TEXT])
        if evidence:
            st.text(f"evidence: {evidence}")

st.subheader("Thread metrics")
st.plotly_chart(view_chart(charts.thread_sizes, threads_by_size), key="threads.sizes")
st.dataframe(metrics, hide_index=True, width="stretch", column_order=[
    OPENING, ThreadCol.SIZE, ThreadCol.DEPTH, ThreadCol.WIDTH, ThreadCol.BRANCHES,
    ThreadCol.LONGEST_CHAIN, ThreadCol.HOSTILE_SHARE, ThreadCol.ESCALATES,
    ThreadCol.ESCALATION, ThreadCol.FIRST_HOSTILE_DEPTH, ThreadCol.MEAN_CONFIDENCE,
    ThreadCol.ARTICLE_ID, ThreadCol.THREAD_ID], column_config={
    OPENING: st.column_config.TextColumn("thread (opening words)", width="medium"),
    ThreadCol.SIZE: st.column_config.NumberColumn("comments"),
    ThreadCol.DEPTH: st.column_config.NumberColumn("depth", help="Deepest reply level."),
    ThreadCol.WIDTH: st.column_config.NumberColumn(
        "width", help="Most comments at one reply level."),
    ThreadCol.BRANCHES: st.column_config.NumberColumn(
        "branches", help="Comments nobody answered: the ends of the thread's chains."),
    ThreadCol.LONGEST_CHAIN: st.column_config.NumberColumn(
        "longest chain", help="Comments on the longest path from the first comment down."),
    ThreadCol.HOSTILE_SHARE: st.column_config.ProgressColumn(
        "uncivil or hostile", format="percent", min_value=0, max_value=1),
    ThreadCol.ESCALATES: st.column_config.CheckboxColumn(
        "turns hostile", help="Some uncivil or hostile comment answers, directly or further "
        "down, a civil one: the chain turned."),
    ThreadCol.ESCALATION: st.column_config.NumberColumn(
        "hostility trend", format="%+.3f", help="Mean slope of the hostility score (0-1) per "
        "reply level along the thread's chains: above 0, replies get more hostile as they go "
        "deeper; below 0, calmer. A thread can turn hostile somewhere and still calm down on "
        "average."),
    ThreadCol.FIRST_HOSTILE_DEPTH: st.column_config.NumberColumn(
        "first uncivil depth", help="Reply level of the highest uncivil or hostile comment."),
    ThreadCol.MEAN_CONFIDENCE: st.column_config.NumberColumn("mean link confidence",
                                                             format="%.2f"),
    ThreadCol.ARTICLE_ID: st.column_config.TextColumn("article"),
    ThreadCol.THREAD_ID: st.column_config.TextColumn("thread id"),
})

st.subheader("Back-and-forth exchanges")
pairs = filtered_view(reply_pairs)
if pairs.empty:
    st.info("No back-and-forth run (A, B, A, ...) of three or more replies here.")
else:
    st.dataframe(pairs.sort_values(PairCol.LENGTH, ascending=False), hide_index=True,
                 width="stretch", column_config={PairCol.HOSTILE_SHARE:
                 st.column_config.ProgressColumn("uncivil or hostile", format="percent",
                                                 min_value=0, max_value=1)})
