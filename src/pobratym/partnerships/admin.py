"""The operator's admin: cities and partnerships, with their change history."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import City, FocusArea, Invitation, Membership, Partnership, Side


class SideInline(admin.TabularInline):
    model = Side
    extra = 0
    max_num = 2


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0


@admin.register(City)
class CityAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "country", "region"]
    search_fields = ["name"]


@admin.register(Partnership)
class PartnershipAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["slug", "kind", "status", "started_on"]
    list_filter = ["kind", "status"]
    inlines = [SideInline, FocusAreaInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "partnership", "side", "role"]
    list_filter = ["role", "partnership"]
    autocomplete_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "partnership", "side", "role", "expires_at", "accepted_at"]
    readonly_fields = ["token"]
