from __future__ import annotations

import pytest

from tandem.partnerships.models import Kind, Partnership
from tests.conftest import logged_in, send


def test_it_lists_my_partnerships_from_my_side(
    client, alice, bob, partnership, solo_partnership, bearer
):
    owner_view = client.get("/api/partnerships", headers=bearer(alice)).json()
    partner_view = client.get("/api/partnerships", headers=bearer(bob)).json()

    assert [(p["id"], p["role"], p["kind"], p["partner_name"]) for p in owner_view] == [
        (partnership.pk, "owner", "manager", "Zebulon Boss"),
        (solo_partnership.pk, "owner", "report", "Rita Report"),
    ]
    assert [(p["id"], p["role"], p["kind"], p["partner_name"]) for p in partner_view] == [
        (partnership.pk, "partner", "report", "Alice Owner"),
    ]


@pytest.mark.parametrize(
    "owner_kind,partner_kind", [("manager", "report"), ("report", "manager"), ("peer", "peer")]
)
def test_it_inverts_the_kind_for_the_partner(
    client, bob, partnership, bearer, owner_kind, partner_kind
):
    partnership.kind = owner_kind
    partnership.save(update_fields=["kind"])

    response = client.get(f"/api/partnerships/{partnership.pk}", headers=bearer(bob))

    assert response.json()["kind"] == partner_kind


def test_it_says_whether_the_partner_joined(client, alice, partnership, solo_partnership, bearer):
    headers = bearer(alice)

    joined = client.get(f"/api/partnerships/{partnership.pk}", headers=headers).json()
    solo = client.get(f"/api/partnerships/{solo_partnership.pk}", headers=headers).json()

    assert (joined["partner_joined"], solo["partner_joined"]) == (True, False)
    assert joined["sharing"] == {
        "share_workload": False,
        "share_availability": False,
        "partner_may_reorder": False,
    }


def test_it_creates_a_partnership(client, alice, bearer):
    response = send(
        client,
        "POST",
        "/api/partnerships",
        bearer(alice),
        {"partner_name": "  Pat Peer ", "kind": "peer", "partner_email": "pat@example.com"},
    )

    assert response.status_code == 201
    assert response.json()["partner_name"] == "Pat Peer"
    created = Partnership.objects.get(pk=response.json()["id"])
    assert (created.owner, created.kind, created.partner_email) == (
        alice,
        Kind.PEER,
        "pat@example.com",
    )


def test_it_creates_a_partnership_with_a_session_and_csrf_token(alice):
    browser = logged_in(alice, enforce_csrf_checks=True)
    browser.get("/")
    token = browser.cookies["csrftoken"].value

    response = send(
        browser, "POST", "/api/partnerships", {"X-CSRFToken": token}, {"partner_name": "Pat"}
    )

    assert response.status_code == 201
    assert response.json()["kind"] == "manager"


def test_it_refuses_a_session_post_without_csrf_token(alice):
    browser = logged_in(alice, enforce_csrf_checks=True)

    response = send(browser, "POST", "/api/partnerships", {}, {"partner_name": "Pat"})

    assert response.status_code == 403
    assert "detail" in response.json()
    assert not Partnership.objects.exists()


@pytest.mark.parametrize(
    "body,reason",
    [
        ({"partner_name": ""}, "partner_name: String should have at least 1 character"),
        ({"partner_name": "   "}, "partner_name: String should have at least 1 character"),
        ({}, "partner_name: Field required"),
        ({"partner_name": "Pat", "kind": "overlord"}, "kind: Input should be 'manager', 'report'"),
        ({"partner_name": "Pat", "partner_email": "pat at work"}, "partner_email: value is not"),
        ({"partner_name": "x" * 81}, "partner_name: String should have at most 80 characters"),
        ({"partner_name": "Pat\x00"}, "partner_name: Null characters are not allowed."),
        (
            {"partner_name": "Pat", "partner_email": "pat\x00@example.com"},
            "partner_email: Null characters are not allowed.",
        ),
    ],
)
def test_it_explains_bad_input_when_creating(client, alice, bearer, body, reason):
    response = send(client, "POST", "/api/partnerships", bearer(alice), body)

    assert response.status_code == 422
    assert response.json()["detail"].startswith(reason)
    assert not Partnership.objects.exists()


def test_it_changes_details_and_sharing(client, alice, bob, partnership, bearer):
    response = send(
        client,
        "PATCH",
        f"/api/partnerships/{partnership.pk}",
        bearer(alice),
        {"partner_name": "Zeb", "share_workload": True, "partner_may_reorder": True},
    )

    assert response.status_code == 200
    assert response.json()["sharing"]["partner_may_reorder"] is True
    partnership.refresh_from_db()
    assert (partnership.partner_name, partnership.share_workload) == ("Zeb", True)


def test_it_explains_that_reordering_needs_a_shared_workload(client, alice, partnership, bearer):
    response = send(
        client,
        "PATCH",
        f"/api/partnerships/{partnership.pk}",
        bearer(alice),
        {"partner_may_reorder": True},
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Your partner can only reorder priorities of a workload you share.",
        "field": "partner_may_reorder",
    }
    partnership.refresh_from_db()
    assert partnership.partner_may_reorder is False


@pytest.mark.parametrize(
    "body,status",
    [
        ({}, 400),
        ({"partner_name": None}, 400),
        ({"partner_name": ""}, 422),
        ({"partner_name": "  "}, 422),
        ({"kind": "boss"}, 422),
        ({"partner_email": "nope"}, 422),
        ({"share_workload": "maybe"}, 422),
    ],
)
def test_it_explains_a_bad_change(client, alice, partnership, bearer, body, status):
    response = send(client, "PATCH", f"/api/partnerships/{partnership.pk}", bearer(alice), body)

    assert response.status_code == status
    assert response.json()["detail"]
    partnership.refresh_from_db()
    assert (partnership.partner_name, partnership.kind) == ("Zebulon Boss", Kind.MY_MANAGER)


def test_it_lets_only_the_owner_change_a_partnership(client, bob, charlie, partnership, bearer):
    for person in (bob, charlie):
        response = send(
            client,
            "PATCH",
            f"/api/partnerships/{partnership.pk}",
            bearer(person),
            {"share_workload": True},
        )
        assert response.status_code == 404
        assert response.json()["detail"] == "No such partnership."

    partnership.refresh_from_db()
    assert partnership.share_workload is False


def test_it_deletes_for_the_owner(client, alice, partnership, bearer):
    response = send(client, "DELETE", f"/api/partnerships/{partnership.pk}", bearer(alice))

    assert response.status_code == 204
    assert not Partnership.objects.exists()


def test_it_means_leave_when_the_partner_deletes(client, alice, bob, partnership, bearer):
    response = send(client, "DELETE", f"/api/partnerships/{partnership.pk}", bearer(bob))

    assert response.status_code == 204
    partnership.refresh_from_db()
    assert (partnership.owner, partnership.partner) == (alice, None)
    assert client.get(f"/api/partnerships/{partnership.pk}", headers=bearer(bob)).status_code == 404


def test_it_hides_a_partnership_from_a_stranger(client, charlie, partnership, bearer):
    headers = bearer(charlie)

    assert client.get(f"/api/partnerships/{partnership.pk}", headers=headers).status_code == 404
    assert client.get("/api/partnerships", headers=headers).json() == []
    response = send(client, "DELETE", f"/api/partnerships/{partnership.pk}", headers)
    assert response.status_code == 404
    assert Partnership.objects.filter(pk=partnership.pk).exists()


@pytest.mark.parametrize("partnership_id", ["0", "-1", "99999999999999999999"])
def test_it_answers_404_for_a_partnership_that_does_not_exist(
    client, alice, bearer, partnership_id
):
    response = client.get(f"/api/partnerships/{partnership_id}", headers=bearer(alice))

    assert response.status_code == 404
    assert response.json() == {"detail": "No such partnership."}


def test_it_answers_422_for_an_id_that_is_not_a_number(client, alice, bearer):
    response = client.get("/api/partnerships/abc", headers=bearer(alice))

    assert response.status_code == 422
    assert response.json()["detail"]
