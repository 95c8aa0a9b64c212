from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.partnerships.models import Kind, Partnership


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def test_it_creates_a_partnership_the_owner_can_use_at_once(alice_client, alice):
    response = alice_client.post(
        reverse("partnership-create"),
        {"partner_name": "Priya Manager", "kind": "manager", "partner_email": "priya@example.com"},
        follow=True,
    )

    partnership = Partnership.objects.get()
    assert response.redirect_chain == [(reverse("partnership", args=[partnership.pk]), 302)]
    assert (partnership.owner, partnership.partner) == (alice, None)
    assert (partnership.partner_name, partnership.kind, partnership.partner_email) == (
        "Priya Manager",
        Kind.MY_MANAGER,
        "priya@example.com",
    )
    body = response.content.decode()
    assert "Your partnership with Priya Manager is ready." in body
    assert "Working solo for now." in body


def test_it_does_not_need_an_email(alice_client):
    response = alice_client.post(
        reverse("partnership-create"), {"partner_name": "Pat Peer", "kind": "peer"}
    )

    assert response.status_code == 302
    assert Partnership.objects.get().kind == Kind.PEER


def test_it_lists_the_new_partnership_on_the_home_page(alice_client):
    alice_client.post(reverse("partnership-create"), {"partner_name": "Rita", "kind": "report"})

    body = alice_client.get(reverse("home")).content.decode()
    assert "Rita · my report" in body
    assert "Just you so far" in body


@pytest.mark.parametrize(
    "data,message",
    [
        ({"partner_name": "   ", "kind": "manager"}, "This field is required."),
        ({"partner_name": "Priya", "kind": "overlord"}, "Select a valid choice."),
        (
            {"partner_name": "Priya", "kind": "manager", "partner_email": "priya at work"},
            "Enter a valid email address.",
        ),
    ],
)
def test_it_explains_what_is_wrong_and_keeps_the_input(alice_client, data, message):
    response = alice_client.post(reverse("partnership-create"), data)

    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    if data["partner_name"].strip():
        assert f'value="{data["partner_name"]}"' in body
    assert not Partnership.objects.exists()


def test_it_offers_the_three_kinds(alice_client):
    body = alice_client.get(reverse("partnership-create")).content.decode()

    for label in ("My manager", "My report", "Peer"):
        assert label in body


def test_it_creates_the_partnership_for_the_person_logged_in(client, charlie):
    client.force_login(charlie)

    client.post(reverse("partnership-create"), {"partner_name": "Someone", "kind": "peer"})

    assert Partnership.objects.get().owner == charlie
