"""Pages of the thirty-fourth session's unseen layouts: ages in the languages the lexicon lacked
("prieš 3 val.", "pre 3 sata"), Serbian's "avg", and what a reading keeps when its first names
are one button throughout."""

import pandas as pd
import pytest

from analysis.layout import TIME, classify_line
from analysis.timeline import age_seconds

# (line, seconds it says): one or two per language the thirty-fourth session added, in the
# forms their news sites print (the short units with their dots, the number left out for one)
AGES_ADDED = [
    ("prieš 18 val.", 18 * 3600), ("prieš 3 valandas", 3 * 3600), ("prieš valandą", 3600),
    ("pirms 3 stundām", 3 * 3600), ("3 tundi tagasi", 3 * 3600), ("for 3 timer siden", 3 * 3600),
    ("for en time siden", 3600), ("3 minutter siden", 180), ("fa 3 hores", 3 * 3600),
    ("pred 3 hodinami", 3 * 3600), ("pred 3 urami", 3 * 3600), ("prije 2 sata", 2 * 3600),
    ("pre 3 sata", 3 * 3600), ("pre 5 min", 300), ("пре 3 сата", 3 * 3600),
    ("преди 3 часа", 3 * 3600), ("3 jam yang lalu", 3 * 3600), ("3 minit lalu", 180),
    ("3 ชั่วโมงที่แล้ว", 3 * 3600), ("3 oras ang nakalipas", 3 * 3600),
]


@pytest.mark.parametrize(("line", "seconds"), AGES_ADDED)
def test_ages_in_the_languages_added_read_as_times_and_order_comments(line, seconds):
    marker = classify_line(line)
    assert (marker.kind, marker.time_text, marker.created_at) == (TIME, line, None)
    assert age_seconds(pd.Series([line], dtype=object)).tolist() == [seconds]


@pytest.mark.parametrize("line", ["ką tik", "pravkar", "току-що", "vakar 19:17", "juče 19:17",
                                  "i går 19:17"])
def test_just_now_and_yesterday_with_a_clock_in_the_languages_added_are_times(line):
    assert classify_line(line).kind == TIME


@pytest.mark.parametrize("line", ["pre 3 sata i posle", "for 3 timer", "Fa tres hores"])
def test_words_around_an_age_keep_a_line_text(line):
    assert classify_line(line).kind != TIME


def test_a_serbian_date_in_august_is_dated():
    assert classify_line("14. avg 2016. 01:24").created_at == "2016-08-14T01:24:00"
