"""Command line: ``python -m analysis {comments,threads,people,report} SOURCE ... --out FILE
[--corrections FILE]``."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from analysis.cli_progress import terminal_progress
from analysis.cli_warnings import write_warnings
from analysis.corrections import CorrectionsError
from analysis.export import to_safe_csv
from analysis.readers import (
    CHAT_LOG_SUFFIX,
    PAGE_SUFFIXES,
    STRUCTURED_SUFFIXES,
    TWITTER_ARCHIVE_SUFFIX,
    SourceError,
    source_bytes,
    source_files_in,
)
from analysis.schema import COMMENT_COLUMNS, EXTRA_COMMENT_COLUMNS, ArticleCol, Col
from analysis.sources.archives import why_not_read


def _write(frame, out: str) -> None:
    if out == "-":
        to_safe_csv(frame, sys.stdout)
    else:
        to_safe_csv(frame, out)


def _topic_count(value: str) -> int | None:
    """--topics: a number of topics, or 0 for one chosen from the data (None downstream)."""
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if count < 0:
        raise argparse.ArgumentTypeError(
            f"must be 0 (chosen from the data) or a positive number, got {count}"
        )
    return count or None


def _partition_count(value: str) -> int:
    """--partitions: a positive number of Dask partitions."""
    try:
        count = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if count < 1:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {count}")
    return count


def _why_unwritable(path: str) -> str | None:
    """Why the CSV ``path`` cannot be written, or None when it can (or is stdout, "-")."""
    if path == "-":
        return None
    target = Path(path)
    if target.is_dir():
        return "it is a directory"
    if target.exists() and not target.is_file():
        return None  # /dev/null, a named pipe: opening one to test it could block
    existed = target.exists()
    try:
        with open(target, "a", encoding="utf-8"):
            pass
    except OSError as err:
        return err.strerror or str(err)
    if not existed:
        target.unlink()
    return None


SOURCES_HELP = ("scraped pages (.txt: the article, then the comments) or exports (CSV, TSV, "
                "JSON, JSONL, Disqus/WordPress XML) with one comment per row, also packed "
                "(.gz, .bz2, .xz); a folder stands for the pages and exports directly in it, "
                "a .zip for those among its members")

_OUTPUT_OPTIONS = ("out", "pairs", "articles", "edges", "network")


def _read_corrections(args) -> tuple[list, list] | None:
    """The rows of --corrections and the rows that cannot be read, or None without the
    option. A file that is no corrections file raises CorrectionsError (before the analysis,
    which can take minutes)."""
    if not getattr(args, "corrections", None):
        return None
    from analysis.corrections import read_corrections_file

    return read_corrections_file(args.corrections)


@contextmanager
def _progress_bars():
    """A progress callback drawing bars on stderr when it is a terminal (None in a pipe)."""
    progress = terminal_progress()
    try:
        yield progress
    finally:
        if progress is not None:
            progress.close()


def _analyse(args, corrections: tuple[list, list] | None):
    """The analysis of the sources, with the corrections applied when there are any; rows
    that cannot be read or applied are reported on stderr as FILE:ROW: reason, in row
    order."""
    members = _archive_members(args)
    files = [(given, members[given]) if given in members else (Path(given).name, given)
             for given in args.sources]
    with _progress_bars() as progress:
        if getattr(args, "engine", "local") == "dask":
            from analysis.distributed import analyse_on_dask
            from analysis.pipeline import read_files, read_sources

            sources = (read_files([(name, _bytes_of(data)) for name, data in files])
                       if members else read_sources(args.sources, progress=progress))
            result = analyse_on_dask(sources, n_topics=getattr(args, "topics", None),
                                     partitions=args.partitions, progress=progress)
        elif members:
            from analysis.pipeline import analyse_files

            # The members of an archive exist only in memory, so every source is read from
            # there, as the app reads uploads.
            result = analyse_files([(name, _bytes_of(data)) for name, data in files],
                                   n_topics=getattr(args, "topics", None), progress=progress)
        else:
            from analysis.pipeline import analyse_paths

            result = analyse_paths(args.sources, n_topics=getattr(args, "topics", None),
                                   progress=progress)
    if corrections is None:
        write_warnings(result.reports, args.sources, result.comments)
        return result
    from analysis.corrections import apply_corrections

    contents = {_source_name(args, given): members.get(given, given) for given in args.sources}
    rows, unreadable = corrections
    corrected = apply_corrections(
        result, rows, lambda name: _bytes_of(contents[name]) if name in contents else None)
    write_warnings(corrected.analysis.reports, args.sources, corrected.analysis.comments)
    for problem in sorted([*unreadable, *corrected.problems], key=lambda p: p.row):
        print(problem, file=sys.stderr)
    return corrected.analysis


def _comments(args) -> int:
    comments = _pseudonymised(_analyse(args, _read_corrections(args)).comments, args)
    columns = COMMENT_COLUMNS + (EXTRA_COMMENT_COLUMNS if args.all_columns else [])
    _write(comments[columns], args.out)
    return 0


def _threads(args) -> int:
    from analysis.threads import Reading, article_metrics, reply_pairs

    result = _analyse(args, _read_corrections(args))
    if args.page_order:
        result = result.reading(Reading.PAGE_ORDER)
    _write(result.threads, args.out)
    if args.pairs:
        _write(reply_pairs(_pseudonymised(result.comments, args)), args.pairs)
    if args.articles:
        _write(article_metrics(result.comments, result.articles[ArticleCol.ARTICLE_ID].tolist()),
               args.articles)
    return 0


def _people(args) -> int:
    from analysis.people import network_bytes, network_format, people_tables

    comments = _pseudonymised(_analyse(args, _read_corrections(args)).comments, args)
    people = people_tables(comments, include_inferred=args.inferred_links)
    for path in _sources_without_authors(args, comments):
        print(f"warning: {path}: names no authors (a scraped page carries none); "
              "no participant or edge comes from it", file=sys.stderr)
    if people.inferred_links_left_out:
        print(f"warning: {people.inferred_links_left_out} replies between participants rest on "
              "inferred links (page order and wording) and make no edge; --inferred-links "
              "counts them", file=sys.stderr)
    _write(people.participants, args.out)
    if args.edges:
        _write(people.interactions, args.edges)
    if args.network:
        data = network_bytes(people, network_format(args.network))
        Path(args.network).write_bytes(data)
    return 0


def _pseudonymised(comments, args):
    """The comments with every author name replaced by its pseudonym, when asked for."""
    if not (args.pseudonymise or args.pseudonym_key):
        return comments
    from analysis.pseudonyms import key_from_text, pseudonymise_comments, random_key

    key = key_from_text(args.pseudonym_key) if args.pseudonym_key else random_key()
    return pseudonymise_comments(comments, key)[0]


def _add_pseudonym_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pseudonymise", action="store_true",
                        help="replace every author name (in the author column and wherever it "
                             "stands in a text) by a pseudonym such as P-3f9a2c, from a keyed "
                             "hash with a random key: runs cannot be linked")
    parser.add_argument("--pseudonym-key", metavar="KEY",
                        help="pseudonymise with this key: the same key gives the same "
                             "pseudonyms in every run (implies --pseudonymise)")


def _sources_without_authors(args, comments) -> list[str]:
    """The sources (as given) none of whose comments names a participant."""
    from analysis.people import participant_names

    named = participant_names(comments[Col.AUTHOR]).notna()
    with_authors = set(comments.loc[named.to_numpy(), Col.SOURCE].astype(str))
    return [given for given in args.sources if _source_name(args, given) not in with_authors]


def _network_path(value: str) -> str:
    from analysis.people import network_format

    try:
        network_format(value)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None
    return value


def _report(args) -> int:
    from analysis.readers import read_bytes, read_source

    corrections = _read_corrections(args)
    if corrections is not None:
        # Corrections apply to the analysed comments (links are checked against the inferred
        # structure), so the reports come from a whole analysis here.
        analysed = _analyse(args, corrections).reports
        reports = [report.to_text(str(path))
                   for report, path in zip(analysed, args.sources, strict=True)]
    else:
        members = _archive_members(args)
        reports = ((read_bytes(path, members[path]) if path in members else read_source(path))
                   .report.to_text(str(path)) for path in args.sources)
    for index, text in enumerate(reports):
        if index:
            print()
        print(text)
    return 0


def _bench(args) -> int:
    from analysis.bench import run_benchmark

    run_benchmark(args.comments, filter_rows=args.filter_rows)
    return 0


def _add_corrections_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--corrections", metavar="FILE",
                         help="a corrections file (CSV: source,line,action,target[,line_text]) "
                              "to apply: comment spans and reply links fixed by hand")


def _add_engine_options(command: argparse.ArgumentParser, what: str = "") -> None:
    command.add_argument("--engine", choices=("local", "dask"), default="local",
                         help="dask: map the stages over partitions on a local Dask cluster "
                              f"of two workers (the same tables as local){what}")
    command.add_argument("--partitions", type=_partition_count, default=None,
                         help="Dask partitions (default: two per worker)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    comments = commands.add_parser("comments", help="write the per-comment table as CSV")
    comments.add_argument("sources", nargs="+", help=SOURCES_HELP)
    comments.add_argument("--out", required=True, help="CSV file to write, or - for stdout")
    comments.add_argument("--topics", type=_topic_count, default=None,
                          help="number of topics (default or 0: chosen from the data)")
    comments.add_argument("--all-columns", action="store_true",
                          help="also write the evidence columns beyond the required ones")
    _add_engine_options(comments)
    _add_corrections_option(comments)
    _add_pseudonym_options(comments)
    comments.set_defaults(run=_comments)

    threads = commands.add_parser("threads", help="write the thread metrics table as CSV")
    threads.add_argument("sources", nargs="+", help=SOURCES_HELP)
    threads.add_argument("--out", required=True, help="CSV file to write, or - for stdout")
    threads.add_argument("--pairs", help="also write back-and-forth runs to this CSV")
    threads.add_argument("--articles", help="also write per-article metrics to this CSV")
    threads.add_argument("--page-order", action="store_true",
                         help="read flat pages in plain page order (each comment answers the "
                              "previous one; links the source gives or a correction sets are "
                              "kept) instead of the inferred structure, for every table written")
    threads.add_argument("--topics", type=_topic_count, default=None,
                         help="number of topics (default or 0: chosen from the data)")
    _add_engine_options(threads)
    _add_corrections_option(threads)
    _add_pseudonym_options(threads)
    threads.set_defaults(run=_threads)

    people = commands.add_parser(
        "people", help="write the participant table (and the interaction table and network)")
    people.add_argument("sources", nargs="+", help=SOURCES_HELP)
    people.add_argument("--out", required=True, help="participant CSV to write, or - for stdout")
    people.add_argument("--edges", help="also write the interaction table (who replied to whom)")
    people.add_argument("--network", type=_network_path,
                        help="also write the reply network: .graphml or .gexf (Gephi opens both)")
    people.add_argument("--inferred-links", action="store_true",
                        help="let inferred reply links (scraped pages, flat exports) make edges; "
                             "each edge carries their mean confidence")
    people.add_argument("--topics", type=_topic_count, default=None,
                        help="number of topics (default or 0: chosen from the data)")
    _add_engine_options(people)
    _add_corrections_option(people)
    _add_pseudonym_options(people)
    people.set_defaults(run=_people)

    report = commands.add_parser("report", help="print the ingestion report of each source")
    report.add_argument("sources", nargs="+", help=SOURCES_HELP)
    _add_engine_options(report, what="; the report reads the sources alone unless "
                                      "--corrections asks for an analysis")
    _add_corrections_option(report)
    report.set_defaults(run=_report)

    bench = commands.add_parser("bench", help="time every stage on a generated corpus")
    bench.add_argument("--comments", type=int, default=10_000)
    bench.add_argument("--filter-rows", type=int, default=1_000_000,
                       help="rows of the corpus the Explorer filter latency is measured on")
    bench.set_defaults(run=_bench)
    return parser


def _resolved(path: str) -> Path:
    """``path`` made absolute with its links followed; a link that loops (which the reader
    then names as unreadable) is only made absolute."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: "Symlink loop" (Python before 3.13)
        return Path(os.path.abspath(path))


def _file_identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` names, the same through any symbolic or hard link;
    None when it cannot be looked at (the reader then names the problem)."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino)


_LISTED_MEMBERS = 20
"""Archive members not read that are named one by one; the rest are counted."""


def _expand_folders_and_archives(args) -> str | None:
    """Replace each folder among the sources by the pages and exports directly in it, in name
    order, and each ZIP archive by the members a reader takes (``archive.zip/member``, kept
    in memory as ``args.archive_members``, as the app reads an uploaded archive); the other
    files and members are named in a warning, not read. Why a source cannot be read, or
    None."""
    from analysis.readers import unpack_archives

    expanded = []
    args.archive_members = {}
    for given in args.sources:
        if Path(given).suffix.lower() == ".zip" and Path(given).is_file():
            try:
                members, skipped = unpack_archives([(Path(given).name, source_bytes(given))])
            except SourceError as err:
                return str(err)
            if len(members) == 1 and members[0][0] == Path(given).name:
                expanded.append(given)  # unreadable or empty: reading it says why
                continue
            for _, member, why in skipped[:_LISTED_MEMBERS]:
                print(f"warning: {given}: not read, {member}: {why}", file=sys.stderr)
            if len(skipped) > _LISTED_MEMBERS:
                print(f"warning: {given}: not read, {len(skipped) - _LISTED_MEMBERS} more "
                      "members", file=sys.stderr)
            for label, data in members:
                args.archive_members[label] = data
                expanded.append(label)
            continue
        if not Path(given).is_dir():
            expanded.append(given)
            continue
        try:
            readable, other = source_files_in(given)
        except SourceError as err:
            return str(err)
        by_reason: dict[str, list[Path]] = {}
        for path in other:
            # A ZIP beside its files is often their archive, which would then be read twice.
            why = ("a ZIP archive in a folder (give it by name to read its members)"
                   if path.suffix.lower() == ".zip" else why_not_read(path.name))
            by_reason.setdefault(why, []).append(path)
        for why, unread in by_reason.items():
            names = ", ".join(path.name for path in unread[:10])
            more = f" and {len(unread) - 10} more" if len(unread) > 10 else ""
            print(f"warning: {given}: not read, {why}: {names}{more}", file=sys.stderr)
        if not readable:
            return (f"{given}: a folder with no page or export in it (suffixes "
                    f"{', '.join(sorted({*STRUCTURED_SUFFIXES, *PAGE_SUFFIXES}))}, also "
                    f"compressed; {CHAT_LOG_SUFFIX} for a Chatterino chat log, "
                    f"{TWITTER_ARCHIVE_SUFFIX} for a Twitter archive's tweets)")
        expanded += [str(path) for path in readable]
    args.sources = expanded
    return None


def _archive_members(args) -> dict[str, bytes]:
    """The archive members among the sources, by their label (``archive.zip/member``)."""
    return getattr(args, "archive_members", None) or {}


def _source_name(args, given: str) -> str:
    """The name the tables give a source: a file's name, an archive member's label."""
    return given if given in _archive_members(args) else Path(given).name


def _bytes_of(content: bytes | str) -> bytes:
    """An archive member's bytes, or the bytes of the file at a path."""
    return content if isinstance(content, bytes) else source_bytes(content)


def _name_clash(args) -> str | None:
    """Why the sources cannot be told apart, or None. A file given twice (overlapping globs)
    is read once, with a warning, not counted twice; two files of one name are an error,
    since the tables and corrections name a source by its file name."""
    seen: dict[str, str] = {}  # file name -> the path given for it
    files: dict[tuple[int, int], str] = {}  # (device, inode) -> the path given for it
    kept = []
    for given in args.sources:
        name = _source_name(args, given)
        if name in seen:
            if _resolved(seen[name]) == _resolved(given):
                print(f"warning: {given}: given twice; read once", file=sys.stderr)
                continue
            return (f"{given}: has the same file name as {seen[name]}; the tables name a "
                    "source by its file name, so rename one of them")
        identity = None if given in _archive_members(args) else _file_identity(given)
        if identity in files:
            # A link to a file already given (latest.csv -> 2024-03.csv): its comments would
            # be counted twice, under two names.
            print(f"warning: {given}: the same file as {files[identity]}; read once",
                  file=sys.stderr)
            continue
        if identity is not None:
            files[identity] = given
        seen[name] = given
        kept.append(given)
    args.sources = kept
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "sources", None):
        problem = _expand_folders_and_archives(args)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
    # Checked before the analysis, which can take minutes, rather than after it.
    written: dict[Path, str] = {}  # output path -> its option
    inputs = {_resolved(p) for p in [*getattr(args, "sources", []),
                                           getattr(args, "corrections", None) or ""] if p}
    for option in _OUTPUT_OPTIONS:
        path = getattr(args, option, None)
        reason = _why_unwritable(path) if path else None
        target = _resolved(path) if path and path != "-" else None
        if target in inputs:
            reason = "it is one of the inputs, which it would overwrite"
        elif target in written and (target.is_file() or not target.exists()):  # not /dev/null
            reason = f"--{written[target]} writes it too"
        if target is not None:
            written[target] = option
        if reason:
            print(f"error: cannot write --{option} {path}: {reason}", file=sys.stderr)
            return 2
    if getattr(args, "sources", None):
        problem = _name_clash(args)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
    try:
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not in the exit's own flush
        return status
    except (SourceError, CorrectionsError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped early (`| head`); what is still buffered has nowhere to go.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
