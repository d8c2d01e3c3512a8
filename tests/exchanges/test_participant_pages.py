"""The event page's people: the offices see names and add, remove and invite; other members
see how many take part and how they replied; a minor without consent is refused at the field."""

import pytest
from django.urls import reverse

from pobratym.exchanges.models import Invitation, Participant
from pobratym.partnerships.models import Role
from tests.exchanges import people

pytestmark = pytest.mark.django_db
cast, office, event = people.cast, people.office, people.event
dortmund_organisation, zhytomyr_organisation = (
    people.dortmund_organisation,
    people.zhytomyr_organisation,
)
anna, taras = people.anna, people.taras


@pytest.fixture
def page(partnership, event):
    return reverse("exchanges:event_detail", args=[partnership.slug, event.pk])


def test_the_offices_see_names_other_members_only_counts(
    page, event, anna, taras, office, cast, client_of, django_assert_max_num_queries
):
    people.participant_make(event, anna, office, role="head")
    people.participant_make(event, taras, office, **people.minor_fields())
    [invitation] = people.invite(event, [anna], office)
    people.services.invitation_reply(invitation=invitation, reply="maybe")

    with django_assert_max_num_queries(40):
        text = client_of(cast[(Role.STAFF, 2)]).get(page).content.decode()
    assert "Anna Becker" in text and "Тарас Мельник" in text
    assert "Olena Kovalenko" in text  # the guardian, for the offices
    assert "2 people take part" in text and "1 of them under 18" in text
    assert "maybe 1" in text

    partner = client_of(cast[(Role.PARTNER, 1)]).get(page).content.decode()
    assert "2 people take part" in partner and "maybe 1" in partner
    for name in ("Anna Becker", "Тарас", "Olena"):
        assert name not in partner


def test_a_minor_without_consent_is_refused_at_the_field_and_nothing_is_saved(
    partnership, event, taras, office, client_of
):
    address = reverse("exchanges:participant_add", args=[partnership.slug, event.pk])
    response = client_of(office).post(
        address, {"contact": taras.pk, "role": "participant", "minor": "on"}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "guardian's consent" in form.errors["guardian_name"][0]
    assert not Participant.objects.exists()

    response = client_of(office).post(
        address,
        {
            "contact": taras.pk,
            "role": "participant",
            "minor": "on",
            "guardian_name": "Olena Kovalenko",
            "guardian_consent_on": "2025-05-01",
            "guardian_consent_method": "written",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#participants")
    assert Participant.objects.get().minor


def test_a_participant_is_removed_after_asking(partnership, event, anna, office, client_of):
    participant = people.participant_make(event, anna, office)
    address = reverse(
        "exchanges:participant_remove", args=[partnership.slug, event.pk, participant.pk]
    )
    client = client_of(office)
    assert "Anna Becker" in client.get(address).content.decode()
    assert client.post(address).status_code == 302
    assert not Participant.objects.exists()


def test_the_offices_invite_people_with_an_email_from_the_page(
    partnership, event, anna, taras, dortmund_organisation, office, client_of
):
    silent = people.contact_add(dortmund_organisation, office, email="", name="Bernd Silent")
    address = reverse("exchanges:invitation_send", args=[partnership.slug, event.pk])
    client = client_of(office)
    form = client.get(address).content.decode()
    assert "anna@example.org" in form and "Bernd Silent" not in form
    response = client.post(address, {"contacts": [anna.pk, taras.pk]})
    assert response.status_code == 302
    assert Invitation.objects.count() == 2
    refused = client.post(address, {"contacts": [silent.pk]})
    assert refused.status_code == 400
    assert Invitation.objects.count() == 2
