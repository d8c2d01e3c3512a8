"""Humanitarian aid: needs of the receiving side with their item lines, offers of donors with
theirs, and pledges, the confirmed matches of an offer line to a need line.

A need's status (open, partly covered, covered) is not stored: selectors compute it in SQL from
its pledges; only closing and cancelling are stored, as they are decisions, not sums.
Shipments and receipts come later and will extend the computed status.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from pobratym.core.models import BaseModel
from pobratym.partnerships.models import Partnership, Side

QUANTITY = {"max_digits": 14, "decimal_places": 3}
MONEY = {"max_digits": 14, "decimal_places": 2}


def item_key_of(item: str) -> str:
    """The item name as matching compares it: case and spacing ignored, also for Cyrillic
    (SQLite's LOWER() folds ASCII only, so matching uses this stored key instead)."""
    return " ".join(item.casefold().split())


class NeedKind(models.TextChoices):
    GOODS = "goods", _("goods")
    EQUIPMENT = "equipment", _("equipment")
    VEHICLE = "vehicle", _("vehicle")
    MEDICAL = "medical", _("medical supplies")
    ENERGY = "energy", _("energy")
    SHELTER = "shelter", _("shelter")
    WASH = "wash", _("water and sanitation")
    EDUCATION = "education", _("education")
    EXPERTISE = "expertise", _("expertise")
    FUNDING = "funding", _("funding")


class Sector(models.TextChoices):
    """Humanitarian sectors after the IASC cluster names, as HXL's #sector uses them."""

    HEALTH = "health", _("Health")
    SHELTER = "shelter", _("Shelter")
    WASH = "wash", _("Water, sanitation and hygiene (WASH)")
    ENERGY = "energy", _("Energy")
    EDUCATION = "education", _("Education")
    FOOD = "food", _("Food security")
    LOGISTICS = "logistics", _("Logistics")
    PROTECTION = "protection", _("Protection")
    EARLY_RECOVERY = "early_recovery", _("Early recovery")
    OTHER = "other", pgettext_lazy("sector", "Other")


class Priority(models.TextChoices):
    URGENT = "urgent", _("urgent")
    HIGH = "high", _("high")
    NORMAL = "normal", _("normal")
    LOW = "low", _("low")


class InstitutionType(models.TextChoices):
    HOSPITAL = "hospital", _("hospital")
    SCHOOL = "school", _("school")
    UTILITY = "utility", _("utility")
    ADMINISTRATION = "administration", _("administration")
    CIVIL_PROTECTION = "civil_protection", _("civil protection")
    SOCIAL_SERVICES = "social_services", _("social services")
    OTHER = "other", pgettext_lazy("institution", "other")


class Closure(models.TextChoices):
    """How a need was ended by a decision; blank while it is pursued."""

    NONE = "", _("not ended")
    CLOSED = "closed", pgettext_lazy("need", "closed")
    CANCELLED = "cancelled", pgettext_lazy("need", "cancelled")


class NeedStatus(models.TextChoices):
    """Computed by selectors; never stored."""

    OPEN = "open", pgettext_lazy("need", "open")
    PARTLY_COVERED = "partly_covered", _("partly covered")
    COVERED = "covered", _("covered")
    CLOSED = "closed", pgettext_lazy("need", "closed")
    CANCELLED = "cancelled", pgettext_lazy("need", "cancelled")


class Unit(models.TextChoices):
    PIECE = "piece", _("piece")
    PALLET = "pallet", _("pallet")
    BOX = "box", _("box")
    KG = "kg", _("kg")
    TONNE = "t", _("t")
    LITRE = "l", _("l")
    METRE = "m", _("m")
    SQUARE_METRE = "m2", _("m²")
    SET = "set", _("set")
    PACK = "pack", _("pack")
    HOUR = "hour", _("hour")
    EUR = "EUR", _("EUR")


class DonorType(models.TextChoices):
    DEPARTMENT = "department", _("city department")
    COMPANY = "company", _("company")
    NGO = "ngo", _("NGO")
    MUNICIPAL_SUBSIDIARY = "municipal_subsidiary", _("municipal subsidiary")
    PRIVATE = "private", _("private donor")


class OfferStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("offer", "open")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Condition(models.TextChoices):
    NEW = "new", _("new")
    USED_GOOD = "used_good", _("used, good")
    USED_FAIR = "used_fair", _("used, fair")


class Currency(models.TextChoices):
    EUR = "EUR", _("euro")


def _choices(field: str, choices) -> Q:
    return Q(**{f"{field}__in": choices.values})


class Need(BaseModel):
    """What the receiving side asks for: one institution, one sector, one or more item lines."""

    Kind = NeedKind
    Sector = Sector
    Priority = Priority
    InstitutionType = InstitutionType
    Closure = Closure
    Status = NeedStatus

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="needs", verbose_name=_("partnership")
    )
    side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="needs", verbose_name=_("receiving side")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NeedKind.choices)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    institution = models.CharField(_("recipient institution"), max_length=300)
    institution_type = models.CharField(
        _("type of institution"), max_length=20, choices=InstitutionType.choices
    )
    area = models.CharField(
        _("area"), max_length=200, help_text=_("City or district; never an exact address.")
    )
    # Sensitive: shown only to those allowed `aid.view_sensitive`, never in open data.
    address = models.CharField(_("exact address"), max_length=500, blank=True)
    critical_infrastructure = models.BooleanField(_("critical infrastructure"), default=False)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Only a coordinator of the receiving side makes a need public."),
    )
    closure = models.CharField(
        _("ended as"), max_length=10, choices=Closure.choices, blank=True, editable=False
    )
    closed_at = models.DateTimeField(_("ended"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("posted by"),
    )
    # Chosen by the form or API client: the same request sent twice creates one need.
    idempotency_key = models.UUIDField(editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["partnership", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=_choices("kind", NeedKind), name="need_kind"),
            models.CheckConstraint(condition=_choices("sector", Sector), name="need_sector"),
            models.CheckConstraint(condition=_choices("priority", Priority), name="need_priority"),
            models.CheckConstraint(
                condition=_choices("institution_type", InstitutionType),
                name="need_institution_type",
            ),
            models.CheckConstraint(condition=_choices("closure", Closure), name="need_closure"),
            models.CheckConstraint(
                condition=Q(closure="", closed_at__isnull=True)
                | (~Q(closure="") & Q(closed_at__isnull=False)),
                name="need_closed_with_time",
            ),
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"], name="need_created_once"
            ),
        ]
        indexes = [models.Index(fields=["partnership", "sector", "priority"])]

    def __str__(self) -> str:
        return self.title


class NeedLine(BaseModel):
    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, related_name="lines", verbose_name=_("need")
    )
    item = models.CharField(_("item"), max_length=300)
    item_key = models.CharField(max_length=300, editable=False, db_index=True)
    specification = models.TextField(_("specification"), blank=True)
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need line")
        verbose_name_plural = _("need lines")
        ordering = ["need", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="need_line_quantity_positive"),
            models.CheckConstraint(condition=_choices("unit", Unit), name="need_line_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.get_unit_display()} {self.item}"


class Offer(BaseModel):
    """What a donor offers: against one need, or freely for the receiving side to accept."""

    DonorType = DonorType
    Status = OfferStatus

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="offers", verbose_name=_("partnership")
    )
    side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="offers", verbose_name=_("donor side")
    )
    donor = models.CharField(_("donor"), max_length=300)
    donor_type = models.CharField(_("type of donor"), max_length=30, choices=DonorType.choices)
    need = models.ForeignKey(
        Need,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("need"),
        help_text=_("Leave empty for a free offer."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("offered by"),
    )
    idempotency_key = models.UUIDField(editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["partnership", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=_choices("donor_type", DonorType), name="offer_donor_type"
            ),
            models.CheckConstraint(condition=_choices("status", OfferStatus), name="offer_status"),
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"], name="offer_created_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.donor}: {self.pk}"


class OfferLine(BaseModel):
    Condition = Condition

    offer = models.ForeignKey(
        Offer, on_delete=models.CASCADE, related_name="lines", verbose_name=_("offer")
    )
    need_line = models.ForeignKey(
        NeedLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offer_lines",
        verbose_name=_("for need line"),
    )
    item = models.CharField(_("item"), max_length=300)
    item_key = models.CharField(max_length=300, editable=False, db_index=True)
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    condition = models.CharField(
        _("condition"), max_length=10, choices=Condition.choices, default=Condition.NEW
    )
    estimated_value = models.DecimalField(_("estimated value"), default=0, **MONEY)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR
    )
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("For medical goods.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offer line")
        verbose_name_plural = _("offer lines")
        ordering = ["offer", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="offer_line_quantity_positive"
            ),
            models.CheckConstraint(condition=_choices("unit", Unit), name="offer_line_unit"),
            models.CheckConstraint(
                condition=_choices("condition", Condition), name="offer_line_condition"
            ),
            models.CheckConstraint(
                condition=Q(estimated_value__gte=0), name="offer_line_value_not_negative"
            ),
            models.CheckConstraint(
                condition=_choices("currency", Currency), name="offer_line_currency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.get_unit_display()} {self.item}"


class Pledge(BaseModel):
    """A coordinator of the receiving side confirmed that this much of an offer line serves
    this need line."""

    offer_line = models.ForeignKey(
        OfferLine, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("offer line")
    )
    need_line = models.ForeignKey(
        NeedLine, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("need line")
    )
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["need_line", "confirmed_at"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="pledge_quantity_positive"),
            models.UniqueConstraint(fields=["offer_line", "need_line"], name="pledge_once"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} → {self.need_line}"
