"""The promise of the public portal: a visitor finds nothing that is not public on any portal
page, the sitemap, the news feed or the open data the portal links to, while the public
records do appear. Each sensitive record carries a unique marker, searched for in every
answer."""

import itertools
import re
import uuid
from decimal import Decimal

import pytest
from django.apps import apps
from django.db.models import Max
from django.test import Client

from pobratym.aid import services as aid
from pobratym.partnerships.models import Partnership, Role
from pobratym.projects import services as projects
from tests.agreements.factories import agreement_draft, agreement_in_force, people
from tests.agreements.letter_factories import letter_register
from tests.aid.factories import need_post, offer_make
from tests.aid.shipment_factories import shipment_plan
from tests.conversations.factories import post, thread_start
from tests.directory.factories import contact_add, organisation_add
from tests.downloads import body
from tests.exchanges.factories import event_add
from tests.exchanges.people import minor_fields, participant_make
from tests.factories import member_create, partnership_create
from tests.portal.factories import news_add
from tests.projects.conftest import project_add

pytestmark = pytest.mark.django_db

LANGUAGES = ("de", "uk", "en")
DOMAINS = {
    "agreements",
    "aid",
    "conversations",
    "directory",
    "exchanges",
    "partnerships",
    "projects",
}
SECRET = {
    "need_title": "MARKER-NEED-HIDDEN-7c1",
    "need_address": "MARKER-ADDRESS-HIDDEN-2b9",
    "need_institution": "MARKER-INSTITUTION-HIDDEN-4d0",
    "public_need_address": "MARKER-ADDRESS-OF-PUBLIC-NEED-8e3",
    "project": "MARKER-PROJECT-HIDDEN-5a6",
    "event": "MARKER-EVENT-HIDDEN-1f2",
    "minor": "MARKER-MINOR-NAME-9c8",
    "minor_email": "marker-minor-3e4@example.org",
    "guardian": "MARKER-GUARDIAN-6b7",
    "letter_subject": "MARKER-LETTER-SUBJECT-0a1",
    "letter_summary": "MARKER-LETTER-SUMMARY-2c3",
    "thread": "MARKER-THREAD-SUBJECT-4e5",
    "message": "MARKER-MESSAGE-BODY-6f7",
    "contact_email": "marker-contact-8a9@example.org",
    "contact_name": "MARKER-CONTACT-NAME-0b1",
    "donor": "MARKER-DONOR-ORGANISATION-3c5",
    "shipment_route": "MARKER-SHIPMENT-ROUTE-7d1",
    "shipment_reference": "MARKER-SHIP-9e2",
    "not_active": "MARKER-PROJECT-OF-A-PROPOSED-PARTNERSHIP-5f0",
    "agreement_draft": "MARKER-AGREEMENT-DRAFT-1a4",
    "agreement_text": "MARKER-AGREEMENT-TEXT-6c2",
}
PUBLIC = {
    "project": "Digital citizen services for Zhytomyr",
    "event": "Cultural evening in Dortmund",
    "need": "Beds and blankets for civil protection",
    "news": "Generators arrived in Zhytomyr",
}


@pytest.fixture
def seeded(partnership, cast):
    coordinator1, coordinator2 = cast[(Role.COORDINATOR, 1)], cast[(Role.COORDINATOR, 2)]
    office1 = cast[(Role.STAFF, 1)]
    # Aid: a hidden need of critical infrastructure, and a public one whose address is not.
    hidden_need = need_post(
        partnership,
        coordinator2,
        title=SECRET["need_title"],
        address=SECRET["need_address"],
        institution=SECRET["need_institution"],
        critical_infrastructure=True,
    )
    public_need = need_post(
        partnership,
        coordinator2,
        title=PUBLIC["need"],
        address=SECRET["public_need_address"],
        critical_infrastructure=True,
        lines=[{"item": "Blanket", "quantity": Decimal(200), "unit": "piece"}],
    )
    aid.need_publish(need=public_need, by=coordinator2, public=True)
    # Projects: one hidden, one public.
    project_add(partnership, office1, title=SECRET["project"], public=False)
    project = project_add(partnership, office1, title=PUBLIC["project"], public=True, language="en")
    # Events: a hidden one, and a public youth encounter with a minor and her guardian.
    hidden_event = event_add(partnership, office1, title=SECRET["event"], public=False)
    public_event = event_add(partnership, office1, title=PUBLIC["event"], kind="youth", public=True)
    organisation = organisation_add(partnership, office1, name="Youth club Alpha")
    minor = contact_add(organisation, office1, name=SECRET["minor"], email=SECRET["minor_email"])
    participant_make(public_event, minor, office1, **minor_fields(guardian_name=SECRET["guardian"]))
    # The public project serves the public need (its sector in IATI), the hidden one and the
    # hidden event, and the youth club takes part.
    for need in (public_need, hidden_need):
        projects.project_link_add(project=project, by=office1, need=need)
    projects.project_link_add(project=project, by=office1, event=hidden_event)
    projects.project_organisation_add(
        project=project,
        by=office1,
        idempotency_key=uuid.uuid4(),
        organisation=organisation,
        role="implementer",
    )
    # The directory, the letters register and a conversation.
    contact_add(organisation, office1, name=SECRET["contact_name"], email=SECRET["contact_email"])
    letter_register(
        partnership,
        coordinator1,
        subject=SECRET["letter_subject"],
        summary=SECRET["letter_summary"],
    )
    thread = thread_start(partnership, coordinator1, subject=SECRET["thread"], body="Hello.")
    post(thread, coordinator2, body=SECRET["message"])
    news_add(partnership, coordinator1, title=PUBLIC["news"])
    # Aid on its way: an offer of a donor and a shipment (members only, whatever they carry).
    offer_make(partnership, office1, need=public_need, donor=SECRET["donor"])
    shipment_plan(
        partnership,
        office1,
        reference=SECRET["shipment_reference"],
        route=SECRET["shipment_route"],
    )
    # Agreements: a draft, and one in force whose text stays with the members.
    team = people(partnership)
    agreement_draft(partnership, team["coordinator1"], title=SECRET["agreement_draft"])
    agreement_in_force(
        partnership,
        team,
        title="Solidarity partnership",
        texts={"en": ("Solidarity partnership", SECRET["agreement_text"])},
    )
    # A partnership not yet active shows nothing, not even what it marked public.
    proposed = partnership_create(status=Partnership.Status.PROPOSED)
    staff = member_create(proposed, Role.STAFF).user
    project_add(proposed, staff, title=SECRET["not_active"], public=True, language="en")
    partnership.proposed = proposed
    return partnership


def _visitor_answers(partnership) -> dict[str, str]:
    client = Client()
    slug = partnership.slug
    addresses = ["/sitemap.xml"]
    for language in LANGUAGES:
        addresses += [
            f"/{language}/",
            f"/{language}/p/{slug}/",
            f"/{language}/p/{slug}/news.atom",
        ]
    addresses += [
        f"/api/v1/partnerships/{slug}/events.ics",
        f"/api/v1/partnerships/{slug}/activities.iati.xml",
        f"/api/v1/partnerships/{slug}/aid.hxl.csv",
    ]
    answers = {}
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        answers[address] = _text(response)
    # And whatever else of the API answers a visitor: every reading operation of the
    # partnership (or of none), including those added after this test.
    for address in _api_reads(slug) + _api_reads(partnership.proposed.slug):
        response = client.get(address)
        assert response.status_code < 500, address
        if response.status_code == 200:
            answers[address] = _text(response)
    return answers


def _text(response) -> str:
    return body(response).decode()


def _ids_of(name: str, top: int):
    """Every id of the records a path's `<kind>_id` names (a need, a plan …), public or not;
    every id up to `top` where no model of that name is found."""
    kind = name.removesuffix("_id").replace("_", "")
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_label in DOMAINS and model._meta.model_name.endswith(kind)
    ]
    if not models:
        return range(1, top + 1)
    return sorted({pk for model in models for pk in model.objects.values_list("pk", flat=True)})


def _api_reads(slug: str) -> list[str]:
    """Every GET operation of the API document, filled in: the partnership, and each id of
    every record of the kind it reads, public or not (and of the kinds whose names end the
    same, a shipment's events with the events)."""
    from pobratym.config.api import api

    paths = api.get_openapi_schema(path_prefix="/api/v1")["paths"]
    top = max(
        model.objects.aggregate(top=Max("pk"))["top"] or 0
        for model in apps.get_models()
        if model._meta.app_label in DOMAINS and not model.__name__.startswith("Historical")
    )
    addresses = []
    for path, methods in paths.items():
        if "get" not in methods:
            continue
        names = [name for name in re.findall(r"{(\w+)}", path) if name != "slug"]
        if [name for name in names if not name.endswith("_id")]:
            continue  # a secret in the address (a private calendar): not guessable
        path = path.replace("{slug}", slug)
        choices = [_ids_of(name, top) for name in names]
        for ids in itertools.product(*choices):
            filled = path
            for name, record_id in zip(names, ids, strict=True):
                filled = filled.replace(f"{{{name}}}", str(record_id))
            addresses.append(filled)
    return addresses


def test_a_visitor_finds_no_marker_of_anything_not_public(seeded):
    answers = _visitor_answers(seeded)
    leaks = [
        (address, name)
        for address, text in answers.items()
        for name, marker in SECRET.items()
        if marker.lower() in text.lower()
    ]
    assert leaks == []


def test_the_public_records_do_appear(seeded):
    answers = _visitor_answers(seeded)
    for language in LANGUAGES:
        page = answers[f"/{language}/p/{seeded.slug}/"]
        for text in PUBLIC.values():
            assert text in page, (language, text)
        assert PUBLIC["news"] in answers[f"/{language}/p/{seeded.slug}/news.atom"]
    assert PUBLIC["project"] in answers[f"/api/v1/partnerships/{seeded.slug}/activities.iati.xml"]
    assert PUBLIC["event"] in answers[f"/api/v1/partnerships/{seeded.slug}/events.ics"]
    assert f"/en/p/{seeded.slug}/" in answers["/sitemap.xml"]
    # The API answers a visitor with the same public records, and their details.
    api = f"/api/v1/partnerships/{seeded.slug}"
    assert PUBLIC["project"] in answers[f"{api}/projects"]
    assert PUBLIC["need"] in answers[f"{api}/aid/needs"]
    assert PUBLIC["event"] in answers["/api/v1/events"]
    assert "Solidarity partnership" in answers[f"{api}/agreements"]
    details = [text for address, text in answers.items() if re.search(r"/\d+$", address)]
    for text in (PUBLIC["project"], PUBLIC["need"], PUBLIC["event"]):
        assert any(text in detail for detail in details), text
    # The youth encounter shows how many take part, not whom (the markers above).
    assert "1 participant" in answers[f"/en/p/{seeded.slug}/"]
