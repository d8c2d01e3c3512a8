"""The project and funding pages in a real browser: axe-core (WCAG 2.1 A and AA) in all three
languages as Dortmund's coordinator (who sees every form and button of a project's page), and
no horizontal scrolling on a 390 px phone. The demo's water project is given every part a
page shows: organisations of both cities, a need, a shipment and an event, an update with a
photo, and a document."""

import uuid

import pytest

from tests.browser.helpers import SLUG, assert_pages_pass_axe_and_fit_a_phone

PROJECTS = f"/partnerships/{SLUG}/projects"


def _water_project():
    """The demo's reconstruction project, with a shipment, an event, an update with a photo
    and a document of the Dortmund coordinator's added to what the demo gives it."""
    from pobratym.aid.models import Shipment
    from pobratym.exchanges.models import Event
    from pobratym.partnerships.demo import demo_email
    from pobratym.projects import services
    from pobratym.projects.models import Project
    from tests.agreements.letter_factories import pdf_upload
    from tests.conversations.factories import png_upload

    project = Project.objects.get(partnership__slug=SLUG, humanitarian=True)
    by = project.created_by.__class__.objects.get(email=demo_email("coordinator", "dortmund"))
    services.project_link_add(
        project=project,
        by=by,
        shipment=Shipment.objects.filter(partnership=project.partnership).first(),
        event=Event.objects.filter(partnership=project.partnership).first(),
    )
    services.update_post(
        project=project,
        by=by,
        idempotency_key=uuid.uuid4(),
        body="Zwei Stromerzeuger sind in Schytomyr angekommen.",
        photos=[png_upload()],
        language="de",
    )
    services.document_add(
        project=project,
        by=by,
        idempotency_key=uuid.uuid4(),
        title="Projektplan",
        file=pdf_upload(),
    )
    return project


def _pages() -> list[tuple[str, str]]:
    from pobratym.projects.models import Application, FundingProgramme

    project = _water_project()
    programme = FundingProgramme.objects.filter(calls__isnull=False)[0]
    application = Application.objects.filter(partnership__slug=SLUG)[0]
    base = f"{PROJECTS}/{project.pk}"
    return [
        ("projects", f"{PROJECTS}/"),
        ("projects filtered", f"{PROJECTS}/?status=running&q=Wasser"),
        ("water project", f"{base}/"),
        ("add an organisation", f"{base}/organisations/"),
        ("link aid and events", f"{base}/links/"),
        ("post an update", f"{base}/updates/"),
        ("add a document", f"{base}/documents/"),
        ("funding applications", f"{PROJECTS}/funding/"),
        ("an application", f"{PROJECTS}/funding/{application.pk}/"),
        ("funding programmes", f"{PROJECTS}/funding/programmes/"),
        ("a funding programme", f"{PROJECTS}/funding/programmes/{programme.pk}/"),
        ("a need the project carries", _need_page(project)),
    ]


def _need_page(project) -> str:
    need = project.needs.first()
    return f"/partnerships/{SLUG}/aid/needs/{need.pk}/"


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_every_project_page_passes_axe_and_fits_a_phone(demo, new_context, site, language):
    email = demo.demo_email("coordinator", "dortmund")
    assert_pages_pass_axe_and_fit_a_phone(new_context, site, email, language, _pages())
