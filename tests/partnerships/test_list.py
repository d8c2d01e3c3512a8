"""My partnerships: each partnership with its own number of members."""

import pytest
from django.urls import reverse

from pobratym.partnerships import selectors
from tests.factories import member_create

pytestmark = pytest.mark.django_db


def test_list_counts_every_member_not_only_the_viewer(partnership, other_partnership, client_of):
    viewer = member_create(partnership, "staff").user
    member_create(other_partnership, "staff", email=f"x-{viewer.email}")
    for number in range(9):
        member_create(partnership, "observer", position=1 + number % 2)

    listed = selectors.partnership_list(viewer=viewer)
    page = client_of(viewer).get(reverse("partnerships:list")).content.decode()

    assert [entry.member_count for entry in listed] == [10]
    assert "10 members" in page
