from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    name = "pobratym.translation"
    verbose_name = _("Machine translation")
