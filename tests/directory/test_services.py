"""Adding and correcting organisations and contacts: their rules, duplicates refused with the
contact already there, creation safe to retry, and the erasure of a person's data."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pobratym.core.errors import Conflict, DomainError
from pobratym.directory import services
from pobratym.directory.models import Contact, Organisation
from pobratym.partnerships.models import Role
from tests.directory.factories import contact_add, contact_fields, organisation_add
from tests.factories import focus_area_create

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue())


def test_an_organisation_is_added_for_the_persons_own_city_in_its_language(partnership, office):
    area = focus_area_create(partnership)
    organisation = organisation_add(
        partnership, office, name="Stadtwerke", language="de", focus_areas=[area], logo=png()
    )
    assert organisation.side.position == 1
    assert organisation.language == "de"
    assert list(organisation.focus_areas.all()) == [area]
    assert organisation.logo.name.endswith(".png")
    assert organisation.history.count() == 1


def test_focus_areas_of_another_partnership_are_refused(partnership, other_partnership, office):
    elsewhere = focus_area_create(other_partnership)
    with pytest.raises(DomainError) as refused:
        organisation_add(partnership, office, focus_areas=[elsewhere])
    assert refused.value.code == "focus_area_elsewhere"
    assert not Organisation.objects.exists()


def test_a_pdf_is_not_a_logo(partnership, office):
    pdf = SimpleUploadedFile("logo.pdf", b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(DomainError):
        organisation_add(partnership, office, logo=pdf)


def test_partner_organisations_and_observers_do_not_add_organisations(partnership, cast):
    with pytest.raises(PermissionDenied):
        organisation_add(partnership, cast[(Role.PARTNER, 1)])


def test_adding_an_organisation_twice_with_one_key_makes_one(partnership, office):
    key = uuid.uuid4()
    first = organisation_add(partnership, office, name="Same", idempotency_key=key)
    again = organisation_add(partnership, office, name="Same", idempotency_key=key)
    assert first == again
    assert Organisation.objects.count() == 1
    with pytest.raises(Conflict):
        organisation_add(partnership, office, name="Other", idempotency_key=key)


def test_the_other_city_cannot_correct_an_organisation(organisation, cast):
    with pytest.raises(PermissionDenied):
        services.organisation_update(
            organisation=organisation, by=cast[(Role.STAFF, 2)], name="Renamed"
        )
    organisation = services.organisation_update(
        organisation=organisation, by=cast[(Role.COORDINATOR, 1)], name="Renamed"
    )
    assert organisation.name == "Renamed"
    assert organisation.history.count() == 2


def test_a_contact_is_stored_with_consent_and_a_keep_until_date(organisation, office):
    contact = contact_add(organisation, office, languages=["en", "de"])
    assert contact.side_id == organisation.side_id
    assert contact.languages == ["de", "en"]
    with pytest.raises(DomainError) as refused:
        contact_add(organisation, office, consent_on=None)
    assert refused.value.code == "consent_missing"
    today = timezone.localdate()
    with pytest.raises(DomainError) as refused:
        contact_add(organisation, office, consent_on=today, retain_until=today - timedelta(1))
    assert refused.value.code == "retention_before_consent"


@pytest.mark.parametrize(
    "phone", ["+49 231 50-0", "0231 / 50 00", "+380 412 47-00-00", "(0412) 470000"]
)
def test_german_and_ukrainian_phone_numbers_are_taken(organisation, office, phone):
    assert contact_add(organisation, office, phone=phone).phone == phone


@pytest.mark.parametrize("phone", ["12", "call me", "+49 231 50-0 ext. 7", "+1234567890123456"])
def test_a_malformed_phone_number_is_refused(organisation, office, phone):
    with pytest.raises(DomainError):
        contact_add(organisation, office, phone=phone)
    assert not Contact.objects.exists()


def test_a_contact_of_the_same_email_is_refused_naming_the_one_there(organisation, contact, office):
    with pytest.raises(services.DuplicateContact) as refused:
        contact_add(organisation, office, name="Someone else", email="ANNA@example.org ")
    assert refused.value.existing == contact
    assert refused.value.status == 409
    assert Contact.objects.count() == 1


def test_a_contact_of_the_same_name_at_the_same_organisation_is_refused(
    partnership, organisation, contact, office
):
    with pytest.raises(services.DuplicateContact) as refused:
        contact_add(organisation, office, name="  anna   BECKER", email="")
    assert refused.value.existing == contact
    elsewhere = organisation_add(partnership, office)
    assert contact_add(elsewhere, office, name="Anna Becker", email="")


def test_adding_a_contact_twice_with_one_key_makes_one(organisation, office):
    key = uuid.uuid4()
    fields = contact_fields()
    first = services.contact_create(
        organisation=organisation, by=office, idempotency_key=key, **fields
    )
    again = services.contact_create(
        organisation=organisation, by=office, idempotency_key=key, **fields
    )
    assert first == again and not again.created_now
    assert Contact.objects.count() == 1
    with pytest.raises(Conflict) as refused:
        services.contact_create(
            organisation=organisation, by=office, idempotency_key=key, **{**fields, "name": "X"}
        )
    assert refused.value.code == "idempotency_key_reused"


def test_a_contact_is_added_only_at_an_organisation_of_ones_own_city(organisation, cast):
    with pytest.raises(PermissionDenied):
        contact_add(organisation, cast[(Role.STAFF, 2)])


def test_correcting_a_contact_into_a_duplicate_is_refused(organisation, contact, office):
    other = contact_add(organisation, office)
    with pytest.raises(services.DuplicateContact):
        services.contact_update(contact=other, by=office, email="anna@example.org")
    updated = services.contact_update(contact=other, by=office, function="Mayor's office")
    assert updated.function == "Mayor's office"


def test_erasing_a_contact_blanks_the_person_everywhere_and_keeps_the_record(
    organisation, contact, office, coordinator1
):
    services.contact_update(contact=contact, by=office, phone="+49 231 12345")
    erased = services.contact_erase(contact=contact, by=coordinator1)

    erased.refresh_from_db()
    assert erased.anonymised_at is not None
    assert (erased.name, erased.email, erased.phone, erased.function) == ("", "", "", "")
    assert erased.languages == [] and erased.consent_on is None
    rows = list(erased.history.order_by("history_date"))
    assert len(rows) == 3  # added, corrected, erased: who and when stay
    assert rows[-1].history_user == coordinator1
    for row in rows:
        assert (row.name, row.email, row.phone, row.consent_purpose) == ("", "", "", "")
    assert Contact.objects.filter(organisation=organisation).count() == 1
    # The person may be added again later, as a new contact.
    assert contact_add(organisation, office, name="Anna Becker", email="anna@example.org")


def test_an_erased_contact_cannot_be_erased_or_changed_again(contact, coordinator1):
    stale = Contact.objects.get(pk=contact.pk)
    erased = services.contact_erase(contact=contact, by=coordinator1)
    with pytest.raises(PermissionDenied):
        services.contact_erase(contact=erased, by=coordinator1)
    with pytest.raises(PermissionDenied):
        services.contact_update(contact=erased, by=coordinator1, function="x")
    # A second erasure sent meanwhile, from a page shown before, is a conflict.
    with pytest.raises(Conflict):
        services.contact_erase(contact=stale, by=coordinator1)


def test_only_a_coordinator_of_the_contacts_city_erases(contact, cast, office):
    for person in (office, cast[(Role.COORDINATOR, 2)]):
        with pytest.raises(PermissionDenied):
            services.contact_erase(contact=contact, by=person)


def test_an_edit_made_from_an_older_revision_is_refused(organisation, contact, office):
    from pobratym.core.errors import Stale

    services.organisation_update(organisation=organisation, by=office, revision=1, name="New")
    with pytest.raises(Stale):
        services.organisation_update(organisation=organisation, by=office, revision=1, name="Old")
    organisation.refresh_from_db()
    assert (organisation.name, organisation.revision) == ("New", 2)

    services.contact_update(contact=contact, by=office, revision=1, function="Head")
    with pytest.raises(Stale):
        services.contact_update(contact=contact, by=office, revision=1, function="Deputy")
    contact.refresh_from_db()
    assert (contact.function, contact.revision) == ("Head", 2)
