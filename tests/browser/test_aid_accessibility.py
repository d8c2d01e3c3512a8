"""axe-core (WCAG 2.1 A and AA) on every aid page of the demo, in all three languages, as
Zhytomyr's coordinator (who sees every detail) and Dortmund's staff (who loads shipments)."""

import pytest

from tests.browser.helpers import (
    SLUG,
    axe_violations,
    format_violations,
    html_lang,
    start_signed_in,
)

AID = f"/partnerships/{SLUG}/aid"


def _demo_ids():
    from pobratym.aid.models import Need, Offer, Shipment

    need = Need.objects.get(institution_type="hospital")
    received = Shipment.objects.get(status="receipt_confirmed")
    packing = Shipment.objects.get(status="packing")
    return {
        "need": need.pk,
        "offer": Offer.objects.filter(need=need).first().pk,
        "received": received.pk,
        "packing": packing.pk,
    }


def _check_all(page, site, language, pages) -> dict:
    found = {}
    for label, path in pages:
        response = page.goto(site(f"/{language}{path}"))
        assert response.status == 200, f"{label}: {response.status}"
        assert html_lang(page) == language
        if violations := axe_violations(page):
            found[label] = violations
    return found


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_every_aid_page_passes_axe(demo, page, new_context, site, language):
    ids = _demo_ids()
    start_signed_in(page, site, demo.demo_email("coordinator", "zhytomyr"))
    found = _check_all(
        page,
        site,
        language,
        [
            ("dashboard", f"{AID}/"),
            ("needs", f"{AID}/needs/"),
            ("needs filtered", f"{AID}/needs/?sector=health&status=partly_covered"),
            ("need", f"{AID}/needs/{ids['need']}/"),
            ("new need", f"{AID}/needs/new/"),
            ("edit need", f"{AID}/needs/{ids['need']}/edit/"),
            ("import needs", f"{AID}/needs/import/"),
            ("offers", f"{AID}/offers/"),
            ("offer", f"{AID}/offers/{ids['offer']}/"),
            ("new offer", f"{AID}/offers/new/"),
            ("shipments", f"{AID}/shipments/"),
            ("received shipment", f"{AID}/shipments/{ids['received']}/"),
            ("goods received note", f"{AID}/shipments/{ids['received']}/receipt/"),
            ("discrepancies", f"{AID}/discrepancies/"),
            ("translate a need", f"/translations/aid.need/{ids['need']}/?next={AID}/"),
            ("cancel a need (confirmation)", f"{AID}/needs/{ids['need']}/cancel/"),
        ],
    )
    page = new_context().new_page()
    start_signed_in(page, site, demo.demo_email("staff", "dortmund"))
    found |= _check_all(
        page,
        site,
        language,
        [
            ("shipment being packed", f"{AID}/shipments/{ids['packing']}/"),
            ("new shipment", f"{AID}/shipments/new/"),
            ("edit shipment", f"{AID}/shipments/{ids['packing']}/edit/"),
        ],
    )
    assert not found, "\n".join(f"{k}:\n{format_violations(v)}" for k, v in found.items())
