"""The aid API's contract: what members send and receive, independent of how models store it.

Quantities and amounts are decimals (sent as JSON strings, to keep them exact). Sensitive fields
(`address`, `critical_infrastructure`) are null unless `sensitive_shown` is true for the row.
What comes in is bounded: text (`Text`, without NUL characters) to a length, ids (`Id`) to what
the database holds, item lines to `LINES_MAX` per need or offer.
"""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool

from pobratym.core.inputs import TEXT_MAX_LENGTH, Id, Text
from pobratym.directory.models import NAME_MAX_LENGTH, OrganisationKind

from .models import (
    LINES_MAX,
    SPECIFICATION_MAX_LENGTH,
    Condition,
    Currency,
    InstitutionType,
    NeedKind,
    NeedStatus,
    OfferStatus,
    Priority,
    Sector,
    ShipmentStatus,
    Unit,
)

QUANTITY = {"max_digits": 14, "decimal_places": 3}
MONEY = {"max_digits": 14, "decimal_places": 2}


class ErrorOut(Schema):
    code: str
    message: str


class InvalidOut(ErrorOut):
    """A request that does not fit the schema; `errors` says where (pydantic's list)."""

    errors: list[dict]


# --- needs ---


class NeedFilters(Schema):
    status: NeedStatus | None = None
    kind: NeedKind | None = None
    sector: Sector | None = None
    priority: Priority | None = None
    needed_from: date | None = Field(
        None, alias="from", description="Only needs wanted by this day or later."
    )
    needed_until: date | None = Field(
        None, alias="to", description="Only needs wanted by this day or earlier."
    )


class NeedLineIn(Schema):
    item: Text = Field(min_length=1, max_length=300)
    specification: Text = Field("", max_length=SPECIFICATION_MAX_LENGTH)
    quantity: Decimal = Field(gt=0, **QUANTITY)
    unit: Unit


class NeedIn(Schema):
    kind: NeedKind
    sector: Sector
    title: Text = Field(min_length=1, max_length=300)
    description: Text = Field("", max_length=TEXT_MAX_LENGTH)
    priority: Priority = Priority.NORMAL
    institution: Text = Field(min_length=1, max_length=300)
    institution_type: InstitutionType
    area: Text = Field(min_length=1, max_length=200, description="City or district.")
    address: Text = Field("", max_length=500, description="Exact address; sensitive.")
    critical_infrastructure: bool = False
    needed_by: date | None = None
    lines: list[NeedLineIn] = Field(min_length=1, max_length=LINES_MAX)


class NeedChangeIn(Schema):
    """A correction of a need: `revision` is the one your change is built on (from the need
    as you last read it); the fields you send are changed, the others stay. If the need was
    changed since, nothing is saved and the answer is 409 `stale_revision` with the need as
    it is now in `current`."""

    model_config = ConfigDict(extra="forbid")

    revision: int = Field(ge=1, le=2_147_483_647, description="The revision you read.")
    kind: NeedKind | None = None
    sector: Sector | None = None
    title: Text | None = Field(None, min_length=1, max_length=300)
    description: Text | None = Field(None, max_length=TEXT_MAX_LENGTH)
    priority: Priority | None = None
    institution: Text | None = Field(None, min_length=1, max_length=300)
    institution_type: InstitutionType | None = None
    area: Text | None = Field(None, min_length=1, max_length=200)
    address: Text | None = Field(None, max_length=500, description="Sensitive.")
    critical_infrastructure: bool | None = None
    needed_by: date | None = None


class StaleOut(ErrorOut):
    """An edit built on an older revision: `current` holds the record's `revision` now and
    its editable fields as stored (a related record by its id)."""

    current: dict


class PublishIn(Schema):
    """Visibility is changed only by an explicit true or false, nothing else."""

    model_config = ConfigDict(extra="forbid")

    public: StrictBool


class NeedOut(Schema):
    id: int
    revision: int = Field(description="Send it back with a change (PATCH); see NeedChangeIn.")
    side: int = Field(description="Position of the receiving side: 1 or 2.")
    kind: NeedKind
    sector: Sector
    title: str
    priority: Priority
    institution: str
    institution_type: InstitutionType
    area: str
    needed_by: date | None
    public: bool
    status: NeedStatus
    requested: Decimal = Field(description="Sum over lines; meaningful when units agree.")
    pledged: Decimal
    line_count: int
    created_at: datetime
    sensitive_shown: bool
    address: str | None
    critical_infrastructure: bool | None

    @staticmethod
    def resolve_side(need) -> int:
        return need.side.position

    @staticmethod
    def resolve_address(need) -> str | None:
        return need.address if need.sensitive_shown else None

    @staticmethod
    def resolve_critical_infrastructure(need) -> bool | None:
        return need.critical_infrastructure if need.sensitive_shown else None


class NeedLineOut(Schema):
    id: int
    item: str
    specification: str
    unit: Unit
    requested: Decimal
    pledged: Decimal
    shipped: Decimal | None = Field(description="Null until shipments are counted.")
    received: Decimal | None = Field(description="Null until receipts are counted.")
    outstanding: Decimal = Field(description="Requested minus pledged.")

    @staticmethod
    def resolve_requested(line) -> Decimal:
        return line.quantity

    @staticmethod
    def resolve_shipped(line) -> Decimal | None:
        return getattr(line, "shipped", None)

    @staticmethod
    def resolve_received(line) -> Decimal | None:
        return getattr(line, "received", None)


class NeedDetailOut(NeedOut):
    description: str
    closure: str = Field(description='"closed", "cancelled", or "" while pursued.')
    closed_at: datetime | None
    lines: list[NeedLineOut]

    @staticmethod
    def resolve_lines(need) -> list:
        return need.coverage


# --- offers ---


class OfferFilters(Schema):
    status: OfferStatus | None = None
    need_id: Id | None = None


class OfferLineIn(Schema):
    item: Text = Field(min_length=1, max_length=300)
    quantity: Decimal = Field(gt=0, **QUANTITY)
    unit: Unit
    condition: Condition = Condition.NEW
    estimated_value: Decimal = Field(Decimal(0), ge=0, **MONEY)
    currency: Currency = Currency.EUR
    expires_on: date | None = None
    need_line_id: Id | None = Field(None, description="A line of the offer's need.")


class OfferIn(Schema):
    """The donor is an organisation of your city in the directory: `donor_id`, or its name in
    `donor` (found in the directory by name, else added to it as of `donor_kind`)."""

    donor_id: Id | None = Field(None, description="An organisation of your city.")
    donor: Text = Field("", max_length=NAME_MAX_LENGTH, description="Or the donor's name.")
    donor_kind: OrganisationKind | None = Field(
        None, description="The type of a donor not yet in the directory."
    )
    note: Text = Field("", max_length=TEXT_MAX_LENGTH)
    need_id: Id | None = Field(None, description="Empty for a free offer.")
    lines: list[OfferLineIn] = Field(min_length=1, max_length=LINES_MAX)


class OfferLineOut(Schema):
    id: int
    item: str
    quantity: Decimal
    unit: Unit
    condition: Condition
    estimated_value: Decimal
    currency: Currency
    expires_on: date | None
    need_line_id: int | None


class OfferOut(Schema):
    id: int
    side: int = Field(description="Position of the donor side: 1 or 2.")
    donor: str = Field(description="The donor's name as written in the directory.")
    donor_id: int = Field(description="The donor, an organisation of the directory.")
    donor_kind: OrganisationKind
    need_id: int | None
    status: OfferStatus
    note: str
    decided_at: datetime | None
    created_at: datetime
    lines: list[OfferLineOut]

    @staticmethod
    def resolve_side(offer) -> int:
        return offer.side.position

    @staticmethod
    def resolve_donor(offer) -> str:
        return offer.donor.name

    @staticmethod
    def resolve_donor_kind(offer) -> str:
        return offer.donor.kind

    @staticmethod
    def resolve_lines(offer) -> list:
        return list(offer.lines.all())


class OfferLineDetailOut(OfferLineOut):
    pledged: Decimal
    remaining: Decimal = Field(description="Offered and not yet pledged.")


class OfferDetailOut(OfferOut):
    lines: list[OfferLineDetailOut]

    @staticmethod
    def resolve_lines(offer) -> list:
        return offer.line_rows


class MatchOut(Schema):
    """One `selectors.Match`: an offer line and the need line it fits."""

    offer_id: int
    offer_line_id: int
    need_line_id: int = Field(description="The need line this offer line fits.")
    donor: str
    item: str
    unit: Unit
    condition: Condition
    remaining: Decimal = Field(description="Offered and not yet pledged.")
    expires_on: date | None

    @staticmethod
    def resolve_offer_id(match) -> int:
        return match.offer_line.offer_id

    @staticmethod
    def resolve_offer_line_id(match) -> int:
        return match.offer_line.pk

    @staticmethod
    def resolve_need_line_id(match) -> int:
        return match.need_line.pk

    @staticmethod
    def resolve_donor(match) -> str:
        return match.offer_line.offer.donor.name

    @staticmethod
    def resolve_item(match) -> str:
        return match.offer_line.item

    @staticmethod
    def resolve_unit(match) -> str:
        return match.offer_line.unit

    @staticmethod
    def resolve_condition(match) -> str:
        return match.offer_line.condition

    @staticmethod
    def resolve_remaining(match) -> Decimal:
        return match.offer_line.remaining

    @staticmethod
    def resolve_expires_on(match) -> date | None:
        return match.offer_line.expires_on


# --- pledges ---


class PledgeIn(Schema):
    offer_line_id: Id
    need_line_id: Id
    quantity: Decimal = Field(gt=0, **QUANTITY)


class PledgeOut(Schema):
    id: int
    offer_line_id: int
    need_line_id: int
    quantity: Decimal
    confirmed_at: datetime


# --- shipments ---


class ShipmentFilters(Schema):
    status: ShipmentStatus | None = None


class ShipmentOut(Schema):
    id: int
    reference: str = Field(description="The shipment's number.")
    status: ShipmentStatus
    side: int = Field(alias="side.position", description="Position of the sending side: 1 or 2.")
    carrier: str | None = Field(description="The carrier's name, an organisation.")
    vehicle: str
    route: str = Field(description="As written, in `language`.")
    language: str
    planned_departure: date | None
    planned_arrival: date | None
    departed_on: date | None
    arrived_on: date | None
    package_count: int
    total_weight: Decimal = Field(description="Gross weight of its packages, in kg.")
    total_volume: Decimal = Field(description="Volume of its packages, in m³.")
    revision: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_carrier(shipment) -> str | None:
        return shipment.carrier.name if shipment.carrier_id else None


class ShipmentStageOut(Schema):
    status: ShipmentStatus
    occurred_at: datetime
    note: str


class ShipmentLineOut(Schema):
    need_id: int = Field(alias="pledge.need_line.need_id")
    need_line_id: int = Field(alias="pledge.need_line_id")
    item: str = Field(alias="pledge.offer_line.item")
    quantity: Decimal
    unit: Unit = Field(alias="pledge.offer_line.unit")
    package: int | None = Field(description="The package's number, or null when loose.")

    @staticmethod
    def resolve_package(line) -> int | None:
        return line.package.number if line.package_id else None


class ShipmentDetailOut(ShipmentOut):
    note: str
    receiving_side: int | None = Field(description="Position of the receiving side.")
    stages: list[ShipmentStageOut] = Field(description="What happened to it, oldest first.")
    lines: list[ShipmentLineOut]

    @staticmethod
    def resolve_receiving_side(shipment) -> int | None:
        side = shipment.receiving_side
        return side.position if side else None

    @staticmethod
    def resolve_stages(shipment) -> list:
        return shipment.event_rows

    @staticmethod
    def resolve_lines(shipment) -> list:
        return shipment.line_rows
