"""Twitch chat logs as Chatterino writes them: a "# Start logging at DATE TIME ZONE" line, then
one "[HH:MM:SS] login: message" line per message, notices ("[HH:MM:SS] connected") between.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from analysis.sources.decoding import _visible
from analysis.sources.records import _Record
from analysis.sources.report import IngestionReport, SkippedLine
from analysis.timeline import normalise_timestamp

CHAT_LOG_SUFFIX = ".log"
"""Chatterino's name for its logs (channel-2016-10-14.log), shared with programs' logs."""

CHAT_LOG_OPENING = re.compile(
    r"# Start logging at (?P<day>\d{4}-\d{2}-\d{2}) (?P<clock>\d{2}:\d{2}:\d{2}) ?(?P<zone>\S*)")
"""Chatterino's first line of a log, and of each session appended to it: the local date, the
time and the zone's abbreviation (``QDateTime::timeZoneAbbreviation``)."""

CHAT_LOG_SESSION = "chat log session line"
CHAT_LOG_NOTICE = "chat log notice"
"""Skip reasons of a log's structure ("# Start logging at ...") and of its notices
("[19:17:05] connected", a timeout): many in any log, so counted, not listed."""

_CLOSING = re.compile(r"# Stop logging at ")
# A Twitch login (letters, digits, "_") after the clock; newer versions put two spaces there.
_MESSAGE = re.compile(r"\[(?P<clock>\d{2}:\d{2}:\d{2})\] {1,2}(?P<login>\w{1,25}): (?P<text>.*)")
_NOTICE = re.compile(r"\[\d{2}:\d{2}:\d{2}\] ")


def is_chat_log(text: str) -> bool:
    """Whether ``text`` opens as a Chatterino log does, whatever the file is called."""
    start = text[:4096].lstrip("\ufeff \t\r\n")
    return CHAT_LOG_OPENING.fullmatch(start.split("\n", 1)[0].rstrip("\r")) is not None


def chat_log_records(lines: list[str], report: IngestionReport
                      ) -> tuple[list[_Record], dict[int, str]]:
    """The messages of a chat log as records (login, text, time) and the lines that hold none
    with their reason. A message's date is its session's, a day later each time the clock goes
    back (a log kept past midnight). Times are UTC where the zone's abbreviation has one
    meaning (UTC, GMT, the North American ones), else kept as the local time, named once."""
    records: list[_Record] = []
    structure: dict[int, str] = {}
    day: date | None = None
    zone = ""
    last_clock = ""
    unread_zones: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        opening = CHAT_LOG_OPENING.fullmatch(line.strip())
        if opening:
            day, zone = date.fromisoformat(opening["day"]), opening["zone"]
            last_clock = opening["clock"]
            structure[number] = CHAT_LOG_SESSION
            continue
        if _CLOSING.match(line):
            structure[number] = CHAT_LOG_SESSION
            continue
        message = _MESSAGE.fullmatch(line.rstrip())
        if message is None:
            if _visible(line):
                reason = CHAT_LOG_NOTICE if _NOTICE.match(line) else "not a chat log line"
                report.skipped.append(SkippedLine(number, reason))
            else:
                structure[number] = "blank line"
            continue
        fields = {"author": message["login"], "message": message["text"]}
        if day is not None:
            if message["clock"] < last_clock:
                day += timedelta(days=1)
            last_clock = message["clock"]
            local = f"{day.isoformat()} {message['clock']}"
            moment = normalise_timestamp(f"{local} {zone}") if zone else local
            if moment == f"{local} {zone}" or not zone:
                # A zone without one meaning (CET, IST): the time as the log shows it.
                moment = f"{day.isoformat()}T{message['clock']}"
                if zone:
                    unread_zones.setdefault(zone, number)
            fields["created_at"] = moment
        records.append(_Record(fields, number, number, f"line {number}"))
    for name, number in unread_zones.items():
        note = (f"zone {name!r} of the log's start line has more than one meaning: times "
                "kept as the log shows them, without a zone")
        report.warn(f"line {number}: {note}", "unknown zone", note, lines=(number,))
    return records, structure
