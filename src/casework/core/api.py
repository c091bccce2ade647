"""The REST API (/api/v1): authentication, scopes, error bodies, idempotency.

Every error has the same body: ``{"error": {"code": ..., "message": ..., "details": ...}}``.
Authentication is a bearer token (``Authorization: Bearer cw_...``) or the console session
(with CSRF). A token's rights are its owner's role rights narrowed by the token's scopes.
"""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from casework.accounts.permissions import role_of
from casework.core.errors import CaseworkError, Conflict, Forbidden, Unauthenticated, ValidationFailed
from casework.core.models import IdempotencyKey

ALL_SCOPES = frozenset(
    {"cases:read", "cases:write", "messages:write", "parties:read", "parties:write", "reservations:read",
     "reservations:write", "teams:read"}
)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        from casework.accounts.services import authenticate_token

        try:
            user, scopes = authenticate_token(token)
        except Unauthenticated:
            return None
        request.user = user
        request.casework_scopes = scopes
        request.casework_via = "api"
        return user


class ConsoleSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key):
        user = super().authenticate(request, key)
        if user is not None:
            request.casework_scopes = ALL_SCOPES
            request.casework_via = "console"
        return user


def require_scope(request: HttpRequest, scope: str) -> None:
    """Deny unless the caller's token carries ``scope`` and the caller is an agent."""
    if role_of(request.user) is None or scope not in getattr(request, "casework_scopes", frozenset()):
        raise Forbidden()


def error_body(code: str, message: str, details=None) -> dict:
    return {"error": {"code": code, "message": message, "details": details}}


api = NinjaAPI(
    title="Casework API",
    version="1",
    description="Cases, messages, parties, reservations and teams. Errors share one body shape.",
    urls_namespace="api",
    auth=[TokenAuth(), ConsoleSessionAuth()],
    docs_url="/docs",
)


@api.exception_handler(CaseworkError)
def _casework_error(request, exc: CaseworkError):
    return JsonResponse(error_body(exc.code, exc.message, exc.details), status=exc.status)


@api.exception_handler(NinjaValidationError)
def _validation_error(request, exc: NinjaValidationError):
    details = [{"loc": list(e.get("loc", [])), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in exc.errors]
    return JsonResponse(error_body("validation_error", "The request body or parameters are not valid.", details),
                        status=422)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return JsonResponse(error_body("unauthenticated", "Authentication required: send a valid API token."), status=401)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):
    return JsonResponse(error_body("payload_too_large", "The request body is too large."), status=413)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return JsonResponse(error_body("not_found", "Not found."), status=404)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return JsonResponse(error_body("error", str(exc)), status=exc.status_code)


def idempotent(request: HttpRequest, route: str, create, *, status: int = 201):
    """Run ``create()`` at most once per ``Idempotency-Key`` header value and caller.

    ``create`` returns a JSON-serialisable dict. A retry with the same key and body gets the
    stored response; the same key with a different body is a 409 conflict. Without the header,
    ``create`` simply runs.
    """
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return status, create()
    if len(key) > 128:
        raise ValidationFailed("Idempotency-Key may have at most 128 characters.")
    digest = hashlib.sha256(request.body).hexdigest()
    stored = IdempotencyKey.objects.filter(user=request.user, key=key).first()
    if stored is not None:
        if stored.request_hash != digest or stored.route != route:
            raise Conflict("This Idempotency-Key was already used with a different request.")
        return stored.status, stored.response
    try:
        with transaction.atomic():
            body = create()
            IdempotencyKey.objects.create(user=request.user, key=key, route=route, request_hash=digest,
                                          status=status, response=json.loads(json.dumps(body, default=str)))
    except IntegrityError as exc:
        if IdempotencyKey.objects.filter(user=request.user, key=key).exists():
            raise Conflict("A request with this Idempotency-Key is already being processed.") from exc
        raise
    return status, body


def register_routers() -> None:
    from casework.cases.api import router as cases_router
    from casework.intake.api import router as intake_router

    api.add_router("", cases_router)
    api.add_router("", intake_router)


register_routers()
