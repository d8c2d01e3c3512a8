"""Amendments: proposed by one side, in force only when both sides' signatories have approved
the same text in writing; the other side may reject, the proposer may withdraw."""

from datetime import date

from allauth.mfa.utils import is_mfa_enabled
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require
from pobratym.core.uploads import clean_upload

from ..models import Agreement, Amendment, AmendmentText, Approval, ApprovalMethod, fingerprint_of
from .agreements import Texts, locked, own_side, refuse_if_ended, write_texts, written_by


def _locked(amendment: Amendment) -> Amendment:
    """Lock the agreement, then the amendment: every workflow takes them in this order, so
    two people acting at once wait for each other instead of deadlocking."""
    locked(amendment.agreement)
    return (
        Amendment.objects.select_for_update(of=("self",))
        .select_related("agreement")
        .get(pk=amendment.pk)
    )


def _refuse_unless_open(amendment: Amendment) -> None:
    if amendment.status != Amendment.Status.PROPOSED:
        raise Conflict(
            "amendment_closed",
            _("This amendment is %(status)s; nothing more can be done with it.")
            % {"status": amendment.get_status_display()},
        )


@transaction.atomic
def amendment_propose(*, agreement: Agreement, by: User, texts: Texts) -> Amendment:
    """Put an amendment's text (per language) to the other side; it is frozen from now on."""
    require(by, "agreements.propose_amendment", agreement)
    agreement = locked(agreement)
    refuse_if_ended(agreement)
    if agreement.in_force_from is None:
        raise DomainError(
            "not_in_force", _("Amendments can only be proposed to an agreement in force.")
        )
    number = (agreement.amendments.aggregate(Max("number"))["number__max"] or 0) + 1
    amendment = Amendment(
        agreement=agreement,
        number=number,
        proposed_by=by,
        proposed_by_side=own_side(by, agreement),
        fingerprint="pending",
        language=agreement.language,  # of its reason, once one is given
    )
    audited(amendment, by).save()
    rows = write_texts(AmendmentText, "amendment", amendment, texts, by)
    amendment.fingerprint = fingerprint_of(rows)
    # A form sent twice must not put the same text to the other side twice.
    earlier = agreement.amendments.filter(
        status=Amendment.Status.PROPOSED, fingerprint=amendment.fingerprint
    ).first()
    if earlier is not None:
        raise Conflict(
            "amendment_exists",
            _("Amendment %(number)s with this text has already been proposed.")
            % {"number": earlier.number},
        )
    audited(amendment, by).save()
    return amendment


@transaction.atomic
def amendment_approve(
    *,
    amendment: Amendment,
    by: User,
    fingerprint: str,
    method: str,
    approved_on: date | None = None,
    scan=None,
) -> Approval:
    """A signatory approves, for their own side, the exact text they read (its fingerprint):
    either by recording the signed approval letter (date and scan) or here, with two-factor
    login. When both sides have approved, the amendment is in force."""
    require(by, "agreements.approve_amendment", amendment)
    amendment = _locked(amendment)
    _refuse_unless_open(amendment)
    refuse_if_ended(amendment.agreement)
    side = own_side(by, amendment)
    if fingerprint != amendment.fingerprint:
        raise Conflict(
            "fingerprint_mismatch",
            _("The text has changed since you opened it. Please read the current version."),
        )
    if amendment.approvals.filter(side=side).exists():
        raise Conflict("already_approved", _("Your side has already approved this amendment."))
    today = timezone.localdate()
    if method == ApprovalMethod.PLATFORM:
        if not is_mfa_enabled(by):
            raise DomainError(
                "two_factor_required",
                _("Approving in the platform needs two-factor login. Please set it up first."),
            )
        approved_on, scan = today, None
    elif method == ApprovalMethod.WRITTEN:
        if approved_on is None or not scan:
            raise DomainError(
                "approval_incomplete",
                _("A written approval needs the date of the letter and its scan."),
            )
        if approved_on > today:
            raise DomainError("date_in_future", _("The date cannot be in the future."))
    else:
        raise DomainError("unknown_method", _("This form of approval is not known."))
    approval = Approval(
        amendment=amendment,
        side=side,
        recorded_by=by,
        fingerprint=amendment.fingerprint,
        method=method,
        approved_on=approved_on,
        scan=clean_upload(scan, field="scan") if scan else "",
    )
    try:
        with transaction.atomic():
            audited(approval, by).save()
    except IntegrityError as error:
        raise Conflict(
            "already_approved", _("Your side has already approved this amendment.")
        ) from error
    approvals = list(amendment.approvals.all())
    sides = {a.side_id for a in approvals if a.fingerprint == amendment.fingerprint}
    if len(sides) == 2:
        amendment.status = Amendment.Status.IN_FORCE
        amendment.in_force_from = max(a.approved_on for a in approvals)
        amendment.decided_at = timezone.now()
        amendment.decided_by = by
        audited(amendment, by).save()
    return approval


@transaction.atomic
def amendment_reject(*, amendment: Amendment, by: User, reason: str = "") -> Amendment:
    """The other side declines the amendment."""
    require(by, "agreements.reject_amendment", amendment)
    amendment = _locked(amendment)
    _refuse_unless_open(amendment)
    if amendment.approvals.filter(side=own_side(by, amendment)).exists():
        raise Conflict("already_approved", _("Your side has already approved this amendment."))
    return _close(amendment, Amendment.Status.REJECTED, by, reason)


@transaction.atomic
def amendment_withdraw(*, amendment: Amendment, by: User, reason: str = "") -> Amendment:
    """The proposing side takes its amendment back."""
    require(by, "agreements.withdraw_amendment", amendment)
    amendment = _locked(amendment)
    _refuse_unless_open(amendment)
    return _close(amendment, Amendment.Status.WITHDRAWN, by, reason)


def _close(amendment: Amendment, status: str, by: User, reason: str) -> Amendment:
    amendment.status = status
    amendment.reason = reason
    written_by(amendment, by)
    amendment.decided_at = timezone.now()
    amendment.decided_by = by
    audited(amendment, by).save()
    return amendment
