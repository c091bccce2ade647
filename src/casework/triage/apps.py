from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "casework.triage"
    label = "triage"
