from tests.workload.conftest import assign, logged_in, page, plan_row, day
from django.urls import reverse


def test_it_probe(alice, partnership):
    assign(partnership, "Board pack", 180, due=day(4))
    print(
        plan_row(
            page(logged_in(alice), reverse("area-workload", args=[partnership.pk])), "Board pack"
        )
    )
