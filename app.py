"""commentscope: wires the pages. Run with `streamlit run app.py` (opens on the seeds)."""

import streamlit as st

from pages._common import render_data_sidebar

st.set_page_config(page_title="commentscope", page_icon=":material/forum:", layout="wide")

# The data sidebar lives in the entry script so that its state holds across every page.
render_data_sidebar()
st.navigation([
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
]).run()
