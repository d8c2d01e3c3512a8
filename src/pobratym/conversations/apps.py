from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "pobratym.conversations"
    verbose_name = _("Conversations")

    def ready(self):
        from pobratym.partnerships.activity import register_activity
        from pobratym.partnerships.panels import register_tab
        from pobratym.partnerships.work import register_work

        from .selectors import message_activity, unread_items, unread_pending

        register_work(unread_pending, unread_items)
        register_activity(message_activity)
        register_tab("conversations", _("Conversations"), "conversations:thread_list", position=20)
