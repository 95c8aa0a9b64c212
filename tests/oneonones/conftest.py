"""One-on-one tests run on a frozen Tuesday, 1 Dec 2026, 09:00 UTC (09:00 in London, where
Alice lives; Bob is in New York).

`series` is Alice's new weekly one-on-one with Bob ("Zebulon Boss"): Thursdays at 10:00
London time, 30 minutes, the first on Thu 3 Dec. `past_series` began three weeks ago, so
three meetings have taken place (Thu 12, 19 and 26 Nov) and the next is Thu 3 Dec.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from tandem.meetings import Cadence, CadenceRule
from tandem.oneonones import services
from tandem.oneonones.models import Meeting, Series

TODAY = dt.date(2026, 12, 1)
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
THURSDAY = 3
# Words only their author may ever read.
PRIVATE_NOTE_SENTINEL = "private-note-sentinel-5521"
NOTED_SENTINEL = "noted-question-sentinel-7730"


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def weekly(starts_on: dt.date = TODAY, **fields) -> CadenceRule:
    values = {
        "cadence": Cadence.WEEKLY,
        "weekday": THURSDAY,
        "time": dt.time(10, 0),
        "duration_minutes": 30,
        "starts_on": starts_on,
        **fields,
    }
    return CadenceRule(**values)


def meetings(series: Series) -> list[Meeting]:
    return list(series.meetings.order_by("starts_at"))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def series(partnership) -> Series:
    """Weekly on Thursdays at 10:00 London time, from today: the first is Thu 3 Dec."""
    return services.series_save(partnership.owner, partnership, weekly())


@pytest.fixture
def next_meeting(series) -> Meeting:
    return meetings(series)[0]


@pytest.fixture
def past_series(partnership) -> Series:
    """Set up three weeks ago: meetings on Thu 12, 19 and 26 Nov took place."""
    then = NOW - dt.timedelta(weeks=3)
    return services.series_save(
        partnership.owner, partnership, weekly(starts_on=day(-21)), now=then
    )


@pytest.fixture
def held(past_series) -> list[Meeting]:
    """The three meetings that took place, oldest first."""
    return [m for m in meetings(past_series) if m.has_ended(NOW)]


def during(meeting: Meeting, minutes: int = 10) -> dt.datetime:
    """A moment inside the meeting: for writes made while it took place."""
    return meeting.starts_at + dt.timedelta(minutes=minutes)


# Writes at the same moment, from real threads.


@contextmanager
def sqlite_file(path: Path):
    """Connections of every thread open `path` meanwhile, with Tandem's connection options."""
    settings = connection.settings_dict
    in_memory, kept = settings["NAME"], connection.connection
    # The in-memory database lives while a connection to it is open: keep this one aside.
    connection.connection = None
    settings["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        settings["NAME"] = in_memory
        connection.connection = kept


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker, tmp_path_factory) -> Path | None:
    """An empty database file with Tandem's tables, made once (SQLite only)."""
    if connection.vendor != "sqlite":
        return None
    path = tmp_path_factory.mktemp("concurrency") / "migrated.sqlite3"
    with django_db_blocker.unblock(), sqlite_file(path):
        call_command("migrate", verbosity=0)
    return path


@pytest.fixture
def deployed(transactional_db, migrated, tmp_path):
    """For writes at the same moment, as deployed: on SQLite, the test works in a copy of the
    migrated file (each thread its own connection to it; the in-memory test database shares
    one cache between connections, which production never does)."""
    if migrated is None:
        yield
        return
    path = tmp_path / "tandem.sqlite3"
    shutil.copyfile(migrated, path)
    with sqlite_file(path):
        yield


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Runs each call in its own thread, all released together; what each returned or raised,
    in the order given."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a writer never finished"
    return outcomes
