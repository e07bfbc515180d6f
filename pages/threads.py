import streamlit as st

from analysis.corrections import CORRECTED_BY_HAND
from analysis.schema import Col, PairCol, ThreadCol, ThreadViewCol
from analysis.threads import READING_NAMES, Reading
from analysis.views import (
    GUESS_BELOW,
    counted,
    counted_of,
    reading_order,
    thread_members,
    tree_nodes,
    verb_for,
)
from pages import _charts as charts
from pages import _corrections as corrections
from pages._common import (
    Views,
    comments_text,
    correction_checker,
    correction_problems,
    current_analysis,
    current_filters,
    filtered_comments,
    has_inferred_links,
    inferred_links_note,
    reading_switch,
    reading_view,
    show,
    show_table,
    source_hashes,
    stop_if_empty,
    thread_titles,
    view_chart,
)

UNCIVIL_SHARE_HELP = "Share of the thread's comments rated uncivil or hostile (level 1 or 2)."
HOSTILE_SHARE_HELP = "Share of the thread's comments rated hostile (level 2)."
INDENT_PX = 16
MAX_INDENT_LEVELS = 12
"""The reading view indents a reply this many pixels per level, down to this level (192 px
leave a phone's 390 px screen half its width for the deepest replies)."""
LONG_COMMENT_CHARS = 2_000
"""The reading view shows this much of a longer comment, the rest on request."""
GUESS_LEGEND = (f"A guess is a link inferred with a confidence below {GUESS_BELOW:g}. A link's "
                "confidence (reply_confidence) is the probability, measured on threads the "
                "rules were not tuned on, that the link is right: below "
                f"{GUESS_BELOW:g} it is more likely wrong than right. Links the source gives, "
                "\"in reply to\" markers and corrections by hand are never guesses.")

st.title("Threads")
result = current_analysis()
corrections.show_notice()
comments = filtered_comments(result)
stop_if_empty(comments)
links_inferred = has_inferred_links()
if links_inferred:
    reading = reading_switch()
else:
    reading = Reading.INFERRED
    st.caption("Every reply link here is given by the source (or set by hand), so plain page "
               "order reads these threads exactly as shown: there is no other reading to "
               "switch to.")
page_order = reading == Reading.PAGE_ORDER
names = thread_titles(reading)
# Whole-thread metrics, as the pipeline computed them for this reading; filters only choose
# which threads show.
metrics = show(Views.THREADS, reading)

by_id = metrics.assign(**{ThreadCol.THREAD_ID: metrics[ThreadCol.THREAD_ID].astype(str)}) \
    .set_index(ThreadCol.THREAD_ID)
thread_ids = by_id.index.tolist()
thread = st.selectbox("Thread to draw and read", thread_ids[:500],
                      key="threads.thread" if not page_order else f"threads.thread.{reading}",
                      format_func=lambda t: (f"{names.get(t, t)} "
                                             f"({comments_text(by_id.at[t, ThreadCol.SIZE])})"),
                      help="Threads largest first, named by their first comment's opening "
                           "words; the 500 largest are listed.")
chosen = by_id.loc[thread]
st.caption(f"{counted_of(chosen[ThreadViewCol.SHOWN], chosen[ThreadCol.SIZE], 'comment')} "
           "of this thread shown" + ("" if current_filters().is_empty() else
                             " (filtered in the sidebar); the figures are the whole thread's")
           # With every link given there is no reading to name: nothing here is inferred.
           + (f", read as {READING_NAMES[reading]}" if links_inferred else ""))
size, depth, uncivil, hostile = st.columns(4)
size.metric("Comments", f"{chosen[ThreadCol.SIZE]:,}")
depth.metric("Deepest reply", f"{chosen[ThreadCol.DEPTH]:,}",
             help="Reply levels below the thread's first comment, on the links as read here. "
                  "Where links are inferred, this rests on them: a page read in nested page "
                  "order makes every comment answer the one above it, so one long chain.")
uncivil.metric("Uncivil+", "–" if chosen[ThreadCol.UNCIVIL_SHARE] != chosen[
    ThreadCol.UNCIVIL_SHARE] else f"{chosen[ThreadCol.UNCIVIL_SHARE]:.0%}",
    help=UNCIVIL_SHARE_HELP)
hostile.metric("Hostile", "–" if chosen[ThreadCol.HOSTILE_SHARE] != chosen[
    ThreadCol.HOSTILE_SHARE] else f"{chosen[ThreadCol.HOSTILE_SHARE]:.0%}",
    help=HOSTILE_SHARE_HELP)
if chosen[ThreadCol.INFERRED_SHARE] == 0 and links_inferred:
    st.caption("Every link of this thread is given by the source (or set by hand): both "
               "readings show it the same way.")
elif page_order:
    st.caption("Plain page order: every comment whose link the page does not give answers the "
               "comment above it, and the first comment of an article starts its thread. "
               "Compare with the inferred structure to see what inference changed.")
else:
    note = inferred_links_note(chosen[ThreadCol.INFERRED_SHARE],
                               chosen[ThreadCol.MEAN_LINK_CONFIDENCE])
    if note:
        st.caption(note)

members = reading_view(reading, thread_members, thread)
nodes = tree_nodes(members)
st.plotly_chart(charts.reply_tree(nodes), key="threads.tree")
guesses = int(nodes["guess"].sum())
if guesses:
    st.caption(f"Boxes outlined in blue (labelled \"guess\"): {guesses:,} of the "
               f"{counted(len(nodes), 'comment')} shown {verb_for(guesses, 'hangs', 'hang')} "
               f"on a guessed link. {GUESS_LEGEND}")
else:
    # Where the source or the page's markers give every link, the legend of guesses is noise.
    st.caption(f"No guessed link among the {counted(len(nodes), 'comment')} shown: each link "
               "is given by the source or a page marker, corrected by hand, or inferred with a "
               f"confidence of {GUESS_BELOW:g} or more.")

st.subheader("Reading view")
st.caption("Each reply is indented under the comment it answers, with the link's confidence "
           "(1 where the source gives the link or it was corrected by hand), the clues behind "
           "an inferred link and the page's line numbers; \"guess\" marks a link below "
           f"{GUESS_BELOW:g}. " + ("Corrections are made on the inferred structure (switch "
                                   "back to correct a comment); links corrected by hand "
                                   "hold in both readings." if page_order else
                                   "\"Correct\" fixes a comment's span or whom it answers."))
hashes = source_hashes()
if not page_order:
    corrections.render_panel(correction_problems(), hashes)
check = correction_checker()
ordered = reading_order(members)
# No maximum tied to this thread: Streamlit clamps a kept value to a new maximum, so a smaller
# thread or a narrowing filter cut the reader's choice for good (140 came back as 10).
max_rows = st.number_input("Comments to show", min_value=10, value=40, step=10,
                           key="threads.max_rows",
                           help="At most this many comments of the thread, in reading order.")
for _, row in ordered.head(int(max_rows)).iterrows():
    indent = min(int(row["level"]), MAX_INDENT_LEVELS)
    # A fixed space, not columns: a phone stacks columns, and every reply lost its indentation.
    row_box = st.container(horizontal=True, wrap=False, gap=None) if indent else st.container()
    if indent:
        row_box.space(indent * INDENT_PX)
    with row_box.container(border=True):
        author, parent, evidence = (
            value if isinstance(value, str) else ""
            for value in (row[Col.AUTHOR], row[Col.PARENT_ID], row[Col.REPLY_EVIDENCE]))
        by_hand = evidence == CORRECTED_BY_HAND
        origin = (" (plain page order)" if page_order and row[Col.INFERRED] is True
                  else " (inferred)" if row[Col.INFERRED] is True
                  else " (corrected by hand)" if by_hand else " (from the source)")
        link = (f"top-level comment · confidence {row[Col.REPLY_CONFIDENCE]:.2f}{origin}"
                if not parent and row[Col.INFERRED] is True else "top-level comment"
                if not parent else
                f"reply · confidence {row[Col.REPLY_CONFIDENCE]:.2f}{origin}")
        lines = corrections.comment_lines(row)
        where = "" if lines[0][0] is None else (
            f"line {lines[0][0]} · " if row[Col.LINE_END] == row[Col.LINE_START]
            else f"lines {row[Col.LINE_START]}-{row[Col.LINE_END]} · ")
        # The caption takes the room the "Correct" button leaves, not a fixed share of it: a
        # seventh of a deep reply's box cut the button's label to "Co…" (1280 px, depth 5).
        heading = st.container(horizontal=True, vertical_alignment="top")
        caption = heading.container(gap=None)
        if row["guess"]:
            caption.badge("guess", icon=":material/help:", color="orange",
                          help=GUESS_LEGEND)
        caption.caption(f"{where}#{row[Col.POSITION]} · depth {row[Col.DEPTH]} · {link} · "
                        f"hostility level {row[Col.HOSTILITY_LEVEL]} · sentiment "
                        f"{row[Col.SENTIMENT]:+.2f}{corrections.span_note(row)}")
        if not page_order:
            with heading:
                corrections.controls(row, hashes, check)
        if author:
            st.text(f"by {author}")
        shown = ("\n".join(f"{'' if n is None else n:>5}  {text}" for n, text in lines)
                 if len(lines) > 1 and lines[0][0] is not None else row[Col.TEXT])
        if len(shown) > LONG_COMMENT_CHARS:
            # A pasted essay or a scraper's run-on line would push the thread off the screen.
            st.text(shown[:LONG_COMMENT_CHARS] + " …")
            with st.expander(f"The whole comment ({len(shown):,} characters)"):
                st.text(shown)
        else:
            st.text(shown)
        if evidence:
            st.text(f"evidence: {evidence}")

st.subheader("Thread metrics")
st.caption("Each thread's figures are the whole thread's; \"shown\" counts the comments the "
           "filters keep.")
st.plotly_chart(view_chart(charts.thread_sizes, Views.THREADS, reading=reading),
                key="threads.sizes")
show_table(metrics, hide_index=True, width="stretch", column_order=[
    ThreadViewCol.NAME, ThreadCol.SIZE, ThreadViewCol.SHOWN, ThreadCol.DEPTH, ThreadCol.WIDTH,
    ThreadCol.BRANCHES, ThreadCol.LONGEST_CHAIN, ThreadCol.UNCIVIL_SHARE,
    ThreadCol.HOSTILE_SHARE, ThreadCol.TURNS_UNCIVIL, ThreadCol.ESCALATION,
    ThreadCol.FIRST_UNCIVIL_DEPTH, ThreadCol.INFERRED_SHARE, ThreadCol.MEAN_LINK_CONFIDENCE,
    ThreadCol.ARTICLE_ID, ThreadCol.THREAD_ID], column_config={
    ThreadViewCol.NAME: st.column_config.TextColumn("thread (opening words)", width="medium"),
    ThreadCol.SIZE: st.column_config.NumberColumn("comments"),
    ThreadViewCol.SHOWN: st.column_config.NumberColumn(
        "shown", help="Comments of the thread the filters keep."),
    ThreadCol.DEPTH: st.column_config.NumberColumn("depth", help="Deepest reply level."),
    ThreadCol.WIDTH: st.column_config.NumberColumn(
        "width", help="Most comments at one reply level."),
    ThreadCol.BRANCHES: st.column_config.NumberColumn(
        "branches", help="Comments nobody answered: the ends of the thread's chains."),
    ThreadCol.LONGEST_CHAIN: st.column_config.NumberColumn(
        "longest chain", help="Comments on the longest path from the first comment down."),
    ThreadCol.UNCIVIL_SHARE: st.column_config.ProgressColumn(
        "uncivil or hostile", format="percent", min_value=0, max_value=1,
        help=UNCIVIL_SHARE_HELP),
    ThreadCol.HOSTILE_SHARE: st.column_config.ProgressColumn(
        "hostile", format="percent", min_value=0, max_value=1, help=HOSTILE_SHARE_HELP),
    ThreadCol.TURNS_UNCIVIL: st.column_config.CheckboxColumn(
        "turns uncivil", help="Some uncivil or hostile comment answers, directly or further "
        "down, a civil one: the chain turned."),
    ThreadCol.ESCALATION: st.column_config.NumberColumn(
        "hostility trend", format="%+.3f", help="Mean slope of the hostility score (0-1) per "
        "reply level along the thread's chains: above 0, replies get more hostile as they go "
        "deeper; below 0, calmer. A thread can turn uncivil somewhere and still calm down on "
        "average."),
    ThreadCol.FIRST_UNCIVIL_DEPTH: st.column_config.NumberColumn(
        "first uncivil depth", help="Reply level of the highest uncivil or hostile comment."),
    ThreadCol.INFERRED_SHARE: st.column_config.ProgressColumn(
        "inferred links", format="percent", min_value=0, max_value=1,
        help="Comments whose reply link was guessed from page order and wording."),
    ThreadCol.MEAN_LINK_CONFIDENCE: st.column_config.NumberColumn(
        "mean link confidence", format="%.2f",
        help="Mean confidence of the inferred links (the measured accuracy of their clues); "
             "links the source gives and top-level comments do not count."),
    ThreadCol.ARTICLE_ID: st.column_config.TextColumn("article"),
    ThreadCol.THREAD_ID: st.column_config.TextColumn("thread id"),
})

st.subheader("Back-and-forth exchanges")
pairs = show(Views.PAIRS, reading)
if pairs.empty:
    st.info("No back-and-forth run (A, B, A, ...) of three or more replies here.")
else:
    show_table(pairs.sort_values(PairCol.LENGTH, ascending=False), hide_index=True,
                 width="stretch", column_config={
                     PairCol.UNCIVIL_SHARE: st.column_config.ProgressColumn(
                         "uncivil or hostile", format="percent", min_value=0, max_value=1),
                     PairCol.HOSTILE_SHARE: st.column_config.ProgressColumn(
                         "hostile", format="percent", min_value=0, max_value=1)})
