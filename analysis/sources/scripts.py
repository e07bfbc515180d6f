"""Comments written in another alphabet than the Latin one: sentiment (VADER) and hostility
read English words only, so such a comment scores as neutral and civil whatever it says. The
reader names them, so that nobody takes those scores for a reading of the text.

Only the script is checked here; comments in the Latin alphabet but in another language than
English are named by ``languages.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.sources.report import IngestionReport, place

OTHER_SCRIPT_SHARE = 0.5
"""A comment is in another script when more than this share of its letters are not Latin."""
MIN_LETTERS = 3
"""... and it has at least this many letters (a lone "ж" or an emoji says nothing)."""
NAMED_AT_MOST = 5
"""Comments named by their place in the warning; the rest are counted."""
KIND = "other script"

_LETTER = re.compile(r"[^\W\d_]")
_NON_LATIN_LETTER = re.compile(r"[^\W\d_A-Za-z\u00aa\u00b5\u00ba\u00c0-\u024f\u1e00-\u1eff"
                               r"\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f\uff21-\uff3a"
                               r"\uff41-\uff5a]")


def in_other_script(text: str) -> bool:
    """Whether most of the letters of ``text`` are not Latin (Cyrillic, Greek, Arabic, Hebrew,
    Chinese, ...)."""
    # Most comments are decided by the first test, nearly all others by the second.
    if text.isascii() or not _NON_LATIN_LETTER.search(text):
        return False
    letters = len(_LETTER.findall(text))
    return letters >= MIN_LETTERS and (
        len(_NON_LATIN_LETTER.findall(text)) > OTHER_SCRIPT_SHARE * letters)


def warn_other_scripts(texts: Sequence, labels: Sequence[str], report: IngestionReport
                       ) -> None:
    """One warning naming the comments (``labels`` place each in the file: "line 12",
    "record 3") written mostly in another alphabet than the Latin one, when there are any."""
    found = [label for text, label in zip(texts, labels, strict=True)
             if isinstance(text, str) and in_other_script(text)]
    reason = ("written mostly in another alphabet than the Latin one: sentiment and hostility "
              "read English words only, so these comments score as neutral and civil whatever "
              "they say")
    warn_named_comments(report, KIND, found, reason)


def warn_named_comments(report: IngestionReport, kind: str, labels: Sequence[str], reason: str
                        ) -> None:
    """One warning of ``kind`` naming the first comments of ``labels`` by their place and
    counting the rest, when there are any."""
    if not labels:
        return
    shown = ", ".join(labels[:NAMED_AT_MOST]) + (", ..." if len(labels) > NAMED_AT_MOST else "")
    lines = tuple(n for label in labels for n in place(label).get("lines", ()))
    count = f"{len(labels)} comment{'s' if len(labels) > 1 else ''}"
    report.warn(f"{count} ({shown}) {reason}", kind, reason, lines=lines)
