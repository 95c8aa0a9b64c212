"""The JSON API: one NinjaAPI, one router per app, one error shape: {"detail": "..."}."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from tandem import __version__
from tandem.accounts.models import ApiToken, User
from tandem.lib.errors import TandemError


class TokenAuth(HttpBearer):
    """A personal API token from Settings → API tokens: `Authorization: Bearer tdm_…`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return ApiToken.user_for(token)


CSRF_REFUSED = (
    "CSRF check failed: send the X-CSRFToken header with a logged-in session's write, "
    "or use a Bearer token."
)


class SessionAuth(APIKeyCookie):
    """The browser's logged-in session; its writes must carry the CSRF token.

    Without a logged-in session this way of authenticating does not apply at all, so an
    anonymous request is told to authenticate (401) instead of failing a CSRF check meant for
    browsers (403), and a Bearer token never needs a CSRF token.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None
        if check_csrf(request):
            raise HttpError(403, CSRF_REFUSED)
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        return request.user if request.user.is_authenticated else None


session_auth = SessionAuth()

api = NinjaAPI(
    title="Tandem API",
    version=__version__,
    description="Everything in Tandem as JSON. Authenticate with a personal token "
    "(Settings → API tokens) as a Bearer token, or with the browser session (its writes send "
    "the CSRF token as X-CSRFToken). Every error is `{detail, field?, errors?}`: 400 a rule "
    "broken or a body that is not JSON, 401 not authenticated, 403 a session's write without "
    "its CSRF token or not yours to do (answering for your partner), 404 nothing you may "
    "reach, 409 a conflict, 422 a request that does not match its schema "
    "(text fields refuse NUL characters).",
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


# Where a request's parts come from; an error names the field, not where it was sent.
SOURCES = ("path", "query", "body", "form", "file", "header", "cookie")


@api.exception_handler(ValidationError)
def on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    loc = list(first.get("loc", ()))
    if loc and loc[0] in SOURCES:
        loc = loc[1:]
    where = ".".join(str(part) for part in loc if part != "payload")
    message = first.get("msg", "Invalid input.")
    if not where:
        return _error(request, message, 422, errors=exc.errors)
    return _error(request, f"{where}: {message}", 422, field=where, errors=exc.errors)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, str(exc), exc.status_code)


api.add_router("/", "tandem.accounts.api.router")
api.add_router("/", "tandem.partnerships.api.router")
api.add_router("/", "tandem.workload.api.router")
api.add_router("/", "tandem.requests.api.router")
api.add_router("/", "tandem.oneonones.api.router")
api.add_router("/", "tandem.agreements.api.router")
