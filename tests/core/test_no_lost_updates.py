"""One mechanism keeps every edit from overwriting one it has not seen: an edit built on an
older revision is refused (409) and writes nothing; the form comes back as typed, with what
changed meanwhile and the current revision, so sending it again overwrites deliberately."""

import datetime
import re

import pytest
from django import forms

from pobratym.core.errors import Stale
from pobratym.core.services import model_update
from tests.factories import sign_in
from tests.updating import UPDATERS, team_of

NAMES = sorted(UPDATERS)


@pytest.fixture
def team(partnership):
    return team_of(partnership)


@pytest.mark.parametrize("name", NAMES)
def test_an_edit_from_an_older_revision_is_refused_and_writes_nothing(team, name):
    editing = UPDATERS[name]
    record = editing.make(team)
    seen = record.revision

    editing.change(team, record, seen, "First change")
    with pytest.raises(Stale) as refused:
        editing.change(team, record, seen, "Second change")

    record.refresh_from_db()
    assert refused.value.status == 409 and refused.value.code == "stale_revision"
    assert getattr(record, editing.field) == "First change"
    assert record.revision == seen + 1
    assert refused.value.current.revision == seen + 1


@pytest.mark.parametrize("name", NAMES)
def test_an_edit_without_a_revision_is_saved_and_counted(team, name):
    editing = UPDATERS[name]
    record = editing.make(team)
    seen = record.revision

    editing.change(team, record, None, "Changed by a task")

    record.refresh_from_db()
    assert getattr(record, editing.field) == "Changed by a task"
    assert record.revision == seen + 1


def _sent(form) -> dict:
    """What a browser sends back for `form` as shown."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(field.field, forms.BooleanField):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, datetime.date):
            data[field.html_name] = value.isoformat()
        elif value is not None:
            data[field.html_name] = value
    return data


@pytest.mark.parametrize("name", [name for name in NAMES if UPDATERS[name].page])
def test_a_stale_form_keeps_what_was_typed_and_shows_what_changed(team, name, client):
    editing = UPDATERS[name]
    record = editing.make(team)
    sign_in(client, team[editing.editor])
    url = editing.page(team, record)
    page = client.get(url)
    form = page.context["form"]
    shown, field = _sent(form), form[editing.field].html_name
    assert f'name="revision" value="{record.revision}"' in page.content.decode()

    editing.change(team, record, record.revision, "Changed meanwhile")
    refused = client.post(url, {**shown, field: "Typed by me"})

    record.refresh_from_db()
    assert refused.status_code == 409
    assert getattr(record, editing.field) == "Changed meanwhile"
    form = refused.context["form"]
    assert form[editing.field].value() == "Typed by me"
    [change] = [
        change for change in form.changed_meanwhile if change.current == "Changed meanwhile"
    ]
    assert change.typed == "Typed by me"
    page = refused.content.decode()
    assert "Typed by me" in page and "Changed meanwhile" in page
    assert page.count('class="kern-table changes"') == 1  # in the error summary, once
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.DOTALL).group(1)
    assert "Typed by me" not in heading, "the page around the form shows what is stored"
    assert int(form["revision"].value()) == record.revision
    assert f'name="revision" value="{record.revision}"' in page

    again = client.post(url, _sent(form))

    record.refresh_from_db()
    assert again.status_code == 302
    assert getattr(record, editing.field) == "Typed by me"


def test_a_save_from_a_copy_loaded_earlier_never_puts_the_revision_back(team):
    editing = UPDATERS["need"]
    need = editing.make(team)
    earlier = type(need).objects.get(pk=need.pk)

    editing.change(team, need, need.revision, "Changed meanwhile")
    earlier.public = True
    earlier.save()  # a status change, as need_publish makes it

    need.refresh_from_db()
    assert need.revision == 2 and need.public


def test_an_edit_from_the_current_revision_starts_from_what_is_stored(team):
    """The service's copy was read before another edit committed; the person saw that edit."""
    editing = UPDATERS["shipment"]
    shipment = editing.make(team)
    copy = type(shipment).objects.get(pk=shipment.pk)
    editing.change(team, shipment, 1, "Changed meanwhile")

    model_update(instance=copy, fields=("vehicle",), data={"vehicle": "Other"}, revision=2)

    assert copy.revision == 3 and copy.route == "Changed meanwhile" and copy.vehicle == "Other"
