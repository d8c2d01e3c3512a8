"""The projects part of the API, as a contract: what a client sends and gets back. Amounts are
decimal strings with their currency, never floats; texts come as written, in `language`, and
in the reader's language beside them."""

from datetime import date, datetime

from ninja import Field, Schema

from pobratym.core.inputs import TEXT_MAX_LENGTH, Slug, Text
from pobratym.core.money import Currency
from pobratym.translation.selectors import shown

from .models import ApplicationStatus, OrganisationRole, ProjectStatus
from .selectors import budget_of


class ErrorOut(Schema):
    code: str
    message: str


class InvalidOut(ErrorOut):
    errors: list[dict]


class ProjectFilters(Schema):
    status: ProjectStatus | None = None
    focus_area: Slug | None = Field(None, description="The key of a focus area.")
    updated_since: datetime | None = Field(
        None, description="Only projects changed at this moment or later (with an offset)."
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
