"""Split a scraped comment section (about one comment per line) into comments.

A scraped page lists comments one per line with no author, time or reply links, but one comment
can span several lines: paragraphs, list items, a quoted line followed by the reply. Each join of
a line to the line before it is decided by a named evidence rule, and the rules that fired are
kept in ``Segment.evidence`` so a reader can check them. A blank line (a gap in the line numbers)
always ends a comment.

Rules, in the order tried. The figures are join precision on the 8 Reddit threads of
``../shared/eval/threads`` (``benchmarks/eval_segmentation.py --rules``); rules that fired
too rarely there to measure were kept only where English usage makes them near-certain.

- ``intro``: the previous line ends with ``:`` (15/15), or announces what follows ("Here I'll
  lay it out for you", "for example"; 0/1).
- ``list``: a bullet or numbered item after an intro line or another item (2/2).
- ``lowercase`` / ``unfinished``: the previous line stops mid-sentence (a comma, an open bracket
  or quote, a dash, a function word such as "and"/"the") and this line does not start like a
  new sentence (2/2). Lower-case starts alone are not evidence: 15/54 on Reddit.
- ``marker``: the line opens with a continuation marker ("Edit:", "PS", "Also", "Anyhow",
  "At the end of the day"; ``lexicons/segment_markers.txt``; 43/51). "And"/"But" count only
  between two lines of 30+ characters with no question on either side: unguarded they were
  11/30, since replies often pick up the parent's sentence ("And usernames!"). "So" and "Or"
  are not markers (5/14, 5/13).
- ``self-reference``: "Like I said", "I could also ..." (1/1).
- ``example``: "For example", "A classic example ..." (0 on Reddit).
- ``signoff``: "Have a good one", "Cheers" (``lexicons/segment_signoffs.txt``; 1/1).
- ``ordinal``: "One, ..." in the previous line, then "Two, ..." / "Second, ...".
- ``dialogue``: quoted speech after quoted speech, or 'Them: "..."' speaker lines (10/11).
- ``verbless list`` / ``fragment``: four or more short comma-separated items without a verb
  ("Seven Years War, War of Austrian Succession, WW1, WW2."), then lines without a verb that
  follow such a list ("Available for the Cold War"); ``lexicons/segment_verbs.txt``.
- ``quote``: a line of 3+ words found verbatim in the last 4-8k characters is a blockquote: it
  starts a new comment and the next line, the reply, joins it (31/39). A further quote of text
  before that comment, right after its reply, continues a point-by-point reply (1/1).

- ``same voice continues``: a paragraph with none of the cues above joins when a score clears
  a page-adaptive threshold. No join if the line reads as a reply: the line before ends with a
  question, it opens with a reply opener (``lexicons/segment_reply_openers.txt``: "Yes", "Lol",
  "Wow", "Well", "So you", "Whatever", "You're" ...), opens with a quote mark or "@", assents
  in its first sentence ("... Levels yes."), quotes recent text in quote marks, or opens by
  echoing two words of recent text ("Nuclear capable is ..."). Otherwise the score adds 0.7 per
  shared content word (up to 3; ``lexicons/segment_stopwords.txt``), 0.6 when both lines say
  "you" (a rant goes on), 0.8 for an anaphoric or stance opener ("It", "If it", "I think",
  "Personally", "The problem"), 0.6 when both lines are 100+ characters, and -0.7 when the line
  is a question. The threshold comes from the page itself: 3.2 when the median line (shrunk
  towards 60 characters by 5 pseudo-lines) is <= 60 characters, falling linearly to 1.3 at
  >= 130 characters (``estimate_join_threshold``). Reddit pages (medians 32-80) stay near 3.2:
  1/2 there; forced to 2.0 on them it would be 8/19 and to 1.4, 15/53, because replies share
  their parent's words as often as continuations do. On seed 000 (median 147, threshold 1.3)
  it makes 12 joins, 8 of them the human reading's (wrong: L41, L57, L92, L98).

Paragraph continuations on chat-style pages are left as separate comments: no cheap cue
separates them from replies there, and a wrong join costs two correct comments while a right
one gains at most one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

__all__ = ["Segment", "estimate_join_threshold", "segment_comments"]


@dataclass(frozen=True)
class Segment:
    """One comment: its 1-based inclusive line span, text, join evidence and truncation flag."""

    line_start: int
    line_end: int
    text: str
    evidence: str
    truncated: bool


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


@cache
def _voice_lexicons() -> tuple[frozenset[str], frozenset[str]]:
    """Stop words for lexical continuity and reply openers (1-3 words) for the same-voice
    score."""
    return frozenset(_read_lexicon("segment_stopwords.txt")), frozenset(
        _read_lexicon("segment_reply_openers.txt")
    )


# Endings are tested on the last few characters of a line (after rstrip), never with a
# whole-line search: that keeps the per-line cost flat.
_TERMINAL_CHARS = frozenset(".!?…)]\"'”’»*~:;")
_OPEN_CHARS = frozenset(",;([{“‘«-–—")
_OPEN_WORDS = frozenset(
    "and or but the a an of to with because that which for in on at from by as if than then so "
    "my your their our is are was were".split()
)
_INTRO_KEYS = ("here", "lay it out", "as follows", "let me", "for example", "for instance", "e.g.")
# A cheap test first: each intro phrase holds one of these.
_INTRO_KEY = re.compile("|".join(re.escape(key) for key in _INTRO_KEYS))
_INTRO_PHRASE = re.compile(
    r"\b(?:here(?:'s|’s| is| are) (?:why|what|how|the thing|a|an|my|some)|lay it out|as follows|"
    r"let me explain|let me break|for example|for instance|e\.g\.)\b",
    re.IGNORECASE,
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


def _join_reason(prev: str, cur: str, prev_reason: str, lex: _Lexicons) -> str:
    """Why ``cur`` continues the comment that ``prev`` belongs to, or '' when it does not."""
    verbs, marker_re, signoff_re = lex
    prev_tail = prev[-_TAIL:].rstrip()
    cur_head = cur[:_HEAD].lstrip()
    if not cur_head or not prev_tail:
        return ""
    prev_head = prev[:_HEAD].lstrip()
    cur_bullet = _BULLET.match(cur_head) is not None
    if prev_tail[-1] == ":":
        if cur_bullet:
            return "list item after an intro line ending with ':'"
        return "follows an intro line ending with ':'"
    if cur_bullet and (_BULLET.match(prev_head) or prev_reason.startswith("list")):
        return "list item after a list item"
    ends_open = _ends_open(prev_tail)
    if ends_open and cur_head[0].islower():
        return "starts lower-case after an unfinished line"
    if ends_open and not _is_sentence(cur_head):
        return "previous line ends unfinished"
    marker = marker_re.match(cur_head)
    if marker and _continues_with_marker(marker.group(), prev_tail, cur):
        return f"opens with the continuation marker '{marker.group()}'"
    if _SELF_REFERENCE.match(cur_head):
        return "refers back to the author's own words ('like I said', 'I also')"
    if _EXAMPLE.match(cur_head):
        return "gives an example for the line before"
    if signoff_re.match(cur_head):
        return "sign-off"
    if _ORDINAL_NEXT.match(cur_head) and _ORDINAL_FIRST.search(prev_head):
        return "second point after a first"
    intro = prev_head[:120].lower()
    if _INTRO_KEY.search(intro) and _INTRO_PHRASE.search(intro):
        return "follows a line announcing what comes next"
    if _DIALOGUE.match(cur_head) and _DIALOGUE.match(prev_head):
        return "quoted dialogue after quoted dialogue"
    if _is_enumeration(cur_head) and not _has_verb(cur_head, verbs):
        return "list without a verb"
    if prev_reason.startswith(("list", "fragment")) and not _has_verb(cur_head, verbs):
        return "fragment without a verb"
    return ""


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


# --- "same voice continues": paragraphs without a cue --------------------------------------
# Words and cues are read from the first _VOICE_HEAD characters of a line only.
_VOICE_HEAD = 200
_WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W_]+)?")
# Run on lower-cased text.
_SECOND_PERSON = re.compile(r"\byou(?:r|rs|rself|'re|’re|'ve|’ve)?\b")
_CARRY_OPENER = re.compile(
    r"^(?:it(?:'s|’s)?|if (?:it|they|that)|i think|i believe|personally|here|in fact|"
    r"again|the (?:same|problem|point|issue|idea|reason))\b",
    re.IGNORECASE,
)
# A quoted passage inside the line ('So “no chance of defending Greenland” obviously ...').
_QUOTED_PASSAGE = re.compile(r"[\"“«„]\s*([^\"“”«»„]{8,200}?)\s*[\"”»“]")
_QUOTE_OPENERS = "\"“«„‘'>"
_LONG_WORD = re.compile(r"[a-z]{4,}")
# "Brigades and up to Divisional Levels yes." - an answer that assents or denies early on.
_FIRST_BREAK = re.compile(r"[.!?,]")
_ASSENT_WORDS = frozenset(("yes", "no", "agreed", "true", "exactly", "indeed"))
_TOKEN_TRIM = ".,!?;:…'\"“”‘’()*-–—"
# Weights of the same-voice score (see the module docstring for how they were set).
_W_SHARED = 0.7  # per shared content word, at most _MAX_SHARED of them
_MAX_SHARED = 3
_W_YOU = 0.6  # both lines address "you": the same rant goes on
_W_CARRY = 0.8  # anaphoric or stance opener
_W_LONG = 0.6  # both lines are paragraphs (_LONG_LINE characters or more)
_W_QUESTION = -0.7  # the line is itself a question: more often a reply
_LONG_LINE = 100
# Page prior: the score needed to join falls from _STRICT on pages of short lines (chat-style,
# median line <= _SHORT_PAGE characters) to _LENIENT on pages of paragraph-long lines (median
# >= _LONG_PAGE). The median is shrunk towards _PRIOR_MEDIAN by _PRIOR_LINES pseudo-lines so a
# short section does not swing it.
_STRICT = 3.2
_LENIENT = 1.3
_SHORT_PAGE = 60.0
_LONG_PAGE = 130.0
_PRIOR_MEDIAN = 60.0
_PRIOR_LINES = 5


def estimate_join_threshold(texts: Sequence[str]) -> float:
    """Same-voice score a paragraph needs to join the line before it on this page.

    Pages of long paragraph lines (news-site comments) get a lower threshold than pages of
    short one-liners (Reddit-style chat). Returns a value in [_LENIENT, _STRICT].
    """
    lengths = sorted(min(len(t), 2000) for t in texts)
    n = len(lengths)
    median = lengths[n // 2] if n else _PRIOR_MEDIAN
    shrunk = (n * median + _PRIOR_LINES * _PRIOR_MEDIAN) / (n + _PRIOR_LINES)
    share = min(1.0, max(0.0, (shrunk - _SHORT_PAGE) / (_LONG_PAGE - _SHORT_PAGE)))
    return _STRICT + share * (_LENIENT - _STRICT)


class _Voice(NamedTuple):
    """What the same-voice score reads from one line: its lower-cased head, its words of four
    or more letters (stop words are removed after intersecting, which is cheaper) and whether
    it says "you"."""

    low: str
    words: frozenset[str]
    you: bool


def _voice_of(text: str) -> _Voice:
    low = text[:_VOICE_HEAD].lower()
    you = "you" in low and _SECOND_PERSON.search(low) is not None
    return _Voice(low, frozenset(_LONG_WORD.findall(low)), you)


def _reply_cue(prev_tail: str, cur: _Voice, recent: str, openers: frozenset[str]) -> str:
    """Why the current line reads as a reply (then it never joins on the score), or ''.

    ``recent`` is the lower-cased text of the lines before, up to and including ``prev``.
    """
    if prev_tail.endswith(("?", "?”", '?"', "?)")):
        return "answers a question"
    head = cur.low.lstrip()
    if not head or head[0] in _QUOTE_OPENERS or head[0] == "@":
        return "opens with a quote or an address"
    tokens = [t.strip(_TOKEN_TRIM) for t in head[:48].split(None, 3)[:3]]
    if tokens[0] in openers or " ".join(tokens[:2]) in openers or " ".join(tokens) in openers:
        return "reply opener"
    stop = _FIRST_BREAK.search(head, 0, 64)
    last = head[: stop.start()].rsplit(None, 1) if stop else ()
    if last and last[-1].strip(_TOKEN_TRIM) in _ASSENT_WORDS:
        return "assents in its first sentence"
    if '"' in head or "“" in head or "«" in head or "„" in head:
        quoted = _QUOTED_PASSAGE.search(head)
        if quoted and quoted.group(1) in recent:
            return "quotes earlier text"
    # A reply often opens by echoing two words of its parent ("Nuclear capable is ...").
    if tokens[0] in ("the", "a", "an"):
        tokens = tokens[1:]
    if len(tokens) >= 2 and len(tokens[0]) > 3 and len(tokens[1]) > 3:
        if tokens[0] + " " + tokens[1] in recent:
            return "echoes earlier text"
    return ""


def _voice_reason(
    prev: str, cur: str, prev_voice: _Voice, cur_voice: _Voice, recent: str, threshold: float
) -> str:
    """'same voice continues (...)' when the score clears ``threshold``, else ''."""
    prev_tail = prev[-_TAIL:].rstrip()
    if not prev_tail or _reply_cue(prev_tail, cur_voice, recent, _voice_lexicons()[1]):
        return ""
    cues = ["no reply cue"]
    score = 0.0
    shared = (prev_voice.words & cur_voice.words) - _voice_lexicons()[0]
    if shared:
        score += _W_SHARED * min(len(shared), _MAX_SHARED)
        cues.append("shared words: " + "/".join(sorted(shared)[:4]))
    if prev_voice.you and cur_voice.you:
        score += _W_YOU
        cues.append("both address 'you'")
    if _CARRY_OPENER.match(cur_voice.low.lstrip()):
        score += _W_CARRY
        cues.append("anaphoric opener")
    if min(len(prev), len(cur)) >= _LONG_LINE:
        score += _W_LONG
        cues.append("long paragraphs")
    if cur[-_TAIL:].rstrip().endswith("?"):
        score += _W_QUESTION
        cues.append("is a question")
    # Compare at the shown precision: 0.7 + 0.6 must clear 1.3.
    if round(score, 2) < round(threshold, 2):
        return ""
    return f"same voice continues ({', '.join(cues)}: score {score:.1f} >= {threshold:.1f})"


def segment_comments(lines: Sequence[tuple[int, str]]) -> list[Segment]:
    """Group a comment section's lines into comments.

    ``lines`` holds ``(line number, text)`` pairs in order with blank lines removed; a gap in the
    numbering marks a blank line and always ends a comment. Returns segments in order; every
    input line is in exactly one segment. Never raises on any ``str`` input.
    """
    lex = _lexicons()
    nums = [num for num, _ in lines]
    texts = [(text if isinstance(text, str) else str(text)).rstrip() for _, text in lines]
    threshold = estimate_join_threshold(texts)
    # On chat-style pages no realistic score reaches the threshold: skip the word counting.
    voice = threshold < _W_SHARED * _MAX_SHARED + _W_YOU + _W_CARRY + _W_LONG
    prev_voice: _Voice | None = None  # the line before's, read only when a paragraph needs it
    groups: list[list[int]] = []  # indices into lines
    reasons: list[list[str]] = []
    # Recent text, lower-cased, for the quote rule: one string so a look-up is one search.
    recent = ""
    recent_from = 0  # index of the oldest line that may still be in ``recent``
    prev_reason = ""
    quoted = -1  # line number the previous line quotes, when it is a blockquote
    opened_by_quote = False  # the current comment starts with a blockquote
    for i, cur in enumerate(texts):
        reason = ""
        adjacent = i > 0 and nums[i] == nums[i - 1] + 1
        if adjacent and quoted >= 0:
            reason = f"reply after a quote (L{nums[i - 1]} repeats L{quoted})"
        elif adjacent:
            reason = _join_reason(texts[i - 1], cur, prev_reason, lex)
        if voice and adjacent and not reason:
            cur_voice = _voice_of(cur)
            if prev_voice is None:
                prev_voice = _voice_of(texts[i - 1])
            reason = _voice_reason(texts[i - 1], cur, prev_voice, cur_voice, recent, threshold)
            prev_voice = cur_voice
        else:
            prev_voice = None
        quoted = -1
        low = cur[:_QUOTE_WINDOW_CHARS].lower()
        key = low[: _QUOTE_MAX_CHARS + 1].strip(_QUOTE_TRIM)
        if (
            not reason.startswith("reply")
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
                reason = f"next quote of a point-by-point reply (L{nums[i]} repeats L{quoted})"
            else:
                reason = ""
        if reason and groups:
            groups[-1].append(i)
            reasons[-1].append(f"L{nums[i]}: {reason}")
        else:
            groups.append([i])
            reasons.append([])
            opened_by_quote = quoted >= 0
        prev_reason = reason
        recent += low + "\n"
        if len(recent) > 2 * _QUOTE_WINDOW_CHARS:
            recent = recent[-_QUOTE_WINDOW_CHARS:]
            size, back = 0, i
            while back > recent_from and size < _QUOTE_WINDOW_CHARS:
                size += min(len(texts[back]), _QUOTE_WINDOW_CHARS) + 1
                back -= 1
            recent_from = back
    return [
        Segment(
            line_start=nums[group[0]],
            line_end=nums[group[-1]],
            text="\n".join(texts[j] for j in group),
            evidence="; ".join(why),
            truncated=_is_truncated(texts[group[-1]], k == len(groups) - 1),
        )
        for k, (group, why) in enumerate(zip(groups, reasons, strict=True))
    ]
