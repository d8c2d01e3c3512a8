"""The agreements part of the API: what a member may read of the partnership's agreements."""

from datetime import date

from ninja import Field, Router, Schema

from pobratym.core.audiences import for_visitors, members_or_visitors
from pobratym.core.inputs import Id, Slug
from pobratym.partnerships.access import is_visitor, partnership_for

from .selectors import agreements as selectors

router = Router(tags=["agreements"])


class TextOut(Schema):
    language: str
    title: str
    body: str


class SignatureOut(Schema):
    side: int
    signed_on: date
    place: str
    signer_name: str
    signer_title: str
    fingerprint: str


class AmendmentOut(Schema):
    number: int
    status: str
    proposed_by_side: int
    fingerprint: str
    in_force_from: date | None
    approved_by_sides: list[int]
    texts: list[TextOut]


class AgreementOut(Schema):
    id: int
    kind: str
    title: str
    state: str
    legally_binding: bool
    in_force_from: date | None
    ends_on: date | None
    end_reason: str
    due_on: date | None
    predecessor_id: int | None


class AgreementDetailOut(AgreementOut):
    authoritative_language: str
    governing_law: str
    term_end: date | None
    notice_rules: str
    notice_period_days: int | None
    current_version: int | None
    current_fingerprint: str
    texts: list[TextOut]
    signatures: list[SignatureOut]
    amendments: list[AmendmentOut]


class PublicAmendmentOut(Schema):
    number: int
    in_force_from: date


class PublicAgreementOut(Schema):
    """An agreement as a visitor reads it, as the public portal tells its story: signed by
    both sides, when it came into force and ends, and its amendments in force."""

    id: int
    kind: str
    title: str = Field(description="In the reader's language where there is a translation.")
    state: str
    in_force_from: date
    ends_on: date | None
    amendments_in_force: list[PublicAmendmentOut]

    @staticmethod
    def resolve_title(agreement) -> str:
        return selectors.heading_of(agreement)

    @staticmethod
    def resolve_state(agreement) -> str:
        return agreement.state()


def _agreement(agreement) -> dict:
    fields = AgreementOut.model_fields.keys() - {"state"}
    return {**{name: getattr(agreement, name) for name in fields}, "state": agreement.state()}


def _texts(texts) -> list[dict]:
    return [{"language": t.language, "title": t.title, "body": t.body} for t in texts]


@router.get(
    "/{slug}/agreements", response=list[members_or_visitors(AgreementOut, PublicAgreementOut)]
)
def agreement_list(request, slug: Slug):
    """The partnership's agreements; a visitor reads those both sides signed, as the public
    portal shows them."""
    partnership = partnership_for(request, slug, "agreements.view_agreement", visitors=True)
    if is_visitor(request):
        return [for_visitors(a) for a in selectors.public_agreements(partnership=partnership)]
    return [
        _agreement(a)
        for a in selectors.agreement_list(viewer=request.user, partnership=partnership)
    ]


@router.get("/{slug}/agreements/{agreement_id}", response=AgreementDetailOut)
def agreement_detail(request, slug: Slug, agreement_id: Id):
    partnership = partnership_for(request, slug, "agreements.view_agreement")
    agreement = selectors.agreement_get(
        viewer=request.user, partnership=partnership, agreement_id=agreement_id
    )
    detail = selectors.agreement_detail(viewer=request.user, agreement=agreement)
    current = detail.current
    sides = {side.pk: side.position for side in partnership.sides.all()}
    return {
        **_agreement(agreement),
        "authoritative_language": agreement.authoritative_language,
        "governing_law": agreement.governing_law,
        "term_end": agreement.term_end,
        "notice_rules": agreement.notice_rules,
        "notice_period_days": agreement.notice_period_days,
        "current_version": current.number if current else None,
        "current_fingerprint": current.fingerprint if current else "",
        "texts": _texts(current.texts.all()) if current else [],
        "signatures": [
            {
                "side": sides[s.side_id],
                "signed_on": s.signed_on,
                "place": s.place,
                "signer_name": s.signer_name,
                "signer_title": s.signer_title,
                "fingerprint": s.fingerprint,
            }
            for s in detail.signatures
        ],
        "amendments": [
            {
                "number": a.number,
                "status": a.status,
                "proposed_by_side": sides[a.proposed_by_side_id],
                "fingerprint": a.fingerprint,
                "in_force_from": a.in_force_from,
                "approved_by_sides": sorted(sides[x.side_id] for x in a.approvals.all()),
                "texts": _texts(a.texts.all()),
            }
            for a in detail.amendments
        ],
    }
