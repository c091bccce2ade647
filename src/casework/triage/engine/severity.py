"""Severity S1–S4 and priority P1–P4 from a configurable matrix (domain.md defaults).

The matrix is data (``data/severity_matrix.json``; admins edit a copy). Severity starts at the
case type's default (the type's own entry, else its parent's, else ``default``) and is then only
ever *raised*, each raise recorded as a reason:

* a fired risk raises to that risk's level (``risk_levels``);
* the premium / luxury segment raises by ``segment_raise`` steps (never above ``segment_cap``);
* a reservation value above ``high_value`` (per currency, else ``high_value_default``) raises one
  step, capped at ``value_cap``;
* check-in within ``checkin_hours`` hours raises one step, capped at ``checkin_cap``;
* rising frustration raises one step, capped at ``frustration_cap``.

Priority follows severity (``priority_for``) and moves up one step for a rising frustration trend
or an out-of-scope message that needs a human to look at it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources

LEVELS = ["S4", "S3", "S2", "S1"]  # low → critical
PRIORITIES = ["P4", "P3", "P2", "P1"]


class MatrixError(ValueError):
    pass


@dataclass(frozen=True)
class Context:
    """What triage knows about the case beyond the text."""

    segment: str = "standard"
    reservation_value: Decimal | float | str | None = None
    currency: str | None = None
    hours_to_checkin: float | None = None
    frustration_direction: str | None = None


@dataclass
class SeverityDecision:
    severity: str
    priority: str
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"severity": self.severity, "priority": self.priority, "reasons": self.reasons}


def _raise(level: str, steps: int, cap: str) -> str:
    target = min(LEVELS.index(level) + steps, LEVELS.index(cap))
    return LEVELS[max(target, LEVELS.index(level))]


class SeverityMatrix:
    def __init__(self, document: dict):
        self.document = document
        try:
            self.version = str(document.get("version", "unversioned"))
            self.default = document["default"]
            self.type_defaults: dict[str, str] = dict(document.get("type_defaults", {}))
            self.risk_levels: dict[str, str] = dict(document.get("risk_levels", {}))
            self.segment_raise: dict[str, int] = dict(document.get("segment_raise", {}))
            self.segment_cap = document.get("segment_cap", "S2")
            self.high_value: dict[str, float] = dict(document.get("high_value", {}))
            self.high_value_default = float(document.get("high_value_default", 2000))
            self.value_cap = document.get("value_cap", "S2")
            self.checkin_hours = float(document.get("checkin_hours", 24))
            self.checkin_cap = document.get("checkin_cap", "S2")
            self.frustration_cap = document.get("frustration_cap", "S2")
            self.priority_for: dict[str, str] = dict(document.get("priority_for", {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise MatrixError(f"severity matrix is incomplete or malformed: {exc}") from exc
        for where, value in [("default", self.default), *self.type_defaults.items(), *self.risk_levels.items(),
                             ("segment_cap", self.segment_cap), ("value_cap", self.value_cap),
                             ("checkin_cap", self.checkin_cap), ("frustration_cap", self.frustration_cap)]:
            if value not in LEVELS:
                raise MatrixError(f"severity matrix: {where} has level {value!r}, expected one of S1–S4")
        for level in LEVELS:
            if self.priority_for.get(level) not in PRIORITIES:
                raise MatrixError(f"severity matrix: priority_for[{level}] must be one of P1–P4")

    @classmethod
    def default_document(cls) -> dict:
        path = resources.files("casework.triage.engine").joinpath("data/severity_matrix.json")
        return json.loads(path.read_text("utf-8"))

    @classmethod
    def default(cls) -> SeverityMatrix:
        return cls(cls.default_document())

    def type_default(self, case_type: str | None) -> str:
        while case_type:
            if case_type in self.type_defaults:
                return self.type_defaults[case_type]
            case_type = case_type.rpartition(".")[0]
        return self.default

    def decide(self, *, case_type: str | None, risks: list[str], context: Context | None = None,
               needs_human: bool = False, review_risks: list[str] | None = None) -> SeverityDecision:
        """``review_risks``: risks only the learned model raised, and unsurely; they raise the case
        to ``review_level`` (S2 by default) at most, never to the risk's own level: an extra review,
        not a 15-minute clock for what is most often a routine request."""
        ctx = context or Context()
        level = self.type_default(case_type)
        reasons = [f"type default {level} ({case_type or 'no type'})"]
        for risk in risks:
            target = self.risk_levels.get(risk)
            if target and LEVELS.index(target) > LEVELS.index(level):
                level = target
                reasons.append(f"risk {risk} → {target}")
        review_level = self.document.get("review_level", "S2")
        for risk in review_risks or []:
            target = min(self.risk_levels.get(risk, review_level), review_level, key=LEVELS.index)
            if LEVELS.index(target) > LEVELS.index(level):
                level = target
                reasons.append(f"possible {risk} (learned model, unsure) → {target} for review")
        steps = int(self.segment_raise.get(ctx.segment or "standard", 0))
        if steps:
            new = _raise(level, steps, self.segment_cap)
            if new != level:
                level = new
                reasons.append(f"segment {ctx.segment} → {new}")
        if self._high_value(ctx):
            new = _raise(level, 1, self.value_cap)
            if new != level:
                level = new
                reasons.append(f"reservation value {ctx.reservation_value} {ctx.currency or ''}".rstrip() + f" → {new}")
        if ctx.hours_to_checkin is not None and -24 <= ctx.hours_to_checkin <= self.checkin_hours:
            new = _raise(level, 1, self.checkin_cap)
            if new != level:
                level = new
                reasons.append(f"check-in within {self.checkin_hours:g} h → {new}")
        if ctx.frustration_direction == "rising":
            new = _raise(level, 1, self.frustration_cap)
            if new != level:
                level = new
                reasons.append(f"rising frustration → {new}")
        priority = self.priority_for[level]
        if needs_human or ctx.frustration_direction == "rising":
            bumped = PRIORITIES[min(PRIORITIES.index(priority) + 1, len(PRIORITIES) - 1)]
            if bumped != priority:
                reasons.append(f"priority {priority} → {bumped} ({'needs human triage' if needs_human else 'rising frustration'})")
                priority = bumped
        return SeverityDecision(level, priority, reasons)

    def _high_value(self, ctx: Context) -> bool:
        if ctx.reservation_value in (None, ""):
            return False
        try:
            value = Decimal(str(ctx.reservation_value))
        except (InvalidOperation, ValueError):
            return False
        limit = self.high_value.get((ctx.currency or "").upper(), self.high_value_default)
        return value > Decimal(str(limit))
