from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "casework.demo"
    label = "demo"
