from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "pobratym.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from pobratym.accounts.two_factor import require_two_factor_when

        from .selectors import user_requires_two_factor

        require_two_factor_when(user_requires_two_factor)
