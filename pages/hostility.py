import streamlit as st

from analysis.filters import LEVEL_NAMES
from analysis.hostility import LEVEL_MEANING
from analysis.schema import Col
from analysis.views import counted, counted_of, verb_for
from pages import _charts as charts
from pages._common import (
    LARGEST_THREADS,
    Views,
    article_titles,
    current_analysis,
    escape_markdown,
    filtered_comments,
    inferred_links_note,
    show,
    show_table,
    stop_if_empty,
    thread_titles,
    topic_labels,
    view_chart,
)

st.title("Hostility")
result = current_analysis()
comments = filtered_comments(result)
stop_if_empty(comments)
titles = article_titles()
topics = topic_labels()

left, right = st.columns(2)
left.plotly_chart(view_chart(charts.level_bars, Views.LEVELS_BY_ARTICLE, labels=titles,
                              keyed={"by": Col.ARTICLE_ID,
                                     "title": "Hostility levels by article"}),
                  key="hostility.by_article")
right.plotly_chart(view_chart(charts.level_bars, Views.LEVELS_BY_TOPIC, labels=topics,
                              keyed={"by": Col.TOPIC_ID, "title": "Hostility levels by topic"}),
                   key="hostility.by_topic")

markers = show(Views.MARKERS_BY_LEVEL)
if markers.empty:
    st.info("No hostility marker fired in the comments the filters keep.")
else:
    level_names = {str(k): v for k, v in LEVEL_NAMES.items()}
    left, right = st.columns(2)
    left.plotly_chart(view_chart(charts.marker_bars, Views.MARKERS_BY_LEVEL,
                                 labels=level_names, keyed={"by": Col.HOSTILITY_LEVEL}),
                      key="hostility.markers")
    right.plotly_chart(view_chart(charts.level_bars, Views.LEVELS_BY_THREAD,
                                  labels=thread_titles(),
                                  keyed={
                                      "by": Col.THREAD_ID,
                                      # Shares of the comments the filters keep, unlike
                                      # the thread table's whole-thread shares.
                                      # Short enough for a half-width column.
                                      "title": "Hostility levels by thread (the "
                                               f"{LARGEST_THREADS} with most comments shown)"}),
                       key="hostility.by_thread")

st.subheader("Comments with their marker words and learned words")
flagged, n_flagged = show(Views.MOST_HOSTILE)
# "Flagged" would read as uncivil, but a weak cue (a "you", an exclamation) lists a civil
# comment here too: say what the list holds.
evidence = "with a marker (weak cues too) or learned words"
shown = (f"The {len(flagged):,} most hostile of {counted(n_flagged, 'comment')} {evidence}"
         if len(flagged) < n_flagged else
         f"The one comment {evidence}" if n_flagged == 1 else
         f"All {counted(n_flagged, 'comment')} {evidence}")
if flagged.empty:
    st.info("No comment here has a hostility marker or learned words.")
else:
    st.caption(f"{shown}, most hostile first. Marker words are wrapped in ⟦ ⟧; learned words "
               "are the words that raised the learned model's part of the score most (listed "
               "for uncivil and hostile comments). Select a row to read the whole comment.")
    table = flagged[[Col.COMMENT_ID, Col.HOSTILITY, Col.HOSTILITY_LEVEL, Col.HOSTILITY_MARKERS,
                     "matched", Col.HOSTILITY_WORDS, "highlighted"]]
    event = show_table(
        table, hide_index=True, width="stretch", on_select="rerun",
        selection_mode="single-row", key="hostility.table",
        column_config={
            Col.HOSTILITY: st.column_config.ProgressColumn("score", format="%.2f", min_value=0,
                                                           max_value=1),
            Col.HOSTILITY_LEVEL: st.column_config.NumberColumn("level", help=LEVEL_MEANING),
            Col.HOSTILITY_MARKERS: st.column_config.TextColumn("markers"),
            "matched": st.column_config.TextColumn("marker words", width="medium"),
            Col.HOSTILITY_WORDS: st.column_config.TextColumn(
                "learned words", width="medium",
                help="The words and word pairs that raised the learned model's part most"),
            "highlighted": st.column_config.TextColumn("comment (markers in ⟦ ⟧)",
                                                       width="large"),
        })
    # A selection outlives a filter that shortens the list: a row past its end is no choice.
    rows = [r for r in (event.selection.rows if event else []) if r < len(table)]
    row = table.iloc[rows[0]] if rows else table.iloc[0]
    level = LEVEL_NAMES[int(row[Col.HOSTILITY_LEVEL])]
    st.caption(f"Comment {escape_markdown(row[Col.COMMENT_ID])} · level {level}"
               f" · score {row[Col.HOSTILITY]:.2f}")
    st.text(row["highlighted"])
    st.text(f"Marker words: {row['matched'] or '(none)'}\n"
            f"Learned words: {row[Col.HOSTILITY_WORDS] or '(none)'}")

st.subheader("Escalation along reply chains")
links_note = inferred_links_note(*show(Views.LINKS))
if links_note:  # chains and turns follow the reply links: say when they are guesses
    st.caption(links_note)
chain_rows = show(Views.CHAINS)
if chain_rows.empty:
    st.info("No reply chains among the comments the filters keep.")
else:
    st.plotly_chart(view_chart(charts.escalation_lines, Views.CHAINS),
                    key="hostility.escalation")
escalating, n_threads = show(Views.TURNING_THREADS)
lines_note = ("" if chain_rows.empty else " Each line above follows one of the longest chains "
              "from its first comment down.")
st.caption(f"{counted_of(escalating, n_threads, 'thread')} "
           f"{verb_for(escalating, 'turns', 'turn')} uncivil: somewhere in the whole thread an "
           f"uncivil or hostile comment answers, directly or further down, a civil one."
           f"{lines_note}")
