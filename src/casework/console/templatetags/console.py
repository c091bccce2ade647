"""Small presentation helpers for the console templates."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from casework.console.rows import CHANNEL_ICONS, sla_parts
from casework.core.text import sanitize_html

register = template.Library()


@register.filter
def channel_icon(channel: str) -> str:
    return CHANNEL_ICONS.get(channel, "•")


@register.filter
def sanitized(value: str) -> str:
    """Customer HTML, sanitised again at render time (it was sanitised on the way in too)."""
    return mark_safe(sanitize_html(value or ""))  # noqa: S308 - nh3 output is safe by construction


@register.simple_tag
def sla_state(case) -> dict:
    """Time to first-response breach: text and a state class (ok / soon / breached / paused / done)."""
    return sla_parts(case.status, case.sla_due_at, timezone.now())


@register.filter
def first_party(case):
    parties = list(case.case_parties.all())
    return parties[0].party if parties else None


@register.filter
def type_name(case_type, language: str = "en") -> str:
    return case_type.name(language) if case_type else _("Untriaged")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


_PII_LABELS = {"email": _("email"), "phone": _("phone"), "card": _("card"), "iban": _("IBAN"), "address": _("address")}


@register.simple_tag
def message_body(message, pii_revealed: bool = False):
    """A message as the agent sees it: personal data masked unless revealed for this case.

    Card numbers and IBANs stay masked even when revealed (no decision needs them in full).
    """
    from django.utils.html import escape

    from casework.triage.engine.pii import find_pii

    spans = [s for s in find_pii(message.body_text) if not pii_revealed or s.kind in ("card", "iban")]
    if not spans:
        return sanitized(message.body_html)
    out, pos = [], 0
    text = message.body_text
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos:
            continue
        out.append(escape(text[pos:span.start]))
        tail = span.text[-4:] if span.kind in ("card", "iban") else ""
        label = _PII_LABELS.get(span.kind, span.kind)
        out.append(f'<span class="pii" title="{escape(label)}">[{escape(label)}{" ••" + escape(tail) if tail else ""}]</span>')
        pos = span.end
    out.append(escape(text[pos:]))
    paragraphs = "".join(out).split("\n\n")
    return mark_safe("".join("<p>" + p.replace("\n", "<br>") + "</p>" for p in paragraphs if p.strip()))  # noqa: S308


def _label(enum, value):
    try:
        return str(enum(value).label)
    except ValueError:
        return str(value)


@register.simple_tag
def event_summary(ev) -> str:
    """One readable line for a system event (labels, not stored identifiers)."""
    from casework.cases.enums import CaseStatus, Confidentiality, EventKind, Priority, Severity

    a, b = ev.after or {}, ev.before or {}
    kind = ev.kind
    if kind == EventKind.CREATED:
        text = _("Case created in %(team)s · %(sev)s") % {"team": a.get("team", ""), "sev": a.get("severity", "")}
    elif kind in (EventKind.STATUS_CHANGED, EventKind.REOPENED):
        text = _("%(what)s: %(old)s → %(new)s") % {"what": ev.get_kind_display(), "old": _label(CaseStatus, b.get("status", "")),
                                                   "new": _label(CaseStatus, a.get("status", ""))}
    elif kind == EventKind.SEVERITY_CHANGED:
        text = _("Severity: %(old)s → %(new)s") % {"old": _label(Severity, b.get("severity", "")), "new": _label(Severity, a.get("severity", ""))}
    elif kind == EventKind.PRIORITY_CHANGED:
        text = _("Priority: %(old)s → %(new)s") % {"old": _label(Priority, b.get("priority", "")), "new": _label(Priority, a.get("priority", ""))}
    elif kind == EventKind.TYPE_CHANGED:
        text = _("Type: %(old)s → %(new)s") % {"old": b.get("case_type") or _("untriaged"), "new": a.get("case_type", "")}
    elif kind in (EventKind.TRANSFERRED, EventKind.ESCALATED):
        text = _("%(what)s from %(old)s to %(new)s") % {"what": ev.get_kind_display(), "old": b.get("team", ""), "new": a.get("team", "")}
    elif kind == EventKind.ASSIGNED:
        text = _("Assigned") if a.get("owner") else _("Unassigned")
    elif kind == EventKind.CONFIDENTIALITY_CHANGED:
        text = _("Confidentiality: %(new)s") % {"new": _label(Confidentiality, a.get("confidentiality", ""))}
    elif kind == EventKind.TRIAGED:
        changed = ", ".join(k for k in a if k != "explanation")
        text = _("Triaged") + (f" ({changed})" if changed else "")
    elif kind == EventKind.RISK_FLAG_CHANGED:
        text = (_("Risk flag set: %(risk)s") if a.get("present") else _("Risk flag removed: %(risk)s")) % {
            "risk": a.get("risk", "")}
    elif kind == EventKind.TAGGED:
        text = _("Tags: %(tags)s") % {"tags": ", ".join(a.get("tags", [])) or "—"}
    else:
        text = ev.get_kind_display()
    if ev.note and not ev.message_id:
        text += f" — {ev.note}"
    return text
