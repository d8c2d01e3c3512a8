"""The operator's admin for agreements and letters: for reading and, rarely, correcting a
record entered by mistake; every correction is kept in the history. What the rules bind
(frozen versions, fingerprints, states, sides) and scans (cleaned by the services on upload)
cannot be changed here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from pobratym.core.admin import MadeByServices as BaseMadeByServices

from .models import Agreement, Amendment, Approval, Letter, Notice, Signature, Version


class ReadOnlyFingerprint(SimpleHistoryAdmin):
    readonly_fields = ["fingerprint"]


class MadeByServices(BaseMadeByServices):
    """Records a side makes through a workflow with its checks; the admin only corrects them."""

    deletable = True


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "kind", "in_force_from", "ends_on"]
    list_filter = ["kind", "partnership"]
    readonly_fields = ["in_force_from", "ends_on", "end_reason"]


@admin.register(Version)
class VersionAdmin(ReadOnlyFingerprint):
    list_display = ["agreement", "number", "proposed_at"]

    def get_readonly_fields(self, request, obj=None):
        """Nothing changes a frozen version: signatures are bound to its fingerprint."""
        if obj is not None and obj.is_frozen:
            return [field.name for field in obj._meta.fields]
        return super().get_readonly_fields(request, obj)


@admin.register(Signature)
class SignatureAdmin(MadeByServices):
    readonly_fields = ["agreement", "version", "side", "fingerprint", "scan"]
    list_display = ["agreement", "side", "signed_on", "signer_name"]


@admin.register(Amendment)
class AmendmentAdmin(MadeByServices):
    readonly_fields = ["agreement", "proposed_by_side", "fingerprint", "status", "in_force_from"]
    list_display = ["agreement", "number", "status", "in_force_from"]
    list_filter = ["status"]


@admin.register(Approval)
class ApprovalAdmin(MadeByServices):
    readonly_fields = ["amendment", "side", "fingerprint", "scan"]
    list_display = ["amendment", "side", "method", "approved_on"]


@admin.register(Notice)
class NoticeAdmin(MadeByServices):
    readonly_fields = ["agreement", "side", "scan"]
    list_display = ["agreement", "side", "letter_date", "effective_on"]


@admin.register(Letter)
class LetterAdmin(SimpleHistoryAdmin):
    list_display = ["registration_number", "registered_at", "direction", "side", "subject"]
    list_filter = ["direction", "partnership"]
    search_fields = ["registration_number", "subject", "sender", "addressee"]
