"""The Brief: a one-page workload summary for the partner (PRODUCT.md §5).

It gives the bottom line, the current load, what a new ask displaces, the
options, and one clear question. The order follows the partner's style: the
bottom line first for a partner who wants the summary, the numbers first for
one who wants the detail. The wording stays calm and solution-first: numbers,
dates and ways through, never complaints.

Sections with nothing to say are left out: a status brief has no displaced
work, and a plan with nothing late has no options.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tandem.lib.dates import format_date
from tandem.lib.efforts import format_effort
from tandem.planning.chart import CHART_WEEKS, week_label
from tandem.planning.impact import Impact, Shift
from tandem.planning.options import OPTION_LETTERS, Move, MoveKind, Option
from tandem.planning.planner import ItemId, Plan, ScheduledItem, WeekLoad
from tandem.planning.text import days_label

__all__ = ["Brief", "BriefInput", "Section", "Style", "compose_brief", "impact_verdict"]

SUMMARY_WEEKS = 4
MAX_NAMED = 3
MAX_LISTED = 8
MAX_ORDER = 5


class Style(StrEnum):
    """How the partner takes in information, from the partner profile."""

    SUMMARY_FIRST = "summary_first"
    DETAIL_FIRST = "detail_first"


SECTION_ORDER: dict[Style, tuple[str, ...]] = {
    Style.SUMMARY_FIRST: ("bottom_line", "options", "question", "load", "displaced"),
    Style.DETAIL_FIRST: ("load", "displaced", "options", "bottom_line", "question"),
}

HEADINGS = {
    "bottom_line": "In short",
    "load": "Current load",
    "displaced": "What moves",
    "options": "Options",
    "question": "The question",
}

# These sections read as paragraphs; the others as lists.
PROSE = ("bottom_line", "question")


@dataclass(frozen=True)
class BriefInput:
    """plan includes the new ask, if any; impact is None for a plain status brief."""

    owner_name: str
    partner_name: str
    today: date
    plan: Plan
    impact: Impact | None
    ask_id: ItemId | None
    options: Sequence[Option]
    chosen: int | None = None
    style: Style | None = None
    day_minutes: int = 480


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Brief:
    title: str
    question: str
    sections: tuple[Section, ...]
    markdown: str
    email_subject: str
    email_body: str
    weeks: tuple[WeekLoad, ...]


def compose_brief(data: BriefInput) -> Brief:
    options = tuple(data.options)[: len(OPTION_LETTERS)]
    if data.chosen is not None and not 0 <= data.chosen < len(options):
        raise ValueError("chosen must be the index of one of the options.")
    ask = _ask(data)
    style = data.style or Style.SUMMARY_FIRST
    weeks = _upcoming_weeks(data.plan, data.today)
    question = _question(data, ask, options)

    lines = {
        "bottom_line": (_bottom_line(data, ask, options),),
        "load": _load(data, ask, weeks, style),
        "displaced": _displaced(data),
        "options": _options(data, options),
        "question": (question,),
    }
    sections = tuple(
        Section(key, HEADINGS[key], lines[key]) for key in SECTION_ORDER[style] if lines[key]
    )
    title = _title(data, ask)
    return Brief(
        title=title,
        question=question,
        sections=sections,
        markdown=_markdown(title, sections),
        email_subject=title,
        email_body=_email(data, ask, sections),
        weeks=weeks,
    )


# The pieces of text.


def _ask(data: BriefInput) -> ScheduledItem | None:
    if data.ask_id is None:
        return None
    ask = data.plan.scheduled.get(data.ask_id)
    if ask is None:
        raise ValueError("The new ask must be in the plan.")
    return ask


def _changed(data: BriefInput, ask: ScheduledItem | None) -> ScheduledItem | None:
    """The ask, or the item whose change the impact describes."""
    if ask is not None:
        return ask
    return data.impact.change if data.impact is not None else None


def _title(data: BriefInput, ask: ScheduledItem | None) -> str:
    if ask is not None:
        return f"Workload: taking on {_quoted(ask)}"
    changed = _changed(data, ask)
    if changed is not None:
        return f"Workload: the change to {_quoted(changed)}"
    return f"Workload on {format_date(data.today)}"


def impact_verdict(impact: Impact, today: date, *, new_ask: bool) -> str:
    """The one sentence that says whether a new ask (or a change) fits.

    The impact panel, the command line and the brief all say it in these words.
    """
    changed = impact.change
    lead = "This change"
    if new_ask and changed is not None:
        lead = f"Taking on {_quoted(changed)}"
        if changed.item.due is not None:
            lead += f" by {format_date(changed.item.due, today)}"
    if impact.fits:
        others_late = [s for s in impact.after.late if changed is None or s.id != changed.id]
        rest = "nothing else becomes late" if others_late else "everything else stays on time"
        if changed is not None and changed.finish is not None:
            landing = format_date(changed.finish, today)
            return f"{lead} fits: it lands on {landing}{_spare(changed)}, and {rest}."
        return f"{lead} fits: {rest}."
    newly = impact.newly_late
    changed_late = changed is not None and changed.late
    if newly:
        own = "its due date" if len(newly) == 1 else "their due dates"
        first = f"{lead} moves {_names(newly, others=True)} past {own}"
        if changed_late:
            first += f", and {_quoted(changed)} itself would land "
            first += _landing(impact.after, changed, today)
        return first + "."
    if changed_late:
        first = f"At the current load, {_quoted(changed)} would land "
        first += _landing(impact.after, changed, today)
        if changed.item.due is not None:
            first += f", after its due date of {format_date(changed.item.due, today)}"
        return first + "."
    return f"{lead} leaves some work late."


def _bottom_line(data: BriefInput, ask: ScheduledItem | None, options: Sequence[Option]) -> str:
    impact = data.impact
    if impact is None:
        return _status_line(data, options)
    verdict = impact_verdict(impact, data.today, new_ask=ask is not None)
    if impact.fits:
        return f"{verdict} {_slack_cost(impact)}"
    return f"{verdict} {_way_through(data, options)}"


def _status_line(data: BriefInput, options: Sequence[Option]) -> str:
    today = data.today
    scheduled = list(data.plan.scheduled.values())
    if not scheduled:
        return "There is nothing open right now, so there is room for new work."
    late = data.plan.late
    if late:
        verb = "lands after its due date" if len(late) == 1 else "land after their due dates"
        return f"At the current load, {_names(late)} {verb}. {_way_through(data, options)}"
    line = f"Everything lands on time: {_count(len(scheduled), 'open assignment')}"
    dated = [s for s in scheduled if s.item.due is not None]
    if dated:
        first_due = min(dated, key=lambda s: (s.item.due, s.rank))
        line += (
            f", the next due is {_quoted(first_due)} on {format_date(first_due.item.due, today)}"
        )
    line += "."
    at_risk = [s for s in data.plan.at_risk if not s.late]
    if at_risk:
        verb = "has" if len(at_risk) == 1 else "have"
        line += f" {_names(at_risk)} {verb} little room to spare."
    return line


def _slack_cost(impact: Impact) -> str:
    """What fitting it in costs the rest: the later finishes and the room that is left."""
    slips = impact.slips
    if not slips:
        return "Nothing else moves."
    after = impact.after.scheduled
    delays = [s.delay_days for s in slips if s.delay_days is not None]
    if len(slips) == 1:
        shift = slips[0]
        moved = _shift_title(shift)
        if shift.delay_days is None:
            return f"It costs some slack: {moved} finishes later."
        sentence = f"It costs some slack: {moved} finishes {days_label(shift.delay_days)} later"
        scheduled = after.get(shift.item.id)
        if scheduled is not None and scheduled.slack_days is not None:
            sentence += f" and still {_room(scheduled.slack_days)}"
        return sentence + "."
    sentence = f"It costs some slack: {_count(len(slips), 'item')} finish later"
    if delays:
        sentence += f", by up to {days_label(max(delays))}"
    dated = [
        after[s.item.id]
        for s in slips
        if s.item.id in after and after[s.item.id].slack_days is not None
    ]
    if dated:
        tightest = min(dated, key=lambda s: (s.slack_days, s.rank))
        sentence += f"; the tightest, {_quoted(tightest)}, still {_room(tightest.slack_days)}"
    return sentence + "."


def _room(slack_days: int) -> str:
    if slack_days <= 0:
        return "lands on its due date"
    return f"has {days_label(slack_days)} to spare"


def _spare(scheduled: ScheduledItem) -> str:
    if scheduled.slack_days is None:
        return ""
    if scheduled.slack_days == 0:
        return ", the day it is due"
    return f", {days_label(scheduled.slack_days)} before it is due"


def _landing(plan: Plan, scheduled: ScheduledItem, today: date) -> str:
    """'on Tue 8 Dec', or 'after' the plan's last day for work that does not finish within it."""
    if scheduled.finish is not None:
        return f"on {format_date(scheduled.finish, today)}"
    return f"after {format_date(plan.horizon_end, today)}"


def _way_through(data: BriefInput, options: Sequence[Option]) -> str:
    """The sentence that follows the problem: the suggestion, or where the options are."""
    if data.chosen is not None:
        option = options[data.chosen]
        return f"I suggest {_moves_phrase(data, option, gerund=True)}; {_then(option)}."
    if len(options) == 1:
        option = options[0]
        return f"One way through: {_moves_phrase(data, option, gerund=True)}; {_then(option)}."
    if options:
        fitting = sum(option.fits for option in options)
        if fitting == len(options):
            return f"Here are {len(options)} ways through; each brings everything back on time."
        if fitting:
            return (
                f"Here are {len(options)} ways through; "
                f"{fitting} of them bring everything back on time."
            )
        return (
            f"Here are {len(options)} ways through; "
            "each leaves some work late, so the order matters."
        )
    return (
        "I have not found a change that brings everything back on time, "
        "so I would like to agree what comes first."
    )


def _then(option: Option) -> str:
    late = option.still_late
    if not late:
        return "everything else then lands on time"
    if len(late) == 1:
        return f"only {_quoted(late[0])} is then still late"
    if len(late) <= MAX_NAMED:
        return f"only {_names(late)} are then still late"
    return f"{len(late)} items are then still late"


def _moves_phrase(data: BriefInput, option: Option, *, gerund: bool) -> str:
    phrases = [_move_phrase(data, move, gerund=gerund) for move in option.moves]
    if len(phrases) <= 1:
        return "".join(phrases)
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _move_phrase(data: BriefInput, move: Move, *, gerund: bool) -> str:
    today = data.today
    title = f"'{move.item.title}'"
    # In hours, like the option lines it is read beside.
    effort = format_effort(move.minutes)
    match move.kind:
        case MoveKind.DROP:
            if gerund:
                return f"dropping or handing off {title} ({effort})"
            # The question already sits in parentheses.
            return f"drop or hand off {title}"
        case MoveKind.REDUCE:
            return f"{'trimming' if gerund else 'trim'} {effort} from {title}"
        case MoveKind.DEFER if not move.changes_due and move.not_before is not None:
            verb = "starting" if gerund else "start"
            return f"{verb} {title} on {format_date(move.not_before, today)}"
        case MoveKind.DEFER:
            verb = "deferring" if gerund else "defer"
        case _:
            verb = "moving" if gerund else "move"
    if move.due is None:
        return f"{verb} {title}"
    return f"{verb} {title} to {format_date(move.due, today)}"


def _load(
    data: BriefInput,
    ask: ScheduledItem | None,
    weeks: Sequence[WeekLoad],
    style: Style,
) -> tuple[str, ...]:
    today, day_minutes = data.today, data.day_minutes
    lines = []
    if ask is not None:
        effort = format_effort(ask.item.remaining_minutes, day_minutes)
        line = f"The new ask, {_quoted(ask)}, is {effort} of work"
        if ask.item.due is not None:
            line += f", due {format_date(ask.item.due, today)}"
        lines.append(line + ".")

    if style is Style.DETAIL_FIRST:
        shown = list(weeks)
    else:
        # The near weeks, and any later week that is short of time.
        shown = [w for i, w in enumerate(weeks) if i < SUMMARY_WEEKS or w.overloaded]
    lines.extend(_week_line(week, today) for week in shown)

    scheduled = list(data.plan.scheduled.values())
    if scheduled:
        total = sum(s.item.remaining_minutes for s in scheduled)
        line = f"{_count(len(scheduled), 'open assignment')}, {format_effort(total, day_minutes)}"
        line += " of work in all"
        lines.append(line + (", including the new ask." if ask is not None else "."))
    else:
        lines.append("No open assignments.")

    late = data.plan.late
    at_risk = [s for s in data.plan.at_risk if not s.late]
    if late:
        lines.append("Late: " + _listed([_due_and_landing(data, s) for s in late]) + ".")
    if at_risk:
        lines.append("At risk: " + _listed([_due_and_landing(data, s) for s in at_risk]) + ".")
    if scheduled and not late and not at_risk:
        lines.append("Nothing is late or at risk.")

    if data.impact is None and scheduled:
        # A status brief asks whether the order is right, so it shows the order.
        ranked = [f"{_quoted(s)} ({s.reason})" for s in scheduled[:MAX_ORDER]]
        line = "In order: " + ", then ".join(ranked)
        if len(scheduled) > MAX_ORDER:
            line += f", and {len(scheduled) - MAX_ORDER} more after these"
        lines.append(line + ".")
    return tuple(lines)


def _week_line(week: WeekLoad, today: date) -> str:
    name = _week_name(week.week_start, today)
    required, capacity = week.required_minutes, week.capacity_minutes
    available = f"{format_effort(capacity)} available" if capacity else "no working time"
    if required <= 0:
        return f"{name}: nothing due, {available}"
    against = f"against {available}" if capacity else "and no working time"
    line = f"{name}: {format_effort(required)} of work due {against}"
    if week.overloaded:
        line += f" ({format_effort(required - capacity)} more than available)"
    return line


def _week_name(week_start: date, today: date) -> str:
    this_monday = today - timedelta(days=today.weekday())
    if week_start == this_monday:
        return "This week"
    if week_start == this_monday + timedelta(days=7):
        return "Next week"
    return week_label(week_start, today)


def _due_and_landing(data: BriefInput, scheduled: ScheduledItem) -> str:
    today = data.today
    parts = []
    if scheduled.item.due is not None:
        parts.append(f"due {format_date(scheduled.item.due, today)}")
    parts.append(f"lands {_landing(data.plan, scheduled, data.today).removeprefix('on ')}")
    return f"{_quoted(scheduled)} ({', '.join(parts)})"


def _displaced(data: BriefInput) -> tuple[str, ...]:
    impact = data.impact
    if impact is None:
        return ()
    today = data.today
    lines = []
    slips = impact.slips
    for shift in slips[:MAX_LISTED]:
        lines.append(_slip_line(data, shift))
    if len(slips) > MAX_LISTED:
        rest = slips[MAX_LISTED:]
        delays = [s.delay_days for s in rest if s.delay_days is not None]
        line = f"{_count(len(rest), 'more item')} finish later"
        if delays:
            line += f", by {days_label(max(delays))} at most"
        lines.append(line + ".")
    slipped = {shift.item.id for shift in slips}
    for scheduled in impact.newly_late:
        if scheduled.id not in slipped:
            lines.append(f"{_quoted(scheduled)} becomes late: {_due_and_landing(data, scheduled)}.")
    for change in impact.weeks[:MAX_NAMED]:
        name = _week_name(change.week_start, today)
        after = format_effort(change.overload_after)
        if change.overload_before:
            lines.append(
                f"{name}: {after} more work due than time available, "
                f"up from {format_effort(change.overload_before)}."
            )
        else:
            lines.append(f"{name}: {after} more work due than time available, up from none.")
    return tuple(lines) or ("Nothing else moves.",)


def _slip_line(data: BriefInput, shift: Shift) -> str:
    today = data.today
    title = _shift_title(shift)
    before = format_date(shift.finish_before, today) if shift.finish_before else "later"
    if shift.pushed_out or shift.finish_after is None:
        horizon = format_date(data.plan.horizon_end, today)
        line = f"{title}: no longer done by {horizon} (was {before})"
    else:
        line = f"{title}: lands {format_date(shift.finish_after, today)} instead of {before}"
        if shift.delay_days is not None:
            line += f" ({days_label(shift.delay_days)} later)"
    due = shift.item.due
    if due is None:
        return line + "."
    due_text = format_date(due, today)
    if shift.finish_after is None or shift.finish_after > due:
        return f"{line}, after its due date of {due_text}."
    if shift.finish_after == due:
        return f"{line}, on its due date of {due_text}."
    return f"{line}, still before its due date of {due_text}."


def _options(data: BriefInput, options: Sequence[Option]) -> tuple[str, ...]:
    lines = []
    for index, option in enumerate(options):
        letter = OPTION_LETTERS[index]
        mark = " (my suggestion)" if index == data.chosen else ""
        lines.append(f"{letter}{mark}. {option.explanation}")
    return tuple(lines)


def _question(data: BriefInput, ask: ScheduledItem | None, options: Sequence[Option]) -> str:
    today = data.today
    if options:
        if data.chosen is not None or len(options) == 1:
            index = data.chosen or 0
            phrase = _moves_phrase(data, options[index], gerund=False)
            return f"Can we go with option {OPTION_LETTERS[index]} ({phrase})?"
        return "Which of these should move?"
    impact = data.impact
    if impact is None:
        return "Is this the right order?"
    if impact.fits:
        if ask is None:
            return "Shall I go ahead with this change?"
        if ask.item.due is None:
            return f"Shall I take on {_quoted(ask)}?"
        return (
            f"Shall I take on {_quoted(ask)} with a due date of {format_date(ask.item.due, today)}?"
        )
    changed = _changed(data, ask)
    contenders = ([changed] if changed is not None else []) + list(impact.newly_late)
    if len(contenders) < 2:
        return "Is this the right order?"
    return f"Which should come first: {_names(contenders, joiner='or')}?"


# Markdown and e-mail.


def _markdown(title: str, sections: Sequence[Section]) -> str:
    parts = [f"# {title}"]
    for section in sections:
        parts.append(f"## {section.heading}")
        if section.key == "question":
            parts.extend(f"**{line}**" for line in section.lines)
        elif section.key in PROSE:
            parts.extend(section.lines)
        else:
            parts.append("\n".join(f"- {line}" for line in section.lines))
    return "\n\n".join(parts) + "\n"


def _email(data: BriefInput, ask: ScheduledItem | None, sections: Sequence[Section]) -> str:
    partner = _first_name(data.partner_name)
    parts = [f"Hi {partner}," if partner else "Hi,"]
    if ask is not None:
        parts.append(f"Here is how {_quoted(ask)} fits with what is already planned.")
    else:
        parts.append("Here is where my workload stands.")
    for section in sections:
        if section.key in PROSE:
            parts.extend(section.lines)
        else:
            parts.append("\n".join([section.heading, *(f"- {line}" for line in section.lines)]))
    owner = _first_name(data.owner_name)
    parts.append(f"Thanks,\n{owner}" if owner else "Thanks")
    return "\n\n".join(parts) + "\n"


def _first_name(name: str) -> str:
    words = name.split()
    return words[0] if words else ""


# Small wording helpers.


def _upcoming_weeks(plan: Plan, today: date) -> tuple[WeekLoad, ...]:
    upcoming = [week for week in plan.weeks if week.week_start + timedelta(days=6) >= today]
    return tuple(upcoming[:CHART_WEEKS])


def _quoted(scheduled: ScheduledItem) -> str:
    return f"'{scheduled.item.title}'"


def _shift_title(shift: Shift) -> str:
    return f"'{shift.item.title}'"


def _names(items: Sequence[ScheduledItem], *, others: bool = False, joiner: str = "and") -> str:
    """'A', 'A' and 'B', 'A', 'B' and 'C'; beyond that a count."""
    if len(items) > MAX_NAMED:
        return _count(len(items), "other item" if others else "item")
    titles = [_quoted(item) for item in items]
    if len(titles) == 1:
        return titles[0]
    return ", ".join(titles[:-1]) + f" {joiner} " + titles[-1]


def _listed(texts: Sequence[str]) -> str:
    if len(texts) <= MAX_NAMED:
        return ", ".join(texts)
    return ", ".join(texts[:MAX_NAMED]) + f" and {len(texts) - MAX_NAMED} more"


def _count(n: int, noun: str) -> str:
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"
