from django.contrib import admin
from django.urls import include, path

from tandem.api import api

urlpatterns = [
    path("", include("tandem.accounts.urls")),
    path("", include("tandem.partnerships.urls")),
    path("", include("tandem.workload.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
