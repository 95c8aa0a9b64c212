"""What the page benchmarks share: timing one GET as a browser would, with its query count.

Import it after `django.setup()`.
"""

from __future__ import annotations

import statistics
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def measure(client: Client, path: str, runs: int) -> tuple[float, int, int]:
    """Median milliseconds over `runs` GETs, queries and kilobytes of one GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    query_count = len(queries)  # read now: the context reads the connection's log lazily
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), query_count, len(response.content) // 1024
