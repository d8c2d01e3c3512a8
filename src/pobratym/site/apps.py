from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """What composes the site from the domains: the demo (and, to come, My work and the
    portal). The only app besides config that may name several domains."""

    name = "pobratym.site"
    label = "pobratym_site"
    verbose_name = _("Site")
