"""Participants of an event: contacts of the partnership with a role and travel dates; a
minor only with a guardian's consent recorded, which the database holds too; names for those
who may see contacts, counts for everyone else and the public."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from pobratym.core.errors import Conflict, DomainError
from pobratym.directory import services as directory
from pobratym.exchanges import services
from pobratym.exchanges.models import Participant
from pobratym.exchanges.selectors import participants as selectors
from pobratym.exchanges.services.participants import event_days
from pobratym.partnerships.models import Role
from tests.exchanges import people
from tests.exchanges.people import minor_fields, participant_make

pytestmark = pytest.mark.django_db
cast, office, event = people.cast, people.office, people.event
dortmund_organisation, zhytomyr_organisation = (
    people.dortmund_organisation,
    people.zhytomyr_organisation,
)
anna, taras = people.anna, people.taras


def test_an_office_adds_a_contact_with_role_and_travel_dates(event, anna, taras, cast):
    first, last = event_days(event)
    participant = participant_make(
        event,
        taras,
        cast[(Role.STAFF, 2)],
        role="head",
        arrives_on=first - timedelta(days=1),
        departs_on=last + timedelta(days=1),
    )
    assert participant.contact == taras and participant.role == "head"
    assert not participant.minor and participant.guardian_name == ""
    assert participant.history.count() == 1


def test_the_same_person_is_not_added_twice(event, anna, office):
    participant_make(event, anna, office)
    with pytest.raises(Conflict) as refused:
        participant_make(event, anna, office, role="speaker")
    assert refused.value.field == "contact" and "Anna Becker" in refused.value.message
    assert Participant.objects.filter(event=event).count() == 1


@pytest.mark.parametrize(
    ("days", "field"),
    [
        ({"arrives_on": 2, "departs_on": 1}, "departs_on"),  # departs before arriving
        ({"arrives_on": 60}, "arrives_on"),  # arrives after the event
        ({"arrives_on": -40}, "arrives_on"),  # far too early
        ({"departs_on": -1}, "departs_on"),  # leaves before it starts
        ({"departs_on": 50}, "departs_on"),  # far too late
    ],
)
def test_travel_dates_outside_the_event_are_refused_at_their_field(
    event, anna, office, days, field
):
    first, _last = event_days(event)
    dates = {name: first + timedelta(days=offset) for name, offset in days.items()}
    with pytest.raises(DomainError) as refused:
        participant_make(event, anna, office, **dates)
    assert refused.value.field == field
    assert not Participant.objects.exists()


def test_a_contact_of_another_partnership_or_erased_cannot_take_part(
    event, anna, office, cast, other_partnership
):
    stranger_office = people.Cast(other_partnership)[(Role.STAFF, 1)]
    elsewhere = people.contact_add(
        people.organisation_add(other_partnership, stranger_office), stranger_office
    )
    with pytest.raises(DomainError) as refused:
        participant_make(event, elsewhere, office)
    assert refused.value.field == "contact"
    directory.contact_erase(contact=anna, by=cast[(Role.COORDINATOR, 1)])
    anna.refresh_from_db()
    with pytest.raises(DomainError):
        participant_make(event, anna, office)
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    "missing", ["guardian_name", "guardian_consent_on", "guardian_consent_method"]
)
def test_a_minor_without_the_guardians_consent_is_refused_at_the_field(
    event, taras, office, missing
):
    fields = minor_fields(**{missing: None if missing == "guardian_consent_on" else ""})
    with pytest.raises(DomainError) as refused:
        participant_make(event, taras, office, **fields)
    assert refused.value.code == "guardian_consent_missing"
    assert refused.value.field == missing
    assert "consent" in refused.value.message
    assert not Participant.objects.exists()


def test_a_minor_with_the_guardians_consent_is_added(event, taras, office):
    participant = participant_make(event, taras, office, **minor_fields())
    assert participant.minor and participant.guardian_name == "Olena Kovalenko"
    assert participant.guardian_consent_method == "written"


def test_an_adult_keeps_no_guardian(event, anna, office):
    participant = participant_make(
        event, anna, office, **minor_fields(minor=False, guardian_name="Somebody")
    )
    assert participant.guardian_name == "" and participant.guardian_consent_on is None


def test_the_database_refuses_a_minor_without_consent_too(event, taras, office):
    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            event=event, contact=taras, added_by=office, minor=True, guardian_name="Olena"
        )


def test_only_the_offices_add_and_remove(event, anna, office, cast):
    for role in (Role.PARTNER, Role.OBSERVER, Role.SIGNATORY):
        with pytest.raises(PermissionDenied):
            participant_make(event, anna, cast[(role, 1)])
    with pytest.raises(PermissionDenied):
        participant_make(event, anna, cast.outsider())
    participant = participant_make(event, anna, cast[(Role.COORDINATOR, 2)])
    with pytest.raises(PermissionDenied):
        services.participant_remove(participant=participant, by=cast[(Role.PARTNER, 1)])
    services.participant_remove(participant=participant, by=office)
    assert not Participant.objects.exists()
    assert Participant.history.filter(id=participant.pk, history_type="-").exists()


def test_a_retry_with_the_same_key_adds_once(event, anna, office):
    key = uuid.uuid4()
    first = participant_make(event, anna, office, idempotency_key=key, role="speaker")
    again = participant_make(event, anna, office, idempotency_key=key, role="speaker")
    assert first.pk == again.pk and not again.created_now


def test_names_are_for_the_offices_counts_for_every_member(event, anna, taras, office, cast):
    participant_make(event, anna, office, role="head")
    participant_make(event, taras, office, **minor_fields())
    assert [p.contact.name for p in selectors.participant_list(viewer=office, event=event)] == [
        "Anna Becker",
        "Тарас Мельник",
    ]
    assert selectors.participant_list(viewer=cast[(Role.PARTNER, 1)], event=event) is None
    assert selectors.participant_list(viewer=cast[(Role.OBSERVER, 2)], event=event) is None
    counts = selectors.participant_counts(event_ids=[event.pk])[event.pk]
    assert counts.total == 2 and counts.minors == 1
    assert counts.by_role == (("head of delegation", 1), ("participant", 1))


def test_the_public_counts_never_name_anyone(
    partnership, event, anna, taras, office, django_assert_num_queries
):
    participant_make(event, anna, office, role="chaperone")
    participant_make(event, taras, office, **minor_fields())
    hidden = people.event_add(partnership, office, title="Closed meeting")
    participant_make(hidden, anna, office)

    with django_assert_num_queries(1):
        counts = selectors.public_participant_counts(event_ids=[event.pk, hidden.pk])
    assert counts == {}  # neither event is public yet

    services.event_update(event=event, by=office, public=True)
    counts = selectors.public_participant_counts(event_ids=[event.pk, hidden.pk])
    assert set(counts) == {event.pk}
    assert counts[event.pk].total == 2 and counts[event.pk].minors == 1
    shown = repr(counts)
    for secret in ("Anna", "Becker", "Тарас", "Мельник", "Olena", "Kovalenko", "example.org"):
        assert secret not in shown
    assert all(isinstance(value, str | int) for pair in counts[event.pk].by_role for value in pair)
