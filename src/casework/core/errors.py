"""One error family for the whole product.

Every domain error subclasses :class:`CaseworkError`, which carries the HTTP status
and a message that is safe to show to the person who caused it. The API and the
console turn these into the same status codes.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class CaseworkError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str = "", *, details: dict | list | None = None):
        # Rendered now, in the language active where the error is raised (the request's).
        text = str(message or self.default_message)
        super().__init__(text)
        self.message = text
        self.details = details

    default_message = _("The request could not be processed.")


class NotFound(CaseworkError):
    status = 404
    code = "not_found"
    default_message = _("Not found.")


class Forbidden(CaseworkError):
    """Raised when an actor may not do something. The message never describes the object."""

    status = 403
    code = "forbidden"
    default_message = _("You do not have permission to do this.")


class Conflict(CaseworkError):
    status = 409
    code = "conflict"
    default_message = _("This conflicts with the current state.")


class PayloadTooLarge(CaseworkError):
    status = 413
    code = "payload_too_large"
    default_message = _("The request body or attachment is too large.")


class ValidationFailed(CaseworkError):
    status = 422
    code = "validation_error"
    default_message = _("The data is not valid.")


class Unauthenticated(CaseworkError):
    status = 401
    code = "unauthenticated"
    default_message = _("Authentication required.")


class Throttled(CaseworkError):
    status = 429
    code = "throttled"
    default_message = _("Too many attempts. Try again later.")
