from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "pobratym.core"
    label = "core"

    def ready(self) -> None:
        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created

        from .changes import stamp_due_changes, watch
        from .inputs import IdConverter

        connection_created.connect(
            lambda sender, connection, **kwargs: watch(connection), weak=False
        )
        request_finished.connect(stamp_due_changes, dispatch_uid="pobratym-stamp-due-changes")

        # Before any urls.py is read: every page address writes its ids as `<id:…>`.
        register_converter(IdConverter, "id")
