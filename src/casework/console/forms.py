"""Console forms: they validate input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.cases.enums import CaseStatus, LinkKind, Priority, Severity


class ComposerForm(forms.Form):
    MODE_CHOICES = [("reply", _("Reply")), ("note", _("Internal note"))]
    mode = forms.ChoiceField(choices=MODE_CHOICES, initial="reply")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=100_000, strip=True,
                           error_messages={"required": _("Write something before sending.")})
    status_after = forms.ChoiceField(choices=[("", _("Keep status"))] + [
        (s.value, s.label) for s in (CaseStatus.PENDING_CUSTOMER, CaseStatus.OPEN, CaseStatus.PENDING_INTERNAL,
                                     CaseStatus.RESOLVED)], required=False, initial=CaseStatus.PENDING_CUSTOMER)


class AssignForm(forms.Form):
    assignee = forms.IntegerField(required=False)


class TransferForm(forms.Form):
    team = forms.IntegerField()
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000,
                           error_messages={"required": _("A hand-off note is required: say what was done and what is left.")})
    escalate = forms.BooleanField(required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=CaseStatus.choices)
    reason = forms.CharField(required=False, max_length=2000)


class ClassifyForm(forms.Form):
    case_type = forms.CharField(required=False)
    severity = forms.ChoiceField(choices=[("", "")] + Severity.choices, required=False)
    priority = forms.ChoiceField(choices=[("", "")] + Priority.choices, required=False)


class LinkForm(forms.Form):
    number = forms.CharField(max_length=20)
    kind = forms.ChoiceField(choices=LinkKind.choices)


class TriageCorrectionForm(forms.Form):
    """One triage correction: a field and its right value (see triage.services.correct_triage)."""

    field = forms.ChoiceField(choices=[("case_type", "case_type"), ("severity", "severity"), ("risk", "risk")])
    value = forms.CharField(max_length=64, error_messages={"required": _("Choose a value.")})
