"""Requests and follow-ups: when a request goes stale, and the follow-up for it (PRODUCT.md §6).

Plain dataclasses in and out, no database and no Django, so it can be used by
the web app, the API and the command line alike.
"""

from tandem.followup.compose import (
    STORY_PREFIX,
    FollowUp,
    FollowUpInput,
    Part,
    as_story,
    compose_follow_up,
    facts,
    mailto_link,
    story_hints,
)
from tandem.followup.questions import QUESTIONS, OpenQuestion, question_by_key, suggest_question
from tandem.followup.record import (
    CHANNEL_LABELS,
    CLOSED_STATUSES,
    DEFAULT_STALE_AFTER_DAYS,
    EVENT_LABELS,
    MAX_STALE_AFTER_DAYS,
    RESPONSES,
    STATUS_AFTER,
    STATUS_LABELS,
    Channel,
    Event,
    EventKind,
    RequestRecord,
    RequestStatus,
    choices,
)
from tandem.followup.staleness import (
    Staleness,
    StaleReason,
    days_ago,
    local_today,
    promise_in_force,
    staleness,
)

__all__ = [
    "CHANNEL_LABELS",
    "CLOSED_STATUSES",
    "DEFAULT_STALE_AFTER_DAYS",
    "EVENT_LABELS",
    "MAX_STALE_AFTER_DAYS",
    "QUESTIONS",
    "RESPONSES",
    "STATUS_AFTER",
    "STATUS_LABELS",
    "STORY_PREFIX",
    "Channel",
    "Event",
    "EventKind",
    "FollowUp",
    "FollowUpInput",
    "OpenQuestion",
    "Part",
    "RequestRecord",
    "RequestStatus",
    "StaleReason",
    "Staleness",
    "as_story",
    "choices",
    "compose_follow_up",
    "days_ago",
    "facts",
    "local_today",
    "mailto_link",
    "promise_in_force",
    "question_by_key",
    "staleness",
    "story_hints",
    "suggest_question",
]
