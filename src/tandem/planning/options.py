"""Options: concrete ways out of an overload, each one re-planned.

Moves
    move_due  An item's due date moves to the earliest date it then lands by.
              For the new ask that is not late itself but crowds out other
              work, its due date moves past theirs so they go first.
    defer     X waits so it stops crowding out late work ranked after it: its
              work starts no earlier than the day after that work's due date
              (`not_before`). If X then finishes after its own due date, its
              due date moves to that finish: "Defer 'X' to Fri 11 Dec". If its
              due date still holds, the move is only a later start that changes
              no commitment: "Start 'X' on Mon 7 Dec".
    reduce    Take N hours off X's remaining effort, in whole half hours: the
              least that does as much good as dropping X.
    drop      Drop X or hand it to someone else.

Search
    Only some items can help: late items, the new ask, and items that rank
    before the last late item and are planned before the latest late due date;
    nothing else takes capacity the late work needs. Single moves come first;
    when fewer than `limit` make everything fit, the most promising partial
    moves are extended, up to MAX_MOVES moves. When nothing fits, the plain
    fallback is offered: move every late item's due date to when it lands.
    Re-plans share a work budget (item placements) so thousands of items stay
    fast; each resumes from a checkpoint just before the first item it changes,
    and since dropping and trimming only ever make other work finish sooner,
    those re-plans stop at the last late item.

Ranking, best first
    1. everything lands on time (options that leave work late are offered only
       when fewer than two options fit);
    2. fewer moves;
    3. gentler moves: a later start that changes no date, then a date for the new
       ask (nothing was promised yet), then another due date, then trimming
       effort, then handing work off;
    4. smaller moves: fewer days of delay, fewer hours trimmed or handed off;
    5. less important items touched (no agreed priority first, then the
       highest numbers).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from itertools import combinations

from tandem.lib.dates import format_date
from tandem.lib.efforts import format_effort
from tandem.planning.availability import DayCapacity
from tandem.planning.impact import Impact, impact_between
from tandem.planning.planner import (
    Checkpoint,
    ItemId,
    Plan,
    ScheduledItem,
    WorkItem,
    check_days,
    fill,
    order_key,
    plan,
    plan_in_order,
    start_index,
)
from tandem.planning.text import days_label, numbered

# Options are offered as A to E: never more than there are letters.
OPTION_LETTERS = "ABCDE"
MAX_MOVES = 6
MAX_DATE_MOVES = 12
BEAM = 3
CANDIDATES = 12
WORK_BUDGET = 2_000_000
HALF_HOUR = 30


class MoveKind(StrEnum):
    DEFER = "defer"
    MOVE_DUE = "move_due"
    REDUCE = "reduce"
    DROP = "drop"


@dataclass(frozen=True, slots=True)
class Move:
    """One concrete change to one item; `item` is the item before the change.

    due: the item's due date after a defer or move_due. not_before: the day a
    deferred item may start. minutes: effort trimmed (reduce) or handed off
    (drop).
    """

    kind: MoveKind
    item: WorkItem
    due: date | None = None
    not_before: date | None = None
    minutes: int = 0

    @property
    def changes_due(self) -> bool:
        return self.kind in (MoveKind.DEFER, MoveKind.MOVE_DUE) and self.due != self.item.due

    def apply(self, item: WorkItem) -> WorkItem | None:
        """The item after this move; None when it leaves the plan."""
        match self.kind:
            case MoveKind.DROP:
                return None
            case MoveKind.REDUCE:
                return replace(item, remaining_minutes=item.remaining_minutes - self.minutes)
            case MoveKind.DEFER:
                return replace(item, not_before=self.not_before, due=self.due)
            case MoveKind.MOVE_DUE:
                return replace(item, due=self.due)

    def describe(
        self, today: date | None = None, name: Callable[[WorkItem], str] | None = None
    ) -> str:
        """In words: "Move 'Q3 board report' to Mon 21 Dec"; `name` says how to name the item."""
        title = name(self.item) if name else f"'{self.item.title}'"
        match self.kind:
            case MoveKind.DROP:
                return f"Drop or hand off {title} ({format_effort(self.minutes)})"
            case MoveKind.REDUCE:
                return f"Trim {format_effort(self.minutes)} from {title}"
            case MoveKind.DEFER if not self.changes_due:
                return f"Start {title} on {format_date(self.not_before, today)}"
            case _:
                verb = "Defer" if self.kind is MoveKind.DEFER else "Move"
                return f"{verb} {title} to {format_date(self.due, today)}"


@dataclass(slots=True)
class Option:
    moves: tuple[Move, ...]
    plan: Plan
    impact: Impact
    still_late: list[ScheduledItem]
    explanation: str
    why: str

    @property
    def late_count(self) -> int:
        return len(self.still_late)

    @property
    def fits(self) -> bool:
        return not self.still_late


def apply_moves(items: Sequence[WorkItem], moves: Sequence[Move]) -> list[WorkItem]:
    """The items as they would be once the moves are agreed."""
    by_id = {move.item.id: move for move in moves}
    result = []
    for item in items:
        move = by_id.get(item.id)
        changed = item if move is None else move.apply(item)
        if changed is not None:
            result.append(changed)
    return result


def find_options(
    items: Sequence[WorkItem],
    days: Sequence[DayCapacity],
    ask_id: ItemId | None = None,
    limit: int = len(OPTION_LETTERS),
) -> list[Option]:
    """Up to `limit` options, best first, for the late items of the plan; [] when none is late.

    ask_id names the new ask among `items`, if there is one: moving its due
    date is the gentlest date change, since nothing was promised yet.
    """
    if ask_id is not None and all(item.id != ask_id for item in items):
        raise ValueError("The new ask must be one of the items.")
    days = check_days(days)
    base_plan = plan(items, days)
    if not base_plan.late:
        return []
    search = _Search(days, ask_id)
    found = search.run(base_plan.items, limit)
    today = days[0].day
    result = []
    for state in _one_per_moves(found, today):
        option_plan = plan_in_order(state.order, days)
        still_late = option_plan.late
        result.append(
            Option(
                moves=state.moves,
                plan=option_plan,
                impact=impact_between(base_plan, option_plan),
                still_late=still_late,
                explanation=_explain(state.moves, still_late, today),
                why=_why(state.moves, still_late),
            )
        )
    return result


@dataclass(slots=True)
class _State:
    """A candidate set of moves with its re-plan, as parallel lists in plan order.

    finish and firsts may cover only a prefix (complete=False) when the rest
    cannot have changed for the worse. checkpoints[k] is the fill's state before
    item k * every.
    """

    order: list[WorkItem]
    moves: tuple[Move, ...]
    needs: list[int]
    starts: list[int]
    dues: list[int | None]
    finish: list[int]
    firsts: list[int]
    late: list[int]
    checkpoints: list[Checkpoint]
    complete: bool


class _Search:
    def __init__(self, days: tuple[DayCapacity, ...], ask_id: ItemId | None) -> None:
        self.dates = [day.day for day in days]
        self.n = len(days)
        self.first = self.dates[0].toordinal()
        self.capacity = [day.capacity_minutes for day in days]
        self.ask_id = ask_id
        self.work_left = WORK_BUDGET

    # Building and re-planning states.

    def _due_index(self, item: WorkItem) -> int | None:
        return None if item.due is None else item.due.toordinal() - self.first

    def _working_day(self, index: int) -> int:
        while index < self.n and self.capacity[index] <= 0:
            index += 1
        return index

    def _date(self, index: int) -> date:
        return self.dates[index] if index < self.n else self.dates[0] + timedelta(index)

    def state(self, order: list[WorkItem], moves: tuple[Move, ...] = ()) -> _State | None:
        # Checkpoints every `every` items: a re-plan resumes near the first item it changes.
        self.every = max(64, len(order) // 16)
        return self.replan(
            order,
            moves,
            [item.remaining_minutes for item in order],
            [start_index(item.not_before, self.first, self.n) for item in order],
            [self._due_index(item) for item in order],
        )

    def replan(
        self,
        order: list[WorkItem],
        moves: tuple[Move, ...],
        needs: list[int],
        starts: list[int],
        dues: list[int | None],
        parent: _State | None = None,
        changed: int = 0,
        stop: int | None = None,
    ) -> _State | None:
        """Re-plan; items before `changed` are the same as in `parent`, so it resumes there.

        With `stop`, only the first `stop` items are placed.
        """
        size = len(needs) if stop is None else min(stop, len(needs))
        if parent is None:
            resume, checkpoints, begin = None, [], 0
        else:
            k = min(changed // self.every, len(parent.checkpoints) - 1)
            resume = parent.checkpoints[k]
            checkpoints = parent.checkpoints[:k]
            begin = resume.index
        if self.work_left < size - begin:
            return None
        self.work_left -= size - begin
        if size < len(needs):
            needs_now, starts_now = needs[:size], starts[:size]
        else:
            needs_now, starts_now = needs, starts
        finish, firsts, _ = fill(
            needs_now, starts_now, self.capacity, None, resume, checkpoints, self.every
        )
        n = self.n
        late = [
            begin + k
            for k, (fin, due) in enumerate(zip(finish, dues[begin:size], strict=True))
            if due is not None and (fin > due if fin >= 0 else due < n)
        ]
        if parent is not None and begin:
            finish = parent.finish[:begin] + finish
            firsts = parent.firsts[:begin] + firsts
            late = [i for i in parent.late if i < begin] + late
        return _State(
            order, moves, needs, starts, dues, finish, firsts, late, checkpoints, stop is None
        )

    def complete(self, state: _State) -> _State | None:
        if state.complete:
            return state
        return self.replan(
            state.order,
            state.moves,
            state.needs,
            state.starts,
            state.dues,
            parent=state,
            changed=len(state.finish),
        )

    def reposition(
        self, state: _State, p: int, item: WorkItem, moves: tuple[Move, ...]
    ) -> tuple[_State | None, int]:
        """Replace the item at p by `item`, which may sort elsewhere; full re-plan."""
        order = state.order[:p] + state.order[p + 1 :]
        q = bisect_left(order, order_key(item), key=order_key)
        order.insert(q, item)
        needs = _moved(state.needs, p, q, item.remaining_minutes)
        starts = _moved(state.starts, p, q, start_index(item.not_before, self.first, self.n))
        dues = _moved(state.dues, p, q, self._due_index(item))
        replanned = self.replan(order, moves, needs, starts, dues, state, min(p, q))
        return replanned, q

    # The search.

    def run(self, base_order: list[WorkItem], limit: int) -> list[_State]:
        base = self.state(base_order)
        if base is None:
            return []
        fits: dict[frozenset, _State] = {}
        partial: dict[frozenset, _State] = {}
        frontier = [base]
        for depth in range(MAX_MOVES):
            children: dict[frozenset, _State] = {}
            for state in frontier:
                for child in self.expand(state):
                    key = _key(child.moves)
                    if child.late:
                        if len(child.late) < len(state.late):
                            self._keep(children, key, child)
                    elif _is_minimal(key, fits):
                        self._keep(fits, key, child)
            for key, child in children.items():
                self._keep(partial, key, child)
            if len(_distinct(fits.values(), self._score)) >= limit or self.work_left <= 0:
                break
            # Explore a few second moves, then go on greedily: each level costs a
            # full expansion, and long lists of moves are rarely worth offering.
            width = BEAM if depth == 0 else 1
            promising = sorted(children.values(), key=self._score)[:width]
            frontier = [s for s in map(self.complete, promising) if s is not None]
            if not frontier:
                break
        if not fits:
            every_date = self.move_every_date(base)
            if every_date is not None:
                fits[_key(every_date.moves)] = every_date
        found = _distinct(fits.values(), self._score)
        if len(found) < 2:
            found += _distinct(partial.values(), self._score)
        return found[:limit]

    def move_every_date(self, base: _State) -> _State | None:
        """The plain fallback: every late item's due date moves to when it lands.

        Later dates re-rank those items, which can push them further, so a few
        rounds settle the dates. None when some late item does not finish
        within the horizon or too many dates would move to make a useful option.
        """
        state = base
        dues: dict[ItemId, date] = {}
        for _ in range(4):
            if not state.late:
                break
            for i in state.late:
                if state.finish[i] < 0:
                    return None
                dues[state.order[i].id] = self.dates[state.finish[i]]
            if len(dues) > MAX_DATE_MOVES:
                return None
            order = sorted(
                (
                    replace(item, due=dues[item.id]) if item.id in dues else item
                    for item in base.order
                ),
                key=order_key,
            )
            moves = tuple(
                Move(MoveKind.MOVE_DUE, item, due=dues[item.id])
                for item in base.order
                if item.id in dues
            )
            state = self.state(order, moves)
            if state is None:
                return None
        return state

    def _score(self, state: _State) -> tuple:
        return _score(state, self.ask_id)

    def _keep(self, kept: dict[frozenset, _State], key: frozenset, state: _State) -> None:
        if key not in kept or self._score(state) < self._score(kept[key]):
            kept[key] = state

    def expand(self, state: _State) -> list[_State]:
        late = state.late
        last = late[-1]
        late_set = set(late)
        window = min(max(state.dues[i] for i in late), self.n - 1)
        moved = {move.item.id for move in state.moves}
        contested = [
            i
            for i in range(last + 1)
            if (i in late_set or 0 <= state.firsts[i] <= window)
            and state.order[i].id not in moved
            and state.needs[i] > 0
        ]
        contested.sort(key=lambda i: self._touch_order(state, i))
        contested = contested[:CANDIDATES]

        children = []
        for p in contested:
            if p in late_set or state.order[p].id == self.ask_id:
                child = self.move_due(state, p, late)
                if child is not None:
                    children.append(child)
            if p not in late_set:
                children.extend(self.defer(state, p, late))
            dropped = self.drop(state, p, last)
            if dropped is None:
                continue
            children.append(dropped)
            if len(dropped.late) < len(late):
                trimmed = self.reduce(state, p, last, len(dropped.late))
                if trimmed is not None:
                    children.append(trimmed)
        return children

    def _touch_order(self, state: _State, i: int) -> tuple:
        # The ask first, then the least important items, then the bigger ones.
        item = state.order[i]
        priority = item.priority
        return (
            item.id != self.ask_id,
            priority is not None,
            0 if priority is None else -priority,
            -state.needs[i],
            i,
        )

    def drop(self, state: _State, p: int, last: int) -> _State | None:
        item = state.order[p]
        move = Move(MoveKind.DROP, item, minutes=state.needs[p])
        return self.replan(
            _without(state.order, p),
            (*state.moves, move),
            _without(state.needs, p),
            _without(state.starts, p),
            _without(state.dues, p),
            state,
            p,
            stop=last if p <= last else last + 1,
        )

    def reduce(self, state: _State, p: int, last: int, target: int) -> _State | None:
        """The least trim (in half hours) that leaves no more than `target` items late."""
        item = state.order[p]
        need = state.needs[p]
        steps = (need - 1) // HALF_HOUR  # keep some work: trimming it all is dropping it
        best = None
        low, high = 1, steps
        while low <= high:
            mid = (low + high) // 2
            minutes = mid * HALF_HOUR
            needs = _swapped(state.needs, p, need - minutes)
            move = Move(MoveKind.REDUCE, item, minutes=minutes)
            trial = self.replan(
                _swapped(state.order, p, replace(item, remaining_minutes=need - minutes)),
                (*state.moves, move),
                needs,
                state.starts,
                state.dues,
                state,
                p,
                stop=last + 1,
            )
            if trial is None:
                return best
            if len(trial.late) <= target:
                best = trial
                high = mid - 1
            else:
                low = mid + 1
        return best

    def defer(self, state: _State, p: int, late: list[int]) -> list[_State]:
        item = state.order[p]
        first = state.firsts[p]
        # Wait until the day after the due date of the late work it crowds out:
        # the earliest such day, and the latest, which clears all of it.
        days = sorted({state.dues[i] + 1 for i in late if i > p and first < state.dues[i] + 1})
        # Start on a working day: "start it on Sat 6 Dec" would read oddly.
        days = [self._working_day(day) for day in days if day < self.n]
        days = [day for day in days if day < self.n]
        results = []
        for day in sorted({days[0], days[-1]}) if days else ():
            starts = _swapped(state.starts, p, day)
            waiting = replace(item, not_before=self.dates[day])
            moves = (*state.moves, Move(MoveKind.DEFER, item, item.due, self.dates[day]))
            order = _swapped(state.order, p, waiting)
            trial = self.replan(order, moves, state.needs, starts, state.dues, state, p)
            if trial is None:
                break
            fin = trial.finish[p]
            due = state.dues[p]
            if due is not None and (fin > due if fin >= 0 else due < self.n):
                if fin < 0:
                    continue
                trial = self._settle_due(trial, p, waiting, item, state.moves, fin, day)
            if trial is not None:
                results.append(trial)
        return results

    def move_due(self, state: _State, p: int, late: list[int]) -> _State | None:
        item = state.order[p]
        if p in late:
            target = state.finish[p]
        else:
            # The ask is on time but crowds out later-ranked work: let that work go first.
            crowded = [state.dues[i] for i in late if i > p]
            if not crowded or item.due is None:
                return None
            target = max(crowded) + 1
            if target <= state.dues[p]:
                return None
        if target < 0:
            return None
        return self._settle_due(state, p, item, item, state.moves, target)

    def _settle_due(
        self,
        state: _State,
        p: int,
        current: WorkItem,
        original: WorkItem,
        moves: tuple[Move, ...],
        target: int,
        not_before: int | None = None,
    ) -> _State | None:
        """Give the item at p the due date `target`, then re-plan until it holds.

        A later due date can rank the item after other work, which can push
        its finish further; each of a few rounds moves the date to the finish.
        """
        for _ in range(4):
            due = self._date(target)
            if not_before is None:
                move = Move(MoveKind.MOVE_DUE, original, due=due)
            else:
                move = Move(MoveKind.DEFER, original, due, self.dates[not_before])
            state, p = self.reposition(state, p, replace(current, due=due), (*moves, move))
            if state is None:
                return None
            fin = state.finish[p]
            if fin < 0:
                return None
            if fin <= target:
                return state
            target = fin
        return state


def _moved[T](seq: list[T], p: int, q: int, value: T) -> list[T]:
    result = seq[:p] + seq[p + 1 :]
    result.insert(q, value)
    return result


def _swapped[T](seq: list[T], p: int, value: T) -> list[T]:
    result = list(seq)
    result[p] = value
    return result


def _without[T](seq: list[T], p: int) -> list[T]:
    return seq[:p] + seq[p + 1 :]


def _key(moves: tuple[Move, ...]) -> frozenset:
    return frozenset((move.kind, move.item.id) for move in moves)


def _one_per_moves(states: Iterable[_State], today: date) -> list[_State]:
    """Options that read the same, move for move, are one option: the first is kept.

    Items are named by number here, so two assignments with one title stay two options.
    """
    kept, seen = [], set()
    for state in states:
        key = frozenset(move.describe(today, numbered) for move in state.moves)
        if key not in seen:
            seen.add(key)
            kept.append(state)
    return kept


def _distinct(states: Iterable[_State], score: Callable[[_State], tuple]) -> list[_State]:
    """Best first, leaving out long options that differ from a better one by a single move."""
    chosen: list[_State] = []
    keys: list[frozenset] = []
    for state in sorted(states, key=score):
        key = _key(state.moves)
        if len(key) >= 3 and any(len(key & other) >= len(key) - 1 for other in keys):
            continue
        chosen.append(state)
        keys.append(key)
    return chosen


def _is_minimal(key: frozenset, fits: dict[frozenset, _State]) -> bool:
    """False when some of these moves already make everything fit on their own."""
    return not any(
        frozenset(sub) in fits for size in range(1, len(key)) for sub in combinations(key, size)
    )


def _tier(move: Move, ask_id: ItemId | None) -> int:
    if move.kind is MoveKind.DEFER and not move.changes_due:
        return 0
    if move.item.id == ask_id and move.kind in (MoveKind.DEFER, MoveKind.MOVE_DUE):
        return 1
    if move.kind in (MoveKind.DEFER, MoveKind.MOVE_DUE):
        return 2
    return 3 if move.kind is MoveKind.REDUCE else 4


def _size(move: Move) -> float:
    """Days of delay for date moves, hours for effort: comparable enough to break ties."""
    if move.kind in (MoveKind.REDUCE, MoveKind.DROP):
        return move.minutes / 60
    if move.changes_due and move.item.due is not None and move.due is not None:
        return (move.due - move.item.due).days
    # A later start that keeps every date costs nothing anyone was promised.
    return 0


def _score(state: _State, ask_id: ItemId | None) -> tuple:
    moves = state.moves
    return (
        len(state.late),
        len(moves),
        sum(_tier(move, ask_id) for move in moves),
        sum(_size(move) for move in moves),
        sum(move.item.priority is not None for move in moves),
        -sum(move.item.priority or 0 for move in moves),
        sorted((move.kind, str(move.item.id)) for move in moves),
    )


def _explain(moves: tuple[Move, ...], still_late: list[ScheduledItem], today: date) -> str:
    steps = [move.describe(today) for move in moves]
    steps[1:] = [step[0].lower() + step[1:] for step in steps[1:]]
    action = steps[0] if len(steps) == 1 else ", ".join(steps[:-1]) + " and " + steps[-1]
    if not still_late:
        return f"{action}: everything else lands on time."
    if len(still_late) == 1:
        return f"{action}: only '{still_late[0].item.title}' is still late."
    if len(still_late) == 2:
        a, b = (s.item.title for s in still_late)
        return f"{action}: only '{a}' and '{b}' are still late."
    return f"{action}: {len(still_late)} items are still late."


def _why(moves: tuple[Move, ...], still_late: list[ScheduledItem]) -> str:
    count = "one move" if len(moves) == 1 else f"{len(moves)} moves"
    if still_late:
        late = "1 item" if len(still_late) == 1 else f"{len(still_late)} items"
        lead = f"Leaves {late} late, with {count}"
    else:
        lead = f"Everything lands on time with {count}"
    return f"{lead}; {', '.join(move_effects(moves))}."


def move_effects(moves: Sequence[Move], effort: Callable[[int], str] = format_effort) -> list[str]:
    """What a set of moves costs, in plain words: dates that move, work trimmed or handed off,
    later starts. The brief says efforts its own way (`effort`)."""
    effects = []
    dated = [move for move in moves if move.changes_due]
    delays = [
        (move.due - move.item.due).days
        for move in dated
        if move.due is not None and move.item.due is not None
    ]
    if dated:
        text = "1 date moves" if len(dated) == 1 else f"{len(dated)} dates move"
        if delays and len(dated) == 1:
            text += f", by {days_label(delays[0])}"
        elif delays:
            text += f", the latest by {days_label(max(delays))}"
        effects.append(text)
    trimmed = sum(move.minutes for move in moves if move.kind is MoveKind.REDUCE)
    if trimmed:
        effects.append(f"{effort(trimmed)} less work")
    handed = sum(move.minutes for move in moves if move.kind is MoveKind.DROP)
    if handed:
        effects.append(f"{effort(handed)} handed off")
    starts = sum(move.kind is MoveKind.DEFER and not move.changes_due for move in moves)
    if starts and effects:
        effects.append("a later start" if starts == 1 else f"{starts} later starts")
    elif starts:
        effects.append("no date moves, only a later start")
    return effects


def option_cost(option: Option) -> str:
    """'2 dates move, the latest by 11 days', capitalised, for an option's summary line."""
    text = ", ".join(move_effects(option.moves))
    return text[0].upper() + text[1:]


def option_headline(
    option: Option,
    today: date,
    name: Callable[[WorkItem], str],
    effort: Callable[[int], str] = format_effort,
) -> str:
    """A short headline: 'Push #12 Q3 board report to Mon 21 Dec', '…, and 2 more changes'.

    The brief says efforts its own way (`effort`); the impact panel in the short form.
    """
    first = option.moves[0]
    who = name(first.item)
    match first.kind:
        case MoveKind.DROP:
            text = f"Hand off or drop {who}"
        case MoveKind.REDUCE:
            text = f"Trim {effort(first.minutes)} from {who}"
        case MoveKind.DEFER if not first.changes_due and first.not_before is not None:
            text = f"Start {who} on {format_date(first.not_before, today)}"
        case _ if first.due is not None:
            text = f"Push {who} to {format_date(first.due, today)}"
        case _:
            text = f"Push {who} back"
    rest = len(option.moves) - 1
    if rest:
        text += f", and {rest} more change{'' if rest == 1 else 's'}"
    return text


def move_before_after(move: Move, today: date) -> tuple[str, str]:
    """What one move changes, before and after: ('due Fri 4 Dec', 'due Mon 21 Dec')."""
    item = move.item
    due = f"due {format_date(item.due, today)}" if item.due else "no due date"
    match move.kind:
        case MoveKind.DROP:
            return format_effort(item.remaining_minutes), "handed off"
        case MoveKind.REDUCE:
            after = item.remaining_minutes - move.minutes
            return format_effort(item.remaining_minutes), format_effort(after)
        case MoveKind.DEFER if not move.changes_due:
            return "starts now", f"starts {format_date(move.not_before, today)}"
        case _:
            return due, f"due {format_date(move.due, today)}"
