from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pobratym.core"
    label = "core"
