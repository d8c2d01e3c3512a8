"""The benchmark's partnerships with their members, and their aid: needs with item lines,
offers, pledges, shipments and goods received notes, as many as a busy year would hold.
`bench.data.generate` runs it partnership by partnership with the other domains.

People and partnerships go through the services, as users make them. The bulk of aid records
is written with `bulk_create`, so 200,000 lines take a minute rather than an hour: no audit
history is written for them, and every value a service would check is valid by construction
(units match, pledges never exceed what is offered or needed, item keys as `item_key_of`).
The same seed gives the same records, dated relative to `today`.
"""

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import pairwise

from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.aid import models as aid
from pobratym.aid.models import item_key_of
from pobratym.directory.models import Organisation, key_of
from pobratym.partnerships import services as partnership_services
from pobratym.partnerships.demo import FOCUS_AREAS
from pobratym.partnerships.models import City, FocusArea, Partnership, Role, Side

SLUG_PREFIX = "bench-"
BATCH = 2000
# Published on purpose, like the demo's: benchmark coordinators need a second factor set up.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

DONOR_CITIES = [
    ("Dortmund", "North Rhine-Westphalia"),
    ("Münster", "North Rhine-Westphalia"),
    ("Leipzig", "Saxony"),
    ("Kassel", "Hesse"),
    ("Freiburg", "Baden-Württemberg"),
]
RECEIVING_CITIES = [
    ("Zhytomyr", "Zhytomyr Oblast"),
    ("Chernihiv", "Chernihiv Oblast"),
    ("Mykolaiv", "Mykolaiv Oblast"),
    ("Kharkiv", "Kharkiv Oblast"),
    ("Kherson", "Kherson Oblast"),
]
DISTRICTS = ["centre", "north", "south", "east", "west", "Bohunskyi district", "Korolovskyi"]

# sector: (kind, institution type, items as (name, unit))
CATALOGUE = {
    "health": (
        "goods",
        "hospital",
        [
            ("Bandage", "box"),
            ("Surgical gloves", "box"),
            ("Saline solution", "l"),
            ("Defibrillator", "piece"),
            ("Hospital bed", "piece"),
            ("Бинт стерильний", "pack"),
            ("Verbandmaterial", "box"),
            ("Insulin", "pack"),
        ],
    ),
    "energy": (
        "equipment",
        "utility",
        [
            ("Diesel generator 100 kVA", "piece"),
            ("Power cable", "m"),
            ("Transformer", "piece"),
            ("Diesel fuel", "l"),
            ("Генератор", "piece"),
            ("Solar panel", "piece"),
        ],
    ),
    "shelter": (
        "goods",
        "administration",
        [
            ("Blanket", "piece"),
            ("Sleeping bag", "piece"),
            ("OSB board", "m2"),
            ("Roofing felt", "m2"),
            ("Ковдра", "piece"),
            ("Heater", "piece"),
        ],
    ),
    "wash": (
        "goods",
        "utility",
        [
            ("Water purification tablets", "pack"),
            ("Water tank 1000 l", "piece"),
            ("Pump", "piece"),
            ("Chlorine", "kg"),
            ("Hygiene kit", "set"),
        ],
    ),
    "education": (
        "equipment",
        "school",
        [
            ("Laptop", "piece"),
            ("School desk", "piece"),
            ("Exercise book", "pack"),
            ("Projector", "piece"),
        ],
    ),
    "food": (
        "goods",
        "social_services",
        [("Flour", "kg"), ("Canned meat", "box"), ("Baby food", "box"), ("Rice", "kg")],
    ),
    "logistics": (
        "vehicle",
        "civil_protection",
        [("Ambulance", "piece"), ("Fire engine", "piece"), ("Pallet truck", "piece")],
    ),
    "protection": (
        "equipment",
        "civil_protection",
        [("Helmet", "piece"), ("Protective vest", "piece"), ("First aid kit", "set")],
    ),
    "early_recovery": (
        "expertise",
        "administration",
        [("Structural engineer", "hour"), ("Window glass", "m2"), ("Cement", "t")],
    ),
}
# Health needs are the most common, so the benchmark's `?sector=health` has several pages.
SECTOR_WEIGHTS = {"health": 4, "energy": 2, "shelter": 2, "wash": 1, "education": 1}
SPECIFICATIONS = ["", "", "", "new or used in good condition", "CE marked", "size M", "230 V"]
# Donors and carriers are organisations of the directory (decision 0019), of the donor city.
DONORS = [
    ("Klinikum Dortmund", "municipal_subsidiary"),
    ("Stadtwerke", "municipal_subsidiary"),
    ("Feuerwehr", "administration"),
    ("Rotes Kreuz Ortsverein", "civil_society"),
    ("Müller Logistik GmbH", "company"),
    ("Bürgerstiftung", "civil_society"),
    ("Private donor", "private_person"),
]
CARRIERS = [("THW", "administration"), ("Nova Poshta", "company")]
SHIPMENT_STAGES = list(aid.ShipmentStatus)


@dataclass
class Counts:
    partnerships: int = 0
    people: int = 0
    needs: int = 0
    need_lines: int = 0
    offers: int = 0
    offer_lines: int = 0
    pledges: int = 0
    shipments: int = 0
    shipment_lines: int = 0
    receipts: int = 0
    receipt_lines: int = 0

    def __str__(self) -> str:
        return ", ".join(
            f"{value:,} {name.replace('_', ' ')}" for name, value in vars(self).items()
        )


@contextmanager
def timestamps_as_given(*models) -> Iterator[None]:
    """`bulk_create` would stamp every record "now"; real records spread over a year (the
    dashboard counts them by month), so the generator's own times are kept while it runs."""
    fields = [m._meta.get_field(name) for m in models for name in ("created_at", "updated_at")]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class Generator:
    def __init__(self, seed: int, today: date):
        self.random = random.Random(seed)  # noqa: S311 - repeatable data, not secrets
        self.today = today
        self.counts = Counts()
        sectors = list(CATALOGUE)
        self.sectors = sectors
        self.sector_weights = [SECTOR_WEIGHTS.get(sector, 1) for sector in sectors]

    def key(self) -> uuid.UUID:
        return uuid.UUID(int=self.random.getrandbits(128), version=4)

    def moment(self, after: datetime | None = None, days: int = 365) -> datetime:
        """A time within `days` before today, or within `days` after `after` (not later
        than the end of today)."""
        end = timezone.make_aware(datetime.combine(self.today, time(23, 59)))
        start = after or end - timedelta(days=days)
        span = min((end - start).total_seconds(), days * 86400)
        return start + timedelta(seconds=self.random.uniform(0, max(span, 0)))

    def person(self, partnership: Partnership, side: Side, role: str, number: int) -> User:
        email = f"{role}{number}.side{side.position}.{partnership.slug}@bench.example.org"
        # Saved directly, without a password: the benchmark signs in with a session, and
        # hashing (and validating the time zone of) hundreds of people would dominate the run.
        user = User(email=email, name=f"{role.title()} {number}")
        user.set_unusable_password()
        user.save()
        partnership_services.membership_add(side=side, user=user, role=role)
        if role == Role.COORDINATOR:
            TOTP.activate(user, TOTP_SECRET)
        self.counts.people += 1
        return user

    def partnership(self, number: int) -> tuple[Partnership, dict]:
        donor_name, donor_region = DONOR_CITIES[number % len(DONOR_CITIES)]
        receiver_name, receiver_region = RECEIVING_CITIES[number % len(RECEIVING_CITIES)]
        cities = []
        for name, region, country in (
            (donor_name, donor_region, "DE"),
            (receiver_name, receiver_region, "UA"),
        ):
            label = f"{name} {number}"
            cities.append(
                City.objects.create(
                    name_en=label,
                    name_de=label,
                    name_uk=label,
                    region_en=region,
                    region_de=region,
                    region_uk=region,
                    country=country,
                )
            )
        partnership = partnership_services.partnership_create(
            slug=f"{SLUG_PREFIX}{number:02d}",
            kind=Partnership.Kind.SOLIDARITY,
            status=Partnership.Status.ACTIVE,
            first_city=cities[0],
            second_city=cities[1],
        )
        FocusArea.objects.bulk_create(
            FocusArea(
                partnership=partnership, key=key, name_de=de, name_uk=uk, name_en=en, position=n
            )
            for n, (key, de, uk, en) in enumerate(FOCUS_AREAS, start=1)
        )
        donor_side, receiving_side = partnership.sides.order_by("position")
        people = {}
        for side in (donor_side, receiving_side):
            for role, how_many in ((Role.COORDINATOR, 1), (Role.STAFF, 2), (Role.OBSERVER, 1)):
                people[side.position, role] = [
                    self.person(partnership, side, role, n) for n in range(1, how_many + 1)
                ]
        self.counts.partnerships += 1
        made_by = people[1, Role.COORDINATOR][0]
        organisations = {
            name: Organisation.objects.create(
                partnership=partnership,
                side=donor_side,
                name=name,
                name_key=key_of(name),
                kind=kind,
                language="de",
                created_by=made_by,
            )
            for name, kind in DONORS + CARRIERS
        }
        return partnership, {
            "donors": [organisations[name] for name, _kind in DONORS],
            "carriers": [
                organisations[name] for name in ("Müller Logistik GmbH", "THW", "Nova Poshta")
            ],
            "donor_side": donor_side,
            "receiving_side": receiving_side,
            "area": receiver_name,
            "people": people,
        }

    def needs(self, partnership: Partnership, context: dict, line_counts: list[int]) -> list:
        rng = self.random
        receiving = context["receiving_side"]
        posters = context["people"][2, Role.COORDINATOR] + context["people"][2, Role.STAFF]
        needs = []
        for number, _count in enumerate(line_counts, start=1):
            sector = rng.choices(self.sectors, self.sector_weights)[0]
            kind, institution_type, _items = CATALOGUE[sector]
            created = self.moment()
            closure = rng.choices(["", "closed", "cancelled"], [94, 4, 2])[0]
            needs.append(
                aid.Need(
                    partnership=partnership,
                    side=receiving,
                    kind=kind,
                    sector=sector,
                    title=f"{sector.replace('_', ' ').title()} need {number}",
                    description="Generated for the benchmark.",
                    priority=rng.choices(aid.Priority.values, [1, 3, 5, 1])[0],
                    institution=f"{institution_type.replace('_', ' ').title()} No. {number % 17}",
                    institution_type=institution_type,
                    area=f"{context['area']}, {rng.choice(DISTRICTS)}",
                    address=f"vul. Bench {number}" if rng.random() < 0.6 else "",
                    critical_infrastructure=rng.random() < 0.1,
                    needed_by=(created + timedelta(days=rng.randint(14, 120))).date()
                    if rng.random() < 0.8
                    else None,
                    public=rng.random() < 0.3,
                    closure=closure,
                    closed_at=self.moment(after=created) if closure else None,
                    created_by=rng.choice(posters),
                    idempotency_key=self.key(),
                    created_at=created,
                    updated_at=created,
                )
            )
        needs = aid.Need.objects.bulk_create(needs, batch_size=BATCH)
        lines = []
        for need, count in zip(needs, line_counts, strict=True):
            items = CATALOGUE[need.sector][2]
            for _ in range(count):
                item, unit = rng.choice(items)
                lines.append(
                    aid.NeedLine(
                        need=need,
                        item=item,
                        item_key=item_key_of(item),
                        specification=rng.choice(SPECIFICATIONS),
                        quantity=Decimal(rng.randint(1, 500)),
                        unit=unit,
                        created_at=need.created_at,
                        updated_at=need.created_at,
                    )
                )
        lines = aid.NeedLine.objects.bulk_create(lines, batch_size=BATCH)
        self.counts.needs += len(needs)
        self.counts.need_lines += len(lines)
        lines_of = {}
        for line in lines:
            lines_of.setdefault(line.need_id, []).append(line)
        return [(need, lines_of[need.pk]) for need in needs]

    def offers(self, partnership: Partnership, context: dict, needs: list) -> list:
        """Offers for about a third of the needs still pursued, most accepted and pledged;
        a few free offers still open. Returns the pledges."""
        rng = self.random
        donor_side = context["donor_side"]
        donors_people = context["people"][1, Role.COORDINATOR] + context["people"][1, Role.STAFF]
        deciders = context["people"][2, Role.COORDINATOR]
        offers, planned = [], []
        for need, lines in needs:
            if need.closure == "cancelled" or rng.random() > 0.35:
                continue
            created = self.moment(after=need.created_at, days=30)
            accepted = rng.random() < 0.8
            offer = aid.Offer(
                partnership=partnership,
                side=donor_side,
                donor=rng.choice(context["donors"]),
                need=need,
                status="accepted" if accepted else "open",
                decided_by=rng.choice(deciders) if accepted else None,
                decided_at=created + timedelta(days=1) if accepted else None,
                created_by=rng.choice(donors_people),
                idempotency_key=self.key(),
                created_at=created,
                updated_at=created,
            )
            offers.append(offer)
            answered = rng.sample(lines, k=min(len(lines), rng.randint(1, 4)))
            planned.append((offer, [(line, self.offer_line(offer, line)) for line in answered]))
        for number in range(6):
            created = self.moment()
            offer = aid.Offer(
                partnership=partnership,
                side=donor_side,
                donor=rng.choice(context["donors"]),
                note=f"Free offer {number}",
                created_by=rng.choice(donors_people),
                idempotency_key=self.key(),
                created_at=created,
                updated_at=created,
            )
            offers.append(offer)
            sector = rng.choice(self.sectors)
            lines = [
                self.offer_line(offer, None, item=rng.choice(CATALOGUE[sector][2]))
                for _ in range(3)
            ]
            planned.append((offer, [(None, line) for line in lines]))
        aid.Offer.objects.bulk_create(offers, batch_size=BATCH)
        offer_lines = []
        for offer, lines in planned:
            for _need_line, line in lines:
                line.offer = offer
                offer_lines.append(line)
        aid.OfferLine.objects.bulk_create(offer_lines, batch_size=BATCH)
        pledges = []
        for offer, lines in planned:
            if offer.status != "accepted":
                continue
            for need_line, line in lines:
                pledges.append(
                    aid.Pledge(
                        offer_line=line,
                        need_line=need_line,
                        quantity=min(line.quantity, need_line.quantity),
                        confirmed_by=offer.decided_by,
                        confirmed_at=offer.decided_at,
                        created_at=offer.decided_at,
                        updated_at=offer.decided_at,
                    )
                )
        aid.Pledge.objects.bulk_create(pledges, batch_size=BATCH)
        self.counts.offers += len(offers)
        self.counts.offer_lines += len(offer_lines)
        self.counts.pledges += len(pledges)
        return pledges

    def offer_line(self, offer: aid.Offer, need_line, item: tuple | None = None) -> aid.OfferLine:
        rng = self.random
        if need_line is not None:
            name, unit = need_line.item, need_line.unit
            # Donors offer half, all, or a little more than is needed.
            share = Decimal(rng.choice(["0.5", "1", "1", "1.2"]))
            quantity = max(Decimal(1), (need_line.quantity * share).quantize(Decimal(1)))
        else:
            name, unit = item
            quantity = Decimal(rng.randint(1, 300))
        medical = offer.need is not None and offer.need.sector == "health"
        return aid.OfferLine(
            need_line=need_line,
            item=name,
            item_key=item_key_of(name),
            quantity=quantity,
            unit=unit,
            condition=rng.choices(aid.Condition.values, [6, 3, 1])[0],
            estimated_value=Decimal(rng.randint(0, 5000)),
            expires_on=self.today + timedelta(days=rng.randint(30, 700)) if medical else None,
            created_at=offer.created_at,
            updated_at=offer.created_at,
        )

    def shipments(self, partnership: Partnership, context: dict, pledges: list, count: int) -> None:
        """The pledges loaded on `count` shipments (fewer if there are fewer pledges), in the
        order they were confirmed; the further a shipment got, the more events it has;
        confirmed ones have a goods received note, a few lines short or damaged."""
        rng = self.random
        senders = context["people"][1, Role.COORDINATOR] + context["people"][1, Role.STAFF]
        receiver = context["people"][2, Role.COORDINATOR][0]
        pledges = sorted(pledges, key=lambda pledge: (pledge.confirmed_at, pledge.pk))
        count = min(count, len(pledges))
        bounds = [len(pledges) * n // count for n in range(count + 1)] if count else [0]
        shipments, packages, lines, events = [], [], [], []
        for number, (start, end) in enumerate(pairwise(bounds), start=1):
            chunk = pledges[start:end]
            created = self.moment(after=chunk[-1].confirmed_at, days=20)
            stage = rng.choices(range(len(SHIPMENT_STAGES)), [1, 1, 2, 1, 2, 5])[0]
            departed = created + timedelta(days=2)
            shipment = aid.Shipment(
                partnership=partnership,
                side=context["donor_side"],
                reference=f"WB-{partnership.slug}-{number:04d}",
                carrier=rng.choice(context["carriers"]),
                vehicle="Truck, DO-AB 123",
                route=f"{partnership.slug} – Rava-Ruska – {context['area']}",
                planned_departure=departed.date(),
                planned_arrival=(departed + timedelta(days=3)).date(),
                departed_on=departed.date() if stage >= 2 else None,
                arrived_on=(departed + timedelta(days=3)).date() if stage >= 4 else None,
                status=SHIPMENT_STAGES[stage],
                created_by=rng.choice(senders),
                idempotency_key=self.key(),
                created_at=created,
                updated_at=created,
            )
            shipments.append(shipment)
            boxes = [
                aid.Package(
                    shipment=shipment,
                    number=n,
                    kind="pallet",
                    gross_weight=Decimal(rng.randint(80, 900)),
                    volume=Decimal("1.200"),
                    created_at=created,
                    updated_at=created,
                )
                for n in range(1, rng.randint(1, 3) + 1)
            ]
            packages.extend(boxes)
            for pledge in chunk:
                lines.append(
                    aid.ShipmentLine(
                        shipment=shipment,
                        pledge=pledge,
                        package=rng.choice(boxes),
                        quantity=pledge.quantity,
                        created_at=created,
                        updated_at=created,
                    )
                )
            for reached in range(stage + 1):
                when = created + timedelta(days=reached)
                events.append(
                    aid.ShipmentEvent(
                        shipment=shipment,
                        status=SHIPMENT_STAGES[reached],
                        occurred_at=when,
                        recorded_by=rng.choice(senders) if reached < 5 else receiver,
                        created_at=when,
                        updated_at=when,
                    )
                )
        aid.Shipment.objects.bulk_create(shipments, batch_size=BATCH)
        for record in (*packages, *lines, *events):
            record.shipment_id = record.shipment.pk
        aid.Package.objects.bulk_create(packages, batch_size=BATCH)
        for line in lines:
            line.package_id = line.package.pk
        aid.ShipmentLine.objects.bulk_create(lines, batch_size=BATCH)
        aid.ShipmentEvent.objects.bulk_create(events, batch_size=BATCH)
        receipts, receipt_lines = {}, []
        for shipment in shipments:
            if shipment.status == aid.ShipmentStatus.RECEIPT_CONFIRMED:
                receipts[shipment.pk] = aid.GoodsReceivedNote(
                    shipment=shipment,
                    number=f"GRN-{shipment.pk}",
                    received_on=shipment.arrived_on,
                    received_by="Storekeeper, City Hospital",
                    recorded_by=receiver,
                    created_at=shipment.created_at + timedelta(days=5),
                    updated_at=shipment.created_at + timedelta(days=5),
                )
        aid.GoodsReceivedNote.objects.bulk_create(receipts.values(), batch_size=BATCH)
        for line in lines:
            receipt = receipts.get(line.shipment_id)
            if receipt is None:
                continue
            state = rng.choices(aid.ArrivalState.values, [92, 6, 2])[0]
            short = rng.random() < 0.03
            receipt_lines.append(
                aid.ReceiptLine(
                    receipt=receipt,
                    shipment_line=line,
                    quantity=(line.quantity / 2).quantize(Decimal(1)) if short else line.quantity,
                    state=state,
                    remark="Wet cartons" if state != "intact" else "",
                    created_at=receipt.created_at,
                    updated_at=receipt.created_at,
                )
            )
        aid.ReceiptLine.objects.bulk_create(receipt_lines, batch_size=BATCH)
        self.counts.shipments += len(shipments)
        self.counts.shipment_lines += len(lines)
        self.counts.receipts += len(receipts)
        self.counts.receipt_lines += len(receipt_lines)


def line_counts(rng: random.Random, needs: int, lines: int) -> list[int]:
    """How many lines each need has: varied around the average, adding up to `lines`."""
    average = lines / needs
    low, high = max(1, round(average / 2)), max(1, round(average * 1.5))
    counts = [rng.randint(low, high) for _ in range(needs)]
    difference = lines - sum(counts)
    while difference:
        index = rng.randrange(needs)
        step = 1 if difference > 0 else -1
        if counts[index] + step >= 1:
            counts[index] += step
            difference -= step
    return counts


TIMED = (
    aid.Need,
    aid.NeedLine,
    aid.Offer,
    aid.OfferLine,
    aid.Pledge,
    aid.Shipment,
    aid.Package,
    aid.ShipmentLine,
    aid.ShipmentEvent,
    aid.GoodsReceivedNote,
    aid.ReceiptLine,
)
