from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from tandem.accounts.models import User

GOOD_PASSWORD = "a quiet walk by the river"


def _signup(client, **overrides):
    data = {
        "display_name": "Dana Newcomer",
        "email": "dana@example.com",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
        "time_zone": "Europe/Berlin",
    }
    data.update(overrides)
    return client.post(reverse("signup"), data)


@pytest.mark.django_db
def test_it_creates_an_account_with_default_hours_and_focus(client):
    response = _signup(client)

    assert response.status_code == 302
    user = User.objects.get(email="dana@example.com")
    assert user.display_name == "Dana Newcomer"
    assert user.focus_factor == Decimal("0.70")
    hours = [(day.weekday, day.start, day.end) for day in user.working_days.all()]
    assert hours == [(weekday, dt.time(9, 0), dt.time(17, 30)) for weekday in range(5)]


@pytest.mark.django_db
def test_it_logs_the_new_person_in_and_starts_the_guided_start(client):
    response = _signup(client)

    # Not Settings with no next step: the first of the guided start's four steps.
    assert response["Location"] == reverse("start-hours")
    page = client.get(reverse("start-hours"))
    assert page.status_code == 200
    assert "Welcome to Tandem, Dana Newcomer." in page.content.decode()
    assert page.context["step"].number == 1
    assert int(client.session["_auth_user_id"]) == User.objects.get(email="dana@example.com").pk


@pytest.mark.django_db
def test_it_offers_the_time_zones_as_a_grouped_choice_for_the_browser_to_preselect(client):
    response = client.get(reverse("signup"))

    body = response.content.decode()
    select = body.split('<select name="time_zone"', 1)[1].split("</select>", 1)[0]
    assert "data-browser-zone" in select
    assert '<optgroup label="Europe">' in select
    assert '<option value="Europe/Berlin">Berlin</option>' in select
    assert '<option value="America/Argentina/Buenos_Aires">Argentina / Buenos Aires</option>' in (
        select
    )
    assert '<option value="UTC" selected>UTC</option>' in select


@pytest.mark.django_db
def test_it_keeps_the_chosen_zone_without_the_browser_guess_after_an_error(client):
    response = _signup(client, password2="something else entirely", time_zone="Asia/Tokyo")

    body = response.content.decode()
    assert '<option value="Asia/Tokyo" selected>Tokyo</option>' in body
    # The person chose it: the script must not replace it with the browser's zone.
    assert "data-browser-zone" not in body


@pytest.mark.django_db
def test_it_stores_the_browser_time_zone(client):
    _signup(client, time_zone="America/Sao_Paulo")

    assert User.objects.get(email="dana@example.com").time_zone == "America/Sao_Paulo"


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["Mars/Olympus_Mons", "", "<script>"])
def test_it_falls_back_to_utc_for_an_unknown_time_zone(client, sent):
    _signup(client, time_zone=sent)

    assert User.objects.get(email="dana@example.com").time_zone == "UTC"


@pytest.mark.django_db
def test_it_stores_the_email_in_lower_case(client):
    _signup(client, email="Dana@Example.COM")

    assert User.objects.filter(email="dana@example.com").exists()


def test_it_rejects_a_taken_email_whatever_its_case(client, alice):
    response = _signup(client, email="ALICE@Example.com", display_name="Alice Again")

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {
        "email": [
            "An account with this e-mail address already exists. Log in, or reset your "
            "password if you forgot it."
        ]
    }
    # What the person typed is still there to correct.
    assert form["display_name"].value() == "Alice Again"
    assert form["email"].value() == "ALICE@Example.com"
    assert User.objects.count() == 1
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password,message",
    [
        ("short1!", "This password is too short. It must contain at least 10 characters."),
        ("password123", "This password is too common."),
        ("8246139075312", "This password is entirely numeric."),
        ("dana@example.com", "The password is too similar to the e-mail address."),
    ],
)
def test_it_explains_why_a_password_is_weak(client, password, message):
    response = _signup(client, password1=password, password2=password)

    assert response.status_code == 200
    assert message in response.context["form"].errors["password2"]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_says_when_the_two_passwords_differ(client):
    response = _signup(client, password2=GOOD_PASSWORD + "!")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "password2": ["The two password fields didn’t match."]
    }
    assert not User.objects.exists()


@pytest.mark.django_db
def test_it_keeps_the_name_but_never_the_password_after_an_error(client):
    response = _signup(client, password2="something else entirely")

    assert response.context["form"]["display_name"].value() == "Dana Newcomer"
    assert GOOD_PASSWORD not in response.content.decode()


@pytest.mark.django_db
def test_it_follows_next_to_a_local_page(client):
    response = _signup(client, next="/invite/inv_abc/")

    assert response.status_code == 302
    assert response["Location"] == "/invite/inv_abc/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "evil.example",
        "javascript:alert(1)",
    ],
)
def test_it_never_redirects_to_another_site(client, target):
    response = _signup(client, next=target)

    assert response.status_code == 302
    assert response["Location"] == reverse("start-hours")


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["/\\evil.example/path", "/\t/evil.example/path"])
def test_it_keeps_a_disguised_next_on_this_site(client, target):
    response = _signup(client, next=target)

    # Browsers read "/\\host" as "//host"; the redirect must not reach another host.
    assert url_has_allowed_host_and_scheme(response["Location"], allowed_hosts={"testserver"})


@pytest.mark.django_db
def test_it_carries_next_from_the_link_into_the_form(client):
    response = client.get(reverse("signup"), {"next": "/invite/inv_abc/"})

    assert response.context["next"] == "/invite/inv_abc/"
    # The "Log in" link keeps it too, for people who already have an account.
    assert f"{reverse('login')}?next=/invite/inv_abc/" in response.content.decode()


@pytest.mark.django_db
def test_it_drops_a_foreign_next_from_the_form(client):
    response = client.get(reverse("signup"), {"next": "https://evil.example/"})

    assert response.context["next"] == ""
    assert "evil.example" not in response.content.decode()


def test_it_sends_a_signed_in_person_home(client, alice):
    client.force_login(alice)

    response = client.get(reverse("signup"))

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
