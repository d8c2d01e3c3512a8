"""My work of signatories: agreements awaiting their side's signature and amendments awaiting
their side's approval (registered in AgreementsConfig.ready)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from pobratym.partnerships.models import Role
from pobratym.partnerships.work import WorkItem, with_role
from pobratym.translation.selectors import reader_translations

from .models import Agreement, Amendment, AmendmentStatus, Approval, Signature, Version
from .selectors.agreements import heading_of, text_title


def _signatories(memberships):
    """The signatories' partnerships and sides, or None where the person signs for none."""
    signatories = with_role(memberships, Role.SIGNATORY)
    if not signatories:
        return None
    return (
        [membership.partnership_id for membership in signatories],
        [membership.side_id for membership in signatories],
    )


def _partnerships(memberships) -> dict:
    return {membership.partnership_id: membership.partnership for membership in memberships}


def signatures_pending(user, memberships):
    """Proposed agreements (no newer draft), not ended, that the signatory's side has not
    signed: the states in which `agreement_sign` accepts their signature."""
    if (scope := _signatories(memberships)) is None:
        return None
    partnerships, sides = scope
    versions = Version.objects.filter(agreement=OuterRef("pk"))
    return (
        Agreement.objects.filter(
            partnership_id__in=partnerships, in_force_from__isnull=True, ends_on__isnull=True
        )
        .filter(Exists(versions.filter(proposed_at__isnull=False)))
        .exclude(Exists(versions.filter(proposed_at__isnull=True)))
        .exclude(Exists(Signature.objects.filter(agreement=OuterRef("pk"), side_id__in=sides)))
        .annotate(text_title=text_title())
    )


def signature_items(agreements, memberships) -> list[WorkItem]:
    partnerships = _partnerships(memberships)
    return [
        WorkItem(
            _("Sign the agreement"),
            reverse(
                "agreements:sign", args=[partnerships[agreement.partnership_id].slug, agreement.pk]
            ),
            partnerships[agreement.partnership_id],
            due=agreement.due_on,
            record=agreement,
            describe=heading_of,
            load=(reader_translations(),),  # the title `heading_of` falls back to
        )
        for agreement in agreements
    ]


def approvals_pending(user, memberships):
    """Proposed amendments of agreements not ended that the signatory's side has not
    approved yet."""
    if (scope := _signatories(memberships)) is None:
        return None
    partnerships, sides = scope
    return (
        Amendment.objects.filter(
            agreement__partnership_id__in=partnerships,
            agreement__ends_on__isnull=True,
            status=AmendmentStatus.PROPOSED,
        )
        .exclude(Exists(Approval.objects.filter(amendment=OuterRef("pk"), side_id__in=sides)))
        .select_related("agreement")
        .annotate(agreement_text_title=text_title("agreement_id"))
    )


def _amendment_title(amendment) -> str:
    return f"{amendment} – {heading_of(amendment.agreement)}"


def approval_items(amendments, memberships) -> list[WorkItem]:
    partnerships = _partnerships(memberships)
    items = []
    for amendment in amendments:
        agreement = amendment.agreement
        agreement.text_title = amendment.agreement_text_title
        partnership = partnerships[agreement.partnership_id]
        items.append(
            WorkItem(
                _("Approve the amendment"),
                reverse(
                    "agreements:amendment", args=[partnership.slug, agreement.pk, amendment.number]
                ),
                partnership,
                record=amendment,
                describe=_amendment_title,
                load=(reader_translations("agreement"),),
            )
        )
    return items
