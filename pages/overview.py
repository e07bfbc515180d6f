import streamlit as st

from analysis.schema import ArticleMetricCol
from analysis.views import articles_overview, counted
from pages._common import (
    current_analysis,
    current_filters,
    filtered_comments,
    filtered_view,
    inferred_links_note,
    show_table,
)

MAX_CARDS = 12
CARDS_PER_ROW = 2  # three to a row leaves each metric too narrow for its value

st.title("Overview")
result = current_analysis()
kept = filtered_comments(result)
overview = filtered_view(articles_overview, current_filters().articles, articles=result.articles)
if overview.empty:
    st.info("No articles in the loaded sources.")
    st.stop()
if kept.empty and not result.comments.empty:
    st.info("No comments match the filters. Widen them in the sidebar, or reset them.",
            icon=":material/filter_alt_off:")


def share(value: float) -> str:
    return "–" if value != value else f"{value:.0%}"


# A card per article; with many articles, cards for the largest only (the table has them all).
cards = overview if len(overview) <= MAX_CARDS else \
    overview.nlargest(MAX_CARDS, ArticleMetricCol.COMMENTS, keep="first")
if len(cards) < len(overview):
    st.caption(f"Cards for the {counted(len(cards), 'article')} with the most comments, of "
               f"{len(overview):,}; the table below lists every article.")
for start in range(0, len(cards), CARDS_PER_ROW):
    row = cards.iloc[start:start + CARDS_PER_ROW]
    for column, (_, article) in zip(st.columns(CARDS_PER_ROW), row.iterrows(), strict=False):
        with column.container(border=True):
            st.text(article[ArticleMetricCol.TITLE] or article[ArticleMetricCol.ARTICLE_ID])
            st.caption("Source")
            st.text(article[ArticleMetricCol.SOURCE])
            left, middle, right = st.columns(3)
            left.metric("Comments", f"{int(article[ArticleMetricCol.COMMENTS]):,}")
            middle.metric("Threads", f"{int(article[ArticleMetricCol.THREADS]):,}",
                          help="Top-level comments and the replies under them, on the links "
                               "as read. Where links are inferred (see below), a page read "
                               "in page order counts few threads: a new one starts only "
                               "where a clue says so.")
            sentiment = article[ArticleMetricCol.MEAN_SENTIMENT]
            right.metric("Sentiment", "–" if sentiment != sentiment else f"{sentiment:+z.2f}",
                         help="Mean VADER compound score of the comments, -1 to +1.")
            left.metric("Uncivil+", share(article[ArticleMetricCol.UNCIVIL_SHARE]),
                        help="Share of comments rated uncivil or hostile.")
            middle.metric("Hostile", share(article[ArticleMetricCol.HOSTILE_SHARE]),
                          help="Share of comments rated hostile.")
            note = inferred_links_note(article[ArticleMetricCol.INFERRED_SHARE],
                                       article[ArticleMetricCol.MEAN_LINK_CONFIDENCE])
            if note:
                st.caption(note)
            if article[ArticleMetricCol.TOP_TOPICS]:
                st.caption("Top topics")
                st.text(article[ArticleMetricCol.TOP_TOPICS])
            elif not article[ArticleMetricCol.COMMENTS]:
                st.caption("No comments under this article (or none the filters keep).")
            with st.expander("Article text"):
                st.text(article[ArticleMetricCol.TEXT] or "(no article text in this source)")

st.subheader("Per article")
show_table(
    overview.drop(columns=[ArticleMetricCol.TEXT]), hide_index=True, width="stretch",
    column_config={
        ArticleMetricCol.UNCIVIL_SHARE: st.column_config.ProgressColumn(
            "uncivil or hostile", format="percent", min_value=0, max_value=1),
        ArticleMetricCol.HOSTILE_SHARE: st.column_config.ProgressColumn(
            "hostile", format="percent", min_value=0, max_value=1),
        ArticleMetricCol.MEAN_SENTIMENT: st.column_config.NumberColumn(
            "mean sentiment", format="%+.2f"),
        ArticleMetricCol.INFERRED_SHARE: st.column_config.ProgressColumn(
            "inferred links", format="percent", min_value=0, max_value=1,
            help="Comments whose reply link was guessed from page order and wording."),
        ArticleMetricCol.MEAN_LINK_CONFIDENCE: st.column_config.NumberColumn(
            "mean link confidence", format="%.2f",
            help="Mean confidence of the inferred links (the measured accuracy of their clues)."),
    })
