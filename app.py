"""commentscope: wires the pages. Run with `streamlit run app.py` (opens on the seeds)."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from pages._common import (
    mark_entry_run,
    render_data_sidebar,
    render_filter_sidebar,
    warm_default_views,
)

st.set_page_config(page_title="commentscope", page_icon=":material/forum:", layout="wide")

# With a `pages/` folder next to it, Streamlit runs this script's first run in its legacy
# pages-folder mode, where widgets get other ids than in every later run (the first upload or
# filter change of a fresh server would be lost). st.navigation ends that mode; start over.
legacy_run = bool(getattr(PagesManager, "uses_pages_directory", False))
# .streamlit/config.toml hides the navigation so that the legacy run shows no page list of its
# own; this app's navigation is shown from here on.
st.set_option("client.showSidebarNavigation", True)
page = st.navigation([
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/sentiment.py", title="Sentiment", icon=":material/mood:"),
    st.Page("pages/hostility.py", title="Hostility", icon=":material/report:"),
    st.Page("pages/topics.py", title="Topics", icon=":material/category:"),
    st.Page("pages/threads.py", title="Threads", icon=":material/account_tree:"),
    st.Page("pages/people.py", title="People", icon=":material/group:"),
    st.Page("pages/timeline.py", title="Timeline", icon=":material/schedule:"),
    st.Page("pages/explorer.py", title="Explorer", icon=":material/table_view:"),
])
if legacy_run:
    st.rerun()
# The sidebars live in the entry script so that their state holds across every page.
render_data_sidebar()
render_filter_sidebar()
mark_entry_run()
page.run()
# After the page is drawn: the other pages' unfiltered views, so their first visit only draws.
warm_default_views()
