"""Time the agreement's pages, exports and API for a partnership that has kept its agreement
for years.

Run from the repository root:

    TANDEM_DATA_DIR=$(mktemp -d) .venv/bin/python bench/bench_agreement.py

It migrates a fresh SQLite database in that directory, so never point it at real data.
Prints figures only. A partnership reviews its agreement a few times a year: 4 versions is
a year of quarterly reviews, 40 is ten years. Each version has the fourteen sections with a
long text and ten commitments. What must hold: the same number of queries at every size.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.test_settings")
os.environ.setdefault("TANDEM_DATA_DIR", tempfile.mkdtemp(prefix="tandem-bench-"))

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from page_timing import measure  # noqa: E402

from tandem.accounts.models import User  # noqa: E402
from tandem.agreements import services  # noqa: E402
from tandem.agreements.privacy import get_version_for, version_for  # noqa: E402
from tandem.partnerships.models import Kind, Partnership  # noqa: E402

RUNS = 11
SIZES = (4, 40)
ANSWER = "We talk it through before it becomes a problem, and we write down what we decide. " * 12
COMMITMENTS = 10


def populate(versions: int) -> tuple[User, Partnership]:
    owner = User.objects.create_user(f"owner{versions}@example.com", "bench-password")
    partner = User.objects.create_user(f"partner{versions}@example.com", "bench-password")
    partnership = Partnership.objects.create(
        owner=owner, partner=partner, partner_name="Sam Boss", kind=Kind.MY_MANAGER
    )
    services.questions_ensure(partnership)
    texts = {pk: ANSWER for pk in partnership.agreement_questions.values_list("pk", flat=True)}
    services.answers_submit(owner, partnership, "owner", texts)
    services.answers_submit(partner, partnership, "partner", texts)
    start = timezone.now() - dt.timedelta(days=91 * versions)
    for number in range(1, versions + 1):
        now = start + dt.timedelta(days=91 * (number - 1))
        version = services.version_start(owner, partnership, now=now)
        for n in range(COMMITMENTS - version.commitments.count()):
            services.commitment_add(owner, version, side="owner", text=f"Commitment {n}")
        view = version_for(owner, partnership, number)
        section = version.sections.get(pk=view.sections[0].pk)
        services.section_save(owner, section, f"{ANSWER} (version {number})")
        for member in (owner, partner):
            services.version_confirm(member, get_version_for(member, partnership, number), now=now)
    return owner, partnership


def main() -> None:
    call_command("migrate", "--no-input", verbosity=0)
    for size in SIZES:
        user, partnership = populate(size)
        # A host the settings allow, and no test instrumentation: rendering as in production.
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        pk = partnership.pk
        client.get(reverse("area-agreement", args=[pk]))  # warm-up
        print(f"{size} versions, 14 sections and {COMMITMENTS} commitments each, {RUNS} runs")
        for label, path in (
            ("the agreement page", reverse("area-agreement", args=[pk])),
            ("the latest version", reverse("agreement-version", args=[pk, size])),
            ("its print page", reverse("agreement-version-print", args=[pk, size])),
            ("answers side by side", reverse("agreement-revealed", args=[pk])),
            (
                "the difference from version 1",
                reverse("agreement-difference", args=[pk]) + f"?from=1&to={size}",
            ),
            ("the overview", reverse("partnership", args=[pk])),
            ("GET …/agreement/versions", f"/api/partnerships/{pk}/agreement/versions"),
            (
                "GET …/versions/N/markdown",
                f"/api/partnerships/{pk}/agreement/versions/{size}/markdown",
            ),
        ):
            median, query_count, kilobytes = measure(client, path, RUNS)
            print(f"  {label}: median {median:.1f} ms   queries {query_count}   {kilobytes} KB")


if __name__ == "__main__":
    main()
