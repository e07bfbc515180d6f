import streamlit as st

from analysis.hostility import LEVEL_MEANING
from analysis.schema import ALL_COMMENT_COLUMNS, Col
from analysis.views import counted_of, first_rows
from pages._common import (
    comments_text,
    current_analysis,
    filtered_comments,
    filtered_csv,
    filtered_view,
    show_table,
    stop_if_empty,
)

TABLE_ROWS = 5_000  # rows sent to the table; the download holds every filtered row
SORTS = {  # label -> (column or None for the table's own order, ascending)
    "table order": (None, True),
    "most hostile first": (Col.HOSTILITY, False),
    "most negative first": (Col.SENTIMENT, True),
    "most positive first": (Col.SENTIMENT, False),
    "deepest replies first": (Col.DEPTH, False),
}

st.title("Explorer")
result = current_analysis()
comments = filtered_comments(result)
stop_if_empty(comments)

sort = st.selectbox("Sort by", list(SORTS), key="explorer.sort")
every_column = st.toggle("Every column in the download", key="explorer.every_column",
                         help="Off: the per-comment table of `python -m analysis comments`. "
                              "On: also the internal columns the table below shows.")
# The CSV is built only when the button is clicked (seconds for 100k rows), then kept.
st.download_button(
    f"Download {'this' if len(comments) == 1 else 'these'} {comments_text(len(comments))} "
    f"as CSV ({sort})",
    data=filtered_csv(every_column, SORTS[sort]),
    file_name="commentscope_comments.csv", mime="text/csv",
    key="explorer.download", icon=":material/download:",
    help="UTF-8 CSV; text cells that a spreadsheet would run as a formula start with '.")
shown = filtered_view(first_rows, TABLE_ROWS, *SORTS[sort])
if len(shown) < len(comments):
    st.caption(f"Showing the first {counted_of(len(shown), len(comments), 'comment')} ({sort}); "
               "the download holds all of them.")
# What a reader scans first, then the rest in the table's own order.
FIRST = [Col.COMMENT_ID, Col.TEXT, Col.SENTIMENT, Col.HOSTILITY_LEVEL, Col.HOSTILITY,
         Col.HOSTILITY_MARKERS, Col.HOSTILITY_WORDS, Col.TOPIC_LABEL, Col.DEPTH, Col.PARENT_ID,
         Col.REPLY_CONFIDENCE, Col.SEGMENT_CONFIDENCE]
order = FIRST + [c for c in ALL_COMMENT_COLUMNS if c not in FIRST and c in comments]
show_table(shown, hide_index=True, width="stretch", height=640, column_order=order,
             column_config={
    Col.TEXT: st.column_config.TextColumn("text", width="large"),
    Col.SENTIMENT: st.column_config.NumberColumn("sentiment", format="%+.2f"),
    Col.HOSTILITY: st.column_config.ProgressColumn("hostility", format="%.2f", min_value=0,
                                                   max_value=1),
    Col.HOSTILITY_LEVEL: st.column_config.NumberColumn("level", help=LEVEL_MEANING),
    Col.HOSTILITY_MARKERS: st.column_config.TextColumn("markers"),
    Col.HOSTILITY_WORDS: st.column_config.TextColumn(
        "learned words", help="The words and word pairs that raised the learned model's part "
                              "of the hostility score most (uncivil and hostile comments)"),
    Col.MARKER_SCORE: st.column_config.NumberColumn(
        "marker score", format="%.2f", help="The hostility markers alone, 0-1"),
    Col.REPLY_CONFIDENCE: st.column_config.NumberColumn(
        "link confidence", format="%.2f",
        help="Measured chance that the reply link is right (1 where the source gives it)"),
    Col.SEGMENT_CONFIDENCE: st.column_config.NumberColumn(
        "span confidence", format="%.2f",
        help="Measured chance that the comment's lines are exactly one comment, no more, no "
             "less (1 where the source gives each comment as a record)"),
    Col.REPLY_ADDRESSES: st.column_config.CheckboxColumn("speaks to its parent"),
    Col.ARTICLE_SIMILARITY: st.column_config.NumberColumn("closeness to article",
                                                          format="%.2f"),
    Col.INFERRED: st.column_config.CheckboxColumn(
        "inferred link", help="The link is a guess: inferred here, or by the analysis that "
                              "wrote a commentscope export read back"),
    Col.REPLY_STATED: st.column_config.CheckboxColumn(
        "stated link", help="The link is as read (the source's, a page marker, a hand "
                            "correction, or an export's, a guess among them), not chosen here"),
    Col.TRUNCATED: st.column_config.CheckboxColumn("truncated"),
})
