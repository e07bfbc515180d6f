import streamlit as st

from analysis.filters import LEVEL_NAMES
from analysis.schema import Col, ThreadCol
from analysis.threads import thread_metrics
from analysis.views import chains, highlight_text, level_counts, marker_counts, matched_words
from pages import _charts as charts
from pages._common import (
    article_titles,
    current_analysis,
    escape_markdown,
    filtered_comments,
    stop_if_empty,
)

st.title("Hostility")
result = current_analysis()
comments = filtered_comments(result)
stop_if_empty(comments)
titles = article_titles()
topics = {str(t): f"{t}: {label}" for t, label in
          zip(comments[Col.TOPIC_ID], comments[Col.TOPIC_LABEL], strict=True)}

left, right = st.columns(2)
left.plotly_chart(charts.level_bars(level_counts(comments, Col.ARTICLE_ID), Col.ARTICLE_ID,
                                    titles, "Hostility levels by article"),
                  key="hostility.by_article")
right.plotly_chart(charts.level_bars(level_counts(comments, Col.TOPIC_ID), Col.TOPIC_ID, topics,
                                     "Hostility levels by topic"), key="hostility.by_topic")

markers = marker_counts(comments, Col.HOSTILITY_LEVEL)
if markers.empty:
    st.info("No hostility marker fired in the comments the filters keep.")
else:
    level_names = {str(k): v for k, v in LEVEL_NAMES.items()}
    left, right = st.columns(2)
    left.plotly_chart(charts.marker_bars(markers, Col.HOSTILITY_LEVEL, level_names),
                      key="hostility.markers")
    threads = comments[Col.THREAD_ID].astype(str)
    biggest = threads.value_counts().index[:15]
    right.plotly_chart(charts.level_bars(
        level_counts(comments[threads.isin(biggest)], Col.THREAD_ID), Col.THREAD_ID,
        title="Hostility levels by thread (15 largest)"), key="hostility.by_thread")

st.subheader("Comments with their marker words")
st.caption("Marker words are wrapped in ⟦ ⟧. Select a row to read the whole comment.")
flagged = comments[comments[Col.HOSTILITY_MARKERS].astype(str) != ""] \
    .sort_values(Col.HOSTILITY, ascending=False)
if flagged.empty:
    st.info("No comment here has a hostility marker.")
else:
    table = flagged.assign(
        matched=[matched_words(t, s) for t, s in
                 zip(flagged[Col.TEXT], flagged[Col.HOSTILITY_SPANS], strict=True)],
        highlighted=[highlight_text(t, s) for t, s in
                     zip(flagged[Col.TEXT], flagged[Col.HOSTILITY_SPANS], strict=True)],
    )[[Col.COMMENT_ID, Col.HOSTILITY, Col.HOSTILITY_LEVEL, Col.HOSTILITY_MARKERS, "matched",
       "highlighted"]]
    event = st.dataframe(
        table, hide_index=True, width="stretch", on_select="rerun",
        selection_mode="single-row", key="hostility.table",
        column_config={
            Col.HOSTILITY: st.column_config.ProgressColumn("score", format="%.2f", min_value=0,
                                                           max_value=1),
            Col.HOSTILITY_LEVEL: st.column_config.NumberColumn("level", help="0 civil, "
                                                               "1 uncivil, 2 hostile"),
            Col.HOSTILITY_MARKERS: st.column_config.TextColumn("markers"),
            "matched": st.column_config.TextColumn("matched words", width="medium"),
            "highlighted": st.column_config.TextColumn("comment (markers in ⟦ ⟧)",
                                                       width="large"),
        })
    rows = event.selection.rows if event else []
    row = table.iloc[rows[0]] if rows else table.iloc[0]
    level = LEVEL_NAMES[int(row[Col.HOSTILITY_LEVEL])]
    st.caption(f"Comment {escape_markdown(row[Col.COMMENT_ID])} · level {level}"
               f" · score {row[Col.HOSTILITY]:.2f}")
    st.text(row["highlighted"])

st.subheader("Escalation along reply chains")
chain_rows = chains(comments, limit=10)
if chain_rows.empty:
    st.info("No reply chains among the comments the filters keep.")
else:
    st.plotly_chart(charts.escalation_lines(chain_rows), key="hostility.escalation")
metrics = thread_metrics(comments)
escalating = metrics[metrics[ThreadCol.ESCALATES].fillna(False).astype(bool)]
st.caption(f"{len(escalating)} of {len(metrics)} threads grow more hostile along some chain.")
