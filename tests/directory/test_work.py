"""My work in the directory: a contact kept beyond its date awaits the coordinators of its
city (as `directory.review_retention` and `directory.erase_contact` allow), and nobody once it
is extended or erased."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from pobratym.directory import services
from pobratym.partnerships.models import Role
from tests.access import who
from tests.directory.factories import contact_add
from tests.work import items_of, work_check

pytestmark = pytest.mark.django_db

KIND = "Review the contact kept beyond its date"


@pytest.fixture
def overdue(organisation, office):
    today = timezone.localdate()
    return contact_add(
        organisation, office, consent_on=today - timedelta(400), retain_until=today - timedelta(1)
    )


def test_a_contact_past_its_date_awaits_the_coordinators_of_its_city(partnership, cast, overdue):
    url = reverse("directory:contact_detail", args=[partnership.slug, overdue.pk])
    work_check(cast, KIND, who(Role.COORDINATOR, sides=[1]), url=url)
    item = items_of(cast[(Role.COORDINATOR, 1)], KIND)[0]
    assert item.due == overdue.retain_until and item.title == overdue.name


def test_an_extended_or_erased_contact_awaits_nobody(cast, overdue, office, coordinator1, contact):
    services.contact_update(
        contact=overdue, by=office, retain_until=timezone.localdate() + timedelta(days=30)
    )
    services.contact_erase(contact=contact, by=coordinator1)
    work_check(cast, KIND, frozenset())
