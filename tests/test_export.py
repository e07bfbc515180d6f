import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.export import (
    FORMULA_TRIGGERS,
    guard_cell,
    read_safe_csv,
    safe_csv_bytes,
    to_safe_csv,
    unguard_cell,
)

# The full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20), which some spreadsheet locales turn
# into the ASCII triggers.
FULL_WIDTH = ["\uff1d1+1", "\uff0bSUM(A1)", "\uff0d2+3", "\uff20cmd",
              '\uff1dHYPERLINK("http://x","y")']


# Whitespace before a trigger: spreadsheets may trim it on import, which leaves a formula.
SPACE_LED = [" =1+1", "\t=cmd", "  @SUM(A1)", " -2+3", "\n+1", "\u00a0=1", "\u3000\uff1d1+1",
             ' \t =HYPERLINK("http://x","y")', "  '=1"]


@pytest.mark.parametrize("dangerous", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x",
                                       '=HYPERLINK("http://x","y")', *FULL_WIDTH,
                                       *SPACE_LED[:-1]])
def test_formula_cells_are_guarded(dangerous):
    guarded = guard_cell(dangerous)
    assert guarded == "'" + dangerous
    assert unguard_cell(guarded) == dangerous


def test_plain_text_and_numbers_unchanged():
    frame = pd.DataFrame({"text": ["hello", "=bad"], "score": [-0.5, 0.25]})
    text = to_safe_csv(frame)
    assert "-0.5" in text and "'-0.5" not in text
    assert "'=bad" in text and "hello" in text


# Texts drawn often from the characters the guard looks at, so that whitespace, triggers and
# apostrophes meet at the start of a cell.
GUARD_PRONE = st.text(alphabet=st.sampled_from([*FORMULA_TRIGGERS, " ", "\u3000", "'", "a", "1"]))


@given(st.lists(st.one_of(st.text(), GUARD_PRONE), min_size=1, max_size=20))
def test_round_trip_through_own_reader_gives_same_text(texts):
    frame = pd.DataFrame({"comment_id": [f"c{i}" for i in range(len(texts))], "text": texts})
    back = read_safe_csv(io.BytesIO(safe_csv_bytes(frame)))
    assert len(back) == len(frame)
    # CSV cannot tell an empty cell from an empty string: both read back as missing.
    got = ["" if pd.isna(value) else value for value in back["text"]]
    assert got == texts


def test_full_width_triggers_round_trip_through_a_file(tmp_path):
    texts = [*FULL_WIDTH, "'\uff1d1", "''\uff20x", "\uff1d", "a\uff1d1", "=1", "'=1"]
    frame = pd.DataFrame({"comment_id": [f"c{i}" for i in range(len(texts))], "text": texts,
                          "author": ["\uff0dTom\uff0d"] * len(texts)})
    path = tmp_path / "comments.csv"
    to_safe_csv(frame, path)
    written = pd.read_csv(path, dtype=str, keep_default_na=False)
    # As a spreadsheet sees the cells: none starts with a trigger, full-width or not.
    assert written["text"].tolist() == [
        *("'" + text for text in FULL_WIDTH),
        "''\uff1d1", "'''\uff20x", "'\uff1d", "a\uff1d1", "'=1", "''=1"]
    assert set(written["author"]) == {"'\uff0dTom\uff0d"}
    back = read_safe_csv(path)
    assert back["text"].tolist() == texts
    assert back["author"].tolist() == frame["author"].tolist()


def test_pandas_reads_same_rows(tmp_path):
    frame = pd.DataFrame({"text": ["=1", "multi\nline, with comma", "@x", "ok"]})
    path = tmp_path / "x.csv"
    to_safe_csv(frame, path)
    assert len(pd.read_csv(path)) == 4
    assert read_safe_csv(path)["text"].tolist() == frame["text"].tolist()


def test_whitespace_led_triggers_are_guarded_in_a_file_and_round_trip(tmp_path):
    plain = [" hello", "  12 apples", "a =1", " '=1"]
    texts = [*SPACE_LED, *plain]
    frame = pd.DataFrame({"comment_id": [f"c{i}" for i in range(len(texts))], "text": texts,
                          "author": [" @admin"] * len(texts)})
    path = tmp_path / "comments.csv"
    to_safe_csv(frame, path)
    written = pd.read_csv(path, dtype=str, keep_default_na=False)
    # As a spreadsheet that trims leading whitespace on import sees the cells.
    trimmed = [cell.lstrip() for cell in [*written["text"], *written["author"]]]
    assert not [cell for cell in trimmed if cell.startswith(FORMULA_TRIGGERS)]
    assert written["text"].tolist()[: len(SPACE_LED) - 1] == ["'" + t for t in SPACE_LED[:-1]]
    # Text with no trigger after its whitespace is written as it is.
    assert written["text"].tolist()[len(SPACE_LED) - 1:] == ["  '=1", *plain]
    assert set(written["author"]) == {"' @admin"}
    back = read_safe_csv(path)
    assert back["text"].tolist() == texts
    assert back["author"].tolist() == frame["author"].tolist()
