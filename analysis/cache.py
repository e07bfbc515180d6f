"""An on-disk cache of analysed tables, so a large corpus is analysed once, not on every rerun.

An entry is a folder ``<cache dir>/<key>/`` holding ``comments.parquet``, ``articles.parquet``,
``threads.parquet``, ``page_order_threads.parquet``, ``topics.npz`` (the fitted topic model as
plain arrays, :meth:`analysis.topics.FittedTopics.to_arrays`; read without pickle) and
``meta.json`` (the ingestion reports, the original stage timings, and the dtypes Parquet cannot
carry by itself). The key is a SHA-256 over

* each source's name and content hash, in order (names become comment and article ids),
* ``n_topics`` and ``random_state``,
* the code version: a hash of every file of the ``analysis`` package (code and lexicons) and the
  versions of the libraries that shape the output (pandas, scikit-learn, vaderSentiment),

so a changed file, a changed parameter or a changed analyser each give a new entry. The cache
folder is ``$COMMENTSCOPE_CACHE_DIR`` or ``~/.cache/commentscope``; it never lives next to the
user's data. Entries are written to a temporary folder and renamed into place, so a reader sees
a whole entry or none; an entry that cannot be read (truncated, corrupt, another format) is
deleted and rewritten. The oldest entries beyond ``MAX_ENTRIES`` are removed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.pipeline import Analysis, analyse_files
from analysis.readers import IngestionReport, Note, SkippedLine
from analysis.stages import Progress
from analysis.threads import Reading
from analysis.topics import FittedTopics

CACHE_ENV = "COMMENTSCOPE_CACHE_DIR"
FORMAT = 3
"""Bumped when the layout of an entry changes."""
MAX_ENTRIES = 32
TABLES = ("comments", "articles", "threads", "page_order_threads")
_PACKAGE_DIR = Path(__file__).resolve().parent
_LIBRARIES = ("pandas", "pyarrow", "scikit-learn", "numpy", "vaderSentiment")
TOPICS_FILE = "topics.npz"


def cache_dir() -> Path:
    """``$COMMENTSCOPE_CACHE_DIR``, else ``$XDG_CACHE_HOME/commentscope`` or
    ``~/.cache/commentscope``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "commentscope"


@lru_cache(maxsize=1)
def code_version() -> str:
    """Hash of the analysis package's files (code and lexicons) and the libraries' versions."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in sorted(_PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(_PACKAGE_DIR).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"{library}={metadata.version(library)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none\n".encode())
    return digest.hexdigest()[:16]


def cache_key(files: Sequence[tuple[str, bytes]], n_topics: int | None = None,
              random_state: int = 0) -> str:
    """The entry name for these sources (name and content, in order) and parameters."""
    spec = {
        "sources": [[name, hashlib.sha256(data).hexdigest()] for name, data in files],
        "n_topics": n_topics,
        "random_state": random_state,
        "code": code_version(),
    }
    return hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:32]


def load_or_analyse(files: Sequence[tuple[str, bytes]], n_topics: int | None = None,
                    random_state: int = 0, folder: Path | None = None,
                    progress: Progress | None = None) -> Analysis:
    """The analysis of in-memory files (name, content), from the cache when it has it.

    On a miss (or an unreadable entry) the files are analysed with
    :func:`analysis.pipeline.analyse_files` and the result is stored. A cache that cannot be
    written (read-only disk, full disk) costs only the write: the analysis is still returned.
    Timings of a hit are ``{"cache_load": seconds}``; of a miss, the pipeline's. ``progress``
    hears the stages of a miss (stages.StageEvent); a hit reports nothing.
    """
    folder = Path(folder) if folder is not None else cache_dir()
    entry = folder / cache_key(files, n_topics, random_state)
    start = time.perf_counter()
    cached = read_entry(entry)
    if cached is not None:
        cached.timings = {"cache_load": time.perf_counter() - start}
        return cached
    result = analyse_files(files, n_topics=n_topics, random_state=random_state,
                           progress=progress)
    try:
        write_entry(entry, result)
        prune(folder)
    except OSError:
        pass  # the cache is a convenience; never fail an analysis over it
    return result


# ---------------------------------------------------------------------------- entries


def write_entry(entry: Path, result: Analysis) -> None:
    """Write an analysis to ``entry`` atomically (a temporary sibling folder, then a rename)."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=entry.parent))
    try:
        dtypes = {}
        for name in TABLES:
            frame = getattr(result, name)
            if frame is None:  # an Analysis built without its page-order thread table
                frame = result.reading(Reading.PAGE_ORDER).threads
            frame.to_parquet(tmp / f"{name}.parquet", index=False)
            dtypes[name] = _object_columns(frame)
        if result.topics is not None:
            np.savez(tmp / TOPICS_FILE, **result.topics.to_arrays())
        meta = {
            "format": FORMAT,
            "code": code_version(),
            "rows": {name: len(pd.read_parquet(tmp / f"{name}.parquet", columns=[]))
                     for name in TABLES},
            "object_columns": dtypes,
            "reports": [dataclasses.asdict(report) for report in result.reports],
            "timings": result.timings,
            "topics": result.topics is not None,
        }
        # meta.json last: its presence marks a complete entry.
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        if entry.exists():
            shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not entry.exists():
            raise
    # Another process may have renamed its own copy in first: identical content, keep it.
    shutil.rmtree(tmp, ignore_errors=True)


def read_entry(entry: Path) -> Analysis | None:
    """The analysis stored at ``entry``, or None when it is missing or unreadable (an
    unreadable entry is deleted so the next write replaces it)."""
    if not entry.is_dir():
        return None
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT or meta.get("code") != code_version():
            raise ValueError("entry from another version")
        tables = {}
        for name in TABLES:
            frame = pd.read_parquet(entry / f"{name}.parquet")
            if len(frame) != meta["rows"][name]:
                raise ValueError(f"{name}: {len(frame)} rows, expected {meta['rows'][name]}")
            tables[name] = _restore_object_columns(frame, meta["object_columns"][name])
        reports = [_report_from_dict(r) for r in meta["reports"]]
        topics = None
        if meta["topics"]:
            with np.load(entry / TOPICS_FILE, allow_pickle=False) as arrays:
                topics = FittedTopics.from_arrays(arrays)
    except (OSError, ValueError, KeyError, TypeError) as err:
        _discard(entry, err)
        return None
    except Exception as err:  # pyarrow raises its own errors on a damaged file
        _discard(entry, err)
        return None
    return Analysis(tables["comments"], tables["articles"], tables["threads"], reports,
                    dict(meta.get("timings", {})), tables["page_order_threads"], topics)


def _discard(entry: Path, err: Exception) -> None:
    shutil.rmtree(entry, ignore_errors=True)


def prune(folder: Path, max_entries: int = MAX_ENTRIES) -> None:
    """Remove the least recently written entries beyond ``max_entries``."""
    entries = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[max_entries:]:
        shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------------------- dtypes

# Parquet turns object columns of strings into string columns; these restore them as they were.
_NULLS = {"NA": pd.NA, "None": None, "nan": float("nan")}


def _object_columns(frame: pd.DataFrame) -> dict[str, str]:
    """Object columns and the kind of missing value they hold ("NA", "None" or "nan")."""
    result = {}
    for column in frame.columns:
        if frame[column].dtype == object:
            nulls = frame[column][frame[column].isna()]
            first = nulls.iloc[0] if len(nulls) else None
            kind = "NA" if first is pd.NA else "None" if first is None else "nan"
            result[str(column)] = kind
    return result


def _restore_object_columns(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    restored = {}
    for column, kind in columns.items():
        values = frame[column].astype(object)
        restored[column] = values.where(values.notna(), _NULLS[kind]).astype(object)
    return frame.assign(**restored) if restored else frame


def _report_from_dict(data: dict) -> IngestionReport:
    data = dict(data)
    data["skipped"] = [SkippedLine(**s) for s in data.get("skipped", [])]
    data["notes"] = [Note(**{**n, "lines": tuple(n.get("lines", ()))})
                     for n in data.get("notes", [])]
    return IngestionReport(**data)
