from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tandem.accounts.models import ApiToken
from tandem.partnerships.models import Partnership

WEEK_OFF = {f"day{weekday}-works": "" for weekday in range(7)}


def _form(**changes) -> dict:
    """The settings form as the browser sends it: Alice's profile and a standard week."""
    data = {
        "display_name": "Alice Owner",
        "time_zone": "Europe/London",
        "focus_factor": "0.7",
    }
    for weekday in range(7):
        data[f"day{weekday}-start"] = "09:00"
        data[f"day{weekday}-end"] = "17:30"
        if weekday < 5:
            data[f"day{weekday}-works"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _hours(user) -> list[tuple[int, dt.time, dt.time]]:
    return [(day.weekday, day.start, day.end) for day in user.working_days.all()]


def test_it_shows_the_profile_and_default_hours(alice_client):
    response = alice_client.get(reverse("settings"))

    profile = response.context["profile_form"]
    assert profile["display_name"].value() == "Alice Owner"
    assert profile["time_zone"].value() == "Europe/London"
    assert response.context["weekly_hours"] == 42.5


def test_it_offers_the_time_zones_as_a_choice_grouped_by_region(alice_client):
    body = alice_client.get(reverse("settings")).content.decode()

    select = body.split('<select name="time_zone"', 1)[1].split("</select>", 1)[0]
    assert '<optgroup label="America">' in select
    assert '<option value="America/New_York">New York</option>' in select
    assert '<option value="Europe/London" selected>London</option>' in select
    # Legacy aliases are not offered, and the free-text box is gone.
    assert 'value="US/Eastern"' not in select
    assert 'list="time-zones"' not in body


def test_it_keeps_a_saved_zone_that_is_not_listed_choosable(alice_client, alice):
    alice.time_zone = "US/Eastern"
    alice.save(update_fields=["time_zone"])

    body = alice_client.get(reverse("settings")).content.decode()

    other = body.split('<optgroup label="Other">', 1)[1].split("</optgroup>", 1)[0]
    assert other.strip() == '<option value="US/Eastern" selected>US/Eastern</option>'


def test_it_saves_the_profile(alice_client, alice):
    response = alice_client.post(
        reverse("settings"),
        _form(display_name="Alice O.", time_zone="Asia/Tokyo", focus_factor="0.55"),
        follow=True,
    )

    assert response.redirect_chain == [(reverse("settings"), 302)]
    assert "Your profile and working hours are saved." in response.content.decode()
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone, alice.focus_factor) == (
        "Alice O.",
        "Asia/Tokyo",
        Decimal("0.55"),
    )


def test_it_saves_a_half_day_friday_and_a_day_off(alice_client, alice):
    response = alice_client.post(
        reverse("settings"),
        _form(**{"day2-works": None, "day4-start": "09:00", "day4-end": "13:00"}),
    )

    assert response.status_code == 302
    assert _hours(alice) == [
        (0, dt.time(9, 0), dt.time(17, 30)),
        (1, dt.time(9, 0), dt.time(17, 30)),
        (3, dt.time(9, 0), dt.time(17, 30)),
        (4, dt.time(9, 0), dt.time(13, 0)),
    ]
    assert alice_client.get(reverse("settings")).context["weekly_hours"] == 29.5


def test_it_saves_a_weekend_day(alice_client, alice):
    alice_client.post(
        reverse("settings"),
        _form(**{"day6-works": "on", "day6-start": "10:00", "day6-end": "12:00"}),
    )

    assert _hours(alice)[-1] == (6, dt.time(10, 0), dt.time(12, 0))


def test_it_keeps_input_and_saves_nothing_for_an_unknown_time_zone(alice_client, alice):
    response = alice_client.post(
        reverse("settings"),
        _form(display_name="Alice Renamed", time_zone="Mars/Olympus", **{"day4-end": "13:00"}),
    )

    assert response.status_code == 200
    # Said once, at the field: no banner repeating that something is wrong.
    body = response.content.decode()
    assert body.count("is not a time zone we know") == 1
    assert 'class="message error"' not in body
    profile = response.context["profile_form"]
    assert profile.errors == {
        "time_zone": [
            "'Mars/Olympus' is not a time zone we know. Use a name like Europe/London or "
            "America/New_York."
        ]
    }
    assert profile["time_zone"].value() == "Mars/Olympus"
    assert profile["display_name"].value() == "Alice Renamed"
    assert response.context["day_forms"][4]["end"].value() == "13:00"
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Alice Owner", "Europe/London")
    assert _hours(alice)[4] == (4, dt.time(9, 0), dt.time(17, 30))


def test_it_keeps_input_and_saves_nothing_when_hours_end_before_they_start(alice_client, alice):
    response = alice_client.post(
        reverse("settings"),
        _form(display_name="Alice Renamed", **{"day2-start": "17:00", "day2-end": "09:00"}),
    )

    assert response.status_code == 200
    wednesday = response.context["day_forms"][2]
    assert wednesday.errors == {
        "__all__": ["Working hours on Wednesday end before they start (17:00–09:00)."]
    }
    assert wednesday["start"].value() == "17:00"
    alice.refresh_from_db()
    assert alice.display_name == "Alice Owner"
    assert _hours(alice)[2] == (2, dt.time(9, 0), dt.time(17, 30))


def test_it_asks_for_both_times_of_a_working_day(alice_client, alice):
    response = alice_client.post(reverse("settings"), _form(**{"day1-end": ""}))

    assert response.context["day_forms"][1].errors == {
        "__all__": ["Give a start and an end time for Tuesday."]
    }
    assert len(_hours(alice)) == 5


def test_it_ignores_the_times_of_a_day_off(alice_client, alice):
    response = alice_client.post(
        reverse("settings"), _form(**{"day5-start": "18:00", "day5-end": "08:00"})
    )

    assert response.status_code == 302
    assert [weekday for weekday, _, _ in _hours(alice)] == [0, 1, 2, 3, 4]


def test_it_accepts_a_week_without_working_days(alice_client, alice):
    response = alice_client.post(reverse("settings"), {**_form(), **WEEK_OFF})

    assert response.status_code == 302
    assert _hours(alice) == []


@pytest.mark.parametrize(
    "value,message",
    [
        ("1.5", "Ensure this value is less than or equal to 1.0."),
        ("0", "Ensure this value is greater than or equal to 0.1."),
        ("-0.3", "Ensure this value is greater than or equal to 0.1."),
        ("lots", "Enter a number."),
    ],
)
def test_it_explains_a_focus_factor_out_of_range(alice_client, alice, value, message):
    response = alice_client.post(reverse("settings"), _form(focus_factor=value))

    assert response.status_code == 200
    assert response.context["profile_form"].errors == {"focus_factor": [message]}
    alice.refresh_from_db()
    assert alice.focus_factor == Decimal("0.70")


def test_it_requires_a_name(alice_client, alice):
    response = alice_client.post(reverse("settings"), _form(display_name="  "))

    assert response.context["profile_form"].errors == {"display_name": ["This field is required."]}
    alice.refresh_from_db()
    assert alice.display_name == "Alice Owner"


def test_it_shows_dates_in_the_persons_time_zone(alice_client, alice):
    token, _ = ApiToken.issue(alice, "laptop")
    token.created_at = dt.datetime(2025, 1, 1, 23, 30, tzinfo=dt.UTC)
    token.save(update_fields=["created_at"])

    alice_client.post(reverse("settings"), _form(time_zone="Pacific/Kiritimati"))
    response = alice_client.get(reverse("api-tokens"))

    # 23:30 UTC on 1 January is already the 2nd at UTC+14.
    assert "created 2 Jan 2025" in response.content.decode()


def test_it_keeps_the_settings_page_to_a_fixed_number_of_queries(
    alice_client, alice, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        assert alice_client.get(reverse("settings")).status_code == 200


def test_it_keeps_the_saving_to_a_fixed_number_of_queries(
    alice_client, alice, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = alice_client.post(reverse("settings"), _form(**{"day5-works": "on"}))
    assert response.status_code == 302


def test_it_keeps_the_tokens_page_to_a_fixed_number_of_queries(
    alice_client, alice, django_assert_max_num_queries
):
    for number in range(5):
        ApiToken.issue(alice, f"token {number}")
    Partnership.objects.create(owner=alice, partner_name="Rita Report")

    with django_assert_max_num_queries(3):
        assert alice_client.get(reverse("api-tokens")).status_code == 200
