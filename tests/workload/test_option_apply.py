from __future__ import annotations

import pytest

from tandem.lib.errors import TandemError
from tandem.planning import Move, MoveKind
from tandem.workload import services
from tandem.workload.models import Status
from tandem.workload.planning import work_item, workload_for
from tests.workload.conftest import assign, day


def test_it_records_a_deferral_so_the_plan_keeps_it(alice, partnership):
    report = assign(partnership, "Board pack", 240, due=day(4))
    ask = assign(partnership, "Vendor review", 120, due=day(9), status=Status.PROPOSED)
    move = Move(MoveKind.DEFER, work_item(report), due=day(10), not_before=day(7))

    changes = services.option_apply(alice, ask, [move])

    report.refresh_from_db()
    assert (report.due, report.not_before) == (day(10), day(7))
    assert changes == ["Defer 'Board pack' to Thu 12 Nov"]
    assert workload_for(alice).plan.scheduled[report.pk].start >= day(7)


def test_it_trims_and_drops_as_agreed(alice, partnership):
    trimmed = assign(partnership, "Board pack", 240, due=day(4))
    dropped = assign(partnership, "Dashboard clean-up", 120)
    ask = assign(partnership, "Vendor review", 120, due=day(2), status=Status.PROPOSED)

    services.option_apply(
        alice,
        ask,
        [
            Move(MoveKind.REDUCE, work_item(trimmed), minutes=60),
            Move(MoveKind.DROP, work_item(dropped), minutes=120),
        ],
    )

    trimmed.refresh_from_db()
    dropped.refresh_from_db()
    ask.refresh_from_db()
    assert trimmed.remaining_minutes == 180
    assert dropped.status == Status.DROPPED
    assert ask.status == Status.ACCEPTED


def test_it_refuses_moves_on_someone_elses_work(bob, partnership):
    ask = assign(partnership, "Vendor review", 120, status=Status.PROPOSED)
    theirs = assign(partnership, "Board pack", 60)

    with pytest.raises(TandemError):
        services.option_apply(bob, ask, [Move(MoveKind.DROP, work_item(theirs), minutes=60)])
    theirs.refresh_from_db()
    assert theirs.status == Status.ACCEPTED
