"""Bad and strange input: every line accounted for exactly once, or a SourceError that names
the file, the line and the reason. Nothing else may escape the readers."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.readers import SourceError, read_bytes
from analysis.schema import Col

PAGE_HEAD = "A title for the article\nThe article body, one paragraph.\n\n\n\n"


def _assert_every_line_once(source) -> None:
    report = source.report
    skipped = [s.line for s in report.skipped]
    assert len(skipped) == len(set(skipped)), "a line skipped twice"
    commented = []
    for _, row in source.comments.iterrows():
        if row[Col.LINE_START] is not None and str(row[Col.LINE_START]) != "<NA>":
            commented.extend(range(int(row[Col.LINE_START]), int(row[Col.LINE_END]) + 1))
    assert len(commented) == len(set(commented)), "a line in two comments"
    assert not set(commented) & set(skipped), "a line both in a comment and skipped"
    assert report.accounted_lines == report.total_lines


@pytest.mark.parametrize(("name", "data", "encoding"), [
    ("latin1.txt", (PAGE_HEAD + "C'est très écrit.\nÀ mon avis, non.\n").encode("latin-1"),
     "cp1252"),
    ("utf16.txt", (PAGE_HEAD + "first 😀\nsecond\n").encode("utf-16"), "utf-16"),
    ("bom.txt", b"\xef\xbb\xbf" + (PAGE_HEAD + "a comment\n").encode(), "utf-8-sig"),
    ("utf16.csv", "id,text\n1,hé\n2,ho\n".encode("utf-16"), "utf-16"),
])
def test_encodings_are_detected_and_reported(name, data, encoding):
    source = read_bytes(name, data)
    assert source.report.encoding == encoding
    assert len(source.comments) >= 1
    assert "\ufffd" not in "".join(source.comments[Col.TEXT])
    _assert_every_line_once(source)


def test_mixed_line_endings_count_as_lines():
    data = b"Title\r\nBody\r\n\r\n\r\n\r\nfirst is here\rsecond is here\nthird is here\r\n"
    source = read_bytes("mixed.txt", data)
    assert source.report.total_lines == 8
    assert source.comments[Col.LINE_START].tolist()[0] == 6
    assert source.comments[Col.LINE_END].max() == 8
    _assert_every_line_once(source)


def test_five_megabyte_line_is_one_comment():
    data = (PAGE_HEAD + "word " * 1_000_000 + "\n").encode()
    source = read_bytes("long.txt", data)
    assert len(source.comments) == 1
    assert len(source.comments.iloc[0][Col.TEXT]) >= 4_999_999
    _assert_every_line_once(source)


@pytest.mark.slow
def test_a_million_lines_all_accounted_for():
    body = "\n".join(f"comment {i} says the EU should act." for i in range(1_000_000))
    source = read_bytes("big.txt", (PAGE_HEAD + body + "\n").encode())
    report = source.report
    assert report.total_lines == 1_000_005
    assert report.accounted_lines == report.total_lines
    assert report.comment_lines == 1_000_000


def test_odd_text_is_kept_and_cleaned_of_control_characters():
    lines = ["مرحبا بكم في النقاش", "zero\u200bwidth", "bell\x07 and nul\x01 chars",
             "https://example.com/only-a-url", "!!!???", "a" * 5000, "😀😀😀"]
    source = read_bytes("odd.txt", (PAGE_HEAD + "\n".join(lines) + "\n").encode())
    text = "\n".join(source.comments[Col.TEXT])
    for kept in ("مرحبا", "zero\u200bwidth", "https://example.com", "!!!???", "😀😀😀"):
        assert kept in text
    assert "\x07" not in text and "bell and nul chars" in text
    _assert_every_line_once(source)


def test_line_of_only_invisible_characters_is_blank():
    source = read_bytes("zw.txt", (PAGE_HEAD + "real comment\n\u200b\u200d\n").encode())
    assert {s.reason for s in source.report.skipped if s.line == 7} == {"blank line"}


def test_csv_with_too_many_fields_reports_the_row_and_keeps_the_rest():
    source = read_bytes("ragged.csv", b"id,text\n1,fine\n2,too,many\n3,also fine\n")
    assert source.comments[Col.COMMENT_ID].tolist() == ["1", "3"]
    reasons = {s.line: s.reason for s in source.report.skipped}
    assert "malformed row" in reasons[3]
    _assert_every_line_once(source)


def test_truncated_json_names_the_line():
    document = json.dumps([{"id": i, "text": f"comment {i}"} for i in range(5)], indent=1)
    cut = document[: len(document) // 2].encode()
    with pytest.raises(SourceError) as caught:
        read_bytes("cut.json", cut)
    assert caught.value.line is not None and caught.value.line > 1
    assert "JSON" in caught.value.reason


# ------------------------------------------------------------------ property tests

_line = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80).map(
    lambda s: s.replace("\r", "").replace("\n", ""))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_line, min_size=0, max_size=40), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_page_accounts_for_every_line_or_raises_source_error(lines, newline):
    data = newline.join(lines).encode("utf-8")
    try:
        source = read_bytes("page.txt", data)
    except SourceError as err:
        assert err.path == "page.txt" and err.reason
        return
    assert source.report.total_lines == len(data.decode().splitlines()) or lines
    _assert_every_line_once(source)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["x.txt", "x.csv", "x.json", "x.jsonl"]))
def test_any_bytes_in_any_format_load_or_raise_source_error(data, name):
    try:
        source = read_bytes(name, data)
    except SourceError as err:
        assert err.path == name and err.reason
        return
    _assert_every_line_once(source)


_cell = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_cell, _cell, _cell), min_size=1, max_size=15))
def test_any_csv_rows_load_or_raise_source_error(rows):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "parent_id", "text"])
    writer.writerows(rows)
    try:
        source = read_bytes("rows.csv", buffer.getvalue().encode())
    except SourceError as err:
        assert err.path == "rows.csv"
        return
    _assert_every_line_once(source)
    assert source.comments[Col.COMMENT_ID].is_unique


def test_one_bad_byte_in_utf8_is_replaced_and_its_line_named():
    data = (PAGE_HEAD + "Très bien, ça marche.\nUn café " ).encode() + b"\xff" + \
        " à Zürich.\nDernière ligne.\n".encode()
    source = read_bytes("damaged.txt", data)
    assert source.report.encoding == "utf-8"
    text = "\n".join(source.comments[Col.TEXT])
    assert "Très bien, ça marche." in text and "Un café \ufffd à Zürich." in text
    assert source.report.warnings == ["line 7: bytes that are not UTF-8, shown as \ufffd"]
    _assert_every_line_once(source)


def test_an_excel_separator_line_names_the_delimiter():
    data = b'sep=;\r\nid;parent_id;text\r\n1;;Hallo, Welt\r\n2;1;"Nein\r\ndoch"\r\n3;1;ok\r\n'
    source = read_bytes("excel.csv", data)
    assert source.comments[Col.COMMENT_ID].tolist() == ["1", "2", "3"]
    assert source.comments[Col.TEXT].tolist() == ["Hallo, Welt", "Nein\ndoch", "ok"]
    assert source.comments[Col.PARENT_ID].tolist() == ["", "1", "1"]
    assert [s.line for s in source.report.skipped] == [1, 2]  # the sep= line and the header
    _assert_every_line_once(source)
