"""One reader per kind of input, shared by forms, the API and the command line."""

from __future__ import annotations

import datetime as dt

import pytest

from tandem.lib.dates import read_date
from tandem.lib.efforts import format_effort, read_effort
from tandem.lib.errors import TandemError
from tandem.lib.numbers import read_choice, read_priority

TUESDAY = dt.date(2026, 12, 1)


def test_it_reads_a_priority_or_none_for_blank():
    assert read_priority(" 3 ") == 3
    assert read_priority(7) == 7
    assert read_priority("") is None
    assert read_priority(None) is None


@pytest.mark.parametrize("text", ["0", "-1", "first", "1000", "2.5", "1e3", "٣"])
def test_it_refuses_what_is_not_a_priority_and_names_the_field(text):
    with pytest.raises(TandemError) as refused:
        read_priority(text)

    assert refused.value.field == "priority"
    assert "is not a priority: use 1 (most important) to 999" in refused.value.message


@pytest.mark.parametrize(
    "text,count,expected",
    [("0", 3, 0), ("2", 3, 2), ("3", 3, None), ("", 3, None), (None, 3, None), ("x", 3, None)],
)
def test_it_reads_a_choice_among_a_few_or_none(text, count, expected):
    assert read_choice(text, count) == expected


def test_it_reads_an_effort_and_names_the_field_it_came_from():
    assert read_effort("1h30", 480, field="remaining") == 90
    assert read_effort("  ", 480, field="remaining") is None
    with pytest.raises(TandemError) as refused:
        read_effort("lots", 480, field="remaining")
    assert refused.value.field == "remaining"
    with pytest.raises(TandemError, match="Enter an effort"):
        read_effort("", 480, field="effort", required=True)


def test_it_reads_a_date_and_names_the_field_it_came_from():
    assert read_date("friday", TUESDAY, field="due") == dt.date(2026, 12, 4)
    assert read_date("", TUESDAY, field="due") is None
    with pytest.raises(TandemError) as refused:
        read_date("blah blah", TUESDAY, field="due")
    assert refused.value.field == "due"


@pytest.mark.parametrize(
    "minutes,shown",
    [(45, "45m"), (60, "1h"), (90, "1h 30m"), (100, "1h 40m"), (150, "2h 30m"), (0, "0m")],
)
def test_it_shows_every_effort_one_way(minutes, shown):
    assert format_effort(minutes) == shown


def test_it_documents_the_error_shape_with_its_field_and_errors(client):
    schema = client.get("/api/openapi.json").json()

    detail = schema["components"]["schemas"]["Detail"]["properties"]
    assert {"detail", "field", "errors"} <= set(detail)
