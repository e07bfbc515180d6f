"""An export's times in the forms people and comment pages write them: numeric dates in the
order the whole column shows, dates in words as the page reader reads them, and ages kept as
the time as shown."""

import re

import pandas as pd

from analysis.readers import read_bytes
from analysis.schema import Col
from analysis.timeline import parse_times


def _read(*times: str):
    rows = "".join(f'{k},a{k},"{time}",text {k}\n' for k, time in enumerate(times, 1))
    return read_bytes("times.csv", ("id,author,created_at,text\n" + rows).encode())


def _instants(source) -> list[str]:
    return [t.isoformat() if t == t else None
            for t in parse_times(source.comments[Col.CREATED_AT])]


def test_dotted_dates_are_day_first_even_when_no_day_is_above_12():
    source = _read("09.03.2020 19:17", "10.03.2020 08:05")
    assert source.comments[Col.CREATED_AT].tolist() == ["2020-03-09T19:17:00",
                                                        "2020-03-10T08:05:00"]
    assert source.comments[Col.TIME_TEXT].tolist() == ["09.03.2020 19:17", "10.03.2020 08:05"]
    assert _instants(source) == ["2020-03-09T19:17:00+00:00", "2020-03-10T08:05:00+00:00"]


def test_one_date_with_a_day_above_12_sets_the_order_of_the_whole_column():
    source = _read("03/09/2020 10:00", "13/09/2020 11:00")
    # Read one by one, the first would be 9 March and the second 13 September.
    assert _instants(source) == ["2020-09-03T10:00:00+00:00", "2020-09-13T11:00:00+00:00"]
    month_first = _read("03/09/2020 10:00", "03/13/2020 11:00")
    assert _instants(month_first) == ["2020-03-09T10:00:00+00:00", "2020-03-13T11:00:00+00:00"]
    assert not [w for w in month_first.report.warnings if "day and month" in w]


def test_slashed_dates_that_never_tell_their_order_are_read_month_first_with_a_warning():
    source = _read("03/09/2020 10:00", "04/09/2020 11:00")
    assert _instants(source) == ["2020-03-09T10:00:00+00:00", "2020-04-09T11:00:00+00:00"]
    warnings = [w for w in source.report.warnings if "day and month" in w]
    assert len(warnings) == 1 and "2 times such as '03/09/2020 10:00'" in warnings[0]


def test_dates_in_words_are_read_as_a_page_shows_them():
    source = _read("9 Mar 2020 19.17", "9. März 2020 19:17", "9 marzo 2020, 19:17",
                   "2020-03-09T19:17:00Z")
    assert _instants(source) == ["2020-03-09T19:17:00+00:00"] * 4
    assert source.comments[Col.TIME_TEXT].tolist()[:3] == [
        "9 Mar 2020 19.17", "9. März 2020 19:17", "9 marzo 2020, 19:17"]
    assert pd.isna(source.comments[Col.TIME_TEXT].iloc[3])
    assert not [w for w in source.report.warnings if "time" in w]


def test_an_age_or_a_day_without_its_year_is_the_time_as_shown_with_no_instant():
    source = _read("18h ago", "il y a 3 heures", "Mar 9", "2020-03-09T19:17:00Z")
    assert source.comments[Col.CREATED_AT].isna().tolist() == [True, True, True, False]
    assert source.comments[Col.TIME_TEXT].tolist()[:3] == ["18h ago", "il y a 3 heures", "Mar 9"]
    named = [w for w in source.report.warnings if "no date to count from" in w]
    assert [re.search(r"line (\d+)", w).group(1) for w in named] == ["2", "3", "4"]


def test_a_zone_name_it_cannot_place_keeps_the_time_unread():
    source = _read("9 Mar 2020 19:17 IST")
    assert source.comments[Col.CREATED_AT].tolist() == ["9 Mar 2020 19:17 IST"]
    assert [w for w in source.report.warnings if "'IST'" in w]
