"""The operator reads translations and, rarely, corrects one's text (kept in the history);
which record, field and language it belongs to, and who made it, never change here."""

from django.contrib import admin

from pobratym.core.admin import MadeByServices

from .models import Translation


@admin.register(Translation)
class TranslationAdmin(MadeByServices):
    bound = (
        "content_type",
        "object_id",
        "field",
        "language",
        "kind",
        "translated_by",
        "provider",
        "revision",
    )
    list_display = ["content_type", "object_id", "field", "language", "kind", "updated_at"]
    list_filter = ["content_type", "language", "kind"]
    search_fields = ["text"]
    exclude = ["source_digest"]
