"""The JSON API: one NinjaAPI, one router per app, one error shape: {"detail": "..."}."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer, django_auth

from tandem import __version__
from tandem.accounts.models import ApiToken, User
from tandem.lib.errors import TandemError


class TokenAuth(HttpBearer):
    """A personal API token from Settings → API tokens: `Authorization: Bearer tdm_…`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return ApiToken.user_for(token)


session_auth: APIKeyCookie = django_auth

api = NinjaAPI(
    title="Tandem API",
    version=__version__,
    description="Everything in Tandem as JSON. Authenticate with a personal token "
    "(Settings → API tokens) as a Bearer token, or with the browser session.",
    auth=[TokenAuth(), session_auth],
    urls_namespace="api",
)


def _error(request: HttpRequest, message: str, status: int, **extra) -> HttpResponse:
    return api.create_response(request, {"detail": message, **extra}, status=status)


@api.exception_handler(TandemError)
def on_domain_error(request: HttpRequest, exc: TandemError) -> HttpResponse:
    extra = {"field": exc.field} if exc.field else {}
    return _error(request, exc.message, exc.status, **extra)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc) or "Not found.", 404)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, "Authentication required: send a Bearer token or log in.", 401)


@api.exception_handler(ValidationError)
def on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    where = ".".join(str(part) for part in first.get("loc", ()) if part not in ("body", "payload"))
    message = first.get("msg", "Invalid input.")
    return _error(request, f"{where}: {message}" if where else message, 422, errors=exc.errors)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, str(exc), exc.status_code)


api.add_router("/", "tandem.accounts.api.router")
api.add_router("/", "tandem.partnerships.api.router")
api.add_router("/", "tandem.workload.api.router")
