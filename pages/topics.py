import streamlit as st

from analysis.hostility import LEVEL_MEANING
from analysis.schema import Col, TopicCol
from analysis.topics import topic_name
from analysis.views import counted, topic_members
from pages import _charts as charts
from pages._common import (
    Views,
    current_analysis,
    filtered_comments,
    filtered_view,
    show,
    show_table,
    stop_if_empty,
    view_chart,
)

MEMBER_ROWS = 1_000  # comments of a topic listed, closest to their article first

st.title("Topics")
result = current_analysis()
comments = filtered_comments(result)
stop_if_empty(comments)
summary = show(Views.TOPICS)

left, right = st.columns(2)
left.plotly_chart(view_chart(charts.topic_sizes, Views.TOPICS), key="topics.sizes")
right.plotly_chart(view_chart(charts.topic_map, Views.TOPICS), key="topics.map")

st.subheader("Topic table")
show_table(summary, hide_index=True, width="stretch", column_config={
    TopicCol.TOPIC_ID: st.column_config.NumberColumn("id"),
    TopicCol.TOPIC_LABEL: st.column_config.TextColumn("label"),
    TopicCol.TOP_TERMS: st.column_config.TextColumn("top terms", width="large"),
    TopicCol.COMMENTS: st.column_config.NumberColumn("comments"),
    TopicCol.SHARE: st.column_config.ProgressColumn("share", format="percent", min_value=0,
                                                    max_value=1),
    TopicCol.MEAN_SENTIMENT: st.column_config.NumberColumn("mean sentiment", format="%+.2f"),
    TopicCol.UNCIVIL_SHARE: st.column_config.ProgressColumn(
        "uncivil or hostile", format="percent", min_value=0, max_value=1),
    TopicCol.HOSTILE_SHARE: st.column_config.ProgressColumn(
        "hostile", format="percent", min_value=0, max_value=1),
    TopicCol.ARTICLE_SIMILARITY: st.column_config.NumberColumn(
        "closeness to article", format="%.2f", help="Mean cosine of the topic's comments to "
        "their article's text, 0-1."),
})

st.subheader("Comments of a topic")
topic = st.selectbox("Topic", summary[TopicCol.TOPIC_ID].tolist(), key="topics.topic",
                     format_func=dict(zip(summary[TopicCol.TOPIC_ID], map(
                         topic_name, summary[TopicCol.TOPIC_ID], summary[TopicCol.TOPIC_LABEL]),
                         strict=True)).get)
members, n_members = filtered_view(topic_members, topic, MEMBER_ROWS)
if len(members) < n_members:
    st.caption(f"The {len(members):,} of its {counted(n_members, 'comment')} closest to "
               "their article.")
show_table(members[[Col.COMMENT_ID, Col.ARTICLE_SIMILARITY, Col.SENTIMENT,
                      Col.HOSTILITY_LEVEL, Col.TEXT]], hide_index=True, width="stretch",
             column_config={Col.ARTICLE_SIMILARITY: st.column_config.NumberColumn(
                 "closeness to article", format="%.2f"),
                 Col.SENTIMENT: st.column_config.NumberColumn("sentiment", format="%+.2f"),
                 Col.HOSTILITY_LEVEL: st.column_config.NumberColumn("level", help=LEVEL_MEANING),
                 Col.TEXT: st.column_config.TextColumn("comment", width="large")})
