"""The IATI open data of public projects: valid against IATI's 2.03 schema with codes from its
codelists, never a project that is not public, the humanitarian flag, title and description
in each language they exist in, the aid a project carries, a project lacking what IATI
requires left out and listed for members with what it lacks, and a fixed number of queries
however many projects."""

import json
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from pobratym.aid.services import need_publish
from pobratym.partnerships.models import Role
from pobratym.projects import iati, services
from pobratym.projects.models import ProjectOrganisation
from pobratym.translation.services import translation_save
from tests.aid.factories import need_post
from tests.directory.factories import organisation_add
from tests.factories import focus_area_create, partnership_create
from tests.projects.conftest import line_add, project_add

pytestmark = pytest.mark.django_db

HERE = Path(__file__).parent / "iati"
SCHEMA = etree.XMLSchema(etree.parse(str(HERE / "iati-activities-schema.xsd")))
CODELISTS = {
    name: set(codes) for name, codes in json.loads((HERE / "codelists.json").read_text()).items()
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def address(partnership) -> str:
    return f"/api/v1/partnerships/{partnership.slug}/activities.iati.xml"


def read(client, partnership):
    response = client.get(address(partnership))
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(b"".join(response.streaming_content))


def activities(document) -> dict:
    return {a.findtext("iati-identifier"): a for a in document.iter("iati-activity")}


def identifier(project) -> str:
    return iati.identifier(project)


def complete(partnership, by, **fields):
    """A public project with everything IATI requires: a description, a start, a sector (its
    focus area) and an organisation taking part."""
    area = partnership.focus_areas.filter(key="digitalisation").first() or focus_area_create(
        partnership
    )
    project = project_add(partnership, by, focus_area=area, public=True, **fields)
    organisation = organisation_add(partnership, by, name="Stadtwerke Dortmund", kind="company")
    ProjectOrganisation.objects.create(project=project, organisation=organisation, role="lead")
    return project


@pytest.fixture
def coordinator(cast):
    return cast[(Role.COORDINATOR, 1)]


def test_the_file_is_valid_iati_with_codes_of_its_codelists(
    partnership, office, coordinator, cast, client
):
    project = complete(partnership, office, humanitarian=True)
    translation_save(
        record=project,
        field="title",
        language="uk",
        text="Цифрові послуги",
        by=cast[(Role.COORDINATOR, 2)],
        revision=None,
    )
    funder = organisation_add(partnership, office, name="Engagement Global", kind="other")
    ProjectOrganisation.objects.create(project=project, organisation=funder, role="funder")
    key = uuid.uuid4
    line_add(project, office, "1200.50")
    line_add(
        project,
        office,
        "90400",
        "UAH",
        purpose="Schulung",
        rate=Decimal("45.2"),
        rate_on=date(2026, 2, 1),
    )
    programme = services.programme_save(
        partnership=partnership, by=coordinator, name="Nakopa", funder="SKEW", funder_kind="federal"
    )
    call = services.call_add(
        partnership=partnership,
        programme=programme,
        by=coordinator,
        title="Aufruf",
        apply_by=timezone.localdate() + timedelta(days=30),
    )
    application = services.application_create(
        partnership=partnership, by=office, idempotency_key=key(), call=call, project=project
    )
    services.application_update(
        application=application, by=office, status="granted", granted=Decimal("50000")
    )
    need = need_post(partnership, cast[(Role.COORDINATOR, 2)], sector="health")
    need_publish(need=need, by=cast[(Role.COORDINATOR, 2)], public=True)
    project.needs.add(need)

    document = read(client, partnership)  # anyone: no one signed in
    SCHEMA.assertValid(document)
    assert document.get("version") == "2.03"
    assert document.get("generated-datetime")
    activity = activities(document)[identifier(project)]
    assert activity.get("humanitarian") == "1"
    assert activity.find("reporting-org").get("ref") == identifier(project).rsplit("-", 1)[0]
    codes = {
        "ActivityStatus": [e.get("code") for e in activity.iter("activity-status")],
        "ActivityDateType": [e.get("type") for e in activity.iter("activity-date")],
        "OrganisationRole": [e.get("role") for e in activity.iter("participating-org")],
        "OrganisationType": [
            e.get("type")
            for e in activity.iter("participating-org", "reporting-org", "provider-org")
        ],
        "Sector": [e.get("code") for e in activity.iter("sector")],
        "SectorVocabulary": [e.get("vocabulary") for e in activity.iter("sector")],
        "Country": [e.get("code") for e in activity.iter("recipient-country")],
        "Currency": [e.get("currency") for e in activity.iter("value")],
        "Language": [e.get(XML_LANG) for e in activity.iter("narrative") if e.get(XML_LANG)],
        "DescriptionType": [e.get("type") for e in activity.iter("description")],
        "BudgetType": [e.get("type") for e in activity.iter("budget")],
        "BudgetStatus": [e.get("status") for e in activity.iter("budget")],
        "TransactionType": [e.get("code") for e in activity.iter("transaction-type")],
    }
    for codelist, used in codes.items():
        assert used, codelist
        assert set(used) <= CODELISTS[codelist], codelist
    assert codes["ActivityStatus"] == ["2"]  # running
    assert sorted(codes["OrganisationRole"]) == ["1", "2"]  # the funder funds, the lead answers
    # The focus area and the need it serves, split to 100 %.
    sectors = {e.get("code"): e.get("percentage") for e in activity.iter("sector")}
    assert sectors == {"22040": "50", "72011": "50"}
    budgets = [
        (b.find("value").text, b.find("value").get("currency")) for b in activity.iter("budget")
    ]
    assert budgets == [("1200.50", "EUR"), ("90400.00", "UAH")]
    assert activity.findall("budget/value")[1].get("value-date") == "2026-02-01"
    assert activity.find("transaction/value").text == "50000.00"


def test_every_code_of_the_tables_is_in_iatis_codelists():
    assert set(iati.DAC_SECTORS.values()) <= CODELISTS["Sector"]
    assert set(iati.ORGANISATION_TYPES.values()) <= CODELISTS["OrganisationType"]
    assert set(iati.FUNDER_TYPES.values()) <= CODELISTS["OrganisationType"]
    assert set(iati.ROLES.values()) <= CODELISTS["OrganisationRole"]
    assert set(iati.STATUSES.values()) <= CODELISTS["ActivityStatus"]


def test_projects_that_are_not_public_never_appear(partnership, office, client):
    hidden = complete(partnership, office, title="Intern")
    hidden.public = False
    hidden.save(update_fields=["public"])
    assert client.get(address(partnership)).status_code == 404  # nothing public yet
    shown = complete(partnership, office, title="Öffentlich")
    document = read(client, partnership)
    assert set(activities(document)) == {identifier(shown)}
    assert b"Intern" not in etree.tostring(document)


def test_only_humanitarian_projects_carry_the_flag(partnership, office, client):
    relief = complete(partnership, office, humanitarian=True)
    portal = complete(partnership, office)
    found = activities(read(client, partnership))
    assert found[identifier(relief)].get("humanitarian") == "1"
    assert found[identifier(portal)].get("humanitarian") is None


def test_title_and_description_in_each_language_they_exist_in(partnership, office, cast, client):
    project = complete(partnership, office)
    translator = cast[(Role.COORDINATOR, 2)]
    for field, text in (("title", "Цифрові послуги"), ("description", "Портал для Житомира.")):
        translation_save(
            record=project, field=field, language="uk", text=text, by=translator, revision=None
        )
    activity = activities(read(client, partnership))[identifier(project)]
    titles = {n.get(XML_LANG): n.text for n in activity.findall("title/narrative")}
    assert titles == {"de": "Digitale Bürgerdienste", "uk": "Цифрові послуги"}
    general = activity.find("description[@type='1']")
    assert [n.get(XML_LANG) for n in general.findall("narrative")] == ["de", "uk"]


def test_the_aid_a_project_carries_is_told_and_gives_its_sector(partnership, office, cast, client):
    project = complete(partnership, office)
    receiver = cast[(Role.COORDINATOR, 2)]
    public, private = (need_post(partnership, receiver, sector=s) for s in ("food", "health"))
    need_publish(need=public, by=receiver, public=True)
    project.needs.add(public, private)
    activity = activities(read(client, partnership))[identifier(project)]
    assert {e.get("code") for e in activity.iter("sector")} == {"22040", "72040"}
    told = {n.get(XML_LANG): n.text for n in activity.findall("description[@type='4']/narrative")}
    assert told["en"] == "Aid needs it serves: 1."  # only the public need is counted


def test_a_project_lacking_what_iati_requires_is_left_out_and_listed(
    partnership, office, cast, client, client_of
):
    ready = complete(partnership, office)
    bare = project_add(partnership, office, title="Ohne Angaben", public=True, starts_on=None)
    line_add(bare, office, 10, purpose="Reise")
    bare.ends_on = None
    bare.save(update_fields=["ends_on"])
    assert set(activities(read(client, partnership))) == {identifier(ready)}

    member = client_of(cast[(Role.OBSERVER, 2)])
    listing = member.get(reverse("projects:project_list", args=[partnership.slug]))
    page_address = reverse("projects:iati_report", args=[partnership.slug])
    assert page_address in listing.text
    page = member.get(page_address)
    assert page.status_code == 200
    left_out = page.text.split('id="left-out"')[1].split("</section>")[0]
    assert "Ohne Angaben" in left_out
    for gap in (
        "A start date",
        "An end date, which the budget",
        "A sector",
        "An organisation taking part",
    ):
        assert gap in left_out
    assert "Digitale Bürgerdienste" in page.text.split('id="published"')[1]
    assert address(partnership) in page.text


def test_the_page_is_for_members_and_the_file_for_anyone(partnership, office, cast, client_of):
    complete(partnership, office)
    page = reverse("projects:iati_report", args=[partnership.slug])
    assert client_of(cast.outsider()).get(page).status_code == 404
    assert client_of(cast.outsider()).get(address(partnership)).status_code == 200
    assert (
        client_of(cast.outsider())
        .get("/api/v1/partnerships/nowhere/activities.iati.xml")
        .status_code
        == 404
    )


def _grow(partnership, office, count):
    for number in range(count):
        project = complete(partnership, office, title=f"Projekt {number}")
        line_add(project, office, 100)


def test_the_file_and_the_page_keep_their_number_of_queries(
    partnership, office, cast, client, client_of
):
    member = client_of(cast[(Role.OBSERVER, 2)])
    page = reverse("projects:iati_report", args=[partnership.slug])
    _grow(partnership, office, 1)
    read(client, partnership)
    member.get(page)
    with CaptureQueriesContext(connection) as few_in_file:
        read(client, partnership)
    with CaptureQueriesContext(connection) as few_on_page:
        member.get(page)
    _grow(partnership, office, 5)
    with CaptureQueriesContext(connection) as many_in_file:
        assert len(activities(read(client, partnership))) == 6
    with CaptureQueriesContext(connection) as many_on_page:
        member.get(page)
    assert len(many_in_file) == len(few_in_file)
    assert len(many_on_page) == len(few_on_page)


def test_a_file_of_another_partnership_shows_none_of_ours(partnership, office, client):
    complete(partnership, office)
    elsewhere = partnership_create()
    assert client.get(address(elsewhere)).status_code == 404
