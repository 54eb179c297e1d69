"""Mourning days and record numbers as mkdocs.yml gives them."""

from __future__ import annotations

import pytest
from brandsite.errors import BrandsiteError

from brandsite.site.govweb import mourning_periods, record_digits


def test_mourning_days_every_year_once_and_periods():
    assert mourning_periods(["12-13", "2025-04-04", "04-03..04-05", "2025-04-03..2025-04-05", "12-31..01-02"]) == [
        ["12-13", "12-13"], ["2025-04-04", "2025-04-04"], ["04-03", "04-05"], ["2025-04-03", "2025-04-05"], ["12-31", "01-02"]]
    assert mourning_periods(["02-29"]) == [["02-29", "02-29"]]


@pytest.mark.parametrize("bad", ["12/13", "13-01", "2025-02-30", "04-03..2025-04-05", "清明"])
def test_a_wrong_mourning_day_is_a_clear_error(bad):
    with pytest.raises(BrandsiteError, match="mourning_days"):
        mourning_periods(["12-13", bad])


def test_police_record_digits_for_the_lookup_link():
    assert record_digits("京公网安备 11010502030000号") == "11010502030000"


def test_a_date_written_without_quotes_is_a_mourning_day():
    """YAML reads `2025-04-04` as a date, not text: the option takes both."""
    import datetime

    from brandsite.site import govweb

    assert govweb.mourning_periods([datetime.date(2025, 4, 4), "12-13"]) == [["2025-04-04", "2025-04-04"], ["12-13", "12-13"]]


@pytest.mark.parametrize("written, read", [("12-13", ["12-13"]), (None, []), (["12-13", "04-04"], ["12-13", "04-04"]),
                                           (False, []), ("", []), (["12-13", None, ""], ["12-13"])])
def test_one_day_without_brackets_and_an_empty_option_are_read_as_lists(written, read):
    """`mourning_days: 12-13` (no brackets) was refused with MkDocs' English message, and
    `mourning_days:` left empty with "Required configuration not provided"; `no` and "" mean none."""
    from brandsite.config import MourningDays

    assert MourningDays().run_validation(written) == read
