"""Demo aid: needs Zhytomyr posted, what Dortmund's donors offered and pledged, a shipment that
arrived with one damaged line and one still being packed. Invented, but shaped like the real
work; idempotent (every record is made with a fixed key, and loading stops where it stopped)."""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.partnerships.models import Partnership

from . import services
from .models import GoodsReceivedNote, Pledge, Shipment

NAMESPACE = uuid.UUID("5d7c2f0e-4b1a-4f3e-9d2c-a1d000000000")

NEEDS = {
    "dressings": {
        "kind": "medical",
        "sector": "health",
        "title": "Перев'язувальні матеріали для міської лікарні № 1",
        "description": "Запас для хірургічного відділення на три місяці.",
        "priority": "urgent",
        "institution": "Житомирська міська лікарня № 1",
        "institution_type": "hospital",
        "area": "Житомир, Богунський район",
        "address": "вул. Велика Бердичівська, 70",
        "lines": [
            ("Бинт стерильний 7 м × 14 см", "", 400, "box"),
            ("Рукавички хірургічні, розмір 7,5", "стерильні, латексні", 200, "box"),
        ],
        "public": True,
    },
    "generators": {
        "kind": "energy",
        "sector": "energy",
        "title": "Генератори для насосних станцій водоканалу",
        "description": "Резервне живлення під час відключень електроенергії.",
        "priority": "urgent",
        "institution": "КП «Житомирводоканал»",
        "institution_type": "utility",
        "area": "Житомир",
        "address": "вул. Щорса, 1 (насосна станція № 2)",
        "critical_infrastructure": True,
        "lines": [("Дизельний генератор 100 кВА", "з автоматичним запуском (ATS)", 2, "piece")],
    },
    "laptops": {
        "kind": "education",
        "sector": "education",
        "title": "Ноутбуки для ліцею № 25",
        "description": "Для дистанційного навчання в укритті.",
        "priority": "normal",
        "institution": "Житомирський ліцей № 25",
        "institution_type": "school",
        "area": "Житомир, Корольовський район",
        "lines": [("Ноутбук", "не старше 5 років, з зарядним пристроєм", 30, "piece")],
        "public": True,
    },
    "beds": {
        "kind": "shelter",
        "sector": "shelter",
        "title": "Розкладні ліжка та ковдри для пунктів незламності",
        "priority": "high",
        "institution": "Управління з питань надзвичайних ситуацій",
        "institution_type": "civil_protection",
        "area": "Житомир",
        "lines": [("Розкладне ліжко", "", 120, "piece"), ("Ковдра", "вовняна", 240, "piece")],
    },
}

OFFERS = {
    "klinikum": {
        "need": "dressings",
        "donor": "Klinikum Dortmund (Demo)",
        "donor_type": "municipal_subsidiary",
        "lines": [
            # item, quantity, unit, value EUR, for need line (index), months to expiry
            ("Бинт стерильний 7 м × 14 см", 400, "box", Decimal("3200.00"), 0, 30),
            ("Рукавички хірургічні, розмір 7,5", 120, "box", Decimal("1440.00"), 1, 24),
        ],
    },
    "stadtwerke": {
        "need": "generators",
        "donor": "Dortmunder Stadtwerke (Demo)",
        "donor_type": "municipal_subsidiary",
        "lines": [("Дизельний генератор 100 кВА", 2, "piece", Decimal("38000.00"), 0, None)],
    },
    "feuerwehr": {
        "need": None,
        "donor": "Feuerwehr Dortmund (Demo)",
        "donor_type": "department",
        "note": "Gebraucht, geprüft; mit Zubehör.",
        "lines": [("Löschfahrzeug LF 16", 1, "piece", Decimal("25000.00"), None, None)],
    },
}


def _key(partnership: Partnership, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{partnership.slug}:{name}")


def load_aid(partnership: Partnership) -> None:
    people = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    zhytomyr = people.get("coordinator.zhytomyr@example.org")
    zhytomyr_staff = people.get("staff.zhytomyr@example.org")
    dortmund_staff = people.get("staff.dortmund@example.org")
    if not (zhytomyr and zhytomyr_staff and dortmund_staff):
        return
    today = timezone.localdate()
    needs = {}
    for index, (name, fields) in enumerate(NEEDS.items()):
        fields = dict(fields)
        public = fields.pop("public", False)
        lines = [
            {"item": item, "specification": spec, "quantity": Decimal(qty), "unit": unit}
            for item, spec, qty, unit in fields.pop("lines")
        ]
        need = services.need_create(
            partnership=partnership,
            by=zhytomyr,
            lines=lines,
            idempotency_key=_key(partnership, f"need:{name}"),
            needed_by=today + timedelta(days=21 + 14 * index),
            **fields,
        )
        if public and not need.public:
            services.need_publish(need=need, by=zhytomyr, public=True)
        needs[name] = need
    offers = {}
    for name, fields in OFFERS.items():
        need = needs[fields["need"]] if fields["need"] else None
        need_lines = list(need.lines.order_by("pk")) if need else []
        lines = [
            {
                "item": item,
                "quantity": Decimal(qty),
                "unit": unit,
                "estimated_value": value,
                "need_line": need_lines[line] if line is not None else None,
                "expires_on": today + timedelta(days=30 * months) if months else None,
            }
            for item, qty, unit, value, line, months in fields["lines"]
        ]
        offers[name] = services.offer_create(
            partnership=partnership,
            by=dortmund_staff,
            need=need,
            lines=lines,
            idempotency_key=_key(partnership, f"offer:{name}"),
            donor=fields["donor"],
            donor_type=fields["donor_type"],
            note=fields.get("note", ""),
        )
    pledges = []
    for name in ("klinikum", "stadtwerke"):
        for offer_line in offers[name].lines.order_by("pk"):
            pledge = Pledge.objects.filter(offer_line=offer_line).first()
            if pledge is None:
                pledge = services.pledge_confirm(
                    offer_line=offer_line,
                    need_line=offer_line.need_line,
                    quantity=offer_line.quantity,
                    by=zhytomyr,
                )
            pledges.append(pledge)
    _ship_medical(partnership, dortmund_staff, zhytomyr_staff, pledges[:2])
    _pack_generators(partnership, dortmund_staff, pledges[2])


def _ship_medical(partnership, sender: User, receiver: User, pledges: list[Pledge]) -> None:
    shipment = services.shipment_create(
        partnership=partnership,
        by=sender,
        idempotency_key=_key(partnership, "shipment:medical"),
        planned_at=timezone.now() - timedelta(days=9),
        reference="DO-ZT-2026-014",
        carrier="Spedition Westfalen-Ost (Demo)",
        vehicle="Sattelzug, DO-HX 417",
        route="Dortmund – Hrubieszów – Jahodyn – Zhytomyr",
    )
    if shipment.status == Shipment.Status.PLANNED:
        pallets = [
            services.package_add(
                shipment=shipment, by=sender, kind="pallet", gross_weight=weight, volume=volume
            )
            for weight, volume in ((Decimal(380), Decimal("1.6")), (Decimal(290), Decimal("1.4")))
        ]
        for pledge, pallet in zip(pledges, pallets, strict=True):
            services.shipment_line_set(
                shipment=shipment,
                by=sender,
                pledge=pledge,
                quantity=pledge.quantity,
                package=pallet,
            )
        now = timezone.now()
        for status, days_ago, note in (
            ("packing", 6, ""),
            ("in_transit", 5, ""),
            ("at_border", 4, "Wartezeit an der Grenze: 9 Stunden."),
            ("delivered", 3, ""),
        ):
            shipment = services.shipment_advance(
                shipment=shipment,
                by=sender,
                status=status,
                occurred_at=now - timedelta(days=days_ago),
                note=note,
            )
    if GoodsReceivedNote.objects.filter(shipment=shipment).exists():
        return
    lines = {}
    for line in shipment.lines.order_by("pk"):
        damaged = line.pledge.offer_line.item.startswith("Рукавички")
        lines[line.pk] = {
            "quantity": line.quantity,
            "state": "damaged" if damaged else "intact",
            "remark": "8 коробок намокли під час перевантаження." if damaged else "",
        }
    services.receipt_record(
        shipment=shipment,
        by=receiver,
        lines=lines,
        number="ЖТ-ПН-2026/112",
        received_on=timezone.localdate() - timedelta(days=3),
        received_by="Андрій Шевчук, головний спеціаліст",
    )


def _pack_generators(partnership, sender: User, pledge: Pledge) -> None:
    shipment = services.shipment_create(
        partnership=partnership,
        by=sender,
        idempotency_key=_key(partnership, "shipment:generators"),
        carrier="Spedition Westfalen-Ost (Demo)",
        route="Dortmund – Krakowiec – Zhytomyr",
        planned_departure=timezone.localdate() + timedelta(days=5),
        planned_arrival=timezone.localdate() + timedelta(days=8),
    )
    if shipment.status == Shipment.Status.PLANNED:
        services.shipment_line_set(
            shipment=shipment, by=sender, pledge=pledge, quantity=pledge.quantity
        )
        services.shipment_advance(shipment=shipment, by=sender, status="packing")
