from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "pobratym.conversations"
    verbose_name = _("Conversations")

    def ready(self):
        from pobratym.partnerships.panels import register_tab

        register_tab("conversations", _("Conversations"), "conversations:thread_list", position=20)
