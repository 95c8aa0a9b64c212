from django.urls import path

from tandem.areas import planned_areas
from tandem.partnerships import views

urlpatterns = [
    path("", views.home, name="home"),
    path("partnerships/new/", views.partnership_create, name="partnership-create"),
    path("p/<int:pk>/", views.dashboard, name="partnership"),
    path("p/<int:pk>/settings/", views.partnership_settings, name="partnership-settings"),
    path("p/<int:pk>/invite/", views.invitation_create, name="invitation-create"),
    path(
        "p/<int:pk>/invite/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("p/<int:pk>/remove-partner/", views.partner_remove, name="partner-remove"),
    path("p/<int:pk>/leave/", views.partnership_leave, name="partnership-leave"),
    path("p/<int:pk>/delete/", views.partnership_delete, name="partnership-delete"),
    path("invite/<str:token>/", views.invitation, name="invitation"),
    # Only areas no app has registered get the placeholder page: a built area owns its URL.
    *[
        path(f"p/<int:pk>/{area.slug}/", views.area, {"slug": area.slug}, name=f"area-{area.slug}")
        for area in planned_areas()
    ],
]
