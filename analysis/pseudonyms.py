"""Pseudonyms for participants: every author name replaced, in every column that can carry it.

A pseudonym is ``P-`` and the first hex digits of HMAC-SHA256(key, name): a keyed hash, never
the bare hash of the name (anyone could hash a list of user names and match). The same name gets
the same pseudonym throughout one analysis, and across runs only with the same key; the default
key is random (:func:`random_key`), so two runs without a key cannot be linked.

:func:`pseudonymise_comments` replaces the names in the per-comment table: the author column, and
every whole-word occurrence of a participant's name (case-insensitive) in the comment text, the
reply and segmentation evidence and the topic labels; hostility spans are moved with the text.
A name that is also an ordinary word is replaced wherever that word stands alone: a leak costs
more than a garbled word. Everything shown or exported afterwards is computed from that table.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.people import participant_names
from analysis.schema import LIST_SEPARATOR, ArticleCol, Col

PREFIX = "P-"
HEX_DIGITS = 6
"""Digits shown; a collision within one analysis lengthens the colliding pseudonyms."""
TEXT_COLUMNS = (Col.TEXT, Col.REPLY_EVIDENCE, Col.SEGMENT_EVIDENCE, Col.TOPIC_LABEL,
                Col.HOSTILITY_WORDS)
"""Columns whose text may cite a participant's name, besides Col.AUTHOR."""
_WORD = re.compile(r"\w+")
_SPAN = re.compile(r"^(.*):(\d+)-(\d+)$")


def random_key() -> bytes:
    """A fresh random key: pseudonyms that no later run can reproduce."""
    return secrets.token_bytes(32)


def key_from_text(text: str) -> bytes:
    """The key a user types (``--pseudonym-key``, the app's key field)."""
    return text.encode("utf-8")


def _digest(key: bytes, name: str) -> str:
    return hmac.digest(key, name.encode("utf-8"), "sha256").hex()


def pseudonym_map(names: Iterable[str], key: bytes) -> dict[str, str]:
    """Name -> pseudonym for each distinct name. Names whose first HEX_DIGITS digits collide get
    as many more digits as they need to differ; a name's pseudonym depends only on the key and
    on which names collide with it."""
    digests = {name: _digest(key, name) for name in dict.fromkeys(names)}
    width = {name: HEX_DIGITS for name in digests}
    while True:
        seen: dict[str, list[str]] = {}
        for name, digest in digests.items():
            seen.setdefault(digest[: width[name]], []).append(name)
        clashes = [group for group in seen.values() if len(group) > 1]
        if not clashes:
            break
        for group in clashes:
            for name in group:
                width[name] += 2
    return {name: PREFIX + digest[: width[name]] for name, digest in digests.items()}


@dataclass
class NameReplacer:
    """Replaces participants' names, as whole words and in any letter case, by pseudonyms.

    A text is read word by word: only where a word starts some name is the name compared, so
    the cost grows with the text, not with the number of names."""

    mapping: dict[str, str]

    def __post_init__(self) -> None:
        # Several names may differ only in case ("Bob", "bob"): text written in another case
        # goes to the first of them (the table's order), the exact case to its own.
        self._lowered: dict[str, str] = {}
        for name, pseudonym in self.mapping.items():
            if name.strip():
                self._lowered.setdefault(name.lower(), pseudonym)
        self._by_first_word: dict[str, list[str]] = {}
        odd = []
        for lowered in self._lowered:
            first = _WORD.match(lowered)
            if first:
                self._by_first_word.setdefault(first.group(0), []).append(lowered)
            else:  # starts with punctuation ("[x]", "-bob-"): found by a pattern instead
                odd.append(lowered)
        self._first_words = frozenset(self._by_first_word)
        for names in self._by_first_word.values():
            names.sort(key=len, reverse=True)  # the longest name that fits wins
        self._odd = re.compile("|".join(
            rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(odd, key=len, reverse=True)),
            re.IGNORECASE) if odd else None

    def _pseudonym(self, found: str) -> str:
        return self.mapping.get(found) or self._lowered[found.lower()]

    def _matches(self, text: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        taken = -1
        for word in _WORD.finditer(text):
            start = word.start()
            if start < taken:
                continue
            candidates = self._by_first_word.get(word.group(0).lower())
            if not candidates:
                continue
            for name in candidates:
                end = start + len(name)
                if text[start:end].lower() == name and _ends_word(text, end):
                    found.append((start, end))
                    taken = end
                    break
        if self._odd is not None:
            found.extend(m.span() for m in self._odd.finditer(text))
            found.sort()
            kept: list[tuple[int, int]] = []
            for span in found:
                if not kept or span[0] >= kept[-1][1]:
                    kept.append(span)
            found = kept
        return found

    def replace(self, text: str) -> tuple[str, list[tuple[int, int, int]]]:
        """``text`` with every name replaced, and the replaced spans as (start, end, new
        length) in the original text, in order."""
        if not text or not self._lowered:
            return text, []
        # Most texts name nobody: one C-level scan of their words settles it.
        if self._odd is None and self._first_words.isdisjoint(_WORD.findall(text.lower())):
            return text, []
        spans = self._matches(text)
        if not spans:
            return text, []
        moves: list[tuple[int, int, int]] = []
        pieces: list[str] = []
        last = 0
        for start, end in spans:
            pseudonym = self._pseudonym(text[start:end])
            pieces.append(text[last:start])
            pieces.append(pseudonym)
            moves.append((start, end, len(pseudonym)))
            last = end
        pieces.append(text[last:])
        return "".join(pieces), moves


def _ends_word(text: str, end: int) -> bool:
    """True when no word character follows position ``end`` (the name ends a word)."""
    return end >= len(text) or not (text[end].isalnum() or text[end] == "_")


def _moved(offset: int, moves: list[tuple[int, int, int]], is_end: bool) -> int:
    """Where a character offset of the original text lands after the replacements; an offset
    inside a replaced name goes to the pseudonym's start (or, for a span's end, its end)."""
    shift = 0
    for start, end, length in moves:
        if offset >= end:
            shift += length - (end - start)
        elif offset > start or (is_end and offset == end):
            return start + shift + (length if is_end else 0)
        else:
            break
    return offset + shift


def _moved_spans(spans: object, moves: list[tuple[int, int, int]]) -> object:
    """Col.HOSTILITY_SPANS ("marker:start-end;...") moved with the text's replacements."""
    if not moves or not isinstance(spans, str) or not spans:
        return spans
    out = []
    for part in spans.split(LIST_SEPARATOR):
        found = _SPAN.match(part)
        if not found:
            out.append(part)
            continue
        marker, start, end = found.group(1), int(found.group(2)), int(found.group(3))
        out.append(f"{marker}:{_moved(start, moves, False)}-{_moved(end, moves, True)}")
    return LIST_SEPARATOR.join(out)


def pseudonymise_comments(comments: pd.DataFrame, key: bytes
                          ) -> tuple[pd.DataFrame, dict[str, str]]:
    """The per-comment table with every participant's name replaced by its pseudonym (see the
    module docstring), and the name -> pseudonym map. A new frame; nobody (empty,
    ``[deleted]``, ``[removed]``) stays as it is."""
    if Col.AUTHOR not in comments or comments.empty:
        return comments.copy(), {}
    names = participant_names(comments[Col.AUTHOR])
    mapping = pseudonym_map(names.dropna().tolist(), key)
    if not mapping:
        return comments.copy(), {}
    replacer = NameReplacer(mapping)
    authors = comments[Col.AUTHOR].astype(object).where(names.isna(), names.map(mapping))
    updates: dict[str, object] = {Col.AUTHOR: pd.array(authors.tolist(), dtype="string")}
    for column in TEXT_COLUMNS:
        if column not in comments:
            continue
        values = comments[column].tolist()
        replaced = [replacer.replace(v) if isinstance(v, str) else (v, []) for v in values]
        updates[column] = pd.Series([text for text, _ in replaced], index=comments.index,
                                    dtype=comments[column].dtype)
        if column == Col.TEXT and Col.HOSTILITY_SPANS in comments:
            updates[Col.HOSTILITY_SPANS] = pd.Series(
                [_moved_spans(spans, moves) for spans, (_, moves) in
                 zip(comments[Col.HOSTILITY_SPANS].tolist(), replaced, strict=True)],
                index=comments.index, dtype=comments[Col.HOSTILITY_SPANS].dtype)
    return comments.assign(**updates), mapping


def pseudonymise_text(text: str, mapping: dict[str, str]) -> str:
    """``text`` (a search the user typed, say) with the names of ``mapping`` replaced."""
    if not mapping or not text:
        return text
    return NameReplacer(mapping).replace(text)[0]


def pseudonymise_articles(articles: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """The article table with the participants' names of ``mapping`` replaced in titles and
    texts (a post that names a commenter). A new frame."""
    if not mapping or articles.empty:
        return articles.copy()
    replacer = NameReplacer(mapping)
    return articles.assign(**{
        column: [replacer.replace(v)[0] if isinstance(v, str) else v
                 for v in articles[column].tolist()]
        for column in (ArticleCol.TITLE, ArticleCol.TEXT) if column in articles})
