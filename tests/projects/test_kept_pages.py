"""The projects list, a project's page and a work plan's pages are rendered once and kept until
anything is written (core.changes.remembered_body), per person and session: as production
runs, not as the other tests do (`remembering`)."""

import re
import uuid
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from pobratym.partnerships.models import Role
from pobratym.projects import services
from tests.factories import sign_in
from tests.kept import kept_read, page_read, read_from

pytestmark = [pytest.mark.remembering, pytest.mark.django_db, pytest.mark.sqlite_pass]

FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="(\w+)"')


def _milestone(project, by, title="Pilot im Rathaus"):
    return services.milestone_add(
        project=project, by=by, idempotency_key=uuid.uuid4(), title=title, due_on=date(2026, 6, 1)
    )


@pytest.fixture
def url(partnership, project):
    return reverse("projects:project_detail", args=[partnership.slug, project.pk])


def test_a_project_page_is_read_once_while_nothing_is_written(client_of, office, url):
    text, queries = kept_read(client_of(office), url)

    assert "Digitale Bürgerdienste" in text
    assert not read_from(queries, "projects_project")


def test_a_kept_project_page_shows_every_change_at_once(client_of, office, project, url):
    client = client_of(office)
    client.get(url)
    assert "No milestones yet." in page_read(client, url)[0]

    _milestone(project, office)

    text, _queries = page_read(client, url)
    assert "Pilot im Rathaus" in text and "No milestones yet." not in text


def test_each_person_is_shown_the_page_rendered_for_them(cast, client_of, url):
    coordinator = client_of(cast[(Role.COORDINATOR, 1)])
    observer = client_of(cast[(Role.OBSERVER, 2)])
    for client in (coordinator, observer, coordinator, observer):
        client.get(url)

    assert "Correct the project" in page_read(coordinator, url)[0]
    assert "Correct the project" not in page_read(observer, url)[0]


def test_a_form_on_a_kept_page_still_works_in_every_session_of_the_person(
    office, project, partnership, url
):
    _milestone(project, office)
    laptop, phone = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for client in (laptop, phone):
        sign_in(client, office)  # a write: what was kept before is renewed
    for client in (laptop, laptop, phone, phone):
        client.get(url)  # the first of each gets the session's CSRF secret
    milestone = project.milestones.get()
    complete = reverse(
        "projects:milestone_complete", args=[partnership.slug, project.pk, milestone.pk]
    )
    form = phone.get(url).content.decode().split(f'action="{complete}"', 1)[1]
    token = FORM_TOKEN.search(form).group(1)  # in the kept body, not the top bar's sign-out form

    response = phone.post(complete, {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.completed_on is not None


def test_the_list_is_kept_per_address(client_of, office, partnership, project):
    services.project_create(
        partnership=partnership,
        by=office,
        idempotency_key=uuid.uuid4(),
        title="Stadtarchiv digital",
        lead_side=partnership.sides.get(position=2),
        status="cancelled",
        language="de",
    )
    client = client_of(office)
    listed = reverse("projects:project_list", args=[partnership.slug])
    client.get(listed)
    every, _queries = page_read(client, listed)
    cancelled, _queries = page_read(client, f"{listed}?status=cancelled")

    assert "Digitale Bürgerdienste" in every and "Stadtarchiv digital" in every
    assert "Stadtarchiv digital" in cancelled and "Digitale Bürgerdienste" not in cancelled


def test_a_work_plan_and_its_timeline_are_kept_too(client_of, office, partnership):
    plan = services.plan_create(
        partnership=partnership,
        by=office,
        idempotency_key=uuid.uuid4(),
        title="Planung 2026/2027",
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
        language="de",
    )
    client = client_of(office)
    for name in ("projects:plan_detail", "projects:plan_timeline"):
        text, queries = kept_read(client, reverse(name, args=[partnership.slug, plan.pk]))
        assert "Planung 2026/2027" in text
        assert not read_from(queries, "projects_workplan")
