from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "pobratym.directory"
    verbose_name = _("Directory")

    def ready(self):
        from pobratym.partnerships.activity import register_activity
        from pobratym.partnerships.panels import register_panel, register_tab
        from pobratym.partnerships.work import register_work

        from . import activity, work

        register_tab("directory", _("Directory"), "directory:organisation_list", position=40)
        register_panel(
            "directory/partials/overview_panel.html", activity.overview_panel, position=40
        )
        register_work(work.retention_pending, work.retention_items)
        register_activity(activity.organisation_activity)
