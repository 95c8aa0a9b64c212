"""`tandem demo`: one account with a realistic history in every area built so far.

Maya Lopez works for Sam Okafor (her manager, who sees her workload) and leads Dev Patel (her
report). Each area adds its own history to the two partnerships through its `fill_…`
function, listed in `FILLERS`: a new area adds one entry.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tandem.accounts.models import User
from tandem.agreements.demo import fill_agreement
from tandem.oneonones.demo import fill_one_on_ones
from tandem.partnerships.models import Kind, Partnership
from tandem.requests.demo import fill_requests
from tandem.workload.demo import fill_workload

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "tandem-demo-password"

# Each fills its area: fill(user, manager, report, today), in this order.
FILLERS = (
    fill_workload,
    fill_requests,
    fill_agreement,
    # Last: the next one-on-one's agenda is prepared from the workload, the requests and the
    # agreement's review.
    fill_one_on_ones,
)


@transaction.atomic
def create_demo(today: dt.date | None = None) -> User:
    """Replace any earlier demo account with a fresh one, dated relative to `today`."""
    User.objects.filter(email=DEMO_EMAIL).delete()
    user = User.objects.create_user(
        DEMO_EMAIL, DEMO_PASSWORD, display_name="Maya Lopez", time_zone="Europe/London"
    )
    today = today or user.local_today()
    manager = Partnership.objects.create(
        owner=user, partner_name="Sam Okafor", kind=Kind.MY_MANAGER, share_workload=True
    )
    report = Partnership.objects.create(owner=user, partner_name="Dev Patel", kind=Kind.MY_REPORT)
    for fill in FILLERS:
        fill(user, manager, report, today)
    return user
