from django.contrib import admin

from casework.triage.models import CaseTriage, MessageTriage, RiskRuleSet, TriageLabel, TriageModel


@admin.register(TriageModel)
class TriageModelAdmin(admin.ModelAdmin):
    list_display = ("name", "version", "status", "training_rows", "created_at", "activated_at")
    list_filter = ("status", "name")
    readonly_fields = ("sha256", "training_data_sha256", "file_path", "metrics", "params", "labels")


@admin.register(RiskRuleSet)
class RiskRuleSetAdmin(admin.ModelAdmin):
    """Admins edit rules here: a new version starts as a draft; it is validated on save."""

    list_display = ("version", "status", "created_at")
    list_filter = ("status",)

    def save_model(self, request, obj, form, change):
        from casework.triage.engine import RiskRules

        RiskRules.from_dict(obj.document)  # raises RuleSetError with the rule id on a bad pattern
        super().save_model(request, obj, form, change)


@admin.register(MessageTriage)
class MessageTriageAdmin(admin.ModelAdmin):
    list_display = ("message", "role", "status", "model_version", "case_type", "severity", "created_at")
    list_filter = ("status", "role")


@admin.register(CaseTriage)
class CaseTriageAdmin(admin.ModelAdmin):
    list_display = ("case", "model_version", "case_type", "severity", "created_at")


@admin.register(TriageLabel)
class TriageLabelAdmin(admin.ModelAdmin):
    list_display = ("case", "field", "value", "previous", "source", "actor", "created_at")
    list_filter = ("field", "source")
