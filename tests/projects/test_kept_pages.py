"""The projects list, a project's page, the work plans and a plan's pages, the funding
programmes and applications and their pages, the council reports and a finished report's
page, and the IATI page are rendered once and kept until anything is written
(core.changes.remembered_body), per person and session: as production runs, not as the other
tests do (`remembering`). A report's page is rendered afresh while the report is made."""

import re
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pobratym.partnerships.models import Role
from pobratym.projects import services
from pobratym.projects.models import Report
from tests.factories import sign_in
from tests.kept import kept_read, page_read, read_from
from tests.projects.conftest import project_add
from tests.projects.plans import plan_add

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


def _programme(partnership, by, name="Nakopa"):
    return services.programme_save(
        partnership=partnership, by=by, name=name, funder="SKEW", funder_kind="federal"
    )


def _application(partnership, by, project):
    programme = _programme(partnership, by)
    call = services.call_add(
        partnership=partnership,
        programme=programme,
        by=by,
        title="Aufruf 2027",
        apply_by=timezone.localdate() + timedelta(days=60),
    )
    return services.application_create(
        partnership=partnership, by=by, idempotency_key=uuid.uuid4(), call=call, project=project
    )


def test_the_funding_pages_are_read_once_and_show_a_change_at_once(
    cast, client_of, partnership, project
):
    coordinator = cast[(Role.COORDINATOR, 1)]
    application = _application(partnership, coordinator, project)
    slug = partnership.slug
    pages = {
        reverse("projects:programme_list", args=[slug]): "projects_fundingprogramme",
        reverse(
            "projects:programme_detail", args=[slug, application.call.programme_id]
        ): "projects_fundingprogramme",
        reverse("projects:application_list", args=[slug]): "projects_application",
        reverse("projects:application_detail", args=[slug, application.pk]): "projects_application",
    }
    client = client_of(coordinator)
    client.get(next(iter(pages)))  # the session gets its CSRF secret
    for page, table in pages.items():
        _first, rendering = page_read(client, page)
        text, queries = kept_read(client, page)
        assert "Nakopa" in text, page
        assert read_from(rendering, table) and not read_from(queries, table), page

    services.application_update(
        application=application,
        by=coordinator,
        status="granted",
        granted=Decimal("150000"),
        currency="EUR",
    )
    _programme(partnership, coordinator, name="Erasmus+")

    assert "150,000.00" in page_read(client, reverse("projects:application_list", args=[slug]))[0]
    assert "Erasmus+" in page_read(client, reverse("projects:programme_list", args=[slug]))[0]


def test_an_application_s_form_is_kept_only_for_those_who_may_use_it(
    cast, client_of, partnership, project
):
    application = _application(partnership, cast[(Role.COORDINATOR, 1)], project)
    page = reverse("projects:application_detail", args=[partnership.slug, application.pk])
    staff, observer = client_of(cast[(Role.STAFF, 2)]), client_of(cast[(Role.OBSERVER, 2)])
    for client in (staff, staff, observer, observer):
        client.get(page)

    assert 'name="granted"' in page_read(staff, page)[0]
    seen, queries = page_read(observer, page)
    assert "Aufruf 2027" in seen and 'name="granted"' not in seen
    assert not read_from(queries, "projects_application")  # the observer's own page, kept


def test_the_reports_list_is_kept_with_the_form_for_coordinators_only(cast, client_of, partnership):
    coordinator, staff = cast[(Role.COORDINATOR, 1)], cast[(Role.STAFF, 1)]
    url = reverse("projects:report_list", args=[partnership.slug])
    office, colleague = client_of(coordinator), client_of(staff)
    text, queries = kept_read(office, url)
    assert "Make the report" in text and "No report has been made yet." in text
    assert not read_from(queries, "projects_report")
    seen, _queries = kept_read(colleague, url)
    assert "Make the report" not in seen

    Report.objects.create(
        partnership=partnership, requested_by=coordinator, year=2024, language="de"
    )

    assert "Council report 2024" in page_read(colleague, url)[0]


def test_a_report_s_page_is_kept_once_made_and_rendered_afresh_while_it_is_made(
    cast, client_of, partnership
):
    coordinator = cast[(Role.COORDINATOR, 1)]
    failed = Report.objects.create(
        partnership=partnership, requested_by=coordinator, year=2024, language="de", status="failed"
    )
    made = Report.objects.create(
        partnership=partnership, requested_by=coordinator, year=2025, language="de", progress=40
    )
    client = client_of(coordinator)
    failed_url = reverse("projects:report_detail", args=[partnership.slug, failed.pk])
    made_url = reverse("projects:report_detail", args=[partnership.slug, made.pk])
    client.get(failed_url)
    _first, rendering = page_read(client, failed_url)
    text, queries = kept_read(client, failed_url)
    assert "Try again" in text and 'http-equiv="refresh"' not in text
    assert len(queries) < len(rendering)

    _first, rendering = page_read(client, made_url)
    text, queries = page_read(client, made_url)
    assert 'value="40">40 %</progress>' in text and 'http-equiv="refresh"' in text
    assert len(queries) == len(rendering)


def test_the_iati_page_is_read_once_and_shows_a_new_public_project_at_once(
    client_of, office, partnership, project
):
    url = reverse("projects:iati_report", args=[partnership.slug])
    client = client_of(office)
    client.get(url)
    _first, rendering = page_read(client, url)
    text, queries = kept_read(client, url)
    assert "<title>Open data: IATI · " in text
    assert read_from(rendering, "projects_project") and not read_from(queries, "projects_project")

    project_add(partnership, office, title="Ohne Angaben", public=True, starts_on=None)

    text, _queries = page_read(client, url)
    assert "Ohne Angaben" in text.split('id="left-out"')[1]


def test_a_page_kept_under_one_host_name_shows_its_own_address_under_another(
    client_of, office, partnership, project
):
    url = reverse("projects:iati_report", args=[partnership.slug])
    client = client_of(office)
    client.get(url)
    page_read(client, url)

    response = client.get(url, HTTP_HOST="localhost")

    assert "http://localhost/" in response.content.decode()
    assert "http://testserver/" not in response.content.decode()


def test_the_work_plans_list_is_read_once_and_shows_a_new_plan_at_once(
    client_of, office, partnership
):
    plan_add(partnership, office)
    url = reverse("projects:plan_list", args=[partnership.slug])
    client = client_of(office)
    client.get(url)
    _first, rendering = page_read(client, url)
    text, queries = kept_read(client, url)
    assert "Planung 2025/2026" in text and "<title>Work plans · " in text
    assert read_from(rendering, "projects_workplan") and not read_from(queries, "projects_workplan")

    plan_add(partnership, office, title="Planung 2027/2028")

    assert "Planung 2027/2028" in page_read(client, url)[0]
