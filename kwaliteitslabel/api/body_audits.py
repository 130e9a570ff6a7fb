"""The body's audits: who the token is, the list (filtered, paged), one audit with its team,
days and sources (issue 11 item 1)."""

import datetime
from typing import Literal

from django.conf import settings
from django.db.models import Prefetch
from ninja import Field, Query, Schema

from kwaliteitslabel.audits.models import Audit, TeamMember
from kwaliteitslabel.audits.models_audit import CLOSED

from .body_common import AUTH, READ, AuditId, audit_of, router
from .errors import Invalid

StatusWord = Literal[tuple(Audit.Status.values)]  # type: ignore[valid-type]
RouteWord = Literal["a", "b", "c"]
# The findings exist from the start of the audit on (audits.findings.ensure_findings).
FINDINGS_READABLE = (Audit.Status.STARTED, *CLOSED)


class TokenOut(Schema):
    body: str = Field(..., description="de instelling waarvoor de sleutel werkt")
    token: str = Field(..., description="de naam van de sleutel")
    prefix: str
    rate_limit_per_minute: int


class AuditRowOut(Schema):
    id: int
    member: str
    member_number: str
    framework: str = Field(..., examples=["2019"])
    variant: Literal["body", "combined", "peer"]
    kind: Literal["initial", "recertification", "follow_up", "scope_extension"]
    status: StatusWord
    status_label: str = Field(..., description="de stap in gewone taal")
    route: RouteWord | None = Field(
        ..., description="de route zodra de bevindingen definitief zijn"
    )
    requested_at: datetime.datetime


class AuditPageOut(Schema):
    count: int = Field(..., description="aantal toetsingen over alle pagina's")
    page: int
    pages: int
    limit: int
    results: list[AuditRowOut]


class AuditQuery(Schema):
    status: StatusWord | None = Field(None, description="alleen toetsingen in deze stap")
    page: int = Field(1, ge=1, le=100_000, description="paginanummer, vanaf 1")
    limit: int = Field(25, ge=1, le=100, description="toetsingen per pagina, hoogstens 100")


class MemberOut(Schema):
    name: str
    member_number: str
    city: str


class TeamMemberOut(Schema):
    name: str
    role: Literal["lead", "auditor", "peer_auditor"]
    role_label: str


class DayOut(Schema):
    date: datetime.date
    mode: Literal["on_site", "online"]
    location: str | None


class InterviewOut(Schema):
    id: int
    function: str
    department: str
    day: datetime.date | None


class DocumentOut(Schema):
    id: int
    rubric: str = Field(..., examples=["V"])
    title: str


class AuditOut(AuditRowOut):
    member_details: MemberOut
    combined_with: Literal["iso", "hkz", "nvvk"] | None
    scope: str
    work_types: list[str]
    planned_days: float
    team: list[TeamMemberOut]
    days: list[DayOut]
    interviews: list[InterviewOut] = Field(..., description="bronnen voor de bevindingen: ids")
    documents: list[DocumentOut] = Field(..., description="bronnen voor de bevindingen: ids")


def _row(audit) -> dict:
    return {
        "id": audit.pk,
        "member": audit.member.name,
        "member_number": audit.member.member_number or "",
        "framework": audit.framework.version,
        "variant": audit.variant,
        "kind": audit.kind,
        "status": audit.status,
        "status_label": audit.get_status_display(),
        "route": audit.route or None,
        "requested_at": audit.requested_at,
    }


@router.get("", response={200: TokenOut, **AUTH}, url_name="body_token", summary="Deze sleutel")
def token(request):
    """Voor welke instelling de sleutel werkt; handig om een nieuwe sleutel te proberen."""
    found = request.auth
    return {
        "body": found.body.name,
        "token": found.name,
        "prefix": found.prefix,
        "rate_limit_per_minute": settings.API_TOKEN_RATE_LIMIT,
    }


@router.get(
    "/audits",
    response={200: AuditPageOut, **AUTH, 422: Invalid},
    url_name="body_audits",
    summary="Toetsingen",
)
def audit_list(request, filters: Query[AuditQuery]):
    """De toetsingen van uw instelling, nieuwste eerst, per pagina van `limit`."""
    found = Audit.objects.filter(body_id=request.auth.body_id)
    if filters.status:
        found = found.filter(status=filters.status)
    count = found.count()
    start = (filters.page - 1) * filters.limit
    rows = found.select_related("member", "framework").order_by("-requested_at", "-pk")
    return {
        "count": count,
        "page": filters.page,
        "pages": max(1, -(-count // filters.limit)),
        "limit": filters.limit,
        "results": [_row(a) for a in rows[start : start + filters.limit]] if count else [],
    }


@router.get(
    "/audits/{audit_id}",
    response={200: AuditOut, **READ},
    url_name="body_audit",
    summary="Eén toetsing",
)
def audit_detail(request, audit_id: int = AuditId):
    """De toetsing met het lid, het team (namen en rollen), de auditdagen en de bronnen."""
    audit = audit_of(
        request,
        audit_id,
        Audit.objects.select_related("member", "framework", "scope").prefetch_related(
            Prefetch("team", queryset=TeamMember.objects.select_related("user")),
            "days__location",
            "interviews__day",
            "documents__rubric",
            "scope__lines__work_type",
        ),
    )
    member = audit.member
    return {
        **_row(audit),
        "member_details": {
            "name": member.name,
            "member_number": member.member_number or "",
            "city": member.city,
        },
        "combined_with": audit.combined_with or None,
        "scope": audit.scope.name,
        "work_types": [line.work_type.name for line in audit.scope.lines.all()],
        "planned_days": float(audit.planned_days),
        "team": [
            {"name": t.user.name, "role": t.role, "role_label": t.get_role_display()}
            for t in audit.team.all()
        ],
        "days": [
            {"date": d.date, "mode": d.mode, "location": d.location.name if d.location else None}
            for d in audit.days.all()
        ],
        "interviews": [
            {
                "id": i.pk,
                "function": i.function,
                "department": i.department,
                "day": i.day.date if i.day else None,
            }
            for i in audit.interviews.all()
        ],
        "documents": [
            {"id": d.pk, "rubric": d.rubric.code, "title": d.title} for d in audit.documents.all()
        ],
    }
