"""Split a scraped comment section (about one comment per line) into comments.

A scraped page lists comments one per line with no author, time or reply links, but one comment
can span several lines: paragraphs, list items, a quoted line followed by the reply. Each join of
a line to the line before it is decided by a named evidence rule, and the rules that fired are
kept in ``Segment.evidence`` so a reader can check them. A blank line (a gap in the line numbers)
ends a comment, except on a page whose form says otherwise (``blank_paragraph``, ``numbered``).

Join clues, in the order tried. The figures are join precision on the 8 Reddit threads of
``../shared/eval/threads``; ``benchmarks/clue_table.py`` measures each clue in and out of sample
(leave one thread out) and only those that beat "one line = one comment" there are in
``SHIPPED_JOINS``. The rare wording cues (list, unfinished, ordinal, example, self-reference,
sign-off, verbless list) fire too seldom to be measured alone and are measured as one,
``CONTINUATION_FORM`` (6/6).

- ``intro_colon``: the previous line ends with ``:`` (15/15).
- ``list``: a bullet or numbered item after an intro line or another item (2/2).
- ``lowercase`` / ``unfinished``: the previous line stops mid-sentence (a comma, an open bracket
  or quote, a dash, a function word such as "and"/"the") and this line does not start like a
  new sentence (2/2). Lower-case starts alone are not evidence: 15/54 on Reddit.
- ``marker``: the line opens with a continuation marker ("Edit:", "PS", "Also", "Anyhow",
  "At the end of the day"; ``lexicons/segment_markers.txt``; 40/44). "But" counts only
  between two lines of 30+ characters with no question on either side (4/5). "And"
  (``marker_and``, 3/7), "So" and "Or" are not markers (5/14, 5/13).
- ``self-reference``: "Like I said", "I could also ..." (1/1).
- ``example``: "For example", "A classic example ..." (0 on Reddit).
- ``signoff``: "Have a good one", "Cheers" (``lexicons/segment_signoffs.txt``; 1/1).
- ``ordinal``: "One, ..." in the previous line, then "Two, ..." / "Second, ...".
- ``dialogue``: quoted speech after quoted speech, or 'Them: "..."' speaker lines (10/11).
- ``verbless list`` / ``fragment``: four or more short comma-separated items without a verb
  ("Seven Years War, War of Austrian Succession, WW1, WW2."), then lines without a verb that
  follow such a list ("Available for the Cold War"); ``lexicons/segment_verbs.txt``.
- ``quote_reply``: a line of 3+ words found verbatim in the last 4-8k characters is a
  blockquote: it starts a new comment and the next line, the reply, joins it (31/39). A
  further quote of text before that comment, right after its reply, continues a
  point-by-point reply (1/1).

- ``numbered``: where the page numbers its comments ("1. ", "2) ", "#3 ", "[4] " opening its
  first line and 30% of its lines, counting up by one), a numbered line starts a comment and a
  line without a number goes on the comment above; no other clue joins there.
- ``blank_paragraph``: where blank lines stand between a comment's paragraphs and the comments
  are one per line (the lines after a blank line draw join clues as often as lines that go on
  a comment, the lines right under another as seldom as lines that start one), a line after a
  blank line continues the comment above.
- ``blank_separated``: where blank lines separate the comments (half the breaks between comment
  lines or more), a line with no blank line before it continues the comment above, unless the
  other clues join far fewer of those lines than they join continuations on any Reddit thread
  (then the blank lines stand between threads, not comments). ``benchmarks/blank_lines.py``
  measures it on the Reddit threads written with blank lines.

Without one of these cues a line is a comment of its own. A "same voice continues" score (shared
words, both lines saying "you", long paragraphs, with a threshold set by the page's line
length) was measured and removed: 1/2 on Reddit, and on unseen news pages whose comments were
each given on one line it joined separate comments (0.739 exact spans where one line per
comment gives 1.000). "And" as a marker (``marker_and``, 3/7) and "a line announcing what
follows" (``intro_phrase``, 1/2) are measured but not shipped.

Paragraph continuations without a cue are left as separate comments: no cheap cue separates
them from replies, and a wrong join costs two correct comments while a right one gains at most
one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from scipy.special import bdtr

from analysis.calibration import probability

__all__ = ["PAGE_FORM_JOINS", "SHIPPED_JOINS", "BlankParagraphs", "BlankSeparated", "Numbered",
           "PageForm", "Segment", "blank_paragraphs", "blank_separated", "boundary_context",
           "boundary_log_odds", "numbered_comments", "segment_comments",
           "segment_section"]


@dataclass(frozen=True)
class Segment:
    """One comment: its 1-based inclusive line span, text, join evidence, truncation flag and
    the out-of-sample probability that the span is exactly right."""

    line_start: int
    line_end: int
    text: str
    evidence: str
    truncated: bool
    confidence: float = 1.0


# Join clues, in the order tried (the first enabled one that fires names the join).
INTRO_COLON = "intro_colon"
LIST_ITEM = "list_item"
UNFINISHED = "unfinished"
MARKER = "marker"
MARKER_AND = "marker_and"
SELF_REFERENCE = "self_reference"
EXAMPLE = "example"
SIGNOFF = "signoff"
ORDINAL = "ordinal"
INTRO_PHRASE = "intro_phrase"
DIALOGUE = "dialogue"
VERBLESS = "verbless_list"
QUOTE_REPLY = "quote_reply"
BLANK_SEPARATED = "blank_separated"
BLANK_PARAGRAPH = "blank_paragraph"
NUMBERED = "numbered"

CONTINUATION_FORM = frozenset({LIST_ITEM, UNFINISHED, SELF_REFERENCE, EXAMPLE, SIGNOFF, ORDINAL,
                               VERBLESS})
"""Clues that each fire too rarely to be measured alone, measured as one: the line's own wording
says it goes on from the line before (a list item, the rest of an unfinished sentence, "two"
after "one", "for example", "like I said", a sign-off, a verbless list)."""

ALL_JOINS = (INTRO_COLON, LIST_ITEM, UNFINISHED, MARKER, MARKER_AND, SELF_REFERENCE, EXAMPLE,
             SIGNOFF, ORDINAL, INTRO_PHRASE, DIALOGUE, VERBLESS, QUOTE_REPLY, BLANK_SEPARATED,
             BLANK_PARAGRAPH, NUMBERED)
"""Every join clue implemented, shipped or not (``benchmarks/clue_table.py`` measures each)."""

PAGE_FORM_JOINS = frozenset({BLANK_SEPARATED, BLANK_PARAGRAPH, NUMBERED})
"""Joins that a page's form decides (blank lines, numbers), not a line's wording."""

SHIPPED_JOINS = frozenset({INTRO_COLON, MARKER, DIALOGUE, QUOTE_REPLY} | PAGE_FORM_JOINS
                          | CONTINUATION_FORM)
"""The join clues that beat "one line = one comment" leaving one Reddit thread out."""


BLANK_SEPARATED_MIN_SHARE = 0.5
"""A page separates its comments with blank lines when at least this share of the breaks between
its comment lines are blank lines; its lines without a blank line between are then one comment
(``blank_separated``). Pages whose comments are one per line have no such breaks, and a page
with a blank line only between threads has far fewer (about the share of top-level comments)."""
BLANK_SEPARATED_MIN_GAPS = 3
"""... and at least this many blank-line breaks, so one stray blank line decides nothing."""
CONTINUATION_CLUE_COVERAGE = 0.091
"""The lowest share, on any of the 8 Reddit threads, of the lines that continue a comment which
the other join clues join (0.09-0.60 per thread; ``benchmarks/blank_lines.py``). Where blank
lines separate comments, the line pairs without a blank between are continuations, so a clue
should join about that share of them at least; far fewer says they are separate comments (a
blank line between threads only, most threads one comment long) and the page is not read as
blank-separated."""
BOUNDARY_CLUE_JOINS = 0.022
"""The highest share, on any of the 8 Reddit threads, of the breaks between two comments that the
join clues wrongly join (0.000-0.022 per thread; ``benchmarks/indented_pages.py``): set against
CONTINUATION_CLUE_COVERAGE, it tells whether a page's line pairs of some kind are breaks between
comments or lines of one comment (``analysis.indentation``)."""
BLANK_PARAGRAPH_MIN_LOG_ODDS = math.log(20)
"""Blank lines stand between a comment's paragraphs (``blank_paragraph``: the comments are one
per line, a comment's paragraphs apart by a blank line, as a scraper that joins texts holding
blank lines with single line breaks leaves them) when the lines after a blank line look at
least 20 times likelier to go on a comment than to start one (:func:`boundary_log_odds`), and
the lines right under another likelier to start one. Both are asked for: where a blank line
stands between all lines (none right under another), the lines after one are a mix of both
kinds, and their clue rate alone can point either way."""
BLANK_SEPARATED_REJECT_BELOW = 0.05
"""... "far fewer": fewer clue joins than a binomial draw at CONTINUATION_CLUE_COVERAGE gives
with this probability."""


@dataclass(frozen=True)
class BlankSeparated:
    """Why a page's comments read as separated by blank lines: the breaks between its comment
    lines that are blank lines, all breaks, and how many of the line pairs without a blank
    between drew another join clue."""

    blank_breaks: int
    breaks: int
    clue_joins: int

    def describe(self) -> str:
        pairs = self.breaks - self.blank_breaks
        return (f"blank lines separate the comments ({self.blank_breaks} of "
                f"{self.breaks} breaks between comment lines; other join clues on "
                f"{self.clue_joins} of the {pairs} line pairs without one)")


NUMBERED_MIN_SHARE = 0.3
"""A page numbers its comments ("1. ...", "2) ...", "#3 ...", "[4] ..." at the start of a line)
when its first comment line is numbered, at least this share of its lines are, and the numbers
count up by one from line to numbered line (NUMBERED_MIN_STEPS of the steps; a comment holds
1.3-1.8 lines on average, so a numbered page has well over this share). A list inside one
comment counts 3-6 items among many lines, and the page's first line seldom opens it."""
NUMBERED_MIN_STEPS = 0.9
NUMBERED_MIN_LINES = 3
_NUMBER = re.compile(r"\s*(?:#\s?(?P<a>\d{1,6})\b[.:)]?|\(?(?P<b>\d{1,6})[.):]|\[(?P<c>\d{1,6})\])"
                     r"\s+\S")


@dataclass(frozen=True)
class Numbered:
    """Why a page reads as numbering its comments: the numbered lines (their numbers count up)
    among all lines."""

    numbered: int
    lines: int
    first: int
    last: int

    def describe(self) -> str:
        return (f"the page numbers its comments ({self.numbered} of its {self.lines} lines "
                f"open with a number, {self.first} to {self.last})")


def _comment_number(text: str) -> int | None:
    match = _NUMBER.match(text[:_HEAD])
    return None if match is None else int(next(g for g in match.groups() if g is not None))


def numbered_comments(lines: Sequence[tuple[int, str]], joins: frozenset[str] = SHIPPED_JOINS
                      ) -> Numbered | None:
    """Whether a section numbers its comments (see NUMBERED_MIN_SHARE): then a numbered line
    starts a comment and a line without a number goes on the comment above. None when not, or
    when ``joins`` leaves ``numbered`` out."""
    if NUMBERED not in joins or not lines:
        return None
    numbers = [_comment_number(text if isinstance(text, str) else str(text))
               for _, text in lines]
    present = [n for n in numbers if n is not None]
    if (numbers[0] is None or len(present) < max(NUMBERED_MIN_LINES,
                                                 NUMBERED_MIN_SHARE * len(lines))):
        return None
    steps = sum(1 for before, after in zip(present, present[1:], strict=False)
                if after == before + 1)
    if steps < NUMBERED_MIN_STEPS * (len(present) - 1):
        return None
    return Numbered(len(present), len(lines), present[0], present[-1])


def boundary_log_odds(joined: int, pairs: int, boundary: float = BOUNDARY_CLUE_JOINS,
                      continuation: float = CONTINUATION_CLUE_COVERAGE) -> float:
    """Log-likelihood ratio that ``pairs`` line pairs of one kind (after a blank line, one step
    deeper, ...), of which the join clues join ``joined``, are breaks between comments (the
    clues join at most ``boundary`` of those) rather than lines of one comment (they join at
    least ``continuation`` of those); 0 for no pairs."""
    return (joined * math.log(boundary / continuation)
            + (pairs - joined) * math.log((1 - boundary) / (1 - continuation)))


@dataclass(frozen=True)
class BlankParagraphs:
    """Why a page's blank lines read as standing between a comment's paragraphs: how many lines
    follow a blank line and how many of them a join clue would join to the line above, and the
    same for the lines right under another."""

    after_blank: int
    after_blank_joined: int
    adjacent: int
    adjacent_joined: int

    def describe(self) -> str:
        return (f"blank lines stand between a comment's paragraphs (join clues on "
                f"{self.after_blank_joined} of the {self.after_blank} lines after a blank line, "
                f"{self.adjacent_joined} of the {self.adjacent} lines right under another)")


def blank_paragraphs(lines: Sequence[tuple[int, str]], joins: frozenset[str] = SHIPPED_JOINS,
                     calibration: Callable[[str, str], float] = probability,
                     starts: frozenset[int] = frozenset(),
                     boundary: float = BOUNDARY_CLUE_JOINS,
                     continuation: float = CONTINUATION_CLUE_COVERAGE) -> BlankParagraphs | None:
    """Whether the blank lines of a section stand between a comment's paragraphs, with the
    comments one per line (see BLANK_PARAGRAPH_MIN_LOG_ODDS; ``boundary`` and ``continuation``
    as in :func:`boundary_log_odds`); None when not, or when ``joins`` leaves
    ``blank_paragraph`` out."""
    if BLANK_PARAGRAPH not in joins:
        return None
    return _blank_paragraphs(lines, _plain(lines, joins, calibration, starts), joins,
                             calibration, starts, boundary, continuation)


def _plain(lines: Sequence[tuple[int, str]], joins: frozenset[str],
           calibration: Callable[[str, str], float], starts: frozenset[int]) -> list[Segment]:
    """The section segmented without the page-form clues."""
    return segment_comments(lines, joins - PAGE_FORM_JOINS, calibration, starts=starts)


def _adjacent(numbers: Sequence[int], starts: frozenset[int]) -> list[int]:
    """Indices of the lines right under the line above (no blank line, no start between)."""
    return [k for k in range(1, len(numbers))
            if numbers[k] == numbers[k - 1] + 1 and numbers[k] not in starts]


def _joined_indices(numbers: Sequence[int], segments: Sequence[Segment]) -> set[int]:
    """Indices of the lines that the segments join to the line above."""
    index = {number: k for k, number in enumerate(numbers)}
    return {index[n] for s in segments for n in range(s.line_start + 1, s.line_end + 1)
            if n in index}


def _blank_paragraphs(lines: Sequence[tuple[int, str]], plain: Sequence[Segment],
                      joins: frozenset[str], calibration: Callable[[str, str], float],
                      starts: frozenset[int], boundary: float, continuation: float
                      ) -> BlankParagraphs | None:
    numbers = [number for number, _ in lines]
    after_blank = [k for k in range(1, len(numbers))
                   if numbers[k] != numbers[k - 1] + 1 and numbers[k] not in starts]
    if len(after_blank) < BLANK_SEPARATED_MIN_GAPS:
        return None
    adjacent = _adjacent(numbers, starts)
    # A cheap test first, on the lines right under another as the plain reading joins them:
    # most pages with blank lines fail it, and then the lines need not be read again.
    joined = _joined_indices(numbers, plain)
    if boundary_log_odds(len(joined.intersection(adjacent)), len(adjacent), boundary,
                         continuation) <= 0:
        return None
    # The clues read each line against the line above, as if no blank line stood between.
    closed_up = [(k + 1, text) for k, (_, text) in enumerate(lines)]
    kept_apart = frozenset(k + 1 for k, number in enumerate(numbers) if number in starts)
    joined = _joined_indices(range(1, len(lines) + 1),
                             _plain(closed_up, joins, calibration, kept_apart))
    reading = BlankParagraphs(len(after_blank), len(joined.intersection(after_blank)),
                              len(adjacent), len(joined.intersection(adjacent)))
    odds = [boundary_log_odds(joined, pairs, boundary, continuation) for joined, pairs in (
        (reading.after_blank_joined, reading.after_blank),
        (reading.adjacent_joined, reading.adjacent))]
    if -odds[0] < BLANK_PARAGRAPH_MIN_LOG_ODDS or odds[1] <= 0:
        return None
    return reading


def blank_separated(lines: Sequence[tuple[int, str]], joins: frozenset[str] = SHIPPED_JOINS,
                    calibration: Callable[[str, str], float] = probability,
                    clue_coverage: float = CONTINUATION_CLUE_COVERAGE,
                    starts: frozenset[int] = frozenset()) -> BlankSeparated | None:
    """Whether blank lines separate the comments of a section (``lines`` as
    :func:`segment_comments` takes them): at least BLANK_SEPARATED_MIN_SHARE of the breaks
    between its lines are blank lines, and the other join clues do not say the lines without a
    blank between are separate comments (see CONTINUATION_CLUE_COVERAGE). None when not, or when
    ``joins`` leaves ``blank_separated`` out."""
    if BLANK_SEPARATED not in joins:
        return None
    return _blank_separated([number for number, _ in lines],
                            _plain(lines, joins, calibration, starts), starts, clue_coverage)


def _blank_separated(numbers: Sequence[int], plain: Sequence[Segment], starts: frozenset[int],
                     clue_coverage: float) -> BlankSeparated | None:
    breaks = len(numbers) - 1
    blank_breaks = sum(1 for before, after in zip(numbers, numbers[1:], strict=False)
                       if after != before + 1)
    if blank_breaks < max(BLANK_SEPARATED_MIN_GAPS, BLANK_SEPARATED_MIN_SHARE * breaks):
        return None
    # A comment never spans a blank line, so its lines are adjacent: one join each.
    clue_joins = sum(s.line_end - s.line_start for s in plain)
    pairs = len(_adjacent(numbers, starts))
    if pairs and float(bdtr(clue_joins, pairs, clue_coverage)) < BLANK_SEPARATED_REJECT_BELOW:
        return None
    return BlankSeparated(blank_breaks, breaks, clue_joins)


# Features are computed on at most this many leading / trailing characters of a line, so a 5 MB
# line costs no more than a short one.
_HEAD = 200
_TAIL = 200
# A line is looked up as a quote in the last 4,000-8,000 characters of earlier lines.
_QUOTE_MIN_CHARS = 12
_QUOTE_MAX_CHARS = 400
_QUOTE_WINDOW_CHARS = 4000
# "And"/"But" join only between lines at least this long (shorter ones are mostly quips).
_AND_BUT_MIN_CHARS = 30
_AND = re.compile(r"^and(?![\w'’])", re.IGNORECASE)
_INTRO_KEYS = ("here", "lay it out", "as follows", "let me", "for example", "for instance", "e.g.")
# A cheap test first: each intro phrase holds one of these.
_INTRO_KEY = re.compile("|".join(re.escape(key) for key in _INTRO_KEYS))
_INTRO_PHRASE = re.compile(
    r"\b(?:here(?:'s|’s| is| are) (?:why|what|how|the thing|a|an|my|some)|lay it out|as follows|"
    r"let me explain|let me break|for example|for instance|e\.g\.)\b",
    re.IGNORECASE,
)


def _read_lexicon(name: str) -> tuple[str, ...]:
    text = resources.files("analysis").joinpath("lexicons", name).read_text(encoding="utf-8")
    words = []
    for raw in text.splitlines():
        word = raw.strip().lower()
        if word and not word.startswith("#"):
            words.append(word)
    return tuple(words)


_Lexicons = tuple[frozenset[str], re.Pattern[str], re.Pattern[str]]


def _opening_pattern(name: str) -> re.Pattern[str]:
    """Whole-word, case-insensitive match of any lexicon entry at the start of a line."""
    words = sorted(_read_lexicon(name), key=len, reverse=True)
    return re.compile(
        "^(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w'’])", re.IGNORECASE
    )


@cache
def _lexicons() -> _Lexicons:
    verbs = frozenset(_read_lexicon("segment_verbs.txt"))
    return verbs, _opening_pattern("segment_markers.txt"), _opening_pattern("segment_signoffs.txt")


# Endings are tested on the last few characters of a line (after rstrip), never with a
# whole-line search: that keeps the per-line cost flat.
_OPEN_CHARS = frozenset(",;([{“‘«-–—")
_OPEN_WORDS = frozenset(
    "and or but the a an of to with because that which for in on at from by as if than then so "
    "my your their our is are was were".split()
)
_SELF_REFERENCE = re.compile(
    r"^(?:\W*(?:and|but|so)\W+)?(?:like|as) I (?:said|mentioned|wrote|say)\b"
    r"|^I(?:'d|’d| would| could| will|'ll|’ll| can| should| might)? also\b",
    re.IGNORECASE,
)
_EXAMPLE = re.compile(
    r"^(?:for example|for instance|e\.g\.|an? (?:classic|good|perfect|prime|clear) example)\b",
    re.IGNORECASE,
)
# A line of quoted speech ("That'll be 2.659 euros.") or a speaker label ('Them: "..."').
_DIALOGUE = re.compile(r"""^(?:[\w .]{1,24}:\s?)?["“„«]""")
_BULLET = re.compile(r"^\s*(?:[-*•·▪►–—]\s+|\(?\d{1,2}[.)]\s+|\(?[a-hA-H][.)]\s+)")
# "One, ..." at the start of a sentence of the previous line (not "one of them").
_ORDINAL_FIRST = re.compile(r"(?:^|[.!?:]\s+)\W{0,3}(?:one|first|firstly|1)[,.):]", re.IGNORECASE)
_ORDINAL_NEXT = re.compile(
    r"^\W{0,3}(?:and\s+)?(?:two|second|secondly|2|three|third|thirdly|3)\b[,.):]?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_CONTRACTION = re.compile(r"(?:n't|n’t|'re|’re|'ve|’ve|'ll|’ll|'m|’m|'d|’d)$", re.IGNORECASE)
_DEBRIS_END = re.compile(r"(?:\s\*+[-*]*|\*-+|-{3,}|_{3,})$")
_RUNOFF_END = re.compile(r"\w(?:…|\.\.\.)$")
_QUOTE_TRIM = "\"'“”‘’«»>-–—•* \t"


def _has_verb(text: str, verbs: frozenset[str]) -> bool:
    for match in _WORD.finditer(text[:_HEAD]):
        word = match.group().lower()
        if _CONTRACTION.search(word):
            return True
        bare = word.replace("'", "").replace("’", "")
        if bare in verbs:
            return True
        if len(bare) > 4 and (bare.endswith("ed") or bare.endswith("ing")):
            return True
    return False


def _is_truncated(text: str, is_last: bool) -> bool:
    tail = text[-_TAIL:].rstrip()
    if not tail or tail[-1] not in "*-_….":
        return False
    if _DEBRIS_END.search(tail[-12:]):
        return True
    return is_last and bool(_RUNOFF_END.search(tail[-4:]))


def _ends_open(tail: str) -> bool:
    """The line stops mid-sentence: a comma, an open bracket, a dash or a function word."""
    if tail[-1] in _OPEN_CHARS:
        # ":(" and ":-(" are emoticons, not open brackets.
        return not (tail[-1] in "([" and tail[-3:-1].strip("-") in (":", ";", "=", ":-", ";-"))
    if ("(" in tail and tail.count("(") > tail.count(")")) or (
        "“" in tail and tail.count("“") > tail.count("”")
    ):
        return True
    return tail[-24:].rsplit(None, 1)[-1].lower() in _OPEN_WORDS


def _join_reasons(prev: str, cur: str, prev_clue: str,
                  lex: _Lexicons) -> Iterator[tuple[str, str]]:
    """The join clues that say ``cur`` continues the comment ``prev`` belongs to, in order, each
    with its reason in words; computed lazily, so the caller stops at the first enabled one."""
    verbs, marker_re, signoff_re = lex
    prev_tail = prev[-_TAIL:].rstrip()
    cur_head = cur[:_HEAD].lstrip()
    if not cur_head or not prev_tail:
        return
    prev_head = prev[:_HEAD].lstrip()
    cur_bullet = _BULLET.match(cur_head) is not None
    if prev_tail[-1] == ":":
        if cur_bullet:
            yield INTRO_COLON, "list item after an intro line ending with ':'"
        yield INTRO_COLON, "follows an intro line ending with ':'"
    if cur_bullet and (_BULLET.match(prev_head) or prev_clue in (LIST_ITEM, INTRO_COLON, VERBLESS)):
        yield LIST_ITEM, "list item after a list item"
    ends_open = _ends_open(prev_tail)
    if ends_open and cur_head[0].islower():
        yield UNFINISHED, "starts lower-case after an unfinished line"
    if ends_open and not _is_sentence(cur_head):
        yield UNFINISHED, "previous line ends unfinished"
    marker = marker_re.match(cur_head)
    if marker and _continues_with_marker(marker.group(), prev_tail, cur):
        yield MARKER, f"opens with the continuation marker '{marker.group()}'"
    marker = _AND.match(cur_head)
    if marker and _continues_with_marker(marker.group(), prev_tail, cur):
        yield MARKER_AND, f"opens with the continuation marker '{marker.group()}'"
    if _SELF_REFERENCE.match(cur_head):
        yield SELF_REFERENCE, "refers back to the author's own words ('like I said', 'I also')"
    if _EXAMPLE.match(cur_head):
        yield EXAMPLE, "gives an example for the line before"
    if signoff_re.match(cur_head):
        yield SIGNOFF, "sign-off"
    if _ORDINAL_NEXT.match(cur_head) and _ORDINAL_FIRST.search(prev_head):
        yield ORDINAL, "second point after a first"
    intro = prev_head[:120].lower()
    if _INTRO_KEY.search(intro) and _INTRO_PHRASE.search(intro):
        yield INTRO_PHRASE, "follows a line announcing what comes next"
    if _DIALOGUE.match(cur_head) and _DIALOGUE.match(prev_head):
        yield DIALOGUE, "quoted dialogue after quoted dialogue"
    if not _has_verb(cur_head, verbs):
        if _is_enumeration(cur_head):
            yield VERBLESS, "list without a verb"
        if prev_clue in (LIST_ITEM, VERBLESS):
            yield VERBLESS, "fragment without a verb"


def _join_reason(prev: str, cur: str, prev_clue: str, lex: _Lexicons,
                 enabled: frozenset[str]) -> tuple[str, str]:
    """The first enabled join clue for ``cur`` after ``prev`` and its reason, or ("", "")."""
    for clue, reason in _join_reasons(prev, cur, prev_clue, lex):
        if clue in enabled:
            return clue, reason
    return "", ""


def boundary_context(gap: bool) -> str:
    """What the break between two lines that no clue joins looks like: "gap" (a blank line
    between) or "line". Finer contexts (the line starts lower-case, the line before ends
    without a closing mark) moved from thread to thread and made the confidence worse out of
    sample."""
    return "gap" if gap else "line"


def _continues_with_marker(marker: str, prev_tail: str, cur: str) -> bool:
    """'And'/'But' also open replies that pick up the parent's sentence ("And usernames!"):
    only trust them on a full statement after a full statement, not around a question."""
    if marker.lower() not in ("and", "but"):
        return True
    cur_tail = cur[-_TAIL:].rstrip()
    return (
        len(cur) >= _AND_BUT_MIN_CHARS
        and len(prev_tail) >= _AND_BUT_MIN_CHARS
        and not cur_tail.endswith("?")
        and not prev_tail.endswith("?")
    )


def _is_sentence(head: str) -> bool:
    """Starts like a new sentence: a capital letter, digit or quote mark."""
    return head[0].isupper() or head[0].isdigit() or head[0] in "\"“'‘«"


def _is_enumeration(head: str) -> bool:
    """Four or more short comma-separated items ("Seven Years War, WW1, WW2, the Cold War").

    Three-item lines are too often a quip ("Both, continuously, blatantly and boorishly.").
    """
    if head.count(",") < 3:  # the common case, without splitting
        return False
    return all(len(item.split()) <= 4 for item in head.split(","))


PageForm = Numbered | BlankParagraphs | BlankSeparated


def _page_form(lines: Sequence[tuple[int, str]], joins: frozenset[str],
               calibration: Callable[[str, str], float], starts: frozenset[int],
               clue_coverage: float, boundary_joins: float
               ) -> tuple[PageForm | None, list[Segment] | None]:
    """(the page's form or None, the plain reading when the decision needed it and found no
    form, so that it need not be read again)."""
    numbered = numbered_comments(lines, joins)
    if numbered:
        return numbered, None
    numbers = [number for number, _ in lines]
    gaps = sum(1 for before, after in zip(numbers, numbers[1:], strict=False)
               if after != before + 1)
    if gaps < BLANK_SEPARATED_MIN_GAPS or not joins & {BLANK_PARAGRAPH, BLANK_SEPARATED}:
        return None, None
    plain = _plain(lines, joins, calibration, starts)
    within = (_blank_paragraphs(lines, plain, joins, calibration, starts, boundary_joins,
                                clue_coverage) if BLANK_PARAGRAPH in joins else None)
    if within:
        return within, None
    separated = (_blank_separated(numbers, plain, starts, clue_coverage)
                 if BLANK_SEPARATED in joins else None)
    return (separated, None) if separated else (None, plain)


def segment_comments(lines: Sequence[tuple[int, str]],
                     joins: frozenset[str] = SHIPPED_JOINS,
                     calibration: Callable[[str, str], float] = probability,
                     clue_coverage: float = CONTINUATION_CLUE_COVERAGE,
                     starts: frozenset[int] = frozenset(),
                     boundary_joins: float = BOUNDARY_CLUE_JOINS) -> list[Segment]:
    """Group a comment section's lines into comments.

    ``lines`` holds ``(line number, text)`` pairs in order with blank lines removed; a gap in the
    numbering marks a blank line, which ends a comment unless the page's form says otherwise
    (``blank_paragraph``, ``numbered``). ``joins`` names the join clues in
    use (the shipped ones by default; ``benchmarks/clue_table.py`` tries others) and
    ``calibration`` how likely a join by a clue, or a break in a context (see
    :func:`boundary_context`), is right; a segment's confidence is the product over the break
    before it, its joins and the break after it. Where blank lines separate the comments
    (``blank_separated``), lines without one between them are one comment; where they stand
    between a comment's paragraphs (``blank_paragraph``), a line after one goes on the comment
    above (``clue_coverage`` and ``boundary_joins``: see CONTINUATION_CLUE_COVERAGE and
    BOUNDARY_CLUE_JOINS); where the page numbers its comments (``numbered``), a numbered line
    starts one and a line without a number goes on the one above. Returns segments in order;
    every input line is in exactly one segment. A line numbered in ``starts`` starts a comment,
    as after a blank line (its indentation says so, see ``analysis.indentation``). Never raises
    on any ``str`` input.
    """
    form, plain = _page_form(lines, joins, calibration, starts, clue_coverage, boundary_joins)
    return plain if plain is not None else _group(lines, joins, calibration, starts, form)


def segment_section(lines: Sequence[tuple[int, str]], starts: frozenset[int] = frozenset()
                    ) -> tuple[list[Segment], PageForm | None]:
    """:func:`segment_comments` with the shipped clues, and the page form it followed (for
    the reader's report), each decided once."""
    form, plain = _page_form(lines, SHIPPED_JOINS, probability, starts,
                             CONTINUATION_CLUE_COVERAGE, BOUNDARY_CLUE_JOINS)
    if plain is not None:
        return plain, None
    return _group(lines, SHIPPED_JOINS, probability, starts, form), form


def _group(lines: Sequence[tuple[int, str]], joins: frozenset[str],
           calibration: Callable[[str, str], float], starts: frozenset[int],
           form: PageForm | None) -> list[Segment]:
    """The grouping of :func:`segment_comments`, the page's form decided."""
    lex = _lexicons()
    nums = [num for num, _ in lines]
    texts = [(text if isinstance(text, str) else str(text)).rstrip() for _, text in lines]
    groups: list[list[int]] = []  # indices into lines
    reasons: list[list[str]] = []
    # Probability that each decision is right: a join by its clue, a break by its context.
    decided: list[float] = []
    # Recent text, lower-cased, for the quote rule: one string so a look-up is one search.
    recent = ""
    recent_from = 0  # index of the oldest line that may still be in ``recent``
    prev_clue = ""
    quoted = -1  # line number the previous line quotes, when it is a blockquote
    opened_by_quote = False  # the current comment starts with a blockquote
    join_p = {clue: calibration("join", clue) for clue in ALL_JOINS}
    break_p = {context: calibration("boundary", context)
               for context in ("gap", "line")}
    numbered = form if isinstance(form, Numbered) else None
    within = form if isinstance(form, BlankParagraphs) else None
    separated = form if isinstance(form, BlankSeparated) else None
    # Where blank lines separate the comments, every line right under another joins it, so
    # neither the wording nor the quotes are read.
    quote_reply = QUOTE_REPLY in joins and not separated
    for i, cur in enumerate(texts):
        clue, reason = "", ""
        adjacent = i > 0 and nums[i] == nums[i - 1] + 1 and nums[i] not in starts
        if adjacent and quoted >= 0:
            clue, reason = QUOTE_REPLY, f"reply after a quote (L{nums[i - 1]} repeats L{quoted})"
        elif adjacent and not separated:  # where blank lines separate, every such line joins
            clue, reason = _join_reason(texts[i - 1], cur, prev_clue, lex, joins)
        quoted = -1
        low = cur[:_QUOTE_WINDOW_CHARS].lower()
        key = low[: _QUOTE_MAX_CHARS + 1].strip(_QUOTE_TRIM)
        if (
            quote_reply
            and clue != QUOTE_REPLY
            and _QUOTE_MIN_CHARS <= len(key) <= _QUOTE_MAX_CHARS
            and key.count(" ") >= 2
            and key in recent
        ):
            # A blockquote opens a reply: it starts a new comment and the next line joins it.
            quoted = next(
                (nums[b] for b in range(i - 1, recent_from - 1, -1) if key in texts[b].lower()),
                -1,
            )
            if quoted < 0:
                pass
            elif adjacent and opened_by_quote and quoted < nums[groups[-1][0]]:
                # Point-by-point replies quote the parent again further down.
                clue = QUOTE_REPLY
                reason = f"next quote of a point-by-point reply (L{nums[i]} repeats L{quoted})"
            else:
                clue, reason = "", ""
        if not clue and adjacent and separated:
            clue, reason = BLANK_SEPARATED, "no blank line before it, and " + separated.describe()
        elif within and i > 0 and not adjacent and nums[i] not in starts:
            clue, reason = BLANK_PARAGRAPH, "after a blank line, and " + within.describe()
        elif within and adjacent:
            clue, reason = "", ""  # there a line right under another starts a comment
        if numbered and i > 0:
            # The page's numbers mark where comments start, whatever the other clues say.
            clue, reason = "", ""
            if nums[i] not in starts and _comment_number(cur) is None:
                clue, reason = NUMBERED, "no number before it, and " + numbered.describe()
        if clue and groups:
            groups[-1].append(i)
            reasons[-1].append(f"L{nums[i]}: {reason}")
            decided.append(join_p[clue])
        else:
            groups.append([i])
            reasons.append([])
            opened_by_quote = quoted >= 0
            decided.append(1.0 if i == 0 else
                           break_p[boundary_context(not adjacent)])
        prev_clue = clue
        recent += low + "\n"
        if len(recent) > 2 * _QUOTE_WINDOW_CHARS:
            recent = recent[-_QUOTE_WINDOW_CHARS:]
            size, back = 0, i
            while back > recent_from and size < _QUOTE_WINDOW_CHARS:
                size += min(len(texts[back]), _QUOTE_WINDOW_CHARS) + 1
                back -= 1
            recent_from = back
    decided.append(1.0)  # the section's end is a boundary
    out = []
    for k, (group, why) in enumerate(zip(groups, reasons, strict=True)):
        # Right when the break before it, each join inside it and the break after it are.
        confidence = 1.0
        for j in range(group[0], group[-1] + 2):
            confidence *= decided[j]
        out.append(Segment(
            line_start=nums[group[0]],
            line_end=nums[group[-1]],
            text="\n".join(texts[j] for j in group),
            evidence="; ".join(why),
            truncated=_is_truncated(texts[group[-1]], k == len(groups) - 1),
            confidence=round(confidence, 3),
        ))
    return out
