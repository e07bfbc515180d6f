import streamlit as st

from analysis.schema import Col, ThreadCol
from analysis.threads import PairCol, reply_pairs
from analysis.views import reading_order, thread_members, threads_by_size, tree_nodes
from pages import _charts as charts
from pages._common import (
    current_analysis,
    filtered_comments,
    filtered_view,
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
thread = st.selectbox("Thread to draw and read", thread_ids[:500], key="threads.thread",
                      format_func=lambda t: f"{t} ({sizes[t]} comments)")
members = filtered_view(thread_members, thread)

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
st.dataframe(metrics, hide_index=True, width="stretch", column_config={
    ThreadCol.HOSTILE_SHARE: st.column_config.ProgressColumn(
        "uncivil or hostile", format="percent", min_value=0, max_value=1),
    ThreadCol.ESCALATION: st.column_config.NumberColumn("escalation", format="%+.3f"),
    ThreadCol.MEAN_CONFIDENCE: st.column_config.NumberColumn("mean link confidence",
                                                             format="%.2f"),
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
