"""The one API: each app adds its router; every error is `{code, message}`; GET answers carry
an ETag and answer 304 before the endpoint runs when nothing changed."""

import re
from functools import wraps
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from pobratym.agreements.api import router as agreements_router
from pobratym.aid.api import router as aid_router
from pobratym.conversations.api import router as conversations_router
from pobratym.core import views as core_views
from pobratym.core.changes import etag_of, keep, kept
from pobratym.core.errors import DomainError, Stale
from pobratym.directory.api import router as directory_router
from pobratym.exchanges.api import router as events_router
from pobratym.exchanges.api_feeds import router as calendar_router
from pobratym.partnerships.api import cities_router
from pobratym.partnerships.api import router as partnerships_router
from pobratym.partnerships.api_auth import session_auth, token_auth, visitor_auth
from pobratym.partnerships.models import ApiToken
from pobratym.projects.api import router as projects_router

from .api_limits import LIMITS


def _unless_docs_are_off(view):
    """The documentation and schema answer 404 where the operator switched them off
    (POBRATYM_API_DOCS); read per request, so the setting needs no second URL list."""

    @wraps(view)
    def docs(request, *args, **kwargs):
        if not settings.POBRATYM_API_DOCS:
            raise Http404
        return view(request, *args, **kwargs)

    return docs


def _answered_before(view):
    """Conditional GETs, for every endpoint (an API decorator): a GET's ETag is the data's stamp
    (core.changes) with who asks, the address, the language and the day, known before the
    endpoint runs. A client that sends it back in If-None-Match while nothing was written gets
    304 at once, without the endpoint reading or writing a record; the open data streams
    (calendars, IATI, HXL) too. A whole answer is kept under its ETag: asked again while
    nothing changed, it is answered without the endpoint."""

    @wraps(view)
    def conditional(request, *args, **kwargs):
        if request.method != "GET":
            return view(request, *args, **kwargs)
        token = getattr(request, "auth", None)  # none on the open endpoints (auth=None)
        reader = token if isinstance(token, ApiToken) else request.user
        etag = etag_of(
            type(reader).__name__,
            reader.pk,
            request.get_full_path(),
            request.LANGUAGE_CODE,
            timezone.localdate(),
        )
        request.pobratym_etag = etag
        sent = parse_etags(request.headers.get("If-None-Match", ""))
        if etag in {tag.removeprefix("W/") for tag in sent}:
            response = HttpResponseNotModified()
        else:
            # The ETag names all that decides the answer: the same one, the same answer.
            response = kept(f"api-answer:{etag}") or view(request, *args, **kwargs)
        if isinstance(response, HttpResponseBase):
            _tagged(request, response)
        return response

    return conditional


def _tagged(request, response):
    if response.status_code in (200, 304) and hasattr(request, "pobratym_etag"):
        response["ETag"] = request.pobratym_etag
        # The same address answers each person (session or token) with their own records, in
        # their language.
        patch_vary_headers(response, ["Authorization", "Cookie", "Accept-Language"])
    return response


class PobratymAPI(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        if request.method != "GET":
            return response
        if response.status_code == 200 and hasattr(request, "pobratym_etag"):
            keep(f"api-answer:{request.pobratym_etag}", response)
        return _tagged(request, response)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The document names every refusal an operation can answer, each a `{code, message}`
        (the error handlers below), where its endpoint did not name it already."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status in _refusals(operation):
                    if status not in responses and str(status) not in responses:
                        responses[status] = _refusal(status)
        return schema


ERROR_SCHEMA = {
    "type": "object",
    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
    "required": ["code", "message"],
}


def _refusals(operation: dict) -> list[int]:
    """Any address may name no record (404) or be malformed (422), and any caller may be
    beyond a limit (429); a query can be malformed (400), a body too large (413), and an
    operation that asks who calls refuses an unknown token or a role that may not (401, 403)."""
    statuses = [404, 422, 429]
    if any(parameter.get("in") == "query" for parameter in operation.get("parameters", [])):
        statuses.append(400)
    if "requestBody" in operation:
        statuses += [400, 413]
    if operation.get("security"):
        statuses += [401, 403]
    return statuses


def _refusal(status: int) -> dict:
    return {
        "description": HTTPStatus(status).phrase,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


api = PobratymAPI(
    title="Pobratym API",
    version="1",
    auth=[token_auth, session_auth, visitor_auth],
    throttle=LIMITS,
    urls_namespace="api",
    docs_url="/docs",
    docs_decorator=_unless_docs_are_off,
)
api.add_router("/partnerships", partnerships_router)
api.add_router("/partnerships", agreements_router)
api.add_router("/partnerships", aid_router)
api.add_router("/partnerships", conversations_router)
api.add_router("/partnerships", directory_router)
api.add_router("/partnerships", projects_router)
api.add_router("/cities", cities_router)
api.add_router("/", calendar_router)
api.add_router("/", events_router)
api.add_decorator(_answered_before)


def _error(request, status: int, code: str, message: str):
    return api.create_response(request, {"code": code, "message": message}, status=status)


@api.exception_handler(DomainError)
def domain_error(request, error: DomainError):
    if isinstance(error, Stale):
        body = {"code": error.code, "message": error.message, "current": error.current_values()}
        return api.create_response(request, body, status=error.status)
    return _error(request, error.status, error.code, error.message)


@api.exception_handler(Http404)
def not_found(request, error):
    return _error(request, 404, "not_found", _("Not found."))


@api.exception_handler(PermissionDenied)
def forbidden(request, error):
    return _error(request, 403, "forbidden", _("You are not allowed to do this."))


@api.exception_handler(AuthenticationError)
def unauthenticated(request, error):
    return _error(request, 401, "unauthenticated", _("Please sign in."))


@api.exception_handler(ValidationError)
def invalid(request, error: ValidationError):
    """A malformed body or path: 422 `invalid`, each field in `errors`. A malformed query
    (a list's filter, limit or cursor): 400 `invalid_parameter`, saying in the caller's
    language which parameter takes what."""
    if error.errors and all(_in_query(problem) for problem in error.errors):
        problems = " ".join(dict.fromkeys(_parameter_problem(p) for p in error.errors))
        return _error(request, 400, "invalid_parameter", problems)
    return api.create_response(
        request,
        {"code": "invalid", "message": _("The request is not valid."), "errors": error.errors},
        status=422,
    )


def _in_query(problem: dict) -> bool:
    location = problem.get("loc") or ()
    return len(location) > 1 and location[0] == "query"


DATES = {"date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"}
TIMES = {
    "datetime_parsing",
    "datetime_type",
    "datetime_from_date_parsing",
    "datetime_out_of_range",
    "timezone_aware",
}
NUMBERS = {"int_parsing", "int_type", "greater_than_equal", "less_than_equal", "int_from_float"}


def _parameter_problem(problem: dict) -> str:
    """What is wrong with one query parameter, said so that the caller can mend it."""
    name = str(problem["loc"][-1])
    kind = problem.get("type", "")
    if kind in {"enum", "literal_error"}:
        # pydantic lists them in English ("'a', 'b' or 'c'"): only the values are kept.
        expected = str(problem.get("ctx", {}).get("expected", ""))
        values = ", ".join(re.findall(r"'([^']*)'", expected)) or expected
        return _("“%(name)s” takes one of %(values)s.") % {"name": name, "values": values}
    if kind in DATES:
        return _("“%(name)s” takes a date, such as 2026-05-04.") % {"name": name}
    if kind in TIMES:
        return _("“%(name)s” takes a date and time, such as 2026-05-04T09:30:00+02:00.") % {
            "name": name
        }
    if kind in NUMBERS:
        return _("“%(name)s” takes a whole number within its range.") % {"name": name}
    if kind in {"string_too_long", "string_pattern_mismatch", "nul_character"}:
        return _("“%(name)s” is too long or holds characters it does not take.") % {"name": name}
    return _("“%(name)s” is not valid here.") % {"name": name}


@api.exception_handler(Throttled)
def too_many(request, error: Throttled):
    """Beyond a rate limit (config/api_limits.py); ninja adds `Retry-After`."""
    message = _("Too many requests. Please wait a moment, then try again.")
    return _error(request, 429, "too_many_requests", message)


@api.exception_handler(RequestDataTooBig)
def too_large(request, error):
    """A body larger than DATA_UPLOAD_MAX_MEMORY_SIZE, refused before it is read."""
    return _error(request, 413, "too_large", _("The request is too large."))


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def unavailable(request, error):
    """The database is away (restarting, unreachable): try again shortly."""
    return core_views.unavailable(request)


@api.exception_handler(HttpError)
def http_error(request, error: HttpError):
    """Ninja's own refusals (a failed CSRF check) in the same shape as ours."""
    if error.status_code == 403:
        return _error(request, 403, "forbidden", _("The request was refused: reload the page."))
    return _error(request, error.status_code, "error", _("The request could not be handled."))
