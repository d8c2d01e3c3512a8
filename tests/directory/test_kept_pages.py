"""The organisations list, an organisation's page, the contacts list, a contact's page and the
contacts to review are rendered once and kept until anything is written
(core.changes.remembered_body), per person and session: as production runs, not as the other
tests do (`remembering`). Reading a contact writes nothing, so nothing is skipped by keeping
its page."""

import re
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from pobratym.directory import services
from pobratym.partnerships.models import Role
from tests.core.test_changes import database_cache  # noqa: F401 (a fixture)
from tests.directory.factories import contact_add
from tests.kept import kept_read, page_read, read_from

pytestmark = [pytest.mark.remembering, pytest.mark.django_db, pytest.mark.sqlite_pass]

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE)", re.IGNORECASE)


@pytest.fixture
def contact_url(partnership, contact):
    return reverse("directory:contact_detail", args=[partnership.slug, contact.pk])


@pytest.fixture
def organisation_url(partnership, organisation):
    return reverse("directory:organisation_detail", args=[partnership.slug, organisation.pk])


def test_a_contact_page_is_read_once_and_reading_it_writes_nothing(client_of, office, contact_url):
    client = client_of(office)
    client.get(contact_url)  # the session gets its CSRF secret
    _first, rendering = page_read(client, contact_url)
    again, queries = kept_read(client, contact_url)

    assert "anna@example.org" in again and "<title>Anna Becker · " in again
    assert read_from(rendering, "directory_contact") and not read_from(queries, "directory_contact")
    assert not [sql for sql in rendering + queries if WRITE.match(sql)]


def test_a_kept_contact_page_shows_a_correction_and_an_erasure_at_once(
    client_of, cast, office, contact, contact_url
):
    client = client_of(office)
    client.get(contact_url)
    assert "+49 231 50-0" in page_read(client, contact_url)[0]

    services.contact_update(contact=contact, by=office, phone="+49 231 777")
    assert "+49 231 777" in page_read(client, contact_url)[0]

    services.contact_erase(contact=contact, by=cast[(Role.COORDINATOR, 1)])
    text, _queries = page_read(client, contact_url)
    assert "The personal data of this contact was erased" in text
    assert "Anna Becker" not in text and "anna@example.org" not in text


def test_contacts_kept_for_an_office_are_not_shown_to_members_who_may_not_see_them(
    client_of, cast, office, partnership, contact, contact_url, organisation_url
):
    contacts_url = reverse("directory:contact_list", args=[partnership.slug])
    staff, partner = client_of(office), client_of(cast[(Role.PARTNER, 1)])  # signed in: a write
    for _round in range(2):
        for page in (contact_url, organisation_url, contacts_url):
            staff.get(page)
    assert "anna@example.org" in page_read(staff, organisation_url)[0]
    assert "Anna Becker" in page_read(staff, contacts_url)[0]

    for _round in range(2):
        partner.get(organisation_url)  # the CSRF secret, then the page kept for the partner
    seen, queries = page_read(partner, organisation_url)
    assert "Stadtwerke Alpha" in seen
    assert "Anna Becker" not in seen and "anna@example.org" not in seen
    assert not read_from(queries, "directory_organisation")  # the partner's own page, kept
    for page in (contact_url, contacts_url):
        refused = partner.get(page)
        assert refused.status_code == 403 and "Anna Becker" not in refused.content.decode()


def test_the_lists_are_kept_per_address_and_show_a_new_contact_at_once(
    client_of, office, partnership, organisation, contact
):
    client = client_of(office)
    contacts = reverse("directory:contact_list", args=[partnership.slug])
    organisations = reverse("directory:organisation_list", args=[partnership.slug])
    client.get(contacts)
    every, _queries = page_read(client, contacts)
    again, queries = page_read(client, contacts)
    found, _queries = page_read(client, f"{contacts}?q=nobody")
    assert again == every and "Anna Becker" in every and not read_from(queries, "directory_contact")
    assert "Anna Becker" not in found and "No contact matches the filter." in found

    first, _queries = page_read(client, organisations)
    again, queries = page_read(client, organisations)
    assert again == first and "Stadtwerke Alpha" in again
    assert not read_from(queries, "directory_organisation")

    contact_add(organisation, office, name="Bernd Schulz")
    assert "Bernd Schulz" in page_read(client, contacts)[0]


def _kept_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM pobratym_cache WHERE cache_key LIKE '%kept:%'")
        return cursor.fetchone()[0]


@pytest.mark.usefixtures("database_cache")
def test_erasing_a_contact_deletes_the_kept_pages_that_showed_them(
    client_of, cast, office, contact, contact_url, organisation_url
):
    """Not only renewed: a kept copy of the person's page would stay in the cache's table,
    and in every backup of the database, after the person's data was erased."""
    client = client_of(office)
    for _round in range(2):
        for page in (contact_url, organisation_url):
            client.get(page)
    caches["default"].set("failed-logins-told:1:203.0.113.9", 1, 600)
    assert _kept_rows() > 0

    services.contact_erase(contact=contact, by=cast[(Role.COORDINATOR, 1)])

    assert _kept_rows() == 0
    assert caches["default"].get("failed-logins-told:1:203.0.113.9") == 1
    text, _queries = page_read(client, contact_url)
    assert "Anna Becker" not in text and "anna@example.org" not in text


def _overdue(organisation, office, name="Anna Becker", email="anna@example.org"):
    today = timezone.localdate()
    return contact_add(
        organisation,
        office,
        name=name,
        email=email,
        consent_on=today - timedelta(400),
        retain_until=today - timedelta(1),
    )


def test_the_contacts_to_review_are_kept_for_the_coordinator_of_their_city_only(
    client_of, cast, office, coordinator1, partnership, organisation
):
    _overdue(organisation, office)
    url = reverse("directory:retention_list", args=[partnership.slug])
    own_city, other_city = client_of(coordinator1), client_of(cast[(Role.COORDINATOR, 2)])

    text, queries = kept_read(own_city, url)
    assert "Anna Becker" in text and "<title>Contacts to review · " in text
    assert not read_from(queries, "directory_contact")
    seen, queries = kept_read(other_city, url)
    assert "No contact is past its keep-until date." in seen and "Anna Becker" not in seen
    assert not read_from(queries, "directory_contact")  # their own page, kept
    refused = client_of(office).get(url)
    assert refused.status_code == 403 and "Anna Becker" not in refused.content.decode()


def test_a_contact_extended_or_erased_leaves_the_kept_review_list_at_once(
    client_of, office, coordinator1, partnership, organisation
):
    anna = _overdue(organisation, office)
    bernd = _overdue(organisation, office, name="Bernd Schulz", email="bernd@example.org")
    url = reverse("directory:retention_list", args=[partnership.slug])
    client = client_of(coordinator1)
    text, _queries = kept_read(client, url)
    assert "Anna Becker" in text and "Bernd Schulz" in text

    today = timezone.localdate()
    services.contact_update(
        contact=anna, by=office, consent_on=today, retain_until=today + timedelta(365)
    )
    text, _queries = page_read(client, url)
    assert "Anna Becker" not in text and "Bernd Schulz" in text

    services.contact_erase(contact=bernd, by=coordinator1)
    text, _queries = page_read(client, url)
    assert "Bernd Schulz" not in text and "No contact is past its keep-until date." in text
