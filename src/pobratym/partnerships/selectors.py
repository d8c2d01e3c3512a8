"""Reads of partnerships, always scoped to the person asking."""

from dataclasses import dataclass
from itertools import chain

from allauth.account.models import EmailAddress
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .activity import Event, recent_activity
from .models import (
    ROLES_REQUIRING_TWO_FACTOR,
    FocusArea,
    Invitation,
    Membership,
    Partnership,
    Side,
)
from .work import WorkItem


def user_requires_two_factor(user) -> bool:
    """Coordinators and signatories of any partnership sign in with two factors."""
    return Membership.objects.filter(user=user, role__in=ROLES_REQUIRING_TWO_FACTOR).exists()


def _with_sides(queryset: QuerySet[Partnership]) -> QuerySet[Partnership]:
    return queryset.prefetch_related(
        Prefetch("sides", queryset=Side.objects.select_related("city").order_by("position"))
    )


def partnership_list(*, viewer) -> QuerySet[Partnership]:
    """The partnerships a person belongs to, with their own side and role."""
    own = Membership.objects.filter(partnership=OuterRef("pk"), user=viewer)
    # Counted in a subquery: a Count over the join filtered by the viewer counts only them.
    members = (
        Membership.objects.filter(partnership=OuterRef("pk"))
        .order_by()
        .values("partnership")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return _with_sides(
        Partnership.objects.filter(memberships__user=viewer)
        .annotate(
            viewer_role=Subquery(own.values("role")[:1]),
            viewer_side_id=Subquery(own.values("side_id")[:1]),
            member_count=Subquery(members[:1]),
        )
        .order_by("slug")
    )


def partnership_public_list() -> QuerySet[Partnership]:
    """The city pairs of active partnerships, for the public start page; nothing more of
    them is public."""
    return _with_sides(Partnership.objects.filter(status=Partnership.Status.ACTIVE))


def focus_area_list(*, partnership: Partnership) -> QuerySet[FocusArea]:
    """The partnership's focus areas in their order: public, as the portal shows them."""
    return FocusArea.objects.filter(partnership=partnership).order_by("position", "pk")


def partnership_get(*, viewer, slug: str) -> Partnership:
    """One partnership the viewer belongs to; to anyone else it does not exist."""
    try:
        return _with_sides(
            Partnership.objects.filter(memberships__user=viewer)
            if viewer.is_authenticated
            else Partnership.objects.none()
        ).get(slug=slug)
    except Partnership.DoesNotExist as error:
        raise Http404 from error


@dataclass(frozen=True)
class SideSummary:
    side: Side
    member_count: int
    coordinators: list


@dataclass(frozen=True)
class Dashboard:
    partnership: Partnership
    sides: list[SideSummary]
    focus_areas: list[FocusArea]
    member_count: int
    pending_invitation_count: int
    recent_activity: list


def partnership_dashboard(*, viewer, partnership: Partnership) -> Dashboard:
    sides = (
        Side.objects.filter(partnership=partnership)
        .select_related("city")
        .annotate(member_count=Count("memberships"))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role="coordinator").select_related("user"),
                to_attr="coordinator_memberships",
            )
        )
        .order_by("position")
    )
    summaries = [
        SideSummary(
            side=side,
            member_count=side.member_count,
            coordinators=[membership.user for membership in side.coordinator_memberships],
        )
        for side in sides
    ]
    pending = Invitation.objects.filter(
        partnership=partnership,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).count()
    return Dashboard(
        partnership=partnership,
        sides=summaries,
        focus_areas=list(partnership.focus_areas.all()),
        member_count=sum(summary.member_count for summary in summaries),
        pending_invitation_count=pending,
        recent_activity=recent_activity(viewer, partnership),
    )


def membership_list(*, viewer, partnership: Partnership) -> QuerySet[Membership]:
    return Membership.objects.filter(partnership=partnership).select_related("user", "side__city")


def invitation_pending_list(*, viewer, partnership: Partnership) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            partnership=partnership, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("side__city", "invited_by")
        .order_by("-created_at")
    )


@dataclass(frozen=True)
class Change:
    """One audited change: who, when, what record, and each field's old → new value."""

    when: object
    who: object
    kind: str
    record_type: str
    record: str
    fields: list[tuple[str, object, object]]


def _label(field, value):
    """A stored value as people read it: the label of a choice, not its code."""
    return dict(field.flatchoices).get(value, value) if field.choices else value


def _changes(history_queryset, limit: int, describe=str) -> list[Change]:
    """The latest `limit` records of one history, in a fixed number of queries: the previous
    record of each change comes in one batch, and each record is described from the history
    row and what was selected with it, not from the live tables."""
    history_model = history_queryset.model
    meta = history_model.instance_type._meta
    id_name = meta.pk.attname
    earlier = (
        history_model._default_manager.filter(
            **{id_name: OuterRef(id_name)}, history_date__lt=OuterRef("history_date")
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    records = list(
        history_queryset.select_related("history_user")
        .annotate(previous_history_id=Subquery(earlier))
        .order_by("-history_date")[:limit]
    )
    previous = history_model._default_manager.in_bulk(
        [record.previous_history_id for record in records if record.history_type == "~"]
    )
    changes = []
    for record in records:
        fields = []
        before = previous.get(record.previous_history_id) if record.history_type == "~" else None
        if before is not None:
            fields = [
                (
                    meta.get_field(change.field).verbose_name,
                    _label(meta.get_field(change.field), change.old),
                    _label(meta.get_field(change.field), change.new),
                )
                for change in record.diff_against(before).changes
            ]
        instance = record.history_object
        instance._state.fields_cache.update(
            (name, value)
            for name, value in record._state.fields_cache.items()
            if name != "history_user"
        )
        changes.append(
            Change(
                when=record.history_date,
                who=record.history_user,
                kind=record.get_history_type_display(),
                record_type=meta.verbose_name,
                record=describe(instance),
                fields=fields,
            )
        )
    return changes


def partnership_history(*, viewer, partnership: Partnership, limit: int = 50) -> list[Change]:
    """The latest changes to a partnership and everything it holds, newest first."""
    # A partnership is named by its two cities, which do not change: name it once.
    name = str(partnership)
    sources = [
        (Partnership.history.filter(id=partnership.pk), lambda _: name),
        (
            Membership.history.filter(partnership_id=partnership.pk).select_related(
                "user", "side__city"
            ),
            str,
        ),
        (Invitation.history.filter(partnership_id=partnership.pk), str),
        (FocusArea.history.filter(partnership_id=partnership.pk), str),
    ]
    merged = chain.from_iterable(_changes(source, limit, describe) for source, describe in sources)
    return sorted(merged, key=lambda change: change.when, reverse=True)[:limit]


def invitations_pending(user, memberships) -> QuerySet[Invitation]:
    """My work: invitations to the person's verified addresses, open and unanswered, to
    partnerships they are not yet in."""
    addresses = EmailAddress.objects.filter(
        user=user, verified=True, email__iexact=OuterRef("email")
    )
    return (
        Invitation.objects.filter(
            Exists(addresses),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .exclude(partnership_id__in=[membership.partnership_id for membership in memberships])
        .select_related("side__city")
        .order_by("expires_at")
    )


def invitation_items(invitations, memberships) -> list[WorkItem]:
    return [
        WorkItem(
            _("Answer the invitation"),
            reverse("partnerships:invitation", args=[invitation.token]),
            due=timezone.localdate(invitation.expires_at),
            text=_("%(role)s for %(city)s")
            % {"role": invitation.get_role_display(), "city": invitation.side.city.name},
        )
        for invitation in invitations
    ]


def membership_activity(viewer, partnership: Partnership, limit: int) -> list[Event]:
    """Recent activity: who joined the partnership (one query)."""
    memberships = (
        Membership.objects.filter(partnership=partnership)
        .select_related("user", "side__city")
        .order_by("-created_at")[:limit]
    )
    url = reverse("partnerships:members", args=[partnership.slug])
    return [
        Event(membership.created_at, _("Joined"), str(membership), url)
        for membership in memberships
    ]
