"""REST endpoints for cases, parties, reservations, teams and case types. Handlers stay thin."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.http import HttpResponse
from ninja import Query, Router, Schema

from casework.accounts.models import Team
from casework.accounts.permissions import Action, role_allows
from casework.cases import selectors, services
from casework.cases.models import Case, CaseType, Party, Reservation
from casework.cases.permissions import access_case
from casework.cases.schemas import (
    AssignIn,
    CaseIn,
    CaseOut,
    CasePage,
    CaseTypeOut,
    ConfidentialityIn,
    EventOut,
    LinkIn,
    MessageOut,
    NoteIn,
    PartyIn,
    PartyOut,
    PriorityIn,
    ReplyIn,
    ReservationIn,
    ReservationOut,
    SeverityIn,
    StatusIn,
    TagsIn,
    TeamOut,
    TransferIn,
    TypeIn,
)
from casework.core.api import idempotent, require_scope
from casework.core.errors import Forbidden, NotFound, ValidationFailed

router = Router(tags=["cases"])


def _via(request) -> str:
    return getattr(request, "casework_via", "api")


def _team(slug: str) -> Team:
    team = Team.objects.filter(slug=slug, is_active=True).first()
    if team is None:
        raise ValidationFailed(f"Unknown team {slug!r}.", details=[{"loc": ["team"], "msg": "unknown team"}])
    return team


def _case_type(slug: str) -> CaseType:
    ct = CaseType.objects.filter(slug=slug, is_active=True).first()
    if ct is None:
        raise ValidationFailed(f"Unknown case type {slug!r}.", details=[{"loc": ["case_type"], "msg": "unknown"}])
    return ct


def _case_out(case: Case) -> dict:
    return CaseOut.from_orm(case).model_dump(mode="json")


class QueueParams(Schema):
    team: str | None = None
    mine: bool = False
    unassigned: bool = False
    status: str = "active"
    severity: list[str] = []
    case_type: str = ""
    channel: str = ""
    language: str = ""
    segment: str = ""
    sla: str = ""
    sort: str = "due"
    cursor: str | None = None
    limit: int = 50


@router.get("/cases", response=CasePage, summary="List cases (a queue), keyset-paginated")
def list_cases(request, params: Query[QueueParams]):
    require_scope(request, "cases:read")
    team_id = _team(params.team).pk if params.team else None
    f = selectors.QueueFilter(team_id=team_id, owner_id=request.user.pk if params.mine else None,
                              unassigned=params.unassigned, status=params.status, severity=params.severity,
                              case_type=params.case_type, channel=params.channel, language=params.language,
                              segment=params.segment, sla=params.sla, sort=params.sort)
    page = selectors.list_queue(request.user, f, cursor=params.cursor, limit=params.limit)
    return {"items": page.items, "next_cursor": page.next_cursor}


@router.post("/cases", response={201: CaseOut}, summary="Open a case")
def create_case(request, payload: CaseIn):
    require_scope(request, "cases:write")

    def create():
        parties = []
        for p in payload.parties:
            party = Party.objects.filter(pk=p.party_id).first()
            if party is None:
                raise ValidationFailed("Unknown party.", details=[{"loc": ["parties"], "msg": f"no party {p.party_id}"}])
            parties.append((party, p.role))
        reservation = None
        if payload.reservation_code:
            reservation = Reservation.objects.filter(code=payload.reservation_code.upper()).first()
            if reservation is None:
                raise ValidationFailed("Unknown reservation.", details=[{"loc": ["reservation_code"], "msg": "unknown"}])
        case = services.create_case(
            subject=payload.subject, team=_team(payload.team), actor=request.user, via=_via(request),
            channel=payload.channel, case_type=_case_type(payload.case_type) if payload.case_type else None,
            severity=payload.severity, priority=payload.priority, language=payload.language,
            confidentiality=payload.confidentiality, parties=parties, reservation=reservation,
        )
        return _case_out(case)

    return idempotent(request, "cases.create", create)


@router.get("/cases/{case_id}", response=CaseOut, summary="One case")
def get_case(request, case_id: int):
    require_scope(request, "cases:read")
    case = access_case(request.user, case_id)
    services.record_case_view(case, actor=request.user, via=_via(request))
    return case


@router.get("/cases/{case_id}/messages", response=list[MessageOut], summary="Messages and notes of a case")
def list_case_messages(request, case_id: int):
    require_scope(request, "cases:read")
    case = access_case(request.user, case_id)
    return selectors.list_messages(case)


@router.get("/cases/{case_id}/timeline", response=list[EventOut], summary="Timeline events of a case")
def list_case_timeline(request, case_id: int):
    require_scope(request, "cases:read")
    case = access_case(request.user, case_id)
    return case.events.select_related("actor").order_by("created_at", "id")


@router.post("/cases/{case_id}/replies", response={201: MessageOut}, summary="Reply to the customer")
def reply(request, case_id: int, payload: ReplyIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.REPLY)
    return 201, services.post_reply(case, body=payload.body, html=payload.html, actor=request.user, via=_via(request),
                                    channel=payload.channel, status_after=payload.status_after)


@router.post("/cases/{case_id}/notes", response={201: MessageOut}, summary="Add an internal note")
def note(request, case_id: int, payload: NoteIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.NOTE)
    return 201, services.add_internal_note(case, body=payload.body, actor=request.user, via=_via(request))


@router.post("/cases/{case_id}/status", response=CaseOut, summary="Change status (resolve, hold, reopen...)")
def change_status(request, case_id: int, payload: StatusIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.CHANGE_STATUS)
    return services.change_status(case, status=payload.status, reason=payload.reason, actor=request.user,
                                  via=_via(request))


@router.post("/cases/{case_id}/severity", response=CaseOut, summary="Change severity")
def change_severity(request, case_id: int, payload: SeverityIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.CHANGE_TRIAGE)
    return services.change_severity(case, severity=payload.severity, reason=payload.reason, actor=request.user,
                                    via=_via(request))


@router.post("/cases/{case_id}/priority", response=CaseOut, summary="Change priority")
def change_priority(request, case_id: int, payload: PriorityIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.CHANGE_TRIAGE)
    return services.change_priority(case, priority=payload.priority, actor=request.user, via=_via(request))


@router.post("/cases/{case_id}/type", response=CaseOut, summary="Change case type")
def change_type(request, case_id: int, payload: TypeIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.CHANGE_TRIAGE)
    return services.change_case_type(case, case_type=_case_type(payload.case_type), actor=request.user,
                                     via=_via(request))


@router.post("/cases/{case_id}/assign", response=CaseOut, summary="Assign or unassign")
def assign(request, case_id: int, payload: AssignIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.ASSIGN)
    assignee = None
    if payload.assignee:
        assignee = User.objects.select_related("agent").filter(username=payload.assignee).first()
        if assignee is None:
            raise ValidationFailed("Unknown agent.", details=[{"loc": ["assignee"], "msg": "unknown"}])
    return services.assign_case(case, assignee=assignee, actor=request.user, via=_via(request))


@router.post("/cases/{case_id}/transfer", response=CaseOut, summary="Transfer to another team with a hand-off note")
def transfer(request, case_id: int, payload: TransferIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.TRANSFER)
    return services.transfer_case(case, team=_team(payload.team), note=payload.note, actor=request.user,
                                  via=_via(request))


@router.post("/cases/{case_id}/escalate", response=CaseOut, summary="Escalate to another team")
def escalate(request, case_id: int, payload: TransferIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.TRANSFER)
    return services.transfer_case(case, team=_team(payload.team), note=payload.note, actor=request.user,
                                  via=_via(request), escalate=True)


@router.post("/cases/{case_id}/links", response={201: dict}, summary="Link to another case")
def link(request, case_id: int, payload: LinkIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.LINK)
    other = access_case(request.user, payload.case_id)
    link = services.link_cases(case, other=other, kind=payload.kind, actor=request.user, via=_via(request))
    return 201, {"from_case": link.from_case_id, "to_case": link.to_case_id, "kind": link.kind}


@router.put("/cases/{case_id}/tags", response=CaseOut, summary="Replace tags")
def tags(request, case_id: int, payload: TagsIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.CHANGE_TRIAGE)
    return services.set_tags(case, names=payload.tags, actor=request.user, via=_via(request))


@router.post("/cases/{case_id}/confidentiality", response=CaseOut, summary="Change confidentiality")
def confidentiality(request, case_id: int, payload: ConfidentialityIn):
    require_scope(request, "cases:write")
    case = access_case(request.user, case_id, action=Action.CHANGE_CONFIDENTIALITY)
    return services.change_confidentiality(case, level=payload.level, reason=payload.reason, actor=request.user,
                                           via=_via(request))


@router.get("/search", response=list[CaseOut], summary="Full-text search over cases")
def search(request, response: HttpResponse, q: str, status: str = "all", limit: int = 25):
    require_scope(request, "cases:read")
    found = selectors.search_cases(request.user, q, f=selectors.QueueFilter(status=status), limit=min(limit, 100))
    if found.window_reached:  # older cases may match too: said in a header, the list keeps its shape
        response["X-Search-Window-Reached"] = str(selectors.SEARCH_SCAN_LIMIT)
    return found


# ---------------------------------------------------------------------------------------------
# directory


def _require_directory(request, scope: str, action: Action) -> None:
    require_scope(request, scope)
    if not role_allows(request.user, action):
        raise Forbidden()


def _parties():
    return Party.objects.prefetch_related(Prefetch("identities"))


@router.post("/parties", response={201: PartyOut}, tags=["parties"], summary="Create a party")
def create_party(request, payload: PartyIn):
    _require_directory(request, "parties:write", Action.DIRECTORY_WRITE)

    def create():
        party = services.create_party(display_name=payload.display_name, language=payload.language,
                                      external_id=payload.external_id,
                                      identities=[(i.kind, i.value) for i in payload.identities],
                                      actor=request.user, via=_via(request))
        return PartyOut.from_orm(_parties().get(pk=party.pk)).model_dump(mode="json")

    return idempotent(request, "parties.create", create)


@router.get("/parties/{party_id}", response=PartyOut, tags=["parties"], summary="One party")
def get_party(request, party_id: int):
    _require_directory(request, "parties:read", Action.DIRECTORY_READ)
    party = _parties().filter(pk=party_id).first()
    if party is None:
        raise NotFound()
    return party


@router.post("/reservations", response={201: ReservationOut}, tags=["reservations"], summary="Create a reservation")
def create_reservation(request, payload: ReservationIn):
    _require_directory(request, "reservations:write", Action.DIRECTORY_WRITE)

    def create():
        data = payload.model_dump(exclude={"host_id", "guest_id"})
        host = Party.objects.filter(pk=payload.host_id).first()
        guest = Party.objects.filter(pk=payload.guest_id).first()
        if host is None or guest is None:
            raise ValidationFailed("Unknown host or guest.", details=[{"loc": ["host_id"], "msg": "unknown party"}])
        reservation = services.create_reservation(actor=request.user, via=_via(request), host=host, guest=guest, **data)
        return ReservationOut.from_orm(reservation).model_dump(mode="json")

    return idempotent(request, "reservations.create", create)


@router.get("/reservations/{code}", response=ReservationOut, tags=["reservations"], summary="One reservation")
def get_reservation(request, code: str):
    _require_directory(request, "reservations:read", Action.DIRECTORY_READ)
    reservation = Reservation.objects.filter(code=code.upper()).first()
    if reservation is None:
        raise NotFound()
    return reservation


@router.get("/teams", response=list[TeamOut], tags=["teams"], summary="Teams")
def list_teams(request):
    require_scope(request, "teams:read")
    return Team.objects.filter(is_active=True)


@router.get("/case-types", response=list[CaseTypeOut], tags=["teams"], summary="The case-type taxonomy")
def list_case_types(request):
    require_scope(request, "cases:read")
    return [
        {"slug": t.slug, "parent": t.parent.slug if t.parent else None, "names": t.names,
         "default_severity": t.default_severity}
        for t in selectors.list_case_types()
    ]
