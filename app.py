"""commentscope: wires the pages. Run with `streamlit run app.py` (opens on the seeds)."""

import streamlit as st

from pages._common import render_data_sidebar, render_filter_sidebar

st.set_page_config(page_title="commentscope", page_icon=":material/forum:", layout="wide")

# The sidebars live in the entry script so that their state holds across every page.
render_data_sidebar()
render_filter_sidebar()
page = st.navigation([
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/sentiment.py", title="Sentiment", icon=":material/mood:"),
    st.Page("pages/hostility.py", title="Hostility", icon=":material/report:"),
    st.Page("pages/topics.py", title="Topics", icon=":material/category:"),
    st.Page("pages/threads.py", title="Threads", icon=":material/account_tree:"),
    st.Page("pages/explorer.py", title="Explorer", icon=":material/table_view:"),
])
page.run()
