"""The agreement's rules hold over random sequences of actions by random people.

Hypothesis drives drafting, proposing, signing, amending, approving, rejecting, withdrawing
and terminating, by members of every role on both sides; after every step the invariants of
issue 3 are checked against the database. A refused step must change nothing at all.
"""

import io
import sys
from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PIL import Image

from pobratym.agreements.models import (
    Agreement,
    Amendment,
    Approval,
    ApprovalMethod,
    Notice,
    Signature,
    Version,
    VersionText,
    fingerprint_of,
)
from pobratym.agreements.services import agreements as services
from pobratym.agreements.services import amendments
from pobratym.core.errors import DomainError
from pobratym.partnerships.models import Membership, Role
from tests.agreements.factories import TEXTS, agreement_draft, sign
from tests.factories import member_create, partnership_create

DONE = Counter()  # successful steps by rule
REFUSED = Counter()  # refused steps by error code
ROLES = [Role.COORDINATOR, Role.SIGNATORY, Role.STAFF, Role.PARTNER, Role.OBSERVER]
sides = st.sampled_from([1, 2])
anyone = st.tuples(st.sampled_from(ROLES), sides)


# Actions only some roles may take are tried mostly by them, so that sequences reach signed
# agreements, approvals and notices often; the other roles still try, and must be refused.
def mostly(*roles):
    return st.tuples(st.sampled_from([*roles, *roles, *roles, *ROLES]), sides)


mostly_false = st.sampled_from([False, False, False, True])
words = st.text(alphabet="abc жит", min_size=1, max_size=8)


def scan_png() -> SimpleUploadedFile:
    image = io.BytesIO()
    Image.new("L", (8, 8)).save(image, format="PNG")
    return SimpleUploadedFile("approval.png", image.getvalue(), "image/png")


def snapshot(agreement: Agreement) -> tuple:
    """Everything a step could change, to prove that a refused step changed nothing."""
    agreement = Agreement.objects.get(pk=agreement.pk)
    return (
        (agreement.in_force_from, agreement.ends_on, agreement.end_reason),
        sorted(Version.objects.filter(agreement=agreement).values_list("pk", "fingerprint")),
        sorted(VersionText.objects.filter(version__agreement=agreement).values_list("pk", "body")),
        Signature.objects.filter(agreement=agreement).count(),
        sorted(Amendment.objects.filter(agreement=agreement).values_list("pk", "status")),
        Approval.objects.filter(amendment__agreement=agreement).count(),
        Notice.objects.filter(agreement=agreement).count(),
    )


def history_count(agreement: Agreement) -> int:
    return (
        sum(
            model.history.filter(**{lookup: agreement.pk}).count()
            for model, lookup in (
                (Agreement, "id"),
                (Version, "agreement_id"),
                (Signature, "agreement_id"),
                (Amendment, "agreement_id"),
                (Notice, "agreement_id"),
            )
        )
        + Approval.history.filter(amendment__agreement=agreement).count()
    )


class AgreementLife(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.partnership = partnership_create()
        self.people = {
            (role, position): member_create(self.partnership, role, position=position).user
            for role in ROLES
            for position in (1, 2)
        }
        self.ended = False

    start = "draft"  # where the life begins: each test below starts at another point

    @initialize()
    def begin(self):
        """Sequences start at a fixed point of the life, one per test, so that each run
        reaches what can happen from there (Hypothesis tries the first choices most)."""
        start = self.start
        coordinator = self.people[(Role.COORDINATOR, 1)]
        self.agreement = agreement_draft(self.partnership, coordinator)
        if start == "draft":
            return
        version = services.version_propose(version=self.agreement.versions.get(), by=coordinator)
        if start in ("in_force", "amended"):
            for position in (1, 2):
                sign(self.agreement, self.people[(Role.SIGNATORY, position)], version.fingerprint)
        if start == "amended":
            amendments.amendment_propose(
                agreement=self.agreement, by=coordinator, texts={"en": ("Change", "Youth work")}
            )
        self.agreement.refresh_from_db()

    def act(self, action) -> bool:
        """Run one action; a refusal must leave the database as it was."""
        before, audit_before = snapshot(self.agreement), history_count(self.agreement)
        try:
            action()
        except (DomainError, PermissionDenied) as error:
            REFUSED[
                f"{sys._getframe(1).f_code.co_name}: {getattr(error, 'code', 'forbidden')}"
            ] += 1
            assert snapshot(self.agreement) == before
            assert history_count(self.agreement) == audit_before
            return False
        DONE[sys._getframe(1).f_code.co_name] += 1
        assert snapshot(self.agreement) != before, "a successful step changes something"
        assert history_count(self.agreement) > audit_before, "every step is audited"
        self.agreement.refresh_from_db()
        return True

    def _amendment(self, index: int) -> Amendment | None:
        found = list(self.agreement.amendments.order_by("number"))
        return found[index % len(found)] if found else None

    @rule(person=anyone, body=words)
    def draft_new_version(self, person, body):
        texts = {**TEXTS, "en": ("Agreement", body)}
        self.act(
            lambda: services.version_create(
                agreement=self.agreement, by=self.people[person], texts=texts
            )
        )

    @rule(person=anyone, body=words, index=st.integers(0, 5))
    def edit_a_version(self, person, body, index):
        versions = list(self.agreement.versions.order_by("number"))
        version = versions[index % len(versions)]
        self.act(
            lambda: services.version_update(
                version=version, by=self.people[person], texts={"de": ("Vereinbarung", body)}
            )
        )

    @rule(person=mostly(Role.COORDINATOR, Role.SIGNATORY))
    def propose_the_draft(self, person):
        draft = self.agreement.versions.filter(proposed_at__isnull=True).first()
        if draft is not None:
            self.act(lambda: services.version_propose(version=draft, by=self.people[person]))

    @rule(person=mostly(Role.SIGNATORY), stale=mostly_false, days_ago=st.integers(0, 3))
    def sign(self, person, stale, days_ago):
        version = self.agreement.versions.filter(proposed_at__isnull=False).last()
        fingerprint = "0" * 64 if stale or version is None else version.fingerprint
        signed = self.act(
            lambda: services.agreement_sign(
                agreement=self.agreement,
                by=self.people[person],
                fingerprint=fingerprint,
                signed_on=timezone.localdate() - timedelta(days=days_ago),
                place="Dortmund",
                signer_name="A. Person",
                signer_title="Mayor",
            )
        )
        if signed:
            assert not self.ended, "an ended agreement accepts no signature"
            assert person[0] == Role.SIGNATORY, "only signatories sign"

    @rule(person=mostly(Role.COORDINATOR, Role.SIGNATORY), body=words)
    def propose_amendment(self, person, body):
        proposed = self.act(
            lambda: amendments.amendment_propose(
                agreement=self.agreement, by=self.people[person], texts={"en": ("Change", body)}
            )
        )
        if proposed:
            assert not self.ended, "an ended agreement accepts no amendment"

    @precondition(lambda self: self.agreement.amendments.exists())
    @rule(
        person=mostly(Role.SIGNATORY),
        index=st.integers(0, 5),
        stale=mostly_false,
        written=st.booleans(),
    )
    def approve(self, person, index, stale, written):
        amendment = self._amendment(index)
        if amendment is None:
            return
        approved = self.act(
            lambda: amendments.amendment_approve(
                amendment=amendment,
                by=self.people[person],
                fingerprint="f" * 64 if stale else amendment.fingerprint,
                method=ApprovalMethod.WRITTEN if written else ApprovalMethod.PLATFORM,
                approved_on=timezone.localdate() if written else None,
                scan=scan_png() if written else None,
            )
        )
        if approved:
            assert not self.ended
            assert person[0] == Role.SIGNATORY, "only signatories approve"
            assert not stale

    @precondition(lambda self: self.agreement.amendments.exists())
    @rule(person=anyone, index=st.integers(0, 5), withdraw=st.booleans())
    def reject_or_withdraw(self, person, index, withdraw):
        amendment = self._amendment(index)
        if amendment is None:
            return
        service = amendments.amendment_withdraw if withdraw else amendments.amendment_reject
        self.act(lambda: service(amendment=amendment, by=self.people[person], reason="no"))

    # Tried only on an agreement in force (refusals before that are the signatures' tests).
    @precondition(lambda self: self.agreement.in_force_from is not None and not self.ended)
    @rule(person=mostly(Role.SIGNATORY))
    def terminate_today(self, person):
        today = timezone.localdate()
        if self.act(
            lambda: services.notice_record(
                agreement=self.agreement,
                by=self.people[person],
                letter_date=today,
                effective_on=today,
            )
        ):
            assert person[0] == Role.SIGNATORY
            self.ended = True

    @invariant()
    def frozen_versions_keep_their_fingerprint(self):
        for version in self.agreement.versions.filter(proposed_at__isnull=False):
            assert version.fingerprint == fingerprint_of(version.texts.all())

    @invariant()
    def in_force_only_with_both_signatures_on_one_text(self):
        signatures = list(self.agreement.signatures.select_related("version"))
        assert len({s.side_id for s in signatures}) == len(signatures) <= 2
        for signature in signatures:
            assert signature.fingerprint == signature.version.fingerprint
            membership = Membership.objects.get(
                partnership=self.partnership, user=signature.recorded_by
            )
            assert membership.side_id == signature.side_id, "only a side's members speak for it"
        if self.agreement.in_force_from is not None:
            assert len(signatures) == 2
            assert len({s.fingerprint for s in signatures}) == 1
        else:
            assert len(signatures) < 2

    @invariant()
    def amendment_in_force_only_with_both_approvals_of_its_text(self):
        for amendment in self.agreement.amendments.prefetch_related("approvals", "texts"):
            assert amendment.fingerprint == fingerprint_of(amendment.texts.all())
            approvals = list(amendment.approvals.all())
            for approval in approvals:
                membership = Membership.objects.get(
                    partnership=self.partnership, user=approval.recorded_by
                )
                assert membership.role == Role.SIGNATORY
                assert membership.side_id == approval.side_id
            on_same_text = {a.side_id for a in approvals if a.fingerprint == amendment.fingerprint}
            in_force = amendment.status == Amendment.Status.IN_FORCE
            assert in_force == (len(on_same_text) == 2)
            if amendment.status in (Amendment.Status.REJECTED, Amendment.Status.WITHDRAWN):
                assert len(on_same_text) < 2


# What the sequences from each starting point must have done, or the invariants prove little.
REACHED_FROM = {
    "draft": {"propose_the_draft"},
    "proposed": {"sign"},
    "in_force": {"propose_amendment", "terminate_today"},
    "amended": {"approve"},
}


# Service rules, the same on either database: the SQLite pass runs them.
@pytest.mark.sqlite_pass
@pytest.mark.django_db
@pytest.mark.parametrize("start", REACHED_FROM)
def test_agreement_rules_hold_over_random_sequences_of_actions(start):
    DONE.clear()
    REFUSED.clear()
    depth = settings()  # the profile's depth (tests/conftest.py), shared by the four starts
    machine = type(f"AgreementLifeFrom_{start}", (AgreementLife,), {"start": start})
    run_state_machine_as_test(
        machine, settings=settings(depth, max_examples=max(depth.max_examples // 4, 10))
    )
    assert REACHED_FROM[start] <= set(DONE), f"done: {dict(DONE)}; refused: {dict(REFUSED)}"
