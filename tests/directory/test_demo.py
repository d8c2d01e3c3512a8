"""The demo's directory: organisations of both cities, contacts with consent, one overdue for
review, loaded as often as wanted without doubling anything."""

from io import StringIO

import pytest
from django.core.management import call_command

from pobratym.directory.models import Contact, Organisation
from pobratym.translation.selectors import shown

pytestmark = pytest.mark.django_db


def test_the_demo_directory_is_loaded_once():
    call_command("demo", stdout=StringIO())
    counts = (Organisation.objects.count(), Contact.objects.count())
    call_command("demo", stdout=StringIO())
    # Eight of the directory's own; aid adds the fire brigade (a donor) and the haulier (a
    # carrier), the events one contact (a participant).
    assert (Organisation.objects.count(), Contact.objects.count()) == counts == (10, 5)
    assert set(Organisation.objects.values_list("side__position", flat=True)) == {1, 2}
    assert not Contact.objects.filter(consent_on__isnull=True).exists()
    rada = Organisation.objects.get(kind="administration", language="uk")
    assert shown(rada, "name", "de").text.startswith("Stadtrat Schytomyr")
