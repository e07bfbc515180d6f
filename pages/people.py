import streamlit as st

from analysis.people import (
    NETWORK_MAX_NODES,
    back_and_forth,
    hostile_pairs,
)
from analysis.schema import EdgeCol, ExchangeCol, PeopleCol
from analysis.views import counted, verb_for
from pages import _charts as charts
from pages._common import (
    PARTICIPANT_ROWS,
    Views,
    current_analysis,
    filtered_comments,
    people_downloads,
    people_view,
    rows_height,
    select_participant,
    show_table,
    stop_if_empty,
    view_chart,
)

TABLE_KEY = "people.table"
NONE_WRITTEN = ("Empty for a participant marked only answered: they wrote none of the "
                "comments kept, so there is nothing to average.")
NETWORK_KEY = "people.network"
HOSTILE_PAIRS = 20

st.title("People")
result = current_analysis()
comments = filtered_comments(result)
stop_if_empty(comments)

probe = people_view(True)
if not probe.named_comments:
    st.info("The sources of these comments name no authors (a scraped page carries none), so "
            "there are no participants and no reply network to show. Exports from Reddit, "
            "Disqus, YouTube or any CSV/JSON with an author column have them.",
            icon=":material/person_off:")
    st.stop()
include_inferred = False
if probe.interactions[EdgeCol.INFERRED_REPLIES].sum() > 0:
    include_inferred = st.toggle(
        "Count inferred reply links", key="people.inferred",
        help="Off: only the reply links the source gives make edges. On: links inferred from "
             "page order and wording count too; each edge then shows their mean confidence.")
people = probe if include_inferred else people_view(False)
unnamed = people.comments - people.named_comments
if unnamed:
    st.caption(f"{unnamed:,} of these {counted(people.comments, 'comment')} "
               f"{verb_for(unnamed, 'names', 'name')} nobody (no author, [deleted] or "
               f"[removed]): {verb_for(unnamed, 'it counts', 'they count')} in no row and make"
               f"{verb_for(unnamed, 's', '')} no edge.")
if people.inferred_links_left_out:
    left_out = people.inferred_links_left_out
    st.caption(f"{counted(left_out, 'reply', 'replies')} between participants "
               f"{verb_for(left_out, 'rests', 'rest')} on inferred links and "
               f"{verb_for(left_out, 'is', 'are')} not counted (switch above).")

left, middle, right, last = st.columns(4)
left.metric("Participants", f"{len(people.participants):,}")
middle.metric("Who-replied-to-whom pairs", f"{len(people.interactions):,}")
right.metric("Replies between them", f"{int(people.interactions[EdgeCol.REPLIES].sum()):,}")
last.metric("Pairs answering each other",
            f"{int(people.interactions[EdgeCol.RECIPROCATED].sum()) // 2:,}")

st.subheader("Participants")
st.caption("Click a row to keep only that participant's comments on every page (the sidebar's "
           "Participant filter; its switch adds the replies they received). Click a column "
           "header to sort.")
table = people.participants
answered_only = int(table[PeopleCol.ANSWERED_ONLY].sum())
if answered_only:
    st.caption(f"{answered_only:,} of these {counted(len(table), 'participant')} wrote none "
               "of the comments kept: they are listed last, marked **only answered**, because "
               "a kept comment answers them (their counts are of the kept comments: 0 "
               "written).")
event = show_table(
    table, hide_index=True, width="stretch", height=rows_height(len(table), PARTICIPANT_ROWS),
    on_select="rerun", selection_mode="single-row", key=TABLE_KEY,
    # "only answered" beside the count it explains; the export keeps it last.
    column_order=[PeopleCol.AUTHOR, PeopleCol.COMMENTS, PeopleCol.ANSWERED_ONLY,
                  *(c for c in table.columns if c not in (
                      PeopleCol.AUTHOR, PeopleCol.COMMENTS, PeopleCol.ANSWERED_ONLY))],
    column_config={
        PeopleCol.AUTHOR: st.column_config.TextColumn("participant"),
        PeopleCol.COMMENTS: st.column_config.NumberColumn(
            "comments", help="Comments written, of those the filters keep."),
        PeopleCol.ANSWERED_ONLY: st.column_config.CheckboxColumn(
            "only answered", help="Wrote none of the comments the filters keep; listed because "
                                  "a kept comment answers this participant."),
        PeopleCol.THREADS_STARTED: st.column_config.NumberColumn("threads started"),
        PeopleCol.REPLIES_GIVEN: st.column_config.NumberColumn(
            "replies given", help="Replies to another participant's comment."),
        PeopleCol.REPLIES_RECEIVED: st.column_config.NumberColumn(
            "replies received", help="Replies other participants wrote to this one."),
        PeopleCol.PARTNERS: st.column_config.NumberColumn(
            "partners", help="Distinct others replied to or replied by."),
        PeopleCol.MEAN_SENTIMENT: st.column_config.NumberColumn(
            "mean sentiment", format="%+.2f",
            help=f"Mean VADER compound (-1 to +1) of the comments written. {NONE_WRITTEN}"),
        PeopleCol.UNCIVIL_SHARE: st.column_config.ProgressColumn(
            "uncivil or hostile", format="percent", min_value=0, max_value=1,
            help=f"Share of the comments written rated level 1 or 2. {NONE_WRITTEN}"),
        PeopleCol.HOSTILE_SHARE: st.column_config.ProgressColumn(
            "hostile", format="percent", min_value=0, max_value=1,
            help=f"Share of the comments written rated level 2. {NONE_WRITTEN}"),
        PeopleCol.FIRST_SEEN: st.column_config.TextColumn(
            "first seen", help="Time of the first comment written (UTC), empty where none "
                               "has a time or the participant was only answered."),
        PeopleCol.LAST_SEEN: st.column_config.TextColumn("last seen"),
        PeopleCol.IN_DEGREE: st.column_config.NumberColumn(
            "repliers", help="Distinct participants who replied to this one (in-degree)."),
        PeopleCol.OUT_DEGREE: st.column_config.NumberColumn(
            "replied to", help="Distinct participants this one replied to (out-degree)."),
        PeopleCol.COMMUNITY: st.column_config.NumberColumn(
            "community", help="Group of the reply network (fast label propagation); 0 is "
                              "the largest."),
        PeopleCol.PAGERANK: st.column_config.NumberColumn(
            "PageRank", format="%.4f", help="Centrality over reply counts: who gets answered."),
    })
rows = event.selection.rows if event else []
if rows:
    select_participant(str(table[PeopleCol.AUTHOR].iloc[rows[0]]), TABLE_KEY)

st.subheader("Who replies to whom")
shown = min(len(table), NETWORK_MAX_NODES)
if shown < len(table):
    st.caption(f"Only the {shown:,} most active of {len(table):,} participants are drawn "
               "(most comments and replies received); the table and the downloads hold them "
               "all. Click a participant to filter every page to them.")
else:
    st.caption("Node size: comments; colour: share of uncivil comments. Edge colour: civil, "
               "some uncivil or some hostile replies. Click a participant to filter every page "
               "to them.")
network = st.plotly_chart(
    view_chart(charts.reply_network,
               Views.NETWORK_WITH_INFERRED if include_inferred else Views.NETWORK),
    key=NETWORK_KEY, on_select="rerun", selection_mode="points")
points = (network or {}).get("selection", {}).get("points", [])
clicked = [p.get("customdata") for p in points if p.get("customdata")]
if clicked:
    name = clicked[0][0] if isinstance(clicked[0], list) else clicked[0]
    select_participant(str(name), NETWORK_KEY)

left, right = st.columns(2)
with left:
    st.subheader("Most hostile pairs")
    pairs = hostile_pairs(people, HOSTILE_PAIRS)
    if pairs.empty:
        st.info("No reply between participants is uncivil or hostile here.")
    else:
        show_table(pairs, hide_index=True, width="stretch", column_order=[
            EdgeCol.FROM_AUTHOR, EdgeCol.TO_AUTHOR, EdgeCol.REPLIES, EdgeCol.HOSTILE_REPLIES,
            EdgeCol.UNCIVIL_REPLIES, EdgeCol.UNCIVIL_SHARE, EdgeCol.MEAN_SENTIMENT,
            EdgeCol.RECIPROCATED], column_config={
            EdgeCol.FROM_AUTHOR: st.column_config.TextColumn("who replied"),
            EdgeCol.TO_AUTHOR: st.column_config.TextColumn("to whom"),
            EdgeCol.HOSTILE_REPLIES: st.column_config.NumberColumn("hostile"),
            EdgeCol.UNCIVIL_REPLIES: st.column_config.NumberColumn("uncivil or hostile"),
            EdgeCol.UNCIVIL_SHARE: st.column_config.ProgressColumn(
                "uncivil share", format="percent", min_value=0, max_value=1),
            EdgeCol.MEAN_SENTIMENT: st.column_config.NumberColumn("mean sentiment",
                                                                  format="%+.2f"),
            EdgeCol.RECIPROCATED: st.column_config.CheckboxColumn("answered back")})
with right:
    st.subheader("Back-and-forth pairs")
    exchanges = back_and_forth(people)
    if exchanges.empty:
        st.info("No two participants replied to each other here.")
    else:
        show_table(exchanges.head(HOSTILE_PAIRS), hide_index=True, width="stretch",
                     column_config={
                         ExchangeCol.A_TO_B: st.column_config.NumberColumn("a → b"),
                         ExchangeCol.B_TO_A: st.column_config.NumberColumn("b → a"),
                         ExchangeCol.UNCIVIL_SHARE: st.column_config.ProgressColumn(
                             "uncivil share", format="percent", min_value=0, max_value=1),
                         ExchangeCol.HOSTILE_SHARE: st.column_config.ProgressColumn(
                             "hostile share", format="percent", min_value=0, max_value=1)})

st.subheader("Downloads")
people_downloads(include_inferred)
