"""The agreement's life through its services: what each step does, and what it refuses."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from pobratym.agreements.models import Agreement, Amendment, ApprovalMethod, Signature
from pobratym.agreements.selectors.agreements import (
    agreement_detail,
    consolidated_text,
    milestone_list,
)
from pobratym.agreements.services import agreements as services
from pobratym.agreements.services import amendments
from pobratym.core.errors import DomainError
from tests.agreements.factories import (
    TEXTS,
    agreement_draft,
    agreement_in_force,
    approve_here,
    people,
    sign,
)

pytestmark = pytest.mark.django_db
today = timezone.localdate


@pytest.fixture
def team(partnership):
    return people(partnership)


def refused(code, action):
    with pytest.raises(DomainError) as caught:
        action()
    assert caught.value.code == code
    assert str(caught.value.message)


def test_a_proposed_version_is_frozen_with_a_fingerprint_of_its_texts(partnership, team):
    agreement = agreement_draft(partnership, team["coordinator1"])
    version = services.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    assert len(version.fingerprint) == 64
    refused(
        "version_frozen",
        lambda: services.version_update(
            version=version, by=team["coordinator1"], texts={"de": ("Neu", "Neuer Text")}
        ),
    )
    assert version.texts.get(language="de").body == TEXTS["de"][1]


def test_agreement_is_in_force_from_the_second_signature_and_not_before(partnership, team):
    agreement = agreement_draft(partnership, team["coordinator1"])
    version = services.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    sign(agreement, team["signatory1"], version.fingerprint, signed_on=today() - timedelta(3))
    agreement.refresh_from_db()
    assert agreement.in_force_from is None
    assert agreement.state() == Agreement.State.PARTLY_SIGNED
    sign(agreement, team["signatory2"], version.fingerprint, signed_on=today() - timedelta(1))
    agreement.refresh_from_db()
    assert agreement.in_force_from == today() - timedelta(1)
    assert agreement.state() == Agreement.State.IN_FORCE
    assert set(agreement.signatures.values_list("fingerprint", flat=True)) == {version.fingerprint}


def test_a_stated_later_date_puts_the_agreement_in_force_then(partnership, team):
    later = today() + timedelta(days=30)
    agreement = agreement_in_force(partnership, team, effective_from=later)
    assert agreement.in_force_from == later
    assert agreement.state() == Agreement.State.SIGNED


def test_signing_twice_is_refused_and_records_one_signature(partnership, team):
    agreement = agreement_draft(partnership, team["coordinator1"])
    version = services.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    sign(agreement, team["signatory1"], version.fingerprint)
    refused("already_signed", lambda: sign(agreement, team["signatory1"], version.fingerprint))
    assert Signature.objects.filter(agreement=agreement).count() == 1


def test_signing_a_text_other_than_the_proposed_one_is_refused(partnership, team):
    agreement = agreement_draft(partnership, team["coordinator1"])
    services.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    refused("fingerprint_mismatch", lambda: sign(agreement, team["signatory1"], "0" * 64))


def test_only_signatories_sign_and_only_for_their_own_side(partnership, team):
    agreement = agreement_draft(partnership, team["coordinator1"])
    version = services.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    with pytest.raises(PermissionDenied):
        sign(agreement, team["coordinator2"], version.fingerprint)
    signature = sign(agreement, team["signatory2"], version.fingerprint)
    assert signature.side.position == 2


def test_amendment_needs_both_sides_on_same_fingerprint(partnership, team):
    agreement = agreement_in_force(partnership, team)
    amendment = amendments.amendment_propose(
        agreement=agreement, by=team["coordinator2"], texts={"uk": ("Зміна", "Молодь.")}
    )
    refused("fingerprint_mismatch", lambda: approve_here(amendment, team["signatory1"], "a" * 64))
    approve_here(amendment, team["signatory1"])
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.PROPOSED
    approve_here(amendment, team["signatory2"])
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.IN_FORCE
    assert amendment.in_force_from == today()


def test_a_written_approval_needs_date_and_scan(partnership, team):
    agreement = agreement_in_force(partnership, team)
    amendment = amendments.amendment_propose(
        agreement=agreement, by=team["coordinator1"], texts={"en": ("Change", "Text")}
    )
    refused(
        "approval_incomplete",
        lambda: amendments.amendment_approve(
            amendment=amendment,
            by=team["signatory1"],
            fingerprint=amendment.fingerprint,
            method=ApprovalMethod.WRITTEN,
            approved_on=today(),
        ),
    )


def test_approving_a_withdrawn_amendment_is_refused(partnership, team):
    agreement = agreement_in_force(partnership, team)
    amendment = amendments.amendment_propose(
        agreement=agreement, by=team["coordinator1"], texts={"en": ("Change", "Text")}
    )
    amendments.amendment_withdraw(amendment=amendment, by=team["signatory1"], reason="")
    refused("amendment_closed", lambda: approve_here(amendment, team["signatory2"]))
    assert not amendment.approvals.exists()


def test_only_the_other_side_rejects_and_only_the_proposer_withdraws(partnership, team):
    agreement = agreement_in_force(partnership, team)
    amendment = amendments.amendment_propose(
        agreement=agreement, by=team["coordinator1"], texts={"en": ("Change", "Text")}
    )
    with pytest.raises(PermissionDenied):
        amendments.amendment_reject(amendment=amendment, by=team["coordinator1"])
    with pytest.raises(PermissionDenied):
        amendments.amendment_withdraw(amendment=amendment, by=team["coordinator2"])
    amendments.amendment_reject(amendment=amendment, by=team["coordinator2"], reason="Too soon")
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.REJECTED
    assert amendment.reason == "Too soon"


def test_terminating_ends_the_agreement_on_the_effective_date(partnership, team):
    agreement = agreement_in_force(partnership, team, notice_period_days=90)
    refused(
        "notice_too_short",
        lambda: services.notice_record(
            agreement=agreement, by=team["signatory2"], letter_date=today(), effective_on=today()
        ),
    )
    effective = today() + timedelta(days=90)
    notice = services.notice_record(
        agreement=agreement,
        by=team["signatory2"],
        letter_date=today(),
        effective_on=effective,
        reason="Formal twinning concluded",
    )
    agreement.refresh_from_db()
    assert notice.side.position == 2
    assert agreement.state() == Agreement.State.NOTICE_GIVEN
    assert agreement.state(effective) == Agreement.State.ENDED
    assert agreement.ends_on == effective


def test_terminating_an_ended_agreement_is_refused_and_nothing_is_amended(partnership, team):
    agreement = agreement_in_force(partnership, team)
    services.notice_record(
        agreement=agreement, by=team["signatory1"], letter_date=today(), effective_on=today()
    )
    refused(
        "agreement_ended",
        lambda: services.notice_record(
            agreement=agreement, by=team["signatory2"], letter_date=today(), effective_on=today()
        ),
    )
    refused(
        "agreement_ended",
        lambda: amendments.amendment_propose(
            agreement=agreement, by=team["coordinator1"], texts={"en": ("Late", "Too late")}
        ),
    )


def test_successor_supersedes_the_predecessor_once_in_force(partnership, team):
    predecessor = agreement_in_force(partnership, team)
    due = today().replace(month=12, day=31)
    successor = services.successor_create(
        predecessor=predecessor,
        by=team["coordinator1"],
        title="Twinning",
        texts=TEXTS,
        due_on=due,
    )
    assert successor.kind == Agreement.Kind.TWINNING
    assert milestone_list(viewer=team["coordinator1"], partnership=partnership) == [successor]
    version = services.version_propose(version=successor.versions.get(), by=team["coordinator2"])
    for position in (1, 2):
        sign(successor, team[f"signatory{position}"], version.fingerprint)
    predecessor.refresh_from_db()
    assert predecessor.state() == Agreement.State.SUPERSEDED
    assert milestone_list(viewer=team["coordinator1"], partnership=partnership) == []


def test_consolidated_text_shows_the_signed_text_with_amendments_in_force(partnership, team):
    agreement = agreement_in_force(partnership, team)
    amendment = amendments.amendment_propose(
        agreement=agreement, by=team["coordinator1"], texts={"de": ("Jugend", "Jugendarbeit.")}
    )
    rejected = amendments.amendment_propose(
        agreement=agreement, by=team["coordinator1"], texts={"de": ("Nein", "Abgelehnt.")}
    )
    amendments.amendment_reject(amendment=rejected, by=team["signatory2"])
    for position in (1, 2):
        approve_here(amendment, team[f"signatory{position}"])
    detail = agreement_detail(viewer=team["coordinator1"], agreement=agreement)
    text = consolidated_text(detail=detail, language="de")
    assert text.base.body == TEXTS["de"][1]
    assert [(a.number, t.body) for a, t in text.amendments] == [(1, "Jugendarbeit.")]
    steps = [event.what for event in detail.timeline]
    assert "Signed" in steps and "In force" in steps and "Amendment 1 in force" in steps


def test_people_of_another_partnership_cannot_act(partnership, team, outsider):
    agreement = agreement_draft(partnership, team["coordinator1"])
    with pytest.raises(PermissionDenied):
        services.version_propose(version=agreement.versions.get(), by=outsider)


def test_a_creation_form_sent_twice_creates_one_agreement(partnership, team):
    key = uuid.uuid4()
    first = agreement_draft(partnership, team["coordinator1"], idempotency_key=key)
    again = agreement_draft(partnership, team["coordinator1"], idempotency_key=key)
    assert again == first
    assert partnership.agreements.count() == 1


def test_an_agreement_has_one_successor_at_a_time(partnership, team):
    predecessor = agreement_in_force(partnership, team)
    key = uuid.uuid4()
    create = lambda key: services.successor_create(  # noqa: E731
        predecessor=predecessor,
        by=team["coordinator1"],
        title="Twinning",
        texts=TEXTS,
        due_on=None,
        idempotency_key=key,
    )
    successor = create(key)
    assert create(key) == successor, "the same form again"
    refused("successor_exists", lambda: create(uuid.uuid4()))
