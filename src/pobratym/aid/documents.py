"""A shipment's papers as PDF, German | Ukrainian side by side: packing list, waybill and
donation certificate for customs.

Labels come in both languages (each rendered under `translation.override`), the data once;
what people typed (items, the route) comes as written and in the other side's language where
a translation exists. The papers name the two city administrations as sender and consignee,
never a need's exact address nor whether it serves critical infrastructure: they travel with
the goods.
"""

from collections import OrderedDict
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pobratym.documents.pdf import page_counter, render_pdf
from pobratym.translation.models import Translatable
from pobratym.translation.selectors import every_translation, text_in

from .models import Condition, PackageKind, Shipment, Unit

LANGUAGES = ("de", "uk")
SEPARATOR = mark_safe('<span class="separator"> | </span>')

LABELS = {
    "packing_list": gettext_lazy("Packing list"),
    "waybill": gettext_lazy("Waybill (consignment note)"),
    "donation_certificate": gettext_lazy("Donation certificate for customs"),
    "shipment": gettext_lazy("shipment"),
    "reference": gettext_lazy("Waybill or consignment number"),
    "issued_on": gettext_lazy("Issued on"),
    "sender": gettext_lazy("Sender"),
    "consignee": gettext_lazy("Consignee"),
    "donor_party": gettext_lazy("Donor"),
    "recipient": gettext_lazy("Recipient"),
    "carrier": gettext_lazy("Carrier"),
    "vehicle": gettext_lazy("vehicle"),
    "route": gettext_lazy("Route"),
    "planned_departure": gettext_lazy("Planned departure"),
    "planned_arrival": gettext_lazy("Planned arrival"),
    "departed": gettext_lazy("Departed"),
    "arrived": gettext_lazy("Arrived"),
    "package": gettext_lazy("Package"),
    "packages": gettext_lazy("Number of packages"),
    "kind": gettext_lazy("Kind"),
    "gross_weight": gettext_lazy("Gross weight (kg)"),
    "volume": gettext_lazy("Volume (m³)"),
    "marks": gettext_lazy("Marks"),
    "contents": gettext_lazy("Contents"),
    "item": gettext_lazy("Item"),
    "quantity": gettext_lazy("quantity"),
    "unit": gettext_lazy("Unit"),
    "condition": gettext_lazy("condition"),
    "donor": gettext_lazy("donor"),
    "value": gettext_lazy("Estimated value (EUR)"),
    "total": gettext_lazy("Total"),
    "total_value": gettext_lazy("Total estimated value (EUR)"),
    "loose": gettext_lazy("Not in a package"),
    "goods": gettext_lazy("Description of the goods"),
    "totals_by_item": gettext_lazy("Totals by item"),
    "in_packages": gettext_lazy("In packages"),
    "place_and_date": gettext_lazy("Place and date"),
    "signature": gettext_lazy("Signature"),
    "name": gettext_lazy("Name"),
    "for_sender": gettext_lazy("For the sender"),
    "for_carrier": gettext_lazy("For the carrier"),
    "for_consignee": gettext_lazy("For the consignee"),
    "for_donor": gettext_lazy("For the donor"),
    "nothing_loaded": gettext_lazy("Nothing is loaded on this shipment yet."),
    "stamp": gettext_lazy("Stamp"),
}

# The customs statement is fixed wording, written in each language rather than translated
# from English, so what customs reads never depends on the state of a catalogue.
DONATION_STATEMENT = {
    "de": (
        "Die Waren sind eine unentgeltliche humanitäre Spende ohne kommerziellen Wert und "
        "nicht zum Verkauf bestimmt. Sie werden der Empfängerin unentgeltlich übergeben und "
        "ausschließlich für humanitäre Zwecke verwendet. Die angegebenen Werte sind "
        "Schätzwerte allein für die Zollabfertigung."
    ),
    "uk": (
        "Товари є безоплатною гуманітарною допомогою, не мають комерційної вартості і не "
        "призначені для продажу. Вони передаються отримувачу безоплатно і використовуються "
        "виключно на гуманітарні цілі. Зазначена вартість є орієнтовною і наводиться лише "
        "для митного оформлення."
    ),
}

DOCUMENTS = {
    "packing-list": ("packing_list", "aid/pdf/packing_list.html"),
    "waybill": ("waybill", "aid/pdf/waybill.html"),
    "donation-certificate": ("donation_certificate", "aid/pdf/donation_certificate.html"),
}


def _in_each_language(render) -> dict[str, str]:
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            texts[language] = str(render())
    return texts


def both_of(render) -> str:
    """What `render()` gives in German and in Ukrainian, as HTML marked with each language."""
    texts = _in_each_language(render)
    return format_html(
        '<span lang="de">{}</span><span class="separator"> | </span><span lang="uk">{}</span>',
        texts["de"],
        texts["uk"],
    )


def both(text) -> str:
    """A lazy text (a value such as a unit) in German and in Ukrainian."""
    return both_of(lambda: text)


def label(text) -> str:
    """A lazy label in German and in Ukrainian, each starting with a capital."""
    return both_of(lambda: capfirst(str(text)))


def typed(record: Translatable, field: str) -> str:
    """What a person typed into `record` (an item, a route) in German and in Ukrainian where
    each exists: the original and its translation into the other side's language; a text
    written in a third language keeps its original beside whichever of the two exists.
    The same wording twice is given once. Fetch translations first with `every_translation`."""
    original = record.original(field)
    if not original:
        return ""
    parts = [(language, text_in(record, field, language)) for language in LANGUAGES]
    parts = [(language, text) for language, text in parts if text]
    if len(parts) < len(LANGUAGES) and record.language not in LANGUAGES:
        parts.append((record.language, original))
    unique = []
    for language, text in parts:
        if text not in (known for _language, known in unique):
            unique.append((language, text))
    return format_html_join(SEPARATOR, '<span lang="{}">{}</span>', unique)


def number(value: Decimal | None) -> str:
    """A quantity as both languages write it: decimal comma, no trailing zeros, no
    thousands separator (German and Ukrainian group digits differently)."""
    if value is None:
        return "–"
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def money(value: Decimal) -> str:
    return f"{Decimal(value):.2f}".replace(".", ",")


def _city_administration(side) -> str:
    # City level only: the consignee is the city, never the address of a need.
    if side is None:
        return "–"
    return both_of(lambda: _("City administration of %(city)s") % {"city": side.city.name})


def page_counter_rule() -> str:
    """Each page's foot: "Seite 1 von 2 | Сторінка 1 з 2"."""
    return "@page { @bottom-right { content: " + page_counter(LANGUAGES) + "; width: 40%; } }"


def _line_row(line) -> dict:
    offer_line = line.pledge.offer_line
    return {
        "item": typed(offer_line, "item"),
        "quantity": line.quantity,
        "quantity_text": number(line.quantity),
        "unit": both(Unit(offer_line.unit).label),
        "unit_key": offer_line.unit,
        "condition": both(Condition(offer_line.condition).label),
        "donor": typed(offer_line.offer.donor, "name"),
        "value": line.estimated_value,
        "value_text": money(line.estimated_value),
        "package": line.package.number if line.package_id else None,
    }


def _packages(shipment: Shipment) -> list[dict]:
    return [
        {
            "number": package.number,
            "kind": both(PackageKind(package.kind).label),
            "gross_weight": number(package.gross_weight),
            "volume": number(package.volume),
            "marks": package.marks,
            "contents": [_line_row(line) for line in package.contents],
        }
        for package in shipment.package_rows
    ]


def _goods(shipment: Shipment) -> list[dict]:
    """The loaded quantities summed per item and unit, with the packages they are in."""
    goods: OrderedDict = OrderedDict()
    for line in shipment.line_rows:
        offer_line = line.pledge.offer_line
        key = (offer_line.item_key, offer_line.unit)
        entry = goods.setdefault(
            key,
            {
                "item": typed(offer_line, "item"),
                "unit": both(Unit(offer_line.unit).label),
                "quantity": Decimal(0),
                "packages": [],
            },
        )
        entry["quantity"] += line.quantity
        if line.package_id and line.package.number not in entry["packages"]:
            entry["packages"].append(line.package.number)
    for entry in goods.values():
        entry["quantity_text"] = number(entry["quantity"])
        entry["packages"] = ", ".join(str(n) for n in sorted(entry["packages"]))
    return list(goods.values())


def _donors(shipment: Shipment) -> list[dict]:
    donors: OrderedDict = OrderedDict()
    for line in shipment.line_rows:
        organisation = line.pledge.offer_line.offer.donor
        donor = donors.setdefault(
            organisation.pk,
            {"name": typed(organisation, "name"), "lines": [], "value": Decimal(0)},
        )
        donor["lines"].append(_line_row(line))
        donor["value"] += line.estimated_value
    for donor in donors.values():
        donor["value_text"] = money(donor["value"])
    return list(donors.values())


def shipment_pdf(*, shipment: Shipment, document: str) -> tuple[str, bytes]:
    """The file name and bytes of one of a shipment's papers (`document` is a key of
    DOCUMENTS); `shipment` as `selectors.shipment_detail` returns it. Three queries more: the
    translations of the shipment, of its items and of its donors and carrier (organisations
    of the directory), in every language."""
    title, template = DOCUMENTS[document]
    every_translation([shipment])
    every_translation([line.pledge.offer_line for line in shipment.line_rows])
    donors = [line.pledge.offer_line.offer.donor for line in shipment.line_rows]
    every_translation([*donors, *([shipment.carrier] if shipment.carrier else [])])
    carrier = typed(shipment.carrier, "name") if shipment.carrier else ""
    total_weight = sum((p.gross_weight or 0 for p in shipment.package_rows), Decimal(0))
    total_volume = sum((p.volume or 0 for p in shipment.package_rows), Decimal(0))
    labels = {key: label(text) for key, text in LABELS.items()}
    sender = _city_administration(shipment.sending_side)
    consignee = _city_administration(shipment.receiving_side)
    signatories = {
        "waybill": [
            {"label": labels["for_sender"], "name": sender, "stamp": True},
            {"label": labels["for_carrier"], "name": carrier},
            {"label": labels["for_consignee"], "name": consignee, "stamp": True},
        ],
        "donation_certificate": [
            {"label": labels["for_donor"], "name": sender, "stamp": True},
            {"label": labels["for_consignee"], "name": consignee, "stamp": True},
        ],
    }
    context = {
        "shipment": shipment,
        "carrier": carrier,
        "labels": labels,
        "signatories": signatories.get(title, []),
        "title": _in_each_language(lambda: LABELS[title]),
        "sender": sender,
        "consignee": consignee,
        "route": typed(shipment, "route"),
        "packages": _packages(shipment),
        "loose": [_line_row(line) for line in shipment.loose_lines],
        "goods": _goods(shipment),
        "donors": _donors(shipment),
        "package_count": len(shipment.package_rows),
        "total_weight": number(total_weight),
        "total_volume": number(total_volume),
        "total_value": money(shipment.total_value),
        "statement": DONATION_STATEMENT,
        "issued_on": timezone.localdate(),
        "page_rule": page_counter_rule(),
    }
    # The document's frame (title, lang) is German; every label carries both languages.
    pdf = render_pdf(template, context, language="de")
    reference = shipment.reference or str(shipment.pk)
    filename = f"{document}-{_safe(reference)}.pdf"
    return filename, pdf


def _safe(text: str) -> str:
    return "".join(char if char.isalnum() or char in "-_" else "-" for char in text)[:60]
