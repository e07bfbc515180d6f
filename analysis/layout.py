"""Comment-system furniture on a scraped page: learn the page's own layout, then read by it.

Pages copied from a browser often keep what the comment system shows around each comment: a
display name, a date ("9 Mar 2020 19.17") or an age ("18h ago"), "in reply to NAME", action
links ("Reply", "Report", "Reply · Share · 12 likes"), a like or recommendation count,
numbering ("#12"), "Load more comments". Read as comments, every such line becomes a comment of
its own. This module finds which of these line kinds recur on one page and in which order, and
where they do, reads the page by them: the marker lines bound the comments and give their
author, time, like count and reply target. Nothing here knows a particular site: a line's kind
comes from its own form (:func:`classify_line`), and the display name, which has no form of its
own, from its place next to the markers that recur (:func:`read_layout`).

Pure functions: lines in, a :class:`LayoutReading` (the layout, one :class:`CommentBlock` per
comment, the marker lines with their kind) out. ``analysis.readers`` calls :func:`read_layout`
on a page's comment section and falls back to line-by-line segmentation when it returns None.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.timeline import (
    age_rows,
    age_seconds,
    ago_forms,
    bare_time,
    normalise_timestamp,
    now_forms,
)
from analysis.topics import fold_plural

__all__ = [
    "BODY_SPAN_CONFIDENCE",
    "CommentBlock",
    "Layout",
    "LayoutReading",
    "Marker",
    "ReplyLink",
    "classify_line",
    "link_replies",
    "read_layout",
]

# Line kinds. TEXT is a comment's own text; every other kind is page furniture.
TEXT = "text"
NAME = "author name"  # a display-name line: found by its place, not its form
DETAIL = "author detail"  # a second short line beside the name (a location, a badge): by place
AUTHOR = "author line"  # a line that names its author itself ("NAME says:", "NAME · 2h ago")
TIME = "time"
REPLY_TO = "in reply to"
ACTION = "action"
COUNT = "like count"
NUMBERING = "numbering"
MORE = "more comments"
PREAMBLE = "text before the first comment"  # a headerless first block of a header-led layout
EPILOGUE = "text after the last comment"  # the page's own text after the section's comments
REPEATED = "repeated line"  # a line the page repeats word for word beside its markers

MIN_BLOCKS = 3
"""A layout is read only from a marker sequence seen around at least this many comments, and a
line kind counts as a marker of the layout only where it recurs at least this often ..."""
TWO_COMMENT_BLOCKS = 2
"""... except on a page where no marker kind recurs that often: a page of two comments shows
each marker of its layout twice, so there twice is enough. A page with a marker seen three
times or more reads as it would without this (README: comment sections of 2-10 comments)."""
MIN_CONFORMING = 0.8
"""... and only when at least this share of the comments it cuts carry every marker that
recurs on (nearly) every comment: markers that turn up now and then are not a layout."""
NAME_SLOT_SHARE = 0.9
"""A line next to a recurring marker is a display name when, at this share of the marker's
occurrences, it is text, short, and alone between markers (or always glued to a body)."""
MOSTLY_ALONE = 2 / 3
"""... or, where the footer above it is sometimes hidden, alone on this share of them."""
FURNITURE_SHARE = 0.1
"""A marker-less line between comments, the same on at least this share of them, is the
page's ("Parent Thread" under each reply)."""
PLACES_PER_NAME = 2
"""A detail that commenters share (their town) names at most one for every this many of them."""
MIN_PREVIEW_CHARS = 12
"""A reply's preview of the comment it answers quotes at least this much of it, or whole words
of its first line: a shorter part of a word ("Ye" of "Yes") could open any comment."""
BODY_SPAN_CONFIDENCE = 0.95
"""segment_confidence of a body read between markers: 0.998-1.000 of such spans were exact on
the rendered pages of every layout (README), rounded down for real pages' noise."""
MAX_NAME_CHARS = 50
MAX_NAME_WORDS = 6

# Reply confidences. The link is read from the page, so its doubt is only which earlier
# comment the name means: one candidate; several (narrowed by :func:`_one_of_several`); none
# (the thread's first comment is the guess). Measured on the Reddit eval threads with their
# true authors and "in reply to" markers, flat by time and nested (README; 444 links with
# several candidates): one candidate right 1.00, a comment that answered the reply's author
# 0.98, narrowed to one by shared words or the chain above 0.74, the latest of those left
# 0.40, new thread 1.00; the figures below are those, rounded down, since real pages share
# names more than rendered ones.
CONFIDENCE_ONE_CANDIDATE = 0.95
CONFIDENCE_ANSWERED_THE_AUTHOR = 0.9
CONFIDENCE_NARROWED_TO_ONE = 0.7
CONFIDENCE_LATEST_OF_SEVERAL = 0.4
MIN_SHARED_WORDS = 1
"""Shared words narrow NAME's comments from this many on: chosen leaving one thread out
(1 in every fold, against 2-6 and none; README)."""
CONFIDENCE_NAME_NOT_SEEN = 0.3
CONFIDENCE_NEW_THREAD = 0.9
# ">>123456789": an imageboard's reply cites the post it answers by its number, which names one
# post on the page; no name to tell apart. Right on every rendered reply that cites one post,
# rounded down as the name links are. A reply that cites several posts answers each alike, so
# the first of k, the parent kept, gets 1/k of it.
CONFIDENCE_POST_NUMBER = 0.95
# "Reply from Northwind Ltd": a business's response, printed under the review it answers.
CONFIDENCE_RESPONSE = 0.95
# "replied to a thread: Too many weird…", a name over the parent's first line: a reply's
# preview quotes the opening of the comment it answers, the latest one that opens so.
CONFIDENCE_QUOTED_OPENING = 0.9


# ---------------------------------------------------------------------------- line kinds

MONTHS_PATH = Path(__file__).parent / "lexicons" / "layout_months.tsv"


MONTHS_IN_DATES_PATH = Path(__file__).parent / "lexicons" / "layout_months_in_dates.tsv"


def _load_months(path: Path = MONTHS_PATH) -> dict[str, int]:
    """Month name -> number, from ``path`` (names in lower case)."""
    months = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, number, _language = line.split("\t")
            months[name] = int(number)
    return months


_MONTHS = _load_months()
_MONTH = r"(?P<mon>" + "|".join(map(re.escape, sorted(_MONTHS, key=len, reverse=True))) + r")\.?"
# ("ago", "set": months only between a day and its year)
_MONTHS_IN_DATES = _load_months(MONTHS_IN_DATES_PATH)
_MONTH_NUMBERS = {**_MONTHS_IN_DATES, **_MONTHS}
_MONTH_IN_A_DATE = r"(?P<mon>" + "|".join(sorted(_MONTHS_IN_DATES, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
# "12:34:56.78": 5ch shows the second to a hundredth
# The minutes may go unwritten before "a.m." or "p.m." ("Oct. 14, 2016, 1 p.m.": Django's
# dates, as mail archives show them), never without.
_CLOCK = (r"(?P<hour>\d{1,2})"
          r"(?:[:.h](?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,3})?)?|(?=\s?[ap]\.?m\b))"
          # "19:17 Uhr", "19:17 น.": German's and Thai's "o'clock"; "19:17h", "19:17 hs":
          # Spanish's; "07:17 p. m.": Spanish writes the half of the day with a space inside
          r"(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?(?:\s*(?:uhr|น\.?|h\b|hs\b\.?|hrs\b\.?))?")
# "19:17 WIB": Indonesia's zones are named without a closing "t"
# "(UTC)": Wikipedia's signatures put the zone in brackets
_ZONE = (r"(?:\s*(?P<zone_bracket>\()?(?P<zone>utc|gmt|z|[+-]\d{2}:?\d{2}|[a-z]{2,4}t|wib|wita|wit)"
         r"(?(zone_bracket)\)))?")
# "в": Russian's "at" ("9 марта 2020 в 19:17", "сегодня в 19:17"); "klo": Finnish's
# ("17.8.2015 klo 15.35"), "kl." the Nordic languages' ("29 augusti 2017 kl. 03:24"; their
# months all in lexicons/layout_months.tsv, Icelandic's too, so that no page's dates are read
# by their form and by repeats at once); "เวลา": Thai's ("17 สิงหาคม 2558 เวลา 13:45 น.").
# "u" (Serbian, Croatian), "ob" (Slovenian), "o" (Polish), "a las" / "a les" (Spanish,
# Catalan), "saat" (Turkish): the same word in other languages.
_AT = (r"(?:\s*,?\s*(?:at|à|às|um|om|alle|в|klo|kl\.?|เวลา|u|ob|o|a\s+las|a\s+les|saat|@|"
       r"-|–|—|,|\||·|•)?\s*)")
# (Thailand counts years from the Buddha's death: 2558 is 2015)
_YEAR = r"(?P<year>(?:19|20|25)\d{2})"
# "(月)", "(월)": a weekday in brackets after a Japanese, Korean or Chinese date; "(Mon)"
# after an imageboard's ("03/09/20(Mon)19:17:05").
_CJK_WEEKDAY = (r"(?:\s?[(（](?:[月火水木金土日一二三四五六天월화수목금토일]|"
                r"mon|tue|wed|thu|fri|sat|sun)[)）])?")
_ABSOLUTE_FORMS = [
    # 9 Mar 2020 19.17 / Monday 9 March 2020 at 7:17pm
    # (Spanish and Portuguese put "de" between the parts: "9 de marzo de 2020")
    # (Serbian and Croatian end the year with a dot: "9. ožujka 2020. u 19:17")
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de\s+)?"
    + _YEAR + rf"\.?(?:{_AT}{_CLOCK})?" + _ZONE,
    # March 9, 2020 at 7:17 pm
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR
    + rf"(?:{_AT}{_CLOCK})?" + _ZONE,
    # 2020-03-09 19:17, 2020-03-09T19:17:05Z, 2020/03/09 too; "2020.03.09. 19:17" (Korean
    # ends the day with a dot), "2020/3/9(月) 19:17" (a weekday in brackets)
    _YEAR + r"(?P<sep>[-/.])\s?(?P<month>\d{1,2})(?P=sep)\s?(?P<day>\d{1,2})\.?" + _CJK_WEEKDAY
    + rf"(?:(?:T|{_AT}){_CLOCK})?" + _ZONE,
    # 2020. március 9. 19:17: Hungarian writes the year first, each number ended with a dot
    _YEAR + r"\.\s+" + _MONTH + r"\s+(?P<day>\d{1,2})\.?" + rf"(?:{_AT}{_CLOCK})?" + _ZONE,
    # 2020年3月9日 19:17, 2020년 3월 9일 19:17
    _YEAR + r"\s?[年년]\s?(?P<month>\d{1,2})\s?[月월]\s?(?P<day>\d{1,2})\s?[日일]" + _CJK_WEEKDAY
    + rf"(?:{_AT}{_CLOCK})?",
    # 3月9日 19:17, and 3/9(月) 19:17, 03-09 19:17 or 25/03 19:17 (no year, month or day
    # first: without a year the date is kept as shown only, so either order reads): with a
    # clock only, as "3/9" alone may be a ratio or a score
    r"(?P<month>\d{1,2})\s?[月월]\s?(?P<day>\d{1,2})\s?[日일]" + _CJK_WEEKDAY
    + rf"(?:{_AT}{_CLOCK})?",
    r"(?:(?:1[0-2]|0?[1-9])[-/](?:3[01]|[12]\d|0?[1-9])|(?:3[01]|[12]\d|0?[1-9])[-/](?:1[0-2]|0?[1-9]))"
    + _CJK_WEEKDAY + rf"{_AT}{_CLOCK}",
    # 14.10. 04:24, 14.10. klo 4.24: day and month each ended with a dot (German, Finnish,
    # Czech), with a clock only
    r"(?:3[01]|[12]\d|0?[1-9])\.\s?(?:1[0-2]|0?[1-9])\." + rf"{_AT}{_CLOCK}",
    # 09/03/2020 19:17 or 03/09/2020, 14-10-2016 08:24 (day and month order settled per page),
    # "17. 8. 2015 10:45" (Czech and Slovak put a space after each dot)
    r"(?P<first>\d{1,2})(?:[/-]|\.\s?)(?P<second_part>\d{1,2})(?:[/-]|\.\s?)" + _YEAR
    + rf"(?:(?<=\.\d{{4}})\.)?(?:{_AT}{_CLOCK})?" + _ZONE,
    # 8/17/15 8:45am, 14-10-16 | 01:24: a two-digit year only with a clock, as "8/17/15"
    # alone may be a ratio
    r"(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second_part>\d{1,2})(?P=sep)(?P<year>\d{2})"
    + _CJK_WEEKDAY
    + rf"{_AT}{_CLOCK}" + _ZONE,
    # 19:17, 9 March 2020 / 7:17 pm March 9, 2020
    _CLOCK + r"\s*,?\s*(?:on\s+)?" + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH
    + r",?\s+" + _YEAR + _ZONE,
    _CLOCK + r"\s*,?\s*(?:on\s+)?" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
    + _YEAR + _ZONE,
    # 17-ago-2015, 08:45 / 17 set 2015: a short month name that is a word too, between the
    # day and a four-digit year
    r"(?P<day>\d{1,2})(?:-|\s+(?:de\s+)?)" + _MONTH_IN_A_DATE + r"(?:-|,?\s+(?:de\s+)?)"
    + r"(?P<year>(?:19|20)\d{2})" + rf"(?:{_AT}{_CLOCK})?" + _ZONE,
    # Fri 14-Oct-16 02:24:05 (Mumsnet): day, month and year joined by hyphens
    _WEEKDAY + r"(?P<day>\d{1,2})-" + _MONTH + r"-(?P<year>(?:19|20)?\d{2})"
    + rf"(?:{_AT}{_CLOCK})?" + _ZONE,
    # Jun/17/2020 17:05 (Codeforces'), 17/Jun/2020 17:05: the parts joined by slashes, the
    # month by its name
    _WEEKDAY + _MONTH + r"/(?P<day>\d{1,2})/" + _YEAR + rf"(?:{_AT}{_CLOCK})?" + _ZONE,
    _WEEKDAY + r"(?P<day>\d{1,2})/" + _MONTH + r"/" + _YEAR + rf"(?:{_AT}{_CLOCK})?" + _ZONE,
    # Oct 14 '16 / 14 Oct '16: a two-digit year after an apostrophe
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+['’](?P<year>\d{2})"
    + rf"(?:{_AT}{_CLOCK})?" + _ZONE,
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+['’](?P<year>\d{2})"
    + rf"(?:{_AT}{_CLOCK})?" + _ZONE,
    # Mar 9 / 9 Mar / Aug 17, 8:45 AM: a day without its year, as pages show this year's dates
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?" + rf"(?:{_AT}{_CLOCK})?" + _ZONE,
    _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + rf"(?:{_AT}{_CLOCK})?" + _ZONE,
]
_ABSOLUTE = [re.compile(form, re.IGNORECASE) for form in _ABSOLUTE_FORMS]
# The same forms with only the month names written in ASCII, and without the forms that need
# "月" (month): what a line in ASCII may match.
_MONTH_IN_ASCII = (r"(?P<mon>" + "|".join(sorted((name for name in _MONTHS if name.isascii()),
                                                 key=len, reverse=True)) + r")\.?")
_ABSOLUTE_IN_ASCII = [re.compile(form.replace(_MONTH, _MONTH_IN_ASCII), re.IGNORECASE)
                      for form in _ABSOLUTE_FORMS if "[月월]" not in form]
_UNIT = (r"(?:seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|hr|h|days?|d|weeks?|wks?|w|"
         r"months?|mos?|mo|years?|yrs?|y)\.?")  # "5 mo. ago", "2 hr. ago"
# "2h", "a day", but not "ah" or "am" ("a" glued to a unit's letter: a word, or initials)
_AMOUNT = r"(?:\d+\s*|(?:an?|one)\s+)" + _UNIT
# "about 2 hours ago", "over a year ago", "less than a minute ago" (a rounded age), "2 hours,
# 3 minutes ago" (two units)
_RELATIVE = re.compile(
    rf"(?:(?:(?:about|over|almost|nearly|around|less than)\s+)?{_AMOUNT}"
    rf"(?:,?\s+(?:and\s+)?{_AMOUNT})?(?:\s+ago)?|just now|now|moments? ago|a moment ago|"
    # "Monday at 3:04 PM": a day of the last week with its clock, as forums write one
    rf"(?:yesterday|today|(?:mon|tues|wednes|thurs|fri|satur|sun)day(?={_AT}\d))"
    rf"(?:{_AT}{_CLOCK})?|last (?:week|month|year)|"
    rf"(?:a\s+)?few (?:seconds|minutes|hours|days) ago)",
    re.IGNORECASE,
)
_AMOUNTS = re.compile(rf"{_AMOUNT}(?:,?\s+(?:and\s+)?{_AMOUNT})?", re.IGNORECASE)


def _load_ages(ascii_only: bool = False) -> re.Pattern:
    """One pattern for the ages of ``lexicons/layout_ages.tsv`` ("hace 3 horas", "vor 2
    Tagen", "5 dagen geleden", "agora mesmo", "3時間前") and its days before a clock
    ("wczoraj, 19:17"), matched against a whole line; with ``ascii_only``, of the words
    written in ASCII alone, the ones a line in ASCII may match (none of the others' letters
    folds to an ASCII one)."""
    rows = age_rows(ascii_only)
    forms = now_forms(rows) + [form for _, form in ago_forms(rows)]
    days = [day for (kind, _), words in rows.items() if kind == "day"
            for day in words[0].split("|")]
    if days:  # one form for all languages: the clock's groups have names
        forms.append(rf"(?:{'|'.join(map(re.escape, days))}){_AT}{_CLOCK}")
    return re.compile("|".join(forms), re.IGNORECASE)


_AGE_IN_WORDS = _load_ages()
_AGE_IN_ASCII_WORDS = _load_ages(ascii_only=True)

_REPLY_TO = re.compile(
    r"^(?:[↪↳➦→»>]+\s*)?(?:in reply to|in response to|replying to|reply to|replied to|"
    r"responding to|response to|a reply to)\s*:?\s*@?(?P<name>\S.{0,79}?)\s*:?\s*$",
    re.IGNORECASE,
)
# "Antwort an alice", "En respuesta a alice", "atsakė alice": "in reply to" in the words
# comment systems use in other languages (their translations of the marker), before a name
# of one word ("En respuesta a la pregunta de ayer" is a sentence, and "Antwort auf Posting
# von alice" is read by the page's repeats: its fixed words are longer than these)
_REPLY_TO_ELSEWHERE = re.compile(
    r"(?:antwort an|antwort auf|als antwort auf|en respuesta a|respuesta a|respondiendo a|"
    r"em resposta a|resposta a|in risposta a|risposta a|en réponse à|réponse à|antwoord aan|"
    r"antwoord op|reactie op|reageerde op|svar till|svar på|svar til|w odpowiedzi na|"
    r"odpowiedź na|odpověď na|odpoveď na|odgovor na komentar korisnika|odgovor na|odgovor za|"
    r"răspuns la|în răspuns la|vastaus käyttäjälle|atsakė|"
    r"atbilde|válasz neki|в ответ на|ответ для|у відповідь на|відповідь для|"
    r"отговор на|σε απάντηση στον|σε απάντηση στην|απάντηση σε)\s*:?\s*@?(?P<name>\S.{0,49}?)"
    r"\s*:?", re.IGNORECASE)
# "Reply to this comment" is a button, and "Reply to alice's comment" names alice. Only the
# button's own words: "In reply to the minister" stays what it was.
_NOT_A_NAME = re.compile(r"(?:(?:this|that|the|a)\s+)?(?:comment|post|message|thread|reply)|"
                         # "Reply to this followup discussion" (Piazza's): what "this" shows
                         # is no one
                         r"(?:this|that)(?:\s+\w+){0,3}|it", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\s+(?:comment|post|reply|message|answer|response)$",
                         re.IGNORECASE)
# A line that is nothing but "@name": where it recurs in a layout, the reply marker. (Not
# "@alice , " as Waline writes it: read as a marker, it made the operating system shown above
# it a second name on each reply, and set 28's Waline pages fell from 0.999 to 0.90.)
_AT_NAME = re.compile(r"@(?P<name>\S{1,40})")
_AT_LINE = re.compile(r"@(?P<name>[^\s,，:：]{1,40})\s?[,，:：]?")
# "@alice@mastodon.social": an account's full address, shown under its display name on every
# comment; the person it names is the comment's author, not the one it answers.
_ADDRESS = re.compile(r"@[^\s@]{1,40}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
# An arrow and a name ("→ alice"); not ">" or "»", which open quoted lines.
_ARROW_NAME = re.compile(r"[↪↳➦→▶►▸]+\s*@?(?P<name>\S.{0,39})")
_ACTION_WORDS = (
    "reply", "replies", "report", "report abuse", "report comment", "share", "like", "unlike",
    "dislike", "flag", "permalink", "link", "edit", "delete", "recommend", "recommended",
    "upvote", "downvote", "vote up", "vote down", "respect", "love", "follow", "mute", "block",
    "hide", "quote", "award", "give award", "save", "more", "options", "⋯", "...", "…",
    "parent", "context", "embed", "helpful", "not helpful", "useful", "reply to this",
    # a thread's toggle under a comment with replies (Substack's "Collapse")
    "collapse", "expand",
    # a forum's quote button (vBulletin's)
    "reply with quote",
)
# Three or more one-word actions with single spaces between them (each word once: "reply
# reply reply" is someone's text).
_ONE_WORD_ACTION = "|".join(re.escape(word) for word in sorted(
    (word for word in _ACTION_WORDS if word.replace(" ", "").isalpha()), key=len, reverse=True))
_ONE_WORD_ACTIONS = re.compile(rf"(?:{_ONE_WORD_ACTION})(?: (?:{_ONE_WORD_ACTION})){{2,}}",
                               re.IGNORECASE)
# A comment's menu button as a copy keeps its icon ("···" on GitHub, "⋮" on YouTube). One "·"
# or "•" alone is a separator between header parts, and "..." a comment now and then.
_MENU_BUTTONS = frozenset({"··", "···", "•••", "…", "⋯", "⋮", "︙"})
# "Reply…", "Write a reply...": the box a thread's replies end with, a prompt in it
_REPLY_BOX = re.compile(r"(?:(?:write|add|leave|post)\s+an?\s+)?(?:reply|comment|response)"
                        r"\s*(?:…|\.\.\.)", re.IGNORECASE)
_EDITED = re.compile(r"\(?(?:edited|updated|modified)\)?", re.IGNORECASE)
_REVISION = re.compile(r"[←‹<]?\s*(?:rev\.|revision)\s?\d{1,3}\s*[→›>]?", re.IGNORECASE)
_LIKE_WORDS = {"like", "recommend", "upvote", "vote up", "respect", "love"}
_ACTION = re.compile(
    # "[ Parent ]": a link in brackets
    r"^(?:\[\s*)?[↩↪⤴⤶⚑⋮✎🔗]?\s*(?P<word>"
    + "|".join(re.escape(w) for w in sorted(_ACTION_WORDS, key=len, reverse=True))
    + r")\s*[›»→\]]?$", re.IGNORECASE)
_COUNT_FORMS = [
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*(?:likes?|recommends?|recommendations?|points?|votes?|upvotes?|hearts?|"
    r"respects?|reactions?|thumbs? up|favou?rites?|faves?)",
    r"(?:likes?|recommend(?:ed|s)?|recommendations?|points?|votes?|upvotes?|respect|score|"
    r"hearts?|reactions?|useful|helpful!?)\s*:?\s*\(?(?P<n>\d+)\)?",
    r"agree\s*\((?P<n>\d+)\)",  # "Agree (12)" beside "Disagree (2)"
    r"(?P<n>[−-]\d+)\s*(?:points?|votes?)",  # "-4 points": a net vote below zero
    r"\+(?P<n>\d+)\s*/\s*[−-]\d+",  # "+3 / -1": the votes up, then down (a mail archive's)
    # "Ha! (12+ / 0-)": a subject line with its ratings up and down (Daily Kos)
    r".{0,100}?\((?P<n>\d+)\+\s*/\s*\d+-\)",
    # "Upvote 12 (14 / -2)": the net vote, then the votes up and down
    r"(?:upvotes?|votes?|score|points?)\s+(?P<n>-?\d+)\s*\(\s*\d+\s*/\s*-?\s*\d+\s*\)",
    r"(?:[▲⬆↑△👍♥❤♡★☆+^]|&#9650;)\s*(?P<n>\d+)(?:\s*[▼⬇↓▽👎v])?",
    r"(?P<n>\d+)\s*(?:[▲⬆↑△👍♥❤♡★☆])(?:\s*[▼⬇↓▽👎])?",
    r"(?:click|tap)\s+to\s+rate\s+(?P<n>\d+)(?:\s+\d+)?",  # up, then down: "Click to rate 12 3"
    # "3 people like this", "1 person likes this", "Recommended by 40 readers"
    r"(?P<n>\d+)\s+(?:people|persons?|users|readers|members|others)\s+(?:likes?|liked|"
    r"recommends?|recommended|upvoted)(?:\s+(?:this|it))?",
    r"(?:liked|recommended|upvoted|loved)\s+by\s+(?P<n>\d+)"
    r"(?:\s+(?:people|persons?|users|readers|members|others))?",
    # a review's votes: "42 people found this helpful", "One person found this helpful"
    r"(?:(?P<n>\d+)|one)\s+(?:people|persons?|users|customers|readers)\s+found\s+(?:this|it)"
    r"\s+(?:helpful|useful)",
]
LIKES_PATH = Path(__file__).parent / "lexicons" / "layout_likes.tsv"


def _load_like_words() -> dict[str, str]:
    """kind ("like", "dislike", "reply", "replies", "report") -> an alternation of its words in
    ``lexicons/layout_likes.tsv`` ("共感した|いいね|공감|赞|..."; "replies" with its # as a
    number)."""
    words: dict[str, list[str]] = {}
    for line in LIKES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, _language, listed = line.split("\t")
            words.setdefault(kind, []).extend(listed.split("|"))
    for kind in ("like", "dislike"):
        words[f"{kind} in ascii"] = [word for word in words[kind] if word.isascii()]
    return {kind: "|".join(re.escape(w).replace("\\#", r"\s*\d{1,6}\s*")
                           for w in sorted(listed, key=len, reverse=True))
            for kind, listed in words.items()}


_LIKE_WORDS_ELSEWHERE = _load_like_words()
_OTHER_LIKE = _LIKE_WORDS_ELSEWHERE["like"]
_OTHER_DISLIKE = _LIKE_WORDS_ELSEWHERE["dislike"]
_COUNT = [re.compile(form, re.IGNORECASE) for form in _COUNT_FORMS]


def _other_counts(like: str, dislike: str) -> list[re.Pattern]:
    """"共感した 12", "공감 12 비공감 3" (the dislikes after the likes), "12 إعجاب", "Suka 12",
    "Suka (12)": a count in the lexicon's words ``like`` and ``dislike`` (alternations)."""
    return [re.compile(form, re.IGNORECASE) for form in (
        rf"(?:{like})\s*:?\s*(?:(?P<n>\d+)|\((?P<n_in_brackets>\d+)\))"
        rf"(?:\s+(?:{dislike})\s*:?\s*\d+)?",
        rf"(?P<n>\d+)\s*(?:{like})")]


_OTHER_COUNT = _other_counts(_OTHER_LIKE, _OTHER_DISLIKE)
# The few words written in ASCII alone ("Suka", "Tetszik") are all a line in ASCII is matched
# against, which is what keeps English pages as fast as before; a number beside them is needed
# (alone, "Suka" is a name as well).
_OTHER_COUNT_IN_ASCII = _other_counts(_LIKE_WORDS_ELSEWHERE["like in ascii"],
                                      _LIKE_WORDS_ELSEWHERE["dislike in ascii"])
# How such a count may open: a digit, or a like word's first letter ("Suka 12").
_OTHER_COUNT_IN_ASCII_OPENS = frozenset("0123456789" + "".join(
    word[0].lower() + word[0].upper() for word in
    _LIKE_WORDS_ELSEWHERE["like in ascii"].replace("\\", "").split("|") if word))
# A like button in those words without its number ("赞"): a count of 0.
_OTHER_LIKE_ALONE = re.compile(rf"(?:{_OTHER_LIKE})", re.IGNORECASE)
# The Reply button with the number of replies on it ("返信 5件", "답글 3"), and that number
# alone in words ("共5条回复").
_OTHER_REPLY = re.compile(rf"(?:{_LIKE_WORDS_ELSEWHERE['reply']})(?:\s*[(（]?\d{{1,6}}[)）]?"
                          r"\s*(?:件|개|条|條|則)?)?", re.IGNORECASE)
_OTHER_REPLIES = re.compile(rf"(?:{_LIKE_WORDS_ELSEWHERE['replies']})", re.IGNORECASE)
_OTHER_REPORT = re.compile(rf"(?:{_LIKE_WORDS_ELSEWHERE['report']})", re.IGNORECASE)
# A subject line with its moderation score: "Re:Subject (Score:4, Insightful)".
_SCORED_SUBJECT = re.compile(r".{0,80}?\s*\(score\s*:\s*(?P<n>-?\d+)(?:\s*,\s*[a-z ]{1,20})?\)",
                             re.IGNORECASE)
_DISLIKE = re.compile(r"(?:\d+\s*(?:dislikes?|downvotes?)|(?:dislikes?|downvotes?)\s*:?\s*\d+|"
                      r"[▼⬇↓👎]\s*\d+|disagree\s*\(\d+\))", re.IGNORECASE)
def _other_dislikes(dislike: str) -> re.Pattern:
    """"うーん 3", "3 비공감", "Nu-mi place (3)": a dislike count in the lexicon's words."""
    return re.compile(rf"\d+\s*(?:{dislike})|(?:{dislike})\s*:?\s*(?:\d+|\(\d+\))",
                      re.IGNORECASE)


_OTHER_DISLIKE_COUNT = _other_dislikes(_OTHER_DISLIKE)
# (as for likes, a line in ASCII is matched against the words written in ASCII alone)
_OTHER_DISLIKE_COUNT_IN_ASCII = _other_dislikes(_LIKE_WORDS_ELSEWHERE["dislike in ascii"])


def _dislikes(text: str) -> bool:
    """Whether ``text`` is a dislike count ("3 dislikes", "▼ 3", "うーん 3")."""
    if _DISLIKE.fullmatch(text):
        return True
    if not (text[-1].isdigit() or text[-1] == ")"):
        return False
    return bool((_OTHER_DISLIKE_COUNT_IN_ASCII if text.isascii()
                 else _OTHER_DISLIKE_COUNT).fullmatch(text))
# "1+": a counter that stops counting; "33,729": thousands set apart
_BARE_NUMBER = re.compile(r"[+]?(?P<n>\d{1,7}|\d{1,3}(?:,\d{3}){1,2})\+?")
# A rating that may fall below zero ("+12", "−3": a net vote count, minus sign or hyphen) and a
# count shortened as a large one is shown ("1.2K", "45K", "3M": views, likes); each is a count
# by its form, as a bare number is.
_SIGNED_OR_SHORT_NUMBER = re.compile(r"(?P<minus>[−-])(?P<n>\d{1,7})|"
                                     r"(?P<short>\d{1,3}(?:[.,]\d)?)(?P<scale>[KkM])")


def _bare_count(text: str) -> int | None:
    """The number a line that is only a count shows, or None."""
    bare = _BARE_NUMBER.fullmatch(text)
    if bare:
        return int(bare.group("n").replace(",", ""))
    if text[0] not in "−-" and text[-1] not in "KkM":
        return None
    other = _SIGNED_OR_SHORT_NUMBER.fullmatch(text)
    if other is None:
        return None
    if other.group("minus"):
        return -int(other.group("n"))
    scale = 1_000_000 if other.group("scale") == "M" else 1000
    return round(float(other.group("short").replace(",", ".")) * scale)
# A review's rating above its text, its title after it ("4.0 out of 5 stars Works well",
# "★★★★☆"): the rating is a detail of the header, the title the reviewer's words.
_RATING = re.compile(r"(?:(?:rated\s+)?[1-5](?:[.,]\d)?\s+out\s+of\s+5\s+stars"
                     r"(?:\s+(?P<title>.{1,120}))?|"
                     r"[★☆]{5})", re.IGNORECASE)
# "5#", "5楼": a Chinese forum's floor (the post's number in its topic)
_BUTTONS_THEN_NUMBER = re.compile(r"(?P<buttons>(?:[^\W\d_]+\s+){1,3})#(?P<number>\d+)")
_NUMBERING = re.compile(r"(?:#\s?(?P<a>\d+)|(?P<b>\d+)\.|no\.\s*(?P<c>\d+)|(?P<d>\d+)\s?[#楼])",
                        re.IGNORECASE)
# Discuz!'s names of a topic's first floors (its default "postno" setting), the posts after
# the opening one: sofa, bench, floor
_NAMED_FLOORS = {"沙发": 2, "板凳": 3, "地板": 4}
_MORE = re.compile(
    # "—— View replies (3)": Instagram draws a rule before it
    r"^(?:[—–-]{2,}\s*)?"
    r"(?:(?:show|load|view|see|read|hide|collapse|expand|open)\s+(?:all\s+)?(?:\d+\s+)?"
    r"(?:more\s+|previous\s+|earlier\s+|older\s+|newer\s+|all\s+|new\s+)?"
    r"(?:comments?|replies|reply|responses?|messages?)?"
    r"(?:\s*\(\d+(?:\s+(?:replies|reply|comments?|children|child))?\))?|"
    # "2 replies by alice and bob": who answered, under the comment they answer ("3 more
    # replies from alice and others")
    r"\d+\s+(?:more\s+)?(?:replies|reply|comments?|responses?)(?:\s+by\s+\S.{0,80})?|"
    r"\d+\s+more\s+(?:replies|reply|comments?|responses?)\s+from\s+\S.{0,80}|"
    r"\d+\s+(?:replies|reply|comments?|responses?)\s+from\s+\S.{0,60}\s+and\s+(?:\d+\s+)?others?|"
    r"\d+\s+hidden\s+(?:items?|replies|comments?)|"  # GitHub's "3 hidden items"
    # NodeBB's "3 Replies Last reply 2 hours ago"
    r"\d+\s+(?:replies|reply|comments?)\s*[·•|]?\s*last\s+(?:reply|comment|post)\b.{0,60}|"
    # a talk page's thread summary under its heading: "Latest comment: 3 hours ago by alice",
    # "2 people in discussion"
    r"(?:latest|last)\s+(?:comment|reply|post)\s*:?\s+\S.{0,60}\s+by\s+\S.{0,60}|"
    r"\d+\s+(?:people|persons?|participants?|users?)\s+in\s+(?:the\s+)?discussion|"
    # "see more" in other languages' words, where a list ends
    r"もっと(?:みる|見る)|さらに表示|查看更多|显示更多|더\s?보기|mehr anzeigen|voir plus|ver más|"
    r"mostra altro|meer weergeven|pokaż więcej|показать ещё|показать еще|"
    # a thread's replies shown or hidden: "返信5件を閉じる", "查看3条回复", "답글 3개 보기"
    r"返信\s?\d+\s?件を(?:表示|閉じる|見る)|(?:他の)?返信を(?:表示|非表示|閉じる|見る)|"
    r"\d+\s?件の返信(?:を(?:表示|見る))?|(?:查看|展开|收起)(?:全部)?\s?\d*\s?条?回复|"
    r"共\s?\d+\s?条回复|답글\s?\d+\s?개(?:\s?(?:보기|숨기기|더보기))?|답글\s?(?:보기|숨기기)|"
    r"continue this thread|more (?:comments|replies|responses)|"
    r"(?:load|show|see|view) more|sort(?:ed)? by\b.{0,60}|newest(?: first)?|oldest(?: first)?|"
    r"most (?:popular|liked|recent|recommended)|best|top|"
    # the list's own controls over it ("Per page", "100", "Display threads", "Expanded")
    r"(?:comments )?per page|display threads|(?:threads )?(?:expanded|collapsed)|unthreaded|"
    # "Sign in or create your Guardian account to join the discussion."
    r"(?:please )?(?:sign|log) ?in(?: or (?:create|register|sign up)[^.]{0,60})? to "
    r"(?:join the (?:discussion|conversation)|comment|reply|post a comment|leave a comment)\.?)"
    r"\s*(?:[›»→…:]|\.\.\.)*$",
    re.IGNORECASE,
)
_AUTHOR_SAYS = re.compile(
    r"^(?P<name>\S.{0,49}?)\s+(?:(?:says|said|wrote|writes|commented|comments|replied)"
    r"\s*(?::|\.\.\.|…)|posted\s*(?:\.\.\.|…))$", re.IGNORECASE)
# ("bob posted..." is GameFAQs' quote; "bob posted:" over Something Awful's quotes, read so,
# cost its dated pages a third of their authors: a line of the header above its time there)

# "alice added a comment." (Phabricator's): the comment's author line, above its time
_AUTHOR_ADDED = re.compile(r"(?P<name>\S.{0,49}?)\s+added\s+an?\s+(?:comment|reply|note)\.?",
                           re.IGNORECASE)
QUOTES_PATH = Path(__file__).parent / "lexicons" / "layout_quotes.tsv"


def _load_quote_words() -> str:
    """An alternation of the words that open a quote after its poster's name in other
    languages (``lexicons/layout_quotes.tsv``: "schrieb", "ha scritto", ...)."""
    words = [word for line in QUOTES_PATH.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")
             for word in line.split("\t")[1].split("|")]
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# "alice schrieb:", "alice a écrit :", "alice写道：": a quote's opening in another language
_AUTHOR_WROTE_ELSEWHERE = re.compile(
    rf"^(?P<name>\S.{{0,99}}?)\s*(?:{_load_quote_words()})\s*[:：]$", re.IGNORECASE)
# "Le 14 octobre 2016 à 03:46:58 alice", "Le 14/10/2016 à 03:46, alice": a quote's date
# before the name, as French mail and forums write it ("... a écrit :"); the date ends with
# its clock or its year
_DATE_BEFORE_NAME = re.compile(r"(?P<date>\S.{3,60}(?:\d{1,2}[:h]\d{2}(?::\d{2})?|(?:19|20)\d{2}))"
                               r"\s*,?\s+(?P<name>\S.{0,49})")


def _after_a_date(name: str) -> str:
    """``name`` without the date before it where there is one: "alice" of "Le 14 octobre
    2016 à 03:46:58 alice". The date must read as a time once its first word (the language's
    "on") is set aside."""
    dated = _DATE_BEFORE_NAME.fullmatch(name)
    if dated is None:
        return name
    date = dated.group("date")
    for when in (date, date.split(" ", 1)[-1]):
        if _time_marker(when, None) is not None:
            return dated.group("name")
    return name
# "引用 @alice 发表的:" (Hupu: "quoting what @alice posted:"), "引用 alice 的发言：": the verb
# before the name, as "Quoting alice:" has it in English
# (without "@", the words after the name are needed: "引用这句话:" quotes a sentence)
_QUOTED_POST_WORDS = "发表的|發表的|的发言|的發言|的帖子|的回复|的回覆"
_QUOTING_IN_CHINESE = re.compile(
    rf"(?:引用|引述)\s*(?:@(?P<name>[^\s:：@]{{1,40}})\s*(?:{_QUOTED_POST_WORDS})?"
    rf"|\s(?P<bare>[^\s:：@]{{1,40}})\s*(?:{_QUOTED_POST_WORDS}))\s*[:：]")
# "On Wed, Jun 17, 2020 at 11:02 PM alice <al...@gmail.com> wrote:", "On 17/06/2020 23:02,
# alice wrote:": the date ends in a clock or a year, the address is optional (and may be
# hidden: "<email address hidden>", Launchpad's); "In T243885#5408904, @alice wrote:" cites
# the comment quoted by its reference (Phabricator's)
_MAIL_ATTRIBUTION = re.compile(
    r"In\s+[^\s,]{1,40},\s+@?(?P<cited>[^\s,]{1,40})\s+wrote\s*:|"
    # "alice wrote in #note-3:": Redmine's quote of a note
    r"(?P<noted>[^\s<>,].{0,49}?)\s+wrote\s+in\s+#[\w-]{1,20}\s*:|"
    r"On\s.{4,60}(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?|\d{4}),?\s+"
    r"(?P<name>[^\s<>,].{0,49}?)\s*(?:<[^<>]{1,80}>)?\s*wrote\s*:")
# "Quote from alice on Mar 9, 2020 at 19:12" (ProBoards'), "Quote from: alice on June 17, 2020,
# 11:02:15 PM" (SMF's), "Originally Posted by alice", "Cita de alice": a quote box's heading
# with the words before the name and no colon after it, the quoted post's date after "on"
# on some. The words are the forum packages' own (vBulletin's, SMF's, ProBoards', and as
# their Spanish, German, French, Italian, Portuguese and Dutch translations write them).
_QUOTE_FROM = re.compile(
    r"(?:quote\s+from|quoting|originally\s+posted\s+by|cita\s+de|originalmente\s+escrito\s+por|"
    r"zitat\s+von|citation\s+de|citazione\s+di|originariamente\s+inviato\s+da|citação\s+de|"
    r"citaat\s+van)\s*:?\s+@?(?P<name>\S.{0,49}?)"
    r"(?:\s+(?:on|am|el|le|il|em|op)\s+(?P<when>\S.{3,60}?))?\s*[:：]?", re.IGNORECASE)


def _quote_from(text: str, day_first: bool | None) -> str | None:
    """The name a quote box's heading "Quote from NAME [on DATE]" names (the form above), or
    None: the name must look like one, of three words at most, and a date after it must
    read as a time."""
    quote = _QUOTE_FROM.fullmatch(text)
    if quote is None:
        return None
    name, when = quote.group("name"), quote.group("when")
    if when is not None and _time_marker(when.replace(" at ", " ").strip(" ,"),
                                         day_first) is None:
        return None
    return name if _name_like(name) and len(name.split()) <= 3 else None


_AUTHOR_BY = re.compile(r"^(?:posted|comment(?:ed)?|written|submitted|reply)\s+by\s+@?"
                        r"(?P<name>\S.{0,49})$", re.IGNORECASE)
_NAME_THEN_TIME = re.compile(r"^(?P<name>\S.{0,49}?)\s*(?:[•·|–—»]|\s-\s)\s*(?P<time>.+)$")
_COUNT_AFTER = re.compile(r"\s*[\[(](?P<count>[^\[\]()]{1,30})[\])]$")
# "alice  9 Mar @ 7:17pm": name and time as two spans with a wide gap between (Steam's
# comments); a copy keeps two spaces or a tab there, where a sentence has one.
_NAME_GAP_TIME = re.compile(r"^(?P<name>\S.{0,49}?)(?: {2,}|\t)\s*(?P<time>\S.+)$")
# "Comment #12 by NAME on 9 Mar 2020 at 19:17", "Posted by NAME · 2 hours ago" (a word before
# "by": "By the way, on 9 March" is a sentence).
_AUTHOR_BY_TIME = re.compile(
    r"^(?:(?:comment|reply|post|response)\s*(?:#\s?\d+|no\.\s*\d+)?\s+|"
    r"(?:posted|commented|written|submitted|left)\s+)by\s+@?(?P<name>\S.{0,49}?)"
    r"\s*(?:\s(?:on|at)\s|[·•|,–—»]|\s-\s)\s*(?P<time>.+)$", re.IGNORECASE)
# "by NAME on Monday March 09, 2020 @07:17PM": with no word before "by", only a full date;
# the account's number may follow the name ("by alice (5280199) on ...", Slashdot's).
_BY_NAME_ON_DATE = re.compile(r"^by\s+@?(?P<name>\S+(?:\s\S+){0,2}?)(?:\s*\(\s*\d+\s*\))?"
                              r"\s+(?:on|at)\s+(?P<time>.+)$", re.IGNORECASE)
# "Changed on 08/29/17 03:24:34 by alice", "Posted 3 hours ago by bob": a verb, the time,
# then the name (Trac's tickets, many blogs)
_VERB_TIME_BY_NAME = re.compile(
    r"^(?:changed|modified|posted|submitted|commented|written|created|added|replied|answered|"
    r"asked|updated|edited)\s+(?:on\s+|at\s+)?(?P<time>\S.{0,60}?)\s+by\s+@?(?P<name>\S.{0,49})$",
    re.IGNORECASE)
# "bob replied to alice": the author and the parent's author on one line ("bob 回复 alice：",
# Toutiao's, with a colon).
_AUTHOR_REPLIED = re.compile(
    r"^(?P<author>\S.{0,49}?)\s+(?:replied to|in reply to|replying to|responded to|"
    r"[↪↳➦→▸►]|回复|回覆)\s*@?(?P<name>\S.{0,49}?)\s*[:：]?\s*$", re.IGNORECASE)
# What "NAME TIME" starts with (a cheap test before reading the line as one).
# ("alice on Jun 17, 2020 | parent": an older comment; "alice edited 3 hours ago | link")
_WORD_THEN_TIME = re.compile(
    r"(?:\[[^\]]{1,3}\]\s*)?\S+\s+(?:edited\s+)?"
    r"(?:\d|an?\s|one\s|just\s|yesterday|today|last\s|few\s|moments?\s|on\s)", re.IGNORECASE)
_REPLIED_HINTS = ("repl", "Repl", "REPL", "respon", "Respon", "RESPON", *"↪↳➦→▸►", "回复", "回覆")
# Collapse toggles and thread navigation beside a name and a time ("alice 5 hours ago |
# parent | next [–]"): nothing of the comment.
_TOGGLE = re.compile(r"\[\s*[–—\-+x]\s*\]", re.IGNORECASE)
_NAVIGATION = re.compile(r"parent|next|prev|previous|root|context|thread|collapse|expand",
                         re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*[·•|]\s*|\s{2,}")
_SEPARATOR_ALONE = re.compile(r"[·•|](?:\s+[·•|])*")
SEPARATOR_KEY = "action:separator"


@dataclass(frozen=True)
class Marker:
    """What one line says about its comment. ``kind`` is one of the module's kinds; ``key``
    tells markers of a kind apart where a layout may show several ("action:reply",
    "action:report"); the other fields hold what the line gives."""

    kind: str
    key: str
    name: str | None = None  # the author (NAME, AUTHOR) or the target (REPLY_TO)
    time_text: str | None = None
    created_at: str | None = None  # ISO 8601, no zone unless the page gives one
    likes: int | None = None
    number: int | None = None
    author: str | None = None  # REPLY_TO only: the replying author the line also names
    # The commenter's own words on a marker line: a talkback's title after its number, a
    # review's title after its stars. They are the comment's text, as the body is.
    words: str | None = None


_TEXT_MARKER = Marker(TEXT, TEXT)
# Marks that set the direction of right-to-left text (Arabic, Hebrew) and are not shown: a
# page copied from such a site may start its furniture lines with them ("\u200fرد").
_BIDI_MARKS = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
                                     "\u2066\u2067\u2068\u2069"))


def _reply_then_time(text: str, day_first: bool | None) -> Marker | None:
    """"in reply to alice · 3 hours ago", "reageerde op alice · 3 uur geleden": whom the
    reply answers, then its time, on one line (NU.nl's); else None. Read whole, the time
    would be part of the name, or the marker a name of its own."""
    both = _NAME_THEN_TIME.fullmatch(text) if any(c in text for c in "•·|–—»-") else None
    if both is None:
        return None
    head = both.group("name")
    to = _REPLY_TO.match(head)
    name = _reply_name(to) if to else None
    if name is None and (elsewhere := _REPLY_TO_ELSEWHERE.fullmatch(head)):
        name = elsewhere.group("name")
        name = name if _name_like(name) and " " not in name else None
    time = _time_marker(both.group("time"), day_first) if name else None
    if time is None:
        return None
    return Marker(REPLY_TO, REPLY_TO, name=name, time_text=time.time_text,
                  created_at=time.created_at)


def _without_marks(text: str) -> str:
    """``text`` without direction marks (and the spaces they hid)."""
    return text if text.isascii() else text.translate(_BIDI_MARKS).strip()


# "@07:17PM (#59812345)": a comment's permalink id after its time is the comment's number, no
# part of the time as shown
_PERMALINK_ID = re.compile(r"\s*\(#\d+\)$")


def _time_marker(text: str, day_first: bool | None) -> Marker | None:
    """A time line: ``text`` is an absolute date (created_at set) or a relative age."""
    if text[0] == "[" and text[-1] == "]":
        text = text[1:-1]  # "[09.03.20 19:17]": a chat's time in brackets
    core = bare_time(text)
    if not core or len(core) > 60:
        return None
    if text[-1] == ")":
        text = _PERMALINK_ID.sub("", text)
    for pattern in _ABSOLUTE_IN_ASCII if core.isascii() else _ABSOLUTE:
        match = pattern.fullmatch(core)
        if match:
            return Marker(TIME, TIME, time_text=text, created_at=_iso(match, day_first))
    if not core.isascii() and (solar := _SOLAR_HIJRI.fullmatch(_ascii_digits(core))):
        return Marker(TIME, TIME, time_text=text, created_at=_solar_hijri_iso(solar))
    if not core.isascii() and (dated := _date_in_other_digits(core, day_first)):
        return Marker(TIME, TIME, time_text=text, created_at=dated)
    ages = _AGE_IN_ASCII_WORDS if core.isascii() else _AGE_IN_WORDS
    if _RELATIVE.fullmatch(core) or ages.fullmatch(core):
        return Marker(TIME, TIME, time_text=text)
    # "2:24 AM" alone: a chat message's clock (Telegram), the day in a line above it or
    # nowhere, so no created_at. "3:16" alone may be a verse or a score: only with am or pm.
    if core[0].isdigit() and core[-1] in "mM." and _CLOCK_ALONE.fullmatch(core):
        return Marker(TIME, TIME, time_text=text)
    # "2:24 AM Today", "2:24 AM Oct 14": the clock before the day, read as the day and clock
    clock_first = _CLOCK_FIRST.fullmatch(core) if core[0].isdigit() else None
    if clock_first:
        swapped = _time_marker(f"{clock_first.group('day')} {clock_first.group('clock')}",
                               day_first)
        if swapped is not None:
            return Marker(TIME, TIME, time_text=text, created_at=swapped.created_at)
    return None


def _date_in_other_digits(core: str, day_first: bool | None) -> str | None:
    """An absolute date written in another script's digits ("১৭ আগস্ট ২০১৫, ০৮:৪৫",
    Bengali), read as its ASCII digits would be; a year before 1900 is another calendar's
    ("১৪২২": the Bengali year), no date of this one."""
    if all(ch.isascii() or not ch.isdigit() for ch in core):
        return None
    digits = _ascii_digits(core)
    for pattern in _ABSOLUTE_IN_ASCII if digits.isascii() else _ABSOLUTE:
        match = pattern.fullmatch(digits)
        if match:
            dated = _iso(match, day_first)
            return dated if dated and dated[:2] in ("19", "20") else None
    return None


def _ascii_digits(text: str) -> str:
    """``text`` with every script's decimal digits written as ASCII's ("۱۳۹۵", "১৭")."""
    return "".join(str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch
                   for ch in text)


# Iran's solar calendar, as Persian sites date their comments ("۲۳ مهر ۱۳۹۵ ساعت ۱۰:۲۴"): its
# months' names (the official calendar's), its years 1300-1499, digits in any script.
_SOLAR_MONTHS = {name: k for k, name in enumerate(
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر دی بهمن اسفند".split(), 1)}
_SOLAR_HIJRI = re.compile(
    r"(?P<day>\d{1,2})\s+(?P<month>" + "|".join(_SOLAR_MONTHS) + r")\s+(?P<year>1[34]\d\d)"
    r"(?:\s*[،,]?\s*(?:ساعت\s*)?(?P<hour>\d{1,2}):(?P<minute>\d{2}))?")


def _solar_hijri_iso(match: re.Match) -> str | None:
    """The solar date matched (and its clock) as ISO 8601 text, by the arithmetic of the
    calendar's 33-year cycles that Persian date libraries use (jdf's jalali_to_gregorian,
    exact for the years a comment may carry: 1 Farvardin 1395 is 20 March 2016, 30 Esfand
    1403 is 20 March 2025); None for a day the month lacks or a clock past 23:59."""
    year, day = int(match["year"]) + 1595, int(match["day"])
    month = _SOLAR_MONTHS[match["month"]]
    if not 1 <= day <= (31 if month <= 6 else 30):
        return None
    days = (-355668 + 365 * year + year // 33 * 8 + (year % 33 + 3) // 4 + day
            + (31 * (month - 1) if month < 7 else 30 * (month - 7) + 186))
    when = datetime.fromordinal(days - 365)
    if match["hour"] is None:
        return when.date().isoformat()
    if int(match["hour"]) > 23 or int(match["minute"]) > 59:
        return None
    return when.replace(hour=int(match["hour"]), minute=int(match["minute"])).isoformat()


_CLOCK_ALONE = re.compile(r"\d{1,2}:\d{2}\s*[ap]\.?m\.?", re.IGNORECASE)
_CLOCK_FIRST = re.compile(r"(?P<clock>\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?),?\s+"
                          r"(?P<day>[^\d\s].{1,40})",
                          re.IGNORECASE)


def read_time(text: str, day_first: bool | None = None) -> tuple[bool, str | None]:
    """Whether ``text`` is a time as comment pages write one (an absolute date in any of the
    page forms read here, or a relative age such as "18h ago"), and its ISO 8601 form when it
    is a date with its year (no zone unless it names one; None for an age, a day without its
    year, or a numeric date whose day and month order ``day_first`` leaves open)."""
    text = text.strip()
    marker = _time_marker(text, day_first) if text else None
    return marker is not None, marker.created_at if marker else None


BUDDHIST_ERA_START = 2400
BUDDHIST_ERA_OFFSET = 543  # the Thai solar calendar's year 2558 began on 1 January 2015


def _iso(match: re.Match, day_first: bool | None) -> str | None:
    """The matched date as ISO 8601 text, or None when it is not a real date (or its day and
    month order is unknown)."""
    parts = match.groupdict()
    if parts.get("year") is None:
        return None  # a day without its year: the time as shown only
    year = int(parts["year"])
    if year < 100:
        year += 2000 if year < 70 else 1900  # as strptime reads %y
    elif year >= BUDDHIST_ERA_START:
        year -= BUDDHIST_ERA_OFFSET
    if parts.get("mon"):
        month = _MONTH_NUMBERS[parts["mon"].lower().rstrip(".")]
        day = int(parts["day"])
    elif parts.get("month"):
        month, day = int(parts["month"]), int(parts["day"])
    else:
        first, second = int(parts["first"]), int(parts["second_part"])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            day, month = second, first
        elif day_first is None and match.string[match.end("first")] != ".":
            return None  # "03/09/2020": the US and most of Europe read it differently
        else:
            # Dots with nothing to tell the order: day first, as in every locale that writes
            # dates with dots (09.03.2020 is 9 March in German, Russian, Polish, Turkish ...).
            day, month = (first, second) if day_first is not False else (second, first)
    hour = minute = second_of_minute = 0
    has_clock = parts.get("hour") is not None
    if has_clock:
        hour, minute = int(parts["hour"]), int(parts["minute"] or 0)
        second_of_minute = int(parts["second"] or 0)
        ampm = (parts.get("ampm") or "").lower().replace(".", "").replace(" ", "")
        if ampm and not 1 <= hour <= 12:
            return None
        if ampm == "pm" and hour != 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    try:
        when = datetime(year, month, day, hour, minute, second_of_minute)
    except ValueError:
        return None
    if not has_clock:
        return when.date().isoformat()
    zone = (parts.get("zone") or "").lower()
    if zone in ("utc", "gmt", "z"):
        return normalise_timestamp(when.isoformat() + "+00:00")
    if zone[:1] in "+-" and zone:
        digits = zone[1:].replace(":", "")
        return normalise_timestamp(f"{when.isoformat()}{zone[0]}{digits[:2]}:{digits[2:]}")
    # A zone name such as "EST" is not read: the time stays as the page wrote it.
    return when.isoformat()


def _likes_in(text: str) -> int | None:
    if not text.isascii():
        others = _OTHER_COUNT
    elif text[0] in _OTHER_COUNT_IN_ASCII_OPENS:
        others = _OTHER_COUNT_IN_ASCII
    else:
        others = ()
    for pattern in (*_COUNT, *others):
        match = pattern.fullmatch(text)
        if match:
            # "One person found this helpful"
            number = match.group("n") or match.groupdict().get("n_in_brackets") or "1"
            return int(number.replace("−", "-").replace(",", ""))
    if text[0] in _UP_ARROWS:
        score = _up_down_count(text)
        if score is not None:
            return score
    if text.endswith(")") and "core" in text:  # cheap test first: most lines hold no score
        match = _SCORED_SUBJECT.fullmatch(text)
        if match:
            return int(match.group("n"))
    return None


_UP_ARROWS = "▲⬆↑△"
# A vote widget copied whole: the score between the up and down buttons, below zero too
# ("↑ -2 ↓": Remark42's score), or each button with its own count ("⬆ 12 ⬇ 2": Lemmy's),
# where the like count is the up button's.
_UP_DOWN = re.compile(r"[▲⬆↑△]\s*(?P<n>[−-]?\d{1,7})\s*[▼⬇↓▽](?:\s*\d{1,7})?")


def _up_down_count(text: str) -> int | None:
    match = _UP_DOWN.fullmatch(text)
    return int(match.group("n").replace("−", "-")) if match else None


# "3 replies" beside the Reply button ("Reply · 2 Replies"): how many answered, not a link.
_REPLY_COUNT = re.compile(r"\d+\s+(?:replies|reply|comments?|responses?)", re.IGNORECASE)
# A month and a day as digits ("3-9"), read only right before an action word ("3-9 Reply"):
# alone it may be a score.
_MONTH_DAY = re.compile(r"(?:1[0-2]|0?[1-9])-(?:3[01]|[12]\d|0?[1-9])")


def _time_then_action(item: str, day_first: bool | None) -> tuple[Marker, list[str]] | None:
    """"3-9 Reply", "2d ago Reply", "2w 12 likes Reply": a time, perhaps a like count, and an
    action word with only spaces between (the time and the row's other items), or None."""
    head, _, last = item.rpartition(" ")
    if not head or not (_ACTION.fullmatch(last) or _reply_elsewhere(last)):
        return None
    # "#7 18小时前 12 回复": a top-level comment's floor number opens the row
    if (floor := _FLOOR.match(head)) and len(head) > floor.end():
        head = head[floor.end():]
    if _MONTH_DAY.fullmatch(head):
        return Marker(TIME, TIME, time_text=head), [last]
    time = _time_marker(head, day_first)
    if time is not None:
        return time, [last]
    # "2016-10-14 12 回复": the like count as a bare number, its icon lost in the copy
    before, _, count = head.rpartition(" ")
    if before and count.isdigit() and len(count) <= 7 and (
            time := _time_marker(before, day_first)) is not None:
        return time, [count, last]
    counted = _TIME_THEN_COUNT.fullmatch(head)
    if counted is None or _likes_in(counted.group("count")) is None:
        return None
    time = _time_marker(counted.group("time"), day_first)
    return (time, [counted.group("count"), last]) if time is not None else None


_FLOOR = re.compile(r"#\d{1,6}\s+")
_TIME_THEN_COUNT = re.compile(r"(?P<time>\S.{0,40}?)\s+(?P<count>\d[\d,.]{0,9}\s+\S{1,20})")


def _actions_marker(text: str, day_first: bool | None) -> Marker | None:
    """A widget row joining several actions, counts and a time: "Reply · Share · 12 likes",
    "▲ 3 ▼ • Reply • Share ›", "Like · Reply · 3w", "Like · 5 | Reply · 2 Replies", "3-9
    Reply"."""
    items = [item for item in _SEPARATORS.split(text.strip()) if item]
    time = None
    if len(items) == 1 and _ONE_WORD_ACTIONS.fullmatch(items[0]) and len(
            {word.casefold() for word in items[0].split()}) == len(items[0].split()):
        # "permalink embed save report give award reply": old Reddit's row
        items = re.findall(_ONE_WORD_ACTION, items[0], re.IGNORECASE)
    elif (len(items) == 1 and 2 <= len(tokens := items[0].split()) <= MAX_SPACED_BUTTONS
          and len({token.casefold() for token in tokens}) == len(tokens)
          and all(_button_alone(token) for token in tokens)):
        # "回复 顶(27) 举报": buttons and a count apart by single spaces (Changyan's); the same
        # word again is a comment's ("reply reply reply")
        items = tokens
    elif len(items) == 1:
        glued = _time_then_action(items[0], day_first)
        if glued is None:
            return None
        time, items = glued
    words, likes, sorts = [], None, 0
    for k, item in enumerate(items):
        action = _ACTION.fullmatch(item)
        if action:
            words.append(action.group("word").lower())
            continue
        if _reply_elsewhere(item):
            words.append("reply")
            continue
        if not item.isascii() and _OTHER_REPORT.fullmatch(item):
            words.append("report")
            continue
        if not item.isascii() and _OTHER_LIKE_ALONE.fullmatch(item):
            # "赞" with no number beside it: nobody liked it yet; the same row as "赞 3"
            likes = 0 if likes is None else likes
            continue
        if _count_after_the_time(item, k, items, time, words) and likes is None:
            likes = int(item)
            continue
        if len(item) <= 30 and _REPLY_COUNT.fullmatch(item) and words:
            continue
        if len(item) <= 30 and _MORE.fullmatch(item):
            sorts += 1  # "Top | Newest": the section's sort options
            continue
        bare = _BARE_NUMBER.fullmatch(item)
        if bare and words and words[-1] in _LIKE_WORDS and likes is None:
            # "Like · 3": the number beside the button
            likes = int(bare.group("n").replace(",", ""))
            continue
        # "3 • Reply • Share ›": the votes before the buttons, where their arrows were icons
        if bare and k == 0 and len(items) > 1 and all(
                _ACTION.fullmatch(item) for item in items[1:]):
            likes = int(bare.group("n").replace(",", ""))
            continue
        # "Like · Reply · 3 · 18h": the like count shown after the buttons, before the time
        if (bare and likes is None and time is None and _LIKE_WORDS & set(words)
                and all(_BARE_NUMBER.fullmatch(later) is None for later in items[k + 1:])):
            likes = int(bare.group("n").replace(",", ""))
            continue
        if words and _EDITED.fullmatch(item):
            continue
        count = _likes_in(item)
        if count is not None:
            likes = count if likes is None else likes
            continue
        if _dislikes(item):
            continue
        stamp = _time_marker(item, day_first)
        if stamp is None and k == 0 and len(items) > 1 and _MONTH_DAY.fullmatch(item):
            # "10-14 · 回复 · 赞 3": a month and a day as digits open the row, as they may
            # open a glued one ("3-9 Reply")
            stamp = Marker(TIME, TIME, time_text=item)
        if stamp is not None and time is None:
            time = stamp
            continue
        return None
    if sorts:
        return Marker(MORE, MORE) if sorts == len(items) else None
    if not words:
        return None
    # "parent" and "context" link a reply to what it answers, so roots show the row without
    # them: the same row.
    words = [word for word in words if word not in ("parent", "context")] or words
    return Marker(ACTION, "actions:" + ",".join(words), likes=likes,
                  time_text=time.time_text if time else None,
                  created_at=time.created_at if time else None)


MAX_SPACED_BUTTONS = 4


def _button_alone(token: str) -> bool:
    """Whether one word is a button by itself: an action ("Reply", "回复", "举报") or a like
    count with its word ("顶(27)")."""
    return (_ACTION.fullmatch(token) is not None or _reply_elsewhere(token)
            or not token.isascii() and (_OTHER_REPORT.fullmatch(token) is not None
                                        or _OTHER_LIKE_ALONE.fullmatch(token) is not None)
            or not token[0].isdigit() and _likes_in(token) is not None)


def _reply_elsewhere(item: str) -> bool:
    """Whether ``item`` is the Reply button in another language than English ("回复",
    "Ответить"), which an action row ends with as it does with "Reply"."""
    return not item.isascii() and _OTHER_REPLY.fullmatch(item) is not None


def _count_after_the_time(item: str, k: int, items: Sequence[str], time: Marker | None,
                          words: Sequence[str]) -> bool:
    """Whether ``item`` is a bare number between a row's time and its first button
    ("2020-03-09 19:17  12  回复": Bilibili's footer), the like count the row shows."""
    # The time is known before the first item only where the row glued it to the count.
    return (item.isdigit() and len(item) <= 7 and time is not None and not words
            and k < len(items) - 1)


_REACTION = re.compile(r"(?P<symbol>[^\w\s]{1,4})\s*(?P<n>\d{1,7})")
_LIKE_SYMBOLS = "👍♥❤♡★"  # a star is a favourite


def _emoji_only(symbol: str) -> bool:
    """Whether ``symbol`` is pictures only ("🎉", "❤️"), with their variation selectors."""
    return all(unicodedata.category(ch) == "So" or ch in "\ufe0f\u200d" for ch in symbol)


# ":+1: 12 :joy: 3": reactions written as their short codes, as a chat app's copy gives them
_CODED_REACTIONS = re.compile(r"(?::[a-z0-9_+\-]{1,30}:\s*\d{1,7}\s*)+")
_CODED_REACTION = re.compile(r":(?P<code>[a-z0-9_+\-]{1,30}):\s*(?P<n>\d{1,7})")
_LIKE_CODES = {"+1", "thumbsup", "thumbs_up", "heart", "star"}


def _reactions_marker(text: str) -> Marker | None:
    """A row of emoji reactions with their counts ("👍 3 · ❤️ 1 · 😂 0", ":+1: 3 :joy: 1"): a
    like count, the thumbs up's or the heart's where the row shows one (the others are not
    likes)."""
    if _CODED_REACTIONS.fullmatch(text):
        likes = next((int(m.group("n")) for m in _CODED_REACTION.finditer(text)
                      if m.group("code") in _LIKE_CODES), None)
        return Marker(COUNT, "count:reactions", likes=likes)
    if not text or unicodedata.category(text[0]) != "So":
        return None
    items = [item for item in _SEPARATORS.split(text.strip()) if item]
    if len(items) == 1:
        items = text.split()
        items = [" ".join(items[k:k + 2]) for k in range(0, len(items), 2)]
    matches = [_REACTION.fullmatch(item) for item in items]
    # One reaction alone ("🎉 1" under "👍 3"): an emoji's, not a sign's ("+1", "#2")
    if not matches or not all(matches) or (
            len(matches) == 1 and not _emoji_only(matches[0].group("symbol"))):
        return None
    likes = next((int(m.group("n")) for m in matches
                  if any(symbol in m.group("symbol") for symbol in _LIKE_SYMBOLS)), None)
    return Marker(COUNT, "count:reactions", likes=likes)


# A reviewer's line under the name: how many reviews they wrote, and where they are ("2
# reviews · GB").
_REVIEWER = re.compile(r"\d{1,6}\s+reviews?(?:\s*[·•|,]\s*[^\d\W][^·•|]{0,40})?", re.IGNORECASE)
# "Date of experience: March 7, 2020", "Date of stay: ...": a date the page labels as something
# other than when the comment was posted.
_LABELLED_DATE = re.compile(r"(?P<label>[^\W\d_]+(?: [^\W\d_]+){0,3}):\s+(?P<date>.{6,40})")
# "Reply from Northwind Ltd", "Response from the owner": a business's reply printed under the
# review it answers; it names its author, and answers the review above.
_RESPONSE_FROM = re.compile(r"(?:reply|response|comment)\s+from\s+(?P<name>\S.{0,59})",
                            re.IGNORECASE)


# "Last edited: Today at 12:20 AM", "Last edited by alice; Oct 14 @ 4:04am": when the comment
# was changed, under its body on some comments; the time it was posted is in its header.
_EDITED_NOTE = re.compile(r"(?:last\s+)?(?:edited|modified|updated)(?:\s+by\s+\S.{0,49}?)?"
                          r"\s*[;:,]?\s+(?P<time>\S.{2,60}?)"
                          # a forum's "..., edited 2 times in total." (phpBB), "... at 9:45 AM."
                          r"(?:,\s+edited\s+\d+\s+times?\s+in\s+total)?\.?", re.IGNORECASE)
# "Edited August 17, 2015 by alice" (Invision): the time before the name
_EDITED_BY = re.compile(r"(?:last\s+)?(?:edited|modified|updated)\s+(?P<time>\S.{2,60}?)"
                        r"\s+by\s+\S.{0,49}", re.IGNORECASE)


def _review_marker(text: str, day_first: bool | None) -> Marker | None:
    """A review site's header and footer lines that have a form of their own (above)."""
    if text[0].isdigit() and _REVIEWER.fullmatch(text):
        return Marker(DETAIL, DETAIL + ":reviewer")
    if ": " in text and (dated := _LABELLED_DATE.fullmatch(text)):
        time = _time_marker(dated.group("date"), day_first)
        if time is not None and time.created_at:
            return Marker(DETAIL, DETAIL + ":dated")
    if " from " in text and (response := _RESPONSE_FROM.fullmatch(text)):
        name = response.group("name")
        if _name_like(name):
            return Marker(REPLY_TO, REPLY_TO, author=display_name(name))
    return None


# "#3", "#1.2", "No. 12", "3.": a post's number, never a name
_POST_NUMBER = re.compile(r"(?:#\s?|no\.\s?)\d{1,6}(?:\.\d{1,6})*|\d{1,6}(?:\.\d{1,6})*\.",
                          re.IGNORECASE)
_POST_NUMBER_WORD = re.compile(r"#\d{1,6}(?:\.\d{1,6})*")
_REPLIED_TO_WORDS = re.compile(
    r"(?:replied|replying|in reply|in response)\s+to(?P<what>\s+(?:a|an|the|this)\s+"
    r"(?:thread|comment|message|post|reply))?\s*:\s+(?P<words>\S.{0,300})", re.IGNORECASE)
_LIKERS = re.compile(r"(?P<people>.{1,200}?)\s+(?:likes?|liked)\s+this\.?", re.IGNORECASE)
_REPLIERS = re.compile(r"(?P<people>.{1,200}?)\s+replied\s+to\s+this\.?", re.IGNORECASE)
# "The Following 3 Users Say Thank You to alice For This Useful Post:" (vBulletin): a count of
# thanks, the thankers' names on the line under it
_THANKED = re.compile(r"the\s+following\s+(?:(?P<n>\d{1,6})\s+)?users?\s+says?\s+thank\s+you\s+"
                      r"to\s+\S.{0,50}?\s+for\s+this\s+(?:useful\s+)?post:?", re.IGNORECASE)
# "Reactions: alice, bob and 10 others" (XenForo), "Liked by: alice"
_REACTORS = re.compile(r"(?:reactions|liked\s+by)\s*:\s*(?P<people>\S.{0,200})", re.IGNORECASE)
_OTHERS = re.compile(r"(?P<n>\d{1,7})\s+others?(?:\s+(?:person|people|users?|members?))?",
                     re.IGNORECASE)


def _likers(text: str, form: re.Pattern = _LIKERS) -> int | None:
    """"alice, bob and 37 others like this.": how many people like the comment (the names
    and the others), or None where the line is no such list: each name one to three words,
    none opening with a pronoun or article ("I really like this." is a comment)."""
    match = form.fullmatch(text)
    if match is None:
        return None
    people = re.split(r",\s*|\s+and\s+", match.group("people"))
    likes = 0
    for person in people:
        others = _OTHERS.fullmatch(person)
        if others:
            likes += int(others.group("n"))
            continue
        words = person.split()
        if (not 1 <= len(words) <= 3 or words[0].casefold() in _NOT_NAMES | {"everyone",
                                                                            "everybody"}
                or not any(ch.isalpha() for ch in person)):
            return None
        likes += 1
    return likes


# A mail archive's message headers (public-inbox's, as lore.kernel.org shows each message):
# "From: alice <alice@example.org>", "Date: Wed, 17 Jun 2020 17:05:17 +0000  [thread
# overview]", "Message-ID: <...>", "In-Reply-To: <...>", the other fields a detail
_MAIL_HEADER = re.compile(r"(?P<field>from|date|to|cc|subject|message-id|in-reply-to)\s?:\s*"
                          r"(?P<value>\S.{0,300})", re.IGNORECASE)
_MAIL_FROM = re.compile(r'"?(?P<name>[^"<>@]{1,60}?)"?\s*<[^<>\s]{1,120}>|'
                        r"(?P<user>[^\s<>@()]{1,64})@[^\s<>()]{1,120}(?:\s*\((?P<paren>[^()]{1,60})\))?")
MESSAGE_ID = re.compile(r"<(?P<id>[^<>\s]{3,250})>")
# "[thread overview]": a link beside the Date header
_BRACKETED_TAIL = re.compile(r"\s*\[[^\[\]]{1,40}\]$")
# "^ permalink raw reply  [flat|nested] 51+ messages in thread": the links under each message
_ARCHIVE_FOOTER = re.compile(r"\^?\s*permalink\s+raw\s+reply\b.{0,80}", re.IGNORECASE)
# The thread's overview under the last message: each message's date and its poster on the
# thread's tree ("2020-06-17 23:20   ` alice"), a message the archive lacks ("[not found]
# <id>") and the lines that head the overview; the thread's map, no message
_THREAD_OVERVIEW = re.compile(
    r"\d{4}-\d\d-\d\d\s+\d{1,2}:\d\d\s+`\s?\S.{0,300}|\[not found\]\s+<[^<>\s]{3,250}>|"
    r"end of thread, other threads:.{0,80}|thread overview:.{0,120}|"
    r"-- links below jump to the message on this page --", re.IGNORECASE)


def _mail_header(field: str, value: str, day_first: bool | None) -> Marker | None:
    """The marker a mail header line is (the form above), or None where its value is not
    what that header holds: "From: Berlin" on a forum's profile is a place, not a sender
    (a sender has an address), and "To: all of you" a comment's opening."""
    if field == "from":
        sender = _MAIL_FROM.fullmatch(value.strip())
        name = sender and (sender.group("name") or sender.group("paren") or sender.group("user"))
        return Marker(AUTHOR, AUTHOR + ":mail", name=display_name(name)) if name else None
    if field == "date":
        time = _time_marker(_BRACKETED_TAIL.sub("", value), day_first)
        return time and Marker(TIME, TIME, time_text=time.time_text, created_at=time.created_at)
    if field in ("message-id", "in-reply-to"):
        return Marker(DETAIL, DETAIL + ":" + field) if MESSAGE_ID.search(value) else None
    if field in ("to", "cc"):
        return Marker(DETAIL, DETAIL + ":mail header") if "@" in value else None
    return Marker(DETAIL, DETAIL + ":mail header")  # Subject


IP_PLACES_PATH = Path(__file__).parent / "lexicons" / "layout_ip_places.tsv"
# "广东", "IP属地：广东", "美国": where the commenter's IP address is, under each comment on
# Chinese platforms (lexicons/layout_ip_places.tsv)
_IP_PLACES = frozenset(line.strip() for line in IP_PLACES_PATH.read_text(encoding="utf-8")
                       .splitlines() if line.strip() and not line.startswith("#"))
# A label before the author's name on Japanese and Chinese Q&A sites and forums: the answerer
# (Yahoo!知恵袋's "回答者"), the poster ("投稿者"), the author ("作者"), the asker ("質問者")
_AUTHOR_LABEL = re.compile(r"(?:回答者|投稿者|質問者|作者|发帖人|發帖人|楼主|樓主)\s?[:：]\s?"
                           r"(?P<name>\S.{0,49})")
# "aliceさん": a name with the Japanese honorific, alone on a line
_JAPANESE_ADDRESS = re.compile(r"@?(?P<name>[^\s@:：]{1,40}?)\s?さん")
# ("皆さん": everyone; "お客さん", "お父さん": the customer, one's father: no one on the page)
_ADDRESSED_NO_ONE = frozenset({"皆", "みな", "みんな", "お客", "お父", "お母", "お兄", "お姉",
                               "奥", "店員", "大家", "お隣", "おじ", "おば", "おじい", "おばあ"})
# ("回复 @alice :" is what the poster typed, glued to the text or not: read with the body)
_CHINESE_REPLY_LINE = re.compile(r"(?:回复|回覆)\s?(?P<name>[^\s:：@]{1,40})\s?[:：]")
_IP_PLACE = re.compile(r"IP\s?属地\s?[:：]?\s*(?P<place>\S{1,8})")
# Links a copy keeps as their symbols after a comment's time: its permalink ("#", "¶"), its
# parent's ("^", "↑"), a bar between them
_LINK_SYMBOLS = "#^|¶↑"
_TIME_THEN_LINKS = re.compile(r"(?P<time>\S.{0,60}?)[\s,]*[#^|¶↑](?:[\s#^|¶↑]){0,8}")
# "78.56.xxx.xxx", "IP: 46.251.*.*": an unregistered commenter's network address, masked in
# part, under the name (Lithuanian, Polish and Russian news sites show it); a detail of the
# author, never a name
_MASKED_IP = re.compile(r"(?:ip\s?:?\s?)?\d{1,3}\.\d{1,3}\.(?:[x*]{1,3}|\d{1,3})\.[x*]{1,3}",
                        re.IGNORECASE)
_TIME_THEN_REPLY = re.compile(
    r"(?P<time>\S.{0,40}?)\s*[·•|–—]\s*(?P<rest>(?:in\s+)?repl.{3,90})", re.IGNORECASE)
_NUMBERED_REPLY = re.compile(r"(?P<own>\S{1,8})\s*[·•|–—]\s*(?P<rest>\S.{2,60})")


def classify_line(text: str, day_first: bool | None = None) -> Marker:
    """What kind of line ``text`` (one stripped, non-blank line) is by its form alone.

    A display name has no form of its own, so a name line comes back as TEXT;
    :func:`read_layout` finds names by their place. A bare number ("12") comes back as a
    COUNT; :func:`read_layout` turns the page's bare numbers into NUMBERING when they count up.
    ``day_first`` settles "09/03/2020" where the page has no date with a day above 12.
    """
    if ">>" in text and text[0] != ">":
        # An imageboard header's answers ("No.566866148 ▶ >>566866190 >>566866201 ..."),
        # however many: links to the posts below, no part of what the header says
        text = _BACKLINKS.sub("", text)
    if len(text) > 120:
        return _TEXT_MARKER
    text = _without_marks(text)
    if not text:
        return _TEXT_MARKER
    if len(text) <= 5 and _SEPARATOR_ALONE.fullmatch(text):
        # "•" between Disqus's "Reply" and "Share ›": a dot between buttons, no one's words
        return Marker(ACTION, SEPARATOR_KEY)
    time = _time_marker(text, day_first)
    if time is not None:
        return time
    if text[-1] in _LINK_SYMBOLS and (linked := _TIME_THEN_LINKS.fullmatch(text)) and (
            time := _time_marker(linked.group("time"), day_first)) is not None:
        # "3 hours ago, # ^ |": the comment's permalink ("#") and its parent's ("^") beside
        # its time (Codeforces'), no part of it
        return time
    if ":" in text[:12] and (header := _MAIL_HEADER.fullmatch(text)):
        mail = _mail_header(header.group("field").lower(), header.group("value"), day_first)
        if mail is not None:
            return mail
    if text[:1] in "^p" and _ARCHIVE_FOOTER.fullmatch(text):
        return Marker(ACTION, "action:permalink")
    if text[:1] in "0123456789[etT-" and _THREAD_OVERVIEW.fullmatch(text):
        return Marker(MORE, MORE)
    if text[0] == "@" and text.count("@") == 2 and _ADDRESS.fullmatch(text):
        return Marker(DETAIL, DETAIL + ":address")
    if text[-1] in "x*" and _MASKED_IP.fullmatch(text):
        return Marker(DETAIL, DETAIL + ":ip address")
    # "#3 · In reply to #2": the post's number and the number of the post it answers; read
    # as the post's numbering (the page's numbers are not tied to its comments here).
    numbered = _NUMBERED_REPLY.fullmatch(text)
    if numbered and _NUMBERING.fullmatch(numbered.group("own")):
        answered = classify_line(numbered.group("rest"), day_first)
        if answered.kind == REPLY_TO and answered.name and re.fullmatch(r"#?\d+", answered.name):
            own = _NUMBERING.fullmatch(numbered.group("own"))
            return Marker(NUMBERING, NUMBERING,
                          number=next(int(g) for g in own.groups() if g is not None))
    # "3 weeks ago · in reply to alice": the reply's time, then whom it answers
    timed = _TIME_THEN_REPLY.fullmatch(text)
    if timed and (time := _time_marker(timed.group("time"), day_first)) is not None:
        answered = classify_line(timed.group("rest"), day_first)
        if answered.kind == REPLY_TO and answered.name:
            return Marker(REPLY_TO, REPLY_TO, name=answered.name, time_text=time.time_text,
                          created_at=time.created_at)
    # "Replied to: Too many weird, wild things to count…": Ghost quotes the opening words of
    # the comment answered, not its author's name; a line of the header, not the reply's text
    # ("replied to a thread: ..." in a chat's copy: the words whatever their length)
    quoted = _REPLIED_TO_WORDS.fullmatch(text)
    if quoted and (quoted.group("what") or not _name_like(quoted.group("words"))):
        return Marker(DETAIL, DETAIL + ":replied to")
    replied = _reply_then_time(text, day_first)
    if replied is not None:
        return replied
    # "[In reply to alice]": a chat's reply marker in brackets.
    elsewhere = _REPLY_TO_ELSEWHERE.fullmatch(text)
    if elsewhere and _name_like(elsewhere.group("name")) and " " not in elsewhere.group("name"):
        return Marker(REPLY_TO, REPLY_TO, name=elsewhere.group("name"))
    to = _REPLY_TO.match(text[1:-1] if text[0] == "[" and text[-1] == "]" else text)
    if to:
        name = _reply_name(to)
        if name is None:
            return Marker(ACTION, "action:reply")
        return Marker(REPLY_TO, REPLY_TO, name=name)
    arrow = _ARROW_NAME.fullmatch(text)
    if arrow and (button := _ACTION.fullmatch(arrow.group("name"))):
        # "→ Reply": the button with its arrow icon, no one's name
        return Marker(ACTION, "action:" + button.group("word").lower())
    reply = _AT_NAME.fullmatch(text) or (arrow if arrow and _name_like(arrow.group("name"))
                                         else None)
    if reply:
        return Marker(REPLY_TO, REPLY_TO, name=reply.group("name"))
    action = _ACTION.fullmatch(text)
    if action:
        return Marker(ACTION, "action:" + action.group("word").lower())
    # "Quote Edit #33": a note's buttons on the line of its number (Redmine's)
    buttons = _BUTTONS_THEN_NUMBER.fullmatch(text)
    if buttons and all(_ACTION.fullmatch(word) for word in buttons.group("buttons").split()):
        return Marker(NUMBERING, NUMBERING, number=int(buttons.group("number")))
    if text in _MENU_BUTTONS:
        return Marker(ACTION, "action:menu")
    if _REPLY_BOX.fullmatch(text):
        return Marker(ACTION, "action:reply box")
    bare = _bare_count(text)
    if bare is not None:
        return Marker(COUNT, "count:bare", likes=bare)
    if not text.isascii():
        if (labelled := _AUTHOR_LABEL.fullmatch(text)) and _name_like(labelled.group("name")):
            # "回答者: alice" (the answerer), "投稿者：alice", "作者：alice": the author, labelled
            return Marker(AUTHOR, AUTHOR + ":labelled", name=display_name(labelled.group("name")))
        if text[-1] == "ん" and (addressed := _JAPANESE_ADDRESS.fullmatch(text)) and (
                addressed.group("name") not in _ADDRESSED_NO_ONE):
            # "aliceさん" alone over a reply's text: whom it answers, as "@alice" is
            return Marker(REPLY_TO, REPLY_TO, name=addressed.group("name"))
        if text[:1] == "回" and (answered := _CHINESE_REPLY_LINE.fullmatch(text)):
            # "回复 alice：" on a line of its own over the reply's text
            return Marker(REPLY_TO, REPLY_TO, name=answered.group("name"))
        if text in _IP_PLACES or (placed := _IP_PLACE.fullmatch(text)) and (
                placed.group("place") in _IP_PLACES):
            return Marker(DETAIL, DETAIL + ":place")
        if _OTHER_LIKE_ALONE.fullmatch(text):
            return Marker(COUNT, COUNT, likes=0)
        if _OTHER_REPLY.fullmatch(text):
            return Marker(ACTION, "action:reply")
        if _OTHER_REPORT.fullmatch(text):
            return Marker(ACTION, "action:report")
        if _OTHER_REPLIES.fullmatch(text):
            return Marker(MORE, MORE)
    likes = _likes_in(text)
    if likes is not None:
        return Marker(COUNT, COUNT, likes=likes)
    if _dislikes(text):
        return Marker(COUNT, "count:dislike")
    if (" out of 5" in text or text[0] in "★☆") and (rating := _RATING.fullmatch(text)):
        return Marker(DETAIL, DETAIL + ":rating", words=rating.group("title"))
    numbering = _NUMBERING.fullmatch(text)
    if numbering:
        number = next(int(g) for g in numbering.groups() if g is not None)
        return Marker(NUMBERING, NUMBERING, number=number)
    if text[:8].casefold() == "comment:" and (ticket := _TICKET_COMMENT.fullmatch(text)):
        # (the comment it answers is read with the page's numbers: _with_numbered_references)
        return Marker(NUMBERING, NUMBERING, number=int(ticket.group("own")))
    if text in _NAMED_FLOORS:
        return Marker(NUMBERING, NUMBERING, number=_NAMED_FLOORS[text])
    if _MORE.fullmatch(text):
        return Marker(MORE, MORE)
    actions = _actions_marker(text, day_first)
    if actions is not None:
        return actions
    reactions = _reactions_marker(text)
    if reactions is not None:
        return reactions
    post = _post_header(text, day_first)
    if post is not None:
        return post
    review = _review_marker(text, day_first)
    if review is not None:
        return review
    if _ATTACHMENT.fullmatch(text):
        return Marker(DETAIL, DETAIL + ":attachment")
    for form in (_EDITED_NOTE, _EDITED_BY):
        edited = form.fullmatch(text)
        # "Updated yesterday." or "... today by the council." may be a comment's sentence;
        # a date with its digits is a note's
        if (edited and (form is _EDITED_NOTE and edited.end("time") == len(text)
                        or any(ch.isdigit() for ch in edited.group("time")))
                and _time_marker(edited.group("time"), day_first) is not None):
            return Marker(DETAIL, DETAIL + ":edited")
    if _EDITED.fullmatch(text) or _REVISION.fullmatch(text):
        # "Edited" alone under the name; "← Rev. 3 →", the comment's edits to step through
        return Marker(DETAIL, DETAIL + ":edited")
    likers = (_likers(text) if text.endswith(("this", "this.")) else
              _likers(text, _REACTORS) if text[:1] in "RrLl" and ":" in text else None)
    if likers is not None:
        return Marker(COUNT, COUNT + ":likers", likes=likers)
    if text[:3].casefold() == "the" and (thanked := _THANKED.fullmatch(text)):
        return Marker(COUNT, COUNT + ":thanks", likes=int(thanked.group("n") or 1))
    if text.endswith(("this", "this.")) and _likers(text, _REPLIERS) is not None:
        return Marker(MORE, MORE)  # "bob, carol and 7 others replied to this."
    for form in (_AUTHOR_BY_TIME, _NAME_THEN_TIME, _BY_NAME_ON_DATE, _NAME_GAP_TIME):
        both = form.fullmatch(text)
        if both and _POST_NUMBER.fullmatch(both.group("name")):
            # "#1.2  —  vor 3 Wochen": the post's number and its time, no name
            time = _time_marker(both.group("time"), day_first)
            if time is not None:
                return time
        if both and _name_like(both.group("name")):
            likes, rest = None, both.group("time")
            if form is _NAME_THEN_TIME and rest[0].isdigit():
                likes, rest = _count_before(rest)
            elif rest.endswith(("]", ")")) and (count := _COUNT_AFTER.search(rest)) and (
                    (after := _likes_in(count.group("count"))) is not None):
                # "posted by alice at 2:24 AM on October 14, 2016 [3 favorites]"
                likes, rest = after, rest[:count.start()]
            time = _time_marker(rest, day_first) or _time_then_edit_note(rest, day_first)
            if time is not None and (form is not _BY_NAME_ON_DATE or time.created_at):
                # "#12 alice • 3 小時前": the post's number before the name (LIHKG's)
                name, number = both.group("name"), None
                if numbered := _NUMBER_BEFORE_NAME.fullmatch(name):
                    name, number = numbered.group("name"), int(numbered.group("number"))
                return Marker(AUTHOR, AUTHOR + ":time", name=_handle(name),
                              time_text=time.time_text, created_at=time.created_at,
                              likes=likes, number=number)
    author = (_name_verb_time(text, day_first) or _time_then_name(text, day_first)
              or _verb_time_by_name(text, day_first))
    if author is not None:
        return author
    if text[0] in "QqOoCcZz" and (quoted := _quote_from(text, day_first)) is not None:
        return Marker(REPLY_TO, REPLY_TO, name=display_name(quoted))
    if text.endswith(":") and (attribution := _MAIL_ATTRIBUTION.fullmatch(text)) and (
            _name_like(cited := attribution.group("name") or attribution.group("cited")
                       or attribution.group("noted"))
            and len(cited.split()) <= 3):
        # "On Wed, Jun 17, 2020 at 11:02 PM alice <al...@gmail.com> wrote:": a mail's quote of
        # the message answered
        return Marker(REPLY_TO, REPLY_TO, name=display_name(cited))
    if text.endswith((":", "：")) and (wrote := _AUTHOR_WROTE_ELSEWHERE.fullmatch(text)
                                       or _QUOTING_IN_CHINESE.fullmatch(text)) and (
            _name_like(name := _after_a_date(wrote.group("name") or wrote.group("bare")))):
        # "alice schrieb:": these languages' "wrote" opens a quote, never a post of one's own
        return Marker(REPLY_TO, REPLY_TO, name=display_name(name))
    says = _AUTHOR_SAYS.fullmatch(text) or _AUTHOR_BY.fullmatch(text)
    if says and _name_like(says.group("name")):
        return Marker(AUTHOR, AUTHOR + ":says", name=display_name(says.group("name")))
    added = _AUTHOR_ADDED.fullmatch(text) if " added a" in text else None
    if (added and _name_like(added.group("name")) and len(added.group("name").split()) <= 3
            and added.group("name").split()[0].casefold() not in _NOT_NAMES):
        return Marker(AUTHOR, AUTHOR + ":added", name=display_name(added.group("name")))
    replied = (_AUTHOR_REPLIED.fullmatch(text)
               if any(hint in text for hint in _REPLIED_HINTS) else None)
    # ("顶[56]  踩[8]  回复  分享  举报": buttons apart by wide gaps, one of them "reply")
    # ("status: New → Triaged": a field's change, Launchpad's; a name holds no label)
    if (replied and _name_like(replied.group("author")) and _name_like(replied.group("name"))
            and len(replied.group("author").split()) <= 3 and "  " not in text
            and ": " not in replied.group("author")):
        # "bob in reply to alice Oct 14th 2016, 03:24": the reply's time after the name
        name, time = _name_then_time(replied.group("name"), day_first)
        return Marker(REPLY_TO, REPLY_TO, name=name, author=display_name(replied.group("author")),
                      time_text=time and time.time_text, created_at=time and time.created_at)
    return (_signature(text, day_first) or _name_place_time(text, day_first)
            or _name_time_navigation(text, day_first) or _name_then_date(text, day_first)
            or _TEXT_MARKER)


# "— alice (talk) 19:17, 9 March 2020 (UTC)": a wiki's signature, the name and its links in
# brackets before the time and its zone in brackets, a dash before the name on some; the
# reply tool's link, glued to the bracket when copied, may end it ("(UTC)Reply")
_SIGNATURE = re.compile(r"(?:[—–]|-{1,2})?\s*(?P<name>[^\s()]{1,40}(?: [^\s()]{1,40})?)\s*"
                        r"\((?P<links>[^\W\d_]{1,20}(?:\s*[·|/,]\s*[^\W\d_]{1,20}){0,2})\)\s*"
                        r"(?P<time>\d.*?\d\s*\([^\W\d_]{1,5}\))(?P<link>[^\W\d_]{2,20})?")


def _signature(text: str, day_first: bool | None) -> Marker | None:
    """"— alice (talk) 19:17, 9 March 2020 (UTC)": an author line that signs the comment
    above it, with the words of the links after the name in brackets; a date with its year
    and clock after them."""
    signed = _SIGNATURE.fullmatch(text) if "(" in text else None
    if signed is None or not _name_like(signed.group("name")):
        return None
    time = _time_marker(signed.group("time"), day_first)
    if time is None or not time.created_at or "T" not in time.created_at:
        return None
    return Marker(AUTHOR, AUTHOR + ":signed", name=display_name(signed.group("name")),
                  time_text=time.time_text, created_at=time.created_at)


def _time_then_edit_note(text: str, day_first: bool | None) -> Marker | None:
    """"Oct 14 • Edited on Oct 15": the time before a note of when the comment was edited
    (the time it was posted), or None."""
    parts = _SEPARATORS.split(text, maxsplit=1)
    if len(parts) < 2 or not parts[0]:
        return None
    time, note = parts
    if not (_EDITED_NOTE.fullmatch(note.replace(" on ", " ", 1)) or _EDITED.fullmatch(note)):
        return None
    return _time_marker(time, day_first)


def _name_then_time(text: str, day_first: bool | None) -> tuple[str, Marker | None]:
    """``text`` cut into a name and the time after it ("alice Oct 14th 2016, 03:24"), the
    longest tail that reads as a time; the whole and None where no tail does."""
    if not _TIME_HINT.search(text):
        return text, None
    words = text.split(" ")
    for k in range(1, len(words)):
        time = _time_marker(" ".join(words[k:]), day_first)
        if time is not None:
            return " ".join(words[:k]), time
    return text, None


def _name_then_date(text: str, day_first: bool | None) -> Marker | None:
    """"alice Oct 14th 2016, 02:24": a name of one or two words, then a date with its year
    and clock, with one space between (a page with a gap or a separator is read by
    _NAME_GAP_TIME and _NAME_THEN_TIME). An age would do as the end of a sentence ("I
    posted 5 hours ago"), a full date with its clock hardly."""
    if not _TIME_HINT.search(text) or not text[-1].isalnum():
        return None
    name, time = _name_then_time(text, day_first)
    # "The vote is on 9 March 2020 at 19:17": a sentence's words, and a time led by "on"
    if (time is None or not time.created_at or "T" not in time.created_at
            or not 1 <= len(name.split()) <= 2 or not _name_like(name)
            or not (time.time_text[0].isdigit() or time.time_text[0].isupper())):
        return None
    return Marker(AUTHOR, AUTHOR + ":dated", name=display_name(name), time_text=time.time_text,
                  created_at=time.created_at)


def _parents_after_names(kinds: list[Marker]) -> list[Marker]:
    """``kinds`` with "bob alice • a month ago" author lines read as bob's reply to alice
    (Disqus shows the parent's name after the author's, the arrow between them an icon a
    copy loses), where at least MIN_BLOCKS author lines end with a name another author line
    holds whole: the longest such end, what stands before it a name."""
    known = {_name_key(m.name) for m in kinds if m.kind == AUTHOR and m.name}
    split: dict[int, tuple[str, str]] = {}
    # A reply's parent may show up only in replies ("carol bob", where bob answered alice as
    # "bob alice"): the authors learned from one split are the parents of the next.
    while True:
        found = {}
        for i, m in enumerate(kinds):
            if m.kind != AUTHOR or not m.name or " " not in m.name or i in split:
                continue
            words = m.name.split(" ")
            for k in range(1, len(words)):
                author, parent = " ".join(words[:k]), " ".join(words[k:])
                if _name_key(parent) in known and _name_like(author) and _name_key(
                        parent) != _name_key(m.name):
                    found[i] = author, parent
                    break
        if not found:
            break
        split |= found
        known |= {_name_key(name) for pair in found.values() for name in pair}
    if len(split) < MIN_BLOCKS:
        return kinds
    return [Marker(REPLY_TO, REPLY_TO, name=split[i][1], author=split[i][0],
                   time_text=m.time_text, created_at=m.created_at, likes=m.likes)
            if i in split else m for i, m in enumerate(kinds)]


def _labels_before_dates(kinds: list[Marker]) -> list[Marker]:
    """``kinds`` with "answered Aug 17, 2015 at 8:45" lines read as times where every line of
    that form names the same "author": a label the page writes before its dates, not a
    name (people differ)."""
    dated = [m for m in kinds if m.key == AUTHOR + ":dated"]
    if len(dated) < TWO_COMMENT_BLOCKS or len({m.name for m in dated}) > 1:
        return kinds
    return [Marker(TIME, TIME, time_text=m.time_text, created_at=m.created_at)
            if m.key == AUTHOR + ":dated" else m for m in kinds]


_DAY_NAMED = (AUTHOR + ":dated", AUTHOR + ":place-time")

# "Join Date: Feb 2010", "Posts: 13,052": a profile's label and its value on one line
_LABELLED_LINE = re.compile(r"(?P<label>[^\W\d_]+(?: [^\W\d_]+){0,2}):\s+\S.{0,40}")


def _profile_lines_opening_bodies(blocks: Sequence[CommentBlock], markers: dict[int, str],
                                  lines: Sequence[tuple[int, str]]) -> None:
    """Take a forum profile's labelled lines out of the bodies they open ("Join Date: Feb
    2010", "Posts: 13,052", "Location: Texas" under vBulletin's names and ranks), as details:
    labels of one to three words before a colon that open REPEATED_SHARE of the bodies or more
    with values that differ, two such labels at least; with them, a label that opens
    MIN_BLOCKS bodies among them. A comment's "Edit: ..." now and then opens few."""
    text_of = dict(lines)
    opening: dict[str, list[tuple[int, int]]] = {}  # label -> (block, line) of opening lines
    for index, block in enumerate(blocks):
        for number in block.body[:-1]:  # the body's own text stays, however it opens
            labelled = (_LABELLED_LINE.fullmatch(text_of[number])
                        if len(text_of[number]) <= 60 else None)
            if labelled is None:
                break
            opening.setdefault(labelled.group("label").casefold(), []).append((index, number))
    common = [label for label, at in opening.items()
              if len(at) >= max(MIN_BLOCKS, REPEATED_SHARE * len(blocks))
              and len({text_of[number] for _, number in at}) > 1]
    if len(common) < 2:
        return  # one label ("Posts: 975") may be the comments' own words
    found = {label for label, at in opening.items() if label in common or len(at) >= MIN_BLOCKS}
    for block in blocks:
        while len(block.body) > 1 and (labelled := _LABELLED_LINE.fullmatch(
                text_of[block.body[0]])) and labelled.group("label").casefold() in found:
            number = block.body.pop(0)
            block.markers = sorted({*block.markers, number})
            markers[number] = DETAIL


# A signature's rule: vBulletin's "__________________" between a post and its poster's lines
_SIGNATURE_RULE = re.compile(r"_{10,}")
MAX_SIGNATURE_LINES = 3


def _signatures_and_thankers(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with a forum's furniture inside a post's text marked DETAIL: a signature, the
    line of underscores and the (at most MAX_SIGNATURE_LINES) lines under it up to the next
    marker; and the names of those who thanked the post, the line under "The Following 3
    Users Say Thank You to alice For This Useful Post:"."""
    out = None
    for i, m in enumerate(kinds):
        if m.kind == TEXT and _SIGNATURE_RULE.fullmatch(texts[i]):
            end = next((j for j in range(i + 1, len(kinds)) if kinds[j].kind != TEXT), None)
            if end is not None and end - i - 1 <= MAX_SIGNATURE_LINES:
                out = out or list(kinds)
                for j in range(i, end):
                    out[j] = Marker(DETAIL, DETAIL + ":signature")
        elif m.key == COUNT + ":thanks" and i + 1 < len(kinds) and kinds[i + 1].kind == TEXT:
            out = out or list(kinds)
            out[i + 1] = Marker(DETAIL, DETAIL + ":thankers")
    return out or kinds


# "Joined", "Reaction score": a profile's label, letters only, with its value on the next line
_PROFILE_LABEL = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+){0,2}")


def _labels_over_values(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with a forum profile's labelled values marked DETAIL, label and value both:
    "Joined" over "Jul 5, 2010", "Messages" over "18" (XenForo pastes each label and its
    value as two lines). A label is a short line of words that stands over a date or a bare
    number at NAME_SLOT_SHARE of its places, REPEATED_SHARE as often as the most frequent such
    line and MIN_BLOCKS times at least, the values differing;
    it takes two such labels, one over a date and one over numbers, whose pairs stand one
    under the other on MIN_BLOCKS posts, to make a profile: the member's own date ("Joined")
    is then no post's time, nor the post count its likes. A number under a word that names a
    count ("Likes" over "12") stays a count, and so do votes up and down without a date
    among them ("Up Vote" / "1" / "Down Vote" / "7")."""
    places: dict[str, list[int]] = {}
    for i, m in enumerate(kinds[:-1]):
        if m.kind == TEXT and len(texts[i]) <= 30 and _PROFILE_LABEL.fullmatch(texts[i]):
            places.setdefault(texts[i], []).append(i)
    dated, counted = [], []
    # (on every post, as a profile's labels are, so as often as the most frequent of them:
    # a name that posts often is no label)
    often = max(MIN_BLOCKS, REPEATED_SHARE * max(map(len, places.values()), default=0))
    for label, at in places.items():
        if len(at) < often:
            continue
        values = [i + 1 for i in at if kinds[i + 1].kind in (TIME, COUNT)]
        if (len(values) < NAME_SLOT_SHARE * len(at) or len({texts[i] for i in values}) < 2
                or len({kinds[i].kind for i in values}) > 1):
            continue
        if kinds[values[0]].kind == TIME:
            dated.append(values)
        elif classify_line(f"{label} {texts[values[0]]}").kind == TEXT:
            counted.append(values)
    # A profile's pairs stand together ("Joined" / date / "Messages" / number): a name over
    # its time and a button over a like count, each alone, are no profile.
    paired = {i for values in dated + counted for i in values}
    chained = [[i for i in values if i - 2 in paired or i + 2 in paired]
               for values in dated + counted]
    if (not counted or sum(len(values) >= MIN_BLOCKS for values in chained) < 2
            or not any(len(values) >= MIN_BLOCKS for values in chained[:len(dated)])):
        return kinds
    out = list(kinds)
    for values in chained:
        for i in values:
            out[i - 1] = out[i] = Marker(DETAIL, DETAIL)
    return out


def _weekdays_before_dates(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with "الجمعة 14 أكتوبر 2016 - 02:24" and "Montag, 9. März 2020" read as
    times: the word before the date is its weekday, in whatever language, where each such
    word stands before dates of one weekday only and no two words before the same one, on
    MIN_BLOCKS lines at least. People's names do not follow the calendar, and one word before
    every date of a page (a discussion of one day) is no person either: people differ."""
    days: dict[str, set[int]] = {}
    for m in kinds:
        if m.key in _DAY_NAMED and m.name and m.created_at:
            day = date.fromisoformat(m.created_at[:10]).weekday()
            days.setdefault(m.name, set()).add(day)
    seen = sum(m.key in _DAY_NAMED and m.name in days for m in kinds)
    if (not days or seen < MIN_BLOCKS or any(len(found) > 1 for found in days.values())
            or len({min(found) for found in days.values()}) < len(days)):
        return kinds
    return [Marker(TIME, TIME, time_text=text, created_at=m.created_at)
            if m.key in _DAY_NAMED and m.name in days else m
            for m, text in zip(kinds, texts, strict=True)]


_TIME_HINT = re.compile(r"\d[:.]\d\d|(?:19|20)\d\d|ago|now|yesterday|today|last",
                        re.IGNORECASE)
"""What the last part of a time holds (a clock, a year or a word of a relative age): most
sentences with commas are ruled out without trying them as times."""


_SIGNATURE_OPENING = re.compile(r"^[—–-]\s+")


def _name_place_time(text: str, day_first: bool | None) -> Marker | None:
    """"NAME, PLACE, TIME" on one line (the place optional, several parts at most): the name
    is the first part, the time the longest run of last parts that reads as one (a date may
    hold a comma itself: "March 9, 2020")."""
    parts = text.split(", ")
    if not 2 <= len(parts) <= 5 or not _TIME_HINT.search(parts[-1]):
        return None
    if parts[0][0] in "—–-":  # "— alice, 3 hours ago" under the body: a signature's dash
        parts[0] = _SIGNATURE_OPENING.sub("", parts[0], count=1)
    if not _name_like(parts[0]):
        return None
    # "Answered Aug 29, 2017, 3:24 AM": a date that opens in the first part is no place
    words = parts[0].split()
    rest = ", ".join(parts[1:])
    if any(_time_marker(" ".join(words[k:]) + ", " + rest, day_first) is not None
           for k in range(1, len(words))):
        return None
    for k in range(1, len(parts)):
        time = _time_marker(", ".join(parts[k:]), day_first)
        if time is not None:
            if not all(_name_like(part) for part in parts[1:k]):
                return None
            return Marker(AUTHOR, AUTHOR + ":place-time", name=display_name(parts[0]),
                          time_text=time.time_text, created_at=time.created_at)
    return None


_MORE_HANDLES = re.compile(r"(?:\s*,?\s+and\s+|\s*,\s*|\s+)@")


def _reply_name(match: re.Match) -> str | None:
    """The person an "in reply to" line names, or None where it names none ("Reply to this
    comment": a button)."""
    name = _POSSESSIVE.sub("", match.group("name"))
    if "@" in name:
        # "Replying to @bob and @alice": a reply names the account it answers first, then
        # the others its parent had named
        name = _MORE_HANDLES.split(name, maxsplit=1)[0]
    return None if _NOT_A_NAME.fullmatch(name) else name


def _count_before(rest: str) -> tuple[int | None, str]:
    """A like count between a name and a time ("alice • 3 points • 5 hours ago"): the count
    and the rest, or no count and ``rest`` as it was."""
    parts = _SEPARATORS.split(rest, maxsplit=1)
    likes = _likes_in(parts[0]) if len(parts) == 2 else None
    return (likes, parts[1]) if likes is not None else (None, rest)


# "alice commented 5 months ago": a name, what it did, when.
# "alice commented on Mar 9, 2020": "on" goes with the verb, not the time
# "Alice Smith (alice) wrote on 2015-08-17:	#12" (Launchpad's): a colon after the time, then
# the post's number
_NAME_VERB_TIME = re.compile(r"(?P<name>\S+(?:\s\S+){0,2}?)\s+(?:commented|replied|posted|wrote)"
                             r"\s+(?:on\s+)?(?P<time>.{2,60}?)(?::(?:\s+#\d{1,6})?)?",
                             re.IGNORECASE)
_VERB_HINTS = ("commented ", "replied ", "posted ", "wrote ")
# "I wrote 5 months ago" is a sentence: a name is no pronoun or determiner.
_NOT_NAMES = {"i", "you", "he", "she", "we", "they", "it", "someone", "somebody", "everyone",
              "nobody", "who", "this", "that", "my", "your", "his", "her", "our", "their",
              "the", "a", "an"}


def _name_verb_time(text: str, day_first: bool | None) -> Marker | None:
    """"NAME commented 5 months ago" (or replied, posted, wrote, then a time): an author
    line. The name is three words at most."""
    if not (("ed " in text or "wrote " in text) and any(hint in text for hint in _VERB_HINTS)):
        return None
    match = _NAME_VERB_TIME.fullmatch(text)
    if match is None or match.group("name").split()[0].casefold() in _NOT_NAMES:
        return None
    return _author_at(match, day_first)


def _author_at(match: re.Match, day_first: bool | None) -> Marker | None:
    """The author line a match's "name" and "time" make, where the name is shaped as one and
    the time reads as one."""
    if not _name_like(match.group("name")):
        return None
    time = _time_marker(match.group("time"), day_first)
    if time is None:
        return None
    return Marker(AUTHOR, AUTHOR + ":time", name=_handle(match.group("name")),
                  time_text=time.time_text, created_at=time.created_at)


_FIRST_SEPARATOR = re.compile(r"[•·|–—]|\s-\s")
# How a time may start: a digit, a month or a weekday, "yesterday", "today", "last".
_TIME_STARTS = {*(name[:3] for name in _MONTHS), "mon", "tue", "wed", "thu", "fri", "sat", "sun",
                "yes", "tod", "las"}


def _time_then_name(text: str, day_first: bool | None) -> Marker | None:
    """"17.08.2015, 08:45 — alice": the time first, then the name, one separator between.
    The name must be no marker itself ("5 replies"), nor the rest of a footer row
    ("17 Juni 2020 17:05 · Phendula · 1 bayakuthanda": a second separator and a number)."""
    if not text[0].isdigit() and text[:3].casefold() not in _TIME_STARTS:
        return None
    separator = _FIRST_SEPARATOR.search(text, 3, 61)
    if separator is None:
        return None
    name = text[separator.end():].strip()
    if not _name_like(name) or not _TIME_HINT.search(text, 0, separator.start()):
        return None
    if _FIRST_SEPARATOR.search(name) and _DIGITS.search(name):
        return None
    time = _time_marker(text[:separator.start()].strip(), day_first)
    if time is None or classify_line(name, day_first).kind != TEXT:
        return None
    return Marker(AUTHOR, AUTHOR + ":time", name=display_name(name),
                  time_text=time.time_text, created_at=time.created_at)


def _verb_time_by_name(text: str, day_first: bool | None) -> Marker | None:
    """"Changed on 08/29/17 03:24:34 by alice": the time, then the name after "by"."""
    both = _VERB_TIME_BY_NAME.fullmatch(text) if " by " in text else None
    return None if both is None else _author_at(both, day_first)


def _handle(name: str) -> str:
    """A name as the author column gives it: "@jdoe" is the handle "jdoe"."""
    name = display_name(name)
    return name[1:] if name.startswith("@") and " " not in name and len(name) > 1 else name


_POINTS_BY = re.compile(r"(?P<n>-?\d+)\s+points?\s+by\s+", re.IGNORECASE)


def _name_time_navigation(text: str, day_first: bool | None) -> Marker | None:
    """"NAME TIME" with a space between, then thread navigation or actions ("alice 5 hours
    ago | parent | next [–]", "[–] bob 3 points 2 days ago"): the name is one word, as
    handles are, so that a sentence ending in an age stays text."""
    # "15 points by alice 3 hours ago | parent | next": the score first, then "by" the name
    scored = _POINTS_BY.match(text)
    if scored:
        text = text[scored.end():]
    if not _WORD_THEN_TIME.match(text):
        return None
    items = [item for item in _SEPARATORS.split(_TOGGLE.sub(" ", text).strip()) if item]
    if not items:
        return None
    name, _, rest = items[0].partition(" ")
    likes = None
    # "alice edited 3 hours ago | link": the time of the last edit stands for the comment's
    rest = re.sub(r"^edited\s+", "", rest, flags=re.IGNORECASE)
    count = re.match(r"(?P<n>\d+)\s+points?\s+", rest, re.IGNORECASE) if not scored else None
    if count:
        likes, rest = int(count.group("n")), rest[count.end():]
    if scored:
        likes = int(scored.group("n"))
    time = _time_marker(rest, day_first) if rest else None
    # Handles may start with "_" or "-" and a removed account reads "[deleted]".
    if time is None or not _name_like(name) or not any(ch.isalnum() for ch in name):
        return None
    if not all(_NAVIGATION.fullmatch(item) or _ACTION.fullmatch(item) for item in items[1:]):
        return None
    if len(items) == 1 and count is None and scored is None:
        return None  # "alice 5 hours ago" alone could end a sentence; navigation says more
    return Marker(AUTHOR, AUTHOR + ":time", name=display_name(name), time_text=time.time_text,
                  created_at=time.created_at, likes=likes)


# An imageboard's post header names the post by its number, which replies cite (">>123"):
# "alice 03/09/20(Mon)19:17:05 No.123456789" (4chan: the number last), "12 名前：alice
# 2020/03/09(月) 19:17:05.12 ID:AbC123xy" (5ch: the number first, the name after its label, the
# poster's ID last).
# "... No.566866148 ▶ >>566866190 >>566866201": an imageboard's post menu and the numbers of
# the posts that answer it may follow the post's own number
_POST_NUMBER_LAST = re.compile(r"(?P<head>\S.{0,110}?)\s+No\.\s?(?P<number>\d{1,12})"
                               r"(?:\s*[▶►▸](?:\s+>>\d{1,12})*)?")
_POST_NUMBER_FIRST = re.compile(r"(?P<number>\d{1,6})\s*[:：]?\s*(?P<label>名前\s*[:：]\s*)?"
                                r"(?P<head>\S.{0,110}?)(?P<id>\s+ID\s?[:：]\s?\S{1,24})?")
# "File: 1476419284874.jpg (154 KB, 800x600)": a picture attached to the post, with its size
# as the page shows it (a forum's or an imageboard's); the post's text is elsewhere
_ATTACHMENT = re.compile(
    r"(?:[^\W\d_]{2,12}\s?:\s*)?\S{1,80}\.(?:jpe?g|png|gif|webp|webm|mp4|pdf)\s*"
    r"\((?:[^()]*,\s*)?[\d.,]+\s?[KMG]i?B(?:,\s*[^()]*)?\)", re.IGNORECASE)
_DATE_LABEL = re.compile(r"^[^\W\d_]{1,8}\s?[:：]\s*(?=\d)")
_BACKLINKS = re.compile(r"(?<=[▶►▸])(?:\s+>>\d{1,12})+\s*$")
_TRIPCODE = re.compile(r"\s+!{1,2}[\w./+]{8,12}$")
_POST_NUMBER_HINTS = ("No.", "名前", "ID:", "ID：")
_CLOCK_IN = re.compile(r"\d[:.]\d\d")


def _post_header(text: str, day_first: bool | None) -> Marker | None:
    """An imageboard's post header: a name, a date with a clock and the post's number (the form
    above).
    The number-first form needs the name's label or the poster's ID, which a sentence that
    opens with a number and ends with a date has not."""
    if not (text[-1].isalnum() or text[-1] in "▶►▸") or not any(
            hint in text for hint in _POST_NUMBER_HINTS):
        return None
    match = _POST_NUMBER_LAST.fullmatch(text)
    if match is None:
        match = _POST_NUMBER_FIRST.fullmatch(text)
        if match is None or not (match.group("label") or match.group("id")):
            return None
    words = match.group("head").split()
    for k in (3, 2, 1):  # the date's words are the head's last ones
        if len(words) <= k:
            continue
        # "投稿日：2015/08/17(月) 22:05:46.14": a label may open the date ("posted on:")
        time = _time_marker(_DATE_LABEL.sub("", " ".join(words[-k:]), count=1), day_first)
        # "alice !Ab3dEfGh.J": a tripcode after the name proves who posted, and is no name
        name = _TRIPCODE.sub("", " ".join(words[:-k]).rstrip(":："))
        # a date and a clock (the date's order may be settled by the page only: created_at)
        if time is not None and _CLOCK_IN.search(time.time_text) and _name_like(name):
            return Marker(AUTHOR, AUTHOR + ":time", name=display_name(name),
                          time_text=time.time_text, created_at=time.created_at,
                          number=int(match.group("number")))
    return None


_NUMBER_BEFORE_NAME = re.compile(r"#(?P<number>\d{1,6})\s+(?P<name>\S.*)")


def _name_like(text: str) -> bool:
    """Short enough and shaped like a display name rather than a sentence."""
    text = text.strip()
    return (0 < len(text) <= MAX_NAME_CHARS and len(text.split()) <= MAX_NAME_WORDS
            and text[-1] not in ".?!,;:")


_NUMERIC_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:[/-]|\.\s?)(\d{1,2})(?:[/-]|\.\s?)"
                                r"(?:(?:19|20)\d{2}|\d{2})\b")


def day_first_of(lines: Sequence[str]) -> bool | None:
    """Whether the page writes numeric dates day first (09/03/2020), from the dates whose day
    is above 12; None when none tells."""
    votes = Counter()
    for text in lines:
        for match in _NUMERIC_DAY_MONTH.finditer(text):
            first, second = int(match.group(1)), int(match.group(2))
            if first > 12 >= second:
                votes[True] += 1
            elif second > 12 >= first:
                votes[False] += 1
    if not votes:
        return None
    return votes[True] >= votes[False]


# ---------------------------------------------------------------------------- the layout


@dataclass(frozen=True)
class Layout:
    """The marker sequence a page repeats around its comment bodies.

    ``header`` and ``footer`` are the marker keys before and after a body, in page order;
    ``seen`` counts the comments read by it and ``share`` is the share of those that carry
    every marker shown on nearly all comments (the rest are optional, like "in reply to")."""

    header: tuple[str, ...]
    footer: tuple[str, ...]
    seen: int
    share: float
    optional: frozenset[str] = frozenset()

    @property
    def has_reply_markers(self) -> bool:
        return REPLY_TO in self.header or REPLY_TO in self.footer

    def with_optional_reply_marker(self) -> Layout:
        """This layout with "in reply to" shown as a marker on some of its comments: the
        replies a reading links by a later pass (anchors, cited ids, quotes) rest on it."""
        return Layout(self.header + (REPLY_TO,), self.footer, self.seen, self.share,
                      self.optional | {REPLY_TO})

    @property
    def names_authors(self) -> bool:
        return any(key == NAME or key.startswith(AUTHOR) for key in self.header + self.footer)

    def describe(self) -> str:
        """The sequence as a reader would write it: NAME, TIME, [IN REPLY TO], BODY, ..."""
        def shown(key: str) -> str:
            label = {NAME: "NAME", DETAIL: "DETAIL", TIME: "TIME", REPLY_TO: "in reply to NAME",
                     COUNT: "COUNT", "count:bare": "COUNT", NUMBERING: "#N",
                     AUTHOR + ":says": "NAME says:", AUTHOR + ":time": "NAME · TIME",
                     AUTHOR + ":dated": "NAME DATE",
                     DETAIL + ":address": "@NAME@SITE"}.get(key)
            if label is None and key.startswith(REPEATED + ":"):
                label = key.split(":", 1)[1]
            if label is None and key.startswith("action"):
                words = key.split(":", 1)[1].split(",")
                label = " · ".join(w.capitalize() for w in words)
            label = label or key
            return f"[{label}]" if key in self.optional else label
        return ", ".join([*map(shown, self.header), "BODY", *map(shown, self.footer)])


@dataclass(frozen=True)
class ReplyLink:
    """A comment's parent as the page's markers give it: ``parent`` is the index of an
    earlier block, or None for a comment that starts a thread; a ``confidence`` of NaN (with
    None and no evidence) says the markers do not tell, and the link is left to inference."""

    parent: int | None
    confidence: float
    evidence: str


@dataclass
class CommentBlock:
    """One comment read by the layout: its body lines (1-based numbers, in order; marker lines
    excluded) and what its markers say."""

    body: list[int]
    markers: list[int] = field(default_factory=list)  # line numbers of its marker lines
    author: str | None = None
    time_text: str | None = None
    created_at: str | None = None
    likes: int | None = None
    reply_to: str | None = None
    reply_to_line: int | None = None
    post_number: int | None = None  # the number an imageboard's header gives the post
    answers_above: bool = False  # a response printed under the comment it answers
    reply_to_post: int | None = None  # the block a ">>NUMBER" anchor in the body cites
    posts_cited: int = 0  # how many posts on the page the opening anchors cite
    quotes_its_target: bool = False  # the marker is a quote's "NAME wrote:", on some replies
    marker_in_text: bool = False  # the marker line ("@alice", "alice wrote:") opens the body too
    reply_to_block: int | None = None  # the block whose opening the reply's preview quotes
    # a "parent" link among its markers (True), on a page where others lack it (False): the
    # page says it is a reply, or that it starts a thread, though not whom it answers
    links_up: bool | None = None


@dataclass
class LayoutReading:
    """A comment section read by its layout. ``markers`` maps every marker line's number to
    its kind; every other line given is in exactly one block's body. ``split`` gives the body
    text of lines that hold a marker and a body both ("alice Thanks!": a name glued to the
    body's first line): such a line is in ``markers`` and in its block's body. ``words`` gives
    the commenter's own words on a marker line of a block (a talkback's or a review's title):
    such a line is in ``markers`` only, and its words open the comment's text."""

    layout: Layout
    blocks: list[CommentBlock]
    markers: dict[int, str]
    split: dict[int, str] = field(default_factory=dict)
    words: dict[int, str] = field(default_factory=dict)

    def summary(self) -> str:
        used = Counter(self.markers.values())
        kinds = ", ".join(f"{count} {kind}" for kind, count in used.most_common())
        return (f"page layout read from its recurring markers: {self.layout.describe()} "
                f"({self.layout.seen} comments, {self.layout.share:.0%} with every regular "
                f"marker); marker lines used and skipped: {kinds}"
                + (f" (but the words of {len(self.words)} of them, the commenters' titles, "
                   f"open their comments' text)" if self.words else ""))


def read_layout(lines: Sequence[tuple[int, str]]) -> LayoutReading | None:
    """Read a comment section by the furniture it repeats, or None when none recurs.

    ``lines`` holds ``(line number, stripped text)`` of the section's non-blank lines, in
    order. The layout is learned from this page only:

    1. every line gets a kind by its form (:func:`classify_line`); bare numbers that count up
       from comment to comment are numbering, other bare numbers like counts;
    2. the display name is the text line that sits, at nearly every occurrence of some marker
       that recurs, on the same side of it: short, and alone between markers (or always the
       first or last line of a longer run);
    3. bodies are the runs of text lines between markers; the marker lines between two bodies
       are cut into the first one's footer and the next one's header where the page's own
       order of marker keys turns from footer to header (the order is learned from which key
       precedes which between bodies; which side is the header, from the markers before the
       first body and after the last);
    4. the reading is kept only when at least MIN_BLOCKS comments are read (two where no
       marker kind recurs three times: TWO_COMMENT_BLOCKS) and at least
       MIN_CONFORMING of them carry every marker key that nearly all comments show.

    Where that finds no layout, or one without names or with one name on (nearly) every
    comment, the page is read once more with markers learned from its repeats alone
    (:func:`_lines_by_their_repeats`), kept only with a name on every comment and two learned
    markers (nearly) every comment shows.
    """
    if len(lines) < 2 * TWO_COMMENT_BLOCKS:
        return None
    reading, kinds = _read_section(lines)
    if reading is None and (between := _labels_between_comments(kinds, [t for _, t in lines])):
        # "Write a reply" under each thread: no comment, and no layout reads them as some
        reading, kinds = _read_section(lines, forced_more=between)
    if _numbered_posts(kinds) >= MIN_BLOCKS:
        # An imageboard shows nothing but each post's header: one kind of marker is enough
        # where it holds a name, a date with its clock and the post's number. Read so before
        # any reading by repeats, which would take a reply's anchor (">>123") that several
        # replies share for a marker.
        reading = _read_section(lines, marker_kinds=1)[0] or reading
    elif reading is None and _only_dated_author_lines(kinds):
        reading = _read_section(lines, marker_kinds=1,
                                forced_more=_headings_over_summaries(kinds))[0]
    if reading is not None:
        return _with_parent_links(_with_quotes_marked(_with_replies_addressing_names(
            _with_replies_opening_bodies(_with_message_ids(_with_numbered_references(
                _with_anchors(_without_closing_counts(reading, lines), lines), lines), lines),
                lines),
            lines), lines), lines)
    # "alice Thanks!", "Thanks! – alice Mar 9, 2020 at 19:17": a name glued to the body's
    # first or last words, read once cut off.
    glued = _names_glued_to_bodies(lines, kinds) or _signatures_after_bodies(lines)
    marker_kinds = 2
    if glued is None:
        # A chat export shows nothing but each message's opening ("[09/03/2020, 19:17:05]
        # alice: "): one kind of marker is enough where it has the chat's whole form.
        glued, marker_kinds = _chat_messages(lines), 1
    if glued is None:
        return None
    cut, split = glued
    reading = _read_section(cut, marker_kinds)[0]
    if reading is None or not reading.layout.names_authors:
        return None
    reading.split = split
    return reading


_MORE_MARKER = Marker(MORE, MORE)


def _labels_between_comments(kinds: Sequence[Marker], texts: Sequence[str]) -> frozenset[int]:
    """The lines, read as text, that stand alone between markers word for word at MIN_BLOCKS
    places at least and read as a label ("Write a reply" under each thread,
    :func:`_label_like`), each right after a marker that no header holds (a count, a button, a
    "more comments" line) and right before another marker; elsewhere they may end a run of
    text (under a comment that shows no footer), never open one or stand inside one: the
    page's own lines between comments."""
    after_footer = (COUNT, ACTION, MORE)
    alone: dict[str, list[int]] = {}
    ending: dict[str, list[int]] = {}
    inside: set[str] = set()
    for i, m in enumerate(kinds):
        if m.kind != TEXT:
            continue
        before = kinds[i - 1].kind if i else None
        after = kinds[i + 1].kind if i + 1 < len(kinds) else None
        if before in after_footer and after not in (None, TEXT):
            alone.setdefault(texts[i], []).append(i)
        elif before == TEXT and after not in (None, TEXT):
            ending.setdefault(texts[i], []).append(i)
        else:
            inside.add(texts[i])
    return frozenset(i for text, at in alone.items()
                     if len(at) >= MIN_BLOCKS and text not in inside and _label_like(text)
                     for i in at + ending.get(text, []))


def _headings_over_summaries(kinds: Sequence[Marker]) -> frozenset[int]:
    """On a page signed under each post, the lines alone between a signature (or the
    section's start) and a thread's summary ("Latest comment: 3 hours ago by alice", "3
    comments"): the threads' headings, which no one signs. A post is signed under its text,
    so no summary follows it before its signature."""
    return frozenset(
        i for i, m in enumerate(kinds)
        if m.kind == TEXT and i + 1 < len(kinds) and kinds[i + 1].kind == MORE
        and (i == 0 or kinds[i - 1].key == AUTHOR + ":signed"))


def _only_dated_author_lines(kinds: Sequence[Marker]) -> bool:
    """Whether the page's furniture is (nearly) all lines that hold a name and its time
    ("alice  9 Mar @ 7:17pm": Steam's comments, with no button or count under the body): one
    kind of marker is enough there, as the line holds both what a header tells."""
    markers = [m for m in kinds if m.kind not in (TEXT, MORE)]
    dated = sum(m.key in (AUTHOR + ":time", AUTHOR + ":dated", AUTHOR + ":signed")
                for m in markers)
    return dated >= MIN_BLOCKS and dated >= NAME_SLOT_SHARE * len(markers)


def _numbered_posts(kinds: Sequence[Marker]) -> int:
    """How many different post numbers the page's post headers (:func:`_post_header`) give."""
    return len({m.number for m in kinds if m.kind == AUTHOR and m.number is not None})


# ">>123456789", ">>12 >>15": an imageboard reply's anchors, citing posts by their numbers.
_ANCHORS = re.compile(r"(?:>>\d{1,12}\s*)+")
_ANCHOR = re.compile(r">>(?P<number>\d{1,12})")


def _with_anchors(reading: LayoutReading, lines: Sequence[tuple[int, str]]) -> LayoutReading:
    """``reading`` with each reply's parent as its ">>NUMBER" anchor cites it, on a page whose
    headers number the posts (an imageboard's "No.123456789"): the first anchor, on the lines
    that open the body and hold nothing else, that names another post on the page; where no
    such line opens the body, the first such anchor anywhere in its text. The anchor
    lines stay the comment's text, as the poster wrote them. A reply whose anchors name no post
    on the page (the thread's opening post, or one the copy left out) starts a thread."""
    numbered = {block.post_number: index for index, block in enumerate(reading.blocks)
                if block.post_number is not None}
    if len(numbered) < MIN_BLOCKS or len(numbered) < MIN_CONFORMING * len(reading.blocks):
        return reading
    text_of = dict(lines)
    anchored = False
    for index, block in enumerate(reading.blocks):
        cited: list[int] = []  # blocks, in the order the anchors cite them
        body = [(number, reading.split.get(number, text_of[number])) for number in block.body]
        opening = []
        for number, line in body:
            if not _ANCHORS.fullmatch(line):
                break
            opening.append((number, line))
        # Without opening anchors, an anchor inside the text ("as >>4001 said") cites a post
        # all the same: the board lists the citing post among that post's replies.
        for number, line in opening or body:
            for m in _ANCHOR.finditer(line):
                post = numbered.get(int(m.group("number")))
                if post is not None and post != index and post not in cited:
                    if not cited:
                        block.reply_to_line = number
                    cited.append(post)
        if cited:
            block.reply_to = reading.blocks[cited[0]].author
            block.reply_to_post, block.posts_cited = cited[0], len(cited)
            anchored = True
    if anchored and not reading.layout.has_reply_markers:
        reading.layout = reading.layout.with_optional_reply_marker()
    return reading


_HASH_NUMBER = re.compile(r"#(?P<number>\d{1,6})")
# "comment:187 in reply to: ↑ 140; follow-up: ↓ 195": a Trac ticket's comment number, the
# comment it answers and the ones answering it
_TICKET_COMMENT = re.compile(r"comment:(?P<own>\d{1,6})"
                             r"(?:\s+in reply to:\s*↑\s*(?P<cited>\d{1,6}))?"
                             r"(?:;?\s*follow-ups?:(?:\s*↓\s*\d{1,6})+)?", re.IGNORECASE)


def _without_closing_counts(reading: LayoutReading, lines: Sequence[tuple[int, str]]
                            ) -> LayoutReading:
    """``reading`` with a line of counts in words no list knows that closes (nearly) every
    body taken out of the bodies as the page's marker ("votos: 17, karma: 97", Menéame's):
    one shape, numbers aside, ending NAME_SLOT_SHARE of the bodies of two lines or more and
    MIN_BLOCKS at least, its numbers differing. A comment's own last words differ."""
    text_of = dict(lines)
    closing: dict[str, list[int]] = {}  # shape -> blocks whose body it ends
    for index, block in enumerate(reading.blocks):
        if len(block.body) < 2:
            continue
        last = reading.split.get(block.body[-1], text_of[block.body[-1]])
        shape = _DIGITS.sub("#", last)
        # (a row of counts: few words, no sentence's end)
        if ("#" in shape and len(last) <= MAX_LEARNED_CHARS and any(ch.isalpha() for ch in last)
                and len(last.split()) <= MAX_NAME_WORDS and last[-1] not in ".!?…"):
            closing.setdefault(shape, []).append(index)
    if not closing:
        return reading
    shape, ends = max(closing.items(), key=lambda item: len(item[1]))
    bodies = sum(len(block.body) >= 2 for block in reading.blocks)
    if (len(ends) < MIN_BLOCKS or len(ends) < NAME_SLOT_SHARE * bodies
            or len({text_of[reading.blocks[i].body[-1]] for i in ends}) < 2):
        return reading
    key = f"{REPEATED}:{shape}"
    for index in ends:
        block = reading.blocks[index]
        number = block.body.pop()
        block.markers = sorted({*block.markers, number})
        reading.markers[number] = REPEATED
    layout = reading.layout
    reading.layout = Layout(layout.header, layout.footer + (key,), layout.seen, layout.share,
                            layout.optional)
    return reading


def _with_numbered_references(reading: LayoutReading, lines: Sequence[tuple[int, str]]
                              ) -> LayoutReading:
    """``reading`` with each reply's parent as a second "#39" in its header cites it, on a
    page whose posts each open with their own number ("#40", Menéame's): where MIN_CONFORMING
    of the blocks open with a "#N" line of their own, all different, a later "#N" line among
    a block's header markers that names an earlier post answers that post."""
    if reading.layout.has_reply_markers or any(block.reply_to_post is not None
                                               for block in reading.blocks):
        return reading
    text_of = dict(lines)
    own: dict[int, int] = {}  # post number -> block
    cites: dict[int, tuple[int, int]] = {}  # block -> (line, post number)
    for index, block in enumerate(reading.blocks):
        header = [number for number in block.markers if not block.body or number < block.body[0]]
        numbered = [(number, int(m.group("number"))) for number in header
                    if reading.markers.get(number) == NUMBERING
                    and (m := _HASH_NUMBER.fullmatch(text_of[number]))]
        # "comment:187 in reply to: ↑ 140": the comment's number and the one cited, one line
        ticket = (_TICKET_COMMENT.fullmatch(text_of[header[0]])
                  if header and reading.markers.get(header[0]) == NUMBERING else None)
        if ticket:
            own.setdefault(int(ticket.group("own")), index)
            if ticket.group("cited"):
                cites[index] = (header[0], int(ticket.group("cited")))
            continue
        if not numbered or numbered[0][0] != header[0]:
            continue
        own.setdefault(numbered[0][1], index)
        if len(numbered) == 2:
            cites[index] = numbered[1]
    if (len(own) < MIN_BLOCKS or len(own) < MIN_CONFORMING * len(reading.blocks)
            or not cites):
        return reading
    cited_any = False
    for index, (line, number) in cites.items():
        post = own.get(number)
        if post is None or post >= index:
            continue
        block = reading.blocks[index]
        block.reply_to, block.reply_to_line = reading.blocks[post].author, line
        block.reply_to_post, block.posts_cited = post, 1
        reading.blocks[post].post_number = number
        reading.markers[line] = REPLY_TO
        cited_any = True
    if cited_any:
        reading.layout = reading.layout.with_optional_reply_marker()
    return reading


def _with_message_ids(reading: LayoutReading, lines: Sequence[tuple[int, str]]
                      ) -> LayoutReading:
    """``reading`` with each message's parent as its "In-Reply-To: <id>" header names it, on a
    mail archive's page whose messages show their own "Message-ID: <id>": the message with
    that id above it, whoever it quotes. An id not on the page (the thread's opening post,
    a message left out) answers no one here."""
    text_of = dict(lines)
    own: dict[str, int] = {}
    cites: dict[int, tuple[int, str]] = {}
    for index, block in enumerate(reading.blocks):
        for number in block.markers:
            if block.body and number > block.body[0]:
                break
            header = _MAIL_HEADER.fullmatch(text_of[number])
            field = header.group("field").lower() if header else ""
            ids = MESSAGE_ID.search(header.group("value")) if header else None
            if ids and field == "message-id":
                own.setdefault(ids.group("id"), index)
            elif ids and field == "in-reply-to":
                cites[index] = (number, ids.group("id"))
    if len(own) < MIN_BLOCKS or not cites:
        return reading
    cited_any = False
    for index, (line, message) in cites.items():
        post = own.get(message)
        block = reading.blocks[index]
        block.reply_to = block.reply_to_line = block.reply_to_block = None
        block.quotes_its_target = block.marker_in_text = False
        if post is None or post >= index:
            continue
        block.reply_to, block.reply_to_line = reading.blocks[post].author, line
        block.reply_to_post, block.posts_cited = post, 1
        reading.markers[line] = REPLY_TO
        cited_any = True
    if cited_any and not reading.layout.has_reply_markers:
        reading.layout = reading.layout.with_optional_reply_marker()
    return reading


# "回复@alice:Agreed.", "Reply @alice: Agreed.": a reply marker glued to the body's first
# words, the same words before "@" on every such reply.
_REPLY_OPENING = re.compile(r"(?P<words>[^\W\d_]{1,12}(?: [^\W\d_]{1,12})? ?)"
                            r"@(?P<name>[^\s:：@]{1,40})\s?[:：]")


def _with_quotes_marked(reading: LayoutReading, lines: Sequence[tuple[int, str]]
                        ) -> LayoutReading:
    """``reading`` with the blocks whose reply marker is a quote's "NAME wrote:" / "NAME
    said:" line marked ``quotes_its_target``: a forum quotes on some replies only, so
    :func:`link_replies` looks for NAME above a post without a quote too. Where the quote's
    opening, or a bare "@NAME", stands right above the body, it is the body's first line as
    well (``split``)."""
    if not reading.layout.has_reply_markers:
        return reading
    text_of = dict(lines)
    for block in reading.blocks:
        if block.reply_to is None or block.reply_to_line in block.body:
            continue
        text = text_of.get(block.reply_to_line, "")
        block.quotes_its_target = _is_quote_opening(text)
        # Right above the body, a quote's opening or a bare "@alice" is what the poster wrote,
        # as the page shows the post: the reply marker is the body's first line too.
        if ((block.quotes_its_target or text.startswith("@")) and block.body
                and not any(block.reply_to_line < number < block.body[0]
                            for number in block.markers)):
            block.body.insert(0, block.reply_to_line)
            block.marker_in_text = True
            reading.split[block.reply_to_line] = text
    return reading


def _is_quote_opening(text: str) -> bool:
    """Whether ``text`` opens a quote: "alice wrote:", "alice said:", "alice posted...",
    "Originally posted by alice:", "Quoting alice:", "Quote:Original Posted By alice ►"."""
    if text[:1] in "QqOoCcZz" and _quote_from(text, None) is not None:
        return True
    return (text.endswith((":", "：", "...", "…")) and (_AUTHOR_SAYS.fullmatch(text) is not None
                                           or _QUOTE_OPENING.fullmatch(text) is not None
                                           or _MAIL_ATTRIBUTION.fullmatch(text) is not None
                                           or _AUTHOR_WROTE_ELSEWHERE.fullmatch(text) is not None
                                           or _QUOTING_IN_CHINESE.fullmatch(text) is not None)
            or text.endswith(("►", "▶", "»")) and _QUOTE_OPENING.fullmatch(text) is not None)


# (vBulletin's and Kaskus's, pasted on one line: "Quote:Original Posted By alice ►")
_QUOTE_OPENING = re.compile(r"(?:quote\s*:\s*)?(?:(?:original(?:ly)?\s+)?posted\s+by|quote\s+from"
                            r"|quoting)\s+@?\S.{0,49}(?::|\s[►▶»])", re.IGNORECASE)


# "| parent |" (Hacker News), "[ Reply to This | Parent ]" (Slashdot), "saveparentreport" (old
# Reddit's buttons, glued in a copy): a link to the comment answered, shown on replies only.
_PARENT_LINK = re.compile(r"(?:^|[\s|·•\[(]|save)parent(?:$|[\s|·•\])]|report)", re.IGNORECASE)


def _with_parent_links(reading: LayoutReading, lines: Sequence[tuple[int, str]]
                       ) -> LayoutReading:
    """``reading`` with each block's ``links_up``: whether its markers show a "parent" link,
    on a page whose layout names no one a reply answers, where MIN_BLOCKS comments show one
    and the first comment does not (it answers no one): a comment without the link starts a
    thread."""
    blocks = reading.blocks
    if reading.layout.has_reply_markers or any(
            block.reply_to or block.reply_to_post is not None
            or block.reply_to_block is not None or block.answers_above for block in blocks):
        return reading
    text_of = dict(lines)
    up = [any(_PARENT_LINK.search(text_of[number]) for number in block.markers)
          for block in blocks]
    if sum(up) < MIN_BLOCKS or up[0]:
        return reading
    for block, linked in zip(blocks, up, strict=True):
        block.links_up = linked
    reading.layout = reading.layout.with_optional_reply_marker()
    return reading


def _with_replies_opening_bodies(reading: LayoutReading, lines: Sequence[tuple[int, str]]
                                 ) -> LayoutReading:
    """``reading`` with the reply markers glued to the start of a body ("回复@alice:Agreed.",
    as Weibo writes replies to replies) as its blocks' ``reply_to``, on a page whose layout has
    no reply marker of its own: the same one or two words before "@NAME:" on at least
    TWO_COMMENT_BLOCKS bodies (NAME an author the page shows tells enough) and at
    NAME_SLOT_SHARE of the bodies that open with "WORDS@NAME:". The text stays as the page
    shows it."""
    if reading.layout.has_reply_markers:
        return reading
    names = {_name_key(block.author) for block in reading.blocks if block.author}
    text_of = dict(lines)
    opened: dict[str, list[tuple[int, str]]] = {}
    for index, block in enumerate(reading.blocks):
        if not block.body:
            continue
        match = _REPLY_OPENING.match(reading.split.get(block.body[0], text_of[block.body[0]]))
        if match and _name_key(match.group("name")) in names:
            opened.setdefault(match.group("words").strip(), []).append(
                (index, match.group("name")))
    if not opened:
        return reading
    words, hits = max(opened.items(), key=lambda item: len(item[1]))
    if (len(hits) < TWO_COMMENT_BLOCKS
            or len(hits) < NAME_SLOT_SHARE * sum(map(len, opened.values()))):
        return reading
    return _answering(reading, hits)


def _answering(reading: LayoutReading, hits: Sequence[tuple[int, str]]) -> LayoutReading:
    """``reading`` with each block at an index of ``hits`` answering the name beside it, read
    from the block's first body line, and "in reply to" an optional marker of its layout."""
    for index, name in hits:
        block = reading.blocks[index]
        block.reply_to, block.reply_to_line = name, block.body[0]
    reading.layout = reading.layout.with_optional_reply_marker()
    return reading


_TAG_WORDS = 4  # the longest name a tag at a body's start is looked for in, in words
_ADDRESSED = re.compile(r"(?P<name>[^\s,][^,]{0,39}?), \S")
_AT_OPENING = re.compile(r"@(?P<name>[^\s,:：@]{1,40})[,:]?\s+\S")
# ("@alice ," is Waline's, typed into the body: :func:`_with_quotes_marked` reads it)
_ADDRESS_LINE = re.compile(r"(?P<name>[^\s,@][^,]{0,39}?),")


def _with_replies_addressing_names(reading: LayoutReading, lines: Sequence[tuple[int, str]]
                                   ) -> LayoutReading:
    """``reading`` with the bodies that open by addressing someone who commented above
    ("bob, I agree": VK fills a reply's box with the name of the one it answers, "Боб, ";
    "@bob I agree": Imgur's) answering that person, on a page whose layout has no reply
    marker of its own. The name is an author of an earlier comment on the page, or the first
    word of such an author's name ("Иван" for "Иван Петров"), never the comment's own; at
    least MIN_BLOCKS bodies open so. The text stays as the page shows it. "bob," alone on
    the body's first line is the reply's marker, no text, and answers bob on a page whose
    other replies carry a marker too (Fontanka's "ответ для bob" on some, "bob," on
    others): the comments without one."""
    text_of = dict(lines)
    # one reply read from its opening (a quote of the comment answered) marks no page
    marked = reading.layout.has_reply_markers and sum(
        block.reply_to is not None for block in reading.blocks) >= MIN_BLOCKS
    authors: dict[str, str] = {}  # a name's key -> the author as shown
    first_names: dict[str, str] = {}  # a first name's key -> the latest author with it
    hits, alone = [], set()
    for index, block in enumerate(reading.blocks):
        own = _name_key(block.author)
        if block.body and block.reply_to is None:
            opening = reading.split.get(block.body[0], text_of[block.body[0]])
            whole = _ADDRESS_LINE.fullmatch(opening) if len(block.body) > 1 else None
            matches = [whole] if whole else [] if marked else [
                _ADDRESSED.match(opening), _AT_OPENING.match(opening)]
            # "@bob Hmm, I agree" reads as addressing "@bob Hmm" too: the first that names
            # an author above is the one meant
            key, named = next(((key, authors.get(key) or first_names.get(key))
                               for key in (_name_key(match.group("name"))
                                           for match in matches if match)
                               if authors.get(key) or first_names.get(key)), ("", None))
            if not key and not whole and not marked:
                # "Bob Smith I agree": Facebook's tag of the one answered, no "@" or comma;
                # the whole name of an author above, never a first name alone
                key = next((key for n in range(_TAG_WORDS, 0, -1)
                            if (key := _name_key(" ".join(opening.split()[:n]))) in authors
                            and len(opening.split()) > n), "")
                named = authors.get(key)
            if key and key != own and named:
                hits.append((index, named))
                if whole:
                    alone.add(index)
        if block.author:
            authors[own] = block.author
            if " " in own:
                first_names[own.split()[0]] = block.author
    if len(hits) < MIN_BLOCKS:
        return reading
    if not marked:
        reading = _answering(reading, hits)
    answered = dict(hits)
    for index in alone:
        # the line is the marker: the reply's text starts under it
        block = reading.blocks[index]
        block.reply_to, block.reply_to_line = answered[index], block.body[0]
        reading.markers[block.body[0]] = REPLY_TO
        block.markers = sorted([*block.markers, block.body[0]])
        block.body = block.body[1:]
    return reading


def _read_section(lines: Sequence[tuple[int, str]], marker_kinds: int = 2,
                  forced_more: frozenset[int] = frozenset()
                  ) -> tuple[LayoutReading | None, list[Marker]]:
    """:func:`read_layout` on whole lines: the reading (or None) and the lines' kinds by form.
    A layout needs ``marker_kinds`` kinds of marker. The lines at ``forced_more`` (indices)
    are the page's own between comments."""
    texts = [text for _, text in lines]
    day_first = day_first_of(texts)
    kinds = _zero_counts(_parents_after_names(_weekdays_before_dates(_labels_before_dates(
        [_MORE_MARKER if i in forced_more else classify_line(text, day_first)
         for i, text in enumerate(texts)]), texts)), texts)
    kinds = _reply_previews(_labels_over_values(kinds, texts), texts)
    kinds = _reply_buttons(kinds, texts)
    kinds = _signatures_and_thankers(kinds, texts)
    kinds = _times_with_a_tail(kinds, texts, day_first)
    kinds = _times_in_fixed_words(kinds, texts, day_first)
    kinds = _names_before_a_phrase_and_date(kinds, texts, day_first)
    kinds = _phrases_before_a_name_and_date(kinds, texts, day_first)
    kinds = _names_without_a_label(_names_without_scores(kinds))
    kinds = _handles_with_scores_and_times(kinds, texts, day_first)
    kinds = _names_before_times(kinds, texts, day_first)
    kinds = _names_and_times_in_cells(kinds, texts, day_first)
    kinds = _numbers_before_times(kinds)
    kinds = _short_dates(kinds, texts, day_first)
    kinds = _day_dividers(_bare_clocks(kinds, texts))
    kinds = _bare_like_symbols(kinds, texts)
    kinds = _avatar_initials(kinds, texts)
    kinds = _counts_by_their_word(kinds, texts)
    kinds = _counts_at_zero(kinds, texts)
    kinds = _numbered_titles(kinds, texts)
    kinds = _names_then_times_by_form(kinds, texts)
    reading, read = _read_by_kinds(lines, texts, kinds, learned=False,
                                   marker_kinds=marker_kinds)
    # No layout of markers known by their form, or one whose "names" are one line on every
    # comment: the page's furniture may be in words no list here knows (a button such as
    # "Reageren" under an age that one knows), and then only its repeats show it.
    learned = _lines_by_their_repeats(_named_lines_by_their_repeats(kinds, texts), texts)
    fallback = None
    if reading is not None:
        again = _read_again(lines, texts, kinds, read, marker_kinds,
                            left_out=reading.layout.share < 1)
        # Where the first reading's names are one button throughout, the page's repeats
        # read it afresh below; failing that, a second reading that tells authors apart
        # stands.
        apart = _tells_authors_apart(reading, lines)
        if again is not None and (_adds_to(again, reading) or (apart and (
                _fewer_broken(again, reading)
                or _buttons_read_as_text(reading, again, learned, lines)))):
            reading = again
        elif again is not None and not apart and _tells_authors_apart(again, lines):
            fallback = again
    if reading is not None and _tells_authors_apart(reading, lines) and (
            learned is kinds or _most_recurring(learned) < FEW_READ * reading.layout.seen):
        return reading, kinds
    if learned is not kinds:
        learned = _counts_by_their_word(learned, texts, after_markers=True)
        again, read_again = _read_by_kinds(lines, texts, learned, learned=True)
        if again is None:
            # (names found by their place may stand in the profiles already)
            with_profiles = _profile_runs(read_again, texts, MIN_BLOCKS)
            if with_profiles is not read_again or any(m.kind == NAME for m in read_again):
                again = _read_by_kinds(lines, texts, with_profiles, learned=True,
                                       profiled=True)[0]
        # A layout known by its form on a few comments only ("14. november 2016 01:24" in a
        # month name a list knows, among "14. oktoober 2016 01:24" in one none does) gives
        # way to the one the page's repeats show on all of them.
        if again is not None and (reading is None or not _tells_authors_apart(reading, lines)
                                  or again.layout.seen >= FEW_READ * reading.layout.seen):
            reading = again
    if fallback is not None and (reading is None or not _tells_authors_apart(reading, lines)):
        reading = fallback
    return reading, kinds


FEW_READ = 2
"""A reading by form stands unless the page's repeats recur this many times as often as it
read comments, and a reading by those repeats reads this many times as many."""


def _adds_to(again: LayoutReading, first: LayoutReading) -> bool:
    """Whether a second reading only adds to the first: no fewer comments, and (nearly) every
    name line the first found kept. Knowing more markers can open other places for a name
    slot; a reading that moved the names elsewhere is another reading, not a fuller one. Its
    share of conforming comments may be lower, as the first may have read a comment that
    lacks a marker into the body above it (the second has passed MIN_CONFORMING itself)."""
    def name_lines(reading: LayoutReading) -> set[int]:
        return {number for number, kind in reading.markers.items() if kind == NAME}

    kept = name_lines(first)
    return (again.layout.seen >= first.layout.seen
            and len(kept & name_lines(again)) >= NAME_SLOT_SHARE * len(kept))


def _fewer_broken(again: LayoutReading, first: LayoutReading) -> bool:
    """Whether a second reading finds as many comments with every regular marker of the
    first's (and no fewer such markers) and fewer without, one name to a comment (but for a
    few), and the names of the first it drops are details to it: where a name stands above
    a badge now and then ("alice", "Plus-prenumerant", the time), a first reading may take
    the badge for the name slot and the name for a comment of its own."""
    def regular(reading: LayoutReading) -> set[str]:
        keys = set(reading.layout.header) | set(reading.layout.footer)
        return keys - reading.layout.optional

    def conforming(reading: LayoutReading) -> int:
        return round(reading.layout.share * reading.layout.seen)

    # The first's names the second drops are the badges it reads as details, and it hardly
    # joins two names in one comment ("2 weitere Antworten anzeigen" above "alice").
    dropped = [again.markers.get(number) for number, kind in first.markers.items()
               if kind == NAME and again.markers.get(number) != NAME]
    names = sum(kind == NAME for kind in again.markers.values())
    return (regular(again) >= regular(first) and conforming(again) >= conforming(first)
            and names - MIN_BLOCKS < again.layout.seen < first.layout.seen
            and sum(kind == DETAIL for kind in dropped) >= NAME_SLOT_SHARE * len(dropped))


def _buttons_read_as_text(first: LayoutReading, again: LayoutReading, learned: list[Marker],
                          lines: Sequence[tuple[int, str]]) -> bool:
    """Whether the second reading learned, as lines the page repeats around its comments,
    lines the first read as names or comment text, REPEATED_SHARE of the second's comments
    as many or more: buttons in words no list knows ("Segnala" above each comment's name
    slot, "Svara", "Gilla (3)" and "Anmäl" under each body), no author or text. Not where the
    second's own names are as often lines the page's repeats alone read as markers
    (``learned``, the line kinds so read): another button ("Aanbevelen", "3 aanbevelingen")
    moved into the name slot."""
    def names_among(reading: LayoutReading, markers: set[int]) -> int:
        return sum(kind == NAME and number in markers
                   for number, kind in reading.markers.items())

    wanted = REPEATED_SHARE * again.layout.seen
    buttons = {number for number, kind in again.markers.items() if kind == REPEATED}
    as_text = sum(number in buttons for block in first.blocks for number in block.body)
    if names_among(first, buttons) + as_text < wanted:
        return False
    by_repeats = _counts_by_their_word(learned, [text for _, text in lines], after_markers=True)
    furniture = {lines[i][0] for i, m in enumerate(by_repeats) if m.kind not in (TEXT, NAME)}
    return names_among(again, furniture) < wanted


def _read_again(lines: Sequence[tuple[int, str]], texts: list[str], by_form: list[Marker],
                read: list[Marker], marker_kinds: int, left_out: bool) -> LayoutReading | None:
    """The section read once more knowing the markers its first reading learned (buttons in
    words no list knows, counts by their word), or None where that finds no layout. A comment
    that leaves out a marker the names were found beside (a time now and then) has its name
    found beside these instead, where the first reading took it for the start of a body.
    Names, details and "in reply to" in other words are searched for afresh, as they depend
    on where the names are. Where every comment carried every regular marker (not
    ``left_out``) and no such line recurs more often than the markers, there is nothing to
    learn: None. A comment that lacks the marker counted on may have been read into the body
    above it, name, buttons and all, with every comment still conforming."""
    known = [by_form[i] if m.kind in (NAME, DETAIL, REPLY_TO) else m
             for i, m in enumerate(read)]
    # Learned before the names, lest a button no list knows ("Segnala", the line above a
    # learned count) be taken for a name slot whose "names" all read the same.
    most = _most_recurring(known)
    repeats = MIN_BLOCKS if most >= MIN_BLOCKS else TWO_COMMENT_BLOCKS
    tolerant = _repeated_lines(known, texts, repeats, some_left_out=True)
    # A button the first reading took for the name slot ("Vasta" under each comment's count,
    # beside names above its date) is a repeated line to learn even where every comment
    # conformed.
    names_repeated = any(m.kind == NAME and tolerant[i].kind == REPEATED
                         for i, m in enumerate(read))
    if not left_out and not names_repeated and tolerant == _repeated_lines(known, texts, repeats):
        return None
    return _read_by_kinds(lines, texts, tolerant, learned=False, marker_kinds=marker_kinds)[0]


_NUMBERED_TITLE = re.compile(r"(?P<n>\d{1,5})[.)]\s+\S")
MAX_TITLE_STEP = 3
"""A numbered title may be one to this many more than the last one read: the one between
may have been read as something else (or removed)."""


def _numbered_titles(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with a talkback's numbered title ("12. Not what he said") read as the
    comment's numbering: lines opening with a number, right after a marker known by its form
    (the comment above's footer), each one to MAX_TITLE_STEP more than the last taken with
    such a marker between them; at least MIN_BLOCKS taken, and MIN_CONFORMING of the lines so
    placed. A numbered list in a comment counts up too, with no marker between its items; its
    first item, right under the header, is not more than the title above. A title may read
    as an author line by its form ("12. So he says:"); it is a title first. The title is the
    header's, as the name is: not the comment's text."""
    at = [i for i, (m, text) in enumerate(zip(kinds, texts, strict=True))
          if m.kind in (TEXT, AUTHOR) and text[0].isdigit()
          and (i == 0 or kinds[i - 1].kind != TEXT) and _NUMBERED_TITLE.match(text)]
    if len(at) < MIN_BLOCKS:
        return kinds
    taken: list[tuple[int, int]] = []
    for i in at:
        number = int(_NUMBERED_TITLE.match(texts[i]).group("n"))
        if not taken or (0 < number - taken[-1][1] <= MAX_TITLE_STEP
                         and any(kinds[k].kind != TEXT for k in range(taken[-1][0] + 1, i))):
            taken.append((i, number))
    if len(taken) < MIN_BLOCKS or len(taken) < MIN_CONFORMING * len(at):
        return kinds
    out = list(kinds)
    for i, number in taken:
        title = texts[i][_NUMBERED_TITLE.match(texts[i]).end("n") + 1:].strip()
        out[i] = Marker(NUMBERING, NUMBERING + ":title", number=number, words=title)
    return out


MAX_TAIL_CHARS = 20


MAX_DATED_HEADER_CHARS = 120


def _names_before_a_phrase_and_date(kinds: list[Marker], texts: Sequence[str],
                                    day_first: bool | None) -> list[Marker]:
    """``kinds`` with "alice on Chapter 3 Fri 14 Oct 2016 01:24AM UTC" read as author lines:
    a date with its clock at the end, before it the same words on at least MIN_BLOCKS lines
    (their numbers aside), and before those a name, different from line to line. A name then
    a date alone is known by its form; words between could be a sentence's once, not a
    layout's on every comment."""
    found: dict[str, list[tuple[int, str, Marker]]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        # (a header's length, ending in a clock)
        if (m.kind != TEXT or len(text) > MAX_DATED_HEADER_CHARS or not text[-1].isalnum()
                or not _CLOCK_IN.search(text)):
            continue
        head, time = _name_then_time(text, day_first)
        if time is None or not time.created_at or "T" not in time.created_at:
            continue
        words = head.split()
        # the longest phrase a name of one or two words (and a tag in brackets) leaves
        for k in range(max(1, len(words) - 3), len(words)):
            name = " ".join(words[:k])
            if _name_like(name) and len(display_name(name).split()) <= 2:
                phrase = re.sub(r"\d+", "#", " ".join(words[k:]))
                found.setdefault(phrase, []).append((i, name, time))
                break
    return _authors_by_the_commonest_phrase(kinds, found)


def _authors_by_the_commonest_phrase(kinds: list[Marker],
                                     found: dict[str, list[tuple[int, str, Marker]]]
                                     ) -> list[Marker]:
    """``kinds`` with the lines of the phrase found on the most lines (``found``: each
    phrase's lines, with their name and time) read as author lines, where there are at least
    MIN_BLOCKS of them with MIN_BLOCKS different names."""
    if not found:
        return kinds
    at = max(found.values(), key=len)
    if len(at) < MIN_BLOCKS or len({_name_key(name) for _, name, _ in at}) < MIN_BLOCKS:
        return kinds
    out = list(kinds)
    for i, name, time in at:
        out[i] = Marker(AUTHOR, AUTHOR + ":dated", name=display_name(name),
                        time_text=time.time_text, created_at=time.created_at)
    return out


def _phrases_before_a_name_and_date(kinds: list[Marker], texts: Sequence[str],
                                    day_first: bool | None) -> list[Marker]:
    """``kinds`` with "Re: Ba Dum Tsss by alice(f): 8:45am On Aug 17, 2015" read as author
    lines: a date with its clock (or an age) at the end, before it a name of one or two
    words and a colon, different from line to line, and before the name the same
    words on at least MIN_BLOCKS lines (their numbers aside). The mirror of
    :func:`_names_before_a_phrase_and_date`: a forum post's subject line, "Re:" and the
    topic's title, then who posted it and when."""
    found: dict[str, list[tuple[int, str, Marker]]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        if m.kind != TEXT or not text[-1].isalnum() or not _TIME_HINT.search(text):
            continue
        # (the topic's title may be long: the name and the time are at the end)
        tokens = text.split()
        head, time = _name_then_time(" ".join(tokens[-_NAME_AND_DATE_WORDS:]), day_first)
        # (a date with its clock, or an age: "by alice: 3 hours ago"; the name right before
        # it with a colon: "Quote from: alice on June 17, 2020, ..." and "En réponse au
        # commentaire de alice le 17/08/2015 08:45" name the comment quoted or answered)
        if (time is None or time.created_at and "T" not in time.created_at
                or not head.endswith((":", "："))):
            continue
        words = [*tokens[:-_NAME_AND_DATE_WORDS], *head.rstrip(":：").split()]
        for k in (1, 2):
            name = _without_glued_tag(" ".join(words[-k:]))
            if len(words) > k and _name_like(name):
                phrase = re.sub(r"\d+", "#", " ".join(words[:-k]))
                found.setdefault(phrase, []).append((i, name, time))
    return _authors_by_the_commonest_phrase(kinds, found)


_NAME_AND_DATE_WORDS = 12

_GLUED_TAG = re.compile(r"(?<=\S)\([A-Za-z]{1,2}\)$")


def _without_glued_tag(name: str) -> str:
    """"alice(f)" -> "alice": a forum's gender or status mark glued to the name."""
    return _GLUED_TAG.sub("", name)


def _times_in_fixed_words(kinds: list[Marker], texts: Sequence[str], day_first: bool | None
                          ) -> list[Marker]:
    """``kinds`` with "« Reply #3 on: June 17, 2020, 11:20:28 PM »" read as times: a date
    with its clock inside the same few words (their numbers aside) on at least MIN_BLOCKS
    lines, and on REPEATED_SHARE of the lines that hold such a date inside other words. A
    forum's post header in its own words; "Quote from: alice on June 17, 2020, ..." names
    someone different from line to line, and a sentence's date sits in its own words once.
    The time is the date alone; the words around it are no part of it."""
    found: dict[str, list[tuple[int, Marker]]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        # (a row of parts, "17 Juni 2020 17:05 · Phendula · 3", holds more than its time: the
        # rows learned by their repeats read it whole)
        if (m.kind != TEXT or len(text) > MAX_DATED_HEADER_CHARS
                or not _CLOCK_IN.search(text) or _is_row(text)):
            continue
        tokens = text.split()
        window = _dated_window(tokens, day_first, around=_PREFIX_WORDS)
        if window is None or window[1] == len(tokens):
            continue
        start, size, time = window
        frame = re.sub(r"\d+", "#", " ".join([*tokens[:start], "…", *tokens[start + size:]]))
        found.setdefault(frame, []).append((i, time))
    if not found:
        return kinds
    at = max(found.values(), key=len)
    # ("Joined: Tue Jan 02, 2007 10:00 am" in a forum's profiles: the member's date, the same
    # on each of their posts; a post's own time differs from post to post)
    if (len(at) < MIN_BLOCKS or len(at) < REPEATED_SHARE * sum(map(len, found.values()))
            or len({time.created_at for _, time in at}) < NAME_SLOT_SHARE * len(at)):
        return kinds
    out = list(kinds)
    for i, time in at:
        out[i] = time
    return out


def _times_with_a_tail(kinds: list[Marker], texts: Sequence[str], day_first: bool | None
                       ) -> list[Marker]:
    """``kinds`` with "18小时前 来自广东", "2 hours ago via Android" read as times: a time and
    one or two words after it without digits (where the comment was posted from, with what),
    where at least MIN_BLOCKS such lines open their words alike ("来自", "via") and
    NAME_SLOT_SHARE of them do. The words are no part of the time; "2 hours ago lol" once is
    a comment, and "2 hours later" an amount of time, however often it comes."""
    found: dict[str, list[tuple[int, Marker]]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        if (m.kind != TEXT or len(text) > MAX_LEARNED_CHARS or " " not in text
                or not any(ch.isdigit() for ch in text)):
            continue
        tokens = text.split()
        for k in (1, 2):
            tail = " ".join(tokens[-k:])
            if len(tokens) <= k or len(tail) > MAX_TAIL_CHARS or any(ch.isdigit() for ch in tail):
                break
            head = " ".join(tokens[:-k])
            # "2 hours later", "3 weeks in": an amount of time in a sentence, no time
            time = None if _AMOUNTS.fullmatch(head) else _time_marker(head, day_first)
            if time is not None:
                found.setdefault(tokens[-k] if k == 2 else tail[:2], []).append((i, time))
                break
    if not found:
        return kinds
    at = max(found.values(), key=len)
    if len(at) < MIN_BLOCKS or len(at) < NAME_SLOT_SHARE * sum(map(len, found.values())):
        return kinds
    out = list(kinds)
    for i, time in at:
        out[i] = time
    return out


def _names_glued_to_bodies(lines: Sequence[tuple[int, str]], kinds: Sequence[Marker]
                           ) -> tuple[list[tuple[int, str]], dict[int, str]] | None:
    """The section with the first line of each comment cut in two, its first word apart
    ("alice @bob Agreed." -> "alice", "@bob Agreed."), and the body text of the lines cut,
    where the page glues each name to its body with a space (Instagram): the first line after
    nearly every run of recurring markers opens with a handle, and replies name such handles
    right after theirs ("@bob"). None where it does not."""
    runs, _ = _runs_and_gaps(kinds)
    firsts: dict[int, list[str]] = {}
    for run in runs:
        words = lines[run[0]][1].split(maxsplit=1)
        if len(words) == 2 and _handle_like(words[0]):
            firsts[run[0]] = words
    if len(firsts) < max(MIN_BLOCKS, NAME_SLOT_SHARE * len(runs)):
        return None
    handles = {_name_key(words[0]) for words in firsts.values()}
    mentions = sum(rest.startswith("@") and _name_key(rest.split()[0]) in handles
                   for _, rest in firsts.values())
    if mentions < MIN_BLOCKS:
        return None
    return _with_lines_cut(lines, firsts), {lines[i][0]: rest for i, (_, rest) in firsts.items()}


_SIGNATURE_DASH = re.compile(r"\s[–—]\s")


def _signatures_after_bodies(lines: Sequence[tuple[int, str]]
                             ) -> tuple[list[tuple[int, str]], dict[int, str]] | None:
    """The section with each comment's signature cut off its last line ("Agreed. – alice Mar
    9, 2020 at 19:17" -> "Agreed.", "alice · Mar 9, 2020 at 19:17", as Stack Exchange signs
    its comments), and the body text of the lines cut, where at least MIN_BLOCKS lines end so.
    The signature is a dash, a name of one to three words and a full date. None where too
    few lines end so."""
    signed: dict[int, tuple[str, str]] = {}
    for i, (_, text) in enumerate(lines):
        if "–" not in text and "—" not in text:
            continue
        dashes = list(_SIGNATURE_DASH.finditer(text))
        if not dashes or dashes[-1].start() == 0:
            continue
        dash = dashes[-1]
        words = text[dash.end():].split()
        for k in range(1, min(3, len(words) - 1) + 1):
            name, when = " ".join(words[:k]), " ".join(words[k:])
            time = _time_marker(when, None)
            if time is not None and time.created_at and _name_like(name):
                signed[i] = (text[:dash.start()].rstrip(), f"{name} · {when}")
                break
    if len(signed) < MIN_BLOCKS:
        return None
    return _with_lines_cut(lines, signed), {lines[i][0]: body for i, (body, _) in signed.items()}


# A chat export's message line: "[09/03/2020, 19:17:05] alice: Agreed." (WhatsApp on a
# phone like an iPhone) or "09/03/2020, 19:17 - alice: Agreed." (on Android).
_CHAT_MESSAGE = re.compile(
    r"(?:\[(?P<bracketed>[^\]]{6,40})\]|(?P<plain>\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s"
    r"\d{1,2}:\d\d(?::\d\d)?(?:\s?[AaPp]\.?[Mm]\.?)?)\s[-–])\s(?P<name>[^:]{1,50}?):"
    r"(?:\s(?P<body>.*))?")


def _chat_messages(lines: Sequence[tuple[int, str]]
                   ) -> tuple[list[tuple[int, str]], dict[int, str]] | None:
    """The section with each chat message's line cut into an author line and its text
    ("[09/03/2020, 19:17:05] alice: Agreed." -> "alice · 09/03/2020, 19:17:05", "Agreed."),
    and the body text of the lines cut, where at least MIN_BLOCKS lines open with a full
    date, a time and a name before a colon, as a chat's export writes each message (its
    following lines, without the prefix, continue the message). None where too few do."""
    opened: dict[int, tuple[str, str]] = {}
    for i, (_, text) in enumerate(lines):
        if not text[:1].isdigit() and text[:1] != "[":
            continue
        message = _CHAT_MESSAGE.fullmatch(text)
        if message is None or not _name_like(message.group("name")):
            continue
        when = message.group("bracketed") or message.group("plain")
        time = _time_marker(when, None)
        if time is not None and re.search(r"\d[./-]\d", when):
            opened[i] = (f"{message.group('name')} · {when}", message.group("body") or "")
    if len(opened) < MIN_BLOCKS:
        return None
    parts = {i: (author, body) if body.strip() else (author,)
             for i, (author, body) in opened.items()}
    return _with_lines_cut(lines, parts), {
        lines[i][0]: body for i, (_, body) in opened.items() if body.strip()}


def _with_lines_cut(lines: Sequence[tuple[int, str]], parts: dict[int, Sequence[str]]
                    ) -> list[tuple[int, str]]:
    """The section with each line ``i`` in ``parts`` replaced by its parts, in order, each
    under the line's own number (so every line of the page is still accounted for once)."""
    return [(number, part) for i, (number, text) in enumerate(lines)
            for part in parts.get(i, (text,))]


def _handle_like(word: str) -> bool:
    """Whether one word may be a handle: no sentence's opening word ("I", "The", "This")."""
    return (_name_like(word) and any(ch.isalnum() for ch in word) and word[0] != "@"
            and word.casefold().strip(".,!?:;") not in ENGLISH_STOP_WORDS)


def _tells_authors_apart(reading: LayoutReading,
                         lines: Sequence[tuple[int, str]] | None = None) -> bool:
    """Whether the reading names its comments' authors, and not all (nearly) the same: a
    "name" read on every comment word for word may be a button the page repeats. Such a
    reading stands where the page's repeats give none (everyone "Anonymous"). Given the
    page's ``lines``, a "name" over the same short words on MIN_BLOCKS comments at least
    ("Odpowiedz" over "Zgłoś", every other comment read) is two buttons, not a poster.
    (Someone who answers each comment with "Thanks!" ends it with a mark.)"""
    authors = Counter(_name_key(block.author) for block in reading.blocks if block.author)
    if lines is not None and authors:
        text_of = dict(lines)
        top, count = authors.most_common(1)[0]
        opening = Counter(text_of.get(block.body[0], "") if block.body else ""
                          for block in reading.blocks
                          if block.author and _name_key(block.author) == top)
        words, same = opening.most_common(1)[0]
        if (count >= MIN_BLOCKS and same >= NAME_SLOT_SHARE * count and _name_like(words)
                and words[-1:].isalnum()):
            return False
    # The first comment's name has no marker before it and may be read apart: one exception.
    # Two lines taking turns as every comment's "name" ("Re: Ba Dum Tsss" over the subject,
    # "Remove" of the buttons, where a reading cut each post in two) are no more names than
    # one: past a few comments, two posters never write all of a page.
    blocks = len(reading.blocks)
    most = sum(count for _, count in authors.most_common(2 if blocks > MAX_TWO_POSTERS else 1))
    return bool(authors) and reading.layout.names_authors and (
        most < min(NAME_SLOT_SHARE * blocks, blocks - 1))


MAX_TWO_POSTERS = 20
"""A page of more comments than this is not all two people's: two names on (nearly) every
comment are furniture."""


def _most_recurring(kinds: Sequence[Marker]) -> int:
    """How often the most frequent marker key recurs; bare numbers are left out, as a comment
    may show two (thumbs up and down)."""
    return max((n for key, n in _recurring(kinds).items() if key != "count:bare"), default=0)


def _read_by_kinds(lines: Sequence[tuple[int, str]], texts: list[str], kinds: list[Marker],
                   learned: bool, marker_kinds: int = 2, profiled: bool = False
                   ) -> tuple[LayoutReading | None, list[Marker]]:
    """:func:`read_layout` from the line kinds read by form (``learned`` False) or with
    markers learned from the page's repeats; the layout needs ``marker_kinds`` kinds of
    marker. Also the line kinds as finally read. With a forum's profile lines read
    (``profiled``), an author line known by its form names the poster as a learned name
    would."""
    most = _most_recurring(kinds)
    repeats = MIN_BLOCKS if most >= MIN_BLOCKS else TWO_COMMENT_BLOCKS
    if sum(m.kind != TEXT for m in kinds) < repeats:
        return None, kinds
    kinds = _settle_bare_numbers(kinds, repeats)
    reply_lines = [i for i, m in enumerate(kinds) if m.kind == REPLY_TO]
    kinds = _without_strays(kinds, repeats)
    kinds = _handles_beside_their_names(kinds, texts, repeats)
    kinds = _at_names(kinds, texts, repeats)
    kinds = _quotes_named_under_the_header(kinds, texts, repeats)
    kinds = _display_names_above_handles(kinds, texts, repeats)
    kinds = _names_above_place_lines(kinds, texts, repeats)
    kinds = _handles_under_display_names(kinds, texts, repeats)
    kinds = _badges_over_times(_details_before_times(kinds, texts, repeats), texts, repeats)
    if profiled:
        kinds = _ranks_between_markers(kinds, texts, repeats)
    if learned:
        # Read by form, a layout needs markers known by their form: reply lines learned
        # before the names would make one of a page's few known times and its replies.
        kinds = _replies_to_lines_elsewhere(kinds, texts, repeats)
    kinds = _names_after_a_place(_find_names(_authors_of_every_update(kinds, texts, repeats),
                                             texts, repeats), texts)
    kinds = _with_replies_to_names(kinds, texts, reply_lines)
    kinds = _at_names_with_spaces(kinds, texts)
    kinds = _replied_lines_that_name_the_page(kinds)
    if profiled:
        kinds = _subjects_read_as_replies(kinds, texts)
    kinds = _replies_by_their_prefix(kinds, texts, repeats)
    kinds = _with_badges(kinds, texts, repeats)
    kinds = _repeated_lines(kinds, texts, repeats)
    kinds = _bracketed_notes(kinds, texts)
    kinds = _counts_by_their_word(kinds, texts, among_markers=True)
    cut = _cut_blocks(lines, kinds, repeats, profiled)
    if cut is None:
        return None, kinds
    layout, blocks, kinds = cut
    _read_learned_numbers(layout, blocks, kinds, lines)
    if layout.seen < repeats or layout.share < MIN_CONFORMING:
        return None, kinds
    keys = set(layout.header) | set(layout.footer)
    if len(keys) < marker_kinds:
        return None, kinds
    # Seen twice only, a layout needs two kinds of marker known by their form: a name found by
    # its place beside one marker kind could be any short line after a body.
    if repeats < MIN_BLOCKS and len(keys - {NAME, DETAIL}) < 2:
        return None, kinds
    # Learned from repeats alone, a layout needs what a comment system shows and repeated
    # comments do not: a name on every comment beside two learned markers that (nearly)
    # every comment shows (a button and an age, two buttons), or a learned one beside a time
    # known by its form ("Reageren" under "5 dagen geleden").
    regular = {key for key in keys if key not in layout.optional}
    # A learned footer row ("3 seachtain ó shin · Freagair · 12 maith leo") is two markers
    # or more on one line; a learned line with a clock ("الاثنين 17 غشت 2015 - 09:45") is a
    # time known by the clock's form as well.
    # With a forum's profile lines read, the name they show (or an author line known by its
    # form) beside two more markers that every post shows.
    if profiled and (len(regular) < 3 or _counts_among_names(kinds, texts) or not any(
            key == NAME or key.split(":")[0] == AUTHOR for key in regular)):
        return None, kinds
    # An author line known by its form with its time ("alice · pirms 3 stundām") names every
    # comment as a learned one would, and is the time beside the learned markers.
    # Or the names found where the learned lines end each comment ("Класс! 3" under the
    # buttons), beside a time known by its form on (nearly) every comment and a button or a
    # count known by theirs (on some comments: "★3" where there are stars).
    formed = {key for key in keys
              if key.split(":")[0] in (TIME, ACTION, COUNT) or key in _TIMED_AUTHOR_LINES}
    if not any(key == TIME or key in _TIMED_AUTHOR_LINES for key in regular):
        formed = set()
    if learned and not profiled and (not ({NAME, LEARNED_AUTHOR, *_TIMED_AUTHOR_LINES}
                                          & regular)
                    or not (any(key.startswith(REPEATED) or key == LEARNED_AUTHOR
                                for key in regular) or len(formed) >= 2)
                    or sum((2 if key.startswith(REPEATED)
                            and (_is_row(key.removeprefix(REPEATED + ":"))
                                 or _CLOCK_SHAPE.search(key)) else 1)
                           for key in regular
                           if key.startswith(REPEATED)
                           or key in (TIME, LEARNED_AUTHOR, *_TIMED_AUTHOR_LINES)) < 2
                    and len(formed) < 2):
        return None, kinds
    markers = {lines[i][0]: kinds[i].kind for i in range(len(lines)) if kinds[i].kind != TEXT}
    if _headerless(blocks[0], layout, markers, lines):
        # "Comments are moderated ...", "Sign in to comment": page text above the first
        # comment's header, in a layout where every comment opens with one.
        markers.update(dict.fromkeys(blocks[0].body, PREAMBLE))
        blocks = blocks[1:]
    keys = {lines[i][0]: kinds[i].key for i in range(len(lines)) if kinds[i].kind != TEXT}
    blocks = _without_page_text_around(blocks, layout, markers, keys, lines)
    blocks = _without_repeated_headerless_lines(blocks, layout, markers, lines)
    blocks = _without_signatures(blocks, markers, lines, profiled)
    blocks = _subjects_in_a_repeated_lines_place(blocks, layout, markers, keys, lines)
    blocks = _previews_above_headers(blocks, markers, lines)
    _previews_opening_bodies(blocks, markers, lines)
    _profile_lines_opening_bodies(blocks, markers, lines)
    _authors_without_shared_places(blocks)
    _names_before_a_colon(blocks, markers, lines)
    if not layout.has_reply_markers and any(block.reply_to for block in blocks):
        # The replies those read ("回复@alice:", a quoted reply) are the layout's optional
        # reply marker, which its links rest on.
        layout = layout.with_optional_reply_marker()
    words = {lines[i][0]: kinds[i].words for i in range(len(lines))
             if kinds[i].kind != TEXT and kinds[i].words}
    return LayoutReading(layout, blocks, markers, words=words), kinds


def _without_page_text_around(blocks: list[CommentBlock], layout: Layout,
                              markers: dict[int, str], keys: dict[int, str],
                              lines: Sequence[tuple[int, str]]) -> list[CommentBlock]:
    """``blocks`` without the page's own text before the first comment and after the last
    ("View all", "Best rated | Worst rated", "Share or comment on this article:", "Terms |
    Privacy"), which ``markers`` gets as PREAMBLE and EPILOGUE lines: in a layout whose
    comments all show some header markers and some footer markers, a block at either end
    that lacks one of those header markers and shows none of those footer markers. A first
    or last comment that lacks its time still shows its buttons or its count. In a layout
    of footers only ("posted by alice at 8:45 AM" under each body), text after the last
    footer is the page's where every other comment shows every footer marker."""
    header = {key for key in layout.header if key not in layout.optional}
    footer = {key for key in layout.footer if key not in layout.optional}
    if not footer:
        return blocks
    if not layout.header:
        return _without_text_after_the_last_footer(blocks, footer, markers, keys)
    text_of = dict(lines)
    # Where each comment shows one header marker of several ("alice Oct 14" above a comment
    # that answers nobody, "bob in reply to alice Oct 14" above a reply), it lacks all.
    some_of = set(layout.header) if not header else set()

    def page_text(block: CommentBlock, beyond_more: bool = False) -> bool:
        if not block.body:
            return False
        # A name glued to the body's first line is on that line, and so may be a footer's
        # signature on its last.
        above = {keys.get(number) for number in block.markers if number <= block.body[0]}
        below = {keys.get(number) for number in block.markers if number >= block.body[-1]}
        if footer & below:
            return False
        # Past the lines that open or close the list ("Sort by", "Show more comments"), a
        # block without the footer every comment shows is the page's, whatever heads it
        # ("Comments policy" read as a name).
        if ((header and header <= above) or (some_of & above)) and not beyond_more:
            return False
        # A first comment of another kind (a review above the discussion of it) shows a
        # time, or a count under it, and sentences; the page's own lines are labels. (A
        # count above the first such block is the section's: "Comments", "24".)
        dated = any(markers.get(number) == TIME or (
            markers.get(number) == COUNT and number > block.body[-1])
            for number in block.markers)
        return not dated or all(_label_like(text_of[number]) for number in block.body)

    # the list's own closing line stands once ("Show more comments"); one under every
    # comment ("Top") closes nothing
    said = Counter(text_of.values())

    def more_between(first: int, last: int) -> bool:
        return any(markers.get(number) == MORE and said[text_of[number]] == 1
                   for number in range(first + 1, last))

    start, end = 0, len(blocks)
    while start < end - 1 and page_text(blocks[start], blocks[start].body and blocks[
            start + 1].body and more_between(blocks[start].body[-1], blocks[start + 1].body[0])):
        markers.update(dict.fromkeys(blocks[start].body, PREAMBLE))
        start += 1
    while end > start + 1 and page_text(blocks[end - 1], blocks[end - 1].body and blocks[
            end - 2].body and more_between(blocks[end - 2].body[-1], blocks[end - 1].body[0])):
        markers.update(dict.fromkeys(blocks[end - 1].body, EPILOGUE))
        end -= 1
    return blocks[start:end]


def _without_text_after_the_last_footer(blocks: list[CommentBlock], footer: set[str],
                                        markers: dict[int, str], keys: dict[int, str]
                                        ) -> list[CommentBlock]:
    def footed(block: CommentBlock) -> bool:
        return bool(block.body) and footer <= {keys.get(number) for number in block.markers
                                               if number > block.body[-1]}

    if len(blocks) < MIN_BLOCKS or footed(blocks[-1]) or not all(map(footed, blocks[:-1])):
        return blocks
    markers.update(dict.fromkeys(blocks[-1].body, EPILOGUE))
    return blocks[:-1]


def _headerless(first: CommentBlock, layout: Layout, markers: dict[int, str],
                lines: Sequence[tuple[int, str]]) -> bool:
    """Whether the section's first block has none of the header markers that (nearly) every
    comment of the layout opens with, and nothing but "more comments" lines before it."""
    required = [key for key in layout.header if key not in layout.optional]
    if not required or not first.body:
        return False
    before = [number for number in first.markers if number < first.body[0]]
    if any(markers.get(number) != MORE for number in before):
        return False
    kinds = {key.split(":")[0] for key in required}
    return not any(markers.get(number) in kinds for number in first.markers)


MAX_SUBJECT_WORDS = 6


def _subjects_in_a_repeated_lines_place(blocks: list[CommentBlock], layout: Layout,
                                        markers: dict[int, str], keys: dict[int, str],
                                        lines: Sequence[tuple[int, str]]) -> list[CommentBlock]:
    """``blocks`` with a poster's own subject taken as the next comment's detail: where an
    optional repeated line opens the layout's header or ends its footer ("Re: TITLE", a
    forum post's subject above the post's name line), a line in that very place instead
    (over a header that lacks the repeated line, under a footer that shows the marker before
    it and not it) is the subject a poster typed ("Agreed", "Quick question"), not a comment
    with no header. Only in a layout whose every comment opens with a header, and only lines
    of a few words."""
    required = {key.split(":")[0] for key in layout.header if key not in layout.optional}
    if not required:
        return blocks

    def slot(key: str) -> bool:
        return key in layout.optional and key.startswith(REPEATED)

    opens = len(layout.header) >= 2 and slot(layout.header[0])
    ends = len(layout.footer) >= 2 and slot(layout.footer[-1])
    if not (opens or ends):
        return blocks
    text_of = dict(lines)

    def headed(block: CommentBlock) -> bool:
        return block.author is not None or any(markers.get(number) in required
                                               for number in block.markers)

    def in_the_place(above: CommentBlock, below: CommentBlock) -> bool:
        if opens:
            header = [keys.get(number) for number in below.markers
                      if below.body and number < below.body[0]]
            return bool(header) and header[0] == layout.header[1]
        footer = [keys.get(number) for number in above.markers
                  if not above.body or number > above.body[-1]]
        return bool(footer) and footer[-1] == layout.footer[-2]

    out: list[CommentBlock] = []
    for index, block in enumerate(blocks):
        if (0 < index < len(blocks) - 1 and len(block.body) == 1 and not block.markers
                and not headed(block) and headed(blocks[index + 1])
                and len(text_of[block.body[0]].split()) <= MAX_SUBJECT_WORDS
                and in_the_place(blocks[index - 1], blocks[index + 1])):
            number = block.body[0]
            markers[number] = DETAIL
            keys[number] = DETAIL + ":subject"
            following = blocks[index + 1]
            following.markers = sorted([number, *following.markers])
            continue
        out.append(block)
    return out


def _without_signatures(blocks: list[CommentBlock], markers: dict[int, str],
                        lines: Sequence[tuple[int, str]], profiled: bool = False
                        ) -> list[CommentBlock]:
    """``blocks`` without the signatures forum posts show under their footer: a short run of
    text with no name of its own (MAX_PROFILE_LINES lines at most) after a post, the same
    word for word after every post of its poster, who posts twice at least. A poster who
    says the same thing after each post is signing; a post without a header of its own would
    not follow the same poster every time. On a forum whose posts show their posters'
    profiles (``profiled``), every post opens with one, and such a run after a post is its
    poster's signature however often the poster posts. Such lines are the poster's details,
    no comment."""
    text_of = dict(lines)

    def signature_of(index: int) -> tuple[str, str] | None:
        block = blocks[index]
        if (index == 0 or block.author is not None or not block.body
                or len(block.body) > MAX_PROFILE_LINES or blocks[index - 1].author is None):
            return None
        return blocks[index - 1].author, "\n".join(text_of[n] for n in block.body)

    signed = [signature_of(index) for index in range(len(blocks))]
    posts = Counter(block.author for block in blocks if block.author is not None)
    shown = Counter(signature for signature in signed if signature is not None)
    signatures = {signature for signature, n in shown.items()
                  if profiled or n >= 2 and n == posts[signature[0]]}
    if not signatures:
        return blocks
    kept = []
    for block, signature in zip(blocks, signed, strict=True):
        if signature in signatures:
            markers.update(dict.fromkeys(block.body, DETAIL))
            continue
        kept.append(block)
    return kept


def _without_repeated_headerless_lines(blocks: list[CommentBlock], layout: Layout,
                                       markers: dict[int, str],
                                       lines: Sequence[tuple[int, str]]) -> list[CommentBlock]:
    """``blocks`` without the page's own lines between comments, in words no list here knows
    and shown on too few comments to be learned as markers ("Continue thread…" under a few
    deep replies, "Liked by the author", "Expand full comment" under a long one), which
    ``markers`` gets as MORE lines. In a layout where every comment opens with a header, such
    a line stands without a header, or ends a body. It is one word for word at MIN_BLOCKS
    places at least, under the comments of as many authors, and nowhere else: never opening
    a comment's text under its header, never inside a body. A line that ends bodies only
    must read as a label (:func:`_label_like`): "?" or "Thanks!" may end anyone's comment.
    A short comment posted several times ("Thanks!", "[deleted]") comes under its poster's
    header; a sign-off under one poster's comments only."""
    required = {key.split(":")[0] for key in layout.header if key not in layout.optional}
    if not required:
        return blocks
    # "Ver 3 respuestas", "Ver 11 respuestas": one line of the page's, the number aside, and
    # the word in either form ("Показать ещё 3 ответа", "Показать ещё 5 ответов")
    text_of = {number: _numbered_shape(text) for number, text in lines}
    shapes = Counter(shape for shape in text_of.values() if "#" in shape)
    same: dict[str, str] = {}
    for shape, _ in shapes.most_common():
        same[shape] = next((other for other in same if same[other] == other
                            and _word_forms_alike(shape, other)), shape)
    text_of = {number: same.get(shape, shape) for number, shape in text_of.items()}

    def headerless(block: CommentBlock) -> bool:
        return (block.author is None
                and not any(markers.get(number) in required for number in block.markers))

    under: dict[str, set[str | None]] = {}  # line -> authors of the comments it stands under
    alone: Counter[str] = Counter()
    places: Counter[str] = Counter()
    opening: set[str] = set()
    for index, block in enumerate(blocks):
        if not block.body:
            continue
        if headerless(block):
            above = blocks[index - 1].author if index else None
            for number in block.body:
                under.setdefault(text_of[number], set()).add(above)
                alone[text_of[number]] += 1
                places[text_of[number]] += 1
            continue
        for number in block.body[1:]:
            under.setdefault(text_of[number], set()).add(block.author)
            places[text_of[number]] += 1
        opening.add(text_of[block.body[0]])
    furniture = {text for text, n in places.items() if n >= MIN_BLOCKS and text not in opening
                 and len(under[text] - {None}) >= MIN_BLOCKS
                 and (alone[text] >= MIN_BLOCKS or _label_like(text))}
    # inside a body, with the comment's own text after it
    furniture -= {text_of[number] for block in blocks if not headerless(block)
                  for at, number in enumerate(block.body[1:-1], start=1)
                  if text_of[number] in furniture
                  and any(text_of[later] not in furniture for later in block.body[at + 1:])}
    # A button that counts, alone under no header ("Ver 140 respuestas" where one thread is
    # cut), is the page's, seen once or not.
    plain = dict(lines)
    counted = {number for block in blocks if len(block.body) == 1 and headerless(block)
               for number in block.body if _counted_label(plain[number])}
    if not furniture and not counted:
        return blocks
    kept: list[CommentBlock] = []
    for block in blocks:
        if block.body and headerless(block) and all(text_of[n] in furniture or n in counted
                                                    for n in block.body):
            markers.update(dict.fromkeys(block.body, MORE))
            continue
        while len(block.body) > 1 and text_of[block.body[-1]] in furniture:
            markers[block.body[-1]] = MORE
            block.markers = sorted([*block.markers, block.body[-1]])
            block.body = block.body[:-1]
        kept.append(block)
    return kept


def _numbered_shape(text: str) -> str:
    """``text`` with its one number as "#" where it is a short line with one number ("Ver #
    respuestas"); else ``text`` itself."""
    if len(text) > MAX_LEARNED_CHARS or not any(ch.isdigit() for ch in text):
        return text
    shape = _DIGITS.sub("#", text)
    return shape if shape.count("#") == 1 else text


def _counted_label(text: str) -> bool:
    """Whether ``text`` is a few words around one number ("Ver 140 respuestas", "Pokaż
    odpowiedzi (2)"), as a button that counts something reads, not a name."""
    shape = _numbered_shape(text)
    words = shape.split()
    return (shape != text and 2 <= len(words) <= MAX_NAME_WORDS
            and any(ch.isalpha() for ch in shape)
            and any(word.strip("()[]") == "#" for word in words))


def _label_like(text: str) -> bool:
    """Whether ``text`` reads as a button's or a note's label ("Liked by the author", "Expand
    full comment"), not as the last words of a comment ("?", "Thanks!", "lol"): two words or
    more, a short line, no closing punctuation."""
    words = text.split()
    return (2 <= len(words) <= MAX_NAME_WORDS and len(text) <= MAX_NAME_CHARS
            and text[-1].isalnum())


_LABEL = re.compile(r"[a-z]+")


def _reply_buttons(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with a button that reads as "in reply to NAME" taken for the button it is
    ("Reply to author", under every message of Google Groups): the same line word for word
    on MIN_BLOCKS comments at least and as often as the page's most repeated line (nearly),
    whose NAME no other line of the page shows (as a line, or opening one). A person
    answered that often has comments of their own, and their name over them."""
    lines_of: dict[str, list[int]] = {}
    for i, m in enumerate(kinds):
        if m.kind == REPLY_TO and m.name:
            lines_of.setdefault(texts[i], []).append(i)
    if not lines_of:
        return kinds
    # (on nearly every comment, as the page's buttons are)
    most = max(Counter(texts).values())
    out = None
    for text, at in lines_of.items():
        if len(at) < MIN_BLOCKS or len(at) < NAME_SLOT_SHARE * most:
            continue
        # (opening another line: "alice", "alice, [09.03.20 19:17]", "alice 3h")
        opening = re.compile(rf"{re.escape(_name_key(kinds[at[0]].name))}(?!\w)")
        if any(other != text and opening.match(_name_key(other)) for other in texts):
            continue
        out = out or list(kinds)
        for i in at:
            out[i] = Marker(ACTION, "action:" + text.lower())
    return out or kinds


def _reply_previews(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with a reply's preview of the comment it answers read as a reply marker, not
    text: a line "@alice first words" right above an author line, where a comment of alice's
    above opens with those words (a chat app's reply bar). Left as text, it ends the comment
    above it and no one is answered."""
    opened_by: dict[str, list[str]] = {}  # a name: the first lines of that author's comments
    author_at = None
    out = list(kinds)
    for i, (kind, text) in enumerate(zip(kinds, texts, strict=True)):
        if kind.kind == AUTHOR and kind.name:
            author_at = i
            continue
        if kind.kind != TEXT:
            continue
        if author_at == i - 1:
            opened_by.setdefault(_name_key(kinds[author_at].name), []).append(text)
        if not text.startswith("@") or i + 1 == len(kinds) or kinds[i + 1].kind != AUTHOR:
            continue
        # The name may hold spaces ("@Deleted User ..."): each split where a name ends.
        for space in (j for j, ch in enumerate(text) if ch.isspace()):
            name, quoted = text[1:space], text[space:].strip()
            if any(_quotes_opening(quoted, first) for first in opened_by.get(_name_key(name), ())):
                out[i] = Marker(REPLY_TO, REPLY_TO, name=name)
                break
    return out


def _previews_above_headers(blocks: list[CommentBlock], markers: dict[int, str],
                            lines: Sequence[tuple[int, str]]) -> list[CommentBlock]:
    """``blocks`` with a chat's thread preview taken out: the first line of the message a
    reply answers, shown again right above the reply's header (Rocket.Chat's), which the
    layout reads as the last line of the comment above, or as a comment of its own under a
    day divider. Where MIN_BLOCKS replies at least show one (a line of MIN_PREVIEW_CHARS or
    more that opens an earlier comment by a named author), each is a reply marker of the
    comment under it, which answers the latest earlier comment opening with that line unless
    its own marker names whom it answers; a comment made of such a line alone is none. The
    comment right above may be the one answered, where MIN_BLOCKS previews at least quote
    comments further up."""
    text_of = dict(lines)
    opening: dict[str, int] = {}  # a comment's first line -> the latest comment opening so
    found: list[tuple[int, int]] = []  # (the block whose last line is a preview, the quoted)
    for index, block in enumerate(blocks):
        # (the message right above may be the one answered: its own first line again)
        if block.body and block.author:
            opening[text_of[block.body[0]]] = index
        if block.body and index + 1 < len(blocks) and blocks[index + 1].author:
            last = text_of[block.body[-1]]
            quoted = opening.get(last)
            if quoted is not None and len(last) >= MIN_PREVIEW_CHARS and (
                    len(block.body) > 1 or block.author is None):
                found.append((index, quoted))
    # (A comment's own first line again as its last is its preview only where previews of
    # comments further up show the page's way: a review's title may be its first line.)
    if sum(quoted != index for index, quoted in found) < MIN_BLOCKS:
        return blocks
    gone = set()
    for index, quoted in found:
        block, reply = blocks[index], blocks[index + 1]
        preview = block.body[-1]
        block.body = block.body[:-1]
        block.markers = [number for number in block.markers if number != preview]
        reply.markers = sorted({*reply.markers, preview})
        markers[preview] = REPLY_TO
        if reply.reply_to is None and reply.reply_to_block is None:
            reply.reply_to, reply.reply_to_line = blocks[quoted].author, preview
            reply.reply_to_block = quoted
        if not block.body:
            gone.add(index)
    if not gone:
        return blocks
    # (a later block's quoted comment is counted among the blocks kept)
    kept = [index for index in range(len(blocks)) if index not in gone]
    renumbered = {old: new for new, old in enumerate(kept)}
    for block in blocks:
        if block.reply_to_block is not None:
            block.reply_to_block = renumbered.get(block.reply_to_block)
        if block.reply_to_post is not None:
            block.reply_to_post = renumbered.get(block.reply_to_post)
    return [blocks[index] for index in kept]


def _previews_opening_bodies(blocks: Sequence[CommentBlock], markers: dict[int, str],
                             lines: Sequence[tuple[int, str]]) -> None:
    """Take out of each body, as reply markers, a messenger's quoted reply that opens it: a
    line with the name of an author above (in the body, or a marker right above it) over a
    line that opens that author's comment, with the reply's own text under them, or both on
    one line ("alice: Man I am glad there isn't someone on a d..."). The reply answers the
    latest such comment (``reply_to_block``). A quote of a whole comment, or a comment's own
    lines copied whole over replies on MIN_BLOCKS of them, is taken out of the reply's text
    (:func:`_whole_quotes_out_of_bodies`)."""
    text_of = dict(lines)
    # each comment above: author, first line, index; by its first two characters (a quote of
    # its opening starts with them) and by the author's name
    opened: dict[str, list[tuple[str, str, int]]] = {}
    # (with the comment's own lines, without a quote above them)
    opened_by: dict[str, list[tuple[str, int, list[str]]]] = {}
    one_line: list[tuple[CommentBlock, bool]] = []  # replies opening "alice: ...", cut short?
    # a quote's block, the lines of the comment quoted, the body lines they take, whole?
    sizes: list[tuple[CommentBlock, int, int, bool]] = []
    own_lines: dict[str, list[tuple[int, list[str]]]] = {}  # a first line: comments' own lines
    verbatim: list[tuple[CommentBlock, int, int, bool]] = []  # as ``sizes``, copied whole
    opened_whole: list[tuple[CommentBlock, int, int, bool]] = []  # the same, under "alice wrote:"
    for index, block in enumerate(blocks):
        if not block.body:
            continue
        _answer_quoted_words(block, markers, text_of, opened)
        # The name of the comment quoted: the marker right above the body, read as a detail
        # beside the replying name or learned as a line the page repeats, or the body's
        # first line.
        above = [number for number in block.markers if number < block.body[0]]
        # (Under a reply marker, a line that repeats the comment answered is a quote of it:
        # the reply's text.)
        named = above and markers.get(above[-1]) in (DETAIL, REPEATED) and len(block.body) > 1
        # (A preview may show the quoted comment's time under its name, both under the
        # reply's own time: Canvas's.)
        timed = (len(above) >= 3 and markers.get(above[-1]) == TIME
                 and markers.get(above[-2]) in (DETAIL, REPEATED, NAME) and len(block.body) > 1
                 and any(markers.get(number) == TIME for number in above[:-2]))
        # (the quote's first line may stand above the body, read as a marker: a line the page
        # repeats where several replies quote one comment)
        marked = bool(above) and markers.get(above[-1]) in (REPLY_TO, REPEATED)
        quote_line = above[-1] if marked else block.body[0]
        glued = (_GLUED_PREVIEW.fullmatch(text_of[quote_line])
                 if len(block.body) > 1 or marked else None)
        own_first = block.body[0]
        if glued and (quoted := next(((first, k, own) for first, k, own in reversed(
                opened_by.get(_name_key(glued.group("name")), []))
                if _quotes_opening(glued.group("words"), first)), None)) is not None:
            # "alice: Man I am glad there isn't someone on a d...": a quote of the comment
            # answered on one line with its name; whether it is the reply's text is told below
            first, k, own = quoted
            block.reply_to = display_name(glued.group("name"))
            block.reply_to_line, block.reply_to_block = quote_line, k
            # (a quote of the whole comment, its other lines under the first: the reply's own
            # text opens after them)
            rest = block.body[0 if marked else 1:]
            whole = len(rest) > len(own) - 1 > 0 and [
                text_of[number] for number in rest[:len(own) - 1]] == own[1:]
            own_first = rest[len(own) - 1 if whole else 0]
            if not marked:
                one_line.append((block, glued.group("words") != first))
            sizes.append((block, len(own), len(own) - marked, whole))
        if (marked and block.reply_to_block is None and markers.get(above[-1]) == REPLY_TO
                and _is_quote_opening(text_of[above[-1]])):
            # "alice wrote:" ("引用 @alice 发表的:") over alice's whole comment, then the
            # reply's own lines: the comment quoted is that one; told below whether the page
            # quotes so (its quote box) or the poster chose to
            name = classify_line(text_of[above[-1]]).name or ""
            lines_here = [text_of[number] for number in block.body]
            copied = next(((k, own) for _, k, own in reversed(opened_by.get(_name_key(name), []))
                           if len(lines_here) > len(own) and lines_here[:len(own)] == own), None)
            if copied is not None:
                k, own = copied
                block.reply_to, block.reply_to_line = display_name(name), above[-1]
                block.reply_to_block = k
                own_first = block.body[len(own)]
                opened_whole.append((block, len(own), len(own), True))
        for quoted_name, opening in ([(above[-1], block.body[0])] if named else []) + (
                [(above[-2], block.body[0])] if timed else []) + (
                [(block.body[0], block.body[1])] if len(block.body) > 2 else []):
            if block.reply_to_block is not None:
                break
            name = text_of[quoted_name]
            quoted = next((k for first, k, _ in reversed(opened_by.get(_name_key(name), []))
                           if _quotes_opening(text_of[opening], first)), None)
            if quoted is not None:
                block.body = [number for number in block.body if number > opening]
                block.markers = sorted({*block.markers, quoted_name, opening})
                markers[quoted_name] = markers[opening] = REPLY_TO
                block.reply_to, block.reply_to_line = display_name(name), quoted_name
                block.reply_to_block = quoted
                break
        if block.reply_to is None and block.reply_to_block is None and len(block.body) > 1:
            # a comment's own lines copied whole over the reply's, with no name (LIHKG's
            # quote box): told below by how many replies open so
            lines_here = [text_of[number] for number in block.body]
            copied = next(((k, own) for k, own in reversed(own_lines.get(lines_here[0], []))
                           if len(lines_here) > len(own) and lines_here[:len(own)] == own), None)
            if copied is not None:
                k, own = copied
                block.reply_to, block.reply_to_line = blocks[k].author, block.body[0]
                block.reply_to_block = k
                own_first = block.body[len(own)]
                verbatim.append((block, len(own), len(own), True))
        if block.author and block.body:
            own_first = own_first if own_first in block.body else block.body[0]
            own = [text_of[number] for number in block.body if number >= own_first]
            opened.setdefault(own[0][:2], []).append((block.author, own[0], index))
            opened_by.setdefault(_name_key(block.author), []).append((own[0], index, own))
            own_lines.setdefault(own[0], []).append((index, own))
            # (a quote of a comment not on the page, the article's: the comment's own text
            # may open on the next line)
            if glued and block.reply_to_block is None and len(own) > 1:
                opened_by[_name_key(block.author)].append((own[1], index, own[1:]))
    # Another's lines at the top of a comment now and then are the poster's to quote; on
    # MIN_BLOCKS comments, the page's quote of the comment answered.
    if len(verbatim) >= MIN_BLOCKS:
        sizes += verbatim
    else:
        for block, *_ in verbatim:
            block.reply_to = block.reply_to_line = block.reply_to_block = None
    sizes += opened_whole
    # A preview the page cuts short ("... a d...") is its widget's (Douban's): a reply marker,
    # no text; quotes of whole lines are what the poster quoted (Fark's "alice: ..."), the
    # reply's text, which names whom it answers all the same.
    if one_line and sum(cut for _, cut in one_line) >= REPEATED_SHARE * len(one_line):
        for block, _ in one_line:
            number = block.body.pop(0)
            block.markers = sorted({*block.markers, number})
            markers[number] = REPLY_TO
        return
    _whole_quotes_out_of_bodies(sizes, markers)


def _whole_quotes_out_of_bodies(sizes: Sequence[tuple[CommentBlock, int, int, bool]],
                                markers: dict[int, str]) -> None:
    """Where replies quote the whole comment they answer ("alice: first line", then its other
    lines, then the reply's own: Nairaland's quote box), the quote is the page's copy of
    that comment, not the reply's text: it becomes reply markers. ``sizes``: each reply that
    opens with a quote, the number of lines of the comment quoted, how many of its body lines
    the quote takes, and whether it quotes them all. Told by the quotes of comments of
    several lines: at least MIN_BLOCKS of them, and REPEATED_SHARE, carry every line. A
    poster who quotes one line of several (Fark's quote button on a line) keeps it as their
    text."""
    longer = [whole for _, size, _, whole in sizes if size > 1]
    if sum(longer) < MIN_BLOCKS or sum(longer) < REPEATED_SHARE * len(longer):
        return
    for block, _, taking, whole in sizes:
        if whole:
            taken, block.body = block.body[:taking], block.body[taking:]
            block.markers = sorted({*block.markers, *taken})
            markers.update(dict.fromkeys(taken, REPLY_TO))


_GLUED_NAME = re.compile(r"(?P<name>[^\s:：]{1,40}(?: [^\s:：]{1,40})?)\s?[:：]\s*(?P<text>\S.*)")
_GLUED_REPLY = re.compile(r"(?:回复|回覆|reply)?\s*@(?P<name>[^\s:：]{1,40})\s*[:：]?\s*",
                          re.IGNORECASE)


def _names_before_a_colon(blocks: Sequence[CommentBlock], markers: dict[int, str],
                          lines: Sequence[tuple[int, str]]) -> None:
    """Authors for a layout that shows no name line, where (nearly) every comment's first line
    opens with a name and a colon ("alice：text", Weibo's way), MIN_BLOCKS different names at
    least: the name is the author's, and "回复@bob:" after it answers bob. On the first
    comment, page lines above that opening are the page's."""
    if len(blocks) < MIN_BLOCKS:
        return
    if any(block.author for block in blocks):
        _names_before_a_colon_where_none(blocks, markers, lines)
        return
    text_of = dict(lines)
    first = blocks[0]
    opening = next((k for k, number in enumerate(first.body)
                    if _GLUED_NAME.fullmatch(text_of[number])), None)
    heads = [_GLUED_NAME.fullmatch(text_of[block.body[0]]) if block.body else None
             for block in blocks[1:]]
    found = [head for head in heads if head]
    if (opening is None or len(found) < NAME_SLOT_SHARE * len(heads)
            or len({_name_key(head.group("name")) for head in found}) < MIN_BLOCKS):
        return
    markers.update(dict.fromkeys(first.body[:opening], PREAMBLE))
    first.body = first.body[opening:]
    _named_by_their_opening(blocks, [_GLUED_NAME.fullmatch(text_of[first.body[0]]), *heads])


def _named_by_their_opening(blocks: Sequence[CommentBlock],
                            heads: Sequence[re.Match | None]) -> None:
    """Each block's author from its opening "alice: text" (``heads``, one per block), and
    "回复@bob:" after it as whom it answers."""
    for block, head in zip(blocks, heads, strict=True):
        if head is None:
            continue
        block.author = display_name(head.group("name"))
        reply = _GLUED_REPLY.match(head.group("text"))
        if reply and block.reply_to is None:
            block.reply_to, block.reply_to_line = reply.group("name"), block.body[0]


def _names_before_a_colon_where_none(blocks: Sequence[CommentBlock], markers: dict[int, str],
                                     lines: Sequence[tuple[int, str]]) -> None:
    """:func:`_names_before_a_colon` on a page whose layout names some comments: the
    comments it leaves without a name take theirs from their first line's "alice: text"
    where (nearly) all of them open so, MIN_BLOCKS at least, with MIN_BLOCKS different names
    (Baidu Tieba's replies inside a floor, under the floor's own post with its name line)."""
    text_of = dict(lines)
    nameless = [block for block in blocks if not block.author and block.body]
    heads = [_GLUED_NAME.fullmatch(text_of[block.body[0]]) for block in nameless]
    found = [head for head in heads if head]
    if (len(found) < MIN_BLOCKS or len(found) < NAME_SLOT_SHARE * len(heads)
            or len({_name_key(head.group("name")) for head in found}) < MIN_BLOCKS):
        return
    _named_by_their_opening(nameless, heads)


def _authors_without_shared_places(blocks: Sequence[CommentBlock]) -> None:
    """Authors read as "alice, Leeds" named "alice" where the page writes its names so: after
    the comma a place (or a team) that many commenters share, as PLACES_PER_NAME says, on at
    least MIN_BLOCKS comments. "Smith, John" now and then is a name."""
    split = [(block, *block.author.rsplit(", ", 1)) for block in blocks
             if block.author and ", " in block.author]
    if len(split) < MIN_BLOCKS:
        return
    places = {_name_key(place) for _, _, place in split}
    names = {_name_key(name) for _, name, _ in split}
    if PLACES_PER_NAME * len(places) > len(names):
        return
    for block, name, _ in split:
        block.author = name


# "alice: Man I am glad there isn't someone on a d...": a reply's preview of the comment it
# answers, its author's name glued before it
_GLUED_PREVIEW = re.compile(r"(?P<name>[^\s:：][^:：]{0,39}?)\s?[:：]\s*(?P<words>\S.*)")


def _answer_quoted_words(block: CommentBlock, markers: dict[int, str], text_of: dict[int, str],
                         opened: dict[str, list[tuple[str, str, int]]]) -> None:
    """Where ``block``'s header quotes the opening words of the comment it answers ("Replied
    to: Too many weird…", "replied to a thread: ..."), it answers the latest comment above
    that opens with them (``opened``: the comments above by their first two characters)."""
    if block.reply_to is not None:
        return
    for number in block.markers:
        quoted = markers.get(number) == DETAIL and _REPLIED_TO_WORDS.fullmatch(text_of[number])
        if not quoted:
            continue
        words = quoted.group("words")
        candidates = (opened.get(words[:2], []) if len(words) >= 2
                      else sorted((c for same in opened.values() for c in same),
                                  key=lambda c: c[2]))
        answered = next(((author, k) for author, first, k in reversed(candidates)
                         if _quotes_opening(words, first)), None)
        if answered is not None:
            block.reply_to, block.reply_to_line, block.answers_above = answered[0], number, False
            block.reply_to_block = answered[1]
        return


def _quotes_opening(quoted: str, first: str) -> bool:
    """Whether a reply's preview ``quoted`` is the opening of the line ``first``: all of it,
    whole words of it, or a long enough part cut short with "…"."""
    words = quoted.rstrip("…. ")
    return (first == quoted or first.startswith(quoted + " ")
            or (len(words) >= MIN_PREVIEW_CHARS and first.startswith(words)))


def _zero_counts(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """A like button shown without its number ("Respect") where the page shows it with one
    elsewhere ("Respect 3") is the same marker with no likes: comment systems drop the number
    at zero. Read as an action, it would be a footer marker on some comments only."""
    labels = {word for m, text in zip(kinds, texts, strict=True) if m.kind == COUNT
              for word in _LABEL.findall(text.lower())}
    # "Like · 3" counts as "3 likes" does, and a bare "Like" beside it is the same marker.
    rows = {m.key.removeprefix("actions:"): m.key for m in kinds
            if m.kind == ACTION and m.likes is not None and m.key.count(",") == 0}
    labels |= set(rows)
    if not labels:
        return kinds
    # A button shown beside its own count ("Like", "3 likes") is an action, not a count.
    beside: set[str] = set()
    counted: set[str] = set()
    buttons: set[str] = set()
    for m, text in zip([*kinds, _TEXT_MARKER], [*texts, ""], strict=True):
        if m.kind == TEXT:  # the end of a run of markers
            beside |= buttons & counted
            counted, buttons = set(), set()
        elif m.kind == COUNT:
            counted |= {form for word in _LABEL.findall(text.lower())
                        for form in (word, word.removesuffix("s"))}
        elif m.kind == ACTION:
            buttons.add(m.key.removeprefix("action:"))
    labels -= beside
    if not labels:
        return kinds
    out = [_with_key(Marker(COUNT, COUNT, likes=0), rows.get(label, COUNT))
           if m.kind == ACTION and (label := m.key.removeprefix("action:")) in labels else m
           for m in kinds]
    # "Vote" where others show "Vote (5)": a button no list knows, at zero, right before
    # the buttons that follow it, on MIN_BLOCKS comments at least
    alone = [i for i, (m, text) in enumerate(zip(kinds, texts, strict=True))
             if m.kind == TEXT and text.isalpha() and text.casefold() in labels]
    placed = [i for i in alone if i + 1 < len(kinds) and kinds[i + 1].kind == ACTION]
    if len(placed) >= MIN_BLOCKS and len(placed) >= NAME_SLOT_SHARE * len(alone):
        for i in placed:
            out[i] = Marker(COUNT, COUNT, likes=0)
    return out


_NUMBER_WORD = re.compile(r"(?P<n>\d{1,7})\s+(?P<word>[^\W\d_]{3,20})")
# A count named in more than one word, or in one hyphenated word: "12 Mi piace", "8 Me gusta",
# "5 vind-ik-leuks".
_WORD = r"[^\W\d_]{1,20}(?:-[^\W\d_]{1,20}){0,3}"
_NUMBER_WORDS = re.compile(rf"(?P<n>\d{{1,7}})\s+(?P<word>{_WORD}(?:\s{_WORD}){{0,2}})")


# "Funny (12)", "Funny (12) Smart (3)": a word and its count in brackets, a few such pairs
_WORDS_WITH_COUNTS = re.compile(r"(?P<word>[^\W\d_]{3,20})\s?\((?P<n>\d{1,7})\)"
                                r"(?:\s+[^\W\d_]{3,20}\s?\(\d{1,7}\)){0,3}")
# "スキ 13", "Respekt 13": a like button's word, then its count
_WORD_THEN_COUNT = re.compile(r"(?P<word>[^\W\d_]{2,20})\s(?P<n>\d{1,7})")


def _count_of(text: str) -> int:
    """The number of a line :func:`_count_word` reads, the first pair's where there are
    several ("Funny (12) Smart (3)": 12)."""
    return int(_DIGITS.search(text).group())


def _count_word(text: str) -> str | None:
    """The words after the number of a line that may be a like count ("3 claps" -> "clap",
    "12 Mi piace" -> "mi piace"), or before it in brackets ("Funny (12)" -> "funny") or
    without them ("スキ 13" -> "スキ"), or None. One word after the number needs three letters
    ("3 km" is none)."""
    if text.endswith(")"):
        pairs = _WORDS_WITH_COUNTS.fullmatch(text)
        return pairs.group("word").casefold() if pairs else None
    if not text[0].isdigit():
        # (two ASCII letters, "GG 3", are an abbreviation's, a badge's as much as a
        # button's; two kana, "スキ", are a word)
        counted = _WORD_THEN_COUNT.fullmatch(text)
        if counted is None or (len(counted.group("word")) < 3
                               and counted.group("word").isascii()):
            return None
        return counted.group("word").casefold()
    match = _NUMBER_WORDS.fullmatch(text)
    if match is None or not (_NUMBER_WORD.fullmatch(text) or " " in match.group("word")
                             or "-" in match.group("word")):
        return None
    return match.group("word").casefold().removesuffix("s")


def _one_word_apart(words: str, others: Sequence[str]) -> bool:
    """Whether ``words`` (two or more) differ from one of ``others`` in exactly one word, as
    an age's unit does ("# dagen geleden", "# uur geleden"); a count's words stay the same."""
    mine = words.split()
    return len(mine) > 1 and any(
        len(theirs := other.split()) == len(mine)
        and sum(a != b for a, b in zip(mine, theirs, strict=True)) == 1 for other in others)


def _counts_by_their_word(kinds: list[Marker], texts: Sequence[str],
                          among_markers: bool = False, after_markers: bool = False
                          ) -> list[Marker]:
    """``kinds`` with "3 claps", "12 boosts" read as like counts where the same word follows a
    number on at least MIN_BLOCKS lines, with more than one number, and such a line nearly
    always ends a run of text right before a marker: a count under each body, whatever the
    page calls it. "3 days" ending a comment is no marker's neighbour. With
    ``among_markers`` (once the page's markers are read), a line between two markers counts
    as placed too ("Reply", "Report", "12 Empfehlungen", the next name), and so does one that
    ends the section after a marker; with ``after_markers`` (markers learned from repeats),
    a line right after a marker. In both, word forms that start alike are one word ("1
    Empfehlung", "12 Empfehlungen"). A count may take two or three words ("12 Mi piace")
    where they do not change one word from line to line, as an age's unit does ("3 uur
    geleden", "5 dagen geleden")."""
    found: dict[str, list[int]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        if m.kind == TEXT and (text[0].isdigit() or text.endswith(")") or text[-1].isdigit()):
            word = _count_word(text)
            if word:
                found.setdefault(word, []).append(i)
    # An age in words no list knows changes one word, its unit, from line to line.
    found = {word: at for word, at in found.items() if not _one_word_apart(word, list(found))}
    if (among_markers or after_markers) and len(found) > 1:
        merged: dict[str, list[int]] = {}
        for word in sorted(found, key=len):
            stem = next((w for w in merged if word.startswith(w)), word)
            merged.setdefault(stem, []).extend(found[word])
        found = {word: sorted(at) for word, at in merged.items()}
    out = kinds
    for word, at in found.items():
        # Among the markers, the section's end stands where the next comment's header would.
        # A count after its word stands under a comment's buttons ("返信", then "スキ 13"):
        # beside a name, "Level 3" is a rank.
        placed = sum(0 < i and (kinds[i - 1].kind == ACTION if not texts[i][0].isdigit()
                                and not texts[i].endswith(")") else (
                         kinds[i - 1].kind != TEXT if after_markers else (
                             (kinds[i - 1].kind == TEXT or among_markers)
                             and (kinds[i + 1].kind != TEXT if i < len(kinds) - 1
                                  else among_markers))))
                     for i in at)
        if (len(at) < MIN_BLOCKS or placed < NAME_SLOT_SHARE * len(at)
                or len({_count_of(texts[i]) for i in at}) < 2):
            continue
        out = list(out)
        for i in at:
            out[i] = Marker(COUNT, "count:" + word, likes=_count_of(texts[i]))
        if among_markers:
            # "Me gusta" where others show "12 Me gusta": the same button at zero, as comment
            # systems drop the number then (see _zero_counts), where it stands as the counts do.
            for i in _zero_count_lines(word, at, kinds, texts):
                out[i] = Marker(COUNT, "count:" + word, likes=0)
        elif after_markers:
            for i in _zero_buttons_after_markers(word, at, kinds, texts):
                out[i] = Marker(COUNT, "count:" + word, likes=0)
    return out


def _zero_buttons_after_markers(word: str, counts: Sequence[int], kinds: Sequence[Marker],
                                texts: Sequence[str]) -> list[int]:
    """The lines, read as text, that show a count learned after the page's markers (at
    ``counts``) at zero: a button named with the count's stem ("Aanbevelen" for "3
    aanbevelingen", "Curtir" for "12 curtidas"), repeated word for word on MIN_BLOCKS
    comments and more, each right after the marker that most counts follow and never right
    before a count. Without its number the line says nothing a name could not, so the stem
    it shares with the count is what tells it."""
    before = Counter(kinds[i - 1].key for i in counts if i > 0).most_common(1)
    if not before or before[0][0] == TEXT:
        return []
    follows, counted = before[0][0], set(counts)
    lines: dict[str, list[int]] = {}
    for i in range(1, len(kinds)):
        text = texts[i]
        if (kinds[i].kind == TEXT and i not in counted and len(text) <= MAX_NAME_CHARS
                and len(text.split()) <= MAX_NAME_WORDS and not _DIGITS.search(text)
                and _shares_stem(text, word)):
            lines.setdefault(text, []).append(i)
    return [i for where in lines.values() if len(where) >= MIN_BLOCKS
            and all(kinds[i - 1].key == follows and i + 1 not in counted for i in where)
            for i in where]


STEM_LETTERS = 5
"""A button and its count share a stem of this many letters ("empfehl" in "Empfehlen" and
"Leserempfehlungen"); four would join "Gilla" and "gillar" but also many a name to a word."""


def _shares_stem(text: str, word: str) -> bool:
    a, b = text.casefold(), word.casefold()
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= STEM_LETTERS and a[match.a:match.a + match.size].isalpha()


def _zero_count_lines(word: str, counts: Sequence[int], kinds: Sequence[Marker],
                      texts: Sequence[str]) -> list[int]:
    """The lines, read as text, that show a learned count (at ``counts``) at zero: its word
    alone ("Me gusta" for "12 Me gusta") right before a marker, where nearly all of them stand
    so; or a button that stands where the count does on the comments that show none
    ("Empfehlen" for "12 Leserempfehlungen"): after the body's text and right before the
    marker that follows the counts, on MIN_BLOCKS comments and more, never beside a count.
    The same closing words under several comments ("Thanks") are followed by a count as
    often as other comments are."""
    at = [i for i, (m, text) in enumerate(zip(kinds, texts, strict=True))
          if m.kind == TEXT and text.casefold().removesuffix("s") == word]
    placed = [i for i in at if i + 1 < len(kinds) and kinds[i + 1].kind != TEXT]
    if at:
        return placed if len(placed) >= NAME_SLOT_SHARE * len(at) else []
    after = Counter(kinds[i + 1].key for i in counts if i + 1 < len(kinds)).most_common(1)
    if not after or kinds[counts[0] - 1].kind != TEXT:
        return []
    follows = after[0][0]
    counted = set(counts)
    lines: dict[str, list[int]] = {}
    for i in range(1, len(kinds) - 1):
        if (kinds[i].kind == TEXT and i not in counted and len(texts[i]) <= MAX_NAME_CHARS
                and len(texts[i].split()) <= MAX_NAME_WORDS and texts[i][-1].isalnum()):
            lines.setdefault(texts[i], []).append(i)
    return [i for where in lines.values() if len(where) >= MIN_BLOCKS
            and all(kinds[i - 1].kind == TEXT and kinds[i + 1].key == follows for i in where)
            for i in where]


def _settle_bare_numbers(kinds: list[Marker], repeats: int) -> list[Marker]:
    """Bare numbers that mostly count up by one are numbering ("1", "2", "3"); the rest stay
    like counts."""
    bare = [i for i, m in enumerate(kinds) if m.key == "count:bare"]
    if len(bare) < repeats:
        return kinds
    values = [kinds[i].likes for i in bare]
    steps = sum(b == a + 1 for a, b in zip(values, values[1:], strict=False))
    if steps < 0.8 * (len(values) - 1):
        return [_with_key(m, COUNT) if m.key == "count:bare" else m for m in kinds]
    out = list(kinds)
    for i in bare:
        out[i] = Marker(NUMBERING, NUMBERING, number=kinds[i].likes)
    return out


def _without_strays(kinds: list[Marker], repeats: int) -> list[Marker]:
    """A line shaped like a marker whose kind does not recur is a comment's text ("7",
    "report", "Delete" as a whole comment); "Load more comments" lines are furniture however
    seldom they come, and so are a business's responses ("Reply from Northwind Ltd": one or
    two under a page of reviews), which name their author and what they answer."""
    counts = _recurring(kinds)
    # "alice Oct 14th 2016, 02:24" over the few comments that answer nobody, where the
    # replies' lines name their author, whom they answer and when ("bob in reply to alice
    # Oct 14th 2016, 03:24"): the same header, without the parent.
    dated_replies = sum(m.kind == REPLY_TO and m.author is not None and m.time_text is not None
                        for m in kinds)
    return [_TEXT_MARKER if m.kind not in (TEXT, MORE) and counts[m.key] < repeats
            and not _is_response(m) and not _button_among_buttons(kinds, i, counts, repeats)
            and not (m.kind == AUTHOR and m.time_text is not None and dated_replies >= repeats)
            else m for i, m in enumerate(kinds)]


_FOOTER_KINDS = (ACTION, COUNT)


def _button_among_buttons(kinds: Sequence[Marker], i: int, counts: Counter, repeats: int
                          ) -> bool:
    """Whether the action at ``i`` stands between two buttons or counts the page repeats
    ("Edit" between "Reply" and "↑ 3 ↓" on the few comments their author may still edit):
    part of a footer, where a comment's text never stands."""
    return (kinds[i].kind == ACTION and 0 < i < len(kinds) - 1
            and all(kinds[j].kind in _FOOTER_KINDS and counts[kinds[j].key] >= repeats
                    for j in (i - 1, i + 1)))


def _is_response(marker: Marker) -> bool:
    """Whether ``marker`` is a response printed under the comment it answers ("Reply from
    Northwind Ltd"): it names its author, and no one it answers."""
    return marker.kind == REPLY_TO and marker.name is None and marker.author is not None


def _with_replies_to_names(kinds: list[Marker], texts: Sequence[str],
                           reply_lines: Sequence[int]) -> list[Marker]:
    """``kinds`` with the "in reply to NAME" lines that recur too seldom to be strays' peers
    restored as markers, where NAME is a display name found on the page and the line follows
    a marker (a header): a page with one or two replies keeps their links. A comment that
    merely starts "In reply to the minister" names nobody on the page and stays text."""
    names = {_name_key(m.name) for m in kinds if m.kind in (NAME, AUTHOR) and m.name}
    if not names:
        return kinds
    out = list(kinds)
    for i in reply_lines:
        if kinds[i].kind != TEXT or i == 0 or kinds[i - 1].kind == TEXT:
            continue
        reply = _REPLY_TO.match(texts[i])
        name = _reply_name(reply) if reply else None
        if name and _name_key(name) in names:
            out[i] = Marker(REPLY_TO, REPLY_TO, name=name)
    return out


def _handles_beside_their_names(kinds: list[Marker], texts: Sequence[str], repeats: int
                                ) -> list[Marker]:
    """``kinds`` with bare "@NAME" lines read as the author where every one stands
    right over or under a line that is that same name ("@alice" over "alice", an avatar's
    alt text beside the name): a reply names someone else, while a comment names its own
    author twice; the twin line is a detail."""
    at = [i for i, m in enumerate(kinds) if m.kind == REPLY_TO and m.name
          and _AT_NAME.fullmatch(texts[i])]
    twins = {}
    for i in at:
        key = _name_key(kinds[i].name)
        twin = next((j for j in (i + 1, i - 1) if 0 <= j < len(kinds)
                     and kinds[j].kind in (TEXT, NAME) and _name_key(texts[j]) == key), None)
        if twin is not None:
            twins[i] = twin
    # every one: where some handles differ from the names over them ("67Mustang-Man" over
    # "@67MustangMan"), the page shows a display name and a handle (read as such below)
    if len(twins) < repeats or len(twins) < len(at):
        return kinds
    out = list(kinds)
    for i, twin in twins.items():
        out[i] = Marker(NAME, NAME, name=display_name(kinds[i].name))
        out[twin] = Marker(DETAIL, DETAIL)
    return out


def _at_names(kinds: list[Marker], texts: Sequence[str], repeats: int) -> list[Marker]:
    """``kinds`` with bare "@NAME" lines read as names where they head nearly every comment,
    the page's first among them: the first comment answers nobody, so there "@NAME" is
    how the page writes its authors, not a reply marker."""
    at = [i for i, m in enumerate(kinds) if m.kind == REPLY_TO and _AT_NAME.fullmatch(texts[i])]
    if len(at) < repeats or any(m.kind == REPLY_TO for i, m in enumerate(kinds)
                                if i not in set(at)):
        return kinds
    runs, gaps = _runs_and_gaps(kinds)
    # The first "@NAME" heads the page's first comment: it comes before the first comment's
    # time, count or buttons, if after the page's own lines ("Add a comment..."), and before
    # an author line that names the comment otherwise ("alice   2015-08-17 08:45   ♥ 2").
    first_marker = next((i for i, m in enumerate(kinds) if m.kind in (TIME, COUNT, ACTION)
                         or (m.kind == AUTHOR and m.name)), len(kinds))
    if (not set(gaps[0]) & set(at) and at[0] > first_marker) or (
            len(at) < NAME_SLOT_SHARE * len(runs)):
        return kinds
    out = list(kinds)
    for i in at:
        out[i] = Marker(NAME, NAME, name=display_name(kinds[i].name))
    return out


def _at_names_with_spaces(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with "@Gelöschter Nutzer", "@Jane Doe" read as reply markers on a page whose
    replies open "@NAME": a name of several words, which "@NAME" alone cannot tell from a
    sentence ("@alice thanks"), is one where the page shows it as a comment's author."""
    if not any(m.kind == REPLY_TO and _AT_NAME.fullmatch(text)
               for m, text in zip(kinds, texts, strict=True)):
        return kinds
    authors = {_name_key(m.name) for m in kinds
               if m.kind in (NAME, AUTHOR) and m.name and " " in m.name.strip()}
    out = kinds
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        if m.kind == TEXT and text[0] == "@" and _name_key(text[1:].strip()) in authors:
            out = out if out is not kinds else list(kinds)
            out[i] = Marker(REPLY_TO, REPLY_TO, name=text[1:].strip())
    return out


def _quotes_named_under_the_header(kinds: list[Marker], texts: Sequence[str], repeats: int
                                   ) -> list[Marker]:
    """``kinds`` with "alice said:" / "alice wrote:" lines read as reply markers where they
    stand right under the time on a page whose comments carry a name line of their own above
    it: a forum's quote of the comment answered (the post's number, "#2", or a line the page
    repeats, "Add bookmark", may stand between). Where "NAME says:" is each comment's only
    name (above the time, or under it with nothing above), it stays the author line."""
    kinds = _dated_quotes_under_the_time(kinds, texts, repeats)
    says = [i for i, m in enumerate(kinds) if m.key == AUTHOR + ":says"]
    under = [i for i in says if _under_the_time(kinds, i)]
    # Under an author line that names the comment and its time ("Post by bob » Mon Mar 09,
    # 2020 7:17 pm"), "alice wrote:" names someone else: the comment quoted.
    dated = [i for i in says if i > 0 and kinds[i - 1].key == AUTHOR + ":time"]
    if dated and len(dated) >= NAME_SLOT_SHARE * len(says):
        out = list(kinds)
        for i in dated:
            out[i] = Marker(REPLY_TO, REPLY_TO, name=kinds[i].name)
        return out
    if not under or len(under) < NAME_SLOT_SHARE * len(says):
        return kinds
    # (a chat's day divider is no message's time)
    times = [i for i, m in enumerate(kinds) if m.kind == TIME and m.key != DAY_DIVIDER]
    # (a name found by its place already: a forum's profile column read, 81)
    if (sum(m.kind == NAME for m in kinds) < NAME_SLOT_SHARE * len(times)
            and _name_slot(kinds, texts, times, -1, repeats) is None):
        return kinds
    out = list(kinds)
    for i in under:
        out[i] = Marker(REPLY_TO, REPLY_TO, name=kinds[i].name)
    return out


_TIMED_AUTHOR_LINES = (AUTHOR + ":dated", AUTHOR + ":time")


def _dated_quotes_under_the_time(kinds: list[Marker], texts: Sequence[str], repeats: int
                                 ) -> list[Marker]:
    """``kinds`` with a forum's quote of the post answered read as reply markers: "alice 发表于
    2015-8-17 08:45" (a name and a date or an age, Discuz!'s) right under the post's own
    time, over a line that opens one higher up the page (the words quoted). Both lines are
    the quote's, not the post's: its author and time are the ones above. Seen on ``repeats``
    posts at least and on NAME_SLOT_SHARE of the name-and-time lines, as a quote stands
    only on replies and a page whose posts open with such a line names their authors by it."""
    # ("alice 发表于 12 小时前": an age for a recent post, a date for an older one)
    dated = [i for i, m in enumerate(kinds) if m.key in _TIMED_AUTHOR_LINES and m.name]
    if len(dated) < repeats:
        return kinds
    # the page's text lines above each line, by their first two characters (a quote of an
    # opening starts with them)
    opened: dict[str, list[int]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        if m.kind == TEXT:
            opened.setdefault(text[:2], []).append(i)
    # (a comment of several lines quoted on one: "first line second line")
    quotes = [i for i in dated if _under_the_time(kinds, i) and i + 1 < len(kinds)
              and kinds[i + 1].kind == TEXT
              and any(j < i and (_quotes_opening(texts[i + 1], texts[j]) or (
                  len(texts[j]) >= MIN_PREVIEW_CHARS and texts[i + 1].startswith(texts[j] + " ")))
                      for j in opened.get(texts[i + 1][:2], ()))]
    if len(quotes) < repeats or len(quotes) < NAME_SLOT_SHARE * len(dated):
        return kinds
    # "alice 发表于": the word the forum puts between every quoted name and its date
    tails = Counter(kinds[i].name.split()[-1] for i in quotes if len(kinds[i].name.split()) > 1)
    tail, shown = tails.most_common(1)[0] if tails else ("", 0)
    out = list(kinds)
    for i in quotes:
        name = kinds[i].name
        if shown >= NAME_SLOT_SHARE * len(quotes) and name.endswith(" " + tail):
            name = name.removesuffix(" " + tail)
        out[i] = out[i + 1] = Marker(REPLY_TO, REPLY_TO, name=name)
    return out


def _under_the_time(kinds: Sequence[Marker], i: int) -> bool:
    """Whether line ``i`` stands under a time (known by its form, or learned from the page's
    repeats), with only a post's number or a line the page repeats between."""
    j = i - 1
    while j >= 0 and kinds[j].kind in (NUMBERING, REPEATED) and kinds[j].time_text is None:
        j -= 1
    # (a time learned from the page's repeats, "prieš 4 val.", is one too)
    return j >= 0 and (kinds[j].kind == TIME or kinds[j].time_text is not None)


def _display_names_above_handles(kinds: list[Marker], texts: Sequence[str], repeats: int
                                 ) -> list[Marker]:
    """``kinds`` with the display name above a "@handle · 5h" author line marked a detail
    ("Jane Doe" over "@jdoe77 · 5h"): the handle is the author, as replies name it."""
    handles = [i for i, m in enumerate(kinds) if m.key == AUTHOR + ":time"
               and texts[i].lstrip().startswith("@")]
    if len(handles) < repeats or len(handles) < NAME_SLOT_SHARE * sum(
            m.kind == AUTHOR for m in kinds):
        return kinds
    above = [i - 1 for i in handles if i > 0 and kinds[i - 1].kind == TEXT
             and (i < 2 or kinds[i - 2].kind != TEXT) and _name_like(texts[i - 1])]
    if len(above) < NAME_SLOT_SHARE * len(handles):
        return kinds
    return [Marker(DETAIL, DETAIL) if i in set(above) else m for i, m in enumerate(kinds)]


def _names_above_place_lines(kinds: list[Marker], texts: Sequence[str], repeats: int
                             ) -> list[Marker]:
    """``kinds`` with the name line above each "Westgate · 3 days ago" line read as the author
    and that line as the comment's time: where (nearly) every comment shows such a line, nearly
    every one with a short line of its own right above it, and the names those lines lead
    with are few, shared by many commenters (a neighbourhood, a team, a town) while the lines
    above tell the commenters apart."""
    # ("Cardiff, United Kingdom, 5 months ago": the place's own comma-separated parts)
    dated = [i for i, m in enumerate(kinds) if m.key in (AUTHOR + ":time", AUTHOR + ":place-time")]
    # on (nearly) every comment: a member's bio line on some ("· Reader since 2019 · 5 months
    # ago") is their detail, not the layout's
    # (a comment may show two counts: up and down)
    others = max((n for key, n in _recurring(kinds).items()
                  if not key.startswith(("count", COUNT))), default=0)
    if len(dated) < repeats or len(dated) < NAME_SLOT_SHARE * others:
        return kinds
    above = [i - 1 for i in dated if i > 0 and kinds[i - 1].kind == TEXT
             and (i < 2 or kinds[i - 2].kind != TEXT) and _name_like(texts[i - 1])]
    if len(above) < NAME_SLOT_SHARE * len(dated):
        return kinds
    places = {_name_key(kinds[i].name) for i in dated}
    names = {_name_key(texts[i]) for i in above}
    if PLACES_PER_NAME * len(places) > len(names):
        return kinds
    out = list(kinds)
    for i in above:
        out[i] = Marker(NAME, NAME, name=display_name(texts[i]))
    for i in dated:
        out[i] = Marker(TIME, TIME, time_text=kinds[i].time_text, created_at=kinds[i].created_at)
    return out


MAX_PROFILE_LINES = 3
"""A poster's profile beside each post: a name, a rank or group, a place (three lines)."""

MAX_PROFILE_CHARS = 40


def _profile_runs(kinds: list[Marker], texts: Sequence[str], repeats: int) -> list[Marker]:
    """``kinds`` with a forum's profile lines read as the header they are: where short text
    runs (one to MAX_PROFILE_LINES lines of MAX_PROFILE_CHARS at most) stand between markers,
    above the same kind of marker, on MIN_BLOCKS posts at least ("johnnwho" / "Senior Member"
    under "Top", over "Posts: 2900"), their first lines shaped like names that differ, their other
    lines labels and ranks that recur, and the page shows sentences elsewhere: then the
    first line is the poster's name (a detail where the post names its author in a marker of
    its own, "Post by johnnwho » ...") and the rest details. Tried only where no layout reads
    the page otherwise: one short comment after another between the same buttons would look
    the same."""
    runs: list[list[int]] = []
    for i, m in enumerate(kinds):
        if m.kind != TEXT:
            continue
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    # A slot is known by the marker under it: the one above may be left out ("12" likes
    # shown only where there are some).
    slots: dict[str, list[list[int]]] = {}
    for run in runs:
        if run[0] > 0 and run[-1] + 1 < len(kinds):
            slots.setdefault(kinds[run[-1] + 1].key, []).append(run)
    seen = Counter(texts[i] for run in runs for i in run)
    on_page = Counter(texts)
    profiles: list[list[int]] = []
    labelled: set[int] = set()
    for slot_runs in slots.values():
        # A signature under the post above ends its run of text in the profile's lines
        # ("Sent from my potato.", "bob", "Sr. Member", "****"), on a few posts: the
        # profile is the run's last lines, as many as the other posts show.
        widths = Counter(len(run) for run in slot_runs if len(run) <= MAX_PROFILE_LINES)
        if widths:
            width = widths.most_common(1)[0][0]
            # (a run longer than the others yet short enough for a profile holds a rank
            # some posters have: "erin", "Moderator")
            longer = [run for run in slot_runs if len(run) > MAX_PROFILE_LINES]
            if len(longer) <= (1 - REPEATED_SHARE) * len(slot_runs) and all(
                    len(run) <= width + MAX_PROFILE_LINES for run in longer):
                slot_runs = [run[-width:] if len(run) > MAX_PROFILE_LINES else run
                             for run in slot_runs]
        if len(slot_runs) < repeats or any(
                len(run) > MAX_PROFILE_LINES or any(len(texts[i]) > MAX_PROFILE_CHARS for i in run)
                for run in slot_runs):
            continue
        firsts = [texts[run[0]] for run in slot_runs]
        others = [texts[i] for run in slot_runs for i in run[1:]]
        # "Location: Texas" on some posts: a labelled line, no name
        labels = Counter(text.partition(": ")[0] for text in firsts if ": " in text)
        if labels and max(labels.values()) >= NAME_SLOT_SHARE * len(firsts):
            profiles += slot_runs
            labelled.update(run[0] for run in slot_runs)
            continue
        # (a rank few posters hold, "Jr. Member" among "Sr. Member", may show once: the
        # page's other lines count too, as the ranks learned as its repeats)
        if (sum(map(_name_like, firsts)) < NAME_SLOT_SHARE * len(firsts)
                or not _names_differ(firsts)
                or sum(seen[text] > 1 or on_page[text] > 1 for text in others)
                < NAME_SLOT_SHARE * len(others) and (
                    sum(seen[text] > 1 for text in others) < REPEATED_SHARE * len(others))):
            continue
        profiles += slot_runs
        # The first post's profile closes the page's own text above it ("Recommended Posts",
        # then "OP_here" over "Members"): the lines a profile shows there, as it does below.
        width = Counter(map(len, slot_runs)).most_common(1)[0][0]
        opening = next((run for run in reversed(runs) if run[0] < slot_runs[0][0]), None)
        if (opening is not None and kinds[opening[-1] + 1].key == kinds[slot_runs[0][-1] + 1].key
                and len(opening) > width and _name_like(texts[opening[-width]])):
            profiles.append(opening[-width:])
        # (and where the section opens with it, it is the section's first run)
        elif (runs and runs[0][0] == 0 and runs[0] not in slot_runs
              and len(runs[0]) == width and runs[0][-1] + 1 < len(kinds)
              and kinds[runs[0][-1] + 1].key == kinds[slot_runs[0][-1] + 1].key
              and _name_like(texts[0])):
            profiles.append(runs[0])
    # A rank under a name found by its place ("erin" / "Moderator" / "1,656 posts"): a
    # short line that recurs, as a rank does among the posters
    ranked = [run for run in runs if run[0] > 0 and kinds[run[0] - 1].kind == NAME
              and len(run) <= MAX_PROFILE_LINES and run[-1] + 1 < len(kinds)
              and all(len(texts[i]) <= MAX_PROFILE_CHARS and seen[texts[i]] > 1 for i in run)]
    profiles += [run for run in ranked if run not in profiles]
    labelled.update(run[0] for run in ranked)
    inside = {i for run in profiles for i in run}
    if not profiles or sum(len(run) > 1 or not _name_like(texts[run[0]])
                           for run in runs if run[0] not in inside) < repeats:
        return kinds
    out = list(kinds)
    under_names: list[int] = []  # a line the page repeats, right under a profile's name
    for run in profiles:
        end = next((j for j in range(run[-1] + 1, len(kinds))
                    if kinds[j].kind == TEXT and j not in inside), len(kinds))
        # ("On 08/17/2015, alice said:" over a quote names the poster answered)
        named = any(kinds[j].kind == AUTHOR and kinds[j].name and kinds[j].key != AUTHOR + ":says"
                    for j in range(run[-1] + 1, end))
        out[run[0]] = (Marker(DETAIL, DETAIL) if named or run[0] in labelled
                       else Marker(NAME, NAME, name=display_name(texts[run[0]])))
        for i in run[1:]:
            out[i] = Marker(DETAIL, DETAIL)
        # "975 posts" under the name is the poster's count, no like of the post's; a rank
        # learned as a repeat ("Well-known member") over the profile's details is one of them
        j, ranks = run[-1] + 1, []
        while j < len(kinds) and (kinds[j].kind in (COUNT, DETAIL)
                                  or kinds[j].key.startswith(REPEATED)):
            if kinds[j].kind == COUNT:
                out[j] = Marker(DETAIL, DETAIL)
            elif kinds[j].kind == DETAIL:
                for i in ranks:
                    out[i] = Marker(DETAIL, DETAIL)
                ranks = []
            else:
                ranks.append(j)
            j += 1
        if ranks and ranks[0] == run[-1] + 1 and j < len(kinds) and kinds[j].kind != TEXT:
            under_names.append(ranks[0])
    # (and so is a line the page repeats where it stands right under a name each time,
    # above the post's other markers: "United Kingdom" under some names, "Mexico", seen
    # once, under others; a line the page also shows elsewhere, a subject, stays its own)
    keys = Counter(kinds[i].key for i in under_names)
    everywhere = Counter(m.key for m in kinds if m.key in keys)
    for i in under_names:
        if keys[kinds[i].key] == everywhere[kinds[i].key]:
            out[i] = Marker(DETAIL, DETAIL)
    return out


def _count_shaped(texts: Sequence[str]) -> bool:
    """Whether more than 1 - NAME_SLOT_SHARE of ``texts`` read as a count: the same words
    around a number that changes, in MIN_BLOCKS different texts at least ("3
    Leserempfehlungen", "6 Leserempfehlungen"), which no set of names shows."""
    shapes = Counter(_DIGITS.sub("#", text) for text in set(texts))
    counts = {shape for shape, n in shapes.items() if "#" in shape and n >= MIN_BLOCKS}
    return sum(_DIGITS.sub("#", text) in counts for text in texts) > (
        1 - NAME_SLOT_SHARE) * len(texts)


def _counts_among_names(kinds: Sequence[Marker], texts: Sequence[str]) -> bool:
    """Whether the names found by their place are counts (:func:`_count_shaped`)."""
    return _count_shaped([text for m, text in zip(kinds, texts, strict=True) if m.kind == NAME])


def _handles_under_display_names(kinds: list[Marker], texts: Sequence[str], repeats: int
                                 ) -> list[Marker]:
    """``kinds`` with "@handle" lines read as the author where each stands right under a short
    name line that opens a header ("Jane Doe" over "@jdoe77", then "·" and "5h"), on nearly as
    many comments as the page's most frequent other marker shows, the first comment among them:
    that one answers nobody, so "@handle" is how the page writes its accounts, and replies
    name those ("Replying to @jdoe77"). The name line above is a detail, as under
    :func:`_display_names_above_handles`."""
    at = [i for i, m in enumerate(kinds) if m.kind == REPLY_TO and _AT_NAME.fullmatch(texts[i])]
    # a comment may show several counts (replies, reposts, likes, views)
    others = max((n for key, n in _recurring(kinds).items()
                  if not key.startswith(("count", COUNT)) and key != REPLY_TO), default=0)
    if len(at) < repeats or len(at) < NAME_SLOT_SHARE * others:
        return kinds
    first_other = next((i for i, m in enumerate(kinds) if m.kind == REPLY_TO and i not in set(at)),
                       len(kinds))
    if at[0] > first_other:
        return kinds
    # The line above the name may be text: the page's own ("Write your reply") over the
    # first comment, or the last line of a body whose counts are hidden at zero.
    above = [i - 1 for i in at if i > 0 and kinds[i - 1].kind == TEXT
             and _name_like(texts[i - 1])]
    if len(above) < NAME_SLOT_SHARE * len(at) or above[0] != at[0] - 1:
        return kinds
    out = list(kinds)
    if not _replies_name_handles(kinds, texts, at, above):
        for i in above:
            out[i] = Marker(NAME, NAME, name=display_name(texts[i]))
        for i in at:
            out[i] = Marker(DETAIL, DETAIL)
        return out
    for i in above:
        out[i] = Marker(DETAIL, DETAIL)
    for i in at:
        out[i] = Marker(NAME, NAME, name=display_name(kinds[i].name))
    return out


def _replies_name_handles(kinds: Sequence[Marker], texts: Sequence[str],
                          handles: Sequence[int], names: Sequence[int]) -> bool:
    """Whether the page's other "in reply to" lines name the handles under the display names
    more often than the display names ("Replying to @jdoe77" against "Reply to Jane Doe"):
    the author is the name replies use, and where none tells, the name the page shows
    first, as with an account's address under it."""
    handle_set = set(handles)
    replied = Counter(_name_key(m.name) for i, m in enumerate(kinds)
                      if m.kind == REPLY_TO and i not in handle_set and m.name)
    by_display = sum(replied[key] for key in {_name_key(texts[i]) for i in names})
    by_handle = sum(replied[key] for key in {_name_key(kinds[i].name) for i in handles})
    return by_handle > by_display


def _replied_lines_that_name_the_page(kinds: list[Marker]) -> list[Marker]:
    """"bob replied to alice" lines kept as markers only where "alice" is an author the page
    names elsewhere: "He replied to me" in a comment is its text."""
    named = {_name_key(m.name) for m in kinds if m.kind in (NAME, AUTHOR) and m.name}
    named |= {_name_key(m.author) for m in kinds if m.author}
    return [_TEXT_MARKER if m.author is not None and m.name is not None
            and _name_key(m.name) not in named else m for m in kinds]


def _subjects_read_as_replies(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with "Re: Ba Dum Tsss" read as a forum's subject line, not a reply to
    someone called "Ba Dum Tsss" (on a page read by its profiles, :func:`_profile_runs`):
    where one name is on the reply markers of REPEATED_SHARE of the comments at least (as
    many as the page's most frequent other marker), and no comment is by that name. Replies
    to one absent commenter come on a few comments, not on half of them."""
    replies = [i for i, m in enumerate(kinds) if m.kind == REPLY_TO and m.name and not m.author]
    if not replies:
        return kinds
    names = Counter(_name_key(kinds[i].name) for i in replies)
    name, n = names.most_common(1)[0]
    authors = {_name_key(m.name) for m in kinds if m.kind in (NAME, AUTHOR) and m.name}
    authors |= {_name_key(m.author) for m in kinds if m.author}
    others = max((count for key, count in _recurring(kinds).items() if key != REPLY_TO),
                 default=0)
    if n < MIN_BLOCKS or n < REPEATED_SHARE * others or name in authors:
        return kinds
    out = list(kinds)
    for i in replies:
        if _name_key(kinds[i].name) == name:
            out[i] = Marker(REPEATED, f"{REPEATED}:{texts[i]}")
    return out


REPEATED_SHARE = 0.5
"""A text line that the page repeats word for word is furniture when it stands beside the
markers on at least this share of the comments (as many as the most frequent marker)."""
MAX_REPEATED_CHARS = 80
MAX_SUBJECT_CHARS = 124
"""A repeated line may be as long as a forum's subject line, which repeats the topic's title
("Re: TITLE"): phpBB caps a title at 120 characters, and a reply's subject at 124 with "Re: ".
Words that name a reply's target stay within MAX_REPEATED_CHARS."""
MAX_LEARNED_KEYS = 10
"""A comment system shows a handful of lines on every comment (buttons, an age, a count);
a page with more kinds of repeated line than this repeats its comments (a page copied
twice), and none of them is read as a marker."""


def _repeated_lines(kinds: list[Marker], texts: Sequence[str], repeats: int,
                    some_left_out: bool = False) -> list[Marker]:
    """``kinds`` with the lines a page repeats word for word around its comments marked
    REPEATED: buttons in words no list knows ("Antworten", "Signaler"), a subject line ("Re:
    the thread's title"). A line qualifies where it recurs on at least REPEATED_SHARE of the
    comments (counted by the page's most frequent marker, names included) and, at
    NAME_SLOT_SHARE of its places, stands next to a marker or to another such line, never
    inside a run of comment text, and beside its comment's own text (between two of the
    page's most frequent markers), and no more often than that marker. The same short
    comment posted now and then ("Thanks!", "[deleted]") recurs on far fewer comments, or
    more often than the marker; one posted again and again is all its comment's text. With
    ``some_left_out`` (a page read once, some of whose comments lack a marker), up to
    1 / MIN_CONFORMING times as often."""
    counts = _recurring(kinds)
    anchor, comments = max(((key, n) for key, n in counts.items() if key != "count:bare"),
                           key=lambda kn: kn[1], default=(None, 0))
    if comments < repeats:
        return kinds
    at: dict[str, list[int]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        # ">>123": an imageboard reply's anchor, repeated where many answer one post, cites
        # that post in the poster's own words
        if m.kind == TEXT and len(text) <= MAX_SUBJECT_CHARS and not _ANCHORS.fullmatch(text):
            at.setdefault(text, []).append(i)
    wanted = max(repeats, REPEATED_SHARE * comments)
    # Furniture stands once on a comment: a line seen more often than the comments is comments
    # that say the same thing. The page's most frequent marker counts them, unless the page
    # leaves it out now and then (a time): then on up to 1 - MIN_CONFORMING of its comments,
    # as a layout allows.
    most = comments / MIN_CONFORMING if some_left_out else comments
    candidates = {text: where for text, where in at.items() if wanted <= len(where) <= most}
    for text in _quoted_passages(candidates, kinds, texts):
        del candidates[text]
    if not candidates:
        return kinds
    lines = {i for where in candidates.values() for i in where}
    # "Ver 3 respuestas", "12 Me gusta": lines of the same few words around a number that
    # changes are the page's too, whatever they say, where no list knows their words
    numbered = _numbered_lines(kinds, texts)

    def beside(j: int) -> bool:
        return 0 <= j < len(kinds) and (kinds[j].kind != TEXT or j in lines or j in numbered)

    # A comment posted again and again is all the text between two of the anchor markers
    # (one per comment); furniture stands beside a comment's own text.
    anchors = [i for i, m in enumerate(kinds) if m.key == anchor]
    own_text = set()
    for start, end in zip([0, *anchors], [*anchors, len(kinds)], strict=True):
        span = range(start, end)
        if any(kinds[j].kind == TEXT and j not in lines for j in span):
            own_text.update(span)
    found = [where for where in candidates.values()
             if sum(beside(i - 1) or beside(i + 1) for i in where) >= NAME_SLOT_SHARE * len(where)
             and sum(i in own_text for i in where) >= NAME_SLOT_SHARE * len(where)]
    if len(found) > MAX_LEARNED_KEYS:
        return kinds  # many different lines repeated: a page copied twice, not furniture
    out = list(kinds)
    for where in found:
        for i in where:
            out[i] = Marker(REPEATED, f"{REPEATED}:{texts[where[0]]}")
    return out


def _numbered_lines(kinds: Sequence[Marker], texts: Sequence[str]) -> set[int]:
    """The text lines of a few words and one number whose words, the number aside, recur
    word for word on MIN_BLOCKS lines at least with two numbers at least ("Ver #
    respuestas"), with the lines of the same words in another form ("1 Empfehlung" among
    "12 Empfehlungen") or alone: the same button at zero ("Gilla" among "Gilla (3)")."""
    shaped: dict[str, list[int]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        if m.kind == TEXT and (shape := _numbered_shape(text)) != text and (
                2 <= len(shape.split()) <= MAX_NAME_WORDS):
            shaped.setdefault(shape, []).append(i)
    # "1 Empfehlung" among "12 Empfehlungen", "Показать ещё 3 ответа" among "Показать ещё 5
    # ответов": the same words in another form
    clusters: dict[str, list[int]] = {}
    for shape, at in sorted(shaped.items(), key=lambda item: -len(item[1])):
        alike = next((group for group in clusters if _word_forms_alike(shape, group)), shape)
        clusters[alike] = [*clusters.get(alike, []), *at]
    groups = {shape: at for shape, at in clusters.items()
              if len(at) >= MIN_BLOCKS and len({texts[i] for i in at}) >= 2}
    zeros = {" ".join(_NUMBER_TOKEN.sub(" ", shape).split()): shape for shape in groups}
    zeros.pop("", None)
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        if m.kind == TEXT and text in zeros:
            groups[zeros[text]] = [*groups[zeros[text]], i]
    return {i for at in groups.values() for i in at}


def _word_forms_alike(shape: str, other: str) -> bool:
    """Whether two shapes differ in one word only, two forms of one word: the same first
    STEM_LETTERS - 1 letters or more, and endings of two letters at most after them
    ("Empfehlung", "Empfehlungen"; "ответа", "ответов"; "like", "likes")."""
    mine, theirs = shape.casefold().split(), other.casefold().split()
    if len(mine) != len(theirs):
        return False
    differ = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
    if len(differ) != 1 or not (differ[0][0].isalpha() and differ[0][1].isalpha()):
        return False
    a, b = differ[0]
    stem = len(os.path.commonprefix([a, b]))
    return stem >= STEM_LETTERS - 1 and max(len(a), len(b)) - stem <= 2


_NUMBER_TOKEN = re.compile(r"[(\[]?#[)\]]?")


MAX_LEARNED_CHARS = 40
MAX_DATE_WORDS = 10
"""A line of learned words with two numbers or more (a date and its clock: "14 de octubre de
2016 a les 01:24") may have this many words."""
_DIGITS = re.compile(r"\d+")
# "Posts: 1,250" among "Posts: 522": a count in thousands is one number, as its shape is one
_GROUPED_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+")


def _lines_by_their_repeats(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with REPEATED markers learned from repeats alone, for a page where no marker
    known by its form recurs: short lines repeated word for word ("Antworten", "Reageren"),
    and short lines with a number whose words, the number aside, recur with different
    numbers, one word free to differ ("vor 2 Stunden" / "vor 3 Tagen", "2 uur geleden" / "5
    dagen geleden": an age in words no list here knows). Each must recur at least MIN_BLOCKS
    times and on at least REPEATED_SHARE of the comments (as many as the most repeated
    of them): a name, or "Thanks!", recurs on far fewer. A number and one word ("5
    claps") is left to the like-count rule. Whether these make a layout is for the
    rest of :func:`read_layout` to say (at least MIN_BLOCKS comments, 80% of them carrying
    every regular marker, two marker kinds at least)."""
    exact: dict[str, list[int]] = {}
    shaped: dict[int, list[str]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        # ("> PS - Team Mystic": a quoted line, which every reply to it quotes again)
        if m.kind != TEXT or _NUMBER_WORD.fullmatch(text) or text.startswith("> "):
            continue
        row = len(text) <= MAX_ROW_CHARS and _is_row(text)
        if len(text) > MAX_LEARNED_CHARS and not row:
            continue
        tokens = _GROUPED_DIGITS.sub("#", text).split()
        if not any("#" in token for token in tokens):
            exact.setdefault(text, []).append(i)
        elif 2 <= len(tokens) <= (MAX_ROW_WORDS if row else MAX_NAME_WORDS
                                  if sum("#" in token for token in tokens) < 2
                                  else MAX_DATE_WORDS) or (
                len(tokens) == 1 and any(ch.isalpha() for ch in tokens[0])):
            # "3時間前", "返信 5件": Japanese and Chinese glue the number to its word
            shaped[i] = tokens
    variants: Counter = Counter()
    for tokens in shaped.values():
        variants.update(_shapes(tokens, glued=True))
    # "alice," over the replies to alice (OK.ru's, VK's) addresses a commenter whose name
    # stands as a line of its own: no furniture, however many answer her.
    shown = set(texts)
    found = {text: at for text, at in exact.items() if len(at) >= MIN_BLOCKS
             and not (text.endswith(",") and text[:-1].strip() in shown)}
    for text in _quoted_passages(found, kinds, texts):
        del found[text]
    for i, tokens in shaped.items():
        # The most shared of the line's shapes; the exact one first among equals.
        found.setdefault(max(_shapes(tokens, glued=True), key=lambda k: variants[k]),
                         []).append(i)
    found = {key: at for key, at in found.items()
             if len(at) >= MIN_BLOCKS and not (_name_with_digits_shape(key)
                                               and _numbers_fixed_to_words(at, texts))
             and not _names_in_the_free_word(key, at, texts)}
    found, framed = _times_in_the_same_words(found, [*shaped, *(
        i for text, at in exact.items() if _AGE_WORD_HINT.search(text) for i in at)], texts)
    if not found:
        return kinds
    learned = {i for at in found.values() for i in at}
    wanted = REPEATED_SHARE * max(_comments_shown_on(at, learned, kinds)
                                  for at in found.values())
    found = {key: at for key, at in found.items() if len(at) >= wanted}
    if len(found) > MAX_LEARNED_KEYS:
        return kinds  # many different lines repeated: a page copied twice, not furniture
    found = _buttons_with_and_without_counts(found, exact, texts)
    # "17 Maarso 2020, 04:09" among "17 May 2020, 04:09", whose month a list knows: the
    # same time, in the page's one shape, as the lines read as times by their form.
    known: Counter = Counter()
    for i, m in enumerate(kinds):
        if m.kind == TIME and len(texts[i]) <= MAX_LEARNED_CHARS:
            known.update(_shapes(_DIGITS.sub("#", texts[i]).split(), glued=True))
    out = list(kinds)
    for key, at in found.items():
        if key in framed:
            for i in at:
                time = framed[key][i]
                out[i] = Marker(REPEATED, f"{REPEATED}:{key}", time_text=time.time_text,
                                created_at=time.created_at)
            continue
        if "#" in key and known[key] >= MIN_BLOCKS and not _is_row(key):
            for i in at:
                out[i] = Marker(TIME, TIME, time_text=texts[i])
            continue
        timed = _learned_time(key)
        if key.startswith("# ") and "#" not in key[2:]:
            # "Me gusta" among "12 Me gusta": the count's button at zero, as _zero_counts
            at = sorted(at + exact.get(key[2:], []))
        for i in at:
            if _is_row(key):
                time_text, likes = _row_time_and_count(key, texts[i])
                out[i] = Marker(REPEATED, f"{REPEATED}:{key}", time_text=time_text, likes=likes,
                                created_at=_date_within(time_text))
            else:
                out[i] = Marker(REPEATED, f"{REPEATED}:{key}",
                                time_text=texts[i] if timed else None,
                                created_at=_date_within(texts[i]) if timed else None)
    return out


MAX_FREE_WORDS = 14
"""The most words a learned line's free word takes: an age's seven units in their singular
and plural forms, a year's twelve months."""


def _names_in_the_free_word(key: str, at: Sequence[int], texts: Sequence[str]) -> bool:
    """Whether the lines ``at`` of shape ``key`` differ in their free word as names do, one
    to a line ("~alice (83.21.*.*)", "~bob (91.166.*.*)": a guest's name and masked
    address), where a date's month or an age's unit takes a few words again and again."""
    tokens = key.split()
    if "*" not in tokens:
        return False
    k = tokens.index("*")
    words = Counter(line[k] for i in at
                    if len(line := _GROUPED_DIGITS.sub("#", texts[i]).split()) == len(tokens))
    return len(words) > MAX_FREE_WORDS and len(words) > REPEATED_SHARE * sum(words.values())


def _quoted_passages(places: dict[str, list[int]], kinds: Sequence[Marker],
                     texts: Sequence[str]) -> set[str]:
    """The lines of ``places`` (a line's text -> where it stands) that stand, at
    REPEATED_SHARE of their places, under a quote opening ("bob posted...", "bob wrote:")
    with nothing between but lines the page shows elsewhere too: parts of a comment that
    replies copy whole under their quote openings ("Great game! / PS - Team Mystic"), which
    recur as often as it is quoted, never the page's furniture, which stands beside each
    comment's own words."""
    shown = Counter(text for m, text in zip(kinds, texts, strict=True) if m.kind == TEXT)

    def under_a_quote_opening(i: int) -> bool:
        j = i - 1
        while j >= 0 and kinds[j].kind == TEXT and shown[texts[j]] > 1:
            j -= 1
        return (j >= 0 and kinds[j].kind in (AUTHOR, REPLY_TO)
                and _is_quote_opening(texts[j]))

    return {text for text, at in places.items()
            if sum(map(under_a_quote_opening, at)) >= REPEATED_SHARE * len(at)}


def _comments_shown_on(at: Sequence[int], learned: set[int], kinds: Sequence[Marker]) -> int:
    """How many comments the lines ``at`` stand on: two of them with no text between that
    is neither a marker nor a ``learned`` line stand on one comment (Discuz! shows "积分"
    twice in every poster's profile), so a label shown twice does not set the bar for
    lines shown once a comment at twice their number."""
    return 1 + sum(any(kinds[j].kind == TEXT and j not in learned for j in range(a + 1, b))
                   for a, b in itertools.pairwise(at))


TIME_SLOT = "<time>"
"""Where a learned line holds a time of any form: "发表于 <time> | 只看该作者"."""
_AGE_WORD_HINT = re.compile(_AGE_IN_WORDS.pattern + r"|\b(?:just now|moments? ago)\b",
                            re.IGNORECASE)


def _times_in_the_same_words(found: dict[str, list[int]], candidates: Sequence[int],
                             texts: Sequence[str]
                             ) -> tuple[dict[str, list[int]], dict[str, dict[int, Marker]]]:
    """``found`` with the lines whose words, their time aside, are the same ("发表于 12 小时前 |
    只看该作者", "发表于 昨天 16:19 | 只看该作者", "发表于 刚刚 | 只看该作者") learned as one key
    with TIME_SLOT for the time, and that key's time of each line. A page that shows an age
    for recent comments and a date for older ones writes its header in as many shapes as
    its times have forms, none on enough comments to be learned; the words around the time
    are the same on all of them. Only where these lines are more than any one of the
    shapes that holds some of them: a shape learned whole stays as it was."""
    frames: dict[str, dict[int, Marker]] = {}
    for i in candidates:
        framed = _time_in_frame(texts[i])
        if framed is not None:
            frames.setdefault(framed[0], {})[i] = framed[1]
    merged = dict(found)
    kept: dict[str, dict[int, Marker]] = {}
    for frame, times in sorted(frames.items(), key=lambda item: -len(item[1])):
        at = set(times)
        holding = [key for key, where in merged.items() if at.intersection(where)]
        if len(at) < MIN_BLOCKS or len(at) <= max((len(merged[key]) for key in holding),
                                                  default=0):
            continue
        for key in holding:
            left = [i for i in merged.pop(key) if i not in at]
            if len(left) >= MIN_BLOCKS:
                merged[key] = left
        merged[frame] = sorted(at)
        kept[frame] = times
    return merged, kept


def _time_in_frame(text: str) -> tuple[str, Marker] | None:
    """``text`` as its fixed words around TIME_SLOT, and the time there: the longest run of
    its words (the earliest among equals) that reads as a date or an age, with at least one
    word outside it; None where no run does or the line is longer than a row."""
    tokens = text.split()
    if len(text) > MAX_ROW_CHARS or not 2 <= len(tokens) <= MAX_DATE_WORDS:
        return None
    digits = [any(ch.isdigit() for ch in token) for token in tokens]
    for size in range(len(tokens) - 1, 0, -1):
        for start in range(len(tokens) - size + 1):
            window = tokens[start:start + size]
            if not (_HAS_WORD.search(window[0]) and _HAS_WORD.search(window[-1])):
                continue  # "| 只看该作者": a separator is the frame's
            if any(digits) and not any(digits[start:start + size]):
                continue  # a line with a number holds its time there (and saves the reading)
            time = _time_marker(" ".join(window), None)
            if time is not None:
                frame = " ".join([*tokens[:start], TIME_SLOT, *tokens[start + size:]])
                return frame, time
    return None


_HAS_WORD = re.compile(r"\w")


def _date_within(text: str | None) -> str | None:
    """The date (with its clock) inside a learned time's fixed words ("发表于 2020-6-17 23:02"),
    as ISO 8601 text; None where none is (an age, a month no list knows)."""
    window = _dated_window(text.split(), None) if text and _CLOCK_IN.search(text) else None
    return window[2].created_at if window else None


def _dated_window(tokens: Sequence[str], day_first: bool | None, around: int | None = None
                  ) -> tuple[int, int, Marker] | None:
    """The longest run of ``tokens`` (the earliest among equals) that reads as a date with its
    clock, with at most ``around`` tokens outside it: (start, length, its time marker)."""
    for size in range(len(tokens), 1, -1):
        if around is not None and len(tokens) - size > around:
            break
        for start in range(len(tokens) - size + 1):
            time = _time_marker(" ".join(tokens[start:start + size]), day_first)
            if time is not None and time.created_at and "T" in time.created_at:
                return start, size, time
    return None


def _buttons_with_and_without_counts(found: dict[str, list[int]], exact: dict[str, list[int]],
                                     texts: Sequence[str]) -> dict[str, list[int]]:
    """``found`` with a button shown with its count and alone at zero ("boost (4)" and
    "boost", "Класс! 3" and "Класс!") made one learned marker: the lines of a numbered key
    whose text without the number, where most of its lines agree on it, is a line the page
    repeats word for word. Apart, neither is on (nearly) every comment; together they are."""
    merged = dict(found)
    for key, at in found.items():
        if "#" not in key or key not in merged:
            continue
        zeros = Counter(_COUNT_AT_AN_END.sub("", _COUNT_IN_BRACKETS.sub(" ", texts[i])).strip()
                        for i in at)
        zero, n = zeros.most_common(1)[0]
        if n < NAME_SLOT_SHARE * len(at) or zero == key or zero not in exact or not zero:
            continue
        merged.pop(zero, None)
        merged[key] = sorted(at + exact[zero])
    return merged


_COUNT_IN_BRACKETS = re.compile(r"\s*[(\[]\d+[)\]]\s*")
# "Класс! 3" beside "Класс!": the count after the button's word, or before it
_COUNT_AT_AN_END = re.compile(r"^\d+\s+|\s+\d+$")


MAX_ROW_CHARS = 80
MAX_ROW_WORDS = 16
_ROW_SPLIT = re.compile(r"\s+[·•|]\s+")
"""A footer row ("3 seachtain ó shin · Freagair · 12 maith leo"): two to four parts between
separators, each as short as a learned line, the whole up to MAX_ROW_CHARS."""


def _is_row(text: str) -> bool:
    parts = _ROW_SPLIT.split(text)
    return 2 <= len(parts) <= 4 and all(0 < len(part) <= MAX_LEARNED_CHARS for part in parts)


def _row_time_and_count(key: str, text: str) -> tuple[str | None, int | None]:
    """What a learned row holds: the part shaped as a time (:func:`_learned_time`) is the
    time as shown, and where there is one, the one other part of fixed words and a number
    is the like count (without a time beside it, that part may be an age in one unit)."""
    shapes, parts = _ROW_SPLIT.split(key), _ROW_SPLIT.split(text)
    if len(shapes) != len(parts):
        return None, None
    times = [part for shape, part in zip(shapes, parts, strict=True) if _learned_time(shape)]
    counts = [part for shape, part in zip(shapes, parts, strict=True)
              if not _learned_time(shape) and shape.split().count("#") == 1
              and "*" not in shape.split()]
    if not times:
        return None, None
    likes = int(_DIGITS.findall(counts[0])[0]) if len(counts) == 1 else None
    return times[0], likes


_CLOCK_SHAPE = re.compile(r"#\s?[:.hH]\s?#")


def _learned_time(key: str) -> bool:
    """Whether a learned line's shape is a time, kept as its text: a clock ("# de * de # a les
    #:#"), or a word that changes from line to line (an age's unit, "преди # *"; a date's
    month, "# * #") beside a fixed word or a second number. A count's words stay the same,
    and "* #" alone (any word and a number: "Patinka 12", "Season 2") says nothing."""
    tokens = key.split()
    numbers = sum("#" in token for token in tokens)
    fixed = sum("#" not in token and token != "*" for token in tokens)
    return _CLOCK_SHAPE.search(key) is not None or (
        "*" in tokens and numbers >= 1 and (fixed >= 1 or numbers >= 2))


def _read_learned_numbers(layout: Layout, blocks: Sequence[CommentBlock],
                          kinds: Sequence[Marker], lines: Sequence[tuple[int, str]]) -> None:
    """Fill in what learned lines of fixed words and one number say, by their place in the
    layout. Above the body, such a line is the comment's time as shown where it has none
    ("pirms 3 stundām" on a page whose ages are all in hours; a label such as "Posts: 12" is
    no time). Under the body, it is the like count ("Patīk 12", "12 páči sa mi"), but only
    where it is the one such line there and the page shows its times elsewhere: an age under
    the body whose unit never changes has the same shape, which only the place tells."""
    index = {number: i for i, (number, _) in enumerate(lines)}

    def numbered(keys: Sequence[str], glued: bool) -> set[str]:
        """Learned keys of fixed words and one number: a word of its own ("#"), or with
        ``glued`` also within a word ("#h", "-#"), as an age may be written, and otherwise in
        brackets ("Gilla (#)"); no label."""
        out = set()
        for key in keys:
            shape = key.removeprefix(REPEATED + ":").split()
            numbers = [token for token in shape if "#" in token]
            fixed = [token for token in shape if "#" not in token]
            if (key.startswith(REPEATED + ":") and len(numbers) == 1
                    and (glued or numbers[0] in ("#", "(#)", "[#]")) and fixed
                    and "*" not in fixed
                    and not any(token.endswith(":") for token in fixed)):
                out.add(key)
        return out

    def fill(keys: set[str], field: str, value: Callable[[str], object]) -> None:
        for block in blocks:
            for number in block.markers:
                i = index[number]
                if kinds[i].key in keys and getattr(block, field) is None:
                    setattr(block, field, value(lines[i][1]))

    fill(numbered(layout.header, glued=True), "time_text", str)
    counts = numbered(layout.footer, glued=False)
    # Two such lines, one the other's words and a word more ("אהבתי (3)", "לא אהבתי (1)";
    # "Mi piace 3", "Non mi piace 1"): a like count and its negation, the dislikes.
    if len(counts) == 2:
        shorter, longer = sorted(counts, key=len)
        fixed = [set(key.removeprefix(REPEATED + ":").replace("#", " ").split())
                 for key in (shorter, longer)]
        if fixed[0] and fixed[0] < fixed[1]:
            counts = {shorter}
    if len(counts) == 1 and any(block.time_text for block in blocks):
        fill(counts, "likes", lambda text: int((_DIGITS.findall(text) or [0])[0]))


LEARNED_AUTHOR = AUTHOR + ":learned"
"""The key of an author line learned from its repeats ("alice · pirms 3 stundām")."""


def _names_then_times_by_form(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with "alice 2015-08-17" and "alice 3 小时前" read as author lines: a name of
    one or two words and, after one space, a time by its form (a date without its clock, an
    age), on MIN_BLOCKS lines at least and REPEATED_SHARE as many as the page's most frequent
    marker, with names that differ (Twikoo's header). One such line alone may be a sentence's
    end ("I posted 5 hours ago"), and :func:`_name_then_date` reads it only with a clock."""
    found: dict[int, tuple[str, Marker]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        words = text.split(" ")
        if m.kind != TEXT or len(text) > MAX_LEARNED_CHARS + MAX_NAME_CHARS or not (
                2 <= len(words) <= MAX_DATE_WORDS):
            continue
        for k in (1, 2):
            time = _time_marker(" ".join(words[k:]), None) if k < len(words) else None
            if time is not None:
                if _name_like(name := " ".join(words[:k])):
                    found[i] = (name, time)
                break
    others = max(_recurring(kinds).values(), default=0)
    if (len(found) < max(MIN_BLOCKS, REPEATED_SHARE * others)
            or not _names_differ([name for name, _ in found.values()])):
        return kinds
    return _as_author_lines(kinds, found, AUTHOR + ":dated")


def _as_author_lines(kinds: list[Marker], found: dict[int, tuple[str, Marker]], key: str
                     ) -> list[Marker]:
    """``kinds`` with the lines ``found`` (line -> its name and its time) read as author
    lines of ``key``."""
    out = list(kinds)
    for i, (name, time) in found.items():
        out[i] = Marker(AUTHOR, key, name=display_name(name), time_text=time.time_text,
                        created_at=time.created_at)
    return out


def _named_lines_by_their_repeats(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with author lines learned from their repeats: "NAME · TIME" on one line where
    no list knows the time's words ("alice · pirms 3 stundām", "bob | 14. oktobrī 01:24"). The
    parts after the separator must hold a number and recur in one shape (numbers aside, one
    word free to differ: an age's unit, a date's month) on at least MIN_BLOCKS lines and
    REPEATED_SHARE of the comments, with names that differ, their digits aside: one word
    before the separator on most of them is a button with its count ("Patīk · 3"), not a
    name, and an age there heads a footer row ("18 uair ó shin · Freagair")."""
    tails: dict[int, tuple[str, str, list[str]]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        both = _NAME_THEN_TIME.fullmatch(text) if m.kind == TEXT else None
        if both is None or not _name_like(both.group("name")):
            continue
        tail = both.group("time")
        tokens = _DIGITS.sub("#", tail).split()
        if (len(tail) <= MAX_LEARNED_CHARS and any("#" in token for token in tokens)
                and len(tokens) <= MAX_DATE_WORDS):
            tails[i] = (both.group("name"), tail, tokens)
    if len(tails) < MIN_BLOCKS:
        return kinds
    variants: Counter = Counter()
    for _, _, tokens in tails.values():
        variants.update(_shapes(tokens))
    found: dict[str, list[int]] = {}
    for i, (_, _, tokens) in tails.items():
        found.setdefault(max(_shapes(tokens), key=lambda k: variants[k]), []).append(i)
    # Names differ, digits and all; "18 uair ó shin · Freagair · 5 maith leo" has an age
    # before its first separator, whose shape repeats, and so does a date whose month differs
    # ("17 март 2020, 04:09 · Одговори").
    found = {key: at for key, at in found.items() if len(at) >= MIN_BLOCKS
             and _names_differ([tails[i][0] for i in at])}
    if not found:
        return kinds
    wanted = REPEATED_SHARE * max(len(at) for at in found.values())
    out = list(kinds)
    learned = False
    for at in found.values():
        if len(at) < wanted:
            continue
        learned = True
        for i in at:
            name, tail, _ = tails[i]
            out[i] = Marker(AUTHOR, LEARNED_AUTHOR, name=display_name(name), time_text=tail)
    if learned:
        # "bob | 1 sept 2015 - 10:45" known by its form among "alice | 17 ago 2015 - 10:45"
        # that only its repeats show: one marker, the author line, on every comment
        for i, m in enumerate(kinds):
            if m.key == AUTHOR + ":time" and _NAME_THEN_TIME.fullmatch(texts[i]):
                out[i] = _with_key(m, LEARNED_AUTHOR)
    return out


def _names_differ(names: Sequence[str]) -> bool:
    """Whether fewer than REPEATED_SHARE of ``names`` share one shape: their numbers aside,
    and one word free where they hold a number (a date's month), not where they are words
    only (every one-word name would share the shape "*")."""
    shapes: Counter = Counter()
    for name in names:
        tokens = _DIGITS.sub("#", _name_key(name)).split()
        # A word glued to a number is free only beside a second number ("17-mart, 2020"):
        # "mike77" and "anna12" are two names.
        glued = len(_DIGITS.findall(name)) >= 2
        shapes.update({shape for shape in _shapes(tokens, glued) if "#" in shape}
                      | {" ".join(tokens)})
    return shapes.most_common(1)[0][1] < REPEATED_SHARE * len(names)


def _name_with_digits_shape(key: str) -> bool:
    """Whether a learned shape is one word of letters with digits after them ("*#":
    "mcampo84"), as a handle is; an age or a count has words apart from its number, or
    its number first ("3時間前")."""
    return " " not in key and "*" in key and "#" in key and key.index("*") < key.index("#")


def _numbers_fixed_to_words(at: Sequence[int], texts: Sequence[str]) -> bool:
    """Whether the lines at ``at``, one shape with a free word, keep one number to each word:
    "mcampo84", "Lommo97" (names with digits, each posting again as itself), where an age
    or a count shows one word with several numbers ("3 hours ago", "5 hours ago"). Told
    only where words recur on MIN_BLOCKS lines."""
    by_word: dict[str, set[str]] = {}
    count: Counter = Counter()
    for i in at:
        word = _DIGITS.sub("", texts[i])
        by_word.setdefault(word, set()).add(texts[i])
        count[word] += 1
    recurring = [word for word, n in count.items() if n > 1]
    return (sum(count[word] for word in recurring) >= MIN_BLOCKS
            and all(len(by_word[word]) == 1 for word in recurring))


def _shapes(tokens: Sequence[str], glued: bool = False) -> list[str]:
    """A line's words with its numbers as "#", then each with one word as "*"; with
    ``glued``, also a word glued to a number ("#-mart," for "17-mart,": a month after its
    day, as Uzbek and Turkish write dates) with its letters as "*"."""
    shapes = [" ".join(tokens)] + [" ".join([*tokens[:k], "*", *tokens[k + 1:]])
                                   for k, token in enumerate(tokens) if "#" not in token]
    if glued:
        shapes += [" ".join([*tokens[:k], _LETTERS.sub("*", token, count=1), *tokens[k + 1:]])
                   for k, token in enumerate(tokens) if "#" in token and _LETTERS.search(token)]
    return shapes


_LETTERS = re.compile(r"[^\W\d_]{2,}")


_PREFIX_WORDS = 5


def _replies_by_their_prefix(kinds: list[Marker], texts: Sequence[str], repeats: int
                             ) -> list[Marker]:
    """``kinds`` with "in reply to" markers in words no list knows ("Antwort auf alice", "En
    réponse à bob", "↩ carol", or after the name: "alice adlı kullanıcıya yanıt"): lines that
    open (or end) with the same one to three words and otherwise are a name the page shows as
    a comment's author, right after a header marker and above a body, on at least ``repeats``
    lines and at NAME_SLOT_SHARE of the lines that open (or end) so. A comment that opens
    "Thanks alice" now and then does not recur as such a line."""
    names = {_name_key(m.name) for m in kinds if m.kind in (NAME, AUTHOR) and m.name}
    if not names:
        return kinds
    opened: dict[tuple[str, str], list[int]] = {}
    named: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for i in range(1, len(kinds) - 1):
        text = texts[i]
        # A reply marker naming one person often enough may have been learned as a repeat.
        if kinds[i].kind not in (TEXT, REPEATED) or len(text) > MAX_REPEATED_CHARS:
            continue
        # A short label may stand between the header and the marker ("Muokattu": edited).
        above = i - 2 if (i > 1 and kinds[i - 1].kind == TEXT
                          and len(texts[i - 1].split()) <= 2) else i - 1
        for prefix, tail in _name_beside_fixed_words(text):
            opened.setdefault(prefix, []).append(i)
            if (_name_key(tail) in names
                    and kinds[above].kind in _HEADER_PRIOR | {AUTHOR, REPEATED}
                    and kinds[i + 1].kind == TEXT):
                named.setdefault(prefix, []).append((i, tail))
    out = list(kinds)
    for prefix, hits in named.items():
        if len(hits) < repeats or len(hits) < NAME_SLOT_SHARE * len(opened[prefix]):
            continue
        for i, tail in hits:
            if out[i].kind in (TEXT, REPEATED):
                out[i] = Marker(REPLY_TO, REPLY_TO, name=tail)
    return out


def _replies_to_lines_elsewhere(kinds: list[Marker], texts: Sequence[str], repeats: int
                                ) -> list[Marker]:
    """``kinds`` with "in reply to" markers in words no list knows found before the names:
    lines that are one to three fixed words, with no number, beside a short line the page
    shows on its own elsewhere ("En resposta a johnnwho" where "johnnwho" is a line, not "40
    sun so" where an avatar's initials read "SO"), on at least ``repeats``
    lines and at NAME_SLOT_SHARE of the lines that open (or end) with those words. Where the
    page says whom a comment answers above its author's name, these lines share the place
    after the comment above with the names of comments that answer nobody, and a name under
    one of them is no longer alone beside its time: known first, neither hides the names.
    Words that mostly stand beside the line they name ("Avatar of alice" above "alice") name
    their own comment; a reply now and then to one's own comment does not. The lines must
    name two people at least."""
    alone = {_name_key(text) for text, marker in zip(texts, kinds, strict=True)
             if marker.kind == TEXT and _name_like(text)}
    opened: Counter = Counter()
    named: dict[tuple[str, str], list[tuple[int, str]]] = {}
    own: Counter = Counter()
    for i, (marker, text) in enumerate(zip(kinds, texts, strict=True)):
        # A reply line naming one person often enough has been learned as a repeat.
        if marker.kind not in (TEXT, REPEATED) or len(text) > MAX_REPEATED_CHARS:
            continue
        beside = {_name_key(texts[j]) for j in (i - 1, i + 1) if 0 <= j < len(texts)}
        for prefix, tail in _name_beside_fixed_words(text):
            opened[prefix] += 1
            key = _name_key(tail)
            if (key in alone and _name_like(tail)
                    and not any(ch.isdigit() for ch in prefix[1])):
                named.setdefault(prefix, []).append((i, tail))
                own[prefix] += key in beside
    out = list(kinds)
    for prefix, hits in named.items():
        # (one name after the words on every line is a poster's signature, "PS - Team
        # Mystic": replies answer several people)
        if (len(hits) - own[prefix] < repeats or len(hits) < NAME_SLOT_SHARE * opened[prefix]
                or own[prefix] >= REPEATED_SHARE * len(hits)
                or len({_name_key(tail) for _, tail in hits}) < 2):
            continue
        for i, tail in hits:
            out[i] = Marker(REPLY_TO, REPLY_TO, name=tail)
    return out


def _name_beside_fixed_words(text: str) -> list[tuple[tuple[str, str], str]]:
    """Each way to read ``text`` as one to three fixed words before or after a name: the
    fixed words (with the side they stand on) and the name. Languages that mark whom one
    answers with an affix glue it to the name ("Impendulo ku-alice", "alice-কে উত্তর",
    "პასუხი alice-ს", "alice'e yanıt"): also read as the fixed words on either side, up to
    three in all, and the affix up to its hyphen or apostrophe."""
    words = text.split()
    # "Antwort auf #1.5 von alice": the number of the post answered changes from line to line
    # among the fixed words, and is not one of them.
    fixed = ["#" if _POST_NUMBER_WORD.fullmatch(word) else word for word in words]
    numbers = [0]
    for word in fixed:
        numbers.append(numbers[-1] + (word == "#"))
    splits = []
    for k in range(1, len(words)):
        if k - numbers[k] <= _PREFIX_WORDS and fixed[k - 1] != "#":
            splits.append((("before", " ".join(fixed[:k])), " ".join(words[k:])))
        if k - (numbers[-1] - numbers[len(words) - k]) <= _PREFIX_WORDS and fixed[-k] != "#":
            splits.append((("after", " ".join(fixed[-k:])), " ".join(words[:-k])))
    for before in range(_PREFIX_WORDS + 1):
        for after in range(_PREFIX_WORDS + 1 - before):
            core = words[before:len(words) - after]
            if not core:
                continue
            fixed = (" ".join(words[:before]), " ".join(words[len(words) - after:]))
            glued = _GLUED_AFFIX.fullmatch(core[0])
            if glued:
                splits.append((("glued before", "|".join((fixed[0], glued[1], fixed[1]))),
                               " ".join([glued[2], *core[1:]])))
            glued = _GLUED_SUFFIX.fullmatch(core[-1])
            if glued:
                splits.append((("glued after", "|".join((fixed[0], glued[2], fixed[1]))),
                               " ".join([*core[:-1], glued[1]])))
    return list(dict.fromkeys(splits))


# "ku-alice" (up to the first hyphen), "alice-কে", "alice'e" (from the last one); an affix
# has no digit, and may end in a vowel sign
# ("返信先：alice": a colon ends the fixed words where no space does)
_GLUED_AFFIX = re.compile(r"([^\s\d\-'’_:：]{1,6}[-'’:：])(\w.*)")
_GLUED_SUFFIX = re.compile(r"(.*\w)([-'’][^\s\d\-'’_]{1,6})")


def _with_key(marker: Marker, key: str) -> Marker:
    return Marker(marker.kind, key, marker.name, marker.time_text, marker.created_at,
                  marker.likes, marker.number, marker.author)


def _alone_above(kinds: Sequence[Marker], i: int) -> bool:
    """Whether the line above ``i`` is one text line alone between markers (a name's place)."""
    return i >= 1 and kinds[i - 1].kind == TEXT and (i == 1 or kinds[i - 2].kind != TEXT)


def _details_before_times(kinds: list[Marker], texts: Sequence[str], repeats: int
                          ) -> list[Marker]:
    """"Former Teacher · 1y" under "alice" where most comments show "1y" alone under their
    name: a detail the person chose (Quora's credential, of any length) before the time, not a
    name with its time. Where most times stand alone on their line under a lone text line,
    the "X · TIME" lines in the same place are that time."""
    alone = sum(m.kind == TIME and _alone_above(kinds, i) for i, m in enumerate(kinds))
    if alone < repeats:
        return kinds
    paired = {}
    for i, m in enumerate(kinds):
        if m.key == AUTHOR + ":time":
            paired[i] = m
        elif m.kind == TEXT and " · " in texts[i] and _alone_above(kinds, i):
            tail = _time_marker(texts[i].rpartition(" · ")[2], None)
            if tail is not None:
                paired[i] = tail
    if not paired or alone <= len(paired):
        return kinds
    if sum(_alone_above(kinds, i) for i in paired) < NAME_SLOT_SHARE * len(paired):
        return kinds
    out = list(kinds)
    for i, m in paired.items():
        if _alone_above(kinds, i):
            out[i] = Marker(TIME, TIME, time_text=m.time_text, created_at=m.created_at)
    return out


def _badges_over_times(kinds: list[Marker], texts: Sequence[str], repeats: int
                       ) -> list[Marker]:
    """``kinds`` with a badge between the name and the time marked DETAIL ("johnnwho" /
    "Overený profil" / "17. 8. 2015 10:45"; SME's verified profiles): one line, word for word,
    right above the time on ``repeats`` comments or more, under a short name-like line that
    itself stands right under a marker (the comment above's last) at NAME_SLOT_SHARE of its
    places, under MIN_BLOCKS names at least. A name that posts often stands right under that
    marker itself."""
    # ("Patch Set 4", "Patch Set 5": Gerrit's, the same words around a number that changes,
    # a column over nearly every time, are no names wherever they stand: there the name may
    # stand under the text above. Shown on some comments, "272 Reputation points •
    # Moderator", such lines are read word for word, as before.)
    numbered = _numbered_lines(kinds, texts)
    shapes: dict[str, list[int]] = {}
    times = 0
    for i, m in enumerate(kinds):
        if m.kind == TIME and i >= 2:
            times += 1
            if kinds[i - 1].kind == TEXT:
                shape = _numbered_shape(texts[i - 1]) if i - 1 in numbered else texts[i - 1]
                shapes.setdefault(shape, []).append(i - 1)
    places: dict[str, list[int]] = {}
    columns = set()
    for shape, at in shapes.items():
        if shape != texts[at[0]] and len(at) >= NAME_SLOT_SHARE * times:
            places[shape] = at
            columns.update(at)
        else:
            for i in at:
                places.setdefault(texts[i], []).append(i)
    badges = [at for at in places.values() if len(at) >= repeats and sum(
        kinds[i - 1].kind == TEXT and _name_like(texts[i - 1])
        and (i < 2 or kinds[i - 2].kind != TEXT or i in columns)
        for i in at) >= NAME_SLOT_SHARE * len(at)
        # under names that differ: one person's place ("London" under alice) or a name
        # under its avatar's text ("Avatar of alice") is no badge
        and len({texts[i - 1] for i in at}) >= MIN_BLOCKS]
    if not badges:
        return kinds
    out = list(kinds)
    for at in badges:
        for i in at:
            out[i] = Marker(DETAIL, DETAIL + ":badge")
    return out


def _recurring(kinds: Sequence[Marker]) -> Counter:
    return Counter(m.key for m in kinds if m.kind not in (TEXT, MORE))


_LABEL_AND_COUNT = re.compile(r"[^\W\d_][\w .'-]{0,30}:\s*\d{1,3}(?:[,.\s]?\d{3})*")


# "Updated by alice about 3 hours ago", "Updated by alice on 2020-03-09 19:17" (Redmine's
# journal), "Last edited by alice; Oct 14 @ 4:04am"
_UPDATED_BY_NAME = re.compile(r"(?:last\s+)?(?:edited|modified|updated)\s+by\s+(?P<name>\S.{0,49}?)"
                              r"\s*[;:,]?\s+(?:on\s+)?(?P<time>\S.{2,60}?)\.?", re.IGNORECASE)


def _authors_of_every_update(kinds: list[Marker], texts: Sequence[str], repeats: int
                             ) -> list[Marker]:
    """``kinds`` with the notes "Updated by NAME TIME" read as author lines where they stand
    on nearly every comment (NAME_SLOT_SHARE of the page's most frequent other marker) and
    name people that differ, and no author line names the posters: a tracker's journal
    heads each note so (Redmine's). Under some comments only, such a note tells who edited
    the comment and when, and stays a detail."""
    counts = _recurring(kinds)
    if any((key.startswith(AUTHOR) or key == NAME) and n >= repeats
           for key, n in counts.items()):
        return kinds
    notes = {}
    for i, m in enumerate(kinds):
        if m.key == DETAIL + ":edited" and (both := _UPDATED_BY_NAME.fullmatch(texts[i])):
            time = _time_marker(both.group("time"), None)
            if time is not None and _name_like(both.group("name")):
                notes[i] = (both.group("name"), time)
    others = max((n for key, n in counts.items() if key != DETAIL + ":edited"), default=0)
    if (len(notes) < repeats or len(notes) < NAME_SLOT_SHARE * others
            or not _names_differ([name for name, _ in notes.values()])):
        return kinds
    return _as_author_lines(kinds, notes, AUTHOR + ":time")


def _find_names(kinds: list[Marker], texts: list[str], repeats: int) -> list[Marker]:
    """``kinds`` with the display-name lines marked NAME (see :func:`read_layout`, step 2).
    A page whose author lines name themselves ("NAME says:") needs no search."""
    counts = _recurring(kinds)
    authored = sum(n for key, n in counts.items() if key.startswith(AUTHOR) or key == NAME)
    # (but not where MIN_BLOCKS comments or more show a time line with no author line beside
    # it: those have their names elsewhere, giscus's "alice commented on Aug 17, 2015" over
    # each thread's first comment, "bob" over "on Aug 17, 2015" on the replies)
    unnamed = sum(m.kind == TIME and not any(
        kinds[j].kind == AUTHOR for j in (i - 1, i + 1) if 0 <= j < len(kinds))
        for i, m in enumerate(kinds))
    dated = counts.get(AUTHOR + ":time", 0)  # header lines with their own time, as giscus's
    if authored >= repeats and (dated < authored or unnamed < MIN_BLOCKS
                                or unnamed < (1 - NAME_SLOT_SHARE) * (authored + unnamed)):
        return kinds
    reply_targets = {_name_key(m.name) for m in kinds if m.kind == REPLY_TO and m.name}
    # "@alice ," alone on a line over a reply's text (Waline's) names whom it answers, though
    # not read as a marker: it tells names from the browser under them all the same.
    reply_targets |= {_name_key(at.group("name")) for m, text in zip(kinds, texts, strict=True)
                      if m.kind == TEXT and (at := _AT_LINE.fullmatch(text))}
    slots = []
    for key, n in counts.items():
        if n < repeats or key == "count:dislike":
            continue
        at = [i for i, m in enumerate(kinds) if m.key == key]
        if key == SEPARATOR_KEY:
            # a dot between two markers ("5mo ago", "•", "Edited 5mo ago") joins a row of
            # them and stands beside no name; the one after the name does
            at = [i for i in at if TEXT in {kinds[j].kind for j in (i - 1, i + 1)
                                            if 0 <= j < len(kinds)}]
        for side in (-1, 1):
            slot = _name_slot(kinds, texts, at, side, repeats)
            if slot is None:
                continue
            slots.append((_slot_score([texts[i] for i in slot], reply_targets), set(slot)))
    # A name glued to its body with no marker between: the first (or last) line of nearly every
    # run of text, wherever the markers before it stop.
    runs, _ = _runs_and_gaps(kinds)
    for end in (0, -1):
        # A run that ends the section has no header after it to be glued to.
        glued = [run[end] for run in runs
                 if len(run) >= 2 and not (end == -1 and run[-1] == len(kinds) - 1)]
        if (len(glued) >= max(repeats, NAME_SLOT_SHARE * len(runs))
                and sum(_name_like(texts[i]) for i in glued) >= NAME_SLOT_SHARE * len(glued)):
            slot = {i for i in glued if _name_like(texts[i])}
            slots.append((_slot_score([texts[i] for i in slot], reply_targets), slot))
    # "Antwort auf alice" beside the time: lines that are another slot's names with the same
    # words before them ("in reply to" in words no list knows) name those names; they are no
    # name slot themselves (:func:`_replies_by_their_prefix` reads them once names are known).
    slots = [(score, slot) for score, slot in slots
             if not any(other is not slot and _names_another_slot(slot, other, texts)
                        for _, other in slots)]
    # "12 Empfehlungen" after the buttons: a number and a word on nearly every line of a
    # slot is a count the page names in its own words, not a name.
    # ("Posts: 1,700" over a forum post: a label and the poster's count, no name; "****":
    # the poster's rank in stars)
    slots = [(score, slot) for score, slot in slots
             if sum(_count_word(texts[i]) is not None
                    or _LABEL_AND_COUNT.fullmatch(texts[i]) is not None
                    or not any(ch.isalnum() for ch in texts[i]) for i in slot)
             < NAME_SLOT_SHARE * len(slot)]
    if not slots:
        return kinds
    # A slot beside the time holds the badge some comments show under the name ("Staff"):
    # scored, and compared with the others, with the names above the badges.
    mapped, slot_badges = [], set()
    for score, slot in slots:
        named, badges = _names_above_badges(kinds, texts, slot)
        if badges:
            slot_badges |= badges
            score = _slot_score([texts[i] for i in named], reply_targets)
        mapped.append((score, named))
    slots = mapped
    # A slot of one line word for word ("Avatar", an avatar's text over every reply's "bob →
    # alice") names no one: the page's own line, however many comments show it.
    slots = [(score, slot) for score, slot in slots if len(slot) < MIN_BLOCKS or Counter(
        _name_key(texts[i]) for i in slot).most_common(1)[0][1] < NAME_SLOT_SHARE * len(slot)
             ] or slots
    # A slot beside a marker few comments show (a time known by its form on nine comments of
    # fifty) may be named by "in reply to" more often, for its few lines, than the slot
    # beside a marker all comments show: it is no name slot for the page.
    widest = max(len(slot) for _, slot in slots)
    best_score, best = max(((score, slot) for score, slot in slots
                            if len(slot) >= REPEATED_SHARE * widest),
                           key=lambda scored: scored[0])
    best = _first_of_two_lines(best, [slot for score, slot in slots
                                      if score[0] >= best_score[0]], kinds, texts)
    # "JD" above "John Doe": an avatar's initials, the name the line under them.
    below = {i + 1 for i in best if i + 1 < len(kinds) and kinds[i + 1].kind == TEXT
             and _initials_of(texts[i], texts[i + 1])}
    initials = set()
    if len(below) >= NAME_SLOT_SHARE * len(best):
        initials, best = set(best), below
        slots = [(score, slot - initials) for score, slot in slots]
        # A name that opens with digits has them as its avatar ("6" above "67Mustang"), a
        # line read as a bare count: where the marker after the names follows.
        after = Counter(kinds[i + 1].key for i in best
                        if i + 1 < len(kinds) and kinds[i + 1].kind != TEXT).most_common(1)
        for i in range(len(kinds) - 2):
            if (after and kinds[i].kind == COUNT and texts[i].isdigit()
                    and kinds[i + 1].kind == TEXT
                    and texts[i + 1].startswith(texts[i]) and " " not in texts[i + 1]
                    and i + 1 not in best and kinds[i + 2].key == after[0][0]):
                initials.add(i)
                best = best | {i + 1}
    # The same names seen from another marker (after the footer instead of before the time)
    # add the ones that marker has no neighbour for, such as the first comment's.
    names = set(best)
    for _, slot in slots:
        if len(slot & best) >= NAME_SLOT_SHARE * min(len(slot), len(best)):
            names |= slot
    names |= _names_after_the_same_markers(kinds, texts, names, repeats)
    names, badges = _names_above_badges(kinds, texts, names)
    names, named_badges = _badges_under_replied_names(kinds, texts, names, reply_targets)
    badges |= named_badges
    names, badges_above = _badges_above_names(kinds, texts, names)
    badges |= badges_above
    # A line of the same words around a number that changes, right above a name of the best
    # slot, is no name of its own ("Weitere 3 Antworten laden" after the footer, where the
    # names seen from the footer stand); a name above a detail is ("alice", "Writes alice's
    # Newsletter" above the time).
    above_best = {i for i in names if i not in best and i + 1 in best and i + 1 in names}
    if above_best:
        # and so is the page's own line above the first comment's name ("Expand all"), and
        # such a line where one thread alone is cut ("Ver 140 respuestas"): a few words
        # around one number
        names -= above_best & (_numbered_lines(kinds, texts) | {min(names)}
                               | {i for i in above_best if _counted_label(texts[i])})
    # Seen from the footer, such a line is in the best slot itself, above a name of another
    # ("2 weitere Antworten anzeigen" above "alice", above the time).
    above_names = {i for i in names if i + 1 in names and i + 1 not in best}
    numbered = _numbered_lines(kinds, texts) if names else set()
    names -= above_names & numbered
    # Where no slot holds the name under it, the name is the line between it and the marker
    # that follows the names ("Показать ещё 3 ответа", "adsads", the time).
    follows = Counter(kinds[i + 1].key for i in names if i + 1 < len(kinds)).most_common(1)
    for i in sorted(names & numbered) if follows else ():
        if (i + 2 < len(kinds) and kinds[i + 1].kind == TEXT and i + 1 not in names
                and _name_like(texts[i + 1]) and kinds[i + 2].key == follows[0][0]):
            names = (names - {i}) | {i + 1}
    badges |= slot_badges
    # A slot after the footers takes the section's first line for the first comment's name,
    # as if a footer stood above it; page text may ("Sort by", "Newest first").
    first = _first_name(kinds, texts, names - {0}) if 0 in names else None
    if first and first not in names:
        names = (names - {0}) | {first}
    # A slot right above the names that lost to them (by what "in reply to" names) is an
    # avatar's initials: a detail.
    above = {i for _, slot in slots for i in slot
             if sum(j + 1 in best for j in slot) >= NAME_SLOT_SHARE * max(len(best), len(slot))}
    out = list(kinds)
    shown = _names_without_positions(_names_without_common_words(names, texts))
    # "bob 12 hours 9 mins ago" at (nearly) every name: the name and its comment's age
    timed = {i: _name_then_time(shown[i], None) for i in names}
    # (the slot's first and last lines may be the page's own: "Readers' comments", "Add your
    # comment")
    middle = sorted(names)[1:-1]
    if len(middle) < repeats or sum(timed[i][1] is not None for i in middle) < (
            NAME_SLOT_SHARE * len(middle)):
        timed = {i: (shown[i], None) for i in names}
    else:
        # The first comment's name line has its age too, under the page's own lines ("Add
        # your comment"), which the first name taken may be.
        first_timed = min(i for i, (_, time) in timed.items() if time is not None)
        for i in [i for i in names if i < first_timed and timed[i][1] is None]:
            j = i + 1
            while j < first_timed and out[j].kind in (TEXT, MORE) and timed.get(
                    j, (0, None))[1] is None:
                later = _name_then_time(texts[j], None) if out[j].kind == TEXT else (0, None)
                if later[1] is not None:
                    names = (names - {i}) | {j}
                    timed[j] = later
                    break
                j += 1
    for i in names:
        name, time = timed[i]
        out[i] = Marker(NAME, NAME, name=display_name(name), time_text=time and time.time_text,
                        created_at=time and time.created_at)
    for i in (_details(out, texts, repeats) | above | initials | badges) - names:
        out[i] = Marker(DETAIL, DETAIL)
    return out


_AT_POSITION = re.compile(r"(?P<name>\S.{0,49}?)\s+at\s+\d{1,2}:\d{2}(?::\d{2})?")


def _names_without_positions(shown: dict[int, str]) -> dict[int, str]:
    """Each name line's name without the place in a track or video its comment is pinned to
    ("alice at 1:23": SoundCloud), where MIN_BLOCKS name lines at least end so."""
    cut = {i: match.group("name") for i, text in shown.items()
           if (match := _AT_POSITION.fullmatch(text))}
    return {**shown, **cut} if len(cut) >= MIN_BLOCKS else shown


def _names_without_common_words(names: set[int], texts: Sequence[str]) -> dict[int, str]:
    """Each name line's name, past the words (numbers aside) that open nearly every one of
    them: "message 12: by alice" names alice. Only where what is left holds a letter on
    every line, so "Anonymous 1234" stays whole."""
    shown = {i: texts[i] for i in names}
    tokens = {i: texts[i].split() for i in names}
    if len(names) < MIN_BLOCKS:
        return shown
    shape = {i: [re.sub(r"\d+", "#", token) for token in tokens[i]] for i in names}
    width = 0
    while True:
        firsts = Counter(tuple(shape[i][:width + 1]) for i in names if len(shape[i]) > width + 1)
        top = firsts.most_common(1)
        if not top or top[0][1] < NAME_SLOT_SHARE * len(names):
            break
        width += 1
    if not width:
        return shown
    opening = Counter(tuple(shape[i][:width]) for i in names).most_common(1)[0][0]
    rest = {i: " ".join(tokens[i][width:]) for i in names if tuple(shape[i][:width]) == opening}
    if not all(any(ch.isalpha() for ch in name) for name in rest.values()):
        return shown
    return shown | rest


def _ranks_between_markers(kinds: list[Marker], texts: Sequence[str], repeats: int
                           ) -> list[Marker]:
    """``kinds`` with a forum profile's rank read as a detail: a line alone between two
    markers of the same kinds on every post ("积分" above and under "金牌会员", Discuz!'s),
    where the lines in that place are few values, each on several posts ("金牌会员",
    "论坛元老"). One-line comments between one comment's footer and the next one's header
    stand in a place of their own too, but say different things."""
    places: dict[tuple[str, str], list[int]] = {}
    for i in range(1, len(kinds) - 1):
        if (kinds[i].kind == TEXT and kinds[i - 1].kind != TEXT and kinds[i + 1].kind != TEXT
                and _name_like(texts[i])):
            places.setdefault((kinds[i - 1].key, kinds[i + 1].key), []).append(i)
    out = None
    for at in places.values():
        shown = Counter(texts[i] for i in at)
        if (len(at) < repeats or len(shown) > len(at) / MIN_BLOCKS
                or sum(n for n in shown.values() if n > 1) < NAME_SLOT_SHARE * len(at)):
            continue
        out = out or list(kinds)
        for i in at:
            out[i] = Marker(DETAIL, DETAIL)
    return out or kinds


def _names_after_a_place(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with the names read after the place a news site shows before them ("江苏南京网友
    alice": "netizen of Nanjing, Jiangsu", Sina's): where NAME_SLOT_SHARE of the name lines
    are two parts, the first ending in the same word (two characters at least) on every one,
    with MIN_BLOCKS different first parts, the name is the rest. Names of people share no
    ending so."""
    named = [i for i, m in enumerate(kinds) if m.kind == NAME and m.name]
    parts = {i: kinds[i].name.split(" ", 1) for i in named if " " in kinds[i].name}
    if len(parts) < MIN_BLOCKS or len(parts) < NAME_SLOT_SHARE * len(named):
        return kinds
    firsts = [first for first, _ in parts.values()]
    ending = os.path.commonprefix([first[::-1] for first in firsts])[::-1]
    if len(ending) < 2 or len(set(firsts)) < MIN_BLOCKS or ending in firsts:
        return kinds
    out = list(kinds)
    for i, (_, name) in parts.items():
        out[i] = Marker(NAME, NAME, name=display_name(name))
    # The first comment's name, with no footer above it, may have been taken from the page's
    # own lines above it ("网友评论", "已有51条评论"): the first line under them so shaped is.
    first = min(named)
    if first not in parts or not parts[first][0].endswith(ending):
        j = first + 1
        while j < len(kinds) and kinds[j].kind == TEXT and j <= first + MAX_PROFILE_LINES:
            head, _, name = texts[j].partition(" ")
            if name and head.endswith(ending) and _name_like(name):
                out[first], out[j] = _TEXT_MARKER, Marker(NAME, NAME, name=display_name(name))
                break
            j += 1
    return out


def _badges_under_replied_names(kinds: Sequence[Marker], texts: Sequence[str], names: set[int],
                                reply_targets: set[str]) -> tuple[set[int], set[int]]:
    """``names`` with a badge some names show under them given back to the name above it,
    where no footer stands above the names to tell ("alice", "话痨", then the time: Waline's
    level badge): a value of the slot that recurs, that no reply names, under a short text
    line that a reply names on one comment at least. Also the badges."""
    if not reply_targets:
        return names, set()
    values = Counter(_name_key(texts[i]) for i in names)
    under: dict[str, list[int]] = {}
    for i in names:
        value = _name_key(texts[i])
        if (values[value] > 1 and value not in reply_targets and i >= 1
                and kinds[i - 1].kind == TEXT and i - 1 not in names
                and _name_like(texts[i - 1])):
            under.setdefault(value, []).append(i)
    moved = {i for at in under.values()
             if any(_name_key(texts[i - 1]) in reply_targets for i in at) for i in at}
    return (names - moved) | {i - 1 for i in moved}, moved


def _badges_above_names(kinds: Sequence[Marker], texts: Sequence[str], names: set[int]
                        ) -> tuple[set[int], set[int]]:
    """``names`` with a badge some comments show above the name ("Avatar", "Unverified
    comment", "alice", then the body: FastComments') given up for the line under it, and
    those badges. A badge is a value of the name slot that recurs word for word on
    MIN_BLOCKS comments at least, REPEATED_SHARE of them at most, over a line shaped like a
    name (different names, TWO_COMMENT_BLOCKS of them at least names the slot holds on other
    comments) at NAME_SLOT_SHARE of its places, where under the slot's other values such a
    line opens the body on REPEATED_SHARE of them at most. (A poster's name over the reply
    line "bob adlı kullanıcıya yanıt" on each of their replies is no badge: no such line is
    a name elsewhere.)"""
    values = Counter(_name_key(texts[i]) for i in names)

    def named_below(i: int) -> bool:
        return (i + 1 < len(kinds) and kinds[i + 1].kind == TEXT and i + 1 not in names
                and _name_like(texts[i + 1]))

    moved: set[int] = set()
    for value, n in values.items():
        if not MIN_BLOCKS <= n <= REPEATED_SHARE * len(names):
            continue
        at = [i for i in names if _name_key(texts[i]) == value]
        below = [i for i in at if named_below(i)]
        others = [i for i in names if _name_key(texts[i]) != value]
        named_elsewhere = {_name_key(texts[i]) for i in others}
        if (len(below) >= NAME_SLOT_SHARE * len(at)
                and len({_name_key(texts[i + 1]) for i in below}) > 1
                and sum(_name_key(texts[i + 1]) in named_elsewhere
                        for i in below) >= TWO_COMMENT_BLOCKS
                and sum(map(named_below, others)) <= REPEATED_SHARE * len(others)):
            moved.update(below)
    return (names - moved) | {i + 1 for i in moved}, moved


def _names_above_badges(kinds: Sequence[Marker], texts: Sequence[str], names: set[int]
                        ) -> tuple[set[int], set[int]]:
    """``names`` with a badge some comments show under the name ("TannedCroissant",
    "Verified", then the time) given back to the line above it, and those badges. The slot
    beside the time holds the badge there; but where the names follow the comment above's
    last marker, the line between that marker and the badge is the name, and a badge is no
    one's name elsewhere on the page and recurs word for word ("Verified", "Editor"), where
    names differ. An avatar's initials or its text ("Avatar of alice") above a name are not
    names (see :func:`_find_names`)."""
    # "Visa 5 fler svar" in words no list knows stands where a thread is cut, as "View 5
    # more replies" does
    numbered = _numbered_lines(kinds, texts)

    def key_before(j: int) -> str | None:
        j -= 1
        while j >= 0 and (kinds[j].kind == MORE or j in numbered):
            j -= 1
        return kinds[j].key if j >= 0 else None

    before = Counter(key for j in names if (key := key_before(j)) not in (None, TEXT))
    # The comment above's last marker: a count, or the button above it where the count is
    # hidden at zero.
    footer_ends = {key for key, n in before.items() if n >= 2}
    seen = sum(before[key] for key in footer_ends)

    def name_above(j: int) -> int:
        """The line above ``j`` or, past one more badge line, the one above that
        ("alice", "Expert", "Economist", then the time)."""
        k = j - 1
        if (k >= 1 and kinds[k - 1].kind == TEXT and k not in names
                and k - 1 not in numbered and _name_like(texts[k - 1])
                and key_before(k - 1) in footer_ends):
            return k - 1
        return k

    under = [j for j in names
             if j >= 1 and j - 1 not in names and kinds[j - 1].kind == TEXT
             and j - 1 not in numbered and not _counted_label(texts[j - 1])
             and _name_like(texts[j - 1]) and not _initials_of(texts[j - 1], texts[j])
             and not _holds_name(texts[j - 1], texts[j])]
    above = {j: name_above(j) for j in under}
    pairs = [j for j in under if key_before(above[j]) in footer_ends]
    if not pairs or seen < NAME_SLOT_SHARE * (len(names) - len(pairs)):
        return names, set()
    # The badge is the line right under the name ("Expert" above "Economist").
    elsewhere = {_name_key(texts[j]) for j in names - set(under)}
    badges = [_name_key(texts[above[j] + 1]) for j in pairs]
    if any(badge in elsewhere for badge in badges) or len(set(badges)) == len(badges):
        return names, set()
    # The first comment's name has page text above it ("Start a discussion"), not a footer.
    pairs = [j for j in under if _name_key(texts[above[j] + 1]) in badges]
    return ((names - set(pairs)) | {above[j] for j in pairs},
            set(pairs) | {k for j in pairs for k in range(above[j] + 1, j)})


_SCORE_AFTER_NAME = re.compile(r"(?P<name>\S.*?)\s+\(?(?P<score>\d[\d,.]*[^\W\d_]{0,2})\)?")


def _names_without_scores(kinds: list[Marker]) -> list[Marker]:
    """``kinds`` with the author lines' names cut before a score the page shows after them
    ("alice 216p · 3 weeks ago": IntenseDebate's reputation points), where MIN_BLOCKS names
    at least end so, with two scores at least, each person with one score: "Anonymous 1234"
    and "Anonymous 5678" are two people, whom the number tells apart."""
    scored = {i: match for i, m in enumerate(kinds)
              if m.kind == AUTHOR and m.name and (match := _SCORE_AFTER_NAME.fullmatch(m.name))}
    if (len(scored) < MIN_BLOCKS or len({match["score"] for match in scored.values()}) < 2
            or len({match["name"] for match in scored.values()})
            < len({match[0] for match in scored.values()})):
        return kinds
    out = list(kinds)
    for i, match in scored.items():
        m = kinds[i]
        out[i] = Marker(m.kind, m.key, match["name"], m.time_text, m.created_at, m.likes,
                        m.number, m.author, m.words)
    return out


def _names_without_a_label(kinds: list[Marker]) -> list[Marker]:
    """``kinds`` with a label that opens the author lines' names cut off ("by alice - Friday,
    14 October 2016, 9:24 AM": Moodle's; "von bob · vor 3 Stunden"): one lower-case word
    before REPEATED_SHARE of MIN_BLOCKS names at least, the rest of each a name, and the
    rests differ. "Anonymous 1234" opens with a capital, and is a name whole."""
    named = [i for i, m in enumerate(kinds) if m.kind == AUTHOR and m.name and " " in m.name]
    if len(named) < MIN_BLOCKS:
        return kinds
    first = Counter(kinds[i].name.split(" ", 1)[0] for i in named)
    label, seen = first.most_common(1)[0]
    if not (label.isalpha() and label.islower() and seen >= MIN_BLOCKS
            and seen >= REPEATED_SHARE * sum(m.kind == AUTHOR for m in kinds)):
        return kinds
    rests = {i: kinds[i].name.split(" ", 1)[1] for i in named
             if kinds[i].name.split(" ", 1)[0] == label}
    if not all(_name_like(rest) for rest in rests.values()) or not _names_differ(
            list(rests.values())):
        return kinds
    out = list(kinds)
    for i, rest in rests.items():
        m = kinds[i]
        out[i] = Marker(m.kind, m.key, display_name(rest), m.time_text, m.created_at, m.likes,
                        m.number, m.author, m.words)
    return out


_HANDLE_SCORE_TIME = re.compile(
    r"(?P<name>[^\s\d+−-]\S{0,39})\s+(?P<score>[+−-]?\d[\d,]{0,8})\s+(?P<unit>[^\W\d_]{1,12})"
    r"\s+(?P<sep>[:·•|–—])\s+(?P<rest>\S.{0,40})")


def _handles_with_scores_and_times(kinds: list[Marker], texts: Sequence[str],
                                   day_first: bool | None) -> list[Marker]:
    """``kinds`` with "alice 12 pts : 18h via Android" read as author lines (Imgur's header:
    a handle, its score in points, a separator, the age): a handle of one word, a number with
    a word, a separator and a time known by its form (perhaps with one or two words after it,
    where the comment was posted from), on MIN_BLOCKS lines at least that share the separator
    and the score's word (or its singular, "1 pt"), with names that differ. A sentence shaped
    so once ("Team 2 wins : today") does not recur under many names."""
    found: dict[tuple[str, str], list[tuple[int, str, int, Marker]]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        if m.kind != TEXT or len(text) > 2 * MAX_LEARNED_CHARS:
            continue
        match = _HANDLE_SCORE_TIME.fullmatch(text)
        if match is None or not _name_like(match["name"]):
            continue
        rest = match["rest"].split()
        time = next((stamp for k in (0, 1, 2) if len(rest) > k
                     and not any(ch.isdigit() for ch in " ".join(rest[len(rest) - k:]))
                     and (stamp := _time_marker(" ".join(rest[:len(rest) - k]), day_first))),
                    None)
        if time is None:
            continue
        score = int(match["score"].replace("−", "-").replace(",", ""))
        found.setdefault((match["sep"], match["unit"].casefold()), []).append(
            (i, match["name"], score, time))
    # "1 pt" beside "12 pts": a unit and its plural are one
    for sep, unit in sorted(found, key=lambda key: len(key[1])):
        plural = next((other for other in found if other[0] == sep and other[1] != unit
                       and other[1].startswith(unit) and len(other[1]) - len(unit) <= 2), None)
        if plural is not None:
            found[plural] += found.pop((sep, unit))
    if not found:
        return kinds
    at = max(found.values(), key=len)
    if len(at) < MIN_BLOCKS or not _names_differ([name for _, name, _, _ in at]):
        return kinds
    out = list(kinds)
    for i, name, score, time in at:
        out[i] = Marker(AUTHOR, AUTHOR + ":time", name=display_name(name),
                        time_text=time.time_text, created_at=time.created_at, likes=score)
    return out


def _names_before_times(kinds: list[Marker], texts: Sequence[str], day_first: bool | None
                        ) -> list[Marker]:
    """``kinds`` with "alice 3h" and "bob Oct 14, 2016" read as author lines (Livefyre's
    header: the name, a space, the time): one to three words, then a time known by its form
    without a clock (which "alice Oct 14th 2016, 02:24" has, and is read by its form), on
    MIN_BLOCKS lines at least whose names differ, NAME_SLOT_SHARE of them right under a
    marker. "I left 3h" once, or "Posted Oct 14, 2016" under every comment, is no such
    column. A word after several one-word names alike is their badge ("xFoe Moderator 3h"),
    no part of them."""
    # "bob in reply to alice 16 hours ago" on the replies: the roots' "alice 18 hours ago" is
    # the same header without the reply, which the name search reads beside them.
    if any(m.kind == REPLY_TO and m.author for m in kinds):
        return kinds
    def name_and_time(text: str) -> tuple[str, Marker] | None:
        words = text.split(" ")
        for k in range(1, min(3, len(words) - 1) + 1):
            name = " ".join(words[:k])
            time = _time_marker(" ".join(words[k:]), day_first)
            if time is not None:
                # "alice • Monday 9 March 2020": a separator is no name's word; such a line is
                # read by its form, or learned from its repeats
                # ("67Mustang-Man" is a handle; "12 replies" a count)
                if (_name_like(name) and not _DIGITS.fullmatch(words[0])
                        and all(any(ch.isalnum() for ch in word) for word in words[:k])):
                    return name, time
                return None
        return None

    candidates = [i for i, (m, text) in enumerate(zip(kinds, texts, strict=True))
                  if m.kind == TEXT and len(text) <= 2 * MAX_LEARNED_CHARS and " " in text]
    # Lines under a marker first: on a page without them (most plain pages) no column can
    # form, and the lines among text need not be tried at all.
    under_marker = {i for i in candidates if kinds[i - 1].kind != TEXT}
    found: dict[int, tuple[str, Marker]] = {}
    for i in under_marker:
        if (read := name_and_time(texts[i])) is not None:
            found[i] = read
    if len(found) + 1 < MIN_BLOCKS:
        return kinds
    for i in candidates:
        if i not in under_marker and (read := name_and_time(texts[i])) is not None:
            found[i] = read
    found = dict(sorted(found.items()))
    # Where comments open with such a line, it stands under the comment above's last marker
    # ("Share"), the first under the page's own text; a sentence ending in an age ("Had 4
    # yesterday") stands among a comment's text.
    first = min(found, default=0)
    placed = {i: found[i] for i in found if i == first or kinds[i - 1].kind != TEXT}
    if (len(placed) < MIN_BLOCKS or len(placed) < NAME_SLOT_SHARE * len(found)
            or not _names_differ([name for name, _ in placed.values()])):
        return kinds
    found = placed
    after = Counter(name.split(" ")[1] for name, _ in found.values() if name.count(" ") == 1)
    firsts: dict[str, set[str]] = {}
    for name, _ in found.values():
        if name.count(" ") == 1:
            firsts.setdefault(name.split(" ")[1], set()).add(name.split(" ")[0])
    badges = {word for word, seen in after.items() if seen >= MIN_BLOCKS and len(firsts[word]) > 1
              and word.isalpha() and word[0].isupper()}
    out = list(kinds)
    for i, (name, time) in found.items():
        first, _, last = name.partition(" ")
        out[i] = Marker(AUTHOR, AUTHOR + ":time", name=display_name(
            first if last in badges else name), time_text=time.time_text,
            created_at=time.created_at)
    return out


# A header whose cells the copy keeps apart by wide gaps or tabs, not by a sign: "alice   2015-08-17
# 08:45:51 +00:00   via Android   ♥ 14" (V2EX), "bob\t3 hours ago\tReply".
_CELLS = re.compile(r"\s*[·•|]\s*|\s{2,}|\t")


def _names_and_times_in_cells(kinds: list[Marker], texts: Sequence[str], day_first: bool | None
                              ) -> list[Marker]:
    """``kinds`` with "NAME   TIME   ..." read as author lines: a name in the first cell, a time
    known by its form in the second, and after them only counts, actions and cells that recur
    on MIN_BLOCKS of these lines ("via Android"), on MIN_BLOCKS lines at least whose names
    differ, NAME_SLOT_SHARE of them right under a marker or the first of them. A sentence's
    wide gap before a date ("Meet me  March 9, 2020") names nobody a second time under a
    marker."""
    if not any("  " in text or "\t" in text for text in texts):
        return kinds
    found: dict[int, tuple[str, Marker, list[str]]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        if m.kind != TEXT or len(text) > 3 * MAX_LEARNED_CHARS:
            continue
        cells = [cell for cell in _CELLS.split(text.strip()) if cell]
        if len(cells) < 2 or not _name_like(cells[0]) or _DIGITS.fullmatch(cells[0]):
            continue
        if _time_marker(cells[0], day_first) is not None:
            continue
        time = _time_marker(cells[1], day_first)
        if time is not None:
            found[i] = (cells[0], time, cells[2:])
    if len(found) < MIN_BLOCKS:
        return kinds
    recurring = Counter(cell for _, _, extras in found.values() for cell in set(extras))

    def likes_of(extras: list[str]) -> tuple[bool, int | None]:
        likes = None
        for cell in extras:
            count = _likes_in(cell)
            if count is None and (reactions := _reactions_marker(cell)) is not None:
                count = reactions.likes
            if count is not None:
                likes = count if likes is None else likes
            elif not (_ACTION.fullmatch(cell) or recurring[cell] >= MIN_BLOCKS):
                return False, None
        return True, likes

    read = {}
    for i, (name, time, extras) in found.items():
        fits, likes = likes_of(extras)
        if fits:
            read[i] = (name, time, likes)
    first = min(read, default=0)
    placed = {i: read[i] for i in read if i == first or kinds[i - 1].kind != TEXT}
    if (len(placed) < MIN_BLOCKS or len(placed) < NAME_SLOT_SHARE * len(read)
            or not _names_differ([name for name, _, _ in placed.values()])):
        return kinds
    out = list(kinds)
    for i, (name, time, likes) in placed.items():
        out[i] = Marker(AUTHOR, AUTHOR + ":time", name=display_name(name),
                        time_text=time.time_text, created_at=time.created_at, likes=likes)
    return out


_LABELLED_NUMBER = re.compile(r"(?P<label>[^\W\d_]{2,20})\s*#?\s*(?P<number>\d{1,6})")


def _numbers_before_times(kinds: list[Marker]) -> list[Marker]:
    """``kinds`` with "Comment 12 • 2015-08-17 08:45:51 UTC" read as the comment's number and
    time, not as an author "Comment 12": where MIN_BLOCKS author lines at least name one
    word and a number, the same word on NAME_SLOT_SHARE of them and the numbers apart. Such
    a label numbers the comments (Bugzilla); the poster's name stands elsewhere."""
    dated = [i for i, m in enumerate(kinds) if m.key == AUTHOR + ":time" and m.name]
    labelled = {i: match for i in dated
                if (match := _LABELLED_NUMBER.fullmatch(kinds[i].name)) is not None}
    if len(labelled) < MIN_BLOCKS or len(labelled) < NAME_SLOT_SHARE * len(dated):
        return kinds
    labels = Counter(match["label"].casefold() for match in labelled.values())
    label, n = labels.most_common(1)[0]
    numbers = {match["number"] for match in labelled.values()}
    if n < NAME_SLOT_SHARE * len(dated) or len(numbers) < NAME_SLOT_SHARE * n:
        return kinds
    out = list(kinds)
    for i, match in labelled.items():
        if match["label"].casefold() == label:
            out[i] = Marker(TIME, TIME, time_text=kinds[i].time_text,
                            created_at=kinds[i].created_at)
    return out


def _counts_at_zero(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with a count's word alone ("नापसंद" where other comments show "नापसंद 7",
    "Dislike" beside "Dislike 3") read as that count at zero: the page leaves the number
    out where there is none. Only right under a marker, as the counts with a number stand,
    and only the words of counts read by their form at MIN_BLOCKS places at least."""
    words: dict[str, Marker] = {}
    seen: Counter[str] = Counter()
    for m, text in zip(kinds, texts, strict=True):
        if m.kind == COUNT:
            word = _DIGITS.sub("", text).strip(" ()[]:·")
            if word and not any(ch.isdigit() for ch in word):
                seen[word] += 1
                words[word] = m
    out = list(kinds)
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        count = words.get(text)
        if (m.kind == TEXT and count is not None and seen[text] >= MIN_BLOCKS and i > 0
                and kinds[i - 1].kind != TEXT):
            out[i] = Marker(COUNT, count.key, likes=0 if count.likes is not None else None)
    return out


_SHORT_DATE = re.compile(r"(?P<first>\d{1,2})(?P<sep>[/.])(?P<second_part>\d{1,2})(?P=sep)"
                         r"(?P<year>\d{2})")


def _short_dates(kinds: list[Marker], texts: Sequence[str], day_first: bool | None
                 ) -> list[Marker]:
    """``kinds`` with "10/14/16" lines read as dates where the page shows MIN_BLOCKS of them
    at least, on two days at least, each a real date in the page's order of day and month:
    alone, such a line may be a ratio or a score, which does not recur as a column of dates
    does."""
    found = {i: match for i, (m, text) in enumerate(zip(kinds, texts, strict=True))
             if m.kind == TEXT and len(text) <= 8 and (match := _SHORT_DATE.fullmatch(text))}
    if len(found) < MIN_BLOCKS or len({texts[i] for i in found}) < 2:
        return _months_and_days(kinds, texts)
    read = {i: _iso(match, day_first) for i, match in found.items()}
    if not all(read.values()):
        return kinds
    out = list(kinds)
    for i, created_at in read.items():
        out[i] = Marker(TIME, TIME, time_text=texts[i], created_at=created_at)
    return out


_MONTH_AND_DAY = re.compile(r"(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])")


def _months_and_days(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with "03-09" lines read as dates of this year, without it (Xiaohongshu's and
    Bilibili's), where MIN_BLOCKS lines show such a date, on two days at least: alone,
    "10-14" may be a score."""
    return _times_in_a_column(kinds, texts, lambda text: len(text) == 5 and bool(
        _MONTH_AND_DAY.fullmatch(text)))


def _times_in_a_column(kinds: list[Marker], texts: Sequence[str],
                       shaped: Callable[[str], bool]) -> list[Marker]:
    """``kinds`` with the text lines ``shaped`` as a time read as times, where MIN_BLOCKS of
    them at least show two values at least: a column of times, not one score."""
    found = [i for i, (m, text) in enumerate(zip(kinds, texts, strict=True))
             if m.kind == TEXT and shaped(text)]
    if len(found) < MIN_BLOCKS or len({texts[i] for i in found}) < 2:
        return kinds
    out = list(kinds)
    for i in found:
        out[i] = Marker(TIME, TIME, time_text=texts[i])
    return out


_BRACKETED_NOTE = re.compile(r"[(\[][^()\[\]\d]{1,30}[)\]]")


def _bracketed_notes(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with a note in brackets under a header marker read as a detail of the header
    ("(düzenlendi)", "[bearbeitet]": edited, in words no list here knows): one to three words,
    the same at MIN_BLOCKS places at least, each right under a marker and over text at
    NAME_SLOT_SHARE of them. A comment "(sigh)" now and then stands anywhere."""
    at: dict[str, list[int]] = {}
    for i, (m, text) in enumerate(zip(kinds, texts, strict=True)):
        if m.kind == TEXT and len(text.split()) <= 3 and _BRACKETED_NOTE.fullmatch(text):
            at.setdefault(text, []).append(i)
    out = list(kinds)
    for where in at.values():
        placed = [i for i in where if 0 < i < len(kinds) - 1
                  and kinds[i - 1].kind not in (TEXT, MORE)
                  and kinds[i + 1].kind in (TEXT, REPLY_TO)]
        if len(placed) >= MIN_BLOCKS and len(placed) >= NAME_SLOT_SHARE * len(where):
            for i in placed:
                out[i] = Marker(DETAIL, DETAIL + ":note")
    return out


_BARE_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d")


DAY_DIVIDER = TIME + ":day"


def _day_dividers(kinds: list[Marker]) -> list[Marker]:
    """``kinds`` with a chat's day dividers ("Aug 17, 2015" where the day changes, over the
    first message of the day) keyed apart from the messages' clocks ("8:45 AM"): a day
    without a clock with a clock alone at most DIVIDER_REACH lines under it, on a page whose
    messages show MIN_BLOCKS clocks alone at least. A divider stands where the day changes,
    on some messages only; counted as their time, it would be a marker shown more often
    than the messages, and a line above a name where the page's names stand under text."""
    clocks = {i for i, m in enumerate(kinds) if m.kind == TIME and _is_clock_alone(m.time_text)}
    if len(clocks) < MIN_BLOCKS:
        return kinds
    out = list(kinds)
    for i, m in enumerate(kinds):
        if (m.kind == TIME and m.key == TIME and m.created_at and "T" not in m.created_at
                and m.time_text and not _CLOCK_IN.search(m.time_text)
                and any(j in clocks for j in range(i + 1, i + 1 + DIVIDER_REACH))):
            out[i] = Marker(TIME, DAY_DIVIDER, time_text=m.time_text, created_at=m.created_at)
    return out


DIVIDER_REACH = 3
"""A day divider's first message shows its name, and maybe a badge, before its clock."""


def _is_clock_alone(text: str | None) -> bool:
    """"8:45 AM", "14:05": a time of day with no day."""
    return text is not None and (_CLOCK_ALONE.fullmatch(text) is not None
                                 or _BARE_CLOCK.fullmatch(text) is not None)


def _bare_clocks(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with "14:05" lines read as times (today's, as a chat shows them) where the
    page shows MIN_BLOCKS of them at least, at two times at least: alone, such a line may be
    a score or a verse, which does not recur as a column of clocks does."""
    return _times_in_a_column(kinds, texts, lambda text: bool(_BARE_CLOCK.fullmatch(text)))


_LIKE_SYMBOL_ALONE = re.compile(r"[♥♡❤👍]\ufe0f?")


def _bare_like_symbols(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with a like button's symbol alone ("♥", where others show "♥ 12") read as a
    like count of 0 where it stands between two buttons ("Reply", "Share"), on MIN_BLOCKS
    lines at least: there it is a widget with no count, where a comment of one heart stands
    under its header."""
    found = [i for i in range(1, len(kinds) - 1)
             if kinds[i].kind == TEXT and _LIKE_SYMBOL_ALONE.fullmatch(texts[i])
             and kinds[i - 1].kind == ACTION and kinds[i + 1].kind == ACTION]
    if len(found) < MIN_BLOCKS:
        return kinds
    out = list(kinds)
    for i in found:
        out[i] = Marker(COUNT, COUNT, likes=0)
    return out


def _avatar_initials(kinds: list[Marker], texts: Sequence[str]) -> list[Marker]:
    """``kinds`` with avatars' initials marked DETAIL where only some comments show them
    ("S" above "StanGibson18" for a member without a picture): lines of one to three
    capitals right above a short line they are the initials of (:func:`_initials_of`), which
    stands right above a marker (or above a rank or two, then a marker), on MIN_BLOCKS
    comments at least and at NAME_SLOT_SHARE of
    the lines of capitals above a text line. Where every comment shows them, the name
    search finds them beside the names (:func:`_find_names`)."""
    capitals = [i for i in range(len(kinds) - 2) if kinds[i].kind == TEXT
                and kinds[i + 1].kind == TEXT and 0 < len(texts[i]) <= 3
                and texts[i].isalpha() and texts[i].isupper()]
    if len(capitals) < MIN_BLOCKS:
        return kinds
    found = [i for i in capitals if _initials_of(texts[i], texts[i + 1])
             and _name_like(texts[i + 1]) and _short_run_to_a_marker(kinds, texts, i + 2)]
    if len(found) >= NAME_SLOT_SHARE * _most_recurring(kinds):
        # on (nearly) every comment: the name search takes them, and a rank under the
        # name is told from the name there
        found = [i for i in found if kinds[i + 2].kind != TEXT]
    if len(found) < MIN_BLOCKS or len(found) < NAME_SLOT_SHARE * len(capitals):
        return kinds
    out = list(kinds)
    for i in found:
        out[i] = Marker(DETAIL, DETAIL + ":initials")
    return out


def _short_run_to_a_marker(kinds: Sequence[Marker], texts: Sequence[str], i: int) -> bool:
    """Whether a marker stands at ``i``, or under fewer than MAX_PROFILE_LINES short text
    lines from ``i`` (a forum's rank under the name: "Well-known member")."""
    for j in range(i, min(i + MAX_PROFILE_LINES, len(kinds))):
        if kinds[j].kind != TEXT:
            return True
        if len(texts[j]) > MAX_PROFILE_CHARS:
            return False
    return False


def _initials_of(short: str, name: str) -> bool:
    """Whether ``short`` is an avatar's initials for ``name`` ("JD" for "John Doe", "GT" for
    "gold_tie", "MM" for "67Mustang-Man"): one to three capitals, the first the name's first
    letter, the others letters of the name in order."""
    if not (0 < len(short) <= 3 and short.isalpha() and short.isupper()) or short == name:
        return False
    letters = [ch for ch in name.casefold() if ch.isalpha()]
    if not letters or letters[0] != short[0].casefold():
        return False
    position = 1
    for ch in short[1:].casefold():
        try:
            position = letters.index(ch, position) + 1
        except ValueError:
            return False
    return True


def _names_another_slot(slot: set[int], other: set[int], texts: Sequence[str]) -> bool:
    """Whether most of ``slot``'s lines are one of ``other``'s lines with the same one to
    three words before or after it ("Antwort auf alice" where "alice" is a line of
    ``other``)."""
    keys = {_name_key(texts[i]) for i in other}
    prefixes: Counter = Counter()
    for i in slot:
        if i in other:
            continue  # the same line seen from another marker ("alice (Leeds)"): no marker
        # "Avatar of alice" right above "alice" names the comment's own author.
        own = {_name_key(texts[j]) for j in (i - 1, i + 1) if j in other}
        for prefix, tail in _name_beside_fixed_words(texts[i]):
            if _name_key(tail) in keys and _name_key(tail) not in own:
                prefixes[prefix] += 1
                break
    named = sum(prefixes.values())
    return (named >= REPEATED_SHARE * len(slot)
            and prefixes.most_common(1)[0][1] >= NAME_SLOT_SHARE * named)


def _first_of_two_lines(best: set[int], slots: Sequence[set[int]], kinds: Sequence[Marker],
                        texts: Sequence[str]) -> set[int]:
    """Of two slots that stand one just after the other at nearly every comment ("NAME",
    "London", "March 9, 2020"), or with one text line between them, the first: comment
    systems put the name above a detail.
    ``slots`` holds only those that "in reply to" markers name as often as ``best``: where
    they name the second line ("J", "johnnwho", "@johnnwho" on replies), the first is an
    avatar's initials, not the name. Where the first line holds the second in its words
    ("Avatar of alice" above "alice": an image's text), the second is the name."""
    for apart in (1, 2):
        for slot in slots:
            # Two apart, with a text line between: "alice", "• 2nd", "Data analyst", "3d".
            pairs = [i for i in best if i - apart in slot
                     and (apart == 1 or kinds[i - 1].kind == TEXT)]
            if len(pairs) < NAME_SLOT_SHARE * max(len(best), len(slot)):
                continue
            holds = sum(_holds_name(texts[i - apart], texts[i]) for i in pairs)
            if holds < NAME_SLOT_SHARE * len(pairs):
                return slot
    return best


def _holds_name(line: str, name: str) -> bool:
    """Whether ``line`` is more than ``name`` and holds it as whole words."""
    key = _name_key(name)
    words = re.findall(r"[\w'@.-]+", line.casefold())
    return bool(key) and key != _name_key(line) and any(
        " ".join(words[k:k + len(key.split())]).removesuffix("'s") == key
        for k in range(len(words)))


def _names_after_the_same_markers(kinds: Sequence[Marker], texts: Sequence[str],
                                  names: set[int], repeats: int) -> set[int]:
    """The name lines no slot found because they are glued to their body: where the names
    found follow the previous comment's footer (its last marker, whichever it is: "Like ·
    Reply", or a like count shown only when there are likes), every text line after such a
    marker is a name, and so is the section's first line. On a page where only replies carry
    a marker ("in response to NAME") between name and body, the roots' names are these."""
    before = Counter(key for j in names if (key := _key_before(kinds, j)) not in (None, TEXT))
    footer_ends = {key for key, n in before.items() if n >= repeats}
    # The section's first name has no footer above it.
    if not footer_ends or sum(before.values()) < NAME_SLOT_SHARE * len(names - {0}):
        return set()
    extra = [j for j in range(1, len(kinds)) if j not in names and kinds[j].kind == TEXT
             and _key_before(kinds, j) in footer_ends]
    first = _first_name(kinds, texts, names)
    if first is not None and first not in names:
        extra.append(first)
    # The evidence is the names found; these lines need only look like names, each of them
    # when they are few.
    if not extra or sum(_name_like(texts[j]) for j in extra) < NAME_SLOT_SHARE * len(extra):
        return set()
    return {j for j in extra if _name_like(texts[j])}


def _first_name(kinds: Sequence[Marker], texts: Sequence[str], names: set[int]) -> int | None:
    """The first comment's name line, which has no footer above it: the line above the first
    comment's first header marker (one that follows the names found), past a badge
    some names show under them ("Verified"), or where no such marker stands above the first
    name found, the section's first line. Page text may stand above the first comment ("Sort
    by", "Newest first")."""
    # Replies may show "in reply to" under the name where the first comment, which answers
    # nobody, shows its time: the markers in a row under the names, up to two.
    under_names: Counter = Counter()
    for j in names:
        for k in (j + 1, j + 2):
            if k >= len(kinds) or kinds[k].kind == TEXT:
                break
            under_names[kinds[k].key] += 1
    after = {key for key, n in under_names.items() if n >= 2}
    if after and names:
        headers = [i for i in range(min(names)) if kinds[i].key in after]
        if headers:
            under = Counter(texts[j + 1] for j in names
                            if j + 1 < len(kinds) and kinds[j + 1].kind == TEXT)
            k = headers[0] - 1
            while k > 0 and kinds[k].kind == TEXT and under[texts[k]] >= 2:
                k -= 1
            if k >= 0 and kinds[k].kind == TEXT:
                return k
    # Past the page's "more comments" lines ("51 Comments", "Sort by") and its text that no
    # name is shaped like ("Add a comment..."), the first line shaped like a name with text
    # under it.
    start = 0
    while start < len(kinds) and kinds[start].kind == MORE:
        start += 1
    if start == len(kinds) or kinds[start].kind != TEXT:
        return None
    end = start
    while end < len(kinds) and kinds[end].kind == TEXT:
        end += 1
    return next((k for k in range(start, end - 1) if _name_like(texts[k])), start)


def _key_before(kinds: Sequence[Marker], j: int) -> str | None:
    """The key of the line before ``j``, past any "View 2 more replies" lines, which stand
    between comments wherever a thread is cut; None at the section's start."""
    j -= 1
    while j >= 0 and kinds[j].kind == MORE:
        j -= 1
    return kinds[j].key if j >= 0 else None


def _slot_score(values: Sequence[str], reply_targets: set[str]) -> tuple[float, float, int]:
    """How name-like a slot's lines are, as a whole: how many are named by "in reply to"
    markers, how often they repeat (people comment more than once), how short they are. A
    button that counts ("Pokaż odpowiedzi (1)") repeats too, and is no one's name."""
    keys = [_name_key(v) for v in values if not _counted_label(v)] or [""]
    targets = sum(k in reply_targets for k in keys) / len(keys) if reply_targets else 0.0
    repeats = (1 - len(set(keys)) / len(keys)) * len(keys) / len(values)
    median = sorted(len(v) for v in values)[len(values) // 2]
    return targets, repeats, -median


def _name_slot(kinds: Sequence[Marker], texts: Sequence[str], at: Sequence[int],
               side: int, repeats: int) -> list[int] | None:
    """The lines next to the markers at ``at`` on ``side`` (-1 before, 1 after) when they
    form a display-name slot, else None."""
    hits, alone, glued = [], 0, 0
    judged = named = after_same = 0
    if side > 0:
        # The section's start stands where the footer before the first comment would be.
        at = [-1, *at]
    for k, i in enumerate(at):
        j = i + side
        while side > 0 and j < len(kinds) and kinds[j].kind == MORE:
            j += 1  # "View 2 more replies" stands between a footer and the next name
        while side < 0 and j > 0 and kinds[j].key == DETAIL + ":badge":
            j -= 1  # "Subscriber" between some names and their time
        if 0 <= j < len(kinds) and kinds[j].author is not None:
            named += 1  # "bob replied to alice": this comment's name stands in that line
            continue
        if not 0 <= j < len(kinds) or kinds[j].kind != TEXT:
            continue
        hits.append(j)
        run = 1
        while 0 <= j + side * run < len(kinds) and kinds[j + side * run].kind == TEXT:
            run += 1
        # The first comment's name has nothing before it, the last one's nothing after.
        edge = (side < 0 and k == 0) or (side > 0 and k == len(at) - 1)
        if edge:
            continue
        judged += 1
        footless = side < 0 and _under_a_response(kinds, j - run + 1)
        alone += run == 1 or footless or _name_with_detail(kinds, texts, j, run, side)
        glued += run >= 2 and not footless
        # (a line alone right after the previous comment's own marker of this kind is a
        # one-line text between two times, no name)
        after_same += side < 0 and run == 1 and j - 1 >= 0 and kinds[j - 1].key == kinds[i].key
    # The marker at the section's far end may have no name beside it.
    if (len(hits) + named < NAME_SLOT_SHARE * (len(at) - 1) or len(hits) + named < repeats
            or not hits or not judged):
        return None
    # Where a comment's footer is hidden at zero ("👍 3" only when liked), the next name
    # follows its text: alone on most comments, glued to the text above on the rest. Such a
    # name heads its comment: the marker beside it is the last before the body. (A time under
    # the body has the body's last line above it, alone where the body is one line.)
    # Where the name signs its comment under the text, over the time (Ekşi Sözlük's "text,
    # alice, 09.03.2020 19:17"), a count shown on some comments stands between: the name is
    # glued to the text above on the rest. Alone, it follows such a count, never the time of
    # the comment above as a one-line text would.
    signed = (side < 0 and alone + glued >= NAME_SLOT_SHARE * judged
              and min(alone, glued) >= repeats and after_same < MIN_BLOCKS)
    if max(alone, glued) < NAME_SLOT_SHARE * judged and not signed and (
            alone < MOSTLY_ALONE * judged or side > 0
            or sum(_body_follows(kinds, i) for i in at) < NAME_SLOT_SHARE * len(at)):
        return None
    if sum(_name_like(texts[j]) for j in hits) < NAME_SLOT_SHARE * len(hits):
        return None
    return [j for j in hits if _name_like(texts[j])]


def _body_follows(kinds: Sequence[Marker], i: int) -> bool:
    """Whether text follows the marker at ``i``, past details ("Edited")."""
    j = i + 1
    while j < len(kinds) and kinds[j].kind == DETAIL:
        j += 1
    return j < len(kinds) and kinds[j].kind == TEXT


def _under_a_response(kinds: Sequence[Marker], start: int) -> bool:
    """Whether the run of text from ``start`` is a response's ("Reply from Northwind Ltd",
    printed under a review with no footer of its own), so that the next comment's name ends
    the run rather than standing alone after a footer."""
    k = start - 1
    while k >= 0 and kinds[k].kind != TEXT:
        if _is_response(kinds[k]):
            return True
        k -= 1
    return False


_BEFORE_BODY = (TIME, REPLY_TO)
"""Header markers that stand between the name (and its detail) and the body."""


def _name_with_detail(kinds: Sequence[Marker], texts: Sequence[str], j: int, run: int,
                      side: int) -> bool:
    """Whether the run of text after a marker that starts at ``j`` is a name with one or two
    detail lines under it ("Alice Smith", "London"; "alice", "Expert", "Economist") right
    before a time or "in reply to" marker: a header shown on some comments only, which
    counts as a name alone. Seen from the time (``side`` -1), ``j`` is the last detail and
    the name the first line of the run."""
    if side < 0:
        # Seen from the time below it: "alice", "Staff", then the time, the comment above's
        # last marker before them.
        return (run in (2, 3) and (j - run < 0 or kinds[j - run].kind != TEXT)
                and all(_name_like(texts[k]) for k in range(j - run + 1, j + 1)))
    after = j + run
    return (run in (2, 3) and after < len(kinds) and _before_body(kinds[after])
            and all(_name_like(texts[k]) for k in range(j, after)))


def _before_body(marker: Marker) -> bool:
    """Whether ``marker`` is one a header shows under its name and above the body: a time,
    "in reply to", or the comment's menu button ("···", under GitHub's author line). A line
    with a number learned from its repeats ("3 seachtain ó shin": a time no list knows)
    stands where a time known by its form would."""
    return (marker.kind in _BEFORE_BODY or marker.key == "action:menu"
            or (marker.kind == REPEATED and "#" in marker.key))


def _details(kinds: Sequence[Marker], texts: Sequence[str], repeats: int) -> set[int]:
    """Lines that stand alone, or two together, between a name and a time or "in reply to"
    marker that a body follows: details a header shows (a location, a badge; "• 2nd" and a
    job title) on every comment or on some. Found only where at least ``repeats`` comments
    show them. A short body between a name and a time in the footer is followed by a footer
    marker or the next name, not by a body."""
    found: set[int] = set()
    for i in range(1, len(kinds) - 2):
        if (kinds[i].kind != TEXT or kinds[i - 1].kind not in (NAME, AUTHOR)
                or not _detail_like(texts[i])):
            continue
        lines = 2 if (kinds[i + 1].kind == TEXT and _detail_like(texts[i + 1])) else 1
        k = i + lines
        if k >= len(kinds) or not _before_body(kinds[k]):
            continue
        while k < len(kinds) and _before_body(kinds[k]):
            k += 1
        if k < len(kinds) and kinds[k].kind == TEXT:
            found.update(range(i, i + lines))
    return found if len(found) >= repeats else set()


MAX_DETAIL_CHARS = 80
MAX_DETAIL_WORDS = 12


def _detail_like(text: str) -> bool:
    """Shaped like a header's detail: a badge, a place, or a job title, which may run longer
    than a name ("Data Analyst | SQL | Python | Tableau"), but no sentence."""
    text = text.strip()
    return (0 < len(text) <= MAX_DETAIL_CHARS and len(text.split()) <= MAX_DETAIL_WORDS
            and text[-1] not in ".?!,;:")


def _with_badges(kinds: list[Marker], texts: Sequence[str], repeats: int) -> list[Marker]:
    """``kinds`` with the badges marked DETAIL: a short line that recurs word for word right
    after a header marker (the name, the time) and before the rest of its comment, "in reply
    to" and body ("Guardian Pick", "Staff", "Verified"), shown on some comments only, and a
    short line between a name and its "in reply to", however rare (a bookmark's tags). A line
    that is a whole comment's text is never one, as each badge needs a body after it."""
    places: dict[str, list[tuple[int, str]]] = {}
    on_page = Counter(texts)
    between: set[int] = set()
    for i in range(1, len(kinds) - 1):
        # An author line names and dates its comment, so it heads the header as a name does
        # ("alice commented on Mar 9, 2020", then "Member"); a menu button may stand between
        # the header and the body ("···").
        # ">>123" under an imageboard's header is a reply's anchor, the poster's own words
        # Under a quote's "alice wrote:" stands what alice wrote, which several replies may
        # quote alike.
        # (a like count under the time: "2020-06-17", "10", then "Safari 13.0.5")
        after = kinds[i - 1].kind
        if after == COUNT and i >= 2 and kinds[i - 2].kind == TIME:
            after = TIME
        if (kinds[i].kind != TEXT or after not in _BADGE_AFTER
                or not _name_like(texts[i]) or _ANCHORS.fullmatch(texts[i])
                or (kinds[i - 1].kind == REPLY_TO and _is_quote_opening(texts[i - 1]))):
            continue
        # Between a comment's name and its "in reply to" stands no text of its own: the
        # header goes on ("alice", "あとで 社会", "id:bob", then the body).
        if kinds[i - 1].kind in (NAME, AUTHOR) and kinds[i + 1].kind == REPLY_TO:
            between.add(i)
        k = i + 1
        while k < len(kinds) and _before_body(kinds[k]):
            k += 1
        # (under it, a badge of its own that recurs too: "Safari 13.0.5" over "iOS 13.3.1")
        while (k + 1 < len(kinds) and k - i <= 2 and kinds[k].kind == TEXT
               and kinds[k + 1].kind == TEXT and on_page[texts[k]] >= repeats
               and _name_like(texts[k])):
            k += 1
        if k < len(kinds) and kinds[k].kind == TEXT:
            places.setdefault(texts[i], []).append((i, texts[k]))
    # A multi-line comment posted again and again (spam) repeats its first line too, and
    # what follows it.
    badges = {i for at in places.values()
              if len(at) >= repeats and len({after for _, after in at}) > 1 for i, _ in at}
    badges |= between
    # Where the header is one author line, a badge seen once ("Collaborator" on the one comment
    # of its person) stands where the recurring ones do: between it and the menu or the time.
    if any(m.kind == AUTHOR for m in kinds):
        badges |= _details(kinds, texts, repeats)
    out = [Marker(DETAIL, DETAIL) if i in badges else m for i, m in enumerate(kinds)]
    # Badges one under another (Waline's browser, then the system it ran on): the line under
    # a badge is read as one in its turn.
    return _with_badges(out, texts, repeats) if badges and out != kinds else out


# "alice (London)", and "alice , London" as Israeli talkbacks write a name and a place (a
# space before the comma: "Smith, John" is a name)
_AFTER_THE_NAME = re.compile(r"\s+\([^()]{1,40}\)$|\s+,\s+[^,]{1,40}$")


def display_name(text: str) -> str:
    """A name line without the badge symbols a page shows after some names ("alice ✓",
    "bob ★"): reply markers name the person without them, and so does the author column."""
    name = _without_marks(text.strip())
    end = len(name)
    while end > 0 and (unicodedata.category(name[end - 1]) == "So" or name[end - 1] in " \ufe0f"):
        end -= 1
    name = name[:end] if end else name
    # "alice (Leeds)", "Anonymous (not verified)", "alice , Leeds": a place or a status after
    # the name.
    if name.endswith(")") or " , " in name:
        name = _AFTER_THE_NAME.sub("", name) or name
    # "alice · Top commenter", "bob • Works at Acme": a badge or a byline after the name
    for dot in (" · ", " • "):
        if dot in name:
            name = name.split(dot, 1)[0].strip() or name
    # "Jane Doe @jdoe": the name the page shows first, then the account's handle
    handle = _NAME_THEN_HANDLE.fullmatch(name)
    return handle.group("name") if handle else name


_NAME_THEN_HANDLE = re.compile(r"(?P<name>[^@\s][^@]*?)\s+@[\w.\-]{1,40}")


def _name_key(name: str | None) -> str:
    """A name as compared with "in reply to NAME": case, "@", end punctuation and badge
    symbols aside."""
    name = display_name((name or "").strip().lstrip("@").rstrip(".:,;!")).strip()
    return _HONORIFIC.sub("", name).casefold()


# "alice さん", "aliceさん": Japanese writes a polite suffix after a name it answers
_HONORIFIC = re.compile(r"(?<=\S)\s?(?:さん|様|さま|氏|くん|ちゃん)$")


_HEADER_PRIOR = {NAME, DETAIL, TIME, REPLY_TO, NUMBERING}
_BADGE_AFTER = _HEADER_PRIOR | {AUTHOR}


def _runs_and_gaps(kinds: Sequence[Marker]) -> tuple[list[list[int]], list[list[int]]]:
    """Indices of the runs of text lines, and of the marker lines before the first run,
    between runs and after the last (always one more gap than runs)."""
    runs: list[list[int]] = []
    gaps: list[list[int]] = [[]]
    prev_text = False
    for i, marker in enumerate(kinds):
        is_text = marker.kind == TEXT
        if is_text and not prev_text:
            runs.append([])
        elif not is_text and prev_text:
            gaps.append([])
        (runs[-1] if is_text else gaps[-1]).append(i)
        prev_text = is_text
    if prev_text:
        gaps.append([])
    return runs, gaps


def _cut_blocks(lines: Sequence[tuple[int, str]], kinds: Sequence[Marker], repeats: int,
                profiled: bool = False
                ) -> tuple[Layout, list[CommentBlock], list[Marker]] | None:
    """Bodies and the markers around them (see :func:`read_layout`, step 3), and the line
    kinds as finally read (a footer marker out of place is a comment's text). With a forum's
    profile lines read (``profiled``), the first post's header is the one its name opens."""
    for attempt in range(2):
        runs, gaps = _runs_and_gaps(kinds)
        if len(runs) < repeats:
            return None
        counts = _recurring(kinds)
        # Reply markers that survive this far name an author on the page however few they are.
        keys = [key for key, n in counts.items() if n >= repeats or key == REPLY_TO]
        if not keys:
            return None
        order = _key_order(keys, gaps, kinds)
        header_keys = set(order[_header_start(order, gaps, kinds, profiled,
                                             [number for number, _ in lines]):])
        # Before the first body there is only a header, after the last only a footer.
        cuts = [0 if g == 0 else len(gap) if g == len(gaps) - 1 else _cut(
            gap, kinds, set(keys), header_keys) for g, gap in enumerate(gaps)]
        misplaced = _misplaced(gaps, cuts, kinds, order, header_keys)
        if not misplaced or attempt:
            break
        kinds = [_TEXT_MARKER if i in misplaced else m for i, m in enumerate(kinds)]
    blocks = []
    heads: list[list[int]] = []
    feet: list[list[int]] = []
    bodyless: list[list[list[int]]] = []  # per body: comments without one just above it
    for g, (gap, cut) in enumerate(zip(gaps, cuts, strict=True)):
        parts = _comments_without_body(gap, kinds, order, header_keys, g == 0)
        if parts is not None and g < len(gaps) - 1:
            cut = len(parts[0])
            bodyless.append(parts[1:-1])
        elif g < len(gaps) - 1:
            bodyless.append([])
        if g > 0:
            feet.append(gap[:cut])
        if g < len(gaps) - 1:
            heads.append(gap[cut:] if parts is None else parts[-1])
    for run, head, foot, empty in zip(runs, heads, feet, bodyless, strict=True):
        blocks += [_block(lines, kinds, [], markers) for markers in empty]
        blocks.append(_block(lines, kinds, run, head + foot))
    # One line between one comment's footer and the next one's header, with no marker of
    # its own and the same word for word on at least FURNITURE_SHARE of the comments but
    # fewer than half ("Parent Thread" under replies), is the page's: no comment that lacks
    # its markers, and no measure of how regular the comments are. It stands right above
    # a line that names its comment's author itself: above a name found by its place, it
    # may be a name the reading missed. (Where the layout shows no footer, such lines may
    # be buttons it has not learned, under every comment.)
    bare = Counter(lines[run[0]][1] for run, head, foot, following
                   in zip(runs, heads, feet, [*heads[1:], []], strict=True)
                   if not head and not foot and len(run) == 1
                   and following and kinds[following[0]].kind == AUTHOR)
    furniture = {text for text, n in bare.items()
                 if max(MIN_BLOCKS, FURNITURE_SHARE * len(runs)) <= n < len(runs) / 2
                 } if header_keys != set(keys) else set()
    # A forum post's signature ("-- PGP key on request --") stands after its footer, before
    # the next post's header, on some posts: a short run of text with no marker of its own
    # where every post opens with its poster's profile (``profiled``). Shown on fewer than
    # half of the posts, such runs are no measure of how regular the posts are (they are
    # read as signatures by :func:`_without_signatures`).
    bare_runs = [k for k, (run, head, foot) in enumerate(zip(runs, heads, feet, strict=True))
                 if not head and not foot and len(run) <= MAX_PROFILE_LINES]
    if not (profiled and len(bare_runs) < REPEATED_SHARE * len(runs)
            and any(foot for foot in feet)):
        bare_runs = []
    per_block = [Counter(kinds[i].key for i in head + foot)
                 for k, (run, head, foot) in enumerate(zip(runs, heads, feet, strict=True))
                 if (head or foot or len(run) > 1 or lines[run[0]][1] not in furniture)
                 and k not in bare_runs]
    if not per_block:
        return None
    shown = {key: sum(key in c for c in per_block) / len(per_block) for key in keys}
    # "In reply to" marks only replies, a count may be hidden at zero and a detail (a
    # location) left blank: none of them is required. Counts have keys of their own
    # ("count:dislike", "count:reactions"), each a count all the same.
    regular = [key for key in keys if shown[key] >= MIN_CONFORMING
               and key.split(":")[0] not in (REPLY_TO, COUNT, "count", DETAIL)]
    # A page hides a button now and then (no "Reply" at the deepest level, no "Report" on
    # one's own comment): a comment missing one button still conforms, never one missing two
    # markers or its name, time or any other marker.
    buttons = {m.key for m in kinds if m.kind == ACTION}
    conforming = sum(_conforms([key for key in regular if c[key] == 0], buttons)
                     for c in per_block)
    if not regular:
        # Where a thread's first comment shows "alice commented on Aug 17, 2015" and the
        # replies "bob" over "on Aug 17, 2015" (giscus), no one marker is on nearly every
        # comment, but a name of one form or the other is.
        conforming = sum(any(key == NAME or key.startswith(AUTHOR) for key in c)
                         for c in per_block)
        if conforming >= MIN_CONFORMING * len(per_block):
            regular = [NAME]
    layout = Layout(
        header=tuple(k for k in order if k in header_keys),
        footer=tuple(k for k in order if k not in header_keys),
        seen=len(blocks),
        share=conforming / (len(blocks) - (len(runs) - len(per_block))) if regular else 0.0,
        optional=frozenset(k for k in order
                           if shown[k] < MIN_CONFORMING or k in (REPLY_TO, DETAIL)),
    )
    _clocks_under_day_dividers(blocks, lines, kinds)
    return layout, blocks, list(kinds)


def _clocks_under_day_dividers(blocks: Sequence[CommentBlock], lines: Sequence[tuple[int, str]],
                               kinds: Sequence[Marker]) -> None:
    """A chat's messages timed by a clock alone ("8:45 AM") under a day divider ("Aug 17,
    2015", shown where the day changes, above the first message of the day): each is dated
    that day, the latest divider above it, on a page whose dividers are days without a clock
    and whose messages (MIN_BLOCKS at least) show clocks alone."""
    kind_of = {number: kinds[i] for i, (number, _) in enumerate(lines)}
    clocks = [block for block in blocks if _is_clock_alone(block.time_text)]
    if len(clocks) < MIN_BLOCKS:
        return

    def days(numbers: Sequence[int]) -> list[str]:
        return [m.time_text for number in numbers if (m := kind_of.get(number)) is not None
                and m.key == DAY_DIVIDER]

    day = None
    for block in blocks:
        # (a divider cut into the footer of the message above opens the next day)
        first = block.body[0] if block.body else max(block.markers, default=0) + 1
        day = next(reversed(days([n for n in block.markers if n < first])), day)
        if day and _is_clock_alone(block.time_text):
            known, created_at = read_time(f"{day} {block.time_text}")
            if known and created_at and "T" in created_at:
                block.created_at = created_at
        day = next(reversed(days([n for n in block.markers if n >= first])), day)


def _conforms(missing: Sequence[str], buttons: set[str]) -> bool:
    """Whether a comment that lacks the regular markers ``missing`` (keys) conforms: it lacks
    none, or one of the ``buttons`` (the keys of action markers) only."""
    return not missing or (len(missing) == 1 and missing[0] in buttons)


def _comments_without_body(gap: Sequence[int], kinds: Sequence[Marker], order: Sequence[str],
                           header_keys: set[str], first: bool) -> list[list[int]] | None:
    """The markers between two bodies cut into the comment above's footer, the headers and
    footers of comments that show no body of their own (a picture, a talkback of a title
    alone), and the next comment's header; None where the markers hold one name at most.
    A comment is known by its name in the header, with a footer marker between one name and
    the next; its header opens with the header markers shown before the name ("12. TITLE"
    above "NAME"). Where the layout shows no footer (a chat copy), a second name is enough.
    Where the name stands in the footer, nothing is cut.
    Before the first body (``first``) there is no footer to cut off."""
    names = [p for p, i in enumerate(gap)
             if kinds[i].kind in (NAME, AUTHOR) and kinds[i].key in header_keys]
    rank = {key: r for r, key in enumerate(order)}

    def opening(name: int, floor: int) -> int:
        """Where the header of the name at ``name`` opens: at the header markers shown
        before a name, down to ``floor``."""
        start = name
        while (start > floor and kinds[gap[start - 1]].key in header_keys
               and rank[kinds[gap[start - 1]].key] < rank.get(kinds[gap[name]].key, len(rank))):
            start -= 1
        return start

    # A chat copy shows no footer: there a second name is a second message.
    footerless = all(key in header_keys for key in order)
    starts = [opening(b, a + 1) for a, b in zip(names, names[1:], strict=False)
              if footerless or any(kinds[i].key in rank and kinds[i].key not in header_keys
                                   for i in gap[a + 1:b])]
    if not starts:
        return None
    bounds = [0 if first else opening(names[0], 0), *starts, len(gap)]
    return [list(gap[:bounds[0]])] + [list(gap[x:y]) for x, y in zip(bounds, bounds[1:],
                                                                        strict=False)]


def _misplaced(gaps: Sequence[Sequence[int]], cuts: Sequence[int], kinds: Sequence[Marker],
               order: Sequence[str], header_keys: set[str]) -> set[int]:
    """Footer-shaped lines where a body belongs: right before a body, after the header
    ("report" as a whole comment), or between a header and a footer that the page shows in
    another order (a comment "7" where the count comes after "Reply")."""
    rank = {key: k for k, key in enumerate(order)}
    out: set[int] = set()
    for g, (gap, cut) in enumerate(zip(gaps, cuts, strict=True)):
        if g < len(gaps) - 1:
            for i in reversed(gap[cut:]):
                if kinds[i].key not in rank or kinds[i].key in header_keys:
                    break
                out.add(i)
        for p in range(1, len(gap)):
            a, b = kinds[gap[p - 1]].key, kinds[gap[p]].key
            if a not in header_keys or b not in rank or b in header_keys:
                continue
            for i in gap[p + 1:]:
                later = kinds[i].key
                if later in header_keys:
                    break
                if later in rank and rank[later] < rank[b]:
                    out.add(gap[p])
                    break
    return out


def _key_order(keys: Sequence[str], gaps: Sequence[Sequence[int]], kinds: Sequence[Marker]
               ) -> list[str]:
    """The keys in the order they stand between bodies (footer keys, then header keys):
    ranked by how many other keys each precedes more often than it follows (Copeland)."""
    before: Counter = Counter()
    wanted = set(keys)
    for gap in gaps:
        first: dict[str, int] = {}
        for pos, i in enumerate(gap):
            if kinds[i].key in wanted:
                first.setdefault(kinds[i].key, pos)
        for a, pa in first.items():
            for b, pb in first.items():
                if pa < pb:
                    before[a, b] += 1
    score = {a: sum((before[a, b] > before[b, a]) - (before[b, a] > before[a, b])
                    for b in keys if b != a) for a in keys}
    return sorted(keys, key=lambda k: (-score[k], k))


def _split_by_blank_lines(gaps: Sequence[Sequence[int]], kinds: Sequence[Marker],
                          numbers: Sequence[int]) -> tuple[set[str], set[str]]:
    """The key that opens a comment's header and the one that ends the footer above it,
    where a blank line stands between two of the markers between bodies, at one place, in
    NAME_SLOT_SHARE of those gaps at least, with the same keys on either side (DC Inside's
    "2020.03.25 02:58:54", blank, "alice"; none between a body and its markers): empty sets
    where it does not."""
    between = [gap for gap in gaps[1:-1] if gap]
    sides: Counter = Counter()
    for gap in between:
        # from the body above to the one below: one blank line, between two markers (Steam's
        # after the body and again after the name is spacing, no boundary)
        stretch = [gap[0] - 1, *gap, gap[-1] + 1]
        cuts = [k for k in range(1, len(stretch))
                if numbers[stretch[k]] - numbers[stretch[k - 1]] > 1]
        if len(cuts) == 1:
            # at the gap's edge, the blank says every marker between is the header below
            # (a blank right under the body above) or the footer above (MetaFilter's
            # "posted by alice at 8:45 AM", blank, the next body)
            sides[kinds[stretch[cuts[0] - 1]].key, kinds[stretch[cuts[0]]].key] += 1
    if len(between) < MIN_BLOCKS or not sides:
        return set(), set()
    (closes, opens), n = sides.most_common(1)[0]
    if n < NAME_SLOT_SHARE * len(between):
        return set(), set()
    return {opens} - {TEXT}, {closes} - {TEXT}


def _header_start(order: Sequence[str], gaps: Sequence[Sequence[int]],
                  kinds: Sequence[Marker], profiled: bool = False,
                  numbers: Sequence[int] = ()) -> int:
    """Where in ``order`` the header keys begin. Markers before the first body are all header,
    those after the last body all footer; a name, time, "in reply to" or numbering leans to the
    header and other markers to the footer where the page itself does not say. With a forum's
    profile lines read (``profiled``) under page text, the first post's header opens with its
    name."""
    # A "more comments" line ends the list: after the last body, what follows it is the
    # page's ("Load 10 more comments", "Facebook Comments Plugin"), and so is what precedes
    # the last such line before the first body ("51 Comments", "Sort by").
    # Page text before the list ("Add a comment") opens the section with text: the first
    # comment's header then stands after the lines that open the list ("141 comments").
    head = gaps[0]
    if not head:
        # the list's opening lines may stand among page text ("141 comments", "Upvotes",
        # "Newest"): the first gap of them that ends in markers, within the first few
        for gap in gaps[1:MIN_BLOCKS + 1]:
            more = [k for k, i in enumerate(gap) if kinds[i].kind == MORE]
            if not more:
                break
            if more[-1] < len(gap) - 1:
                head = gap
                break
        if profiled:
            head = next((gap[k:] for gap in gaps[1:MIN_BLOCKS + 1]
                         for k, i in enumerate(gap) if kinds[i].kind == NAME), head)
    opening = [i for i in head if kinds[i].kind == MORE]
    # Page text after the list ("About", "Terms") ends the section with text: the last
    # comment's footer then stands before the "more comments" line that ends the list.
    tail = gaps[-1]
    if not tail and len(gaps) > 2 and (any(kinds[i].kind == MORE for i in gaps[-2])
                                       or _nameless_last(gaps, kinds)):
        tail = gaps[-2]
    # With nothing known of the first comment's header, a name-like line that ends the
    # section after the last footer may be the page's own text in words no list knows
    # ("Încarcă mai multe comentarii", load more comments): no footer name.
    # (the list's own lines above it, "Sort by", "Sign in to comment", tell nothing of it)
    if (all(kinds[i].kind == MORE for i in head) and tail and tail[-1] == len(kinds) - 1
            and kinds[tail[-1]].kind == NAME):
        tail = tail[:-1]
    closing = [i for i in tail if kinds[i].kind == MORE]
    # A chat's day divider above the first message ("August 17, 2015") tells nothing of the
    # side its clocks stand on ("8:45 AM" under each message), though its key is theirs.
    clocks = sum(m.kind == TIME and bool(m.time_text) and _CLOCK_ALONE.fullmatch(m.time_text)
                 is not None for m in kinds)
    days = {i for i in head if kinds[i].kind == TIME and kinds[i].time_text
            and not _CLOCK_IN.search(kinds[i].time_text)}
    if clocks < MIN_BLOCKS:
        days = set()
    first = {kinds[i].key for i in head if (not opening or i > opening[-1]) and i not in days}
    last = {kinds[i].key for i in tail if not closing or i < closing[0]}
    if (not first or not last) and numbers:
        # Page text before or after the list says nothing of where a comment starts or ends;
        # a blank line the page keeps at one place between comments does.
        opens, closes = _split_by_blank_lines(gaps, kinds, numbers)
        # (a blank line inside the header, between Steam's name and its date, would put
        # the name in the footer: where the known side says otherwise, it says nothing)
        if not (opens & last or closes & first):
            first, last = first or opens, last or closes
    best, best_cost = 0, None
    for h in range(len(order) + 1):
        cost = 0.0
        for index, key in enumerate(order):
            in_header = index >= h
            cost += (key in first and not in_header) + (key in last and in_header)
            prior = key.split(":")[0] in _HEADER_PRIOR or key.startswith(AUTHOR)
            cost += 0.4 * (prior != in_header)
        if best_cost is None or cost < best_cost:
            best, best_cost = h, cost
    return best


def _nameless_last(gaps: Sequence[Sequence[int]], kinds: Sequence[Marker]) -> bool:
    """Whether the page ends in text after markers with no name among them, where (nearly)
    every other place between two runs of text shows one: that text is the page's ("Please
    sign in to reply.", "About"), and the markers before it the last comment's footer."""
    inner = gaps[1:-2]
    named = sum(any(kinds[i].kind in (NAME, AUTHOR) for i in gap) for gap in inner)
    return (len(inner) >= MIN_BLOCKS and named >= NAME_SLOT_SHARE * len(inner)
            and not any(kinds[i].kind in (NAME, AUTHOR) for i in gaps[-2]))


def _cut(gap: Sequence[int], kinds: Sequence[Marker], keys: set[str], header_keys: set[str]
         ) -> int:
    """Where the markers between two bodies turn from the first one's footer to the next one's
    header: the cut that leaves the fewest header keys before it and footer keys after it
    (markers outside the layout count on neither side); among equal cuts, one at a name."""
    best, best_cost = 0, None
    for cut in range(len(gap) + 1):
        cost = sum(kinds[i].key in header_keys for i in gap[:cut]) + sum(
            kinds[i].key in keys and kinds[i].key not in header_keys for i in gap[cut:])
        at_name = cut < len(gap) and kinds[gap[cut]].kind in (NAME, AUTHOR)
        if best_cost is None or cost < best_cost or (cost == best_cost and at_name):
            best, best_cost = cut, cost
    return best


def _block(lines: Sequence[tuple[int, str]], kinds: Sequence[Marker], run: Sequence[int],
           around: Sequence[int]) -> CommentBlock:
    block = CommentBlock(body=[lines[i][0] for i in run],
                         markers=sorted(lines[i][0] for i in around))
    timed_by_repeats = timed_by_author = False
    liked_by_a_bare_button: str | None = None
    for i in around:
        m = kinds[i]
        if m.kind in (NAME, AUTHOR) and block.author is None:
            block.author = m.name
        if m.kind == AUTHOR and m.number is not None and block.post_number is None:
            block.post_number = m.number
        # A time known by its form wins over a line only its repeats call a time ("402
        # Postings, 133 Follower" above "vor 5 Monaten": a number and a word that changes),
        # and the time on the author's own line over one above it (a chat's day divider
        # "August 17, 2015" over "alice — 08/17/2015 4:45 AM"), and a clock alone under the
        # body over such a divider above it (the day stays the date).
        divided = (block.time_text is not None and m.kind == TIME
                   and _is_clock_alone(m.time_text) and not _CLOCK_IN.search(block.time_text))
        if m.time_text is not None and (block.time_text is None or divided
                                        or (timed_by_repeats and m.kind != REPEATED)
                                        or (m.kind == AUTHOR and not timed_by_author)):
            block.created_at = m.created_at or (block.created_at if divided else None)
            block.time_text = m.time_text
            timed_by_repeats = m.kind == REPEATED
            timed_by_author = m.kind == AUTHOR
        # A like button shown without its number reads 0, unless the count stands on a line
        # of its own after it ("Thích", "Trả lời", "131").
        if (m.likes is not None and m.kind in (COUNT, ACTION, AUTHOR, REPEATED)
                and (block.likes is None or m.key == liked_by_a_bare_button)):
            block.likes = m.likes
            # (the key of a count at zero shown as its button alone, which its count with a
            # number replaces; "2 weitere Antworten" is another count)
            liked_by_a_bare_button = (None if any(ch.isdigit() for ch in lines[i][1])
                                      else m.key)
        if m.kind == REPLY_TO and block.reply_to is None and not block.answers_above:
            block.reply_to, block.reply_to_line = m.name, lines[i][0]
            block.answers_above = m.name is None
            if m.author is not None and block.author is None:
                block.author = m.author
    return block


# ---------------------------------------------------------------------------- reply links


def link_replies(blocks: Sequence[CommentBlock], texts: Sequence[str] | None = None,
                 min_shared_words: int = MIN_SHARED_WORDS) -> list[ReplyLink]:
    """Parents from "in reply to NAME" markers, for a page whose layout has them.

    A comment without the marker starts a new thread (on a page that marks some replies only,
    :func:`_markers_optional`, its link is left to inference and a marker's NAME is looked for
    among all the comments above); one with it answers an earlier comment
    by NAME in the same thread that the page does not date after it: the only one, or of
    several :func:`_one_of_several`. When NAME
    has no earlier comment in the thread, the thread's first comment is the guess; a marked
    reply before any thread is top-level. A reply whose ">>NUMBER" anchor cites a post on the
    page (``reply_to_post``) answers that post. ``texts`` are the comments' texts, one per block;
    ``min_shared_words`` as in :func:`_one_of_several` (the benchmark tries others).
    """
    links: list[ReplyLink] = []
    parents: list[int | None] = []
    root: int | None = None
    latest: dict[str, list[int]] = {}  # name key -> blocks of this thread by that name
    anywhere: dict[str, list[int]] = {}  # name key -> blocks above by that name
    memo: dict[int, frozenset[str]] = {}
    posted_after = _posted_after(blocks)
    optional = _markers_optional(blocks)

    def words(i: int) -> frozenset[str]:
        if i not in memo:
            memo[i] = _content_words(texts[i])
        return memo[i]

    for index, block in enumerate(blocks):
        if block.reply_to_post is not None:
            cited = blocks[block.reply_to_post].post_number
            others = (f", the first of {block.posts_cited} posts it cites"
                      if block.posts_cited > 1 else "")
            what = (f"the post numbered {cited}" if cited is not None
                    else "the message it answers by its id")
            links.append(ReplyLink(block.reply_to_post,
                                   CONFIDENCE_POST_NUMBER / block.posts_cited,
                                   f"page marker (line {block.reply_to_line}): cites "
                                   f"{what}{others}"))
        elif block.reply_to_block is not None:
            links.append(ReplyLink(block.reply_to_block, CONFIDENCE_QUOTED_OPENING,
                                   f"page marker (line {block.reply_to_line}): quotes the "
                                   "opening of the comment it answers"))
        elif block.answers_above and root is not None:
            # "Reply from Northwind Ltd" under a review: the review above, the latest comment
            # that started a thread (responses start none)
            links.append(ReplyLink(root, CONFIDENCE_RESPONSE,
                                   f"page marker (line {block.reply_to_line}): a response "
                                   "printed under the comment it answers"))
        elif block.links_up is not None and block.reply_to is None:
            if block.links_up:
                links.append(ReplyLink(None, math.nan, "page marker: a \"parent\" link "
                                       "shows a reply; whom it answers is inferred"))
            else:
                links.append(ReplyLink(None, CONFIDENCE_NEW_THREAD, "page marker: no \"parent\" "
                                       "link on a page whose replies show one: starts a new "
                                       "thread"))
                root, latest = index, {}
        elif optional:
            # Where replies mark whom they answer now and then, a comment without a marker
            # may answer anyone above, as on a page without markers (inferred so), and one
            # with it anyone above by that name.
            links.append(_named_anywhere_above(block, index, anywhere, blocks, parents,
                                               words if texts is not None else None,
                                               posted_after, min_shared_words))
        elif block.reply_to is None or root is None:
            why = ("no \"in reply to\" marker on a page whose replies carry one: starts a "
                   "new thread")
            if block.reply_to is not None:
                why = (f"\"in reply to {block.reply_to}\" (line {block.reply_to_line}) but no "
                       "comment above it on the page: kept top-level")
            if block.author is None and block.reply_to is None and root is not None:
                # Lines under no name ("Ver 140 respuestas" after a comment's buttons) are
                # not a commenter's: the replies below still answer the thread above.
                why = "no name and no \"in reply to\" marker: top-level, the thread goes on"
                links.append(ReplyLink(None, CONFIDENCE_NEW_THREAD, f"page marker: {why}"))
                parents.append(None)
                continue
            links.append(ReplyLink(None, CONFIDENCE_NEW_THREAD, f"page marker: {why}"))
            root, latest = index, {}
        else:
            marker = f"page marker \"in reply to {block.reply_to}\" (line {block.reply_to_line})"
            earlier = [c for c in latest.get(_name_key(block.reply_to), [])
                       if not posted_after(c, index)]
            if len(earlier) == 1:
                links.append(ReplyLink(earlier[0], CONFIDENCE_ONE_CANDIDATE,
                                       f"{marker}: the only earlier comment by that name in "
                                       "the thread"))
            elif earlier:
                parent, confidence, why = _one_of_several(
                    earlier, index, blocks, parents, words if texts is not None else None,
                    min_shared_words)
                links.append(ReplyLink(parent, confidence,
                                       f"{marker}: of {len(earlier)} earlier comments by that "
                                       f"name, {why}"))
            elif (block.reply_to_line in block.body and not block.marker_in_text) and (above := [
                    c for c in anywhere.get(_name_key(block.reply_to), [])
                    if not posted_after(c, index)]):
                # A marker glued to the body ("回复@alice:") marks replies to replies only:
                # the replies above it, unmarked, started no thread of their own.
                links.append(ReplyLink(above[-1], CONFIDENCE_NAME_NOT_SEEN,
                                       f"{marker}: no earlier comment by that name since the "
                                       "last comment without a marker; the latest above"))
            elif block.quotes_its_target and (above := [
                    c for c in anywhere.get(_name_key(block.reply_to), [])
                    if not posted_after(c, index)]):
                # A forum's quote ("alice wrote:") comes on some replies only: a post without
                # one may answer anything above, so it started no thread the quote must stay in.
                parent, confidence, why = _one_of_those_above(
                    above, index, blocks, parents, words if texts is not None else None,
                    min_shared_words)
                links.append(ReplyLink(parent, confidence,
                                       f"{marker}: no earlier comment by that name since the "
                                       f"last post without a quote; of {len(above)} above, "
                                       f"{why}"))
            else:
                links.append(ReplyLink(root, CONFIDENCE_NAME_NOT_SEEN,
                                       f"{marker}: no earlier comment by that name in the "
                                       "thread; linked to the thread's first comment"))
        parents.append(links[-1].parent)
        if block.author:
            latest.setdefault(_name_key(block.author), []).append(index)
            anywhere.setdefault(_name_key(block.author), []).append(index)
    return links


def _named_anywhere_above(block: CommentBlock, index: int, anywhere: dict[str, list[int]],
                          blocks: Sequence[CommentBlock], parents: list[int | None],
                          words: Callable[[int], frozenset[str]] | None,
                          posted_after: Callable[[int, int], bool], min_shared_words: int
                          ) -> ReplyLink:
    """The link of a comment on a page that marks some replies only: unknown (a confidence
    of NaN, left to inference) without a marker or where no comment above is by the name it
    answers; else the only such comment, or one of several (:func:`_one_of_several`)."""
    if block.reply_to is None:
        return ReplyLink(None, math.nan, "")
    above = [c for c in anywhere.get(_name_key(block.reply_to), []) if not posted_after(c, index)]
    if not above:
        return ReplyLink(None, math.nan, "")
    marker = f"page marker \"in reply to {block.reply_to}\" (line {block.reply_to_line})"
    parent, confidence, why = _one_of_those_above(above, index, blocks, parents, words,
                                                  min_shared_words)
    if len(above) == 1:
        return ReplyLink(parent, confidence, f"{marker}: the only earlier comment by that name "
                         "on a page that marks some replies only")
    return ReplyLink(parent, confidence, f"{marker}: of {len(above)} earlier comments by that "
                     f"name on a page that marks some replies only, {why}")


def _one_of_those_above(above: list[int], index: int, blocks: Sequence[CommentBlock],
                        parents: Sequence[int | None],
                        words: Callable[[int], frozenset[str]] | None, min_shared_words: int
                        ) -> tuple[int, float, str]:
    """The comment a marked reply answers among NAME's comments ``above`` it (in page order),
    with the link's confidence and why: the only one, or :func:`_one_of_several`."""
    if len(above) == 1:
        return above[0], CONFIDENCE_ONE_CANDIDATE, "the only one"
    return _one_of_several(above, index, blocks, parents, words, min_shared_words)


MARKERS_OPTIONAL_SHARE = 0.35
"""Replies whose "in reply to NAME" names no one in their thread but someone above it: from
this share of the marked replies on, the page marks some replies only (an "@alice" a replier
writes or not), and a comment without a marker is no new thread. Chosen on the pages of sets
28-43 (the held-out renders) where it changes links: from 0.25 on, 0.35 keeps nearly all of
the net gain (parents +7,074 against +7,418) and a tenth of the harm (-134 against -1,055:
pages misread before, whose spurious comments without a marker made their own threads);
measured on sets 44-45 (README)."""


def _markers_optional(blocks: Sequence[CommentBlock]) -> bool:
    """Whether the page marks only some of its replies: read as though every comment without
    a marker started a thread, MARKERS_OPTIONAL_SHARE of the marked replies at least name no
    one in their thread but someone above it."""
    thread: set[str] = set()
    above: set[str] = set()
    marked = outside = 0
    for block in blocks:
        if block.reply_to is None:
            thread = set()
        else:
            marked += 1
            name = _name_key(block.reply_to)
            outside += name not in thread and name in above
        if block.author:
            thread.add(_name_key(block.author))
            above.add(_name_key(block.author))
    return marked >= MIN_BLOCKS and outside >= MARKERS_OPTIONAL_SHARE * marked


def _posted_after(blocks: Sequence[CommentBlock]) -> Callable[[int, int], bool]:
    """Whether the page shows block ``c`` posted after block ``i``: ``i`` cannot answer it.
    Dates are ISO 8601 as :func:`classify_line` writes them, so they compare as text; ages
    ("2h ago") compare where their whole units differ (a page shows ages in a unit that grows
    with the age, so different ones are in order)."""
    dates = [b.created_at[:19] if b.created_at else None for b in blocks]
    ages = (age_seconds(pd.Series([b.time_text for b in blocks], dtype=object))
            if any(b.time_text and not b.created_at for b in blocks) else None)

    def after(c: int, i: int) -> bool:
        if dates[c] and dates[i]:
            return dates[c] > dates[i]
        return bool(ages is not None and not dates[c] and not dates[i] and ages[c] < ages[i])

    return after


def _one_of_several(earlier: list[int], index: int, blocks: Sequence[CommentBlock],
                    parents: Sequence[int | None],
                    words: Callable[[int], frozenset[str]] | None,
                    min_shared_words: int = MIN_SHARED_WORDS) -> tuple[int, float, str]:
    """Which of NAME's earlier comments (``earlier``, in page order) a marked reply answers,
    with the link's confidence and why. Each step narrows the candidates where it can: those
    sharing the most words with the reply (at least ``min_shared_words``: a reply takes
    up what it answers), those that answered the reply's own author (a back-and-forth goes
    on), those on the chain the comment above answers (a conversation goes on down its chain,
    in nested and in flat-by-time order); then the latest of those left."""
    candidates, reasons = earlier, []
    if words is not None:
        shared = {c: words(index) & words(c) for c in candidates}
        most = max(len(w) for w in shared.values())
        if most >= min_shared_words:
            candidates = [c for c in candidates if len(shared[c]) == most]
            quoted = ", ".join(f"'{w}'" for w in sorted(shared[candidates[-1]])[:5])
            reasons.append(f"sharing the most words with it ({most}: {quoted})")
    me = _name_key(blocks[index].author)
    answered_me = [c for c in candidates
                   if me and parents[c] is not None and _name_key(blocks[parents[c]].author) == me]
    if answered_me:
        candidates = answered_me
        reasons.append("answering this comment's author")
    chain = _chain(parents, index - 1)
    on_chain = [c for c in candidates if c in chain]
    if on_chain:
        candidates = on_chain
        reasons.append("on the chain the comment above answers")
    confidence = (CONFIDENCE_ANSWERED_THE_AUTHOR if answered_me
                  else CONFIDENCE_NARROWED_TO_ONE if len(candidates) == 1
                  else CONFIDENCE_LATEST_OF_SEVERAL)
    if len(candidates) > 1 or not reasons:
        reasons.append("the latest")
    return candidates[-1], confidence, ", ".join(reasons)


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _content_words(text: str) -> frozenset[str]:
    """A comment's words that say what it is about: lower case, plurals folded, no stop words,
    numbers or one-letter words."""
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return frozenset(fold_plural(w) for w in _WORD.findall(lowered)
                     if len(w) > 1 and not w.isdigit() and w not in ENGLISH_STOP_WORDS)


def _chain(parents: Sequence[int | None], index: int) -> set[int]:
    """``index`` and the comments it answers, up to its thread's first."""
    chain: set[int] = set()
    while index is not None and index >= 0 and index not in chain:
        chain.add(index)
        index = parents[index]
    return chain
