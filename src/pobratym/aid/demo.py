"""Demo aid: needs Zhytomyr posted, what Dortmund's donors offered and pledged, a shipment that
arrived with one damaged line and one still being packed. Invented, but shaped like the real
work; idempotent (every record is made with a fixed key, and loading stops where it stopped).

Every text is written in its author's language, Ukrainian for Zhytomyr's records and German for
Dortmund's, and stands here beside the demo coordinators' translations into the other two: the
demo reads in each language without a translation service."""

import uuid
from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.directory.models import Organisation
from pobratym.partnerships.demo import (
    Texts,
    language_given,
    texts_of,
    translations_add,
    written_in,
)
from pobratym.partnerships.models import Partnership

from . import services
from .models import GoodsReceivedNote, Need, Offer, Pledge, Shipment

NAMESPACE = uuid.UUID("5d7c2f0e-4b1a-4f3e-9d2c-a1d000000000")

ZHYTOMYR, DORTMUND = "uk", "de"

# What is asked for and offered, named once for the need lines and the offer lines.
ITEMS: dict[str, Texts] = {
    "bandage": {
        "uk": "Бинт стерильний 7 м × 14 см",
        "de": "Sterile Mullbinde 7 m × 14 cm",
        "en": "Sterile bandage 7 m × 14 cm",
    },
    "gloves": {
        "uk": "Рукавички хірургічні, розмір 7,5",
        "de": "OP-Handschuhe, Größe 7,5",
        "en": "Surgical gloves, size 7.5",
    },
    "generator": {
        "uk": "Дизельний генератор 100 кВА",
        "de": "Diesel-Stromerzeuger 100 kVA",
        "en": "Diesel generator 100 kVA",
    },
    "laptop": {"uk": "Ноутбук", "de": "Laptop", "en": "Laptop"},
    "bed": {"uk": "Розкладне ліжко", "de": "Klappbett", "en": "Folding bed"},
    "blanket": {"uk": "Ковдра", "de": "Decke", "en": "Blanket"},
    "fire_engine": {
        "de": "Löschfahrzeug LF 16",
        "uk": "Пожежний автомобіль LF 16",
        "en": "Fire engine LF 16",
    },
}

# Zhytomyr's needs. Lines: item (of ITEMS), specification, quantity, unit.
NEEDS = {
    "dressings": {
        "kind": "goods",
        "sector": "health",
        "title": {
            "uk": "Перев'язувальні матеріали для міської лікарні № 1",
            "de": "Verbandmaterial für das Städtische Krankenhaus Nr. 1",
            "en": "Dressings for City Hospital No. 1",
        },
        "description": {
            "uk": "Запас для хірургічного відділення на три місяці.",
            "de": "Dreimonatsvorrat für die chirurgische Abteilung.",
            "en": "A three-month supply for the surgical department.",
        },
        "priority": "urgent",
        "institution": {
            "uk": "Житомирська міська лікарня № 1",
            "de": "Städtisches Krankenhaus Nr. 1 Schytomyr",
            "en": "Zhytomyr City Hospital No. 1",
        },
        "institution_type": "hospital",
        "area": {
            "uk": "Житомир, Богунський район",
            "de": "Schytomyr, Stadtbezirk Bohunskyj",
            "en": "Zhytomyr, Bohunskyi district",
        },
        "address": "вул. Велика Бердичівська, 70",
        "lines": [
            ("bandage", None, 400, "box"),
            (
                "gloves",
                {"uk": "стерильні, латексні", "de": "steril, aus Latex", "en": "sterile, latex"},
                200,
                "box",
            ),
        ],
        "public": True,
    },
    "generators": {
        "kind": "equipment",
        "sector": "energy",
        "title": {
            "uk": "Генератори для насосних станцій водоканалу",
            "de": "Stromerzeuger für die Pumpstationen der Wasserwerke",
            "en": "Generators for the water utility's pumping stations",
        },
        "description": {
            "uk": "Резервне живлення під час відключень електроенергії.",
            "de": "Notstromversorgung bei Stromabschaltungen.",
            "en": "Backup power during power cuts.",
        },
        "priority": "urgent",
        "institution": {
            "uk": "КП «Житомирводоканал»",
            "de": "Kommunalunternehmen „Schytomyrwodokanal“",
            "en": "Zhytomyrvodokanal municipal enterprise",
        },
        "institution_type": "utility",
        "area": {"uk": "Житомир", "de": "Schytomyr", "en": "Zhytomyr"},
        "address": "вул. Щорса, 1 (насосна станція № 2)",
        "critical_infrastructure": True,
        "lines": [
            (
                "generator",
                {
                    "uk": "з автоматичним запуском (ATS)",
                    "de": "mit Startautomatik (ATS)",
                    "en": "with automatic start (ATS)",
                },
                2,
                "piece",
            )
        ],
    },
    "laptops": {
        "kind": "equipment",
        "sector": "education",
        "title": {
            "uk": "Ноутбуки для ліцею № 25",
            "de": "Laptops für das Lyzeum Nr. 25",
            "en": "Laptops for Lyceum No. 25",
        },
        "description": {
            "uk": "Для дистанційного навчання в укритті.",
            "de": "Für den Fernunterricht im Schutzraum.",
            "en": "For remote learning in the shelter.",
        },
        "priority": "normal",
        "institution": {
            "uk": "Житомирський ліцей № 25",
            "de": "Lyzeum Nr. 25 Schytomyr",
            "en": "Zhytomyr Lyceum No. 25",
        },
        "institution_type": "school",
        "area": {
            "uk": "Житомир, Корольовський район",
            "de": "Schytomyr, Stadtbezirk Koroljowskyj",
            "en": "Zhytomyr, Korolovskyi district",
        },
        "lines": [
            (
                "laptop",
                {
                    "uk": "не старше 5 років, з зарядним пристроєм",
                    "de": "nicht älter als 5 Jahre, mit Ladegerät",
                    "en": "no more than 5 years old, with charger",
                },
                30,
                "piece",
            )
        ],
        "public": True,
    },
    "beds": {
        "kind": "goods",
        "sector": "shelter",
        "title": {
            "uk": "Розкладні ліжка та ковдри для пунктів незламності",
            "de": "Klappbetten und Decken für die „Punkte der Unbeugsamkeit“ "
            "(Wärme- und Versorgungsstellen)",
            "en": "Folding beds and blankets for the Invincibility Points "
            "(heating and support centres)",
        },
        "priority": "high",
        "institution": {
            "uk": "Управління з питань надзвичайних ситуацій",
            "de": "Amt für Katastrophenschutz",
            "en": "Emergencies Department",
        },
        "institution_type": "civil_protection",
        "area": {"uk": "Житомир", "de": "Schytomyr", "en": "Zhytomyr"},
        "lines": [
            ("bed", None, 120, "piece"),
            ("blanket", {"uk": "вовняна", "de": "aus Wolle", "en": "wool"}, 240, "piece"),
        ],
    },
}

# Dortmund's donors' offers, from the directory's demo organisations where they are there
# (found by name; the fire brigade and the haulier are added to it). Those for a need took the
# items' names from it, so they read in Ukrainian. Lines: item (of ITEMS), quantity, unit,
# value EUR, for need line (index), months to expiry.
OFFERS = {
    "klinikum": {
        "need": "dressings",
        "language": ZHYTOMYR,
        "donor_name": "Klinikum Dortmund",
        "donor_kind": "municipal_subsidiary",
        "lines": [
            ("bandage", 400, "box", Decimal("3200.00"), 0, 30),
            ("gloves", 120, "box", Decimal("1440.00"), 1, 24),
        ],
    },
    "stadtwerke": {
        "need": "generators",
        "language": ZHYTOMYR,
        "donor_name": "Dortmunder Stadtwerke (DSW21)",
        "donor_kind": "municipal_subsidiary",
        "lines": [("generator", 2, "piece", Decimal("38000.00"), 0, None)],
    },
    "feuerwehr": {
        "need": None,
        "language": DORTMUND,
        "donor_name": "Feuerwehr Dortmund",
        "donor_kind": "administration",
        "note": {
            "de": "Gebraucht, geprüft; mit Zubehör.",
            "uk": "Вживаний, перевірений; з оснащенням.",
            "en": "Used, inspected; with equipment.",
        },
        "lines": [("fire_engine", 1, "piece", Decimal("25000.00"), None, None)],
    },
}

# Dortmund's shipments, planned in German.
SHIPMENTS = {
    "medical": {
        "reference": "DO-ZT-2026-014",
        "carrier_name": "Spedition Westfalen-Ost (Demo)",
        "carrier_kind": "company",
        "vehicle": "Sattelzug, DO-HX 417",
        "route": {
            "de": "Dortmund – Hrubieszów – Jahodyn – Zhytomyr",
            "uk": "Дортмунд – Грубешів – Ягодин – Житомир",
            "en": "Dortmund – Hrubieszów – Yahodyn – Zhytomyr",
        },
    },
    "generators": {
        "carrier_name": "Spedition Westfalen-Ost (Demo)",
        "carrier_kind": "company",
        "route": {
            "de": "Dortmund – Krakowiec – Zhytomyr",
            "uk": "Дортмунд – Краковець – Житомир",
            "en": "Dortmund – Krakowiec – Zhytomyr",
        },
    },
}

# Zhytomyr's goods received note for the medical shipment: the gloves arrived damaged.
RECEIPT = {
    "number": "ЖТ-ПН-2026/112",
    "received_by": "Андрій Шевчук, головний спеціаліст",
    "damaged": "gloves",
    "remark": {
        "uk": "8 коробок намокли під час перевантаження.",
        "de": "8 Kartons sind beim Umladen nass geworden.",
        "en": "8 boxes got wet during reloading.",
    },
}


def _key(partnership: Partnership, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{partnership.slug}:{name}")


def _made_before(model, partnership: Partnership, by: User, key: uuid.UUID):
    # The demo's dates count from the day it runs: asking again with the same key on another
    # day would be other content (a conflict), so what the first run made is taken as it is.
    return model.objects.filter(partnership=partnership, created_by=by, idempotency_key=key).first()


# The donor and carrier named here first, as the directory's demo does not have them.
NEW_ORGANISATIONS = {
    "Feuerwehr Dortmund": {
        "de": "Feuerwehr Dortmund",
        "uk": "Пожежна служба Дортмунда",
        "en": "Dortmund Fire Service",
    },
    "Spedition Westfalen-Ost (Demo)": {
        "de": "Spedition Westfalen-Ost (Demo)",
        "uk": "Транспортна компанія Westfalen-Ost (демо)",
        "en": "Westfalen-Ost haulage company (demo)",
    },
}


def _organisations_translated(partnership: Partnership) -> None:
    for organisation in Organisation.objects.filter(
        partnership=partnership, name__in=NEW_ORGANISATIONS
    ):
        translations_add(organisation, {"name": NEW_ORGANISATIONS[organisation.name]})


def load_aid(partnership: Partnership) -> None:
    people = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
    zhytomyr = people.get("coordinator.zhytomyr@example.org")
    zhytomyr_staff = people.get("staff.zhytomyr@example.org")
    dortmund_staff = people.get("staff.dortmund@example.org")
    if not (zhytomyr and zhytomyr_staff and dortmund_staff):
        return
    today = timezone.localdate()
    needs = {
        name: _need(partnership, zhytomyr, name, index, today) for index, name in enumerate(NEEDS)
    }
    offers = {name: _offer(partnership, dortmund_staff, name, needs, today) for name in OFFERS}
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
    _organisations_translated(partnership)


def _need(partnership, by: User, name: str, index: int, today) -> Need:
    fields = dict(NEEDS[name])
    public = fields.pop("public", False)
    lines = fields.pop("lines")
    key = _key(partnership, f"need:{name}")
    need = _made_before(Need, partnership, by, key) or services.need_create(
        partnership=partnership,
        by=by,
        lines=[
            {
                "item": ITEMS[item][ZHYTOMYR],
                "specification": specification[ZHYTOMYR] if specification else "",
                "quantity": Decimal(quantity),
                "unit": unit,
            }
            for item, specification, quantity, unit in lines
        ],
        idempotency_key=key,
        language=ZHYTOMYR,
        needed_by=today + timedelta(days=21 + 14 * index),
        **written_in(fields, ZHYTOMYR),
    )
    if public and not need.public:
        services.need_publish(need=need, by=by, public=True)
    translations_add(need, texts_of(fields))
    for line, (item, specification, _quantity, _unit) in zip(
        need.lines.order_by("pk"), lines, strict=False
    ):
        translations_add(line, {"item": ITEMS[item], "specification": specification or {}})
    return need


def _offer(partnership, by: User, name: str, needs: Mapping[str, Need], today) -> Offer:
    fields = dict(OFFERS[name])
    need_name = fields.pop("need")
    need = needs[need_name] if need_name else None
    language = fields.pop("language")
    lines = fields.pop("lines")
    need_lines = list(need.lines.order_by("pk")) if need else []
    key = _key(partnership, f"offer:{name}")
    offer = _made_before(Offer, partnership, by, key) or services.offer_create(
        partnership=partnership,
        by=by,
        need=need,
        lines=[
            {
                "item": ITEMS[item][language],
                "quantity": Decimal(quantity),
                "unit": unit,
                "estimated_value": value,
                "need_line": need_lines[line] if line is not None else None,
                "expires_on": today + timedelta(days=30 * months) if months else None,
            }
            for item, quantity, unit, value, line, months in lines
        ],
        idempotency_key=key,
        language=language,
        **written_in(fields, language),
    )
    translations_add(offer, texts_of(fields))
    for line, (item, *_rest) in zip(offer.lines.order_by("pk"), lines, strict=False):
        translations_add(line, {"item": ITEMS[item]})
    return offer


def _shipment(partnership, by: User, name: str, **dates) -> Shipment:
    fields = SHIPMENTS[name]
    key = _key(partnership, f"shipment:{name}")
    shipment = _made_before(Shipment, partnership, by, key) or services.shipment_create(
        partnership=partnership,
        by=by,
        idempotency_key=key,
        language=DORTMUND,
        **dates,
        **written_in(fields, DORTMUND),
    )
    translations_add(shipment, texts_of(fields))
    return shipment


BORDER_NOTE = {
    "de": "Wartezeit an der Grenze: 9 Stunden.",
    "uk": "Очікування на кордоні: 9 годин.",
    "en": "Waiting time at the border: 9 hours.",
}


def _ship_medical(partnership, sender: User, receiver: User, pledges: list[Pledge]) -> None:
    shipment = _shipment(
        partnership, sender, "medical", planned_at=timezone.now() - timedelta(days=9)
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
            ("packing", 6, {}),
            ("in_transit", 5, {}),
            ("at_border", 4, BORDER_NOTE),
            ("delivered", 3, {}),
        ):
            shipment = services.shipment_advance(
                shipment=shipment,
                by=sender,
                status=status,
                occurred_at=now - timedelta(days=days_ago),
                note=note.get("de", ""),
                language="de",
            )
    border = shipment.events.filter(status=Shipment.Status.AT_BORDER).first()
    if border is not None:
        translations_add(border, {"note": BORDER_NOTE})
    receipt = GoodsReceivedNote.objects.filter(shipment=shipment).first()
    if receipt is None:
        damaged_item = ITEMS[RECEIPT["damaged"]][ZHYTOMYR]
        lines = {}
        for line in shipment.lines.select_related("pledge__offer_line").order_by("pk"):
            damaged = line.pledge.offer_line.item == damaged_item
            lines[line.pk] = {
                "quantity": line.quantity,
                "state": "damaged" if damaged else "intact",
                "remark": RECEIPT["remark"][ZHYTOMYR] if damaged else "",
            }
        with translation.override(ZHYTOMYR):
            receipt = services.receipt_record(
                shipment=shipment,
                by=receiver,
                lines=lines,
                number=RECEIPT["number"],
                received_on=timezone.localdate() - timedelta(days=3),
                received_by=RECEIPT["received_by"],
            )
    receipt = language_given(receipt, ZHYTOMYR)
    for line in receipt.lines.all():
        translations_add(line, {"remark": RECEIPT["remark"]})
    # The stage's note the platform wrote, in the other languages as it writes them there.
    confirmed = shipment.events.get(status=Shipment.Status.RECEIPT_CONFIRMED)
    note = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            note[language] = _("Goods received note %(number)s") % {"number": receipt.number}
    translations_add(confirmed, {"note": note})


def _pack_generators(partnership, sender: User, pledge: Pledge) -> None:
    shipment = _shipment(
        partnership,
        sender,
        "generators",
        planned_departure=timezone.localdate() + timedelta(days=5),
        planned_arrival=timezone.localdate() + timedelta(days=8),
    )
    if shipment.status == Shipment.Status.PLANNED:
        services.shipment_line_set(
            shipment=shipment, by=sender, pledge=pledge, quantity=pledge.quantity
        )
        services.shipment_advance(shipment=shipment, by=sender, status="packing")
