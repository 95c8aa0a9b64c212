from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.partnerships.models import Kind, Partnership


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

    rows = alice_client.get(reverse("home")).context["rows"]
    assert [(title, owned, p.partner) for p, title, owned in rows] == [
        ("Rita · my report", True, None)
    ]


@pytest.mark.parametrize(
    "data,errors",
    [
        ({"partner_name": "   ", "kind": "manager"}, {"partner_name": ["This field is required."]}),
        (
            {"partner_name": "Priya", "kind": "overlord"},
            {"kind": ["Select a valid choice. overlord is not one of the available choices."]},
        ),
        (
            {"partner_name": "Priya", "kind": "manager", "partner_email": "priya at work"},
            {"partner_email": ["Enter a valid email address."]},
        ),
    ],
)
def test_it_explains_what_is_wrong_and_keeps_the_input(alice_client, data, errors):
    response = alice_client.post(reverse("partnership-create"), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == errors
    assert {name: form[name].value() for name in data} == data
    assert not Partnership.objects.exists()


def test_it_offers_the_three_kinds(alice_client):
    form = alice_client.get(reverse("partnership-create")).context["form"]

    assert [label for _, label in form.fields["kind"].choices] == [
        "My manager",
        "My report",
        "Peer",
    ]


def test_it_creates_the_partnership_for_the_person_logged_in(client, charlie):
    client.force_login(charlie)

    client.post(reverse("partnership-create"), {"partner_name": "Someone", "kind": "peer"})

    assert Partnership.objects.get().owner == charlie
