import streamlit as st

from analysis.schema import Col
from analysis.sentiment import sentence_sentiments
from analysis.topics import NO_TOPIC, topic_name
from pages._common import (
    Views,
    current_analysis,
    escape_markdown,
    filtered_comments,
    inferred_links_note,
    show,
    stop_if_empty,
)

st.title("Sentiment")
result = current_analysis()
comments = filtered_comments(result)
stop_if_empty(comments)

left, right = st.columns(2)
by_article = show(Views.SENTIMENT_BY_ARTICLE)
by_topic = show(Views.SENTIMENT_BY_TOPIC)
CLICKED = "sentiment.clicked"  # key of the chart clicked last


def selectable(container, figure, key: str) -> None:
    container.plotly_chart(figure, key=key, selection_mode="points",
                           on_select=lambda: st.session_state.update({CLICKED: key}))


def selected_comment_id() -> str | None:
    """The comment behind the point clicked last, on whichever chart of this page."""
    clicked = st.session_state.get(CLICKED)
    event = st.session_state.get(clicked) if clicked else None
    for point in (event or {}).get("selection", {}).get("points", []):
        data = point.get("customdata")
        if data:
            return str(data[0] if isinstance(data, list) else data)
    return None


# Four charts in two rows keep the comment a click opens within a screen of the charts.
selectable(left, by_article, "sentiment.by_article")
selectable(right, by_topic, "sentiment.by_topic")
left, right = st.columns(2)
selectable(left, show(Views.SENTIMENT_ALONG_ORDER), "sentiment.order")
selectable(right, show(Views.SENTIMENT_ALONG_DEPTH), "sentiment.depth")
links_note = inferred_links_note(*show(Views.LINKS))
if links_note:  # reply depth follows the reply links: say when they are guesses
    right.caption(links_note)


st.subheader("Read a comment")
chosen = selected_comment_id()
by_id = comments.set_index(comments[Col.COMMENT_ID].astype(str))
if chosen is None or chosen not in by_id.index:
    st.info("Click a point on any chart above to read its comment here.")
else:
    row = by_id.loc[chosen]
    topic = topic_name(row[Col.TOPIC_ID], row[Col.TOPIC_LABEL])
    topic = topic if row[Col.TOPIC_ID] == NO_TOPIC else f"topic {topic}"
    st.caption(f"Comment {escape_markdown(chosen)} · depth {row[Col.DEPTH]}"
               f" · sentiment {row[Col.SENTIMENT]:+.2f} ({row[Col.SENTIMENT_LABEL]})"
               + escape_markdown(f" · {topic}"))
    st.text(row[Col.TEXT])
    sentences = sentence_sentiments(row[Col.TEXT])
    if len(sentences) > 1:
        st.dataframe({"sentence": [s for s, _ in sentences],
                      "sentiment": [v for _, v in sentences]}, hide_index=True, width="stretch",
                     column_config={"sentiment": st.column_config.NumberColumn(format="%+.2f")})
