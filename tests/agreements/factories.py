"""Agreements made through the services, as users make them."""

from django.utils import timezone

from pobratym.agreements.models import Agreement, ApprovalMethod
from pobratym.agreements.services import agreements as services
from pobratym.agreements.services import amendments
from tests.factories import member_create

TEXTS = {
    "de": ("Solidaritätspartnerschaft", "Die Städte vereinbaren eine Partnerschaft."),
    "uk": ("Партнерство солідарності", "Міста домовляються про партнерство."),
}


def people(partnership) -> dict:
    """A coordinator and a signatory on each side: keys coordinator1, signatory2, …"""
    return {
        f"{role}{position}": member_create(partnership, role, position=position).user
        for role in ("coordinator", "signatory")
        for position in (1, 2)
    }


def agreement_draft(partnership, by, **terms) -> Agreement:
    terms.setdefault("kind", Agreement.Kind.SOLIDARITY)
    terms.setdefault("title", "Solidarity partnership")
    return services.agreement_create(
        partnership=partnership, by=by, texts=terms.pop("texts", TEXTS), **terms
    )


def agreement_in_force(partnership, team, **terms) -> Agreement:
    """Drafted, proposed and signed by both sides today."""
    agreement = agreement_draft(partnership, team["coordinator1"], **terms)
    version = services.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    for position in (1, 2):
        sign(agreement, team[f"signatory{position}"], version.fingerprint)
    agreement.refresh_from_db()
    return agreement


def sign(agreement, signatory, fingerprint, **fields):
    fields.setdefault("signed_on", timezone.localdate())
    return services.agreement_sign(
        agreement=agreement,
        by=signatory,
        fingerprint=fingerprint,
        place=fields.pop("place", "Dortmund"),
        signer_name=fields.pop("signer_name", signatory.name),
        signer_title=fields.pop("signer_title", "Lord Mayor"),
        **fields,
    )


def approve_here(amendment, signatory, fingerprint=None):
    return amendments.amendment_approve(
        amendment=amendment,
        by=signatory,
        fingerprint=fingerprint or amendment.fingerprint,
        method=ApprovalMethod.PLATFORM,
    )
