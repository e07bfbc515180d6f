"""Why a link was chosen, as data: which clue, what it is worth, which words.

Reply inference keeps its reasons as :class:`Evidence` records until the very end; only
:func:`render` turns them into the human-readable ``reply_evidence`` text of the table. Nothing
reads that text back: the table carries what later stages need (``reply_addresses``) in a
column of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.schema import LIST_SEPARATOR

# Clue names. The first group decide a link; the second only support the default link to the
# previous comment (and move its confidence).
FIRST_COMMENT = "first_comment"
PREVIOUS = "previous_comment"
QUOTE = "quote"
QUOTE_MARKED = "quote_marked"
QUOTE_UNMARKED = "quote_unmarked"
NAME = "name"
NEW_THREAD = "new_thread"
SELF_REPLY = "same_author"
QUOTES_PREVIOUS = "quotes_previous"
BACK_AND_FORTH = "back_and_forth"
ANSWER = "answer"
LEXICAL = "lexical"
SECOND_PERSON = "second_person"
OPENER = "opener"
SHARES_NOTHING = "shares_nothing"
ARTICLE = "article"
LATER = "posted_later"
LATER_THREAD = "posted_later_thread"
LISTED = "listed_by_time"

ADDRESSING = frozenset({QUOTE, QUOTE_MARKED, QUOTE_UNMARKED, NAME, QUOTES_PREVIOUS, ANSWER,
                        SECOND_PERSON})
"""Clues by which a comment speaks to its parent's author (a quote, a name, "you", an answer)."""

_LABEL = {
    FIRST_COMMENT: "first comment",
    PREVIOUS: "previous comment",
    QUOTE: "quote",
    QUOTE_MARKED: "quote",
    QUOTE_UNMARKED: "quote",
    NAME: "name",
    NEW_THREAD: "new thread",
    SELF_REPLY: "the comment above has the same author",
    QUOTES_PREVIOUS: "quote",
    BACK_AND_FORTH: "answers back (A, B, A)",
    ANSWER: "answer",
    LEXICAL: "lexical",
    SECOND_PERSON: "second person",
    OPENER: "opener",
    SHARES_NOTHING: "shares no word with the comment above",
    ARTICLE: "takes up the article's words",
    LATER: "the comment above was posted later",
    LATER_THREAD: "every comment above on its chain was posted later",
    LISTED: "comments listed by time: their order says little about who answers whom",
}


@dataclass(frozen=True)
class Evidence:
    """One clue behind a link: its name (one of the constants above), its weight (for the
    deciding clue, the measured probability that such a link is right; for a supporting clue,
    its strength, e.g. a TF-IDF cosine) and the words it rests on (quoted words, a name)."""

    clue: str
    weight: float = 0.0
    words: str = ""


def render(items: Sequence[Evidence], back: int = 1) -> str:
    """The evidence as one line of text: clues in order, quoted words in double quotes,
    cosines with two decimals, then how far back the parent is (``back:N`` when it is not the
    comment just above)."""
    parts = []
    for item in items:
        label = _LABEL.get(item.clue, item.clue)
        if item.words:
            parts.append(f'{label}:"{item.words}"')
        elif item.clue in (LEXICAL, ARTICLE):
            parts.append(f"{label}:{item.weight:.2f}")
        else:
            parts.append(label)
    if back > 1:
        parts.append(f"back:{back}")
    return f"{LIST_SEPARATOR} ".join(parts)
