"""Funding: the shared catalogue kept by coordinators, a partnership's applications for a
project or a shipment's transport, their dates in My work for the offices, and the reminder
e-mails in each reader's language, each sent once."""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from pobratym.core.errors import DomainError
from pobratym.partnerships.models import Role
from pobratym.partnerships.work import work_for
from pobratym.projects import services
from pobratym.projects.models import Application, FundingProgramme
from pobratym.projects.notifications import reminders_send
from tests import smtp
from tests.factories import member_create, partnership_create
from tests.projects.conftest import project_add
from tests.queries import page_keeps_its_queries

pytestmark = pytest.mark.django_db
smtp_inbox = smtp.smtp_inbox  # the real SMTP server, a fixture


@pytest.fixture
def coordinator(cast):
    return cast[(Role.COORDINATOR, 1)]


@pytest.fixture
def programme(partnership, coordinator):
    return services.programme_save(
        partnership=partnership,
        by=coordinator,
        name="Nakopa",
        funder="SKEW",
        funder_kind="federal",
        minimum=Decimal("50000"),
        maximum=Decimal("250000"),
        language="de",
    )


def call_of(programme, partnership, by, interest_days=10, apply_days=60):
    today = timezone.localdate()
    return services.call_add(
        partnership=partnership,
        programme=programme,
        by=by,
        title="Aufruf 2027",
        interest_by=today + timedelta(days=interest_days) if interest_days is not None else None,
        apply_by=today + timedelta(days=apply_days),
    )


def apply(partnership, by, call, **fields):
    return services.application_create(
        partnership=partnership, by=by, idempotency_key=uuid.uuid4(), call=call, **fields
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"cofinancing_rate": Decimal("120")}, "cofinancing_rate"),
        ({"minimum": Decimal("10"), "maximum": Decimal("5")}, "maximum"),
        ({"minimum": Decimal("-1")}, "minimum"),
    ],
)
def test_a_programme_with_impossible_figures_is_refused(partnership, coordinator, fields, field):
    with pytest.raises(DomainError) as error:
        services.programme_save(
            partnership=partnership,
            by=coordinator,
            name="X",
            funder="Y",
            funder_kind="eu",
            **fields,
        )
    assert error.value.field == field
    assert not FundingProgramme.objects.exists()


def test_a_call_due_before_it_opens_is_refused(partnership, coordinator, programme):
    today = timezone.localdate()
    with pytest.raises(DomainError) as error:
        services.call_add(
            partnership=partnership,
            programme=programme,
            by=coordinator,
            title="Rückwärts",
            opens_on=today + timedelta(days=5),
            apply_by=today,
        )
    assert error.value.field == "opens_on"


def test_only_coordinators_keep_the_catalogue(partnership, cast, programme):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.programme_save(
            partnership=partnership,
            by=cast[(Role.STAFF, 1)],
            name="X",
            funder="Y",
            funder_kind="eu",
        )


def test_an_application_for_another_partnerships_project_or_for_nothing_is_refused(
    partnership, cast, coordinator, programme
):
    call = call_of(programme, partnership, coordinator)
    other = partnership_create()
    elsewhere = project_add(other, member_create(other, Role.STAFF, 1).user)
    for fields, field in (({"project": elsewhere}, "project"), ({}, "project")):
        with pytest.raises(DomainError) as error:
            apply(partnership, coordinator, call, **fields)
        assert error.value.field == field
    project = project_add(partnership, coordinator)
    with pytest.raises(DomainError) as error:
        apply(partnership, coordinator, call, project=project, status="granted")
    assert error.value.field == "granted"
    assert not Application.objects.exists()


def test_a_due_application_is_in_my_work_until_it_is_sent(
    partnership, cast, coordinator, programme
):
    call = call_of(programme, partnership, coordinator, interest_days=10, apply_days=25)
    project = project_add(partnership, coordinator)
    application = apply(partnership, coordinator, call, project=project)
    staff = cast[(Role.STAFF, 2)]
    [item] = [i for i in work_for(staff) if "projects" in i.url]
    assert item.kind == "Send the expression of interest"
    assert item.due == call.interest_by
    assert not [i for i in work_for(cast[(Role.OBSERVER, 1)]) if "projects" in i.url]

    application = services.application_update(
        application=application, by=staff, revision=application.revision, status="interest"
    )
    staff = type(staff).objects.get(pk=staff.pk)  # a new request
    [item] = [i for i in work_for(staff) if "projects" in i.url]
    assert (item.kind, item.due) == ("Send the application", call.apply_by)

    services.application_update(
        application=application, by=staff, revision=application.revision, status="submitted"
    )
    staff = type(staff).objects.get(pk=staff.pk)
    assert not [i for i in work_for(staff) if "projects" in i.url]


def test_reminders_reach_the_offices_once_in_their_language(
    partnership, coordinator, programme, smtp_inbox, run_worker
):
    ukrainian = member_create(partnership, Role.STAFF, 2, language="uk").user
    observer = member_create(partnership, Role.OBSERVER, 2, language="uk").user
    call = call_of(programme, partnership, coordinator, interest_days=None, apply_days=7)
    apply(partnership, coordinator, call, project=project_add(partnership, coordinator))

    assert reminders_send() == 1
    run_worker()
    assert reminders_send() == 1
    run_worker()
    [mail] = smtp_inbox.to(ukrainian.email)
    assert "Aufruf 2027" in mail["Subject"]
    body = smtp_inbox.text(mail)
    assert "заявка на конкурс «Aufruf 2027» (програма Nakopa)" in body
    assert "/uk/partnerships/" in body
    assert not smtp_inbox.to(observer.email)
    assert len(smtp_inbox.to(coordinator.email)) == 1


def test_the_application_pages_record_how_it_stands(
    partnership, coordinator, programme, client_of, cast
):
    call = call_of(programme, partnership, coordinator)
    application = apply(
        partnership, coordinator, call, project=project_add(partnership, coordinator)
    )
    address = reverse("projects:application_detail", args=[partnership.slug, application.pk])
    client = client_of(cast[(Role.STAFF, 2)])
    page = client.post(
        address, {"revision": application.revision, "status": "granted", "currency": "EUR"}
    )
    assert page.status_code == 400
    assert page.context["form"].errors["granted"]
    saved = client.post(
        address,
        {
            "revision": application.revision,
            "status": "granted",
            "granted": "150000",
            "currency": "EUR",
        },
    )
    assert saved.status_code == 302
    application.refresh_from_db()
    assert application.granted == Decimal("150000")
    assert client_of(cast[(Role.OBSERVER, 2)]).post(address, {}).status_code == 403
    listing = client.get(reverse("projects:application_list", args=[partnership.slug]))
    assert "150,000.00" in listing.text


# --- the pages keep their number of queries ---


def _shipment(partnership, by):
    from pobratym.aid import services as aid

    return aid.shipment_create(
        partnership=partnership,
        by=by,
        idempotency_key=uuid.uuid4(),
        route="Dortmund – Zhytomyr",
    )


def _funded(partnership, coordinator, programme, number):
    """A call of `programme` with an application for a project written in German (read by
    an English reader, so its title is looked up among its translations) and a shipment."""
    call = call_of(programme, partnership, coordinator, apply_days=60 + number)
    project = project_add(partnership, coordinator, title=f"Projekt {number}")
    return apply(
        partnership,
        coordinator,
        call,
        project=project,
        shipments=[_shipment(partnership, coordinator)],
    )


def test_the_programme_list_keeps_its_number_of_queries(
    partnership, coordinator, programme, client_of, django_assert_max_num_queries
):
    def grow():
        for number in range(5):
            more = services.programme_save(
                partnership=partnership,
                by=coordinator,
                name=f"Programm {number}",
                funder="SKEW",
                funder_kind="federal",
                maximum=Decimal("10000"),
                cofinancing_rate=Decimal("90"),
                description="Förderung kommunaler Partnerschaften.",
                language="de",
            )
            _funded(partnership, coordinator, more, number)

    _funded(partnership, coordinator, programme, 99)
    address = reverse("projects:programme_list", args=[partnership.slug])
    page = page_keeps_its_queries(
        client_of(coordinator), address, grow, django_assert_max_num_queries
    )
    assert len(page.context["programmes"]) == 6


@pytest.mark.parametrize(
    ("name", "per_application"),
    [("programme_detail", "Planned"), ("application_list", "transport of 1 shipment")],
)
def test_a_programmes_page_and_the_applications_keep_their_number_of_queries(
    partnership,
    coordinator,
    programme,
    client_of,
    django_assert_max_num_queries,
    name,
    per_application,
):
    def grow():
        for number in range(5):
            _funded(partnership, coordinator, programme, number)

    _funded(partnership, coordinator, programme, 99)
    args = [partnership.slug, programme.pk] if name == "programme_detail" else [partnership.slug]
    page = page_keeps_its_queries(
        client_of(coordinator),
        reverse(f"projects:{name}", args=args),
        grow,
        django_assert_max_num_queries,
    )
    assert page.text.count(per_application) == 6


def test_an_applications_page_keeps_its_number_of_queries(
    partnership, coordinator, programme, client_of, django_assert_max_num_queries
):
    application = _funded(partnership, coordinator, programme, 99)

    def grow():
        for _ in range(5):
            application.shipments.add(_shipment(partnership, coordinator))

    address = reverse("projects:application_detail", args=[partnership.slug, application.pk])
    page = page_keeps_its_queries(
        client_of(coordinator), address, grow, django_assert_max_num_queries
    )
    assert "transport of 6 shipments" in page.text
