"""Shared page helpers: cached loaders and the data sidebar. Never registered as a page.

Cached functions here are pure: no ``st.*`` calls inside them, no writes, no session state.
"""

from __future__ import annotations

import re

import streamlit as st

from analysis.pipeline import Analysis, analyse_files
from analysis.readers import SourceError, seed_paths

UPLOAD_KEY = "data.upload"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'@/])")
UPLOAD_TYPES = ["txt", "csv", "tsv", "json", "jsonl", "ndjson"]


@st.cache_data(show_spinner=False)
def read_seed_files() -> tuple[tuple[str, bytes], ...]:
    return tuple((path.name, path.read_bytes()) for path in seed_paths())


@st.cache_data(show_spinner="Analysing comments…", max_entries=8)
def load_analysis(files: tuple[tuple[str, bytes], ...], n_topics: int | None = None) -> Analysis:
    return analyse_files(files, n_topics=n_topics)


def active_files() -> tuple[tuple[str, bytes], ...]:
    """The user's uploads when there are any (they replace the seeds for the session)."""
    uploads = st.session_state.get(UPLOAD_KEY) or []
    if uploads:
        return tuple((upload.name, upload.getvalue()) for upload in uploads)
    return read_seed_files()


def render_data_sidebar() -> None:
    with st.sidebar:
        st.file_uploader("Your own sources", type=UPLOAD_TYPES, accept_multiple_files=True,
                         key=UPLOAD_KEY,
                         help="A scraped page (.txt: article, a gap, then one comment per line) "
                              "or an export (.csv/.json/.jsonl with id, parent id, author, time, "
                              "text). Replaces the seed articles for this session.")


def escape_markdown(text: str) -> str:
    """Untrusted text made inert for Streamlit's Markdown: every punctuation mark that can start
    a link, image, HTML tag, autolink, emoji or colour directive is backslash-escaped, and line
    breaks are kept as breaks. Prefer ``st.text`` and dataframes; use this where a widget only
    takes Markdown (error boxes, labels)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", "  \n")


def current_analysis() -> Analysis:
    """The analysed active files; a source that cannot be read stops the page with its error."""
    files = active_files()
    try:
        return load_analysis(files)
    except SourceError as err:
        where = err.path + (f", line {err.line}" if err.line else "")
        st.error(escape_markdown(f"Cannot read {where}: {err.reason}"), icon=":material/error:")
        st.stop()
        raise  # st.stop() raises; this line only tells type checkers the function ends here
