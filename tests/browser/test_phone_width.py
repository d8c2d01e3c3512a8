"""Every page of every demo role fits a 390 px phone: no horizontal scrolling."""

import pytest

from tests.browser.helpers import PHONE, SLUG, start_signed_in

ROLES = ["coordinator", "staff", "signatory", "partner", "observer"]
CITIES = {"dortmund": "de", "zhytomyr": "uk"}


def _pages() -> list[tuple[str, str]]:
    """The pages of the demo partnership, each with a record of the demo data where it has one."""
    from django.urls import reverse

    from pobratym.agreements.models import Agreement, Letter
    from pobratym.aid.models import Need, Offer, Shipment
    from pobratym.conversations.models import Thread
    from pobratym.exchanges.models import Event

    slug = {"slug": SLUG}
    agreement = Agreement.objects.filter(partnership__slug=SLUG).order_by("pk").first()
    version = agreement.versions.order_by("-number").first()
    letter = Letter.objects.filter(partnership__slug=SLUG).order_by("pk").first()
    thread = Thread.objects.filter(partnership__slug=SLUG).order_by("pk").first()
    need = Need.objects.get(institution_type="hospital")
    offer = Offer.objects.filter(need=need).first()
    received = Shipment.objects.get(status="receipt_confirmed")
    packing = Shipment.objects.get(status="packing")
    aid = f"{SLUG}/aid"
    visit = Event.objects.get(partnership__slug=SLUG, kind="delegation")
    return [
        ("my work", reverse("home")),
        ("inbox", reverse("conversations:inbox")),
        ("partnership list", reverse("partnerships:list")),
        ("overview", reverse("partnerships:dashboard", kwargs=slug)),
        ("members", reverse("partnerships:members", kwargs=slug)),
        ("history", reverse("partnerships:history", kwargs=slug)),
        ("focus areas", reverse("partnerships:focus_areas", kwargs=slug)),
        ("agreements", reverse("agreements:list", kwargs=slug)),
        ("agreement", reverse("agreements:detail", args=[SLUG, agreement.pk])),
        ("version", reverse("agreements:version", args=[SLUG, agreement.pk, version.number])),
        ("letters", reverse("agreements:letter_list", kwargs=slug)),
        ("letter", reverse("agreements:letter_detail", args=[SLUG, letter.pk])),
        ("threads", reverse("conversations:thread_list", kwargs=slug)),
        ("thread", reverse("conversations:thread_detail", args=[SLUG, thread.pk])),
        ("aid dashboard", reverse("aid:dashboard", kwargs=slug)),
        ("needs", reverse("aid:need_list", kwargs=slug)),
        ("need", reverse("aid:need_detail", args=[SLUG, need.pk])),
        ("new need", reverse("aid:need_create", kwargs=slug)),
        ("offers", reverse("aid:offer_list", kwargs=slug)),
        ("offer", reverse("aid:offer_detail", args=[SLUG, offer.pk])),
        ("shipments", reverse("aid:shipment_list", kwargs=slug)),
        ("shipment received", reverse("aid:shipment_detail", args=[SLUG, received.pk])),
        ("shipment being packed", reverse("aid:shipment_detail", args=[SLUG, packing.pk])),
        ("goods received note", reverse("aid:receipt_detail", args=[SLUG, received.pk])),
        ("discrepancies", reverse("aid:discrepancy_list", kwargs=slug)),
        ("events", reverse("exchanges:event_list", kwargs=slug)),
        ("event", reverse("exchanges:event_detail", args=[SLUG, visit.pk])),
        ("profile", reverse("profile")),
        ("translation", f"/translations/aid.need/{need.pk}/?next=/partnerships/{aid}/"),
    ]


# One test per person, so the browser workers share the ten people evenly.
@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_every_role_fits_a_phone(demo, new_context, site, city, role):
    from django.utils import translation

    with translation.override("en"):
        pages = [(label, path.removeprefix("/en")) for label, path in _pages()]
    language = CITIES[city]
    too_wide = []
    page = new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    start_signed_in(page, site, demo.demo_email(role, city))
    for label, path in pages:
        page.goto(site(f"/{language}{path}"))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{role} ({city}) {label} /{language}{path}: {width} px")
    assert not too_wide, "horizontal scrolling at 390 px:\n" + "\n".join(too_wide)
