"""Corrections by hand in the app: which saved corrections a session applies, the sidebar
notice with its switch, the controls beside each comment of the Threads page's reading view,
and the list of corrections with undo, download and problems. Never registered as a page.

Saved corrections live in :class:`analysis.corrections.CorrectionStore` (the user's data
folder, one file per source content hash). A session pins the saved corrections of each file
the first time it loads the file, so another session's later edits never change this view
silently: the sidebar offers to load them. An edit reads the latest saved rows, adds or removes
one, writes them back and pins the result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

import pandas as pd
import streamlit as st

from analysis.corrections import (
    CORRECTED_BY_HAND,
    JOIN,
    PARENT,
    SKIP,
    SPLIT,
    Correction,
    CorrectionsError,
    CorrectionStore,
    Problem,
    Saved,
    corrections_csv,
    first_words,
    is_corrections_file,
    read_corrections,
)
from analysis.schema import Col
from analysis.views import counted

IGNORE_KEY = "corrections.ignore"  # the sidebar switch: show the structure as inferred
_PINNED = "corrections.pinned"  # content hash -> Saved, as this session applies them
HASHES_STATE = "corrections.hashes"  # (identity of the files, {name: content hash})
_KINDS = "corrections.upload_kinds"  # file id of each upload -> is it a corrections file
_MERGED = "corrections.merged"  # file id of each uploaded corrections file merged -> outcome
_APPLIED = "corrections.applied"  # (identity of the pinned rows, rows, their digest)
_EDITED = "corrections.edited"  # set by an edit: this run follows a click that corrected
_NOTICE = "corrections.notice"  # (kind, text) of the last edit, shown once on the page
_APP = "app"  # origin of rows while an edit is checked


# ---------------------------------------------------------------------------- which rows apply


def split_uploads(uploads: Sequence) -> tuple[list, list]:
    """Uploaded files as (sources, corrections files): a corrections file is known by its
    header."""
    known = st.session_state.setdefault(_KINDS, {})  # file id -> is a corrections file
    sources, corrections = [], []
    for upload in uploads:
        if upload.file_id not in known:
            # Read once per upload: getvalue() copies the whole file each time.
            upload.seek(0)
            known[upload.file_id] = is_corrections_file(upload.read(4096))
            upload.seek(0)
        (corrections if known[upload.file_id] else sources).append(upload)
    return sources, corrections


def content_hashes(files: Sequence[tuple[str, bytes]], identity: object = None
                   ) -> dict[str, str]:
    """Source name -> SHA-256 of its content (the store's key), hashed once per ``identity``
    of the files (the caller's; by default their names and sizes)."""
    identity = identity or tuple((name, len(data)) for name, data in files)
    memo = st.session_state.get(HASHES_STATE)
    if memo is None or memo[0] != identity:
        memo = (identity, {name: hashlib.sha256(data).hexdigest() for name, data in files})
        st.session_state[HASHES_STATE] = memo
    return memo[1]


def _pinned() -> dict[str, Saved]:
    return st.session_state.setdefault(_PINNED, {})


def _pin(content_hash: str, name: str) -> Saved:
    saved = CorrectionStore().load(content_hash, name)
    previous = _pinned().get(content_hash)
    if previous is not None and previous.corrections != saved.corrections:
        st.session_state[_EDITED] = True
    _pinned()[content_hash] = saved
    return saved


def edited_this_run() -> bool:
    """True (once) when this run follows a change of the applied corrections."""
    return bool(st.session_state.pop(_EDITED, False))


def saved_for(hashes: dict[str, str]) -> list[tuple[str, str, Saved]]:
    """(name, content hash, saved corrections) of each file (``hashes``: name -> content
    hash), as this session pinned them (a file seen for the first time is pinned now, from the
    store)."""
    pinned = _pinned()
    out = []
    for name, content_hash in hashes.items():
        saved = pinned.get(content_hash) or _pin(content_hash, name)
        out.append((name, content_hash, saved))
    return out


def ignored() -> bool:
    return bool(st.session_state.get(IGNORE_KEY))


def applied_rows(hashes: dict[str, str]) -> tuple[tuple[Correction, ...], str]:
    """The corrections this session applies to the files, in file order (none while the
    switch says to ignore them), and a short digest of them ('' for none) for cache keys."""
    if ignored():
        return (), ""
    saved = saved_for(hashes)
    identity = tuple((name, id(s)) for name, _, s in saved)
    memo = st.session_state.get(_APPLIED)
    if memo is None or memo[0] != identity:
        rows = tuple(replace(c, source=name) for name, _, s in saved for c in s.corrections)
        key = hashlib.sha256(corrections_csv(rows)).hexdigest()[:16] if rows else ""
        memo = (identity, rows, key)
        st.session_state[_APPLIED] = memo
    return memo[1], memo[2]


# ---------------------------------------------------------------------------- the sidebar


def render_sidebar(hashes: dict[str, str], corrections_files: Sequence) -> None:
    """Merge newly uploaded corrections files into the store, then say how many saved
    corrections apply and from when, with the switch to ignore them."""
    _merge_uploads(hashes, corrections_files)
    outcomes = st.session_state.get(_MERGED, {})
    for upload in corrections_files:
        if upload.file_id in outcomes:
            kind, text = outcomes[upload.file_id]
            (st.error if kind == "error" else st.info)(_escape(text),
                                                       icon=":material/edit_note:")
    saved = [(name, h, s) for name, h, s in saved_for(hashes) if s.corrections]
    store = CorrectionStore()
    newer = [(name, h) for name, h, s in saved_for(hashes)
             if store.load(h, name).saved_at != s.saved_at]
    if newer:
        names = ", ".join(n for n, _ in newer)  # uploaded file names: untrusted
        st.info(_escape(f"Saved corrections of {names} changed since this view loaded them "
                        "(another session?)."), icon=":material/sync:")
        st.button("Load them", key="corrections.reload", on_click=_reload, args=(newer,))
    if not saved:
        return
    count = sum(len(s.corrections) for _, _, s in saved)
    when = max(s.saved_at for _, _, s in saved if s.saved_at is not None)
    files_part = "" if len(saved) == 1 else f" to {len(saved):,} files"
    verb = "ignored" if ignored() else "applied"
    st.caption(f"{counted(count, 'saved correction')} {verb}{files_part} "
               f"(last saved {_when(when)})")
    st.toggle("Ignore saved corrections", key=IGNORE_KEY,
              help="Show the structure as inferred, without the corrections saved for these "
                   "files (they stay saved).")


def _when(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _reload(newer: list[tuple[str, str]]) -> None:
    for name, content_hash in newer:
        _pin(content_hash, name)


def _merge_uploads(hashes: dict[str, str], corrections_files: Sequence) -> None:
    """Each uploaded corrections file once: its rows for loaded sources are added to those
    sources' saved corrections (rows already saved are not repeated)."""
    merged = st.session_state.setdefault(_MERGED, {})
    for upload in corrections_files:
        if upload.file_id in merged:
            continue
        try:
            rows, problems = read_corrections(upload.name, upload.getvalue())
        except CorrectionsError as err:
            merged[upload.file_id] = ("error", str(err))
            continue
        by_source: dict[str, list[Correction]] = {}
        unknown = 0
        for row in rows:
            name = row.source if row.source in hashes else next(
                (n for n in hashes if n == row.source.rsplit("/", 1)[-1]), None)
            if name is None:
                unknown += 1
            else:
                by_source.setdefault(name, []).append(replace(row, source=name))
        added = 0
        for name, new in by_source.items():
            store = CorrectionStore()
            latest = list(store.load(hashes[name], name).corrections)
            known = {c.asks() for c in latest}
            fresh = [c for c in new if c.asks() not in known]
            added += len(fresh)
            if fresh:
                store.save(hashes[name], [*latest, *fresh])
            _pin(hashes[name], name)
        parts = [f"{upload.name}: {added} correction{'s' if added != 1 else ''} added"]
        if unknown:
            parts.append(f"{unknown} row{'s' if unknown > 1 else ''} name no loaded source")
        parts += [str(p) for p in problems]
        merged[upload.file_id] = ("info", "; ".join(parts))


def _notice(kind: str, text: str) -> None:
    st.session_state[_NOTICE] = (kind, text)


def show_notice() -> None:
    """The last edit's message (once)."""
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        kind, text = notice
        (st.error if kind == "error" else st.info)(_escape(text))


def _escape(text: str) -> str:
    from pages._common import escape_markdown

    return escape_markdown(text)


# ---------------------------------------------------------------------------- edits


Checker = Callable[[Sequence[Correction]], list[Problem]]
"""Applies rows to the uncorrected analysis and returns the rows that cannot apply."""


def _numbered(rows: Sequence[Correction]) -> list[Correction]:
    return [replace(c, origin=_APP, row=i) for i, c in enumerate(rows)]


def _add(new: Correction, content_hash: str, check: Checker) -> None:
    """Add a row to a source's saved corrections, unless it cannot apply; rows it makes
    inapplicable (a link of a comment that is joined away) are dropped and named."""
    store = CorrectionStore()
    latest = list(store.load(content_hash, new.source).corrections)
    if any(c.asks() == new.asks() for c in latest):
        _notice("info", "That correction is already saved.")
        _pin(content_hash, new.source)
        return
    candidate = [*latest, new]
    failing_before = {p.row for p in check(_numbered(latest)) if p.origin == _APP}
    failing_after = {p.row: p.reason for p in check(_numbered(candidate)) if p.origin == _APP}
    if len(latest) in failing_after:
        _notice("error", f"Not applied: {failing_after[len(latest)]}.")
        return
    dropped = [candidate[i] for i in sorted(set(failing_after) - failing_before)]
    kept = [c for i, c in enumerate(candidate) if i not in failing_after or i in failing_before]
    store.save(content_hash, kept)
    _pin(content_hash, new.source)
    if dropped:
        _notice("info", "Earlier corrections that no longer apply were removed: "
                + "; ".join(describe(c) for c in dropped))


def _undo(content_hash: str, name: str, row: Correction) -> None:
    store = CorrectionStore()
    latest = list(store.load(content_hash, name).corrections)
    at = next((i for i, c in enumerate(latest) if c.asks() == row.asks()), None)
    if at is not None:
        del latest[at]
        store.save(content_hash, latest)
    _pin(content_hash, name)


def _undo_all(sources: list[tuple[str, str]]) -> None:
    store = CorrectionStore()
    for name, content_hash in sources:
        store.save(content_hash, [])
        _pin(content_hash, name)


def describe(c: Correction) -> str:
    """A correction in words."""
    where = f"{c.source} line {c.line}"
    if c.action == SPLIT:
        return f"{where}: a comment starts here"
    if c.action == JOIN:
        return f"{where}: continues the comment above"
    if c.action == SKIP:
        return f"{where}: no comment text"
    return f"{where}: answers line {c.target}" if c.target else f"{where}: top-level"


# ---------------------------------------------------------------------------- the Threads page


def comment_lines(row: pd.Series) -> list[tuple[int | None, str]]:
    """(line number, text) of each line of a comment as shown; numbers only where the text's
    lines match its span one to one (no blank or skipped line inside)."""
    text = str(row[Col.TEXT]) if isinstance(row[Col.TEXT], str) else ""
    parts = text.split("\n")
    start, end = row[Col.LINE_START], row[Col.LINE_END]
    if pd.isna(start) or pd.isna(end) or int(end) - int(start) + 1 != len(parts):
        return [(int(start) if k == 0 and not pd.isna(start) else None, part)
                for k, part in enumerate(parts)]
    return [(int(start) + k, part) for k, part in enumerate(parts)]


def controls(row: pd.Series, hashes: dict[str, str], check: Checker) -> None:
    """The correction controls of one comment of the reading view, in a popover: for a page,
    a line number and what to do at it; for a structured source, the comment id it answers."""
    source = str(row[Col.SOURCE])
    content_hash = hashes.get(source)
    if content_hash is None or ignored():
        return
    comment_id = str(row[Col.COMMENT_ID])
    key = f"threads.fix.{comment_id}"
    lines = comment_lines(row)
    with st.popover("Correct", icon=":material/edit:"), st.form(key, border=False):
        if pd.isna(row[Col.LINE_START]):
            _structured_controls(row, source, content_hash, check, key)
            return
        first, last = int(row[Col.LINE_START]), int(row[Col.LINE_END])
        texts = {n: t for n, t in lines if n is not None}
        st.number_input("Line", min_value=1, value=first, step=1, key=f"{key}.line",
                        help=f"This comment is lines {first}-{last}. Split and \"not a "
                             "comment\" act on a line of it; \"answers\" takes the first line "
                             "of the comment it answers (each comment shows its lines).")
        for kind, label in (("split", "Split: a comment starts at this line"),
                            ("skip", "This line is not a comment"),
                            ("answer", "Answers the comment at this line"),
                            ("top", "Make it top-level"),
                            ("join", "Join to the comment above")):
            st.form_submit_button(label, key=f"{key}.{kind}", on_click=_submit_line,
                                  args=(kind, source, first, texts, key, content_hash, check),
                                  disabled=kind == "join" and int(row[Col.POSITION]) == 0)


def _submit_line(kind: str, source: str, first: int, texts: dict[int, str], key: str,
                 content_hash: str, check: Checker) -> None:
    """A page comment's form was sent: the row its button asks for, at the line typed."""
    at = int(st.session_state[f"{key}.line"])
    if kind in ("split", "skip"):
        row = Correction(source, str(at), SPLIT if kind == "split" else SKIP, "",
                         first_words(texts.get(at, "")))
    elif kind == "join":
        row = Correction(source, str(first), JOIN, "", first_words(texts.get(first, "")))
    else:
        row = Correction(source, str(first), PARENT, str(at) if kind == "answer" else "",
                         first_words(texts.get(first, "")))
    _add(row, content_hash, check)


def _structured_controls(row: pd.Series, source: str, content_hash: str, check: Checker,
                         key: str) -> None:
    comment_id = str(row[Col.COMMENT_ID])
    own_id = comment_id.split("/", 1)[1] if comment_id.startswith(f"{source}/") else comment_id
    text = first_words(row[Col.TEXT])

    def make(top_level: bool) -> Callable:
        def build() -> Correction:
            target = "" if top_level else str(st.session_state.get(f"{key}.target", "")).strip()
            return Correction(source, own_id, PARENT, target, text)
        return build

    st.text_input("Answers the comment with id", key=f"{key}.target")
    st.form_submit_button("Answers that comment", key=f"{key}.answer", on_click=_submit,
                          args=(make(False), content_hash, check))
    st.form_submit_button("Make it top-level", key=f"{key}.top", on_click=_submit,
                          args=(make(True), content_hash, check))


def _submit(make: Callable[[], Correction], content_hash: str, check: Checker) -> None:
    _add(make(), content_hash, check)


def render_panel(problems: Sequence[Problem], hashes: dict[str, str]) -> None:
    """What was corrected, with an undo for each and for all, the download, and the rows that
    could not apply."""
    saved = [(name, h, s) for name, h, s in saved_for(hashes) if s.corrections]
    count = sum(len(s.corrections) for _, _, s in saved)
    title = f"Corrections by hand ({count:,})" if count else "Corrections by hand"
    with st.expander(title, icon=":material/edit_note:", expanded=bool(problems)):
        if ignored():
            st.caption("Saved corrections are ignored (switch in the sidebar): the structure "
                       "is shown as inferred, and correcting is off.")
            return
        if not count:
            st.caption("None yet. Use \"Correct\" beside a comment: split or join comments, "
                       "mark a line as not a comment, or set whom a comment answers. "
                       "Corrections are saved for the file and applied whenever it is loaded "
                       "again. To reuse a downloaded corrections file, upload it with the "
                       "sources.")
            return
        st.caption("Applied in this order, spans before links. Saved for each file (by its "
                   "content) and applied whenever it is loaded again.")
        for name, content_hash, s in saved:
            for k, c in enumerate(s.corrections):
                text, undo = st.columns([8, 1], vertical_alignment="center")
                text.text(describe(c))
                undo.button("Undo", key=f"corrections.undo.{content_hash[:16]}.{k}",
                            on_click=_undo, args=(content_hash, name, c))
        rows = [c for _, _, s in saved for c in s.corrections]
        left, right = st.columns(2)
        left.download_button("Download corrections (CSV)", corrections_csv(rows),
                             file_name="corrections.csv", mime="text/csv",
                             key="corrections.download", icon=":material/download:")
        right.button("Undo all", key="corrections.undo_all", on_click=_undo_all,
                     args=([(name, h) for name, h, _ in saved],), icon=":material/undo:")
        if problems:
            st.warning(f"{counted(len(problems), 'saved correction')} could not apply (the "
                       "file changed?):", icon=":material/warning:")
            st.text("\n".join(str(p) for p in problems))


def span_note(row: pd.Series) -> str:
    """" · span corrected by hand" for a comment whose span was corrected, else ""."""
    return " · span corrected by hand" if row.get(Col.SEGMENT_EVIDENCE) == CORRECTED_BY_HAND \
        else ""
