"""Who reaches the one-on-ones' pages and API routes (see tests/access_tables.py).

Both members reach the series, every meeting and what is shared in it; the owner alone plans
(the cadence, moving, skipping, adding meetings), makes the calendar feed and turns her own
action item into an assignment. Sharing settings change nothing here: a joined partner is in
the one-on-ones by being in them.

The world's meeting carries the owner's private note and a question she noted for it, both
with the private sentinel, so every page and route the partner reaches is checked for them.
The calendar feed's secret address opens the owner's calendar, names included, to whoever
holds it; the world's feed is that of her one-on-ones with Rita (no sentinel in its names),
whose meeting holds a private note too, so the public route is checked for it as well.
"""

from __future__ import annotations

import datetime as dt

from tandem.meetings import Cadence, CadenceRule
from tandem.oneonones import services
from tandem.oneonones.models import Series
from tests import access_tables as access
from tests.access_tables import Api, Expect

CREATED, GONE_NOW = 201, 204
# An empty form comes back with its errors (200) for whoever may send it.
OWNER_POSTS = (access.OK, access.MISSING, access.MISSING, access.LOGIN)
MEMBER_POSTS = (access.OK, access.OK, access.MISSING, access.LOGIN)
API_MEMBERS = (access.OK, access.OK, access.MISSING, access.UNAUTHORIZED)
API_OWNER_ONLY = (access.OK, access.MISSING, access.MISSING, access.UNAUTHORIZED)
API_MEMBERS_CREATE = (CREATED, CREATED, access.MISSING, access.UNAUTHORIZED)
API_OWNER_CREATES = (CREATED, access.MISSING, access.MISSING, access.UNAUTHORIZED)
API_MEMBERS_CHANGE = (GONE_NOW, GONE_NOW, access.MISSING, access.UNAUTHORIZED)

PAGES = {
    "area-one-on-ones": Expect(get=access.MEMBERS),
    # The owner sets the cadence and plans the meetings.
    "one-on-ones-series": Expect(get=access.OWNER_ONLY, post=OWNER_POSTS),
    "meeting-add": Expect(get=access.POST_ONLY, post=OWNER_POSTS),
    "meeting-move": Expect(get=access.POST_ONLY, post=OWNER_POSTS),
    "meeting-skip": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    # In a meeting both take part: the agenda, notes, decisions and action items.
    "meeting": Expect(get=access.MEMBERS),
    "agenda-item-add": Expect(get=access.POST_ONLY, post=MEMBER_POSTS),
    # Proposals are each member's own: one not offered sends them back to the meeting.
    "proposal-respond": Expect(get=access.POST_ONLY, post=access.MEMBER_ACTION),
    "agenda-reorder": Expect(get=access.POST_ONLY, post=access.MEMBER_ACTION),
    "agenda-item-update": Expect(get=access.POST_ONLY, post=access.MEMBER_ACTION),
    "shared-notes": Expect(get=access.POST_ONLY, post=MEMBER_POSTS),
    # Each saves their own private note; an empty one is a note cleared.
    "private-note": Expect(get=access.POST_ONLY, post=access.MEMBER_ACTION),
    "decision-add": Expect(get=access.POST_ONLY, post=MEMBER_POSTS),
    # Only whoever wrote a decision removes it: the partner is told so on the meeting's page.
    "decision-delete": Expect(get=access.POST_ONLY, post=access.MEMBER_ACTION),
    "action-add": Expect(get=access.POST_ONLY, post=MEMBER_POSTS),
    "action-update": Expect(get=access.POST_ONLY, post=access.MEMBER_ACTION),
    "action-to-assignment": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "meeting-summary": Expect(get=access.MEMBERS),
    "one-on-ones-history": Expect(get=access.MEMBERS),
    "one-on-ones-follow-through": Expect(get=access.MEMBERS),
    # "For our next one-on-one", from any page of the partnership.
    "question-note": Expect(get=access.POST_ONLY, post=MEMBER_POSTS),
    "one-on-ones-ics": Expect(get=access.MEMBERS),
    "one-on-ones-feed": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    # Public by design: the secret in the address is the key.
    "one-on-ones-feed-ics": Expect(get=access.ALL_OK),
}

_ONE = "/api/partnerships/{partnership_id}/one-on-ones"
_MEETING = _ONE + "/meetings/{meeting_id}"

API_ROUTES = {
    ("GET", _ONE + "/series"): Api(API_MEMBERS),
    ("PUT", _ONE + "/series"): Api(API_OWNER_ONLY),
    ("GET", _ONE + "/meetings"): Api(API_MEMBERS),
    ("POST", _ONE + "/meetings"): Api(API_OWNER_CREATES),
    ("GET", _ONE + "/meetings/next"): Api(API_MEMBERS),
    ("GET", _MEETING): Api(API_MEMBERS),
    ("PATCH", _MEETING): Api(API_OWNER_ONLY),
    ("GET", _MEETING + "/summary"): Api(API_MEMBERS),
    ("PUT", _MEETING + "/notes"): Api(API_MEMBERS),
    ("PUT", _MEETING + "/private-note"): Api(API_MEMBERS),
    ("POST", _MEETING + "/agenda"): Api(API_MEMBERS_CREATE),
    ("PUT", _MEETING + "/agenda/order"): Api(API_MEMBERS),
    # A key nobody is offered (keys name records, which differ from world to world).
    ("POST", _MEETING + "/proposals/dismiss"): Api(
        (access.MISSING, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    ("PATCH", _ONE + "/agenda/{item_id}"): Api(API_MEMBERS_CHANGE),
    ("POST", _MEETING + "/decisions"): Api(API_MEMBERS_CREATE),
    # The owner wrote the world's decision down: the partner is refused with the reason.
    ("DELETE", _ONE + "/decisions/{decision_id}"): Api(
        (GONE_NOW, 400, access.MISSING, access.UNAUTHORIZED)
    ),
    ("POST", _MEETING + "/action-items"): Api(API_MEMBERS_CREATE),
    ("GET", _ONE + "/action-items"): Api(API_MEMBERS),
    ("PATCH", _ONE + "/action-items/{action_id}"): Api(API_MEMBERS_CHANGE),
    ("POST", _ONE + "/action-items/{action_id}/assignment"): Api(API_OWNER_CREATES),
    ("POST", _ONE + "/notes"): Api(API_MEMBERS_CREATE),
    ("GET", _ONE + "/history"): Api(API_MEMBERS),
    ("GET", _ONE + "/follow-through"): Api(API_MEMBERS),
}

# A week from when the tables are read: a time still to come for the matrix's run.
_NEXT_WEEK = (dt.date.today() + dt.timedelta(days=7)).isoformat()

API_BODIES = {
    _ONE + "/series": {
        "cadence": "weekly",
        "weekday": 3,
        "time": "10:00",
        "duration_minutes": 45,
        "starts_on": "today",
    },
    _ONE + "/meetings": {"starts_at": f"{_NEXT_WEEK}T15:00"},
    _MEETING: {"duration_minutes": 45},
    _MEETING + "/notes": {"text": "Agreed the rota.", "version": 0},
    _MEETING + "/private-note": {"text": "My own thoughts."},
    _MEETING + "/agenda": {"title": "Friday cover"},
    _MEETING + "/agenda/order": {"ids": []},
    _MEETING + "/proposals/dismiss": {"key": "noted:0"},
    _ONE + "/agenda/{item_id}": {"status": "discussed"},
    _MEETING + "/decisions": {"text": "Pause the Q3 report"},
    _MEETING + "/action-items": {"title": "Send the rota", "owned_by": "partner"},
    _ONE + "/action-items/{action_id}": {"status": "done"},
    _ONE + "/notes": {"text": "Who owns onboarding?"},
}


def _series(owner, partnership) -> Series:
    """Weekly, the first meeting the day after tomorrow at 10:00 in the owner's zone."""
    today = owner.local_today()
    first = today + dt.timedelta(days=2)
    rule = CadenceRule(Cadence.WEEKLY, first.weekday(), dt.time(10), 30, today)
    return services.series_save(owner, partnership, rule)


def world(cast, partnership, solo_partnership) -> dict:
    owner = cast.owner
    private = f"Only for me: {access.NOTES_SENTINEL}"
    series = _series(owner, partnership)
    meeting = series.meetings.first()
    item = services.agenda_item_add(owner, meeting, "Flexible hours on Fridays")
    decision = services.decision_record(owner, meeting, "Cover Fridays from January")
    # The owner's own, open: she may make it an assignment.
    action = services.action_item_add(owner, meeting, services.ActionDraft("Draft the rota"))
    services.private_note_save(owner, meeting, private)
    services.question_note(owner, partnership, private)
    with_rita = _series(owner, solo_partnership)
    services.private_note_save(owner, with_rita.meetings.first(), private)
    feed_secret = services.feed_create(owner, with_rita)
    return {
        "meeting_pk": meeting.pk,
        "meeting_id": meeting.pk,
        "item_pk": item.pk,
        "item_id": item.pk,
        "decision_pk": decision.pk,
        "decision_id": decision.pk,
        "action_pk": action.pk,
        "action_id": action.pk,
        "one-on-ones-feed-ics": {"token": feed_secret},
    }
