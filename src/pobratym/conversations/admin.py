"""The operator's admin for conversations: reading threads and messages, and rarely correcting
one; nothing is added here, and who wrote what, where, is never changed. Messages'
translations are in the translation app's admin."""

from django.contrib import admin

from pobratym.core.admin import MadeByServices

from .models import Message, Thread


@admin.register(Thread)
class ThreadAdmin(MadeByServices):
    bound = ("partnership", "created_by", "content_type", "object_id")
    list_display = ["subject", "partnership", "created_at"]
    list_filter = ["partnership"]
    search_fields = ["subject"]


@admin.register(Message)
class MessageAdmin(MadeByServices):
    bound = ("thread", "author", "language")
    list_display = ["thread", "author", "language", "created_at"]
    list_filter = ["language", "thread__partnership"]
    exclude = ["idempotency_key"]
