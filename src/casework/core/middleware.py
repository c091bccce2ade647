"""Turn :class:`CaseworkError` raised in a console view into a page with the right status."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render

from casework.core.errors import CaseworkError, PayloadTooLarge


class CaseworkErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            exception = PayloadTooLarge()
        if not isinstance(exception, CaseworkError):
            return None
        template = "console/error_fragment.html" if request.headers.get("HX-Request") else "console/error.html"
        return render(request, template, {"error": exception}, status=exception.status)
