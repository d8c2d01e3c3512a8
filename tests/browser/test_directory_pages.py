"""The directory's pages in a real browser: axe-core (WCAG 2.1 A and AA) in all three
languages as Dortmund's coordinator (who sees contacts, exports, erases, imports and merges
them), and no horizontal scrolling on a 390 px phone."""

import pytest

from tests.browser.helpers import SLUG, assert_pages_pass_axe_and_fit_a_phone

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
    email = demo.demo_email("coordinator", "dortmund")
    assert_pages_pass_axe_and_fit_a_phone(new_context, site, email, language, _pages())
