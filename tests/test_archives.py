"""Compressed sources (.gz, .bz2, .xz) and ZIP archives, built in each test from tiny
hand-written files: read as the file inside, every member read or named as skipped, and sizes
capped while unpacking."""

import bz2
import gzip
import io
import json
import lzma
import zipfile

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.__main__ import main
from analysis.pipeline import analyse_files
from analysis.readers import (
    SourceError,
    read_bytes,
    read_source,
    source_files_in,
    unpack_archives,
)
from analysis.schema import Col
from analysis.sources import archives
from analysis.sources.archives import uncompressed, zip_members
from analysis.sources.reading import is_source_name
from tests.test_app import APP, TIMEOUT, count_caption
from tests.test_xml_exports import DISQUS

PAGE = ("The council met on Tuesday to vote on the bridge.\n"
        "It passed by one vote.\n\n\n\n"
        "About time they fixed it.\n"
        "Nobody asked the people who live by the river.\n")
CSV = ("id,parent_id,author,created_at,text\n"
       "1,,ann,2024-01-01T10:00:00Z,First comment here\n"
       "2,1,bo,2024-01-01T11:00:00Z,A reply to the first\n")
JSONL = "".join(json.dumps({"id": f"c{i}", "author": f"u{i}", "created_utc": 1546300800 + i,
                            "body": f"comment number {i}"}) + "\n" for i in range(3))
SLACK_DAY = [{"type": "message", "user": "U1", "text": "Hello channel", "ts": "1577872800.000100",
              "user_profile": {"name": "ann"}},
             {"type": "message", "user": "U2", "text": "Hi ann", "ts": "1577872900.000200",
              "thread_ts": "1577872800.000100", "user_profile": {"name": "bo"}}]


def _zip(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return buffer.getvalue()


def _same_reading(packed, plain):
    """The two sources hold the same comments and articles, but for the source's name."""
    columns = [c for c in packed.comments.columns if c != Col.SOURCE]
    assert packed.comments[columns].equals(plain.comments[columns])
    assert len(packed.articles) == len(plain.articles)
    assert packed.report.kind == plain.report.kind


@pytest.mark.parametrize(("name", "text", "kind", "comments"), [
    ("page.txt", PAGE, "page", 2),
    ("comments.csv", CSV, "csv", 2),
    ("paper-all.xml", DISQUS, "xml", 2),
])
def test_a_gzip_file_reads_as_the_file_inside_under_its_own_name(name, text, kind, comments):
    packed = read_bytes(f"{name}.gz", gzip.compress(text.encode()))
    plain = read_bytes(name, text.encode())
    assert packed.report.kind == kind and packed.report.comments == comments
    _same_reading(packed, plain)
    if kind != "page":
        assert set(packed.comments[Col.SOURCE]) == {f"{name}.gz"}
    # Line numbers are those of the unpacked text.
    assert packed.comments[Col.LINE_START].tolist() == plain.comments[Col.LINE_START].tolist()


@pytest.mark.parametrize(("suffix", "compress"), [(".bz2", bz2.compress),
                                                  (".xz", lzma.compress)])
def test_bzip2_and_xz_files_read_too(suffix, compress):
    source = read_bytes(f"comments.csv{suffix}", compress(CSV.encode()))
    assert source.report.kind == "csv"
    assert source.comments[Col.TEXT].tolist() == ["First comment here", "A reply to the first"]


def test_a_gzip_file_without_an_inner_suffix_is_read_by_its_content(write_source):
    # A Pushshift-like dump: RC_2019-01.gz holds JSON lines under no suffix.
    source = read_source(write_source("RC_2019-01.gz", gzip.compress(JSONL.encode())))
    assert source.report.kind == "jsonl" and source.report.comments == 3


def test_a_corrupt_gzip_file_is_an_error_naming_it():
    with pytest.raises(SourceError) as err:
        read_bytes("comments.csv.gz", gzip.compress(CSV.encode())[:30])
    assert err.value.path == "comments.csv.gz"
    assert "corrupt or cut short" in err.value.reason


def test_a_zstandard_dump_is_refused_naming_the_tool_to_unpack_it():
    with pytest.raises(SourceError) as err:
        read_bytes("RC_2019-01.zst", b"\x28\xb5\x2f\xfd" + b"\x00" * 20)
    assert "zstd -d" in err.value.reason


def test_a_gzip_bomb_stops_at_the_cap(monkeypatch):
    bomb = gzip.compress(b"a" * 2_000_000)  # about 2 KB packed
    with pytest.raises(SourceError) as err:
        uncompressed("page.txt.gz", bomb, max_bytes=100_000)
    assert "more than" in err.value.reason
    monkeypatch.setattr(archives, "MAX_UNPACKED_BYTES", 100_000)
    with pytest.raises(SourceError, match="more than 97.6562 KiB"):
        read_bytes("page.txt.gz", bomb)


def test_an_archive_inside_a_gzip_file_is_refused():
    with pytest.raises(SourceError) as err:
        read_bytes("dump.tar.gz", gzip.compress(b"not read"))
    assert err.value.path == "dump.tar.gz" and "inside a compressed file" in err.value.reason


def test_a_zip_reads_every_source_member_and_names_the_others():
    data = _zip({"page.txt": PAGE, "exports/comments.csv": CSV, "exports/": "",
                 "__MACOSX/exports/._comments.csv": "x", ".DS_Store": "x",
                 "notes.docx": b"PK\x03\x04", "inner.zip": _zip({"a.txt": PAGE}),
                 "more.csv.gz": gzip.compress(CSV.encode()),
                 "sitemap.xml": '<?xml version="1.0"?><urlset></urlset>'})
    files, skipped = unpack_archives([("first.csv", CSV.encode()), ("bundle.zip", data)])
    assert [name for name, _ in files] == ["first.csv", "bundle.zip/page.txt",
                                           "bundle.zip/exports/comments.csv"]
    assert files[2][1] == CSV.encode()
    assert {member: why for _, member, why in skipped} == {
        "notes.docx": "not a page or export by its suffix",
        "inner.zip": "an archive inside the archive: unpack it first",
        "more.csv.gz": "an archive inside the archive: unpack it first",
        "sitemap.xml": "XML that is no Disqus or WordPress export",
    }
    source = read_bytes(*files[2])
    assert set(source.comments[Col.SOURCE]) == {"bundle.zip/exports/comments.csv"}


def test_a_slack_export_zip_reads_the_channel_days_and_skips_its_lists():
    data = _zip({"users.json": json.dumps([{"id": "U1", "name": "ann"}]),
                 "channels.json": json.dumps([{"id": "C1", "name": "general"}]),
                 "general/2020-01-01.json": json.dumps(SLACK_DAY)})
    files, skipped = unpack_archives([("slack.zip", data)])
    assert [name for name, _ in files] == ["slack.zip/general/2020-01-01.json"]
    assert [member for _, member, _ in skipped] == ["users.json", "channels.json"]
    source = read_bytes(*files[0])
    assert source.comments[Col.AUTHOR].tolist() == ["ann", "bo"]


def test_a_zip_member_over_the_cap_stops_the_archive_naming_the_member(monkeypatch):
    data = _zip({"small.txt": PAGE, "big.csv": "id,text\n" + "1,a\n" * 500_000})
    assert len(data) < 20_000
    with pytest.raises(SourceError) as err:
        zip_members("bomb.zip", data, is_source_name, max_bytes=100_000)
    assert err.value.path == "bomb.zip" and "'big.csv'" in err.value.reason
    # unpack_archives leaves such an archive whole, and reading it says why.
    monkeypatch.setattr(archives, "MAX_UNPACKED_BYTES", 100_000)
    files, _ = unpack_archives([("bomb.zip", data)])
    assert [name for name, _ in files] == ["bomb.zip"]
    with pytest.raises(SourceError, match="'big.csv'"):
        read_bytes(*files[0])


def test_a_zip_of_too_many_members_is_refused():
    data = _zip({f"{n}.txt": PAGE for n in range(5)})
    with pytest.raises(SourceError, match="5 members"):
        zip_members("many.zip", data, is_source_name, max_members=4)


def test_zip_member_names_are_only_labels_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = _zip({"../escape.csv": CSV, "/etc/abs.txt": PAGE, "ok.csv": CSV})
    files, skipped = unpack_archives([("evil.zip", data)])
    assert [name for name, _ in files] == ["evil.zip/ok.csv"]
    assert [(member, why) for _, member, why in skipped] == [
        ("../escape.csv", "a path out of the archive (.. or absolute)"),
        ("/etc/abs.txt", "a path out of the archive (.. or absolute)")]
    assert list(tmp_path.iterdir()) == [] and not (tmp_path.parent / "escape.csv").exists()


@pytest.mark.parametrize(("data", "expected"), [
    (b"PK\x03\x04 cut short", "not a readable ZIP archive"),
    (_zip({"photo.png": b"\x89PNG"}), "no page or export among its members (photo.png"),
    (_zip({"page.txt": PAGE}), "read its members with unpack_archives"),
])
def test_a_zip_given_to_the_reader_is_an_error_that_says_why(data, expected):
    with pytest.raises(SourceError) as err:
        read_bytes("export.zip", data)
    assert err.value.path == "export.zip" and expected in err.value.reason


def test_a_folder_reads_compressed_exports_by_the_name_inside(tmp_path, capsys):
    (tmp_path / "paper-all.xml.gz").write_bytes(gzip.compress(DISQUS.encode()))
    (tmp_path / "sitemap.xml.gz").write_bytes(gzip.compress(b'<?xml version="1.0"?><urlset/>'))
    (tmp_path / "dump.gz").write_bytes(gzip.compress(JSONL.encode()))
    readable, other = source_files_in(tmp_path)
    assert [p.name for p in readable] == ["paper-all.xml.gz"]
    assert sorted(p.name for p in other) == ["dump.gz", "sitemap.xml.gz"]
    out = tmp_path / "out.csv"
    assert main(["comments", str(tmp_path), "--out", str(out)]) == 0
    assert "Finally" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("uploads", "count", "warning"), [
    ([("paper-all.xml.gz", gzip.compress(DISQUS.encode()))], "2 of 2 comments", None),
    ([("bundle.zip", _zip({"a.csv": CSV, "b/c.csv": CSV.replace("ann", "cy"),
                           "notes.docx": b"PK\x03\x04"}))],
     "4 of 4 comments", "notes.docx (not a page or export by its suffix)"),
])
def test_the_app_reads_uploaded_archives(uploads, count, warning):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    uploader = at.get("file_uploader")[0]
    for name, data in uploads:
        uploader.upload(name, data, "application/octet-stream")
    at.run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert count_caption(at).startswith(count)
    warnings = [w.value.replace("\\", "") for w in at.warning]
    if warning:
        assert any(warning in w for w in warnings), warnings


def test_the_command_line_reads_a_zip_member_by_member_as_the_app_does(tmp_path, capsys):
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(_zip({"page.txt": PAGE, "exports/comments.csv": CSV,
                              "notes.docx": b"PK\x03\x04"}))
    out = tmp_path / "out.csv"
    assert main(["comments", str(archive), "--out", str(out)]) == 0
    table = pd.read_csv(out)
    uploaded, _ = unpack_archives([("bundle.zip", archive.read_bytes())])
    app_reading = analyse_files(uploaded).comments
    assert list(table[Col.SOURCE].unique()) == ["bundle.zip/page.txt",
                                                "bundle.zip/exports/comments.csv"]
    assert table[Col.TEXT].tolist() == app_reading[Col.TEXT].tolist()
    assert table[Col.PARENT_ID].fillna("").astype(str).tolist() == \
        app_reading[Col.PARENT_ID].fillna("").astype(str).tolist()
    assert "bundle.zip: not read, notes.docx: not a page or export by its suffix" in \
        capsys.readouterr().err


def test_the_command_line_reports_and_counts_authors_per_member(tmp_path, capsys):
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(_zip({"page.txt": PAGE, "comments.csv": CSV}))
    assert main(["report", str(archive)]) == 0
    report = capsys.readouterr().out
    assert "source: bundle.zip/page.txt (page" in report
    assert "source: bundle.zip/comments.csv (csv" in report
    assert main(["people", str(archive), "--out", str(tmp_path / "people.csv")]) == 0
    err = capsys.readouterr().err
    # The page names no authors; the export does, and is not named so.
    assert "bundle.zip/page.txt: names no authors" in err
    assert "bundle.zip/comments.csv: names no authors" not in err
    assert sorted(pd.read_csv(tmp_path / "people.csv")["author"]) == ["ann", "bo"]


@pytest.mark.parametrize(("data", "expected"), [
    (b"PK\x03\x04 cut short", "not a readable ZIP archive"),
    (_zip({"photo.png": b"\x89PNG"}), "no page or export among its members (photo.png"),
])
def test_the_command_line_names_a_zip_it_cannot_read(tmp_path, capsys, data, expected):
    archive = tmp_path / "export.zip"
    archive.write_bytes(data)
    assert main(["comments", str(archive), "--out", str(tmp_path / "out.csv")]) == 2
    assert expected in capsys.readouterr().err


def test_a_zip_in_a_folder_is_named_not_read(tmp_path, capsys):
    (tmp_path / "comments.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "comments.zip").write_bytes(_zip({"comments.csv": CSV}))
    out = tmp_path / "out.csv"
    assert main(["comments", str(tmp_path), "--out", str(out)]) == 0
    assert len(pd.read_csv(out)) == 2
    assert "a ZIP archive in a folder (give it by name to read its members): comments.zip" \
        in capsys.readouterr().err


def test_corrections_name_an_archive_member_by_its_label(tmp_path):
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(_zip({"page.txt": PAGE, "comments.csv": CSV}))
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("source,line,action,target\nbundle.zip/comments.csv,2,parent,\n",
                     encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["comments", str(archive), "--corrections", str(fixes), "--out", str(out)]) == 0
    table = pd.read_csv(out, dtype=str).set_index(Col.COMMENT_ID)
    assert pd.isna(table.loc["2", Col.PARENT_ID])
    assert table.loc["2", Col.REPLY_EVIDENCE] == "corrected by hand"
