"""My work of signatories: agreements awaiting their side's signature and amendments awaiting
their side's approval (registered in AgreementsConfig.ready)."""

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from pobratym.partnerships.models import Role
from pobratym.partnerships.work import WorkItem, with_role

from .models import Agreement, Amendment, AmendmentStatus, Approval, Signature, Version
from .selectors.agreements import heading_of, in_reader_language


def signature_work(user, memberships) -> list[WorkItem]:
    """Proposed agreements (no newer draft), not ended, that the signatory's side has not
    signed: the states in which `agreement_sign` accepts their signature."""
    signatories = with_role(memberships, Role.SIGNATORY)
    if not signatories:
        return []
    sides = [membership.side_id for membership in signatories]
    versions = Version.objects.filter(agreement=OuterRef("pk"))
    agreements = in_reader_language(
        Agreement.objects.filter(
            partnership_id__in=[membership.partnership_id for membership in signatories],
            in_force_from__isnull=True,
            ends_on__isnull=True,
        )
        .filter(Exists(versions.filter(proposed_at__isnull=False)))
        .exclude(Exists(versions.filter(proposed_at__isnull=True)))
        .exclude(Exists(Signature.objects.filter(agreement=OuterRef("pk"), side_id__in=sides)))
    )
    partnerships = {membership.partnership_id: membership.partnership for membership in memberships}
    return [
        WorkItem(
            kind=_("Sign the agreement"),
            title=heading_of(agreement),
            url=reverse(
                "agreements:sign", args=[partnerships[agreement.partnership_id].slug, agreement.pk]
            ),
            partnership=partnerships[agreement.partnership_id],
            due=agreement.due_on,
        )
        for agreement in agreements
    ]


def approval_work(user, memberships) -> list[WorkItem]:
    """Proposed amendments of agreements not ended that the signatory's side has not
    approved yet."""
    signatories = with_role(memberships, Role.SIGNATORY)
    if not signatories:
        return []
    sides = [membership.side_id for membership in signatories]
    amendments = (
        Amendment.objects.filter(
            agreement__partnership_id__in=[m.partnership_id for m in signatories],
            agreement__ends_on__isnull=True,
            status=AmendmentStatus.PROPOSED,
        )
        .exclude(Exists(Approval.objects.filter(amendment=OuterRef("pk"), side_id__in=sides)))
        .prefetch_related(Prefetch("agreement", in_reader_language(Agreement.objects.all())))
        .order_by("created_at")
    )
    partnerships = {membership.partnership_id: membership.partnership for membership in memberships}
    items = []
    for amendment in amendments:
        agreement = amendment.agreement
        partnership = partnerships[agreement.partnership_id]
        items.append(
            WorkItem(
                kind=_("Approve the amendment"),
                title=f"{amendment} – {heading_of(agreement)}",
                url=reverse(
                    "agreements:amendment", args=[partnership.slug, agreement.pk, amendment.number]
                ),
                partnership=partnership,
            )
        )
    return items
