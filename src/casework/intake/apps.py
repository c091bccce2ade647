from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "casework.intake"
    label = "intake"
