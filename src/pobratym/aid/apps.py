from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidConfig(AppConfig):
    name = "pobratym.aid"
    verbose_name = _("Humanitarian aid")

    def ready(self):
        from pobratym.partnerships.panels import register_tab

        register_tab("aid", _("Humanitarian aid"), "aid:need_list", position=30)
