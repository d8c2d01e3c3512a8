"""What the agreement pages show: the list, one agreement with all its records, its timeline,
the consolidated text, and the milestones the dashboard reminds of.

Agreements come with their translations into the reader's language and `text_title`, the
title of the text in that language of the version the agreement page shows (the latest
proposed, else the draft): headings prefer it (`agreement|heading`)."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pobratym.partnerships.models import Partnership
from pobratym.translation.selectors import shown, with_translations

from ..models import (
    Agreement,
    Amendment,
    AmendmentStatus,
    Approval,
    Letter,
    Signature,
    Version,
    VersionText,
)


def _annotated(queryset: QuerySet) -> QuerySet:
    return in_reader_language(queryset).annotate(
        signature_count=Count("signatures", distinct=True),
        proposed_count=Count(
            "versions", filter=Q(versions__proposed_at__isnull=False), distinct=True
        ),
    )


def in_reader_language(agreements: QuerySet) -> QuerySet:
    """`agreements` with their translations into the reader's language (one query for all)
    and `text_title`, the title of the shown version's text in that language, if it has one."""
    return with_translations(agreements).annotate(text_title=text_title())


def text_title(agreement: str = "pk") -> Subquery:
    """The title in the reader's language of the shown version's text of the agreement that
    the outer query's field `agreement` names."""
    titles = VersionText.objects.filter(
        version__agreement=OuterRef(agreement), language=(get_language() or "en")[:2]
    ).order_by(F("version__proposed_at").desc(nulls_last=True), "-version__number")
    return Subquery(titles.values("title")[:1])


def heading_of(agreement: Agreement) -> str:
    """The agreement's name in the reader's language: its shown version's title in that
    language (`text_title`) where there is one, else its title, translated where it is."""
    return getattr(agreement, "text_title", None) or shown(agreement, "title").text


def agreement_list(*, viewer, partnership: Partnership) -> list[Agreement]:
    """The partnership's agreements, each with what `Agreement.state()` needs, in the reader's
    language."""
    return list(_annotated(partnership.agreements.all()).order_by("created_at"))


def agreement_get(*, viewer, partnership: Partnership, agreement_id: int) -> Agreement:
    """An agreement of this partnership, or 404 (also for another partnership's agreement)."""
    agreement = (
        _annotated(Agreement.objects.filter(partnership=partnership, pk=agreement_id))
        .select_related("partnership")
        .prefetch_related(Prefetch("predecessor", in_reader_language(Agreement.objects.all())))
        .first()
    )
    if agreement is None:
        raise Http404
    return agreement


def version_get(*, agreement: Agreement, number: int) -> Version:
    version = (
        with_translations(
            agreement.versions.prefetch_related("texts").select_related("proposed_by_side__city")
        )
        .filter(number=number)
        .first()
    )
    if version is None:
        raise Http404
    version.agreement = agreement
    return version


def amendment_get(*, agreement: Agreement, number: int) -> Amendment:
    amendment = (
        with_translations(
            agreement.amendments.select_related("proposed_by_side__city", "proposed_by")
        )
        .prefetch_related("texts", _approvals())
        .filter(number=number)
        .first()
    )
    if amendment is None:
        raise Http404
    amendment.agreement = agreement
    return amendment


def _approvals() -> Prefetch:
    return Prefetch("approvals", Approval.objects.select_related("side__city", "recorded_by"))


@dataclass
class Event:
    """One step in an agreement's life, for the timeline."""

    on: date
    what: str
    side: str = ""
    detail: str = ""


@dataclass
class AgreementDetail:
    agreement: Agreement
    state: str
    versions: list[Version]
    current: Version | None
    draft: Version | None
    signatures: list[Signature]
    amendments: list[Amendment]
    notice: object | None
    successors: list[Agreement]
    letters: list[Letter]
    timeline: list[Event] = field(default_factory=list)

    @property
    def signed_sides(self) -> set[int]:
        return {signature.side_id for signature in self.signatures}


def _day(moment: datetime | date) -> date:
    return timezone.localdate(moment) if isinstance(moment, datetime) else moment


def agreement_detail(*, viewer, agreement: Agreement) -> AgreementDetail:
    """Everything the agreement page shows, in a fixed number of queries."""
    versions = list(
        with_translations(
            agreement.versions.select_related("proposed_by_side__city")
        ).prefetch_related("texts")
    )
    signatures = list(
        with_translations(agreement.signatures.select_related("side__city", "version"))
    )
    amendments = list(
        agreement.amendments.select_related("proposed_by_side__city").prefetch_related(
            "texts", _approvals()
        )
    )
    notice = getattr(agreement, "notice", None)
    if notice is not None:
        notice = with_translations(type(notice).objects.select_related("side__city")).get(
            pk=notice.pk
        )
    successors = list(_annotated(agreement.successors.all()))
    # The letters register is the offices' own: others see no trace of it here either.
    letters = (
        list(
            with_translations(agreement.letters.select_related("side__city")).order_by(
                "registered_at"
            )
        )
        if viewer.has_perm("agreements.view_letter", agreement)
        else []
    )
    proposed = [version for version in versions if version.is_frozen]
    detail = AgreementDetail(
        agreement=agreement,
        state=agreement.state(),
        versions=versions,
        current=proposed[-1] if proposed else None,
        draft=next((version for version in versions if not version.is_frozen), None),
        signatures=signatures,
        amendments=amendments,
        notice=notice,
        successors=successors,
        letters=letters,
    )
    detail.timeline = _timeline(detail)
    return detail


def _timeline(detail: AgreementDetail) -> list[Event]:
    agreement = detail.agreement
    events = [Event(_day(agreement.created_at), _("Agreement drafted"))]
    for version in detail.versions:
        if version.is_frozen:
            events.append(
                Event(
                    _day(version.proposed_at),
                    _("Version %(number)s proposed") % {"number": version.number},
                    str(version.proposed_by_side.city) if version.proposed_by_side else "",
                    version.fingerprint,
                )
            )
    for signature in detail.signatures:
        events.append(
            Event(
                signature.signed_on,
                _("Signed"),
                str(signature.side.city),
                f"{signature.signer_name}, {shown(signature, 'signer_title').text}, "
                f"{shown(signature, 'place').text}",
            )
        )
    if agreement.in_force_from:
        events.append(Event(agreement.in_force_from, _("In force")))
    for amendment in detail.amendments:
        events.extend(_amendment_events(amendment))
    if detail.notice is not None:
        notice = detail.notice
        events.append(
            Event(notice.letter_date, _("Written notice of termination"), str(notice.side.city))
        )
    if agreement.ends_on:
        events.append(
            Event(
                agreement.ends_on,
                _("Ends: %(reason)s") % {"reason": agreement.get_end_reason_display()},
            )
        )
    return sorted(events, key=lambda event: event.on)


def _amendment_events(amendment: Amendment) -> list[Event]:
    label = str(amendment)
    events = [
        Event(
            _day(amendment.created_at),
            _("%(amendment)s proposed") % {"amendment": label},
            str(amendment.proposed_by_side.city),
        )
    ]
    for approval in amendment.approvals.all():
        events.append(
            Event(
                approval.approved_on,
                _("%(amendment)s approved") % {"amendment": label},
                str(approval.side.city),
                approval.get_method_display(),
            )
        )
    if amendment.status == AmendmentStatus.IN_FORCE:
        events.append(
            Event(amendment.in_force_from, _("%(amendment)s in force") % {"amendment": label})
        )
    elif amendment.decided_at and amendment.status != AmendmentStatus.PROPOSED:
        events.append(
            Event(
                _day(amendment.decided_at),
                f"{label}: {amendment.get_status_display()}",
                detail=amendment.reason,
            )
        )
    return events


@dataclass
class Consolidated:
    """The signed text and the amendments in force, in one language."""

    language: str
    base: object | None
    amendments: list[tuple[Amendment, object | None]]


def consolidated_text(*, detail: AgreementDetail, language: str) -> Consolidated | None:
    """None until both sides have signed."""
    if detail.agreement.in_force_from is None or not detail.signatures:
        return None
    signed = detail.signatures[0].version
    signed_texts = {text.language: text for text in _version(detail, signed.pk).texts.all()}
    in_force = [a for a in detail.amendments if a.status == AmendmentStatus.IN_FORCE]
    return Consolidated(
        language=language,
        base=signed_texts.get(language),
        amendments=[
            (amendment, {t.language: t for t in amendment.texts.all()}.get(language))
            for amendment in in_force
        ],
    )


def _version(detail: AgreementDetail, version_id: int) -> Version:
    return next(version for version in detail.versions if version.pk == version_id)


def milestone_list(*, viewer, partnership: Partnership) -> list[Agreement]:
    """Agreements due by a date and not yet in force, e.g. the conversion into a twinning."""
    return list(
        in_reader_language(
            partnership.agreements.filter(due_on__isnull=False, in_force_from__isnull=True)
        ).order_by("due_on")
    )


def overview_panel(viewer, partnership: Partnership) -> dict | None:
    """The partnership's overview: the agreement in force (or the latest) and the milestones;
    nothing for someone who may not see agreements."""
    if not viewer.has_perm("agreements.view_agreement", partnership):
        return None
    agreements = agreement_list(viewer=viewer, partnership=partnership)
    in_force = [a for a in agreements if a.state() in (a.State.IN_FORCE, a.State.NOTICE_GIVEN)]
    return {
        "agreement": (in_force or agreements or [None])[-1],
        "milestones": milestone_list(viewer=viewer, partnership=partnership),
        "today": timezone.localdate(),
    }


@dataclass(frozen=True)
class PublicStep:
    """A dated step of an agreement that anybody may know: it came into force, an amendment
    took effect, it ended."""

    day: date
    what: str
    heading: str


def public_agreements(*, partnership: Partnership) -> QuerySet:
    """What anybody may know of a partnership's agreements: those both sides signed, each with
    its `amendments_in_force`, in the reader's language, the oldest first; never a draft, a
    proposal, a text, a signer or a note. The portal's story and the API's answer to visitors
    read this. Three queries."""
    return (
        in_reader_language(
            Agreement.objects.filter(partnership=partnership, in_force_from__isnull=False)
        )
        .prefetch_related(
            Prefetch(
                "amendments",
                queryset=Amendment.objects.filter(
                    status=AmendmentStatus.IN_FORCE, in_force_from__isnull=False
                ).order_by("in_force_from", "number"),
                to_attr="amendments_in_force",
            )
        )
        .order_by("in_force_from", "pk")
    )


def public_timeline(*, partnership: Partnership, today: date | None = None) -> list[PublicStep]:
    """The public portal's story of the agreements: only those both sides signed, with their
    state today and their amendments in force, oldest first; drafts, proposals, texts,
    signers and notes stay with the members. Three queries."""
    today = today or timezone.localdate()
    steps = []
    for agreement in public_agreements(partnership=partnership):
        heading = heading_of(agreement)
        steps.append(PublicStep(agreement.in_force_from, _("In force"), heading))
        for amendment in agreement.amendments_in_force:
            label = _("Amendment %(number)s in force") % {"number": amendment.number}
            steps.append(PublicStep(amendment.in_force_from, label, heading))
        if agreement.ends_on is not None and agreement.ends_on <= today:
            steps.append(PublicStep(agreement.ends_on, str(agreement.state(today).label), heading))
        elif agreement.ends_on is not None:
            steps.append(PublicStep(agreement.ends_on, _("Ends"), heading))
    return sorted(steps, key=lambda step: step.day)
