"""Who reaches the agreement's pages and API routes (see tests/access_tables.py).

Both members reach the area, their own answers and the review; the owner alone shapes the
question set. Before both have submitted, each reaches only their own answers (the other's are
a 409 through the API, and absent from every page), and a draft of version 1 is the owner's
alone: it is pre-filled from her answers. Sharing settings change nothing here: the agreement
is both members' by being in the partnership.

The world is the demo's story before it was agreed: the owner worked alone at first, answered,
and began writing version 1 from her answers; the partner has joined since and drafted answers
of his own, not submitted. So nothing is revealed and nothing is agreed. Her answers, and so
her draft, carry the owner's private sentinel, his drafts the partner's, so every page and
route each reaches is checked for the other's words.
"""

from __future__ import annotations

from tandem.agreeing import COMMITMENTS_KEY
from tandem.agreements import services
from tandem.agreements.models import Question
from tandem.partnerships import services as partnerships
from tandem.partnerships.models import Side
from tests import access_tables as access
from tests.access_tables import Api, Expect

CREATED, GONE_NOW, FORBIDDEN, CONFLICT, INVALID = 201, 204, 403, 409, 422
# An empty form comes back with its errors (200) for whoever may send it.
OWNER_POSTS = (access.OK, access.MISSING, access.MISSING, access.LOGIN)
MEMBER_POSTS = (access.OK, access.OK, access.MISSING, access.LOGIN)
API_MEMBERS = (access.OK, access.OK, access.MISSING, access.UNAUTHORIZED)
API_OWNER_ONLY = (access.OK, access.MISSING, access.MISSING, access.UNAUTHORIZED)
# The question set is fixed once she submitted: the owner is told so, nobody else reaches it.
API_OWNER_LOCKED = (CONFLICT, access.MISSING, access.MISSING, access.UNAUTHORIZED)
# Her answers, submitted: to change them she reopens first; he answers for himself only.
API_HER_ANSWERS_WRITE = (CONFLICT, FORBIDDEN, access.MISSING, access.UNAUTHORIZED)

PAGES = {
    "area-agreement": Expect(get=access.MEMBERS),
    # The owner shapes the question set (fixed by now: a remove is refused, back to the list).
    "agreement-questions": Expect(get=access.OWNER_ONLY, post=OWNER_POSTS),
    "agreement-question-move": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "agreement-question-remove": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    # Each their own answers; before the reveal the page of both says who is still to submit.
    "agreement-answers": Expect(get=access.MEMBERS, post=MEMBER_POSTS),
    "agreement-answers-reopen": Expect(get=access.POST_ONLY, post=access.MEMBER_ACTION),
    "agreement-answers-print": Expect(get=access.MEMBERS),
    "agreement-revealed": Expect(get=access.MEMBERS),
    # A draft is already begun: either is told so on the area's page.
    "agreement-version-start": Expect(get=access.POST_ONLY, post=access.MEMBER_ACTION),
    # Version 1, her draft before the reveal: not there for him. (A section may be emptied.)
    "agreement-version": Expect(get=access.OWNER_ONLY),
    "agreement-version-print": Expect(get=access.OWNER_ONLY),
    "agreement-version-markdown": Expect(get=access.OWNER_ONLY),
    "agreement-section-save": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    "agreement-commitment-add": Expect(get=access.POST_ONLY, post=OWNER_POSTS),
    "agreement-commitment-update": Expect(get=access.POST_ONLY, post=OWNER_POSTS),
    "agreement-version-cadence": Expect(get=access.POST_ONLY, post=OWNER_POSTS),
    "agreement-version-confirm": Expect(get=access.POST_ONLY, post=access.OWNER_ACTION),
    # Nothing to compare yet, nor to review: each is told so.
    "agreement-difference": Expect(get=access.MEMBERS),
    "agreement-review": Expect(get=access.MEMBERS, post=MEMBER_POSTS),
}

_AGREEMENT = "/api/partnerships/{partnership_id}/agreement"
_ANSWERS = _AGREEMENT + "/answers/{side}"
_VERSION = _AGREEMENT + "/versions/{number}"
_COMMITMENT = _AGREEMENT + "/commitments/{commitment_id}"

API_ROUTES = {
    ("GET", _AGREEMENT): Api(API_MEMBERS),
    ("GET", _AGREEMENT + "/questions"): Api(API_MEMBERS),
    ("POST", _AGREEMENT + "/questions"): Api(API_OWNER_LOCKED),
    ("PUT", _AGREEMENT + "/questions/order"): Api(API_OWNER_LOCKED),
    ("DELETE", _AGREEMENT + "/questions/{question_id}"): Api(API_OWNER_LOCKED),
    # The world's side is hers: he reads it only after the reveal, and never writes it.
    ("GET", _ANSWERS): Api((access.OK, CONFLICT, access.MISSING, access.UNAUTHORIZED)),
    ("PUT", _ANSWERS): Api(API_HER_ANSWERS_WRITE),
    # Submitting again what she submitted changes nothing and is no error.
    ("POST", _ANSWERS + "/submit"): Api(
        (access.OK, FORBIDDEN, access.MISSING, access.UNAUTHORIZED)
    ),
    ("POST", _ANSWERS + "/reopen"): Api(
        (access.OK, FORBIDDEN, access.MISSING, access.UNAUTHORIZED)
    ),
    ("GET", _AGREEMENT + "/revealed"): Api(
        (CONFLICT, CONFLICT, access.MISSING, access.UNAUTHORIZED)
    ),
    ("GET", _AGREEMENT + "/versions"): Api(API_MEMBERS),
    ("POST", _AGREEMENT + "/versions"): Api(
        (CONFLICT, CONFLICT, access.MISSING, access.UNAUTHORIZED)
    ),
    ("GET", _VERSION): Api(API_OWNER_ONLY),
    ("PATCH", _VERSION): Api(API_OWNER_ONLY),
    ("PUT", _VERSION + "/sections/{section_id}"): Api(API_OWNER_ONLY),
    ("POST", _VERSION + "/commitments"): Api(
        (CREATED, access.MISSING, access.MISSING, access.UNAUTHORIZED)
    ),
    ("PATCH", _COMMITMENT): Api(API_OWNER_ONLY),
    ("DELETE", _COMMITMENT): Api((GONE_NOW, access.MISSING, access.MISSING, access.UNAUTHORIZED)),
    ("POST", _VERSION + "/confirm"): Api(API_OWNER_ONLY),
    ("GET", _VERSION + "/markdown"): Api(API_OWNER_ONLY),
    # The latest two by default; the world has one version: nothing to compare yet.
    ("GET", _AGREEMENT + "/difference"): Api(
        (CONFLICT, CONFLICT, access.MISSING, access.UNAUTHORIZED)
    ),
    # Nothing is agreed yet, so nothing to review.
    ("POST", _AGREEMENT + "/reviews"): Api(
        (CONFLICT, CONFLICT, access.MISSING, access.UNAUTHORIZED)
    ),
}

API_BODIES = {
    _AGREEMENT + "/questions": {"prompt": "What should I never have to guess about?"},
    _AGREEMENT + "/questions/order": {"question_ids": []},
    _ANSWERS: {"answers": []},
    _ANSWERS + "/submit": {"answers": []},
    _VERSION: {"review_every_months": 6},
    _VERSION + "/sections/{section_id}": {"text": "We say early when a deadline slips."},
    _VERSION + "/commitments": {"side": "partner", "text": "I answer within a day"},
    _COMMITMENT: {"text": "I send a Friday update, by five"},
    _VERSION + "/confirm": {},
    _AGREEMENT + "/reviews": {"held": [], "what_held": "The Friday update."},
}


def world(cast, partnership, solo_partnership) -> dict:
    owner, partner = cast.owner, cast.partner
    # Alone at first: her answers, and version 1 begun from them.
    partnerships.partner_remove(partnership)
    services.questions_ensure(partnership)
    questions = list(Question.objects.filter(partnership=partnership))
    private = f"Only for me: {access.NOTES_SENTINEL}"
    texts = {each.pk: f"About {each.key}: {private}" for each in questions}
    texts.update(
        {each.pk: "- I send a Friday update" for each in questions if each.key == COMMITMENTS_KEY}
    )
    services.answers_submit(owner, partnership, Side.OWNER, texts)
    draft = services.version_start(owner, partnership)
    # He joins, and drafts answers of his own.
    issued = partnerships.invitation_create(partnership)
    partnerships.invitation_accept(issued.token, partner)
    partnership.refresh_from_db()
    mine = f"Only mine: {access.PARTNER_SENTINEL}"
    services.answers_save(partner, partnership, Side.PARTNER, {q.pk: mine for q in questions})
    section = draft.sections.first()
    commitment = draft.commitments.first()
    return {
        "question_pk": questions[-1].pk,
        "question_id": questions[-1].pk,
        "side": Side.OWNER.value,
        "number": draft.number,
        "section_pk": section.pk,
        "section_id": section.pk,
        "commitment_pk": commitment.pk,
        # `commitment_id` is the workload's: the agreement's route has its own.
        _COMMITMENT: {"commitment_id": commitment.pk},
    }
