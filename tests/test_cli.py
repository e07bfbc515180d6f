"""The command line as a user runs it: a real subprocess, real files."""

import io
import os
import subprocess
import sys

import pandas as pd

from analysis.export import read_safe_csv
from analysis.readers import PROJECT_ROOT
from analysis.schema import COMMENT_COLUMNS, THREAD_COLUMNS, Col
from tests.conftest import SEED_ARTICLE_ONLY, SEED_WITH_COMMENTS


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, cwd=PROJECT_ROOT, timeout=300)


def test_comments_command_writes_every_column_for_the_seeds(tmp_path):
    out = tmp_path / "x.csv"
    done = _run("comments", str(SEED_WITH_COMMENTS), str(SEED_ARTICLE_ONLY), "--out", str(out))
    assert done.returncode == 0, done.stderr
    table = read_safe_csv(out)
    assert list(table.columns) == COMMENT_COLUMNS
    assert table[Col.COMMENT_ID].is_unique
    per_source = table.groupby(Col.SOURCE).size()
    assert SEED_ARTICLE_ONLY.name not in per_source.index
    # between a human reading (about 55 comments) and one comment per line (83)
    assert 45 <= per_source[SEED_WITH_COMMENTS.name] < 83
    top_level = table[Col.PARENT_ID].isna()
    assert top_level.any() and (~top_level).any()
    assert table[Col.LINE_START].notna().all()


def test_comments_to_stdout_is_csv():
    done = _run("comments", str(SEED_WITH_COMMENTS), "--out", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == ",".join(COMMENT_COLUMNS)


def test_threads_command_writes_metrics(tmp_path):
    out, pairs = tmp_path / "t.csv", tmp_path / "p.csv"
    done = _run("threads", str(SEED_WITH_COMMENTS), "--out", str(out), "--pairs", str(pairs))
    assert done.returncode == 0, done.stderr
    threads = pd.read_csv(out)
    assert list(threads.columns) == THREAD_COLUMNS
    assert threads["size"].sum() == len(read_safe_csv(_comments_csv(tmp_path)))
    assert pairs.exists()


def test_threads_command_writes_the_page_order_table_when_asked(tmp_path):
    inferred, page_order = tmp_path / "t.csv", tmp_path / "po.csv"
    assert _run("threads", str(SEED_WITH_COMMENTS), "--out", str(inferred)).returncode == 0
    done = _run("threads", str(SEED_WITH_COMMENTS), "--out", str(page_order), "--page-order")
    assert done.returncode == 0, done.stderr
    table, other = pd.read_csv(page_order), pd.read_csv(inferred)
    assert list(table.columns) == THREAD_COLUMNS
    assert table["size"].sum() == other["size"].sum()
    # The seed is one article, so page order reads it as one chain of all its comments.
    assert len(table) == 1 and table["depth"].iloc[0] == table["size"].iloc[0] - 1
    assert table["depth"].iloc[0] > other["depth"].max()


def _comments_csv(tmp_path):
    path = tmp_path / "c.csv"
    _run("comments", str(SEED_WITH_COMMENTS), "--out", str(path))
    return path


def test_report_command_accounts_for_lines():
    done = _run("report", str(SEED_WITH_COMMENTS))
    assert done.returncode == 0
    assert "lines: 102 = article 7" in done.stdout
    assert "unaccounted" not in done.stdout


def test_report_command_places_each_warning_at_its_file_and_line(tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("id,parent_id,text,likes\n1,,root,3\n2,404,orphan,lots\n", encoding="utf-8")
    done = _run("report", str(odd))
    assert done.returncode == 0
    warnings = [line for line in done.stdout.splitlines() if line.startswith("warning:")]
    assert f"warning: {odd}:3: likes 'lots' is not a whole number of likes; left empty" \
        in warnings
    assert any(w.startswith(f"warning: {odd}:3: comment '2' replies to '404'") for w in warnings)


def test_bad_file_fails_with_file_line_and_reason(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('[{"id": 1, "text": "ok"},\n {"id": 2,, "text": "x"}]')
    done = _run("comments", str(bad), "--out", str(tmp_path / "o.csv"))
    assert done.returncode == 2
    assert f"{bad.name}:2: invalid JSON" in done.stderr
    assert "Traceback" not in done.stderr


def test_three_short_comments_get_a_table_not_a_topic_model_error(tmp_path):
    source = tmp_path / "t05.csv"
    source.write_text("id,text\n1,Thanks!\n2,Thanks a lot\n3,Same here\n", encoding="utf-8")
    out = tmp_path / "x.csv"
    done = _run("comments", str(source), "--out", str(out))
    assert done.returncode == 0, done.stderr
    table = read_safe_csv(out)
    assert len(table) == 3
    assert table[Col.TOPIC_LABEL].notna().all()


def test_an_output_in_a_missing_folder_fails_before_the_analysis(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('[{"id": 1,, "text": "x"}]')
    out = tmp_path / "missing" / "x.csv"
    # The source is broken too: the output is checked first, so its error is the one shown.
    done = _run("comments", str(bad), "--out", str(out))
    assert done.returncode == 2
    assert f"cannot write --out {out}: No such file or directory" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_output_that_is_a_folder_fails_with_a_clear_message(tmp_path):
    done = _run("comments", str(SEED_WITH_COMMENTS), "--out", str(tmp_path))
    assert done.returncode == 2
    assert f"cannot write --out {tmp_path}: it is a directory" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unwritable_pairs_file_fails_before_anything_is_written(tmp_path):
    out, pairs = tmp_path / "t.csv", tmp_path / "t.csv" / "p.csv"
    done = _run("threads", str(SEED_WITH_COMMENTS), "--out", str(out), "--pairs", str(pairs))
    assert done.returncode == 2
    assert f"cannot write --pairs {pairs}" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_the_output_check_leaves_no_file_behind(tmp_path):
    pairs = tmp_path / "p.csv"
    done = _run("threads", str(tmp_path / "absent.txt"), "--out", "-", "--pairs", str(pairs))
    assert done.returncode == 2  # the missing source, reported after the outputs were checked
    assert not pairs.exists()


def test_zero_topics_lets_the_data_choose(tmp_path):
    chosen, zero = tmp_path / "chosen.csv", tmp_path / "zero.csv"
    assert _run("comments", str(SEED_WITH_COMMENTS), "--out", str(chosen)).returncode == 0
    done = _run("comments", str(SEED_WITH_COMMENTS), "--out", str(zero), "--topics", "0")
    assert done.returncode == 0, done.stderr
    assert zero.read_bytes() == chosen.read_bytes()


def test_negative_topics_is_a_usage_error(tmp_path):
    done = _run("comments", str(SEED_WITH_COMMENTS), "--out", str(tmp_path / "x.csv"),
                "--topics", "-2")
    assert done.returncode == 2
    assert "argument --topics: must be 0 (chosen from the data) or a positive number" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr


def test_partitions_other_than_a_positive_number_are_a_usage_error(tmp_path):
    # 0 read as "the default" and -3 as one partition, without a word.
    for value, reason in (("0", "must be a positive number, got 0"),
                          ("-3", "must be a positive number, got -3"),
                          ("two", "not a whole number: 'two'")):
        done = _run("threads", str(SEED_WITH_COMMENTS), "--out", str(tmp_path / "x.csv"),
                    "--engine", "dask", "--partitions", value)
        assert done.returncode == 2
        assert f"argument --partitions: {reason}" in done.stderr
        assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.csv").exists()


def test_a_reader_that_stops_early_gets_no_traceback():
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head -1` after its line: every write now fails
    try:
        done = subprocess.run(
            [sys.executable, "-m", "analysis", "report", str(SEED_WITH_COMMENTS),
             str(SEED_ARTICLE_ONLY)],
            stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=PROJECT_ROOT, timeout=300,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 1
    assert done.stderr == ""


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning: ")]


def test_comments_names_each_dropped_line_on_stderr(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text('{"id": "1", "text": "fine"}\n{"id": "2", "text": \n\n'
                    '{"id": "3", "text": "reply", "parent_id": "1"}\n'
                    '{"id": "4", "text": "orphan", "parent_id": "99"}\n', encoding="utf-8")
    done = _run("comments", str(path), "--out", "-")
    assert done.returncode == 0, done.stderr
    warnings = _warnings(done.stderr)
    assert f"warning: {path}:2: skipped: invalid JSON: Expecting value (column 21)" in warnings
    assert (f"warning: {path}:5: comment '4' replies to '99', which is not in the file; kept "
            "as top-level") in warnings
    assert f"warning: {path}: 1 line skipped: blank line" in warnings
    assert done.stdout.splitlines()[0] == ",".join(COMMENT_COLUMNS)  # stdout stays the CSV
    assert "%|" not in done.stderr  # no progress bar when stderr is not a terminal


def test_dropped_lines_are_listed_up_to_twenty_per_reason(tmp_path):
    good = [f'{{"id": "{i}", "text": "comment {i}"}}' for i in range(3)]
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(good + ["{not json"] * 25) + "\n", encoding="utf-8")
    done = _run("threads", str(path), "--out", str(tmp_path / "t.csv"))
    assert done.returncode == 0, done.stderr
    listed = [w for w in _warnings(done.stderr) if "invalid JSON" in w and "skipped" in w]
    assert [w.split(":")[2] for w in listed] == [str(n) for n in range(4, 24)]
    assert f"warning: {path}: ... and 5 more: invalid JSON" in _warnings(done.stderr)


def test_blank_lines_and_page_furniture_are_summed_per_kind():
    done = _run("comments", str(SEED_ARTICLE_ONLY), str(SEED_WITH_COMMENTS), "--out", os.devnull)
    assert done.returncode == 0, done.stderr
    warnings = _warnings(done.stderr)
    article_only = [w for w in warnings if w.startswith(f"warning: {SEED_ARTICLE_ONLY}:")]
    assert f"warning: {SEED_ARTICLE_ONLY}: 15 lines skipped: blank line" in article_only
    assert f"warning: {SEED_ARTICLE_ONLY}: 1 line skipped: boilerplate: photo credit" \
        in article_only
    assert not any(f"{SEED_ARTICLE_ONLY}:2:" in w for w in warnings)  # not listed line by line
    assert f"warning: {SEED_WITH_COMMENTS}:102: looks cut off by the scraper; kept, flagged" \
        in warnings


def test_a_file_given_twice_is_read_once_and_two_files_of_one_name_are_refused(tmp_path):
    source = tmp_path / "a" / "export.csv"
    source.parent.mkdir()
    source.write_text("id,parent_id,text\n1,,first\n2,1,second\n", encoding="utf-8")
    done = _run("comments", str(source), str(source), "--out", "-")
    assert done.returncode == 0, done.stderr
    assert len(read_safe_csv(io.StringIO(done.stdout))) == 2  # not counted twice
    assert f"warning: {source}: given twice; read once" in _warnings(done.stderr)

    other = tmp_path / "b" / "export.csv"
    other.parent.mkdir()
    other.write_text("id,parent_id,text\n1,,another\n", encoding="utf-8")
    done = _run("threads", str(source), str(other), "--out", str(tmp_path / "t.csv"))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {other}: has the same file name as {source};")
    assert not (tmp_path / "t.csv").exists()


def test_every_command_that_reads_sources_says_what_they_may_be():
    for command in ("comments", "threads", "people", "report"):
        done = _run(command, "--help")
        assert done.returncode == 0
        usage = " ".join(done.stdout.split())
        assert "sources scraped pages (.txt: the article, then the comments) or exports" in usage


def test_an_output_that_is_an_input_or_another_output_is_refused(tmp_path):
    source = tmp_path / "export.csv"
    original = "id,parent_id,text\n1,,first\n2,1,second\n"
    source.write_text(original, encoding="utf-8")
    done = _run("comments", str(source), "--out", str(source))
    assert done.returncode == 2
    assert done.stderr == (f"error: cannot write --out {source}: it is one of the inputs, "
                           "which it would overwrite\n")
    assert source.read_text(encoding="utf-8") == original
    out = tmp_path / "t.csv"
    done = _run("threads", str(source), "--out", str(out), "--pairs",
                str(tmp_path / "." / "t.csv"))
    assert done.returncode == 2
    assert "--out writes it too" in done.stderr and not out.exists()


def test_a_folder_stands_for_the_pages_and_exports_directly_in_it(tmp_path):
    folder = tmp_path / "exports"
    (folder / "older").mkdir(parents=True)
    (folder / "b.csv").write_text("id,parent_id,text\n1,,first\n2,1,second\n", encoding="utf-8")
    (folder / "a.jsonl").write_text('{"id": "x", "text": "third"}\n', encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "older" / "c.csv").write_text("id,text\n9,not read\n", encoding="utf-8")
    done = _run("comments", str(folder), "--out", "-")
    assert done.returncode == 0, done.stderr
    table = read_safe_csv(io.StringIO(done.stdout))
    assert table[Col.SOURCE].tolist() == ["a.jsonl", "b.csv", "b.csv"]  # in name order
    assert table[Col.TEXT].tolist() == ["third", "first", "second"]
    assert f"warning: {folder}: not read, not a page or export by its suffix: photo.png" \
        in _warnings(done.stderr)
    # Its files are inputs like any other: an output onto one of them is refused.
    done = _run("comments", str(folder), "--out", str(folder / "b.csv"))
    assert done.returncode == 2
    assert "it is one of the inputs" in done.stderr


def test_a_folder_reads_a_disqus_export_and_leaves_its_sitemap_and_feed_aside(tmp_path):
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0"?>\n<urlset><url><loc>https://x.example/</loc></url></urlset>\n',
        encoding="utf-8")
    (tmp_path / "feed.xml").write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel>'
                                       "<item><title>News</title></item></channel></rss>\n",
                                       encoding="utf-8")
    (tmp_path / "paper.xml").write_text(
        '<?xml version="1.0"?>\n<disqus xmlns:dsq="http://disqus.com/disqus-internals">\n'
        '<post dsq:id="1"><message>&lt;p&gt;Open at last&lt;/p&gt;</message>'
        "<author><name>Ann</name></author></post>\n</disqus>\n", encoding="utf-8")
    done = _run("comments", str(tmp_path), "--out", "-")
    assert done.returncode == 0, done.stderr
    assert read_safe_csv(io.StringIO(done.stdout))[Col.TEXT].tolist() == ["Open at last"]
    assert (f"warning: {tmp_path}: not read, XML that is no Disqus or WordPress export: "
            "feed.xml, sitemap.xml") in _warnings(done.stderr)


def test_a_folder_without_a_page_or_export_is_an_error_that_names_it(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    done = _run("report", str(tmp_path))
    assert done.returncode == 2
    assert f"error: {tmp_path}: a folder with no page or export in it" in done.stderr
