"""A need's kind no longer repeats its sector (aid 0006): needs filed under the old kinds keep
what they meant, as a form of help and a sector."""

import pytest

from tests.aid.factories import need_post
from tests.conversations.test_migrations import migrate

pytestmark = pytest.mark.django_db(transaction=True)


def test_old_kinds_become_a_form_of_help_and_keep_their_sector(partnership, receiver):
    from pobratym.aid.models import Need

    hospital = need_post(partnership, receiver, title="Dressings", sector="other")
    works = need_post(partnership, receiver, title="Generator", sector="wash")
    try:
        old = migrate([("aid", "0005_shipment_event_language")])
        OldNeed = old.get_model("aid", "Need")
        OldNeed.objects.filter(pk=hospital.pk).update(kind="medical")
        OldNeed.objects.filter(pk=works.pk).update(kind="energy")
    finally:
        migrate()

    hospital.refresh_from_db()
    works.refresh_from_db()
    assert (hospital.kind, hospital.sector) == ("goods", "health")
    assert (works.kind, works.sector) == ("equipment", "wash")
    assert {kind for kind, _ in Need._meta.get_field("kind").choices}.isdisjoint(
        {sector for sector, _ in Need._meta.get_field("sector").choices}
    )
