"""The agent console. Views parse input, call one service or selector, and render.

Action views answer HTMX requests with the live region of the case page (header, timeline,
context) so the composer keeps whatever the agent is typing.
"""

from __future__ import annotations

import time

from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework.accounts import services as account_services
from casework.accounts.models import Team
from casework.accounts.permissions import Action, role_allows, role_of
from casework.cases import selectors, services
from casework.cases.enums import CaseStatus, Channel, LinkKind, Priority, Segment, Severity
from casework.cases.models import Case, CaseType
from casework.cases.permissions import access_case
from casework.console.forms import AssignForm, ClassifyForm, ComposerForm, LinkForm, StatusForm, TransferForm
from casework.console.rows import RowPresenter
from casework.core.errors import Forbidden, ValidationFailed

VIA = "console"
RAIL_CACHE_S = 15


def agent_required(view):
    """Logged in *and* an agent; anyone else is sent to log in or refused."""

    @login_required
    def wrapped(request: HttpRequest, *args, **kwargs):
        if role_of(request.user) is None:
            raise Forbidden(_("This account is not an agent account."))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


class LoginView(auth_views.LoginView):
    """Django's login with throttling per username and per address."""

    template_name = "console/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        from django.conf import settings

        username = request.POST.get("username", "")
        ip = request.META.get("REMOTE_ADDR", "")
        account_services.check_login_allowed(username, ip, settings.CASEWORK_LOGIN_RATE)
        response = super().post(request, *args, **kwargs)
        if not request.user.is_authenticated:
            account_services.record_login_failure(username, ip, settings.CASEWORK_LOGIN_RATE)
        return response


@require_POST
def logout_view(request):
    auth.logout(request)
    return redirect("console:login")


@agent_required
def home(request):
    return redirect(reverse("console:queue") + "?mine=1")


def _first_error(form) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return _("The form is not valid.")


def _queue_filter(request, teams: list[Team]) -> tuple[selectors.QueueFilter, Team | None]:
    q = request.GET
    team = next((t for t in teams if t.slug == q.get("team")), None)
    if q.get("team") and team is None:
        team = Team.objects.filter(slug=q.get("team"), is_active=True).first()
    f = selectors.QueueFilter(
        team_id=team.pk if team else None,
        owner_id=request.user.pk if q.get("mine") else None,
        unassigned=bool(q.get("unassigned")),
        status=q.get("status") or "active",
        severity=[s for s in q.getlist("severity") if s in Severity.values],
        case_type=q.get("type", ""),
        channel=q.get("channel", "") if q.get("channel", "") in Channel.values else "",
        language=q.get("language", "")[:8],
        segment=q.get("segment", "") if q.get("segment", "") in Segment.values else "",
        sla=q.get("sla", "") if q.get("sla", "") in ("breached", "due_soon", "ok") else "",
        sort=q.get("sort", "due") if q.get("sort", "due") in selectors.SORTS else "due",
    )
    return f, team


def _agent_teams(request) -> list[Team]:
    teams = list(request.user.agent.teams.filter(is_active=True))
    if role_of(request.user) == "admin" and not teams:
        teams = list(Team.objects.filter(is_active=True))
    return teams


def _rail_key(request) -> str:
    return f"console:rail:{request.user.pk}"


def _rail(request) -> dict:
    teams = _agent_teams(request)
    team_ids = [t.pk for t in teams]
    # The rail's counts scan every active case of the agent's teams: kept RAIL_CACHE_S seconds per
    # agent, dropped when the agent acts on a case (others' changes show within RAIL_CACHE_S).
    hit = cache.get(_rail_key(request))
    if hit and hit[0] == team_ids:
        counts = hit[1]
    else:
        counts = selectors.queue_counts(request.user, team_ids)
        cache.set(_rail_key(request), (team_ids, counts), RAIL_CACHE_S)
    for t in teams:
        row = counts["teams"].get(t.pk, {})
        t.active_count = row.get("total", 0)
        t.breached_count = row.get("breached", 0)
    return {"rail_teams": teams, "rail_mine": counts["mine"]}


def _rows(request, values: list[dict]) -> dict:
    return {"rows": RowPresenter(request.LANGUAGE_CODE).rows(values)}


_CASE_TYPE_OPTIONS: dict[str, tuple[float, list[dict]]] = {}


def _case_type_options(language: str) -> list[dict]:
    """The type filter's options, per UI language, kept a minute in this process (the taxonomy is
    managed data that changes rarely; a new type shows up in the filter within 60 s)."""
    now = time.monotonic()
    hit = _CASE_TYPE_OPTIONS.get(language)
    if hit and now - hit[0] < 60:
        return hit[1]
    options = [{"slug": t.slug, "label": t.name(language), "child": bool(t.parent_id)}
               for t in selectors.list_case_types()]
    _CASE_TYPE_OPTIONS[language] = (now, options)
    return options


@agent_required
@require_GET
def queue(request):
    """A queue: my cases, a team's cases, or everything visible, filtered and keyset-paginated.

    An HTMX request with a cursor ("Load more") or with ``X-Queue-Rows`` (a live refresh of the
    first page) gets the rows alone, without the rail counts.
    """
    rows_only = bool(request.headers.get("HX-Request")) and bool(
        request.GET.get("cursor") or request.headers.get("X-Queue-Rows"))
    rail = {"rail_teams": _agent_teams(request)} if rows_only else _rail(request)
    f, team = _queue_filter(request, rail["rail_teams"])
    page = selectors.list_queue(request.user, f, cursor=request.GET.get("cursor") or None, as_rows=True)
    params = request.GET.copy()
    params.pop("cursor", None)
    if rows_only:
        ctx = {"page": page, "params": params.urlencode(), **_rows(request, page.items)}
        return render(request, "console/queue.html#queue_rows", ctx)
    ctx = {
        **rail, **_rows(request, page.items), "page": page, "filter": f, "team": team, "params": params.urlencode(),
        "mine": bool(request.GET.get("mine")), "statuses": CaseStatus.choices, "severities": Severity.choices,
        "channels": Channel.choices, "segments": Segment.choices, "case_types": _case_type_options(request.LANGUAGE_CODE),
        "title": _("My cases") if request.GET.get("mine") else (team.name if team else _("All cases")),
    }
    return render(request, "console/queue.html", ctx)


_DIALOG_OPTIONS: dict[tuple, tuple[float, list]] = {}
DIALOG_OPTIONS_S = 30


def _dialog_options(key: tuple, build) -> list:
    """Options of the case page's dialogs (teams, a team's agents), kept 30 s in this process:
    the same few lists for every case page, and building them was a quarter of its render time.
    A new team or agent shows up in the dialogs within 30 s; the services check every choice."""
    now = time.monotonic()
    hit = _DIALOG_OPTIONS.get(key)
    if hit and now - hit[0] < DIALOG_OPTIONS_S:
        return hit[1]
    value = build()
    _DIALOG_OPTIONS[key] = (now, value)
    return value


def _team_options() -> list[tuple[int, str]]:
    return _dialog_options(("teams",), lambda: list(Team.objects.filter(is_active=True).values_list("pk", "name")))


def _team_agent_options(team_id: int, language: str) -> list[tuple[int, str, str]]:
    def build():
        agents = User.objects.filter(agent__teams=team_id, is_active=True).select_related("agent").distinct()
        return [(u.pk, u.agent.display_name, str(u.agent.get_role_display())) for u in agents]

    return _dialog_options(("agents", team_id, language), build)


def _case_context(request, case: Case) -> dict:
    detail = selectors.get_case_detail(request.user, case)
    user = request.user
    return {
        "case": case, "detail": detail, "composer": ComposerForm(),
        "can": {a.value: role_allows(user, a) for a in Action},
        "teams": [(pk, name) for pk, name in _team_options() if pk != case.team_id],
        "team_agents": _team_agent_options(case.team_id, request.LANGUAGE_CODE),
        "case_types": _case_type_options(request.LANGUAGE_CODE),
        "current_type_slug": case.case_type.slug if case.case_type_id else "",
        "statuses": CaseStatus.choices, "severities": Severity.choices, "priorities": Priority.choices,
        "link_kinds": LinkKind.choices, "is_closed": case.status == CaseStatus.CLOSED,
        "pii_revealed": case.pk in request.session.get("pii_revealed", []),
    }


@agent_required
@require_GET
def case_detail(request, case_id: int):
    case = access_case(request.user, case_id)
    services.record_case_view(case, actor=request.user, via=VIA)
    ctx = _case_context(request, case)
    ctx.update(_rail(request))
    return render(request, "console/case.html", ctx)


@agent_required
@require_GET
def case_timeline(request, case_id: int):
    """The live region alone (used by live updates)."""
    case = access_case(request.user, case_id)
    return render(request, "console/case.html#case_live", _case_context(request, case))


def _after_action(request, case_id: int) -> HttpResponse:
    cache.delete(_rail_key(request))
    case = access_case(request.user, case_id)
    if request.headers.get("HX-Request"):
        return render(request, "console/case.html#case_live", _case_context(request, case))
    return redirect("console:case", case_id=case_id)


@agent_required
@require_POST
def case_reply(request, case_id: int):
    form = ComposerForm(request.POST)
    if not form.is_valid():
        raise ValidationFailed(_first_error(form))
    mode = form.cleaned_data["mode"]
    case = access_case(request.user, case_id, action=Action.REPLY if mode == "reply" else Action.NOTE)
    if mode == "reply":
        services.post_reply(case, body=form.cleaned_data["body"], actor=request.user, via=VIA,
                            status_after=form.cleaned_data["status_after"])
    else:
        services.add_internal_note(case, body=form.cleaned_data["body"], actor=request.user, via=VIA)
    return _after_action(request, case_id)


@agent_required
@require_POST
def case_assign(request, case_id: int):
    form = AssignForm(request.POST)
    if not form.is_valid():
        raise ValidationFailed(_first_error(form))
    case = access_case(request.user, case_id, action=Action.ASSIGN)
    assignee_id = form.cleaned_data["assignee"]
    if request.POST.get("me"):
        assignee_id = request.user.pk
    assignee = User.objects.select_related("agent").filter(pk=assignee_id).first() if assignee_id else None
    if assignee_id and assignee is None:
        raise ValidationFailed(_("Unknown agent."))
    services.assign_case(case, assignee=assignee, actor=request.user, via=VIA)
    return _after_action(request, case_id)


@agent_required
@require_POST
def case_transfer(request, case_id: int):
    form = TransferForm(request.POST)
    if not form.is_valid():
        raise ValidationFailed(_first_error(form))
    case = access_case(request.user, case_id, action=Action.TRANSFER)
    team = Team.objects.filter(pk=form.cleaned_data["team"], is_active=True).first()
    if team is None:
        raise ValidationFailed(_("Choose a team."))
    services.transfer_case(case, team=team, note=form.cleaned_data["note"], actor=request.user, via=VIA,
                           escalate=form.cleaned_data["escalate"])
    if request.headers.get("HX-Request"):
        from casework.cases.permissions import can_view_case

        if not can_view_case(request.user, Case.objects.get(pk=case_id)):
            cache.delete(_rail_key(request))
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("console:queue") + "?mine=1"
            return response
    return _after_action(request, case_id)


@agent_required
@require_POST
def case_status(request, case_id: int):
    form = StatusForm(request.POST)
    if not form.is_valid():
        raise ValidationFailed(_first_error(form))
    case = access_case(request.user, case_id, action=Action.CHANGE_STATUS)
    services.change_status(case, status=form.cleaned_data["status"], reason=form.cleaned_data["reason"],
                           actor=request.user, via=VIA)
    return _after_action(request, case_id)


@agent_required
@require_POST
def case_classify(request, case_id: int):
    form = ClassifyForm(request.POST)
    if not form.is_valid():
        raise ValidationFailed(_first_error(form))
    case = access_case(request.user, case_id, action=Action.CHANGE_TRIAGE)
    data = form.cleaned_data
    if data["case_type"]:
        case_type = CaseType.objects.filter(slug=data["case_type"], is_active=True).first()
        if case_type is None:
            raise ValidationFailed(_("Unknown case type."))
        case = services.change_case_type(case, case_type=case_type, actor=request.user, via=VIA)
    if data["severity"]:
        case = services.change_severity(case, severity=data["severity"], actor=request.user, via=VIA)
    if data["priority"]:
        services.change_priority(case, priority=data["priority"], actor=request.user, via=VIA)
    return _after_action(request, case_id)


@agent_required
@require_POST
def case_link(request, case_id: int):
    form = LinkForm(request.POST)
    if not form.is_valid():
        raise ValidationFailed(_first_error(form))
    other_id = Case.id_from_number(form.cleaned_data["number"])
    if other_id is None:
        raise ValidationFailed(_("Give a case number like CW-000123."))
    case = access_case(request.user, case_id, action=Action.LINK)
    other = access_case(request.user, other_id)
    services.link_cases(case, other=other, kind=form.cleaned_data["kind"], actor=request.user, via=VIA)
    return _after_action(request, case_id)


@agent_required
@require_GET
def search(request):
    query = request.GET.get("q", "")
    results = selectors.search_cases(request.user, query, limit=50, as_rows=True) if query.strip() else []
    ctx = {**_rail(request), **_rows(request, results), "query": query, "title": _("Search"),
           "window_reached": getattr(results, "window_reached", False),
           "scan_limit": selectors.SEARCH_SCAN_LIMIT}
    return render(request, "console/search.html", ctx)


def _attachment_for(request, attachment_id: int):
    from casework.cases.models import Attachment
    from casework.core.errors import NotFound

    attachment = Attachment.objects.select_related("message").filter(pk=attachment_id).first()
    if attachment is None:
        raise NotFound()
    access_case(request.user, attachment.message.case_id)
    return attachment


@agent_required
@require_GET
def attachment_file(request, attachment_id: int):
    """Serve a stored attachment to someone who may open its case (sensitive: after a reveal)."""
    from django.http import FileResponse

    from casework.intake.services import blob_path

    attachment = _attachment_for(request, attachment_id)
    if not services.may_see_attachment(attachment, actor=request.user):
        raise Forbidden(_("Sensitive media is shown only after a deliberate, logged reveal."))
    inline = attachment.content_type.startswith("image/") or attachment.content_type == "application/pdf"
    response = FileResponse(open(blob_path(attachment.sha256), "rb"), content_type=attachment.content_type,
                            as_attachment=not inline, filename=attachment.filename)
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    response["Cache-Control"] = "private, no-store"
    return response


@agent_required
@require_POST
def attachment_reveal(request, attachment_id: int):
    attachment = _attachment_for(request, attachment_id)
    services.reveal_sensitive_attachment(attachment, actor=request.user, via=VIA)
    return render(request, "console/_attachment.html", {"a": attachment, "revealed": True})


@agent_required
@require_POST
def case_reveal_pii(request, case_id: int):
    """Unmask personal data in this case's messages for this session (an audited, deliberate act)."""
    case = access_case(request.user, case_id)
    services.record_pii_reveal(case, actor=request.user, via=VIA)
    revealed = request.session.get("pii_revealed", [])
    request.session["pii_revealed"] = [*revealed[-49:], case.pk]
    return _after_action(request, case_id)


# ---------------------------------------------------------------------------------------------
# triage: "Why this triage?" and one-click corrections


@agent_required
@require_GET
def case_triage(request, case_id: int):
    """The triage card: result, explanation (on demand, in a <details>) and correction controls."""
    from casework.triage.selectors import get_case_triage

    case = access_case(request.user, case_id)
    ctx = {"case": case, "triage": get_case_triage(case), "can_correct": role_allows(request.user, Action.CHANGE_TRIAGE)
           and case.status != CaseStatus.CLOSED, "severities": Severity.choices,
           "case_types": CaseType.objects.filter(is_active=True).order_by("slug"),
           "open": request.GET.get("open") == "1"}
    return render(request, "console/_triage.html", ctx)


@agent_required
@require_POST
def case_correct_triage(request, case_id: int):
    """An agent corrects one triage field; the correction is kept as a training label."""
    from casework.console.forms import TriageCorrectionForm
    from casework.triage.services import correct_triage

    form = TriageCorrectionForm(request.POST)
    if not form.is_valid():
        raise ValidationFailed(_first_error(form))
    case = access_case(request.user, case_id, action=Action.CHANGE_TRIAGE)
    correct_triage(case, field=form.cleaned_data["field"], value=form.cleaned_data["value"], actor=request.user,
                   via=VIA)
    return _after_action(request, case_id)
