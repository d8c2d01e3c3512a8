from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public portal: what a partnership shows to everyone (composed from the domains'
    public records), and its news, written by the coordinators."""

    name = "pobratym.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from pobratym.partnerships.panels import register_tab

        register_tab(
            "news",
            _("News"),
            "portal:news_list",
            position=75,
            permission="portal.view_newspost",
        )
