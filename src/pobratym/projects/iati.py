"""Open data: a partnership's public projects, and the aid they carry, as IATI 2.03 activity
XML (https://iatistandard.org/en/iati-standard/203/activity-standard/).

The tables below map our records to IATI's codelists; each says why where the match is not
obvious. A public project that lacks something IATI requires (`missing`) is left out of the
file rather than written invalid, and listed for members with what it lacks (the "Open data:
IATI" page). The file is written one activity at a time, from the projects read in chunks of
`CHUNK` with everything they need: a fixed number of queries per chunk, not per project.

- Identifier: `<POBRATYM_IATI_ORG_ID>-<project id>`, stable as long as the setting is.
- Reporting organisation: the settings `POBRATYM_IATI_ORG_ID`, `POBRATYM_IATI_ORG_TYPE`
  (OrganisationType, 11 "Local Government" by default: the partnerships are run by the city
  administrations) and `POBRATYM_IATI_ORG_NAME` (by default the partnership's name).
- Title and description: one narrative per language the text exists in (the original and
  each translation), each with its `xml:lang`. The aid a project carries is told in a second
  description (type 4, "other"): how many public aid needs and shipments serve it.
- Dates: start and end as planned (codes 1, 3), or as actual (2, 4) once the project is
  running or completed and the day has come.
- Recipient country: UA (the aid and projects are for the Ukrainian city).
- Sectors: OECD DAC 5-digit codes (vocabulary 1) from `DAC_SECTORS`: the project's focus area
  and the sectors of the public aid needs it serves, shares split evenly to 100 %.
- Budgets: one per budget line over the project's period, in the line's currency, valued on
  the day of its exchange rate or else on the project's start; committed (status 2) when the
  line is paid by a granted application, indicative (1) otherwise.
- Transactions: a granted application is an incoming commitment (11) from its programme's
  funder, dated the day the application was last changed (when the grant was recorded).
  Incoming funds (1) would claim the money arrived, which we do not record.
- `humanitarian="1"` on projects marked humanitarian.
- Organisations of private persons are never published (decision 0019): open data names no
  one.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from itertools import chain
from xml.etree.ElementTree import Element, SubElement, tostring

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pobratym.aid.models import Sector
from pobratym.directory.models import OrganisationKind
from pobratym.translation.selectors import text_in, translated_chunks

from .models import ApplicationStatus, OrganisationRole, Project, ProjectStatus
from .models.funding import FunderKind

VERSION = "2.03"
CHUNK = 200
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RECIPIENT_COUNTRY = "UA"
DAC_VOCABULARY = "1"

# OrganisationRole codelist: 1 funding, 2 accountable, 3 extending, 4 implementing. The lead
# answers for the project; partners and implementers carry it out. Nothing of ours extends
# funds to others, so 3 is not used.
ROLES = {
    OrganisationRole.FUNDER: "1",
    OrganisationRole.LEAD: "2",
    OrganisationRole.PARTNER: "4",
    OrganisationRole.IMPLEMENTER: "4",
}

# OrganisationType codelist. A city's administration is local government; its companies and
# other public bodies "other public sector"; associations, faith and displaced people's
# communities of either city national NGOs; culture and media may be public or private: other.
ORGANISATION_TYPES = {
    OrganisationKind.ADMINISTRATION: "11",
    OrganisationKind.MUNICIPAL_SUBSIDIARY: "15",
    OrganisationKind.CIVIL_SOCIETY: "22",
    OrganisationKind.COMPANY: "70",
    OrganisationKind.RESEARCH: "80",
    OrganisationKind.SCHOOL: "80",
    OrganisationKind.CULTURE: "90",
    OrganisationKind.FAITH: "22",
    OrganisationKind.MEDIA: "90",
    OrganisationKind.DISPLACED: "22",
    OrganisationKind.OTHER: "90",
}

# The funder of a granted application, as OrganisationType: governments 10, the EU and
# international organisations multilateral (40), foundations 60.
FUNDER_TYPES = {
    FunderKind.EU: "40",
    FunderKind.FEDERAL: "10",
    FunderKind.STATE: "10",
    FunderKind.UKRAINE: "10",
    FunderKind.INTERNATIONAL: "40",
    FunderKind.FOUNDATION: "60",
}

# ActivityStatus codelist: an idea or a planned project is in the pipeline (1); a completed
# one is closed (4): we record no open financial sign-off that would make it 3.
STATUSES = {
    ProjectStatus.IDEA: "1",
    ProjectStatus.PLANNED: "1",
    ProjectStatus.RUNNING: "2",
    ProjectStatus.COMPLETED: "4",
    ProjectStatus.CANCELLED: "5",
}

PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
ORIGINAL_BUDGET, INDICATIVE, COMMITTED = "1", "1", "2"
INCOMING_COMMITMENT = "11"
GENERAL, OTHER = "1", "4"

# OECD DAC 5-digit purpose codes (SectorVocabulary 1), in one table: the focus areas of the
# founding agreement by their key, and the humanitarian sectors of aid needs (aid.Sector).
# Aid in kind is emergency relief (720..): health 72011, education 72012, food 72040,
# logistics 72050, early recovery 73010, and the rest material relief 72010. A partnership's
# own focus area whose key is not here gives no sector.
DAC_SECTORS = {
    ("focus_area", "humanitarian-aid"): "72010",  # Material relief assistance and services
    ("focus_area", "reconstruction"): "73010",  # Immediate post-emergency reconstruction
    ("focus_area", "digitalisation"): "22040",  # Information and communication technology
    ("focus_area", "urban-planning-heritage"): "43030",  # Urban development and management
    ("focus_area", "economy-innovation"): "25030",  # Business development services
    ("focus_area", "science"): "43082",  # Research/scientific institutions
    ("focus_area", "culture"): "16061",  # Culture and recreation
    ("focus_area", "expert-exchange"): "15112",  # Support to subnational government
    ("focus_area", "youth"): "16061",  # Culture and recreation
    ("aid", Sector.HEALTH): "72011",  # Basic health care services in emergencies
    ("aid", Sector.SHELTER): "72010",
    ("aid", Sector.WASH): "72010",
    ("aid", Sector.ENERGY): "72010",
    ("aid", Sector.EDUCATION): "72012",  # Education in emergencies
    ("aid", Sector.FOOD): "72040",  # Emergency food assistance
    ("aid", Sector.LOGISTICS): "72050",  # Relief co-ordination and support services
    ("aid", Sector.PROTECTION): "72010",
    ("aid", Sector.EARLY_RECOVERY): "73010",
    ("aid", Sector.OTHER): "72010",
}


@dataclass(frozen=True)
class Reporter:
    """The organisation that publishes the file."""

    ref: str
    type: str
    name: str


def reporter_of(partnership) -> Reporter:
    return Reporter(
        ref=settings.POBRATYM_IATI_ORG_ID,
        type=settings.POBRATYM_IATI_ORG_TYPE,
        name=settings.POBRATYM_IATI_ORG_NAME or str(partnership),
    )


def identifier(project: Project) -> str:
    return f"{settings.POBRATYM_IATI_ORG_ID}-{project.pk}"


# --- what a project needs to be published ---


def sectors_of(project: Project) -> list[str]:
    """The DAC codes of the project's focus area and of the public needs it serves, each
    once, the focus area first."""
    keys = []
    if project.focus_area_id:
        keys.append(("focus_area", project.focus_area.key))
    keys += [("aid", need.sector) for need in project.needs.all()]
    codes = [DAC_SECTORS[key] for key in keys if key in DAC_SECTORS]
    return list(dict.fromkeys(codes))


def organisations_of(project: Project) -> list:
    """The project's organisations as published: private persons are never named."""
    return [
        role
        for role in project.roles.all()
        if role.organisation.kind != OrganisationKind.PRIVATE_PERSON
    ]


def missing(project: Project) -> list:
    """What IATI requires and the project lacks, in the reader's language; empty when it can
    be published."""
    gaps = []
    if not project.description.strip():
        gaps.append(_("a description"))
    if project.starts_on is None:
        gaps.append(_("a start date"))
    if project.ends_on is None and project.budget_lines.all():
        gaps.append(_("an end date, which the budget's period needs"))
    if not sectors_of(project):
        gaps.append(_("a sector: a focus area IATI knows, or an aid need the project serves"))
    if not organisations_of(project):
        gaps.append(_("an organisation taking part"))
    return gaps


def in_chunks(projects, size: int = CHUNK) -> Iterator[Project]:
    """`projects` read `size` at a time, each chunk with its translations in every language."""
    return chain.from_iterable(translated_chunks(projects, size))


def publishable(projects: Iterable[Project]) -> Iterator[Project]:
    return (project for project in projects if not missing(project))


# --- the XML ---


def _languages(record) -> list[str]:
    codes = [code for code, _name in settings.LANGUAGES]
    return [record.language, *(code for code in codes if code != record.language)]


def _narratives(parent: Element, record, field: str) -> None:
    """The field in each language it exists in, the original first."""
    for language in _languages(record):
        text = text_in(record, field, language)
        if text.strip():
            SubElement(parent, "narrative", {XML_LANG: language}).text = text


def _narrative(parent: Element, text: str, language: str | None = None) -> None:
    SubElement(parent, "narrative", {XML_LANG: language} if language else {}).text = text


def _aid_carried(parent: Element, project: Project) -> None:
    """A description, in each language of the site, of the aid the project carries."""
    needs, shipments = len(project.needs.all()), len(project.shipments.all())
    if not needs and not shipments:
        return
    description = SubElement(parent, "description", {"type": OTHER})
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            parts = []
            if needs:
                parts.append(f"{capfirst(gettext('aid needs it serves'))}: {needs}.")
            if shipments:
                parts.append(f"{capfirst(gettext('shipments it serves'))}: {shipments}.")
        _narrative(description, " ".join(parts), language)


def _dates(parent: Element, project: Project, today) -> None:
    underway = project.status in (ProjectStatus.RUNNING, ProjectStatus.COMPLETED)
    start_type = ACTUAL_START if underway and project.starts_on <= today else PLANNED_START
    SubElement(parent, "activity-date", {"type": start_type, "iso-date": str(project.starts_on)})
    if project.ends_on:
        done = project.status == ProjectStatus.COMPLETED and project.ends_on <= today
        SubElement(
            parent,
            "activity-date",
            {"type": ACTUAL_END if done else PLANNED_END, "iso-date": str(project.ends_on)},
        )


def shares(count: int) -> list[Decimal]:
    """`count` percentages to two places that add up to exactly 100."""
    share = (Decimal(100) / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return [share] * (count - 1) + [Decimal(100) - share * (count - 1)]


def _sectors(parent: Element, project: Project) -> None:
    codes = sectors_of(project)
    for code, percentage in zip(codes, shares(len(codes)), strict=True):
        attributes = {"vocabulary": DAC_VOCABULARY, "code": code}
        if len(codes) > 1:
            attributes["percentage"] = format(percentage.normalize(), "f")
        SubElement(parent, "sector", attributes)


def _value(parent: Element, amount: Decimal, currency: str, day) -> None:
    value = SubElement(parent, "value", {"currency": currency, "value-date": str(day)})
    value.text = format(amount, "f")


def _budgets(parent: Element, project: Project) -> None:
    for line in project.budget_lines.all():
        granted = line.application_id and line.application.status == ApplicationStatus.GRANTED
        budget = SubElement(
            parent,
            "budget",
            {"type": ORIGINAL_BUDGET, "status": COMMITTED if granted else INDICATIVE},
        )
        SubElement(budget, "period-start", {"iso-date": str(project.starts_on)})
        SubElement(budget, "period-end", {"iso-date": str(project.ends_on)})
        _value(budget, line.amount, line.currency, line.rate_on or project.starts_on)


def _transactions(parent: Element, project: Project) -> None:
    for application in project.applications.all():
        if application.status != ApplicationStatus.GRANTED:
            continue
        day = timezone.localdate(application.updated_at)
        transaction = SubElement(parent, "transaction")
        SubElement(transaction, "transaction-type", {"code": INCOMING_COMMITMENT})
        SubElement(transaction, "transaction-date", {"iso-date": str(day)})
        _value(transaction, application.granted, application.currency, day)
        programme = application.call.programme
        provider = SubElement(
            transaction, "provider-org", {"type": FUNDER_TYPES[programme.funder_kind]}
        )
        _narrative(provider, programme.funder)


def activity(project: Project, reporter: Reporter, today) -> Element:
    """One project as an `iati-activity`; call only for a project `missing` nothing."""
    attributes = {
        "last-updated-datetime": project.updated_at.isoformat(timespec="seconds"),
        XML_LANG: project.language,
        "default-currency": "EUR",
    }
    if project.humanitarian:
        attributes["humanitarian"] = "1"
    element = Element("iati-activity", attributes)
    SubElement(element, "iati-identifier").text = identifier(project)
    reporting = SubElement(element, "reporting-org", {"ref": reporter.ref, "type": reporter.type})
    _narrative(reporting, reporter.name)
    _narratives(SubElement(element, "title"), project, "title")
    _narratives(SubElement(element, "description", {"type": GENERAL}), project, "description")
    _aid_carried(element, project)
    for role in organisations_of(project):
        organisation = role.organisation
        attributes = {"role": ROLES[role.role]}
        if kind := ORGANISATION_TYPES.get(organisation.kind):
            attributes["type"] = kind
        participating = SubElement(element, "participating-org", attributes)
        _narrative(participating, organisation.name, organisation.language)
    SubElement(element, "activity-status", {"code": STATUSES[project.status]})
    _dates(element, project, today)
    SubElement(element, "recipient-country", {"code": RECIPIENT_COUNTRY, "percentage": "100"})
    _sectors(element, project)
    _budgets(element, project)
    _transactions(element, project)
    return element


def activities_xml(projects: Iterable[Project], reporter: Reporter) -> Iterator[str]:
    """The file, a piece at a time: the head, one `iati-activity` per project, the foot.
    `projects` must be publishable and not empty (IATI wants at least one activity)."""
    now = timezone.now().isoformat(timespec="seconds")
    today = timezone.localdate()
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<iati-activities version="{VERSION}" generated-datetime="{now}">\n'
    for project in projects:
        yield tostring(activity(project, reporter, today), encoding="unicode") + "\n"
    yield "</iati-activities>\n"
