"""The Brief: a one-page workload summary for the partner (PRODUCT.md §5).

The first screen says what the partner needs to decide: the bottom line, what
happens if nothing changes, what I propose (the option I suggest, or the
options to choose from), and the question. The detail follows: the load by
week, what moves, and every option when one is proposed. The question comes
last, on its own. The order follows the partner's style: the bottom line first
for a partner who wants the summary, the numbers first for one who wants the
detail. The wording stays calm and solution-first: numbers, dates and ways
through, never complaints. Efforts are said the way people say them
(`spoken_effort`), one way everywhere in the brief.

The ask is framed as what it is: a new ask is "taken on", work already on the
list is "finished", and a change to an assignment reads as that change.

Sections with nothing to say are left out: a status brief has no displaced
work, and a plan with nothing late has no options.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tandem.lib.dates import format_date
from tandem.lib.efforts import spoken_effort
from tandem.planning.chart import CHART_WEEKS, week_label
from tandem.planning.impact import Impact, Shift
from tandem.planning.options import (
    OPTION_LETTERS,
    Move,
    MoveKind,
    Option,
    move_effects,
    option_headline,
)
from tandem.planning.planner import ItemId, Plan, ScheduledItem, WeekLoad, WorkItem
from tandem.planning.text import days_label, numbered

__all__ = [
    "OTHER_WORK",
    "Brief",
    "BriefInput",
    "Section",
    "Style",
    "compose_brief",
    "impact_verdict",
]

SUMMARY_WEEKS = 4
MAX_NAMED = 3
MAX_LISTED = 8
MAX_ORDER = 5

# How a brief names work the partner may not see: that it takes time, never what it is.
OTHER_WORK = "other work (not shared here)"


class Style(StrEnum):
    """How the partner takes in information, from the partner profile."""

    SUMMARY_FIRST = "summary_first"
    DETAIL_FIRST = "detail_first"


# The first screen, and the detail after it. "proposal" is the option I suggest; without one,
# the options themselves take its place, and otherwise they join the detail.
SUMMARY = ("bottom_line", "nothing_changes", "proposal")
DETAIL = ("load", "displaced", "options")

HEADINGS = {
    "bottom_line": "In short",
    "nothing_changes": "If nothing changes",
    "proposal": "What I propose",
    "options": "The options",
    "load": "Load by week",
    "displaced": "What moves",
    "question": "The question",
}

# These sections read as paragraphs; the others as lists.
PROSE = ("bottom_line", "question")


@dataclass(frozen=True)
class BriefInput:
    """plan includes the new ask, if any; impact is None for a plain status brief.

    ask_is_new is False when the ask is work already on the list (agreed, in progress or
    waiting): the brief then speaks of finishing it, not of taking it on.
    """

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
    ask_is_new: bool = True


@dataclass(frozen=True)
class Section:
    """lead is a line said before the list; a folded section is detail the page tucks away."""

    key: str
    heading: str
    lines: tuple[str, ...]
    lead: str = ""
    folded: bool = False


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
    proposing = data.chosen is not None

    lead, proposal = _proposal(data, options) if proposing else ("", ())
    lines = {
        "bottom_line": (_bottom_line(data, ask, options),),
        "nothing_changes": _nothing_changes(data, weeks),
        "proposal": proposal,
        "options": _option_lines(data, options),
        "load": _load(data, ask, weeks, style),
        "displaced": _displaced(data),
        "question": (question,),
    }
    summary = SUMMARY if proposing else (*SUMMARY[:-1], "options")
    detail = DETAIL if proposing else DETAIL[:-1]
    if style is Style.DETAIL_FIRST:
        order = (*detail, *summary[1:], summary[0], "question")
    else:
        order = (*summary, *detail, "question")
    # Without a suggestion, the options themselves are what I propose.
    headings = {**HEADINGS, "options": HEADINGS["options" if proposing else "proposal"]}
    sections = tuple(
        Section(
            key,
            headings[key],
            lines[key],
            lead=lead if key == "proposal" else "",
            folded=style is Style.SUMMARY_FIRST and key in detail,
        )
        for key in order
        if lines[key]
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


def _is_new(data: BriefInput, ask: ScheduledItem | None) -> bool:
    return ask is not None and data.ask_is_new


def _changed(data: BriefInput, ask: ScheduledItem | None) -> ScheduledItem | None:
    """The ask, or the item whose change the impact describes."""
    if ask is not None:
        return ask
    return data.impact.change if data.impact is not None else None


def _title(data: BriefInput, ask: ScheduledItem | None) -> str:
    if ask is not None:
        verb = "taking on" if data.ask_is_new else "finishing"
        return f"Workload: {verb} {_quoted(ask)}"
    changed = _changed(data, ask)
    if changed is not None:
        return f"Workload: the change to {_quoted(changed)}"
    return f"Workload on {format_date(data.today)}"


def impact_verdict(impact: Impact, today: date, *, new_ask: bool) -> str:
    """The one sentence that says whether a new ask (or a change) fits.

    The impact panel, the command line and the brief all say it in these words. A new ask
    is "taken on". Otherwise the changed item is either an assignment being changed ("Moving
    'X' to …" when only its due date moves, else "This change to 'X'"), or, when the plan
    before did not hold it, work already on the list weighed as a whole ("Finishing 'X'").
    """
    changed = impact.change
    lead, verb = _lead(impact, today, new_ask=new_ask)
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
        first = f"{lead} {verb} {_names(newly, others=True)} past {own}"
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


def _lead(impact: Impact, today: date, *, new_ask: bool) -> tuple[str, str]:
    """Who does it, and the verb for what it does to other work."""
    changed = impact.change
    if changed is None:
        return "This change", "moves"
    by = f" by {format_date(changed.item.due, today)}" if changed.item.due is not None else ""
    if new_ask:
        return f"Taking on {_quoted(changed)}{by}", "moves"
    was = impact.before.scheduled.get(changed.id)
    if was is None:
        return f"Finishing {_quoted(changed)}{by}", "moves"
    before, after = was.item, changed.item
    same_work = (before.remaining_minutes, before.priority) == (
        after.remaining_minutes,
        after.priority,
    )
    if same_work and after.due is not None and before.due != after.due:
        return f"Moving {_quoted(changed)} to {format_date(after.due, today)}", "pushes"
    return f"This change to {_quoted(changed)}", "moves"


def _bottom_line(data: BriefInput, ask: ScheduledItem | None, options: Sequence[Option]) -> str:
    impact = data.impact
    if impact is None:
        return _status_line(data, options)
    verdict = impact_verdict(impact, data.today, new_ask=_is_new(data, ask))
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
        return "everything then lands on time"
    if len(late) == 1:
        return f"only {_quoted(late[0])} is then still late"
    if len(late) <= MAX_NAMED:
        return f"only {_names(late)} are then still late"
    return f"{len(late)} items are then still late"


def _moves_phrase(data: BriefInput, option: Option, *, gerund: bool) -> str:
    """'moving 'X' to Tue 8 Dec and trimming …'; past two moves, the first and a count."""
    phrases = [_move_phrase(data, move, gerund=gerund) for move in option.moves]
    if len(phrases) > 2:
        return f"{phrases[0]}, with {_count(len(phrases) - 1, 'other change')}"
    return " and ".join(phrases)


def _move_phrase(data: BriefInput, move: Move, *, gerund: bool) -> str:
    today = data.today
    title = f"'{move.item.title}'"
    effort = _effort(data, move.minutes)
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


# What happens if nothing changes.


def _nothing_changes(data: BriefInput, weeks: Sequence[WeekLoad]) -> tuple[str, ...]:
    lines = []
    late = data.plan.late
    if late:
        lines.append(_late_line(data, late))
    over = [week for week in weeks if week.overloaded]
    if over:
        lines.append(_over_line(data, over))
    return tuple(lines)


def _late_line(data: BriefInput, late: Sequence[ScheduledItem]) -> str:
    today = data.today
    if len(late) == 1:
        scheduled = late[0]
        due = format_date(scheduled.item.due, today)
        if scheduled.finish is None:
            horizon = format_date(data.plan.horizon_end, today)
            return f"{_quoted(scheduled)}, due {due}, is not done by {horizon}."
        landing = format_date(scheduled.finish, today)
        lateness = _lateness(data, scheduled)
        return f"{_quoted(scheduled)} lands {landing}, {lateness} its due date of {due}."
    if len(late) <= MAX_NAMED:
        parts = [f"{_quoted(s)} {_lateness(data, s, by=True)}" for s in late]
        return f"{len(late)} items land after their due dates: {_joined(parts)}."
    return f"{len(late)} items land after their due dates, among them {_names(late[:MAX_NAMED])}."


def _lateness(data: BriefInput, scheduled: ScheduledItem, *, by: bool = False) -> str:
    """'1 day after' ('by 1 day'), or 'after Sun 13 Dec' for work that does not finish within
    the plan."""
    if scheduled.finish is None:
        return f"after {format_date(data.plan.horizon_end, data.today)}"
    days = days_label((scheduled.finish - scheduled.item.due).days)
    return f"by {days}" if by else f"{days} after"


def _over_line(data: BriefInput, over: Sequence[WeekLoad]) -> str:
    named = [
        (_week_phrase(week.week_start, data.today), _effort(data, _overload(week))) for week in over
    ]
    if len(named) == 1:
        week, effort = named[0]
        return f"{week[0].upper()}{week[1:]} has {effort} more work due than time to do it."
    listed = [f"{week} ({effort} over)" for week, effort in named[:MAX_NAMED]]
    if len(named) > MAX_NAMED:
        listed.append(f"{len(named) - MAX_NAMED} more")
    return f"Weeks with more work due than time: {_joined(listed)}."


def _overload(week: WeekLoad) -> int:
    return week.required_minutes - week.capacity_minutes


# What I propose, and the options.


def _proposal(data: BriefInput, options: Sequence[Option]) -> tuple[str, tuple[str, ...]]:
    """The suggested option: its headline, then its moves and what it costs."""
    option = options[data.chosen]
    lead = f"Option {OPTION_LETTERS[data.chosen]}: {_headline(data, option)}"
    moves = [_move_change(data, move, named=True) for move in option.moves]
    if len(moves) > MAX_NAMED:
        # The first screen stays short; every move is still said.
        moves[MAX_NAMED:] = ["Also " + "; ".join(moves[MAX_NAMED:])]
    return lead, (*moves, _cost(data, option))


def _option_lines(data: BriefInput, options: Sequence[Option]) -> tuple[str, ...]:
    """Each option on one line: 'A. Push #9 Vendor review to Tue 8 Dec — due … → …. Its cost.'"""
    lines = []
    for index, option in enumerate(options):
        letter = OPTION_LETTERS[index]
        mark = " (my suggestion)" if index == data.chosen else ""
        alone = len(option.moves) == 1
        moves = "; ".join(_move_change(data, move, named=not alone) for move in option.moves)
        lines.append(f"{letter}{mark}. {_headline(data, option)} — {moves}. {_cost(data, option)}")
    return tuple(lines)


def _headline(data: BriefInput, option: Option) -> str:
    """Short: 'Push #12 Q3 board report to Mon 21 Dec', '…, and 2 more changes'."""
    return option_headline(option, data.today, _name, lambda minutes: _effort(data, minutes))


def _move_change(data: BriefInput, move: Move, *, named: bool) -> str:
    """One move, before → after: '#12 Q3 board report: due Mon 7 Dec → Mon 21 Dec'."""
    today, item = data.today, move.item
    name = f"{_name(item)}: " if named else ""
    match move.kind:
        case MoveKind.DROP:
            return f"{name}{_effort(data, move.minutes)} of work → handed off"
        case MoveKind.REDUCE:
            left = item.remaining_minutes - move.minutes
            before, after = _effort(data, item.remaining_minutes), _effort(data, left)
            return f"{name}{before} → {after} of work"
        case MoveKind.DEFER if not move.changes_due and move.not_before is not None:
            scheduled = data.plan.scheduled.get(item.id)
            start = scheduled.start if scheduled is not None else None
            was = format_date(start, today) if start is not None else "now"
            text = f"{name}start {was} → {format_date(move.not_before, today)}"
            if item.due is not None:
                text += f", still due {format_date(item.due, today)}"
            return text
    was = f"due {format_date(item.due, today)}" if item.due is not None else "no due date"
    now = format_date(move.due, today) if move.due is not None else "no due date"
    text = f"{name}{was} → {now}"
    if move.kind is MoveKind.DEFER and move.not_before is not None:
        text += f", starting {format_date(move.not_before, today)}"
    return text


def _cost(data: BriefInput, option: Option) -> str:
    """In plain words: '2 dates move, the latest by 11 days; everything lands on time.'"""
    effects = move_effects(option.moves, lambda minutes: _effort(data, minutes))
    late = option.still_late
    if not late:
        outcome = "everything lands on time"
    elif len(late) == 1:
        outcome = f"{_quoted(late[0])} is still late"
    elif len(late) <= MAX_NAMED:
        outcome = f"{_names(late)} are still late"
    else:
        outcome = f"{len(late)} items are still late"
    text = f"{_joined(effects, comma=True)}; {outcome}."
    return text[0].upper() + text[1:]


# The detail: load by week and what moves.


def _load(
    data: BriefInput,
    ask: ScheduledItem | None,
    weeks: Sequence[WeekLoad],
    style: Style,
) -> tuple[str, ...]:
    today = data.today
    lines = []
    if ask is not None:
        effort = _effort(data, ask.item.remaining_minutes)
        if data.ask_is_new:
            line = f"The new ask, {_quoted(ask)}, is {effort} of work"
        else:
            line = f"{_quoted(ask)}, already on my list, has {effort} of work left"
        if ask.item.due is not None:
            line += f", due {format_date(ask.item.due, today)}"
        lines.append(line + ".")
    elif data.impact is not None and data.impact.change is not None:
        change = _change_line(data, data.impact)
        if change:
            lines.append(change)

    if style is Style.DETAIL_FIRST:
        shown = list(weeks)
    else:
        # The near weeks, and any later week that is short of time.
        shown = [w for i, w in enumerate(weeks) if i < SUMMARY_WEEKS or w.overloaded]
    lines.extend(_week_line(data, week) for week in shown)

    scheduled = list(data.plan.scheduled.values())
    if scheduled:
        total = sum(s.item.remaining_minutes for s in scheduled)
        line = f"{_count(len(scheduled), 'open assignment')}, {_effort(data, total)}"
        line += " of work in all"
        lines.append(line + (", including the new ask." if _is_new(data, ask) else "."))
    else:
        lines.append("No open assignments.")

    # What lands late is said under "If nothing changes".
    at_risk = [s for s in data.plan.at_risk if not s.late]
    if at_risk:
        lines.append("At risk: " + _listed([_due_and_landing(data, s) for s in at_risk]) + ".")
    if scheduled and not data.plan.late and not at_risk:
        lines.append("Nothing is late or at risk.")

    if data.impact is None and scheduled:
        # A status brief asks whether the order is right, so it shows the order.
        ranked = [f"{_quoted(s)} ({s.reason})" for s in scheduled[:MAX_ORDER]]
        line = "In order: " + ", then ".join(ranked)
        if len(scheduled) > MAX_ORDER:
            line += f", and {len(scheduled) - MAX_ORDER} more after these"
        lines.append(line + ".")
    return tuple(lines)


def _change_line(data: BriefInput, impact: Impact) -> str:
    """The change itself, before → after: 'The change to 'Team rota': 2 hours → 5 days …'."""
    after = impact.change
    was = impact.before.scheduled.get(after.id)
    if was is None:
        return ""
    before, now, today = was.item, after.item, data.today
    parts = []
    if before.remaining_minutes != now.remaining_minutes:
        effort = f"{_effort(data, before.remaining_minutes)} → "
        parts.append(effort + f"{_effort(data, now.remaining_minutes)} of work")
    if before.due != now.due:
        was_due = f"due {format_date(before.due, today)}" if before.due else "no due date"
        now_due = format_date(now.due, today) if now.due else "no due date"
        parts.append(f"{was_due} → {now_due}")
    if before.priority != now.priority:
        parts.append(f"priority {before.priority or 'none'} → {now.priority or 'none'}")
    if not parts:
        return ""
    return f"The change to {_quoted(after)}: {'; '.join(parts)}."


def _week_line(data: BriefInput, week: WeekLoad) -> str:
    name = _week_name(week.week_start, data.today)
    required, capacity = week.required_minutes, week.capacity_minutes
    available = f"{_effort(data, capacity)} available" if capacity else "no working time"
    if required <= 0:
        return f"{name}: nothing due, {available}"
    against = f"against {available}" if capacity else "and no working time"
    line = f"{name}: {_effort(data, required)} of work due {against}"
    if week.overloaded:
        line += f" ({_effort(data, _overload(week))} more than available)"
    return line


def _week_name(week_start: date, today: date) -> str:
    this_monday = today - timedelta(days=today.weekday())
    if week_start == this_monday:
        return "This week"
    if week_start == this_monday + timedelta(days=7):
        return "Next week"
    return week_label(week_start, today)


def _week_phrase(week_start: date, today: date) -> str:
    """As said in a sentence: 'this week', 'next week', 'the week of 14 Dec'."""
    name = _week_name(week_start, today)
    if name in ("This week", "Next week"):
        return name.lower()
    return "the week of " + name.removeprefix("w/c ")


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
        after = _effort(data, change.overload_after)
        if change.overload_before:
            lines.append(
                f"{name}: {after} more work due than time available, "
                f"up from {_effort(data, change.overload_before)}."
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


# The question.


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
            changed = impact.change
            if changed is None:
                return "Shall I go ahead with this change?"
            return f"Shall I go ahead with the change to {_quoted(changed)}?"
        if not data.ask_is_new:
            return f"Shall I carry on with {_quoted(ask)} as planned?"
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


# Markdown and e-mail: the sections in order, the question last and on its own.


def _markdown(title: str, sections: Sequence[Section]) -> str:
    parts = [f"# {title}"]
    for section in sections:
        parts.append(f"## {section.heading}")
        if section.key == "question":
            parts.extend(f"**{line}**" for line in section.lines)
            continue
        if section.lead:
            parts.append(f"**{section.lead}**")
        if section.key in PROSE:
            parts.extend(section.lines)
        else:
            parts.append("\n".join(f"- {line}" for line in section.lines))
    return "\n\n".join(parts) + "\n"


def _email(data: BriefInput, ask: ScheduledItem | None, sections: Sequence[Section]) -> str:
    partner = _first_name(data.partner_name)
    parts = [f"Hi {partner}," if partner else "Hi,"]
    changed = _changed(data, ask)
    if ask is not None and data.ask_is_new:
        parts.append(f"Here is how {_quoted(ask)} fits with what is already planned.")
    elif ask is not None:
        parts.append(f"Here is how {_quoted(ask)} fits with the rest of my work.")
    elif changed is not None:
        parts.append(f"Here is what the change to {_quoted(changed)} means for my other work.")
    else:
        parts.append("Here is where my workload stands.")
    for section in sections:
        if section.key in PROSE:
            parts.extend(section.lines)
            continue
        head = [section.heading, section.lead] if section.lead else [section.heading]
        parts.append("\n".join([*head, *(f"- {line}" for line in section.lines)]))
    owner = _first_name(data.owner_name)
    parts.append(f"Thanks,\n{owner}" if owner else "Thanks")
    return "\n\n".join(parts) + "\n"


def _first_name(name: str) -> str:
    words = name.split()
    return words[0] if words else ""


# Small wording helpers.


def _effort(data: BriefInput, minutes: int) -> str:
    """Every effort in the brief, said one way."""
    return spoken_effort(minutes, data.day_minutes)


def _upcoming_weeks(plan: Plan, today: date) -> tuple[WeekLoad, ...]:
    upcoming = [week for week in plan.weeks if week.week_start + timedelta(days=6) >= today]
    return tuple(upcoming[:CHART_WEEKS])


def _quoted(scheduled: ScheduledItem) -> str:
    return f"'{scheduled.item.title}'"


def _name(item: WorkItem) -> str:
    """An option's item as the command line names it, '#12 Q3 board report'; work the
    partner may not see keeps its number to itself."""
    return item.title if item.title == OTHER_WORK else numbered(item)


def _shift_title(shift: Shift) -> str:
    return f"'{shift.item.title}'"


def _names(items: Sequence[ScheduledItem], *, others: bool = False, joiner: str = "and") -> str:
    """'A', 'A' and 'B', 'A', 'B' and 'C'; beyond that a count."""
    if len(items) > MAX_NAMED:
        return _count(len(items), "other item" if others else "item")
    return _joined([_quoted(item) for item in items], joiner=joiner)


def _joined(texts: Sequence[str], *, joiner: str = "and", comma: bool = False) -> str:
    """'a', 'a and b', 'a, b and c'; with comma, 'a, and b' for parts that hold commas."""
    if len(texts) <= 1:
        return "".join(texts)
    last = f", {joiner} " if comma else f" {joiner} "
    return ", ".join(texts[:-1]) + last + texts[-1]


def _listed(texts: Sequence[str]) -> str:
    if len(texts) <= MAX_NAMED:
        return ", ".join(texts)
    return ", ".join(texts[:MAX_NAMED]) + f" and {len(texts) - MAX_NAMED} more"


def _count(n: int, noun: str) -> str:
    return f"1 {noun}" if n == 1 else f"{n} {noun}s"
