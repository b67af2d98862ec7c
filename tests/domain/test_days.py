"""Days in sentences and columns (issue #19: no ISO date inside a French sentence)."""

from __future__ import annotations


def test_a_day_reads_the_french_way_in_french_and_iso_in_english():
    from app.domain.text import format_day

    assert format_day("2026-12-07T10:15:00+00:00", "fr") == "07/12/2026"
    assert format_day("2026-12-07", "en") == "2026-12-07"
    assert format_day(None, "fr") == "?" and format_day("not a date", "fr") == "not a date"
