"""A project's parts beyond its plan: organisations of both cities in their roles, links to the
aid needs, shipments and events that carry it (shown on both pages), updates with photos and
documents; each added once however often it is sent, records of another partnership refused
at their field, and the project's page in a fixed number of queries."""

import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pobratym.core.errors import DomainError
from pobratym.partnerships.models import Role
from pobratym.projects import services
from pobratym.projects.models import ProjectDocument, ProjectOrganisation, ProjectUpdate
from pobratym.translation.services import translation_save
from tests.agreements.letter_factories import pdf_upload
from tests.aid.factories import need_post
from tests.conversations.factories import png_upload
from tests.core.test_uploads import pdf_bytes
from tests.directory.factories import organisation_add
from tests.exchanges.factories import event_add
from tests.projects.conftest import project_add

pytestmark = pytest.mark.django_db


def url(name, project, *args):
    return reverse(f"projects:{name}", args=[project.partnership.slug, project.pk, *args])


def _organisation_add(project, by, organisation, role="partner", key=None):
    return services.project_organisation_add(
        project=project,
        by=by,
        idempotency_key=key or uuid.uuid4(),
        organisation=organisation,
        role=role,
    )


# --- organisations ---


def test_organisations_of_both_cities_take_part_in_their_roles_once(partnership, project, cast):
    dortmund = organisation_add(partnership, cast[(Role.STAFF, 1)], name="DSW21")
    zhytomyr = organisation_add(partnership, cast[(Role.STAFF, 2)], name="Житомирводоканал")
    office, key = cast[(Role.STAFF, 1)], uuid.uuid4()
    first = _organisation_add(project, office, zhytomyr, "lead", key)
    assert _organisation_add(project, office, zhytomyr, "lead", key) == first  # sent again
    _organisation_add(project, office, dortmund, "partner")
    _organisation_add(project, office, dortmund, "funder")  # a second role is fine
    with pytest.raises(DomainError) as refused:
        _organisation_add(project, office, zhytomyr, "lead")
    assert refused.value.field == "organisation"
    assert "already takes part in the project as lead" in refused.value.message
    assert project.roles.count() == 3


def test_an_organisation_of_another_partnership_is_refused_at_its_field(
    partnership, other_partnership, project, office, outsider, client_of
):
    elsewhere = organisation_add(other_partnership, outsider, name="Elsewhere e.V.")
    with pytest.raises(DomainError) as refused:
        _organisation_add(project, office, elsewhere)
    assert refused.value.field == "organisation"
    page = client_of(office).post(
        url("organisation_add", project), {"organisation": elsewhere.pk, "role": "partner"}
    )
    assert page.status_code == 400
    assert page.context["form"].errors["organisation"]
    assert not ProjectOrganisation.objects.filter(organisation=elsewhere).exists()


def test_the_office_adds_and_removes_an_organisation_on_the_page(
    partnership, project, office, client_of
):
    organisation = organisation_add(partnership, office, name="Stadtwerke Dortmund")
    client = client_of(office)
    form = client.get(url("organisation_add", project))
    key = form.context["form"]["idempotency_key"].value()
    data = {"organisation": organisation.pk, "role": "implementer", "idempotency_key": key}
    for _sent in range(2):
        answer = client.post(url("organisation_add", project), data)
        assert answer.status_code == 302
    page = client.get(url("project_detail", project))
    assert "Stadtwerke Dortmund" in page.text and "implementer" in page.text
    taking_part = project.roles.get()
    client.post(url("organisation_remove", project, taking_part.pk))
    assert not project.roles.exists()
    again = client.post(url("organisation_add", project), {**data, "idempotency_key": ""})
    assert again.status_code == 302
    duplicate = client.post(url("organisation_add", project), {**data, "idempotency_key": ""})
    assert duplicate.status_code == 400
    assert "already takes part" in duplicate.text


# --- what carries the project ---


def _carriers(partnership, cast):
    from pobratym.aid import services as aid

    coordinator = cast[(Role.COORDINATOR, 2)]
    need = need_post(partnership, coordinator, title="Генератори", language="uk")
    translation_save(
        record=need,
        field="title",
        language="en",
        text="Generators for the water works",
        by=coordinator,
        revision=None,
    )
    shipment = aid.shipment_create(
        partnership=partnership,
        by=cast[(Role.COORDINATOR, 1)],
        idempotency_key=uuid.uuid4(),
        route="Dortmund – Zhytomyr",
    )
    event = event_add(partnership, cast[(Role.STAFF, 1)], title="Expert visit on water")
    return need, shipment, event


def test_linked_needs_shipments_and_events_show_on_both_pages(
    partnership, project, office, cast, client_of
):
    need, shipment, event = _carriers(partnership, cast)
    client = client_of(office)
    data = {"need": need.pk, "shipment": shipment.pk, "event": event.pk}
    assert client.post(url("link_add", project), data).status_code == 302
    assert client.post(url("link_add", project), data).status_code == 400  # none left to link
    page = client.get(url("project_detail", project))
    assert "Generators for the water works" in page.text  # in the reader's language
    assert "Open" in page.text  # the need's status as aid computes it
    assert "Expert visit on water" in page.text
    assert str(shipment) in page.text
    assert need.address not in page.text  # never its address
    slug = partnership.slug
    for address in (
        reverse("aid:need_detail", args=[slug, need.pk]),
        reverse("aid:shipment_detail", args=[slug, shipment.pk]),
        reverse("exchanges:event_detail", args=[slug, event.pk]),
    ):
        other = client_of(cast[(Role.OBSERVER, 2)]).get(address)
        assert "Digitale Bürgerdienste" in other.text, address
        assert url("project_detail", project) in other.text


def test_who_may_not_read_projects_sees_none_on_a_needs_page(
    partnership, project, office, cast, outsider
):
    from django.contrib.auth.models import AnonymousUser

    from pobratym.partnerships.related import related_to

    need, _shipment, _event = _carriers(partnership, cast)
    services.project_link_add(project=project, by=office, need=need)
    assert [section.total for section in related_to(cast[(Role.PARTNER, 1)], need)] == [1]
    assert related_to(AnonymousUser(), need) == []
    assert related_to(outsider, need) == []


def test_a_record_of_another_partnership_cannot_be_linked(
    partnership, other_partnership, project, office, outsider, client_of
):
    need = need_post(other_partnership, outsider)
    event = event_add(other_partnership, outsider)
    for field, record in (("need", need), ("event", event)):
        with pytest.raises(DomainError) as refused:
            services.project_link_add(project=project, by=office, **{field: record})
        assert refused.value.field == field
        page = client_of(office).post(url("link_add", project), {field: record.pk})
        assert page.status_code == 400
        assert page.context["form"].errors[field]
    assert not project.needs.exists() and not project.events.exists()


def test_unlinking_keeps_the_record(partnership, project, office, cast, client_of):
    need, _shipment, event = _carriers(partnership, cast)
    services.project_link_add(project=project, by=office, need=need, event=event)
    client = client_of(office)
    assert client.post(url("link_remove", project), {"need": need.pk}).status_code == 302
    assert list(project.needs.all()) == [] and list(project.events.all()) == [event]
    need.refresh_from_db()
    assert client.post(url("link_remove", project), {"need": need.pk}).status_code == 404


# --- updates and documents ---


def test_updates_show_newest_first_with_photos_for_members_only(
    partnership, project, office, cast, client_of, outsider
):
    today = timezone.localdate()
    older = services.update_post(
        project=project,
        by=office,
        idempotency_key=uuid.uuid4(),
        body="Die Pumpen sind bestellt.",
        posted_on=today - timedelta(days=7),
        language="de",
    )
    client = client_of(office)
    form = client.get(url("update_post", project))
    key = form.context["form"]["idempotency_key"].value()
    for _sent in range(2):
        answer = client.post(
            url("update_post", project),
            {
                "idempotency_key": key,
                "posted_on": today.isoformat(),
                "body": "Die Pumpen laufen.",
                "photos": [png_upload("pumpe.png")],
            },
        )
        assert answer.status_code == 302
    newer = ProjectUpdate.objects.exclude(pk=older.pk).get()
    page = client_of(cast[(Role.OBSERVER, 2)]).get(url("project_detail", project))
    assert page.text.index("Die Pumpen laufen.") < page.text.index("Die Pumpen sind bestellt.")
    photo = newer.photos.get()
    address = url("update_photo", project, newer.pk, photo.pk)
    assert address in page.text
    shown = client_of(cast[(Role.OBSERVER, 2)]).get(address)
    assert shown.status_code == 200 and shown["Content-Type"] == "image/png"
    assert shown["Cache-Control"] == "private, no-store"
    assert client_of(outsider).get(address).status_code == 404


def test_a_photo_that_is_no_image_is_refused_and_nothing_is_posted(project, office, client_of):
    answer = client_of(office).post(
        url("update_post", project),
        {
            "posted_on": timezone.localdate().isoformat(),
            "body": "Mit Foto",
            "photos": [pdf_upload("foto.png")],
        },
    )
    assert answer.status_code == 400
    assert "A photo can only be a PNG or JPEG file." in answer.context["form"].errors["photos"]
    assert not ProjectUpdate.objects.exists()


def test_an_update_cannot_be_dated_in_the_future(project, office):
    with pytest.raises(DomainError) as refused:
        services.update_post(
            project=project,
            by=office,
            idempotency_key=uuid.uuid4(),
            body="Morgen",
            posted_on=timezone.localdate() + timedelta(days=1),
        )
    assert refused.value.field == "posted_on"


def test_a_document_is_kept_once_and_downloaded_by_members_only(
    project, office, cast, client_of, outsider
):
    client = client_of(office)
    form = client.get(url("document_add", project))
    key = form.context["form"]["idempotency_key"].value()
    for _sent in range(2):
        answer = client.post(
            url("document_add", project),
            {"idempotency_key": key, "title": "Projektplan", "file": pdf_upload("plan.pdf")},
        )
        assert answer.status_code == 302
    document = ProjectDocument.objects.get()
    page = client_of(cast[(Role.OBSERVER, 2)]).get(url("project_detail", project))
    address = url("document_download", project, document.pk)
    assert "Projektplan" in page.text and address in page.text
    download = client_of(cast[(Role.OBSERVER, 2)]).get(address)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert client_of(outsider).get(address).status_code == 404


def _pdf_with_script() -> bytes:
    from pypdf.actions import JavaScript

    return pdf_bytes(lambda writer: writer.add_open_action(JavaScript("app.alert(1)")))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_pdf_with_script, "This PDF contains scripts."),
        (lambda: b"just some text", "office documents (DOCX, XLSX, PPTX, ODT, ODS, ODP)"),
    ],
    ids=["unsafe_pdf", "plain_text"],
)
def test_an_unsafe_or_unknown_document_is_refused_at_its_field(
    project, office, client_of, content, message
):
    answer = client_of(office).post(
        url("document_add", project),
        {"title": "Vertrag", "file": SimpleUploadedFile("vertrag.pdf", content())},
    )
    assert answer.status_code == 400
    assert message in " ".join(answer.context["form"].errors["file"])
    assert not ProjectDocument.objects.exists()


# --- the page ---


def _everything(project, office, cast, number):
    partnership = project.partnership
    need, shipment, event = _carriers(partnership, cast)
    services.project_link_add(project=project, by=office, need=need, shipment=shipment, event=event)
    organisation = organisation_add(partnership, cast[(Role.STAFF, 2)], name=f"Org {number}")
    _organisation_add(project, office, organisation)
    services.update_post(
        project=project,
        by=office,
        idempotency_key=uuid.uuid4(),
        body=f"Update {number}",
        photos=[png_upload()],
    )
    services.document_add(
        project=project, by=office, idempotency_key=uuid.uuid4(), title="D", file=pdf_upload()
    )


def test_the_projects_page_keeps_its_number_of_queries_with_its_parts(
    partnership, project, office, cast, client_of, django_assert_max_num_queries
):
    client = client_of(office)
    address = url("project_detail", project)
    _everything(project, office, cast, 0)
    client.get(address)
    with django_assert_max_num_queries(60) as few:
        assert client.get(address).status_code == 200
    for number in range(1, 5):
        _everything(project, office, cast, number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(address)
    assert "Update 4" in page.text and "Org 4" in page.text


def test_an_organisations_page_lists_its_projects_with_its_roles_in_few_queries(
    partnership, office, cast, client_of, django_assert_max_num_queries
):
    from pobratym.projects.related import taking_part

    organisation = organisation_add(partnership, office, name="DSW21")
    project = project_add(partnership, office)
    _organisation_add(project, office, organisation, "lead")
    _organisation_add(project, office, organisation, "funder")
    assert taking_part(office, organisation).rows[0].role == "lead, funder"

    def more(count, start):
        for number in range(start, start + count):
            added = project_add(partnership, office, title=f"P{number}")
            _organisation_add(added, office, organisation)

    more(4, 0)  # five in all: the section's rows are full, so it counts them
    with django_assert_max_num_queries(10) as few:
        section = taking_part(office, organisation)
    more(6, 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        section = taking_part(office, organisation)
    assert section.total == 11 and section.more == 6
    page = client_of(office).get(
        reverse("directory:organisation_detail", args=[partnership.slug, organisation.pk])
    )
    assert "P9" in page.text and "Digitale Bürgerdienste" not in page.text  # the newest five
    assert "and 6 more" in page.text
    assert taking_part(cast[(Role.OBSERVER, 1)], organisation) is not None
