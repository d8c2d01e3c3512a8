"""Recent activity of agreements and letters on the partnership's overview (registered in
AgreementsConfig.ready): versions proposed, signatures, amendments proposed and approved, and,
for the offices, letters registered."""

from django.urls import reverse
from django.utils.translation import gettext as _

from pobratym.partnerships.activity import Event
from pobratym.translation.selectors import shown, with_translations

from .models import Agreement, Amendment, Approval, Letter, Signature, Version
from .selectors.agreements import heading_of, in_reader_language


def agreement_activity(viewer, partnership, limit: int) -> list[Event]:
    """Each kind of step, its `limit` newest, with the agreements named once (in all, six
    queries)."""
    if not viewer.has_perm("agreements.view_agreement", partnership):
        return []
    scope = {"agreement__partnership": partnership}
    versions = list(
        Version.objects.filter(**scope, proposed_at__isnull=False).order_by("-proposed_at")[:limit]
    )
    signatures = list(
        Signature.objects.filter(**scope)
        .select_related("side__city")
        .order_by("-created_at")[:limit]
    )
    amendments = list(Amendment.objects.filter(**scope).order_by("-created_at")[:limit])
    approvals = list(
        Approval.objects.filter(amendment__agreement__partnership=partnership)
        .select_related("amendment", "side__city")
        .order_by("-created_at")[:limit]
    )
    ids = {record.agreement_id for record in [*versions, *signatures, *amendments]}
    ids |= {approval.amendment.agreement_id for approval in approvals}
    agreements = in_reader_language(Agreement.objects.filter(pk__in=ids)).in_bulk()

    def agreement_url(agreement_id):
        return reverse("agreements:detail", args=[partnership.slug, agreement_id])

    def amendment_event(when, what, amendment):
        agreement = agreements[amendment.agreement_id]
        url = reverse(
            "agreements:amendment", args=[partnership.slug, agreement.pk, amendment.number]
        )
        return Event(when, what, f"{amendment} – {heading_of(agreement)}", url)

    events = [
        Event(
            version.proposed_at,
            _("Proposed for signature"),
            heading_of(agreements[version.agreement_id]),
            agreement_url(version.agreement_id),
        )
        for version in versions
    ]
    events += [
        Event(
            signature.created_at,
            _("Signed for %(city)s") % {"city": signature.side.city},
            heading_of(agreements[signature.agreement_id]),
            agreement_url(signature.agreement_id),
        )
        for signature in signatures
    ]
    events += [
        amendment_event(amendment.created_at, _("Amendment proposed"), amendment)
        for amendment in amendments
    ]
    events += [
        amendment_event(
            approval.created_at,
            _("Approved for %(city)s") % {"city": approval.side.city},
            approval.amendment,
        )
        for approval in approvals
    ]
    return events


def letter_activity(viewer, partnership, limit: int) -> list[Event]:
    """Letters registered, for those who may read the register (two queries)."""
    if not viewer.has_perm("agreements.view_letter", partnership):
        return []
    letters = with_translations(Letter.objects.filter(partnership=partnership)).order_by(
        "-registered_at"
    )[:limit]
    return [
        Event(
            letter.registered_at,
            _("Letter registered"),
            f"{letter.registration_number} – {shown(letter, 'subject').text}",
            reverse("agreements:letter_detail", args=[partnership.slug, letter.pk]),
        )
        for letter in letters
    ]
