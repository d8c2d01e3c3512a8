"""The directory's pages in a real browser: axe-core (WCAG 2.1 A and AA) in all three
languages as Dortmund's coordinator (who sees contacts, exports, erases, imports and merges
them), and no horizontal scrolling on a 390 px phone."""

import pytest

from tests.browser.helpers import PHONE, SLUG, axe_violations, format_violations, sign_in

DIRECTORY = f"/partnerships/{SLUG}/directory"


def _pages() -> list[tuple[str, str]]:
    from pobratym.directory.models import Contact, Organisation

    organisation = Organisation.objects.filter(side__position=1, contacts__isnull=False)[0]
    contact = Contact.objects.filter(organisation=organisation)[0]
    other = Contact.objects.filter(side=contact.side_id).exclude(pk=contact.pk)[0]
    return [
        ("organisations", f"{DIRECTORY}/"),
        ("organisations filtered", f"{DIRECTORY}/?kind=municipal_subsidiary&q=Dortmund"),
        ("organisation", f"{DIRECTORY}/organisations/{organisation.pk}/"),
        ("new organisation", f"{DIRECTORY}/organisations/new/"),
        ("edit organisation", f"{DIRECTORY}/organisations/{organisation.pk}/edit/"),
        ("contacts", f"{DIRECTORY}/contacts/"),
        ("contact", f"{DIRECTORY}/contacts/{contact.pk}/"),
        ("new contact", f"{DIRECTORY}/contacts/new/"),
        ("edit contact", f"{DIRECTORY}/contacts/{contact.pk}/edit/"),
        ("erase contact (confirmation)", f"{DIRECTORY}/contacts/{contact.pk}/erase/"),
        ("contacts to review", f"{DIRECTORY}/contacts/review/"),
        ("import contacts", f"{DIRECTORY}/contacts/import/"),
        ("merge: find the other", f"{DIRECTORY}/contacts/{contact.pk}/merge/?q=a"),
        ("merge: compare", f"{DIRECTORY}/contacts/{contact.pk}/merge/{other.pk}/"),
    ]


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_every_directory_page_passes_axe_and_fits_a_phone(demo, new_context, site, language):
    pages = _pages()
    found, too_wide = {}, []
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page = new_context(viewport=viewport).new_page()
        sign_in(page, site, demo.demo_email("coordinator", "dortmund"), language=language)
        for label, path in pages:
            response = page.goto(site(f"/{language}{path}"))
            assert response.status == 200, f"{label}: {response.status}"
            if viewport is PHONE:
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > PHONE["width"]:
                    too_wide.append(f"{label}: {width} px")
            elif violations := axe_violations(page):
                found[label] = violations
    assert not found, "\n".join(f"{k}:\n{format_violations(v)}" for k, v in found.items())
    assert not too_wide, "horizontal scrolling at 390 px:\n" + "\n".join(too_wide)
