"""Registering and correcting letters through the services, as views and the demo do."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.utils import timezone

from pobratym.agreements.models import Letter, LetterScan
from pobratym.agreements.services import letters as services
from pobratym.core.errors import DomainError
from tests.agreements.factories import agreement_draft
from tests.agreements.letter_factories import letter_fields, letter_register, pdf_upload
from tests.factories import member_create

pytestmark = pytest.mark.django_db


def test_letter_is_registered_in_the_registering_persons_own_register(
    partnership, other_side_coordinator
):
    letter = letter_register(partnership, other_side_coordinator, registration_number="31/1915")

    assert letter.side == partnership.sides.get(position=2)
    assert letter.partnership == partnership
    assert letter.recorded_by == other_side_coordinator
    assert letter.history.get().history_user == other_side_coordinator


def test_side_cannot_be_chosen_by_the_caller(partnership, coordinator):
    other_side = partnership.sides.get(position=2)

    with pytest.raises(TypeError):
        letter_register(partnership, coordinator, side=other_side)

    assert not Letter.objects.exists()


def test_staff_may_register_but_partner_organisations_and_observers_may_not(partnership, staff):
    assert letter_register(partnership, staff).side.position == 1
    for role in ("partner", "observer", "signatory"):
        person = member_create(partnership, role).user
        with pytest.raises(PermissionDenied):
            letter_register(partnership, person)


def test_same_number_twice_in_one_register_is_refused_with_a_clear_message(
    partnership, coordinator, staff
):
    letter_register(partnership, coordinator, registration_number="31/1915")

    with pytest.raises(DomainError) as caught:
        letter_register(partnership, staff, registration_number=" 31/1915 ")

    assert caught.value.code == "letter_number_taken"
    assert "31/1915 is already registered" in caught.value.message
    assert Letter.objects.count() == 1


def test_same_number_may_stand_in_the_other_direction_and_in_the_other_office(
    partnership, coordinator, other_side_coordinator
):
    letter_register(partnership, coordinator, registration_number="12/7")
    letter_register(partnership, coordinator, registration_number="12/7", direction="incoming")
    letter_register(partnership, other_side_coordinator, registration_number="12/7")

    assert Letter.objects.filter(registration_number="12/7").count() == 3


def test_links_to_another_partnership_are_refused(
    partnership, other_partnership, coordinator, outsider
):
    foreign_letter = letter_register(other_partnership, outsider)
    foreign_agreement = agreement_draft(other_partnership, outsider)

    for link in ({"in_reply_to": foreign_letter}, {"agreement": foreign_agreement}):
        with pytest.raises(DomainError) as caught:
            letter_register(partnership, coordinator, **link)
        assert caught.value.code == "other_partnership"
    assert not Letter.objects.filter(partnership=partnership).exists()


def test_a_reply_links_both_ways_across_the_two_offices(
    partnership, coordinator, other_side_coordinator
):
    proposal = letter_register(partnership, other_side_coordinator)
    reply = letter_register(partnership, coordinator, in_reply_to=proposal)

    assert list(proposal.replies.all()) == [reply]


def test_update_corrects_the_letter_and_keeps_its_office(partnership, coordinator, staff):
    letter = letter_register(partnership, coordinator)

    services.letter_update(letter=letter, by=staff, subject="Corrected subject", file_index="1.2")

    letter.refresh_from_db()
    assert (letter.subject, letter.file_index, letter.side.position) == (
        "Corrected subject",
        "1.2",
        1,
    )
    assert letter.history.first().history_user == staff


def test_update_refuses_the_other_office_and_a_number_already_taken(
    partnership, coordinator, other_side_coordinator
):
    first = letter_register(partnership, coordinator, registration_number="1/1")
    second = letter_register(partnership, coordinator, registration_number="1/2")

    with pytest.raises(PermissionDenied):
        services.letter_update(letter=first, by=other_side_coordinator, subject="Not ours")
    with pytest.raises(DomainError) as caught:
        services.letter_update(letter=second, by=coordinator, registration_number="1/1")
    assert caught.value.code == "letter_number_taken"
    with pytest.raises(DomainError):
        services.letter_update(letter=second, by=coordinator, in_reply_to=second)


def test_scans_come_with_the_registration_and_can_be_removed(
    partnership, coordinator, django_capture_on_commit_callbacks
):
    letter = services.letter_register(
        partnership=partnership, by=coordinator, scans=[pdf_upload()], **letter_fields()
    )
    scan = letter.scans.get()
    name = scan.file.name
    assert name.startswith("agreements/letters/letter-") and name.endswith(".pdf")
    assert default_storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        services.letter_scan_remove(scan=scan, by=coordinator)

    assert not LetterScan.objects.exists()
    assert not default_storage.exists(name)


def test_the_other_office_can_neither_add_nor_remove_scans(
    partnership, coordinator, other_side_coordinator
):
    letter = letter_register(partnership, coordinator)
    scan = services.letter_scan_add(letter=letter, by=coordinator, upload=pdf_upload())

    with pytest.raises(PermissionDenied):
        services.letter_scan_add(letter=letter, by=other_side_coordinator, upload=pdf_upload())
    with pytest.raises(PermissionDenied):
        services.letter_scan_remove(scan=scan, by=other_side_coordinator)
    assert letter.scans.count() == 1


def test_a_registration_in_the_future_is_refused(partnership):
    registrar = member_create(partnership, "staff").user
    tomorrow = timezone.now() + timedelta(days=1)
    with pytest.raises(DomainError) as caught:
        services.letter_register(
            partnership=partnership, by=registrar, **letter_fields(registered_at=tomorrow)
        )
    assert caught.value.code == "date_in_future"
    assert not partnership.letters.exists()
