"""Humanitarian aid: needs of the receiving side with their item lines, offers of donors with
theirs, and pledges, the confirmed matches of an offer line to a need line.

A need's status (open, partly covered, covered) is not stored: selectors compute it in SQL from
its pledges; only closing and cancelling are stored, as they are decisions, not sums.
Shipments carry quantities of pledges; goods received notes confirm what arrived of each
shipment line, so every item received traces back to its pledge, offer line and donor.
"""

from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel, Revised
from pobratym.directory.models import Organisation
from pobratym.partnerships.models import Partnership, Side
from pobratym.translation.models import Translatable

QUANTITY = {"max_digits": 14, "decimal_places": 3}
MONEY = {"max_digits": 14, "decimal_places": 2}
# What a person may send, the same on the pages, in the API and in imports (a text column
# holds any length, so the bounds live where input comes in; core.inputs has the general ones).
LINES_MAX = 200
SPECIFICATION_MAX_LENGTH = 2_000


def item_key_of(item: str) -> str:
    """The item name as matching compares it: case and spacing ignored, also for Cyrillic
    (SQLite's LOWER() folds ASCII only, so matching uses this stored key instead)."""
    return " ".join(item.casefold().split())


class NeedKind(models.TextChoices):
    """The form the help takes. What it is for is the sector: kinds never repeat a sector."""

    GOODS = "goods", _("goods and supplies")
    EQUIPMENT = "equipment", _("equipment")
    VEHICLE = "vehicle", _("vehicle")
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
    DELIVERED = "delivered", pgettext_lazy("need", "delivered")
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


class OfferStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("offer", "open")
    ACCEPTED = "accepted", pgettext_lazy("offer", "accepted")
    DECLINED = "declined", pgettext_lazy("offer", "declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("offer", "withdrawn")


class Condition(models.TextChoices):
    NEW = "new", _("new")
    USED_GOOD = "used_good", _("used, good")
    USED_FAIR = "used_fair", _("used, fair")


class Currency(models.TextChoices):
    EUR = "EUR", _("euro")


def _choices(field: str, choices) -> Q:
    return Q(**{f"{field}__in": choices.values})


class Need(Revised, CreatedOnce, Translatable, BaseModel):
    """What the receiving side asks for: one institution, one sector, one or more item lines."""

    translatable_fields = ("title", "description", "institution", "area")
    translate_permission = "aid.translate_need"

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

    def translation_parts(self) -> list:
        return list(self.lines.all())


class NeedLine(Translatable, BaseModel):
    translatable_fields = ("item", "specification")
    translate_permission = "aid.translate_need"

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

    def translation_owner(self):
        return self.need


class Offer(CreatedOnce, Translatable, BaseModel):
    """What a donor offers: against one need, or freely for the receiving side to accept."""

    translatable_fields = ("note",)
    translate_permission = "aid.translate_offer"

    Status = OfferStatus

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="offers", verbose_name=_("partnership")
    )
    side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="offers", verbose_name=_("donor side")
    )
    # An organisation of the donor side in the directory; its kind says what the donor is
    # (a private person giving in their own name is one kind; decision 0019).
    donor = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="offers", verbose_name=_("donor")
    )
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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["partnership", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=_choices("status", OfferStatus), name="offer_status"),
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"], name="offer_created_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.donor.name}: {self.pk}"

    def translation_parts(self) -> list:
        return list(self.lines.all())


class OfferLine(Translatable, BaseModel):
    Condition = Condition

    translatable_fields = ("item",)
    translate_permission = "aid.translate_offer"

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

    def translation_owner(self):
        return self.offer


class Pledge(BaseModel):
    """A coordinator of the receiving side confirmed that this much of an offer line serves
    this need line."""

    # As core.idempotency's records: True on the pledge a call has just made.
    created_now = False

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


class ShipmentStatus(models.TextChoices):
    """A shipment's stage, in order; each is reached by a recorded event."""

    PLANNED = "planned", pgettext_lazy("shipment", "planned")
    PACKING = "packing", _("packing")
    IN_TRANSIT = "in_transit", _("in transit")
    AT_BORDER = "at_border", _("at the border")
    DELIVERED = "delivered", pgettext_lazy("shipment", "delivered")
    RECEIPT_CONFIRMED = "receipt_confirmed", _("receipt confirmed")


# From this stage on, a shipment's goods count as shipped.
DEPARTED = (
    ShipmentStatus.IN_TRANSIT,
    ShipmentStatus.AT_BORDER,
    ShipmentStatus.DELIVERED,
    ShipmentStatus.RECEIPT_CONFIRMED,
)


class PackageKind(models.TextChoices):
    PALLET = "pallet", _("pallet")
    BOX = "box", _("box")
    PARCEL = "parcel", _("parcel")
    CRATE = "crate", _("crate")
    LOOSE = "loose", _("loose item")


class Shipment(Revised, CreatedOnce, Translatable, BaseModel):
    """A consignment from the donor side to the receiving side, built from confirmed pledges."""

    Status = ShipmentStatus
    translatable_fields = ("route", "note")
    translate_permission = "aid.translate_shipment"

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="shipments",
        verbose_name=_("partnership"),
    )
    side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="shipments", verbose_name=_("sending side")
    )
    reference = models.CharField(
        _("waybill or consignment number"),
        max_length=100,
        blank=True,
        help_text=_("As the carrier or the sending office writes it."),
    )
    # An organisation of either city in the directory.
    carrier = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="shipments_carried",
        verbose_name=_("carrier"),
    )
    vehicle = models.CharField(
        _("vehicle"), max_length=200, blank=True, help_text=_("Type and registration number.")
    )
    route = models.CharField(
        _("route"), max_length=500, blank=True, help_text=_("For example Dortmund – Rava-Ruska.")
    )
    # The destination is the receiving side's city; the exact address of a need stays there.
    planned_departure = models.DateField(_("planned departure"), null=True, blank=True)
    planned_arrival = models.DateField(_("planned arrival"), null=True, blank=True)
    departed_on = models.DateField(_("departed"), null=True, blank=True)
    arrived_on = models.DateField(_("arrived"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ShipmentStatus.choices,
        default=ShipmentStatus.PLANNED,
        editable=False,
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("planned by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["partnership", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=_choices("status", ShipmentStatus), name="shipment_status"
            ),
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"],
                name="shipment_created_once",
            ),
            models.UniqueConstraint(
                fields=["partnership", "side", "reference"],
                condition=~Q(reference=""),
                name="shipment_reference_unique",
            ),
            models.CheckConstraint(
                condition=Q(planned_arrival__isnull=True)
                | Q(planned_departure__isnull=True)
                | Q(planned_arrival__gte=F("planned_departure")),
                name="shipment_planned_in_order",
                violation_error_message=_(
                    "The planned arrival cannot be before the planned departure."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.reference or gettext("Shipment %(id)s") % {"id": self.pk}

    def translation_parts(self) -> list:
        """The notes of its stages (a delay at the border), translated with it."""
        return [event for event in self.events.order_by("occurred_at", "pk") if event.note]


class Package(CreatedOnce, BaseModel):
    """A pallet, box or parcel of a shipment, numbered within it."""

    Kind = PackageKind

    shipment = models.ForeignKey(
        Shipment, on_delete=models.CASCADE, related_name="packages", verbose_name=_("shipment")
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=PackageKind.choices)
    gross_weight = models.DecimalField(
        _("gross weight (kg)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    volume = models.DecimalField(
        _("volume (m³)"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    marks = models.CharField(_("marks"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("package")
        verbose_name_plural = _("packages")
        ordering = ["shipment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["shipment", "number"], name="package_number_unique"),
            models.UniqueConstraint(
                fields=["shipment", "idempotency_key"], name="package_added_once"
            ),
            models.CheckConstraint(condition=_choices("kind", PackageKind), name="package_kind"),
            models.CheckConstraint(
                condition=Q(gross_weight__isnull=True) | Q(gross_weight__gt=0),
                name="package_weight_positive",
                violation_error_message=_("The gross weight must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=Q(volume__isnull=True) | Q(volume__gt=0),
                name="package_volume_positive",
                violation_error_message=_("The volume must be greater than zero."),
            ),
        ]

    @property
    def partnership_id(self) -> int:
        """Permissions ask every record for its partnership."""
        return self.shipment.partnership_id

    def __str__(self) -> str:
        return f"{self.number} ({self.get_kind_display()})"


class ShipmentLine(BaseModel):
    """A quantity of one pledge loaded on a shipment, optionally in one package; this is
    how every item received traces back to its donor and pledge."""

    shipment = models.ForeignKey(
        Shipment, on_delete=models.CASCADE, related_name="lines", verbose_name=_("shipment")
    )
    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, related_name="shipment_lines", verbose_name=_("pledge")
    )
    package = models.ForeignKey(
        Package,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("package"),
    )
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("shipment line")
        verbose_name_plural = _("shipment lines")
        ordering = ["shipment", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="shipment_line_quantity_positive"
            ),
            models.UniqueConstraint(
                fields=["shipment", "pledge", "package"],
                condition=Q(package__isnull=False),
                name="shipment_line_once_per_package",
            ),
            models.UniqueConstraint(
                fields=["shipment", "pledge"],
                condition=Q(package__isnull=True),
                name="shipment_line_once_unpacked",
            ),
        ]

    @property
    def partnership_id(self) -> int:
        """Permissions ask every record for its partnership."""
        return self.shipment.partnership_id

    def __str__(self) -> str:
        return f"{self.quantity} × {self.pledge_id}"


class ShipmentEvent(Translatable, BaseModel):
    """A stage a shipment reached, when, and a note (border waiting time, a delay)."""

    translatable_fields = ("note",)
    translate_permission = "aid.translate_shipment"

    shipment = models.ForeignKey(
        Shipment, on_delete=models.CASCADE, related_name="events", verbose_name=_("shipment")
    )
    status = models.CharField(_("status"), max_length=20, choices=ShipmentStatus.choices)
    occurred_at = models.DateTimeField(_("time"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("shipment event")
        verbose_name_plural = _("shipment events")
        ordering = ["shipment", "occurred_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=_choices("status", ShipmentStatus), name="shipment_event_status"
            ),
            models.UniqueConstraint(fields=["shipment", "status"], name="shipment_event_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    def translation_owner(self):
        return self.shipment


class GoodsReceivedNote(Translatable, BaseModel):
    """The receiving side's confirmation of what arrived, under its own number."""

    translatable_fields = ("note",)
    translate_permission = "aid.translate_shipment"

    shipment = models.OneToOneField(
        Shipment,
        on_delete=models.PROTECT,
        related_name="receipt",
        verbose_name=_("shipment"),
    )
    number = models.CharField(_("number of the goods received note"), max_length=100)
    received_on = models.DateField(_("received on"))
    received_by = models.CharField(
        _("received by"), max_length=300, help_text=_("Name and position of who took delivery.")
    )
    scan = models.FileField(_("signed note (scan)"), upload_to="aid/receipts/", blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goods received note")
        verbose_name_plural = _("goods received notes")
        ordering = ["-received_on", "-pk"]

    @property
    def partnership_id(self) -> int:
        """Permissions ask every record for its partnership."""
        return self.shipment.partnership_id

    def __str__(self) -> str:
        return self.number

    # Translated on its own page (its lines with it): it is written by the receiving side,
    # often in another language than the shipment it confirms.
    def translation_parts(self) -> list:
        return list(self.lines.all())


class ArrivalState(models.TextChoices):
    INTACT = "intact", _("intact")
    DAMAGED = "damaged", _("damaged")
    UNUSABLE = "unusable", _("unusable")


class ReceiptLine(Translatable, BaseModel):
    """What arrived of one shipment line. Less than shipped is missing, more is a surplus,
    a damaged or unusable state is a discrepancy too; each stays open until resolved."""

    State = ArrivalState
    translatable_fields = ("remark", "resolution")
    translate_permission = "aid.translate_shipment"

    receipt = models.ForeignKey(
        GoodsReceivedNote,
        on_delete=models.CASCADE,
        related_name="lines",
        verbose_name=_("goods received note"),
    )
    shipment_line = models.OneToOneField(
        ShipmentLine,
        on_delete=models.PROTECT,
        related_name="receipt_line",
        verbose_name=_("shipment line"),
    )
    quantity = models.DecimalField(_("quantity received"), **QUANTITY)
    state = models.CharField(
        _("state"), max_length=10, choices=ArrivalState.choices, default=ArrivalState.INTACT
    )
    remark = models.TextField(_("remark"), blank=True)
    resolved_at = models.DateTimeField(_("discrepancy resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolution = models.TextField(_("resolution"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("received line")
        verbose_name_plural = _("received lines")
        ordering = ["receipt", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="receipt_line_quantity_not_negative"
            ),
            models.CheckConstraint(
                condition=_choices("state", ArrivalState), name="receipt_line_state"
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True, resolved_by__isnull=True)
                | Q(resolved_at__isnull=False, resolved_by__isnull=False),
                name="receipt_line_resolved_by_whom",
            ),
        ]

    @property
    def partnership_id(self) -> int:
        """Permissions ask every record for its partnership."""
        return self.receipt.shipment.partnership_id

    def __str__(self) -> str:
        return f"{self.quantity} ({self.get_state_display()})"

    def translation_owner(self):
        return self.receipt


class ReceiptPhoto(BaseModel):
    """A photo of what arrived; re-encoded on upload, so no GPS or camera data remain."""

    receipt = models.ForeignKey(
        GoodsReceivedNote,
        on_delete=models.CASCADE,
        related_name="photos",
        verbose_name=_("goods received note"),
    )
    line = models.ForeignKey(
        ReceiptLine,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("received line"),
    )
    file = models.FileField(_("photo"), upload_to="aid/photos/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["receipt", "pk"]

    def __str__(self) -> str:
        return Path(self.file.name).name
