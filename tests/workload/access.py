"""Who reaches the workload's pages and API routes (see tests/access_tables.py).

Unshared, the workload does not exist for the partner. Shared, the partner reads it and, when
invited, reorders it; everything else stays the owner's.
"""

from __future__ import annotations

import datetime as dt

from tandem.workload import services
from tandem.workload.models import Assignment, Commitment, Step, TimeOff
from tests import access_tables as access
from tests.access_tables import Api, Expect

OWNER_POSTS = (access.OK, access.MISSING, access.MISSING, access.LOGIN)
API_OWNER_ONLY = (access.OK, access.MISSING, access.MISSING, access.UNAUTHORIZED)
API_MEMBERS = (access.OK, access.OK, access.MISSING, access.UNAUTHORIZED)
API_SIGNED_IN = (access.OK, access.OK, access.OK, access.UNAUTHORIZED)
CREATED, GONE_NOW = 201, 204
REFUSED = 400
TOKEN_POST_ONLY = (access.NOT_ALLOWED,) * 4
TOKEN_REFUSED = (REFUSED,) * 4

PAGES = {
    "area-workload": Expect(get=access.OWNER_ONLY, shared_get=access.MEMBERS),
    "assignment-create": Expect(get=access.POST_ONLY, post=OWNER_POSTS),
    "workload-impact": Expect(get=access.OWNER_ONLY),
    "assignment-impact": Expect(get=access.OWNER_ONLY),
    "assignment": Expect(get=access.OWNER_ONLY, post=OWNER_POSTS, shared_get=access.MEMBERS),
    "assignment-status": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "assignment-priority": Expect(
        get=access.POST_ONLY, post=access.OWNER_ACTION, shared_post=access.MEMBER_ACTION
    ),
    "assignment-move": Expect(
        get=access.POST_ONLY, post=access.OWNER_ACTION, shared_post=access.MEMBER_ACTION
    ),
    "workload-priorities": Expect(
        get=access.POST_ONLY, post=access.OWNER_ACTION, shared_post=access.MEMBER_ACTION
    ),
    "step-add": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "step-toggle": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "workload-brief": Expect(get=access.OWNER_ONLY, post=access.OWNER_ACTION),
    "option-apply": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "brief-share-revoke": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    # Public by design: a frozen brief behind an unguessable, expiring token.
    "brief-shared": Expect(get=access.ALL_OK),
    # The token's one write, its answer; an empty form is refused (the owner's too).
    "brief-answer": Expect(get=TOKEN_POST_ONLY, post=TOKEN_REFUSED),
    # The answers card: the owner's answers; the partner's question and answer when shared.
    "assignment-answers": Expect(get=access.OWNER_ONLY, shared_get=access.MEMBERS),
    # The partner answers in the app; the owner is sent back with a reason.
    "assignment-answer": Expect(
        get=access.POST_ONLY, post=access.OWNER_ACTION, shared_post=access.MEMBER_ACTION
    ),
    "brief-answer-reopen": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "brief-answer-handled": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    # Availability is each person's own: everyone signed in has one, nobody sees another's.
    "availability": Expect(get=access.SIGNED_IN, post=access.SIGNED_IN),
    "time-off-delete": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "commitment-delete": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "calendar-import": Expect(
        get=access.POST_ONLY, post=(access.FOUND, access.FOUND, access.FOUND, access.LOGIN)
    ),
    "due-dates-ics": Expect(get=access.SIGNED_IN),
}

API_ROUTES = {
    ("GET", "/api/partnerships/{partnership_id}/plan"): Api(API_OWNER_ONLY, API_MEMBERS),
    ("POST", "/api/partnerships/{partnership_id}/assignments"): Api(
        (201, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    ("GET", "/api/partnerships/{partnership_id}/assignments/{assignment_id}"): Api(
        API_OWNER_ONLY, API_MEMBERS
    ),
    # The body only reorders: a partner invited to reorder may.
    ("PATCH", "/api/partnerships/{partnership_id}/assignments/{assignment_id}"): Api(
        API_OWNER_ONLY, API_MEMBERS
    ),
    ("POST", "/api/partnerships/{partnership_id}/whatif"): Api(API_OWNER_ONLY),
    # Without a file the import is refused with a reason; anonymous callers never get that far.
    ("POST", "/api/calendar/import"): Api((422, 422, 422, access.UNAUTHORIZED)),
    # Availability is each person's own: everyone signed in has theirs, and only theirs.
    ("GET", "/api/me/time-off"): Api(API_SIGNED_IN),
    ("POST", "/api/me/time-off"): Api((CREATED, CREATED, CREATED, access.UNAUTHORIZED)),
    ("DELETE", "/api/me/time-off/{time_off_id}"): Api(
        (GONE_NOW, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    ("GET", "/api/me/commitments"): Api(API_SIGNED_IN),
    ("POST", "/api/me/commitments"): Api((CREATED, CREATED, CREATED, access.UNAUTHORIZED)),
    ("DELETE", "/api/me/commitments/{commitment_id}"): Api(
        (GONE_NOW, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    # The brief and its links are the owner's, shared workload or not.
    ("GET", "/api/partnerships/{partnership_id}/assignments/{assignment_id}/brief"): Api(
        API_OWNER_ONLY
    ),
    ("POST", "/api/partnerships/{partnership_id}/assignments/{assignment_id}/brief/share"): Api(
        (CREATED, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    ("GET", "/api/partnerships/{partnership_id}/brief-shares"): Api(API_OWNER_ONLY),
    ("DELETE", "/api/partnerships/{partnership_id}/brief-shares/{share_id}"): Api(
        (GONE_NOW, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    # The world's assignment fits as it is: its brief has no option to apply (400).
    ("POST", "/api/partnerships/{partnership_id}/assignments/{assignment_id}/brief/apply"): Api(
        (400, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    # Answers to a brief: the owner reads them; the partner answers when the workload is shared
    # (the owner may not answer their own brief).
    ("GET", "/api/partnerships/{partnership_id}/assignments/{assignment_id}/answers"): Api(
        API_OWNER_ONLY
    ),
    ("POST", "/api/partnerships/{partnership_id}/assignments/{assignment_id}/answers"): Api(
        (REFUSED, access.MISSING, access.MISSING, access.UNAUTHORIZED),
        (REFUSED, CREATED, access.MISSING, access.UNAUTHORIZED),
    ),
}

API_BODIES = {
    "/api/partnerships/{partnership_id}/assignments": {"title": "Board pack", "effort": "2h"},
    "/api/partnerships/{partnership_id}/assignments/{assignment_id}": {"priority": 2},
    "/api/partnerships/{partnership_id}/whatif": {"title": "Board pack", "effort": "2h"},
    "/api/me/time-off": {"first_day": "in 2 weeks", "reason": "Ski trip"},
    "/api/me/commitments": {"title": "Gym", "weekday": 2, "start": "07:00", "end": "08:00"},
    "/api/partnerships/{partnership_id}/assignments/{assignment_id}/brief/apply": {"option": 0},
    "/api/partnerships/{partnership_id}/assignments/{assignment_id}/answers": {
        "choice": "talk",
        "note": "Call me after lunch.",
    },
}


def world(cast, partnership, solo_partnership) -> dict:
    assignment = Assignment.objects.create(
        owner=cast.owner,
        partnership=partnership,
        title="Secret merger memo",
        asked_on=dt.date(2026, 11, 2),
        estimate_minutes=120,
        remaining_minutes=120,
        notes=f"Only for me: {access.NOTES_SENTINEL}",
    )
    step = Step.objects.create(assignment=assignment, title="Figures", effort_minutes=30)
    share, brief_token = services.brief_share_create(
        partnership,
        "Workload",
        "# Workload",
        {"title": "Workload", "question": "?", "sections": []},
        assignment=assignment,
    )
    # An earlier answer the owner reopened: the link takes one more.
    answer = services.brief_answer_create(share, None, "talk", "Can we talk on Friday?")
    services.brief_answer_reopen(cast.owner, answer)
    today = cast.owner.local_today()
    time_off = TimeOff.objects.create(
        owner=cast.owner, first_day=today, last_day=today, reason="Dentist Q7"
    )
    commitment = Commitment.objects.create(
        owner=cast.owner, title="School run Q7", weekday=1, start=dt.time(8), end=dt.time(10)
    )
    return {
        "assignment_pk": assignment.pk,
        "assignment_id": assignment.pk,
        "step_pk": step.pk,
        "share_pk": share.pk,
        "share_id": share.pk,
        "answer_pk": answer.pk,
        "time_off_id": time_off.pk,
        "commitment_id": commitment.pk,
        "brief-shared": {"token": brief_token},
        "brief-answer": {"token": brief_token},
        "time-off-delete": {"item_pk": time_off.pk},
        "commitment-delete": {"item_pk": commitment.pk},
    }
