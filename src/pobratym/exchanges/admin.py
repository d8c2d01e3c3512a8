"""The operator's admin for events: for reading and, rarely, correcting a record entered by
mistake; every correction is kept in the history. Events, their agenda, tasks and photos are
made through the services (with their checks), so nothing is added or deleted here."""

from django.contrib import admin

from pobratym.core.admin import MadeByServices

from .models import AgendaItem, Event, EventPhoto, FollowUp


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "starts_at", "title"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(MadeByServices):
    bound = ("partnership", "created_by", "language")
    list_display = ["title", "partnership", "kind", "starts_at", "public"]
    list_filter = ["kind", "public", "partnership"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    exclude = ["idempotency_key", "idempotency_digest", "revision"]
    inlines = [AgendaItemInline]


@admin.register(FollowUp)
class FollowUpAdmin(MadeByServices):
    bound = ("event", "owner")
    list_display = ["title", "event", "owner", "due_on", "done_at"]
    list_filter = ["event__partnership"]
    search_fields = ["title"]


@admin.register(EventPhoto)
class EventPhotoAdmin(MadeByServices):
    bound = ("event", "uploaded_by", "image")
    list_display = ["__str__", "event", "shows_minors"]
    list_filter = ["shows_minors", "event__partnership"]
