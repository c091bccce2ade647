"""Reads of the triage app for the console: what triage concluded on a case, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from casework.triage.engine import RISK_IDS
from casework.triage.models import CaseTriage, TriageLabel

RECENT_LABELS = 5


@dataclass
class CaseTriageView:
    """The latest case-level triage result (``None`` before any message was triaged), the
    explanation pieces the "Why this triage?" panel shows, and the latest agent labels."""

    latest: CaseTriage | None
    labels: list[TriageLabel]
    risk_ids: tuple[str, ...] = RISK_IDS
    explanation: dict = field(default_factory=dict)

    @property
    def features(self) -> list[dict]:
        return self.explanation.get("case_type", {}).get("features", [])

    @property
    def alternatives(self) -> list[list]:
        return self.explanation.get("case_type", {}).get("alternatives", [])[:3]

    @property
    def type_notes(self) -> list[str]:
        return self.explanation.get("case_type", {}).get("notes", [])

    @property
    def type_source(self) -> str:
        return self.explanation.get("case_type", {}).get("source") or ""

    @property
    def rules(self) -> list[dict]:
        """Rules that fired (a match a suppressor cancelled is listed apart, see ``suppressed``)."""
        return [h for h in self.explanation.get("rules", []) if "suppressed_by" not in h]

    @property
    def suppressed(self) -> list[dict]:
        return [h for h in self.explanation.get("rules", []) if "suppressed_by" in h]

    @property
    def severity_reasons(self) -> list[str]:
        return self.explanation.get("severity", {}).get("reasons", [])

    @property
    def frustration_cues(self) -> list:
        return self.explanation.get("frustration", {}).get("cues", [])

    @property
    def language(self) -> dict:
        return self.explanation.get("language", {})

    @property
    def trend(self) -> str:
        return (self.latest.frustration_trend or {}).get("direction", "") if self.latest else ""


def get_case_triage(case) -> CaseTriageView:
    """The caller has checked that the actor may see ``case`` (``access_case``)."""
    latest = CaseTriage.objects.filter(case=case).order_by("-created_at", "-id").first()
    labels = list(TriageLabel.objects.filter(case=case).select_related("actor__agent")
                  .order_by("-created_at", "-id")[:RECENT_LABELS])
    return CaseTriageView(latest=latest, labels=labels, explanation=(latest.explanation or {}) if latest else {})
