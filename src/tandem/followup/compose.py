"""The follow-up builder: a prepared conversation for a request that stalled (PRODUCT.md §6).

It drafts three parts. The facts come from the record alone: when and how I asked, what I
said, each response and follow-up with its date, and how long it has been. They are plain
and checkable, said to the partner ("you"), without words that judge. My story is offered as
a story, in my words, not as a verdict; `story_hints` points gently away from blame. The open
question invites the partner's view. By default the facts come first, then the story, then
the question; for a partner who wants the summary, one bottom line comes first and the
question before the facts. The result reads as talking points and as an e-mail draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from tandem.followup.questions import OpenQuestion, suggest_question
from tandem.followup.record import (
    CHANNEL_LABELS,
    Channel,
    Event,
    EventKind,
    RequestRecord,
    RequestStatus,
)
from tandem.followup.staleness import Staleness, days_ago, promise_in_force, staleness
from tandem.lib.dates import format_date
from tandem.planning.brief import Style

__all__ = [
    "STORY_PREFIX",
    "FollowUp",
    "FollowUpInput",
    "Part",
    "as_story",
    "compose_follow_up",
    "facts",
    "mailto_link",
    "story_hints",
]

STORY_PREFIX = "The story I'm making up is"

# The parts in their order: facts first by default, the bottom line and question first for a
# partner who wants the summary.
DETAIL_ORDER = ("facts", "story", "question")
SUMMARY_ORDER = ("bottom_line", "question", "facts", "story")

HEADINGS = {
    "bottom_line": "In short",
    "facts": "The facts",
    "story": "My story",
    "question": "The question",
}


@dataclass(frozen=True)
class FollowUpInput:
    """question is the one the person chose or wrote; empty, the suggested one is asked."""

    record: RequestRecord
    today: date
    owner_name: str
    partner_name: str
    story: str = ""
    question: str = ""
    style: Style | None = None
    # Where the e-mail goes, for its mailto: link; empty lets the person's mail program ask.
    partner_email: str = ""


@dataclass(frozen=True)
class Part:
    key: str
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class FollowUp:
    """parts holds the conversation in the order the partner's style asks for."""

    facts: tuple[str, ...]
    story: str
    question: str
    suggested_question: OpenQuestion
    talking_points: tuple[str, ...]
    email_subject: str
    email_body: str
    # The e-mail as a mailto: link, to open it in the person's mail program.
    mailto: str
    staleness: Staleness
    parts: tuple[Part, ...]


def compose_follow_up(data: FollowUpInput) -> FollowUp:
    record, today = data.record, data.today
    state = staleness(record, today)
    suggested = suggest_question(record, state)
    question = _one_line(data.question) or suggested.text
    story = as_story(data.story)
    found = _facts(record, today)
    bottom_line = f"I'd like to come back to my request about {_quoted(record.title)}."

    lines = {
        "bottom_line": (bottom_line,),
        "facts": tuple(_sentence(when, phrase, today) for when, phrase in found),
        "story": (story,) if story else (),
        "question": (question,),
    }
    points = {
        **lines,
        "facts": tuple(_point(when, phrase, today) for when, phrase in found),
        "question": (f"Ask: {question}",),
    }
    order = SUMMARY_ORDER if data.style is Style.SUMMARY_FIRST else DETAIL_ORDER
    parts = tuple(Part(key, HEADINGS[key], lines[key]) for key in order if lines[key])

    partner = _first_name(data.partner_name)
    owner = _first_name(data.owner_name)
    body = [f"Hi {partner}," if partner else "Hi,", bottom_line]
    body.extend(" ".join(part.lines) for part in parts if part.key != "bottom_line")
    body.append(f"Thanks,\n{owner}" if owner else "Thanks")
    subject = f"Following up: {_one_line(record.title)}"
    email_body = "\n\n".join(body) + "\n"
    return FollowUp(
        facts=lines["facts"],
        story=story,
        question=question,
        suggested_question=suggested,
        talking_points=tuple(point for key in order for point in points[key]),
        email_subject=subject,
        email_body=email_body,
        mailto=mailto_link(data.partner_email, subject, email_body),
        staleness=state,
        parts=parts,
    )


def facts(record: RequestRecord, today: date) -> tuple[str, ...]:
    """The facts as sentences. They are said to the partner, so they read "I" and "you"."""
    return tuple(_sentence(when, phrase, today) for when, phrase in _facts(record, today))


def mailto_link(address: str, subject: str, body: str) -> str:
    """A mailto: link (RFC 6068): every reserved character escaped, line breaks as CRLF."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(address, safe='@')}"
        f"?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )


# The facts: each a date (None for the undated ones) and a phrase, which make a sentence for
# the e-mail and a shorter line for the talking points.


def _facts(record: RequestRecord, today: date) -> list[tuple[date | None, str]]:
    found: list[tuple[date | None, str]] = [
        (record.asked_on, f"I asked you about {_quoted(record.title)} {_channel(record.channel)}")
    ]
    said = _one_line(record.what_was_said)
    if said:
        found.append((None, f"I said: “{said}”"))
    events = sorted(record.history, key=lambda event: event.on)
    found.extend((event.on, _event_phrase(event, today)) for event in events)
    since = _time_since(record, events, today)
    if since:
        found.append((None, since))
    return found


def _event_phrase(event: Event, today: date) -> str:
    match event.kind:
        case EventKind.ACKNOWLEDGED:
            return "you acknowledged it"
        case EventKind.MORE_INFO:
            return "you asked me for more information"
        case EventKind.PROMISED if event.promised_by is not None:
            return f"you said you would answer by {format_date(event.promised_by, today)}"
        case EventKind.PROMISED:
            return "you said you would answer"
        case EventKind.GRANTED:
            return "you agreed to it"
        case EventKind.DECLINED:
            return "you declined it"
    channel = f" {_channel(event.channel)}" if event.channel is not None else ""
    return f"I followed up{channel}"


def _time_since(record: RequestRecord, events: list[Event], today: date) -> str:
    """How long since: the promised date when it has passed, else since the last thing
    that happened. Only while the request is open."""
    if record.status is not RequestStatus.OPEN:
        return ""
    promise = promise_in_force(record)
    if promise is not None:
        if today > promise:
            return f"{format_date(promise, today)} was {days_ago((today - promise).days)}"
        return ""
    if events and events[-1].kind is EventKind.FOLLOWED_UP:
        heard = [event for event in events if event.kind is not EventKind.FOLLOWED_UP]
        last = heard[-1].on if heard else record.asked_on
        return f"I have not heard back since {format_date(last, today)}"
    last = events[-1].on if events else record.asked_on
    if last >= today:
        return ""
    return f"that was {days_ago((today - last).days)}"


def _sentence(when: date | None, phrase: str, today: date) -> str:
    text = f"On {format_date(when, today)} {phrase}" if when is not None else _capital(phrase)
    return text if _ends_a_sentence(text) else f"{text}."


def _point(when: date | None, phrase: str, today: date) -> str:
    return f"{format_date(when, today)}: {phrase}" if when is not None else _capital(phrase)


# The story.


def as_story(story: str) -> str:
    """The story offered as a story: "The story I'm making up is that …", ending in a full
    stop. Kept as written when it already begins that way."""
    text = _one_line(story).rstrip("!").rstrip()
    if not text:
        return ""
    if _plain_quotes(text).lower().startswith(STORY_PREFIX.lower()):
        text = _capital(text)
    else:
        first, _, rest = text.partition(" ")
        if _plain_quotes(first).lower() in _LOWER_STARTS:
            text = f"{first.lower()} {rest}".rstrip()
        if not text.lower().startswith("that "):
            text = f"that {text}"
        text = f"{STORY_PREFIX} {text}"
    return text if _ends_a_sentence(text) else f"{text}."


# Words that begin a story and read in lower case after "that"; any other first word (a name,
# "I") keeps its capital.
_STORY_STARTS = (
    "you your you're you've you'd we we're our it it's its this these those the there "
    "they they're their he he's his she she's her my a an maybe perhaps something someone "
    "somebody nobody nothing because since"
)
_LOWER_STARTS = frozenset(_STORY_STARTS.split())

# Each pattern that turns a story into a verdict, and what to try instead; {} is the words found.
_HINTS = (
    (
        re.compile(r"\b(?:always|never|every single time|every time|constantly|nothing ever)\b"),
        "“{}” turns a story into a verdict; try describing the times you know about, "
        "with their dates.",
    ),
    (
        re.compile(
            r"\b(?:(?:doesn't|does not|don't|do not|didn't|did not) (?:care|want)"
            r"|ignor(?:es|ed|ing) me|on purpose|deliberately|intentionally)\b"
        ),
        "“{}” guesses at what your partner thinks or means; try saying what happened, and let "
        "the question ask about the rest.",
    ),
    (
        re.compile(
            r"\b(?:lazy|useless|incompetent|unfair|selfish|hopeless|clueless|rude|a bad boss)\b"
        ),
        "“{}” is a label, and a label is hard to answer; try naming what happened that "
        "brought it to mind.",
    ),
    (
        re.compile(r"\byou (?:should|shouldn't|should not|ought to|must|need to)\b"),
        "“{}” tells your partner what to do; try saying what you would like, and ask how "
        "they see it.",
    ),
)


def story_hints(story: str) -> tuple[str, ...]:
    """One kind hint for each kind of blame found in a story: absolutes, guesses at intent,
    labels, and "you should"."""
    text = _plain_quotes(_one_line(story)).lower()
    hints = []
    for pattern, hint in _HINTS:
        found = pattern.search(text)
        if found:
            hints.append(hint.format(found[0]))
    return tuple(hints)


# Small wording helpers.


def _quoted(title: str) -> str:
    return f"“{_one_line(title).rstrip('.')}”"


def _channel(channel: Channel) -> str:
    label = CHANNEL_LABELS[channel]
    return label[0].lower() + label[1:]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ends_a_sentence(text: str) -> bool:
    return text.rstrip("”’\"')").endswith((".", "?", "!", "…"))


def _plain_quotes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _first_name(name: str) -> str:
    words = name.split()
    return words[0] if words else ""
