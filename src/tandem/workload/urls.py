from django.urls import path

from tandem.workload import availability_views, views

urlpatterns = [
    path("p/<int:pk>/workload/", views.workload_page, name="area-workload"),
    path("p/<int:pk>/workload/add/", views.assignment_create, name="assignment-create"),
    path("p/<int:pk>/workload/impact/", views.impact_panel, name="workload-impact"),
    path("p/<int:pk>/workload/priorities/", views.priorities_set, name="workload-priorities"),
    path("p/<int:pk>/workload/<int:assignment_pk>/", views.assignment_detail, name="assignment"),
    path(
        "p/<int:pk>/workload/<int:assignment_pk>/status/",
        views.assignment_status,
        name="assignment-status",
    ),
    path(
        "p/<int:pk>/workload/<int:assignment_pk>/move/",
        views.assignment_move,
        name="assignment-move",
    ),
    path(
        "p/<int:pk>/workload/<int:assignment_pk>/priority/",
        views.assignment_priority,
        name="assignment-priority",
    ),
    path(
        "p/<int:pk>/workload/<int:assignment_pk>/impact/",
        views.assignment_impact,
        name="assignment-impact",
    ),
    path("p/<int:pk>/workload/<int:assignment_pk>/steps/", views.step_add, name="step-add"),
    path(
        "p/<int:pk>/workload/<int:assignment_pk>/steps/<int:step_pk>/toggle/",
        views.step_toggle,
        name="step-toggle",
    ),
    path("p/<int:pk>/workload/<int:assignment_pk>/brief/", views.brief, name="workload-brief"),
    path(
        "p/<int:pk>/workload/<int:assignment_pk>/brief/apply/",
        views.option_apply,
        name="option-apply",
    ),
    path(
        "p/<int:pk>/briefs/<int:share_pk>/revoke/",
        views.brief_share_revoke,
        name="brief-share-revoke",
    ),
    path("b/<str:token>/", views.brief_shared, name="brief-shared"),
    path("b/<str:token>/answer/", views.brief_answer, name="brief-answer"),
    path(
        "p/<int:pk>/workload/<int:assignment_pk>/answers/",
        views.assignment_answers,
        name="assignment-answers",
    ),
    path(
        "p/<int:pk>/workload/<int:assignment_pk>/answer/",
        views.assignment_answer,
        name="assignment-answer",
    ),
    path(
        "p/<int:pk>/answers/<int:answer_pk>/reopen/",
        views.brief_answer_reopen,
        name="brief-answer-reopen",
    ),
    path(
        "p/<int:pk>/answers/<int:answer_pk>/handled/",
        views.brief_answer_handle,
        name="brief-answer-handled",
    ),
    path("availability/", availability_views.availability, name="availability"),
    *[
        path(
            f"availability/{prefix}/<int:item_pk>/delete/",
            availability_views.availability_remove,
            {"kind": kind},
            name=f"{kind}-delete",
        )
        for prefix, kind in (("time-off", "time-off"), ("commitments", "commitment"))
    ],
    path("availability/import/", availability_views.calendar_import, name="calendar-import"),
    path("availability/due-dates.ics", availability_views.due_dates_ics, name="due-dates-ics"),
]
