"""Cities, partnerships between two of them, their sides, members, invitations, focus areas,
and the members' personal API tokens.

City, Partnership and FocusArea get their history in translation.py, after their translated
fields exist, so the audit keeps every language.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel, Revised


class City(BaseModel):
    name = models.CharField(pgettext_lazy("thing", "name"), max_length=200)
    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnershipKind(models.TextChoices):
    SOLIDARITY = "solidarity", _("solidarity partnership")
    TWINNING = "twinning", _("twinning")
    FRIENDSHIP = "friendship", _("friendship")
    COOPERATION = "cooperation", _("cooperation")


class PartnershipStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACTIVE = "active", _("active")
    SUSPENDED = "suspended", _("suspended")
    ENDED = "ended", _("ended")


class Partnership(Revised, BaseModel):
    Kind = PartnershipKind
    Status = PartnershipStatus

    slug = models.SlugField(_("short name in addresses"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("since"), null=True, blank=True)
    cities = models.ManyToManyField(City, through="Side", related_name="partnerships")

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PartnershipKind.values), name="partnership_kind"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PartnershipStatus.values),
                name="partnership_status",
            ),
        ]

    def __str__(self) -> str:
        return " – ".join(side.city.name for side in self.sides.all()) or self.slug


class Side(BaseModel):
    """One city's side of a partnership; every partnership has exactly two."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="sides", verbose_name=_("partnership")
    )
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="sides", verbose_name=_("city")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("side")
        verbose_name_plural = _("sides")
        ordering = ["partnership", "position"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "city"], name="side_city_once"),
            models.UniqueConstraint(fields=["partnership", "position"], name="side_position_once"),
            models.CheckConstraint(condition=Q(position__in=[1, 2]), name="side_position_1_or_2"),
        ]

    def __str__(self) -> str:
        return str(self.city)


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("coordinator")
    STAFF = "staff", _("staff")
    SIGNATORY = "signatory", _("signatory")
    PARTNER = "partner", _("partner organisation")
    OBSERVER = "observer", _("observer")


ROLES_REQUIRING_TWO_FACTOR = (Role.COORDINATOR, Role.SIGNATORY)


class SideRecord(BaseModel):
    """A record of one side of a partnership, in one role (the partnership kept for constraints)."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
        verbose_name=_("partnership"),
    )
    side = models.ForeignKey(
        Side, on_delete=models.CASCADE, related_name="%(class)ss", verbose_name=_("side")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        abstract = True


class Membership(SideRecord):
    """A person on one side of a partnership, with one role there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    position = models.CharField(_("position or organisation"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["side__position", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"], name="membership_once"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.side})"


class Invitation(SideRecord):
    """An e-mailed invitation to join one side in one role; it expires."""

    email = models.EmailField(_("e-mail address"))
    language = models.CharField(
        _("language of the invitation"), max_length=8, choices=settings.LANGUAGES
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_pending_per_email",
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="invitation_role"),
        ]

    def __str__(self) -> str:
        return self.email


class FocusArea(Revised, BaseModel):
    """A field the partnership works in, e.g. humanitarian aid or digitalisation."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="focus_areas",
        verbose_name=_("partnership"),
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(pgettext_lazy("thing", "name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["partnership", "position", "key"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="focus_area_key_once"),
        ]

    def __str__(self) -> str:
        return self.name


# What people may edit of a partnership and of a focus area (forms and services alike).
PARTNERSHIP_FIELDS = (
    "kind",
    "status",
    "started_on",
    "description_de",
    "description_uk",
    "description_en",
)
FOCUS_AREA_FIELDS = ("key", "name_de", "name_uk", "name_en", "position")


class ApiTokenScope(models.TextChoices):
    READ = "read", _("read only")
    WRITE = "write", _("read and write")


class ApiToken(CreatedOnce, BaseModel):
    """A member's personal key to the API, for a script or another program: it acts as the
    person, limited to reading (or not) and to one partnership (or all of theirs). Only the
    SHA-256 of the secret is stored; the secret is shown once, when it is made. A revoked
    token opens nothing, for good."""

    Scope = ApiTokenScope

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(
        pgettext_lazy("thing", "name"),
        max_length=100,
        help_text=_("What it is for, so you recognise it later: “Monthly report script”."),
    )
    scope = models.CharField(
        _("access"), max_length=10, choices=ApiTokenScope.choices, default=ApiTokenScope.READ
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partnership"),
        help_text=_("Empty: every partnership you are a member of."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["token_hash", "last_used_at"])

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["user", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=ApiTokenScope.values), name="api_token_scope"
            ),
            models.UniqueConstraint(
                fields=["user", "idempotency_key"], name="api_token_created_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.name}"

    @property
    def writes(self) -> bool:
        return self.scope == ApiTokenScope.WRITE
