from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "casework.console"
    label = "console"
