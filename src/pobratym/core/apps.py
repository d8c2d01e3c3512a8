from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "pobratym.core"
    label = "core"

    def ready(self) -> None:
        from .inputs import IdConverter

        # Before any urls.py is read: every page address writes its ids as `<id:…>`.
        register_converter(IdConverter, "id")
