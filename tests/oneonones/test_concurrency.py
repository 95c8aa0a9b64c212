"""Two people in one meeting at once: no update is lost, on SQLite and on PostgreSQL.

Each test starts real threads together at a barrier, each with its own database connection
(closed when the thread ends), and commits for real (`transaction=True`), as two browsers
saving at the same moment do.

On SQLite the tests use a database file, as Tandem does: the suite's in-memory database
shares one cache between connections, which lock whole tables and refuse a reader at once
("table is locked") where a file in WAL mode lets it read and makes a writer wait its turn.
"""

from __future__ import annotations

import pytest

from tandem.lib.errors import Conflict
from tandem.oneonones import services
from tandem.oneonones.models import AgendaItem, Meeting, PrivateNote
from tests.oneonones.conftest import at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("deployed")]

WRITERS = 8
ROUNDS = 10


def test_items_added_at_the_same_moment_are_all_on_the_agenda(alice, bob, next_meeting):
    titles = [f"Item {n}" for n in range(WRITERS)]
    writers = [alice, bob] * (WRITERS // 2)

    outcomes = at_once(
        *(
            lambda user=user, title=title: services.agenda_item_add(user, next_meeting, title)
            for user, title in zip(writers, titles, strict=True)
        )
    )

    assert [type(outcome) for outcome in outcomes] == [AgendaItem] * WRITERS
    assert sorted(AgendaItem.objects.values_list("title", flat=True)) == titles


def test_notes_saved_from_the_same_version_keep_exactly_one_and_refuse_the_other(
    alice, bob, next_meeting
):
    texts = {alice: "Alice: rota agreed.", bob: "Bob: hiring plan next."}

    outcomes = at_once(
        *(
            lambda user=user: services.shared_notes_save(user, next_meeting, texts[user], 0)
            for user in (alice, bob)
        )
    )

    winners = [user for user, outcome in zip((alice, bob), outcomes, strict=True) if outcome == 1]
    refusals = [outcome for outcome in outcomes if isinstance(outcome, Conflict)]
    assert len(winners) == 1 and len(refusals) == 1, outcomes
    assert refusals[0].field == "shared_notes"
    saved = Meeting.objects.get(pk=next_meeting.pk)
    assert (saved.shared_notes, saved.notes_version) == (texts[winners[0]], 1)
    assert saved.notes_updated_by == winners[0]


def test_notes_saved_in_turn_from_the_latest_version_keep_every_word(alice, bob, next_meeting):
    """Each writer retries from the latest version when refused, as the page asks them to:
    every line written reaches the notes."""

    def write(user, lines: list[str]) -> None:
        for line in lines:
            while True:
                meeting = Meeting.objects.get(pk=next_meeting.pk)
                text = f"{meeting.shared_notes}\n{line}".strip()
                try:
                    services.shared_notes_save(user, meeting, text, meeting.notes_version)
                    break
                except Conflict:
                    continue

    hers = [f"Alice {n}" for n in range(ROUNDS)]
    his = [f"Bob {n}" for n in range(ROUNDS)]

    outcomes = at_once(lambda: write(alice, hers), lambda: write(bob, his))

    assert outcomes == [None, None]
    saved = Meeting.objects.get(pk=next_meeting.pk)
    assert sorted(saved.shared_notes.splitlines()) == sorted(hers + his)
    assert saved.notes_version == 2 * ROUNDS


def test_two_members_editing_different_items_at_once_keep_both_edits(alice, bob, next_meeting):
    hers = services.agenda_item_add(alice, next_meeting, "Friday cover")
    his = services.agenda_item_add(bob, next_meeting, "Hiring plan")

    def edit_hers() -> None:
        for n in range(ROUNDS):
            services.agenda_item_update(alice, hers, title=f"Friday cover, take {n}")

    def edit_his() -> None:
        for n in range(ROUNDS):
            status = "discussed" if n % 2 == 0 else "open"
            services.agenda_item_update(bob, his, detail=f"Round {n}", status=status)

    outcomes = at_once(edit_hers, edit_his)

    assert outcomes == [None, None]
    hers, his = AgendaItem.objects.get(pk=hers.pk), AgendaItem.objects.get(pk=his.pk)
    assert (hers.title, hers.detail, hers.status) == (
        f"Friday cover, take {ROUNDS - 1}",
        "",
        "open",
    )
    assert (his.title, his.detail, his.status) == ("Hiring plan", f"Round {ROUNDS - 1}", "open")


def test_two_members_editing_one_item_keep_both_fields(alice, bob, next_meeting):
    item = services.agenda_item_add(alice, next_meeting, "Friday cover")
    # Each page was loaded before either saved: a save of the whole row would undo the other's.
    hers, his = (AgendaItem.objects.get(pk=item.pk) for _ in range(2))

    outcomes = at_once(
        lambda: services.agenda_item_update(alice, hers, title="Friday and Monday cover"),
        lambda: services.agenda_item_update(bob, his, detail="Who covers the phones?"),
    )

    assert outcomes == [None, None]
    saved = AgendaItem.objects.get(pk=item.pk)
    assert (saved.title, saved.detail) == ("Friday and Monday cover", "Who covers the phones?")


def test_private_notes_saved_at_once_stay_each_their_authors(alice, bob, next_meeting):
    outcomes = at_once(
        lambda: services.private_note_save(alice, next_meeting, "Alice's own"),
        lambda: services.private_note_save(bob, next_meeting, "Bob's own"),
    )

    assert [type(outcome) for outcome in outcomes] == [PrivateNote, PrivateNote]
    assert dict(PrivateNote.objects.values_list("author__email", "text")) == {
        "alice@example.com": "Alice's own",
        "bob@example.com": "Bob's own",
    }
