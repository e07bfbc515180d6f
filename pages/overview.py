import streamlit as st

from analysis.schema import ArticleCol, Col
from pages._common import current_analysis

st.title("Overview")
result = current_analysis()
comments, articles = result.comments, result.articles
counts = comments.groupby(Col.ARTICLE_ID).size()

st.caption(f"{len(articles)} articles, {len(comments)} comments")
for start in range(0, len(articles), 3):
    row = articles.iloc[start:start + 3]
    for column, (_, article) in zip(st.columns(3), row.iterrows(), strict=False):
        with column.container(border=True):
            st.text(article[ArticleCol.TITLE])
            st.text(f"Source: {article[ArticleCol.SOURCE]}")
            st.metric("Comments", int(counts.get(article[ArticleCol.ARTICLE_ID], 0)))
            with st.expander("Article text"):
                st.text(article[ArticleCol.TEXT] or "(no article text in this source)")

st.subheader("Comments")
st.dataframe(comments[[Col.ARTICLE_ID, Col.LINE_START, Col.TEXT]], hide_index=True,
             width="stretch")
