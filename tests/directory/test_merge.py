"""Two contacts that are one person, merged: the values chosen field by field stay in one
contact, every record that pointed at the other (events' participants and invitations, found
without the directory naming them) moves to it, the other is removed with its personal data
gone from its history, the merge is in the audit; a stale page is refused (decision 0018)."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from pobratym.core.errors import Stale
from pobratym.directory import merging, services
from pobratym.directory.models import Contact
from pobratym.exchanges.models import Event, EventKind, Invitation, Participant
from pobratym.partnerships.models import Role
from tests.directory.factories import contact_add, organisation_add

pytestmark = pytest.mark.django_db

KEEP, TAKE = merging.KEEP, merging.TAKE


@pytest.fixture
def twin(partnership, office):
    """The same Anna Becker at another organisation of the same city, with another address."""
    school = organisation_add(partnership, office, name="Goethe-Schule")
    return contact_add(
        school, office, name="Anna  BECKER", email="a.becker@example.org", phone="+49 231 1234"
    )


def _event(partnership, by, title="Youth encounter"):
    now = timezone.now()
    return Event.objects.create(
        partnership=partnership,
        title=title,
        kind=EventKind.YOUTH,
        starts_at=now,
        ends_at=now + timedelta(days=2),
        host_side=partnership.sides.get(position=1),
        created_by=by,
    )


def _participant(event, contact, by, role="participant"):
    return Participant.objects.create(
        event=event, contact=contact, role=role, added_by=by, idempotency_key=uuid.uuid4()
    )


def _invitation(event, contact, by):
    return Invitation.objects.create(
        event=event,
        contact=contact,
        language="de",
        token_hash=uuid.uuid4().hex * 2,
        invited_by=by,
        idempotency_key=uuid.uuid4(),
    )


def test_the_chosen_values_stay_and_everything_moves_to_the_survivor(
    partnership, contact, twin, office
):
    shared, only_twin = _event(partnership, office), _event(partnership, office, "Visit")
    kept_participation = _participant(shared, contact, office, role="speaker")
    _participant(shared, twin, office, role="delegate")  # the same event: the survivor's stays
    moved_participation = _participant(only_twin, twin, office)
    _invitation(shared, twin, office)

    merged = merging.contact_merge(
        contact=contact,
        other=twin,
        by=office,
        keep={"email": TAKE, "phone": TAKE, "organisation": KEEP},
        revision=contact.revision,
        other_revision=twin.revision,
    )

    survivor = Contact.objects.get(pk=contact.pk)
    assert (survivor.email, survivor.phone, survivor.organisation_id) == (
        "a.becker@example.org",
        "+49 231 1234",
        contact.organisation_id,
    )
    assert survivor.email_key == "a.becker@example.org"
    assert not Contact.objects.filter(pk=twin.pk).exists()
    assert (merged.moved, merged.dropped) == (2, 1)
    assert set(Participant.objects.filter(contact=survivor).values_list("pk", "role")) == {
        (kept_participation.pk, "speaker"),
        (moved_participation.pk, "participant"),
    }
    assert Invitation.objects.get().contact == survivor
    # The audit: who merged, what with; the removed one keeps no personal data in history.
    last = survivor.history.latest("history_date")
    assert (last.history_user, last.history_change_reason) == (
        office,
        f"merged with contact {twin.pk}",
    )
    removed = Contact.history.model.objects.filter(id=twin.pk)
    assert removed.filter(history_type="-").get().history_change_reason == (
        f"merged into contact {contact.pk}"
    )
    assert set(removed.values_list("name", "email", "phone")) == {("", "", "")}


def test_a_stale_page_is_refused_and_nothing_changes(partnership, contact, twin, office):
    services.contact_update(contact=twin, by=office, function="Teacher")
    with pytest.raises(Stale):
        merging.contact_merge(
            contact=contact,
            other=twin,
            by=office,
            keep={"email": TAKE},
            revision=contact.revision,
            other_revision=1,  # as the page showed it, before the correction
        )
    assert Contact.objects.filter(pk__in=[contact.pk, twin.pk]).count() == 2
    assert Contact.objects.get(pk=contact.pk).email == "anna@example.org"


def test_a_merge_that_makes_a_third_duplicate_is_refused(partnership, contact, twin, office):
    third = contact_add(contact.organisation, office, name="Someone", email="x@example.org")
    with pytest.raises(services.DuplicateContact):
        merging.contact_merge(
            contact=third, other=twin, by=office, keep={"name": TAKE, "organisation": KEEP}
        )
    assert Contact.objects.filter(pk=twin.pk).exists()


def test_only_the_office_of_the_contacts_city_merges(partnership, contact, twin, cast):
    for role, position in ((Role.STAFF, 2), (Role.OBSERVER, 1), (Role.PARTNER, 1)):
        with pytest.raises(PermissionDenied):
            merging.contact_merge(contact=contact, other=twin, by=cast[(role, position)], keep={})
    assert Contact.objects.filter(pk=twin.pk).exists()


def url(name, partnership, *args):
    return reverse(f"directory:{name}", args=[partnership.slug, *args])


def test_the_page_compares_and_merges_over_http(partnership, contact, twin, office, client_of):
    client = client_of(office)
    detail = client.get(url("contact_detail", partnership, contact.pk))
    # Same name at another organisation: offered for a look, not called a duplicate.
    assert url("contact_merge", partnership, contact.pk, twin.pk) in detail.text
    assert url("contact_merge_choose", partnership, contact.pk) in detail.text

    found = client.get(url("contact_merge_choose", partnership, contact.pk), {"q": "becker"})
    assert [c.pk for c in found.context["candidates"]] == [twin.pk]

    page = client.get(url("contact_merge", partnership, contact.pk, twin.pk))
    assert page.status_code == 200
    assert set(page.context["form"].fields) >= {"email", "phone", "organisation", "name"}
    assert "a.becker@example.org" in page.text and "anna@example.org" in page.text

    stale = client.post(
        url("contact_merge", partnership, contact.pk, twin.pk),
        {
            "email": TAKE,
            "phone": KEEP,
            "organisation": KEEP,
            "name": KEEP,
            "revision": contact.revision - 1 or 99,
            "other_revision": twin.revision,
        },
    )
    assert stale.status_code == 409
    assert "Someone else changed this record" in stale.text

    done = client.post(
        url("contact_merge", partnership, contact.pk, twin.pk),
        {
            "email": TAKE,
            "phone": KEEP,
            "organisation": KEEP,
            "name": KEEP,
            "revision": contact.revision,
            "other_revision": twin.revision,
        },
    )
    assert done.status_code == 302
    assert Contact.objects.get(pk=contact.pk).email == "a.becker@example.org"
    assert not Contact.objects.filter(pk=twin.pk).exists()


def test_an_edit_into_a_duplicate_offers_the_merge(partnership, contact, twin, office, client_of):
    response = client_of(office).post(
        url("contact_edit", partnership, twin.pk),
        {
            "organisation": twin.organisation_id,
            "name": twin.name,
            "email": contact.email,
            "consent_on": twin.consent_on.isoformat(),
            "consent_purpose": twin.consent_purpose,
            "retain_until": twin.retain_until.isoformat(),
            "revision": twin.revision,
        },
    )
    assert response.status_code == 409
    assert url("contact_merge", partnership, contact.pk, twin.pk) in response.text
