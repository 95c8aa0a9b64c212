from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.views import defaults

from tandem.api import api

urlpatterns = [
    path("", include("tandem.accounts.urls")),
    path("", include("tandem.partnerships.urls")),
    path("", include("tandem.workload.urls")),
    path("", include("tandem.requests.urls")),
    path("", include("tandem.oneonones.urls")),
    path("", include("tandem.agreements.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]


# What Django answers itself, before any route runs (a host not served here, a URL that is not
# an API route, a crash), the API answers in its one error shape; pages stay pages.
def _for_api(request) -> bool:
    return request.path.startswith("/api/")


def bad_request(request, exception):
    if _for_api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if _for_api(request):
        return JsonResponse({"detail": "No such API route; see /api/docs."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _for_api(request):
        return JsonResponse({"detail": "Something went wrong on our side."}, status=500)
    return defaults.server_error(request)


handler400 = bad_request
handler404 = page_not_found
handler500 = server_error
