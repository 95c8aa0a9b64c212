from django.urls import path

from tandem.requests import views

urlpatterns = [
    path("p/<int:pk>/requests/", views.requests_page, name="area-requests"),
    path("p/<int:pk>/requests/add/", views.request_create, name="request-create"),
    path("p/<int:pk>/requests/<int:request_pk>/", views.request_detail, name="request"),
    path("p/<int:pk>/requests/<int:request_pk>/edit/", views.request_edit, name="request-edit"),
    path(
        "p/<int:pk>/requests/<int:request_pk>/responses/",
        views.request_response,
        name="request-response",
    ),
    path(
        "p/<int:pk>/requests/<int:request_pk>/follow-ups/",
        views.request_follow_up_record,
        name="request-follow-up-record",
    ),
    path(
        "p/<int:pk>/requests/<int:request_pk>/reflection/",
        views.request_reflection,
        name="request-reflection",
    ),
    path(
        "p/<int:pk>/requests/<int:request_pk>/follow-up/",
        views.request_follow_up,
        name="request-follow-up",
    ),
    path(
        "p/<int:pk>/requests/<int:request_pk>/delete/",
        views.request_delete,
        name="request-delete",
    ),
]
