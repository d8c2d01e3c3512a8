"""Every change to partnerships, members, invitations and focus areas."""

import secrets
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.accounts.services import email_verified_record, has_verified_email
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.services import model_update

from .models import (
    FOCUS_AREA_FIELDS,
    PARTNERSHIP_FIELDS,
    City,
    FocusArea,
    Invitation,
    Membership,
    Partnership,
    Role,
    Side,
)
from .tasks import invitation_send_task


@transaction.atomic
def partnership_create(
    *,
    slug: str,
    kind: str,
    first_city: City,
    second_city: City,
    status: str = Partnership.Status.PROPOSED,
    by: User | None = None,
    **fields,
) -> Partnership:
    """A partnership and its two sides, created together or not at all."""
    if first_city == second_city:
        raise DomainError("same_city", _("A partnership needs two different cities."))
    partnership = audited(Partnership(slug=slug, kind=kind, status=status, **fields), by)
    validate(partnership)
    partnership.save()
    for position, city in enumerate((first_city, second_city), start=1):
        side = audited(Side(partnership=partnership, city=city, position=position), by)
        validate(side)
        side.save()
    return partnership


@transaction.atomic
def partnership_update(
    *, partnership: Partnership, by: User, revision: int | None = None, **fields
) -> Partnership:
    """Correct a partnership, from the `revision` the person saw (else unguarded)."""
    require(by, "partnerships.change_partnership", partnership)
    model_update(instance=partnership, fields=PARTNERSHIP_FIELDS, data=fields, revision=revision)
    validate(audited(partnership, by))
    partnership.save()
    return partnership


def _coordinator_count(side: Side) -> int:
    return Membership.objects.filter(side=side, role=Role.COORDINATOR).count()


@transaction.atomic
def membership_add(*, side: Side, user: User, role: str, by: User | None = None) -> Membership:
    """Put a person on a side. Used by invitations and the demo; not a public action."""
    if Membership.objects.filter(partnership_id=side.partnership_id, user=user).exists():
        raise Conflict("already_member", _("This person is already a member."))
    membership = audited(
        Membership(partnership_id=side.partnership_id, side=side, user=user, role=role), by
    )
    validate(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by: User) -> Membership:
    require(by, "partnerships.change_membership", membership)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if role not in Role.values:
        raise DomainError("unknown_role", _("This role does not exist."))
    if (
        membership.role == Role.COORDINATOR
        and role != Role.COORDINATOR
        and _coordinator_count(membership.side) == 1
    ):
        raise DomainError("last_coordinator", _("Each side needs at least one coordinator."))
    membership.role = role
    validate(audited(membership, by))
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    require(by, "partnerships.change_membership", membership)
    if membership.role == Role.COORDINATOR and _coordinator_count(membership.side) == 1:
        raise DomainError("last_coordinator", _("Each side needs at least one coordinator."))
    audited(membership, by).delete()


def invitation_send(*, invitation_id: int) -> bool:
    """Mail a pending invitation (run by the task worker); False when it is no longer pending,
    so a late or repeated task sends nothing."""
    invitation = (
        Invitation.objects.select_related("partnership", "side__city")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return False
    with translation.override(invitation.language):
        path = reverse("partnerships:invitation", kwargs={"token": invitation.token})
        context = {
            "invitation": invitation,
            "url": settings.POBRATYM_BASE_URL.rstrip("/") + path,
            "partnership": str(invitation.partnership),
            "side": str(invitation.side),
            "role": invitation.get_role_display(),
        }
        send_mail(
            subject=_("Invitation to the partnership %(partnership)s") % context,
            message=render_to_string("partnerships/email/invitation.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
    return True


@transaction.atomic
def invitation_create(
    *, side: Side, email: str, role: str, by: User, language: str | None = None
) -> Invitation:
    """Invite someone by e-mail to one side. Inviting the same address again renews the
    pending invitation instead of creating a second one, so a retried form is harmless."""
    require(by, "partnerships.invite_member", side)
    email = email.strip().lower()
    if Membership.objects.filter(partnership_id=side.partnership_id, user__email=email).exists():
        raise Conflict("already_member", _("This person is already a member."), field="email")
    invitation = (
        Invitation.objects.select_for_update()
        .filter(
            partnership_id=side.partnership_id,
            email=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
        .first()
    ) or Invitation(partnership_id=side.partnership_id, email=email)
    if invitation.pk and invitation.side_id != side.pk:
        # Renewing would move it: a coordinator speaks for their own side only.
        raise Conflict(
            "invited_to_other_side",
            _("This person has already been invited by the other side."),
            field="email",
        )
    invitation.side = side
    invitation.role = role
    invitation.language = language or translation.get_language() or settings.LANGUAGE_CODE
    invitation.invited_by = by
    invitation.token = secrets.token_urlsafe(32)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
    validate(audited(invitation, by), validate_constraints=False)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError as error:
        raise Conflict(
            "invitation_conflict", _("This invitation was just changed. Please try again.")
        ) from error
    transaction.on_commit(lambda: invitation_send_task.enqueue(invitation.pk))
    return invitation


def invitation_check(invitation: Invitation) -> None:
    """Raise a DomainError if the invitation can no longer be accepted."""
    if invitation.accepted_at is not None:
        raise Conflict("invitation_used", _("This invitation has already been accepted."))
    if invitation.revoked_at is not None:
        raise DomainError("invitation_revoked", _("This invitation has been withdrawn."))
    if invitation.expires_at <= timezone.now():
        raise DomainError(
            "invitation_expired",
            _("This invitation has expired. Please ask the coordinator for a new one."),
        )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """The invited person joins the side in the role they were invited to."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_check(invitation)
    if not has_verified_email(user=user, email=invitation.email):
        raise DomainError(
            "invitation_other_email",
            _("This invitation was sent to another e-mail address."),
        )
    membership = membership_add(side=invitation.side, user=user, role=invitation.role, by=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    audited(invitation, user).save()
    return membership


@transaction.atomic
def invitation_accept_as_new_user(
    *, invitation: Invitation, name: str, password: str, language: str
) -> Membership:
    """Create the account for a first-time invitee and let them join."""
    invitation_check(invitation)
    if User.objects.filter(email=invitation.email).exists():
        raise Conflict(
            "account_exists", _("An account with this e-mail address exists. Please sign in.")
        )
    user = User.objects.create_user(
        email=invitation.email, password=password, name=name, language=language
    )
    # The link in the invitation reached this address: it is verified.
    email_verified_record(user=user)
    return invitation_accept(invitation=invitation, user=user)


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> Invitation:
    require(by, "partnerships.revoke_invitation", invitation)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        audited(invitation, by).save()
    return invitation


@transaction.atomic
def focus_area_save(
    *,
    partnership: Partnership,
    by: User,
    focus_area: FocusArea | None = None,
    revision: int | None = None,
    **fields,
) -> FocusArea:
    """Add a focus area, or correct `focus_area` from the `revision` the person saw."""
    require(by, "partnerships.manage_focus_areas", partnership)
    focus_area = focus_area or FocusArea(partnership=partnership)
    if focus_area.partnership_id != partnership.pk:
        raise DomainError("other_partnership", _("This focus area belongs elsewhere."))
    model_update(instance=focus_area, fields=FOCUS_AREA_FIELDS, data=fields, revision=revision)
    validate(audited(focus_area, by))
    focus_area.save()
    return focus_area


@transaction.atomic
def focus_area_delete(*, focus_area: FocusArea, by: User) -> None:
    """Remove a focus area nothing is filed under any more; one still in use (by projects,
    events, measures …) is refused, naming what uses it."""
    require(by, "partnerships.manage_focus_areas", focus_area.partnership)
    try:
        with transaction.atomic():
            audited(focus_area, by).delete()
    except ProtectedError as error:
        counts = Counter(
            str(record._meta.verbose_name_plural) for record in error.protected_objects
        )
        uses = ", ".join(f"{name} ({count})" for name, count in sorted(counts.items()))
        raise Conflict(
            "focus_area_in_use",
            _("The focus area is still in use by: %(uses)s. File them under another one first.")
            % {"uses": uses},
        ) from error
