"""Word lists that several analyses read, kept in one place so that they cannot drift apart.

Hostility (an insult aimed at "you"), reply inference (a comment speaking to someone on the
page) and the thread table (a reply speaking back to its parent's author) all ask whether a
text addresses its reader; they ask it with the same words.
"""

from __future__ import annotations

import re

__all__ = ["SECOND_PERSON", "SECOND_PERSON_WORDS"]

SECOND_PERSON_WORDS = frozenset(
    "you your yours you're youre yourself yourselves you've you'd you'll u ur ya thou".split()
)
"""Second-person words, lower case, with a straight apostrophe (texts with a curly one match
through :data:`SECOND_PERSON`; tokenisers that fold apostrophes match these directly)."""


def _word_pattern(words: frozenset[str]) -> re.Pattern[str]:
    # Longest first, so "you're" is read whole rather than as "you" and a stray "'re".
    alternatives = "|".join(re.escape(w).replace("'", "['’]")
                            for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w'’])", re.IGNORECASE)


SECOND_PERSON = _word_pattern(SECOND_PERSON_WORDS)
"""Any of :data:`SECOND_PERSON_WORDS` as a whole word, in any case, with either apostrophe."""
