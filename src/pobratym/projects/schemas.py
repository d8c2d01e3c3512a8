"""The projects part of the API, as a contract: what a client sends and gets back. Amounts are
decimal strings with their currency, never floats; texts come as written, in `language`, and
in the reader's language beside them."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from pobratym.core.inputs import TEXT_MAX_LENGTH, Slug, Text
from pobratym.core.money import Currency
from pobratym.translation.selectors import shown

from .models import ApplicationStatus, MeasureStatus, OrganisationRole, ProjectStatus
from .selectors import budget_of, state_of


class ErrorOut(Schema):
    code: str
    message: str


class InvalidOut(ErrorOut):
    errors: list[dict]


class ProjectFilters(Schema):
    status: ProjectStatus | None = None
    focus_area: Slug | None = Field(None, description="The key of a focus area.")
    starts_from: date | None = Field(
        None, alias="from", description="Only projects not ended before this day."
    )
    ends_until: date | None = Field(
        None, alias="to", description="Only projects starting on this day or earlier."
    )


class ProjectOut(Schema):
    id: int
    title: str = Field(description="As written, in `language`.")
    title_in_reader_language: str
    language: str
    status: ProjectStatus
    focus_area: str | None = Field(description="The focus area's key.")
    lead_side: int = Field(description="Position of the leading city: 1 or 2.")
    starts_on: date | None
    ends_on: date | None
    humanitarian: bool
    public: bool
    revision: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_title_in_reader_language(project) -> str:
        return shown(project, "title").text

    @staticmethod
    def resolve_focus_area(project) -> str | None:
        return project.focus_area.key if project.focus_area_id else None

    @staticmethod
    def resolve_lead_side(project) -> int:
        return project.lead_side.position


class ProjectListOut(ProjectOut):
    milestone_count: int
    milestones_done: int
    next_due: date | None = Field(description="The next open milestone's due date.")


class PublicProjectOut(ProjectListOut):
    """A public project as a visitor reads it: what the list shows and its description;
    organisations, budget, applications and links stay with the members."""

    description: str
    description_in_reader_language: str

    @staticmethod
    def resolve_description_in_reader_language(project) -> str:
        return shown(project, "description").text


class MilestoneOut(Schema):
    id: int
    title: str
    title_in_reader_language: str
    due_on: date
    completed_on: date | None

    @staticmethod
    def resolve_title_in_reader_language(milestone) -> str:
        return shown(milestone, "title").text


class IndicatorOut(Schema):
    id: int
    title: str
    title_in_reader_language: str
    unit: str
    baseline: str = Field(description="A decimal number, as a string.")
    target: str
    actual: str | None

    @staticmethod
    def resolve_title_in_reader_language(indicator) -> str:
        return shown(indicator, "title").text

    @staticmethod
    def resolve_baseline(indicator) -> str:
        return str(indicator.baseline)

    @staticmethod
    def resolve_target(indicator) -> str:
        return str(indicator.target)

    @staticmethod
    def resolve_actual(indicator) -> str | None:
        return None if indicator.actual is None else str(indicator.actual)


class BudgetLineOut(Schema):
    id: int
    purpose: str
    amount: str = Field(description="A decimal amount in `currency`, as a string.")
    currency: Currency
    rate: str | None = Field(description="Hryvnia per euro, where the line has a rate.")
    rate_on: date | None = Field(description="The day the rate applied.")
    source: int | None = Field(description="The funding organisation's id.")
    application: int | None = Field(description="The grant's application id.")

    @staticmethod
    def resolve_amount(line) -> str:
        return str(line.amount)

    @staticmethod
    def resolve_rate(line) -> str | None:
        return None if line.rate is None else str(line.rate)

    @staticmethod
    def resolve_source(line) -> int | None:
        return line.source_id

    @staticmethod
    def resolve_application(line) -> int | None:
        return line.application_id


class BudgetOut(Schema):
    total_eur: str = Field(description="Every line in euro, each at its own rate.")
    total_uah: str = Field(description="Every line in hryvnia; euro lines without a rate left out.")
    unconverted: int = Field(description="Euro lines without a rate, missing from `total_uah`.")
    lines: list[BudgetLineOut]


class ProjectOrganisationOut(Schema):
    id: int = Field(description="The organisation's id.")
    name: str
    side: int = Field(description="Position of the organisation's city: 1 or 2.")
    role: OrganisationRole

    @staticmethod
    def resolve_id(role) -> int:
        return role.organisation_id

    @staticmethod
    def resolve_name(role) -> str:
        return role.organisation.name

    @staticmethod
    def resolve_side(role) -> int:
        return role.organisation.side.position


class ApplicationOut(Schema):
    id: int
    project: int | None = Field(description="The project's id, if it is for a project.")
    programme: str
    call: str
    apply_by: date
    status: ApplicationStatus
    requested: str | None = Field(description="A decimal amount in `currency`, as a string.")
    granted: str | None
    currency: Currency
    submitted_on: date | None
    shipments: list[int] = Field(description="Ids of the shipments it pays for.")
    revision: int

    @staticmethod
    def resolve_project(application) -> int | None:
        return application.project_id

    @staticmethod
    def resolve_programme(application) -> str:
        return application.call.programme.name

    @staticmethod
    def resolve_call(application) -> str:
        return application.call.title

    @staticmethod
    def resolve_apply_by(application) -> date:
        return application.call.apply_by

    @staticmethod
    def resolve_requested(application) -> str | None:
        return None if application.requested is None else str(application.requested)

    @staticmethod
    def resolve_granted(application) -> str | None:
        return None if application.granted is None else str(application.granted)

    @staticmethod
    def resolve_shipments(application) -> list[int]:
        return [shipment.pk for shipment in application.shipments.all()]


class ProjectDetailOut(ProjectOut):
    description: str
    description_in_reader_language: str
    organisations: list[ProjectOrganisationOut]
    milestones: list[MilestoneOut]
    indicators: list[IndicatorOut]
    budget: BudgetOut
    needs: list[int] = Field(description="Ids of the aid needs it serves.")
    shipments: list[int] = Field(description="Ids of the shipments it serves.")
    events: list[int] = Field(description="Ids of the events it holds.")
    applications: list[ApplicationOut]

    @staticmethod
    def resolve_description_in_reader_language(project) -> str:
        return shown(project, "description").text

    @staticmethod
    def resolve_organisations(project) -> list:
        return list(project.roles.all())

    @staticmethod
    def resolve_milestones(project) -> list:
        return list(project.milestones.all())

    @staticmethod
    def resolve_indicators(project) -> list:
        return list(project.indicators.all())

    @staticmethod
    def resolve_budget(project) -> dict:
        lines = list(project.budget_lines.all())
        budget = budget_of(lines)
        return {
            "total_eur": str(budget.eur),
            "total_uah": str(budget.uah),
            "unconverted": budget.unconverted,
            "lines": lines,
        }

    @staticmethod
    def resolve_needs(project) -> list[int]:
        return [need.pk for need in project.needs.all()]

    @staticmethod
    def resolve_shipments(project) -> list[int]:
        return [shipment.pk for shipment in project.shipments.all()]

    @staticmethod
    def resolve_events(project) -> list[int]:
        return [event.pk for event in project.events.all()]

    @staticmethod
    def resolve_applications(project) -> list:
        return list(project.applications.all())


class ProjectIn(Schema):
    title: Text = Field(min_length=1, max_length=300)
    description: Text = Field("", max_length=TEXT_MAX_LENGTH)
    focus_area: Slug | None = Field(None, description="The key of a focus area.")
    lead_side: int = Field(ge=1, le=2, description="Position of the leading city: 1 or 2.")
    status: ProjectStatus = ProjectStatus.IDEA
    starts_on: date | None = None
    ends_on: date | None = None
    humanitarian: bool = False
    public: bool = False
    language: str | None = Field(None, description="The language the texts are written in.")


class PlanIn(Schema):
    title: Text = Field(min_length=1, max_length=300)
    starts_on: date
    ends_on: date
    language: str | None = Field(None, description="The language the title is written in.")


class MeasureIn(Schema):
    title: Text = Field(min_length=1, max_length=300)
    description: Text = Field("", max_length=TEXT_MAX_LENGTH)
    focus_area: Slug | None = Field(None, description="The key of a focus area.")
    lead_side: int = Field(ge=1, le=2, description="Position of the leading city: 1 or 2.")
    responsible: Text = Field("", max_length=300)
    starts_on: date
    ends_on: date
    budget_estimate: Decimal | None = Field(
        None, ge=0, max_digits=15, decimal_places=2, description="In `currency`."
    )
    currency: Currency = Currency.EUR
    language: str | None = Field(None, description="The language the texts are written in.")


class MeasureOut(Schema):
    id: int
    key: str = Field(description="Stays the same for the measure across the plan's versions.")
    position: int
    title: str = Field(description="As written, in `language`.")
    title_in_reader_language: str
    description: str
    description_in_reader_language: str
    language: str
    focus_area: str | None = Field(description="The focus area's key.")
    lead_side: int = Field(description="Position of the leading city: 1 or 2.")
    responsible: str
    starts_on: date
    ends_on: date
    budget_estimate: str | None = Field(description="A decimal amount in `currency`, as a string.")
    currency: Currency
    status: MeasureStatus
    progress: int = Field(description="Per cent done, 0 to 100.")
    projects: list[int] = Field(description="Ids of the projects that carry it out.")
    events: list[int] = Field(description="Ids of the events that carry it out.")
    needs: list[int] = Field(description="Ids of the aid needs that carry it out.")
    organisations: list[int] = Field(description="Ids of the organisations responsible.")
    revision: int

    @staticmethod
    def resolve_key(measure) -> str:
        return str(measure.key)

    @staticmethod
    def resolve_title_in_reader_language(measure) -> str:
        return shown(measure, "title").text

    @staticmethod
    def resolve_description_in_reader_language(measure) -> str:
        return shown(measure, "description").text

    @staticmethod
    def resolve_focus_area(measure) -> str | None:
        return measure.focus_area.key if measure.focus_area_id else None

    @staticmethod
    def resolve_lead_side(measure) -> int:
        return measure.lead_side.position

    @staticmethod
    def resolve_budget_estimate(measure) -> str | None:
        return None if measure.budget_estimate is None else str(measure.budget_estimate)

    @staticmethod
    def resolve_projects(measure) -> list[int]:
        return [project.pk for project in measure.projects.all()]

    @staticmethod
    def resolve_events(measure) -> list[int]:
        return [event.pk for event in measure.events.all()]

    @staticmethod
    def resolve_needs(measure) -> list[int]:
        return [need.pk for need in measure.needs.all()]

    @staticmethod
    def resolve_organisations(measure) -> list[int]:
        return [organisation.pk for organisation in measure.organisations.all()]


class ApprovalOut(Schema):
    side: int = Field(description="Position of the approving city: 1 or 2.")
    fingerprint: str = Field(description="The version's text as that side approved it.")
    approved_at: datetime

    @staticmethod
    def resolve_side(approval) -> int:
        return approval.side.position

    @staticmethod
    def resolve_approved_at(approval) -> datetime:
        return approval.created_at


class VersionOut(Schema):
    number: int
    fingerprint: str = Field(description="Empty until the first side approves the version.")
    frozen_at: datetime | None = Field(description="When the first approval froze it.")
    approvals: list[ApprovalOut]

    @staticmethod
    def resolve_approvals(version) -> list:
        return list(version.approvals.all())


class PlanOut(Schema):
    id: int
    title: str = Field(description="As written, in `language`.")
    title_in_reader_language: str
    language: str
    starts_on: date
    ends_on: date
    state: str = Field(
        description="`draft`, `proposed` (awaiting approval), `approved` (by both sides) or "
        "`revising` (approved; a new version in preparation)."
    )
    version: int = Field(description="The newest version's number.")
    approved_version: int | None = Field(
        description="The newest version both sides approved, if any."
    )
    revision: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_title_in_reader_language(plan) -> str:
        return shown(plan, "title").text

    @staticmethod
    def resolve_state(plan) -> str:
        return state_of(plan).code

    @staticmethod
    def resolve_version(plan) -> int:
        return state_of(plan).latest.number

    @staticmethod
    def resolve_approved_version(plan) -> int | None:
        approved = state_of(plan).approved
        return None if approved is None else approved.number


class PlanDetailOut(PlanOut):
    current_version: VersionOut = Field(description="The newest version.")
    measures: list[MeasureOut] = Field(description="The newest version's measures, in order.")
