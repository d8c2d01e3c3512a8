"""The directory on the partnership's overview: organisations added in recent activity, the
panel with the directory's size, and no contact in either."""

import pytest
from django.urls import reverse

from pobratym.partnerships.models import Role

pytestmark = pytest.mark.django_db


def test_the_overview_names_new_organisations_but_no_person(
    partnership, organisation, contact, cast, client_of
):
    page = client_of(cast[(Role.OBSERVER, 2)]).get(
        reverse("partnerships:dashboard", args=[partnership.slug])
    )
    assert page.status_code == 200
    assert "Organisation added to the directory" in page.text
    assert (
        reverse("directory:organisation_detail", args=[partnership.slug, organisation.pk])
        in page.text
    )
    assert "1 organisation" in page.text
    assert "Anna Becker" not in page.text
