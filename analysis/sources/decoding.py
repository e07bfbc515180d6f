"""Bytes to text: encodings, binary files, and what a reader counts as a blank line."""

from __future__ import annotations

import codecs
import re

from analysis.sources.report import SourceError

# Zero-width and bidi marks are invisible: a line made only of them is blank to a reader.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\x00-\x08\x0b-\x1f\x7f]")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# Control characters carry no meaning in a comment and upset terminals and spreadsheets.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

def decode(name: str, data: bytes) -> tuple[str, str]:
    """Bytes to text. UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such;
    mostly UTF-8 with a few bad bytes is read as UTF-8 with those bytes replaced by U+FFFD;
    other bytes that are not UTF-8 are read as Windows-1252 and the report says so."""
    text, encoding, _ = _decode(name, data)
    return text, encoding

def _decode(name: str, data: bytes) -> tuple[str, str, list[int]]:
    """:func:`decode`, and the lines whose undecodable bytes were replaced."""
    if not data:
        raise SourceError(name, "empty file: nothing to read", line=1)
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as err:
                raise SourceError(name, f"not valid {encoding} despite its byte order mark",
                                  line=data[: err.start].count(b"\n") + 1) from None
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return data.decode(utf16), utf16, []
        except UnicodeDecodeError:
            pass
    if _looks_binary(data):
        raise SourceError(name, "binary file: expected text (a page, CSV, JSON or JSONL)",
                          line=data[: data.find(b"\x00") + 1].count(b"\n") + 1
                          if b"\x00" in data else None)
    # A stray NUL (a scraper's C string, a file cut short and padded) is dropped from the
    # text like other control characters; reading.py names its lines.
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad_bytes = sum(len(run) for run in _UNDECODED.findall(escaped))
    non_ascii = len(escaped) - len(escaped.encode("ascii", "ignore"))
    # Text in Windows-1252 almost never holds a valid UTF-8 sequence, so a file with more of
    # them than bad bytes is UTF-8 with damage: reading it all as 1252 would garble every
    # accent to save a byte or two.
    if non_ascii - bad_bytes > bad_bytes:
        damaged = [number for number, line in enumerate(_LINE_BREAK.split(escaped), start=1)
                   if _UNDECODED.search(line)]
        return _UNDECODED.sub("\ufffd", escaped), "utf-8", damaged
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        return data.decode("latin-1"), "latin-1", []
    return text, "cp1252", []

# Bytes that are not UTF-8, as the surrogateescape error handler keeps them.
_UNDECODED = re.compile("[\udc80-\udcff]+")

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))

_BINARY_SIGNATURES = (b"\x89PNG", b"PK\x03\x04", b"PK\x05\x06", b"%PDF-", b"GIF8", b"\xff\xd8\xff",
                      b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"SQLite format 3\x00", b"7z\xbc\xaf",
                      b"Rar!", b"\x7fELF")
"""The first bytes of files given by mistake (images, ZIP and so .xlsx, PDF, gzip, old
Office, SQLite, ...): binary however few control bytes their first block holds."""


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_SIGNATURES):
        return True
    sample = data[:8192]
    if sample.count(0) > max(8, len(sample) // 100):
        return True
    sample = sample.replace(b"\x00", b"")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(8, len(sample) // 20)


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" for text saved as UTF-16 without a byte order mark (Latin
    letters then have a NUL as every other byte), else None."""
    sample = data[:8192]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.6 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.6 and odd < half * 0.05:
        return "utf-16-be"
    return None

def _without(chars: re.Pattern[str], line: str) -> str:
    """``line`` without the characters ``chars`` matches (all of them unprintable)."""
    # isprintable() is one fast scan and true for most lines, which then hold none of them.
    return line if line.isprintable() else chars.sub("", line)

def _visible(line: str) -> str:
    return _without(_INVISIBLE, line).strip()


def visible(line: str) -> bool:
    """Whether a page line holds anything a reader sees; a line of spaces and invisible
    characters (zero-width spaces, ...) reads as a blank line."""
    return bool(_visible(line))
