"""The operator's admin for agreements and letters: for reading and, rarely, correcting a
record entered by mistake; every correction is kept in the history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Agreement, Amendment, Approval, Letter, Notice, Signature, Version


class ReadOnlyFingerprint(SimpleHistoryAdmin):
    readonly_fields = ["fingerprint"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "kind", "in_force_from", "ends_on"]
    list_filter = ["kind", "partnership"]
    readonly_fields = ["in_force_from", "ends_on", "end_reason"]


@admin.register(Version)
class VersionAdmin(ReadOnlyFingerprint):
    list_display = ["agreement", "number", "proposed_at"]


@admin.register(Signature)
class SignatureAdmin(ReadOnlyFingerprint):
    list_display = ["agreement", "side", "signed_on", "signer_name"]


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyFingerprint):
    list_display = ["agreement", "number", "status", "in_force_from"]
    list_filter = ["status"]


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyFingerprint):
    list_display = ["amendment", "side", "method", "approved_on"]


@admin.register(Notice)
class NoticeAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "side", "letter_date", "effective_on"]


@admin.register(Letter)
class LetterAdmin(SimpleHistoryAdmin):
    list_display = ["registration_number", "registered_at", "direction", "side", "subject"]
    list_filter = ["direction", "partnership"]
    search_fields = ["registration_number", "subject", "sender", "addressee"]
