"""The directory's pages: lists with search, filters, sort and count, a page per record, the
forms (a duplicate refused with a link to the one there, a form sent twice making one record),
and who gets which page."""

import uuid

import pytest
from django.urls import reverse

from pobratym.directory.models import Contact, Organisation
from pobratym.partnerships.models import Role
from tests.access import Page, http_check, who
from tests.directory.factories import contact_add, contact_fields, organisation_add
from tests.factories import focus_area_create

pytestmark = pytest.mark.django_db


def url(name, partnership, *args):
    return reverse(f"directory:{name}", args=[partnership.slug, *args])


def test_the_list_searches_filters_sorts_and_counts(partnership, office, client_of, cast):
    area = focus_area_create(partnership)
    organisation_add(partnership, office, name="Stadtwerke Alpha", kind="municipal_subsidiary")
    organisation_add(
        partnership, office, name="Alpha University", kind="research", focus_areas=[area]
    )
    organisation_add(partnership, cast[(Role.STAFF, 2)], name="Школа №1", kind="school")
    client = client_of(cast[(Role.OBSERVER, 2)])

    page = client.get(url("organisation_list", partnership))
    assert page.status_code == 200
    assert "3 organisations" in page.text

    found = client.get(url("organisation_list", partnership), {"q": "alpha"})
    assert "2 organisations" in found.text
    assert (
        client.get(url("organisation_list", partnership), {"q": "школа"})
        .context["page"]
        .paginator.count
        == 1
    )
    by_kind = client.get(url("organisation_list", partnership), {"kind": "research"})
    assert [o.name for o in by_kind.context["page"]] == ["Alpha University"]
    by_area = client.get(url("organisation_list", partnership), {"focus_area": area.pk})
    assert [o.name for o in by_area.context["page"]] == ["Alpha University"]
    side2 = partnership.sides.get(position=2)
    by_city = client.get(url("organisation_list", partnership), {"side": side2.pk})
    assert [o.name for o in by_city.context["page"]] == ["Школа №1"]
    sorted_down = client.get(url("organisation_list", partnership), {"sort": "-name"})
    names = [o.name for o in sorted_down.context["page"]]
    assert names == sorted(names, reverse=True)


def test_the_list_keeps_its_number_of_queries(
    partnership, office, client_of, django_assert_max_num_queries
):
    client = client_of(office)
    for _ in range(3):
        organisation_add(partnership, office, focus_areas=[])
    client.get(url("organisation_list", partnership))
    with django_assert_max_num_queries(30) as few:
        client.get(url("organisation_list", partnership))
    queries = len(few.captured_queries)
    for _ in range(5):
        organisation_add(partnership, office)
    with django_assert_max_num_queries(queries):
        client.get(url("organisation_list", partnership))


def test_an_organisation_is_added_through_the_form_once(partnership, office, client_of):
    client = client_of(office)
    area = focus_area_create(partnership)
    form = client.get(url("organisation_create", partnership))
    key = form.context["form"]["idempotency_key"].value()
    data = {
        "name": "Auslandsgesellschaft",
        "kind": "civil_society",
        "website": "https://example.org/",
        "focus_areas": [area.pk],
        "idempotency_key": key,
    }
    first = client.post(url("organisation_create", partnership), data)
    again = client.post(url("organisation_create", partnership), data)
    organisation = Organisation.objects.get()
    assert first.status_code == again.status_code == 302
    assert (
        first["Location"]
        == again["Location"]
        == url("organisation_detail", partnership, organisation.pk)
    )
    page = client.get(first["Location"])
    assert "Auslandsgesellschaft" in page.text
    assert "Add a contact" in page.text


def test_an_organisation_without_a_type_shows_the_form_again(partnership, office, client_of):
    response = client_of(office).post(url("organisation_create", partnership), {"name": "X"})
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_a_duplicate_contact_is_refused_with_a_link_to_the_one_there(
    partnership, organisation, contact, office, client_of
):
    client = client_of(office)
    data = {
        **contact_fields(name="Someone", email="Anna@Example.org"),
        "organisation": organisation.pk,
        "idempotency_key": str(uuid.uuid4()),
    }
    response = client.post(url("contact_create", partnership), data)
    assert response.status_code == 409
    assert url("contact_detail", partnership, contact.pk) in response.text
    assert "already in the directory" in response.text
    assert Contact.objects.count() == 1


def test_a_contact_is_added_and_shown_to_the_offices(
    partnership, organisation, office, client_of, cast
):
    client = client_of(office)
    data = {
        **contact_fields(name="Jonas Krüger", email="jonas@example.org"),
        "organisation": organisation.pk,
        "idempotency_key": str(uuid.uuid4()),
    }
    response = client.post(url("contact_create", partnership), data)
    contact = Contact.objects.get()
    assert response["Location"] == url("contact_detail", partnership, contact.pk)
    other_office = client_of(cast[(Role.STAFF, 2)])
    assert "jonas@example.org" in other_office.get(response["Location"]).text
    listed = other_office.get(url("contact_list", partnership), {"q": "krüger"})
    assert listed.context["page"].paginator.count == 1
    # Members outside the offices see the organisation, not who works there.
    partner = client_of(cast[(Role.PARTNER, 1)])
    page = partner.get(url("organisation_detail", partnership, organisation.pk))
    assert page.status_code == 200 and "Jonas" not in page.text
    assert partner.get(response["Location"]).status_code == 403


def test_the_contact_form_offers_only_organisations_of_ones_own_city(
    partnership, organisation, cast, client_of
):
    form = client_of(cast[(Role.STAFF, 2)]).get(url("contact_create", partnership))
    assert "Add the organisation first" in form.text
    mine = client_of(cast[(Role.STAFF, 1)]).get(url("contact_create", partnership))
    assert list(mine.context["form"].fields["organisation"].queryset) == [organisation]


def test_a_contact_is_corrected_by_its_citys_office(partnership, contact, office, client_of):
    data = {
        **contact_fields(name="Anna Becker", email="anna@example.org", function="Leiterin"),
        "organisation": contact.organisation_id,
    }
    response = client_of(office).post(url("contact_edit", partnership, contact.pk), data)
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.function == "Leiterin"


def test_the_erasure_asks_first_then_erases(partnership, contact, coordinator1, client_of):
    client = client_of(coordinator1)
    address = url("contact_erase", partnership, contact.pk)
    question = client.get(address)
    assert question.status_code == 200 and "cannot be undone" in question.text
    contact.refresh_from_db()
    assert contact.anonymised_at is None
    done = client.post(address)
    assert done["Location"] == url("contact_detail", partnership, contact.pk)
    page = client.get(done["Location"])
    assert "anna@example.org" not in page.text and "anonymised" in page.text


def test_the_review_list_shows_the_coordinators_contacts_past_their_date(
    partnership, organisation, office, coordinator1, cast, client_of
):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    overdue = contact_add(
        organisation, office, consent_on=today - timedelta(400), retain_until=today - timedelta(1)
    )
    contact_add(organisation, office)
    page = client_of(coordinator1).get(url("retention_list", partnership))
    assert list(page.context["contacts"]) == [overdue]
    other_city = client_of(cast[(Role.COORDINATOR, 2)]).get(url("retention_list", partnership))
    assert list(other_city.context["contacts"]) == []
    assert client_of(office).get(url("retention_list", partnership)).status_code == 403


def test_the_review_list_keeps_its_number_of_queries(
    partnership, office, coordinator1, client_of, django_assert_max_num_queries
):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()

    def overdue():
        contact_add(
            organisation_add(partnership, office, language="de"),  # not the reader's
            office,
            consent_on=today - timedelta(400),
            retain_until=today - timedelta(1),
        )

    client = client_of(coordinator1)
    overdue()
    client.get(url("retention_list", partnership))
    with django_assert_max_num_queries(30) as few:
        client.get(url("retention_list", partnership))
    for _ in range(5):
        overdue()
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("retention_list", partnership))
    assert len(page.context["contacts"]) == 6


@pytest.fixture
def world(partnership, organisation, contact):
    return {"partnership": partnership, "organisation": organisation, "contact": contact}


PAGES = [
    Page("organisations", lambda w: url("organisation_list", w["partnership"]), who(*Role.values)),
    Page(
        "organisation",
        lambda w: url("organisation_detail", w["partnership"], w["organisation"].pk),
        who(*Role.values),
    ),
    Page(
        "organisation edit",
        lambda w: url("organisation_edit", w["partnership"], w["organisation"].pk),
        who(Role.COORDINATOR, Role.STAFF, sides=[1]),
    ),
    Page(
        "contacts",
        lambda w: url("contact_list", w["partnership"]),
        who(Role.COORDINATOR, Role.STAFF),
    ),
    Page(
        "contact",
        lambda w: url("contact_detail", w["partnership"], w["contact"].pk),
        who(Role.COORDINATOR, Role.STAFF),
    ),
    Page(
        "contact data",
        lambda w: url("contact_export", w["partnership"], w["contact"].pk),
        who(Role.COORDINATOR, sides=[1]),
    ),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_who_gets_each_page(page, world, cast):
    http_check(page, world, cast)


def test_the_other_citys_office_translates_an_organisations_name(
    partnership, organisation, cast, client_of
):
    address = reverse(
        "translation:edit", kwargs={"label": "directory.organisation", "pk": organisation.pk}
    )
    assert client_of(cast[(Role.STAFF, 2)]).get(address).status_code == 200
    assert client_of(cast[(Role.PARTNER, 2)]).get(address).status_code == 404


def test_a_contact_edited_meanwhile_is_shown_again_with_what_changed(
    partnership, contact, office, coordinator1, client_of
):
    from pobratym.directory import services

    client = client_of(office)
    address = url("contact_edit", partnership, contact.pk)
    form = client.get(address).context["form"]
    services.contact_update(contact=contact, by=coordinator1, revision=1, function="Mayor")
    data = {
        **contact_fields(name="Anna Becker", email="anna@example.org", function="Deputy"),
        "organisation": contact.organisation_id,
        "revision": form["revision"].value(),
    }
    response = client.post(address, data)
    assert response.status_code == 409
    assert "Mayor" in response.text
    contact.refresh_from_db()
    assert contact.function == "Mayor"
    again = client.post(address, {**data, "revision": 2})
    assert again.status_code == 302


def test_the_contact_list_keeps_its_number_of_queries(
    partnership, organisation, office, client_of, django_assert_max_num_queries
):
    client = client_of(office)
    contact_add(organisation, office)
    client.get(url("contact_list", partnership))
    with django_assert_max_num_queries(30) as few:
        client.get(url("contact_list", partnership))
    for _ in range(5):
        contact_add(organisation_add(partnership, office), office)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("contact_list", partnership))


def test_contacts_name_their_organisation_and_dates_in_the_readers_language(
    partnership, office, client_of, cast
):
    from datetime import date

    from pobratym.translation.models import digest_of

    clinic = organisation_add(partnership, office, name="Klinikum Dortmund", language="de")
    clinic.translations.create(
        field="name",
        language="uk",
        text="Клінікум Дортмунд",
        kind="human",
        source_digest=digest_of(clinic.name),
    )
    contact_add(clinic, office, name="Jonas Krüger", retain_until=date(2031, 12, 3))
    reader = cast[(Role.COORDINATOR, 2)]
    reader.language = "uk"
    reader.save()
    client = client_of(reader)

    page = client.get(url("contact_list", partnership).replace("/en/", "/uk/", 1))

    assert "Клінікум Дортмунд" in page.text
    assert "Klinikum Dortmund" not in page.text
    assert "3 грудня 2031" in page.text
