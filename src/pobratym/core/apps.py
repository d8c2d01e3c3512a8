from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "pobratym.core"
    label = "core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .changes import watch
        from .inputs import IdConverter

        connection_created.connect(
            lambda sender, connection, **kwargs: watch(connection), weak=False
        )

        # Before any urls.py is read: every page address writes its ids as `<id:…>`.
        register_converter(IdConverter, "id")
