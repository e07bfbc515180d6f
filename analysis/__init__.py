"""commentscope's analysis: sources in, per-comment and thread tables out. No Streamlit here."""
