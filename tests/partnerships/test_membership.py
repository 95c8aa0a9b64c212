from __future__ import annotations

from django.urls import reverse

from tandem.partnerships import services
from tandem.partnerships.models import Invitation, Partnership
from tests.conftest import logged_in


def test_it_lets_the_owner_remove_the_partner(alice, bob, partnership):
    response = logged_in(alice).post(reverse("partner-remove", args=[partnership.pk]), follow=True)

    assert "Bob Partner no longer has access. Your records are unchanged." in (
        response.content.decode()
    )
    partnership.refresh_from_db()
    assert (partnership.partner, partnership.joined_at) == (None, None)
    assert logged_in(bob).get(reverse("partnership", args=[partnership.pk])).status_code == 404


def test_it_says_when_there_is_no_partner_to_remove(alice, solo_partnership):
    response = logged_in(alice).post(
        reverse("partner-remove", args=[solo_partnership.pk]), follow=True
    )

    assert "Nobody has joined this partnership yet." in response.content.decode()


def test_it_lets_the_owner_invite_again_after_removing(alice, partnership):
    owner = logged_in(alice)
    owner.post(reverse("partner-remove", args=[partnership.pk]))

    owner.post(reverse("invitation-create", args=[partnership.pk]))

    assert partnership.invitations.pending().count() == 1


def test_it_lets_the_partner_leave(bob, partnership):
    partner = logged_in(bob)

    response = partner.post(reverse("partnership-leave", args=[partnership.pk]), follow=True)

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert "You left the partnership with Alice Owner." in response.content.decode()
    assert response.context["rows"] == []
    partnership.refresh_from_db()
    assert partnership.partner is None
    assert partner.get(reverse("partnership", args=[partnership.pk])).status_code == 404


def test_it_shows_the_partner_a_leave_button_not_owner_settings(bob, partnership):
    response = logged_in(bob).get(reverse("partnership-settings", args=[partnership.pk]))

    assert response.context["is_owner"] is False
    assert "sharing_form" not in response.context
    assert "details_form" not in response.context
    body = response.content.decode()
    assert "You joined Alice Owner's partnership" in body
    assert "Leave this partnership" in body
    assert "Delete partnership" not in body


def test_it_does_not_let_the_owner_leave(alice, partnership):
    response = logged_in(alice).post(
        reverse("partnership-leave", args=[partnership.pk]), follow=True
    )

    assert response.redirect_chain == [(reverse("partnership", args=[partnership.pk]), 302)]
    assert "You own this partnership: delete it instead of leaving." in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.partner is not None


def test_it_lets_the_owner_delete_the_partnership(alice, bob, partnership):
    response = logged_in(alice).post(
        reverse("partnership-delete", args=[partnership.pk]), follow=True
    )

    assert response.redirect_chain == [(reverse("home"), 302)]
    assert "The partnership with Zebulon Boss and everything in it is deleted." in (
        response.content.decode()
    )
    assert not Partnership.objects.exists()
    assert not Invitation.objects.exists()
    assert logged_in(bob).get(reverse("partnership", args=[partnership.pk])).status_code == 404


def test_it_does_not_let_others_delete_or_remove(bob, charlie, partnership):
    for person in (bob, charlie):
        client = logged_in(person)
        assert client.post(reverse("partnership-delete", args=[partnership.pk])).status_code == 404
        assert client.post(reverse("partner-remove", args=[partnership.pk])).status_code == 404

    partnership.refresh_from_db()
    assert partnership.partner == bob


def test_it_does_not_let_a_stranger_leave_for_the_partner(charlie, bob, partnership):
    response = logged_in(charlie).post(reverse("partnership-leave", args=[partnership.pk]))

    assert response.status_code == 404
    partnership.refresh_from_db()
    assert partnership.partner == bob


def test_it_lets_a_removed_partner_rejoin_with_a_new_link(alice, bob, partnership):
    logged_in(alice).post(reverse("partner-remove", args=[partnership.pk]))
    partnership.refresh_from_db()
    issued = services.invitation_create(partnership)

    logged_in(bob).post(reverse("invitation", args=[issued.token]))

    partnership.refresh_from_db()
    assert partnership.partner == bob
