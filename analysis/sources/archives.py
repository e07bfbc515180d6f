"""Compressed sources as users receive them: a gzip, bzip2 or xz file holding one source
(``export.xml.gz``), and a ZIP archive holding several (a Slack or Telegram export). Everything
is unpacked in memory, never to disk, and every size is capped while it is unpacked: a small
archive can unpack to far more than memory holds."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath

from analysis.sources.report import SourceError

MAX_UNPACKED_BYTES = 1 << 30
"""What one archive may unpack to in all (1 GiB). An absolute cap, not a multiple of the
archive's size: text compresses 5-20 times (Pushshift dumps more), so a ratio would refuse real
exports, while a bomb unpacks a thousandfold and more. Every source is held in memory with its
tables beside it, so a source past 1 GiB could not be analysed here anyway."""

MAX_MEMBERS = 50_000
"""Members one ZIP archive may list: a year of daily files for a hundred Slack channels is
36,500. Each member costs a lookup even when skipped, so a list of millions is refused whole."""

COMPRESSED_SUFFIXES: dict[str, Callable[[io.BytesIO], io.BufferedIOBase]] = {
    ".gz": lambda raw: gzip.GzipFile(fileobj=raw, mode="rb"),
    ".bz2": lambda raw: bz2.BZ2File(raw),
    ".xz": lambda raw: lzma.LZMAFile(raw),
}
ARCHIVE_SUFFIXES = (*COMPRESSED_SUFFIXES, ".zip")
"""The suffixes read as archives (the app's uploader takes them)."""

_OTHER_ARCHIVES = {".zst": ("Zstandard-compressed", "unpack it with `zstd -d FILE` (or "
                                                    "`unzstd`) and give the file inside"),
                   ".tar": ("a tar archive", "unpack it with `tar -xf FILE`"),
                   ".tgz": ("a tar archive", "unpack it with `tar -xzf FILE`"),
                   ".7z": ("a 7-Zip archive", "unpack it"),
                   ".rar": ("a RAR archive", "unpack it")}
"""Compressed forms not read (zstandard is no standard-library module), and how to unpack."""
_NESTED = {*ARCHIVE_SUFFIXES, *_OTHER_ARCHIVES}

SLACK_LISTS = frozenset({"users.json", "channels.json", "groups.json", "dms.json", "mpims.json",
                         "integration_logs.json", "canvases.json", "huddles.json"})
"""The top-level files of a Slack export that list its users, channels and conversations:
no messages (those are in one folder per channel), so an archive's are not read."""

# Binary signatures: a gzip or xz file read whatever its name (such bytes were refused as
# binary before). bzip2's "BZh" is left to the suffix, as a text file may start so.
_MAGIC = ((b"\x1f\x8b", ".gz"), (b"\xfd7zXZ\x00", ".xz"))


def compression_of(name: str, data: bytes) -> str | None:
    """The compressed-file suffix ``name`` or ``data`` shows (".gz", ".bz2", ".xz"), else None."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in COMPRESSED_SUFFIXES:
        return suffix
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def uncompressed(name: str, data: bytes, max_bytes: int | None = None) -> tuple[str, bytes]:
    """The name to read a file by and its bytes: a compressed file (see :func:`compression_of`)
    unpacked and named without its suffix (``export.xml.gz`` -> ``export.xml``; a bare inner
    name is read by its content), any other file as given. A SourceError names ``name`` when
    the file is another archive kind, corrupt, unpacks past ``max_bytes`` (default
    :data:`MAX_UNPACKED_BYTES`) or holds another archive."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _OTHER_ARCHIVES:
        kind, how = _OTHER_ARCHIVES[suffix]
        raise SourceError(name, f"{kind}, which is not read here: {how}")
    kind = compression_of(name, data)
    if kind is None:
        return name, data
    limit = MAX_UNPACKED_BYTES if max_bytes is None else max_bytes
    inner = name[: -len(suffix)] if suffix == kind else name
    inner_suffix = PurePosixPath(inner).suffix.lower()
    if inner_suffix in _NESTED:
        raise SourceError(name, f"an archive ({inner_suffix}) inside a compressed file: "
                                "unpack it first and give the files inside")
    try:
        with COMPRESSED_SUFFIXES[kind](io.BytesIO(data)) as file:
            # A bounded read: the bytes past the cap are never unpacked.
            unpacked = file.read(limit + 1)
    except (OSError, EOFError, lzma.LZMAError, ValueError) as err:
        raise SourceError(name, f"not a readable {kind[1:]} file (corrupt or cut short): "
                                f"{err}") from None
    if len(unpacked) > limit:
        raise SourceError(name, f"unpacks to more than {_size(limit)}, the most read from one "
                                "archive; split the source or unpack it and give its parts")
    return inner, unpacked


def zip_members(name: str, data: bytes, readable: Callable[[str, Callable[[], bytes]], bool],
                max_bytes: int | None = None, max_members: int | None = None
                ) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
    """The members of the ZIP archive ``data`` that a reader takes, as (label, content) with
    label ``name/member``, in the archive's order, and the others as (member, why it is not
    read). ``readable(member, head)`` is the folder rule (by suffix; XML by its head).
    Directories and hidden or OS files (``__MACOSX/``, ``.DS_Store``) are neither read nor
    listed. Nothing is written to disk, so a member named ``../x`` or ``/etc/x`` is only a
    label. A SourceError names the archive (and the member) when it is corrupt, lists more
    than ``max_members`` or unpacks past ``max_bytes`` in all."""
    limit = MAX_UNPACKED_BYTES if max_bytes is None else max_bytes
    most = MAX_MEMBERS if max_members is None else max_members
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise SourceError(name, f"not a readable ZIP archive (corrupt or cut short): {err}"
                          ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > most:
            raise SourceError(name, f"a ZIP archive of {len(infos):,} members, more than the "
                                    f"{most:,} read from one archive")
        members, skipped = [], []
        left = limit
        for info in infos:
            member = info.filename
            parts = PurePosixPath(member.replace("\\", "/")).parts
            if info.is_dir() or not parts:
                continue
            if ".." in parts or member.startswith(("/", "\\")) or ":" in parts[0]:
                # Read in memory only, so harmless here; but such a name is made to escape
                # the folder an unzip writes to, and is no export's own.
                skipped.append((member, "a path out of the archive (.. or absolute)"))
                continue
            if any(part.startswith(".") or part == "__MACOSX" for part in parts):
                continue
            suffix = PurePosixPath(member).suffix.lower()
            if suffix in _NESTED:
                skipped.append((member, "an archive inside the archive: unpack it first"))
                continue
            if len(parts) == 1 and member in SLACK_LISTS:
                skipped.append((member, "a Slack export's list of users or channels, no "
                                        "messages"))
                continue
            if info.flag_bits & 0x1:
                skipped.append((member, "encrypted"))
                continue
            content: list[bytes] = []

            def read(info=info, content=content, left=left) -> bytes:
                if not content:
                    content.append(_member_bytes(name, archive, info, left, limit))
                return content[0]

            if not readable(member, read):
                skipped.append((member, why_not_read(member)))
                continue
            body = read()
            left -= len(body)
            members.append((f"{name}/{member}", body))
    return members, skipped


def why_not_read(name: str) -> str:
    """Why the folder rule leaves a file (or an archive's member) named ``name`` aside."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".xml":
        return "XML that is no Disqus or WordPress export"
    if suffix == ".log":
        return "a .log that is no Chatterino chat log"
    if PurePosixPath(name).name == "account.js":
        return ("a Twitter archive's account.js, read only as the author of a tweets.js in the "
                "same folder")
    if suffix == ".js":
        return "a .js that is no Twitter archive's tweets file"
    return "not a page or export by its suffix"


def _member_bytes(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, left: int,
                  limit: int) -> bytes:
    try:
        with archive.open(info) as file:
            # Bounded by what is left of the cap, whatever size the member's header claims.
            body = file.read(left + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            lzma.LZMAError, RuntimeError) as err:
        raise SourceError(name, f"member {info.filename!r} cannot be read (corrupt or of an "
                                f"unsupported kind): {err}") from None
    if len(body) > left:
        raise SourceError(name, f"member {info.filename!r}: the archive unpacks to more than "
                                f"{_size(limit)}, the most read from one archive; unpack it "
                                "and give its files")
    return body


def _size(count: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size:
            return f"{count / size:g} {unit}"
    return f"{count} bytes"
