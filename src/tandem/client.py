"""A small JSON client for the `tandem` command: the standard library only, so it starts fast.

`Api` has one typed method per call the command line makes. The API's paths and JSON keys
live here and nowhere else in the command line: requests are built by these methods and
answers are typed as the `TypedDict`s below, which mirror the API's schemas (dates arrive as
ISO strings, e.g. "2026-11-13").
"""

from __future__ import annotations

import json
import os
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NotRequired, TypedDict

TIMEOUT_SECONDS = 10
# The most assignments the plan route answers at once.
PLAN_PAGE = 1000
# A calendar import may take a while on a large file; giving up early would report a failure
# for an import the server then finishes.
UPLOAD_TIMEOUT_SECONDS = 120
EXAMPLE_SERVER = "http://127.0.0.1:8000"
JSON = "application/json"


class ClientError(Exception):
    """One line for the person at the terminal."""


# What the command line sends.


class AssignmentNew(TypedDict):
    """A new assignment (the API's AssignmentIn); dates and efforts as people type them."""

    title: str
    effort: str  # 3h, 1.5d, 90m, 2h30m
    due: NotRequired[str | None]  # next friday, in 2 weeks, 2026-12-04
    asked_by: NotRequired[str]
    priority: NotRequired[int | None]
    proposed: NotRequired[bool]


class WhatIfAsk(TypedDict, total=False):
    """A new ask to weigh (title and effort), or a change: only the keys given change."""

    title: str
    effort: str  # for a change: what remains
    due: str | None  # None clears the due date of a change
    priority: int | None


class AssignmentChanges(TypedDict, total=False):
    """A change to an assignment (the API's AssignmentPatch): only the keys given change."""

    title: str
    status: str  # "proposed", "accepted", "done", …
    due: str | None
    remaining: str
    priority: int | None


class RequestNew(TypedDict):
    """A new request (the API's RequestIn); dates as people type them."""

    title: str
    asked_on: NotRequired[str | None]  # 6 weeks ago, last friday, 20 Oct; today if left out
    channel: NotRequired[str]  # "meeting", "email", "chat" or "in_passing"
    what_was_said: NotRequired[str]
    stale_after_days: NotRequired[int]
    promised_by: NotRequired[str | None]  # friday, 2026-12-04
    shared: NotRequired[bool]


class ResponseNew(TypedDict):
    """The partner's response (the API's ResponseIn)."""

    kind: str  # "acknowledged", "more_info", "promised", "granted" or "declined"
    on: NotRequired[str | None]  # yesterday, last friday; today if left out
    note: NotRequired[str]
    promised_by: NotRequired[str | None]  # for a promise: friday, 2026-12-04


class FollowUpNew(TypedDict):
    """A follow-up that happened (the API's FollowUpIn)."""

    channel: str  # "meeting", "email", "chat" or "in_passing"
    on: NotRequired[str | None]  # today if left out
    note: NotRequired[str]


class ActionItemChanges(TypedDict, total=False):
    """A change to an action item (the API's ActionItemPatch): only the keys given change."""

    status: str  # "open", "done" or "dropped"
    title: str
    due: str | None  # next friday, 2026-12-04; None clears it


# What the API answers.


class TokenOut(TypedDict):
    token: str  # shown once; only its hash is stored
    name: str


class SharingOut(TypedDict):
    share_workload: bool
    share_availability: bool
    partner_may_reorder: bool


class PartnershipOut(TypedDict):
    id: int
    role: str  # "owner" or "partner": how the requester belongs to it
    kind: str  # "manager", "report" or "peer", from the requester's point of view
    partner_name: str
    partner_joined: bool
    created_at: str
    sharing: SharingOut


class PlannedOut(TypedDict):
    id: int
    title: str
    status: str
    asked_by: str
    asked_on: str
    due: str | None
    effort_minutes: int
    priority: int | None
    partnership_id: int
    in_this_partnership: bool  # False for the owner's work in their other partnerships
    rank: int | None
    projected_start: str | None
    projected_finish: str | None
    slack_days: int | None
    late: bool
    at_risk: bool
    why: str


class WeekOut(TypedDict):
    week_start: str
    capacity_minutes: int
    planned_minutes: int
    required_minutes: int
    overloaded: bool


class OtherWorkOut(TypedDict):
    """The owner's work the requester may not see: counted, never named."""

    count: int
    effort_minutes: int


class PlanOut(TypedDict):
    today: str
    total: int  # everything the requester may see, before paging
    late_count: int
    at_risk_count: int
    assignments: list[PlannedOut]  # this page
    weeks: list[WeekOut]
    other_work: OtherWorkOut


class ShiftOut(TypedDict):
    id: int | str
    title: str
    finish_before: str | None
    finish_after: str | None
    delay_days: int | None
    became_late: bool


class OptionOut(TypedDict):
    letter: str  # "A" to "E"
    explanation: str
    why: str
    moves: list[str]
    fits: bool


class ImpactOut(TypedDict):
    verdict: str  # the one sentence: does it fit, and what becomes late
    fits: bool
    ask_finish: str | None
    ask_late: bool
    slips: list[ShiftOut]
    newly_late: list[str]
    overloaded_weeks: list[WeekOut]
    options: list[OptionOut]


class ImportOut(TypedDict):
    summary: str  # what the import changed, in one sentence
    created: int
    updated: int
    removed: int
    time_off_days: int
    time_off_added: int
    time_off_updated: int
    time_off_removed: int
    warnings: list[str]
    truncated: bool


class EventOut(TypedDict):
    """One entry of a request's history: a response, or a follow-up."""

    kind: str
    label: str  # the kind in words, e.g. "Promised an answer"
    on: str
    channel: str | None  # how a follow-up happened
    promised_by: str | None
    note: str  # empty unless the requester may read it
    by_partner: bool


class RequestOut(TypedDict):
    id: int
    title: str
    asked_on: str
    channel: str
    status: str  # "open", "answered", "granted", "declined" or "withdrawn"
    stale_after_days: int
    promised_by: str | None
    shared: bool
    stale: bool
    stale_reason: str | None  # "no_answer" or "promise_passed"
    stale_since: str | None
    summary: str  # e.g. "asked 42 days ago, no answer"
    asked_days_ago: int
    what_was_said: str  # empty for the partner
    history: list[EventOut]


class QuestionOut(TypedDict):
    key: str
    text: str


class FollowUpOut(TypedDict):
    """The follow-up conversation drafted for a request."""

    facts: list[str]
    story: str  # "The story I'm making up is …", or empty
    story_hints: list[str]
    question: str
    suggested_question: QuestionOut
    questions: list[QuestionOut]
    talking_points: list[str]
    email_subject: str
    email_body: str
    mailto: str
    summary: str


class MeetingOut(TypedDict):
    id: int
    starts_at: str
    ends_at: str
    duration_minutes: int
    when: str  # in the requester's own time zone, e.g. "Thu 3 Dec, 10:00–10:30"
    ad_hoc: bool
    moved: bool
    skipped: bool
    held: bool


class AgendaItemOut(TypedDict):
    id: int
    title: str
    detail: str
    reason: str  # why it was proposed, for an accepted proposal
    status: str  # "open", "discussed" or "dropped"
    status_label: str
    added_by: str  # "You", or the other member's name
    carried: int  # meetings it has been on already without being settled
    placed_on: int
    position: int


class ActionItemOut(TypedDict):
    id: int
    title: str
    owned_by: str  # "owner" or "partner"
    owner_name: str  # "You", or the other member's name
    mine: bool
    due: str | None
    status: str  # "open", "done" or "dropped"
    status_label: str
    carried: int  # meetings it has been on already while open
    overdue: bool
    assignment_id: int | None
    meeting_id: int
    recorded_on: str
    closed_on: str | None


class DecisionOut(TypedDict):
    id: int
    text: str
    decided_by: str  # "owner", "partner" or "both"
    decided_by_name: str
    recorded_by: str
    may_remove: bool
    meeting_id: int
    meeting_day: str


class ProposalOut(TypedDict):
    """Something Tandem proposes for the agenda, with its reason."""

    key: str
    kind: str
    label: str  # the kind in words, e.g. "Waiting too long"
    title: str
    reason: str


class MeetingDetailOut(TypedDict):
    """A meeting with its agenda, as the requester may see it."""

    meeting: MeetingOut
    partner_name: str  # the other member, as the requester knows them
    agenda: list[AgendaItemOut]
    carried_actions: list[ActionItemOut]  # still open from earlier meetings
    actions: list[ActionItemOut]  # agreed in this meeting
    decisions: list[DecisionOut]
    shared_notes: str
    notes_version: int
    notes_updated_by: str
    notes_updated_at: str | None
    private_note: str  # the requester's own
    proposals: list[ProposalOut]


class NotedOut(TypedDict):
    """A question noted for the next one-on-one."""

    id: int
    text: str
    noted_at: str
    partner_name: str  # who the one-on-one is with


class VersionSummaryOut(TypedDict):
    """One version of the partnership agreement."""

    number: int
    is_draft: bool
    confirmed_on: str | None
    review_every_months: int  # 1, 3, 6 or 12


class ReviewDueOut(TypedDict):
    number: int  # the confirmed version to review
    due_on: str
    status: str  # "soon", "due" or "overdue"
    label: str  # in words, e.g. "Review due Fri 4 Dec"


class AgreementOut(TypedDict):
    """Where the partnership agreement stands, for the requester."""

    stage: str  # "answering", "waiting", "revealed", "drafting" or "agreed"
    my_side: str  # "owner" or "partner"
    other_name: str
    other_joined: bool
    my_submitted: bool
    other_submitted: bool
    revealed: bool  # both have submitted their answers
    questions: int
    my_answered: int
    current: VersionSummaryOut | None  # the latest confirmed version
    draft: VersionSummaryOut | None
    review: ReviewDueOut | None
    may_start_version: bool
    questions_locked: bool


def config_path() -> Path:
    if override := os.environ.get("TANDEM_CONFIG"):
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("tandem", appauthor=False)) / "config.json"


@dataclass
class Config:
    server: str
    token: str
    partnership: int | None = None

    @classmethod
    def load(cls) -> Config:
        path = config_path()
        try:
            data = json.loads(path.read_text())
            return cls(data["server"], data["token"], data.get("partnership"))
        except FileNotFoundError:
            raise ClientError("Not logged in: run 'tandem login --server URL' first.") from None
        except (ValueError, KeyError, TypeError):
            raise ClientError(f"{path} is damaged: run 'tandem login' again.") from None

    def save(self) -> Path:
        path = config_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.__dict__, indent=2))
        path.chmod(0o600)  # it holds a token
        return path


def check_server(server: str) -> None:
    """Refuses an address that is not http(s)://host[:port], before anything is sent to it."""
    try:
        parts = urllib.parse.urlsplit(server)
        parts.port  # noqa: B018  (reading it checks the port)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ClientError(
            f"'{server}' is not a web address; give one like {EXAMPLE_SERVER} or "
            "https://tandem.example.com."
        )


def request(
    server: str,
    method: str,
    path: str,
    body: dict | None = None,
    token: str | None = None,
    *,
    raw: bytes | None = None,
    content_type: str = JSON,
    timeout: float | None = None,
    accept: str = JSON,
) -> Any:
    """The answer's JSON; or its text, when a document of another type is asked for."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    try:
        req = urllib.request.Request(server.rstrip("/") + path, data=data, method=method)
        req.add_header("Accept", accept)
        if data is not None:
            req.add_header("Content-Type", content_type)
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(req, timeout=timeout or TIMEOUT_SECONDS) as response:
            payload = response.read()
    except urllib.error.HTTPError as error:
        raise ClientError(_reason(error)) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        raise ClientError(f"Cannot reach {server}: {reason}.") from None
    except ValueError:
        # An unknown URL type, a bad port, a control character in the address or the token.
        # The error's own text may quote the token, so it is not repeated.
        raise ClientError(
            f"Cannot send anything to '{server}': check the address (e.g. {EXAMPLE_SERVER}) "
            "and the token."
        ) from None
    try:
        if accept != JSON:
            return payload.decode()
        return json.loads(payload) if payload else None
    except ValueError:
        # Some other web server: a mistyped address, a proxy's log-in page.
        raise ClientError(f"{server} did not answer as Tandem does; check the address.") from None


def _reason(error: urllib.error.HTTPError) -> str:
    try:
        detail = json.loads(error.read()).get("detail")
    except (ValueError, AttributeError):
        detail = None
    if error.code == 401:
        return detail or "Your token is not valid any more: run 'tandem login' again."
    return (
        detail if isinstance(detail, str) else f"The server answered {error.code} {error.reason}."
    )


class Api:
    """The calls the command line makes to one Tandem server.

    `Api(server)` is enough for `token_create`; everything else needs a token. A problem the
    person can act on (no server, a refusal, a damaged config) raises `ClientError`.
    """

    def __init__(self, server: str, token: str | None = None, partnership: int | None = None):
        check_server(server)
        self.server = server
        self.token = token
        self.default_partnership = partnership

    @classmethod
    def from_config(cls) -> Api:
        """The server, token and default partnership stored by `tandem login`."""
        config = Config.load()
        return cls(config.server, config.token, config.partnership)

    def partnership_id(self, chosen: int | None) -> int:
        if chosen is not None:
            return chosen
        if self.default_partnership is not None:
            return self.default_partnership
        raise ClientError("No partnership chosen: pass --partnership ID (see 'tandem login').")

    # Accounts

    def token_create(self, email: str, password: str, name: str) -> TokenOut:
        body = {"email": email, "password": password, "name": name}
        return self._call("POST", "/api/tokens", body)

    # Partnerships

    def partnerships(self) -> list[PartnershipOut]:
        return self._call("GET", "/api/partnerships")

    # Workload

    def plan(
        self,
        partnership_id: int,
        *,
        limit: int = PLAN_PAGE,
        offset: int = 0,
        attention_first: bool = False,
    ) -> PlanOut:
        """A page of the plan with its totals; late and at-risk work first if asked."""
        query = f"limit={int(limit)}&offset={int(offset)}"
        if attention_first:
            query += "&attention_first=true"
        return self._call("GET", f"/api/partnerships/{int(partnership_id)}/plan?{query}")

    def assignment_create(self, partnership_id: int, assignment: AssignmentNew) -> PlannedOut:
        path = f"/api/partnerships/{int(partnership_id)}/assignments"
        return self._call("POST", path, dict(assignment))

    def assignment_update(
        self, partnership_id: int, assignment_id: int, changes: AssignmentChanges
    ) -> PlannedOut:
        path = f"/api/partnerships/{int(partnership_id)}/assignments/{int(assignment_id)}"
        return self._call("PATCH", path, dict(changes))

    def whatif(
        self, partnership_id: int, ask: WhatIfAsk, *, assignment_id: int | None = None
    ) -> ImpactOut:
        """What `ask` would move, without saving it; with `assignment_id`, `ask` is a change
        to that assignment instead of a new one, and what it leaves out stays as it is."""
        path = f"/api/partnerships/{int(partnership_id)}/whatif"
        return self._call("POST", path, {**ask, "assignment_id": assignment_id})

    def assignment(self, partnership_id: int, assignment_id: int) -> PlannedOut:
        path = f"/api/partnerships/{int(partnership_id)}/assignments/{int(assignment_id)}"
        return self._call("GET", path)

    def calendar_import(self, filename: str, data: bytes, all_day_as_time_off: bool) -> ImportOut:
        flag = "true" if all_day_as_time_off else "false"
        path = f"/api/calendar/import?all_day_as_time_off={flag}"
        return self._upload(path, filename, data, "text/calendar")

    # Requests

    def requests(self, partnership_id: int, status: str = "open") -> list[RequestOut]:
        """The requests the requester may see, most pressing first; status is "open", "stale"
        or "all"."""
        query = urllib.parse.urlencode({"status": status})
        return self._call("GET", f"/api/partnerships/{int(partnership_id)}/requests?{query}")

    def request_create(self, partnership_id: int, new: RequestNew) -> RequestOut:
        return self._call("POST", f"/api/partnerships/{int(partnership_id)}/requests", dict(new))

    def request(self, partnership_id: int, request_id: int) -> RequestOut:
        return self._call("GET", self._request_path(partnership_id, request_id))

    def follow_up(
        self,
        partnership_id: int,
        request_id: int,
        *,
        story: str | None = None,
        question: str | None = None,
    ) -> FollowUpOut:
        """The drafted follow-up; a story or question given is saved first."""
        path = self._request_path(partnership_id, request_id) + "/follow-up-draft"
        if story is None and question is None:
            return self._call("GET", path)
        return self._call("PUT", path, {"story": story, "question": question})

    def response_record(
        self, partnership_id: int, request_id: int, response: ResponseNew
    ) -> EventOut:
        path = self._request_path(partnership_id, request_id) + "/responses"
        return self._call("POST", path, dict(response))

    def follow_up_record(
        self, partnership_id: int, request_id: int, follow_up: FollowUpNew
    ) -> EventOut:
        path = self._request_path(partnership_id, request_id) + "/follow-ups"
        return self._call("POST", path, dict(follow_up))

    @staticmethod
    def _request_path(partnership_id: int, request_id: int) -> str:
        return f"/api/partnerships/{int(partnership_id)}/requests/{int(request_id)}"

    # One-on-ones

    def next_meeting(self, partnership_id: int) -> MeetingDetailOut:
        """The next one-on-one (or the one under way) with its agenda and proposals."""
        return self._call("GET", self._one_on_ones_path(partnership_id) + "/meetings/next")

    def question_note(self, partnership_id: int, text: str) -> NotedOut:
        """Note a question for the next one-on-one, private until put on the agenda."""
        path = self._one_on_ones_path(partnership_id) + "/notes"
        return self._call("POST", path, {"text": text})

    def action_items(self, partnership_id: int, state: str = "open") -> list[ActionItemOut]:
        """Action items on both sides; state is "open" (earliest due first) or "all"."""
        query = urllib.parse.urlencode({"state": state})
        return self._call("GET", self._one_on_ones_path(partnership_id) + f"/action-items?{query}")

    def action_item_update(
        self, partnership_id: int, action_id: int, changes: ActionItemChanges
    ) -> None:
        path = self._one_on_ones_path(partnership_id) + f"/action-items/{int(action_id)}"
        self._call("PATCH", path, dict(changes))

    @staticmethod
    def _one_on_ones_path(partnership_id: int) -> str:
        return f"/api/partnerships/{int(partnership_id)}/one-on-ones"

    # The agreement

    def agreement(self, partnership_id: int) -> AgreementOut:
        """Where the agreement stands: answers, the reveal, the current version, its review."""
        return self._call("GET", self._agreement_path(partnership_id))

    def agreement_versions(self, partnership_id: int) -> list[VersionSummaryOut]:
        """Every version of the agreement the requester may see, the newest first."""
        return self._call("GET", self._agreement_path(partnership_id) + "/versions")

    def agreement_markdown(self, partnership_id: int, number: int) -> str:
        """One version of the agreement as a Markdown document."""
        path = self._agreement_path(partnership_id) + f"/versions/{int(number)}/markdown"
        return self._call("GET", path, accept="text/markdown")

    @staticmethod
    def _agreement_path(partnership_id: int) -> str:
        return f"/api/partnerships/{int(partnership_id)}/agreement"

    # Transport

    def _call(self, method: str, path: str, body: dict | None = None, **kwargs) -> Any:
        return request(self.server, method, path, body, self.token, **kwargs)

    def _upload(self, path: str, filename: str, data: bytes, file_type: str) -> Any:
        """POST one file as multipart/form-data (the field is named "file")."""
        boundary = secrets.token_hex(16)
        safe_name = filename.replace('"', "'").replace("\r", " ").replace("\n", " ")
        head = (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{safe_name}"\r\n'
            f"Content-Type: {file_type}\r\n\r\n"
        )
        body = head.encode() + data + f"\r\n--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
        return self._call(
            "POST", path, raw=body, content_type=content_type, timeout=UPLOAD_TIMEOUT_SECONDS
        )
