"""A cooperation project of the partnership and what it is made of."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from pobratym.aid.models import Need, Shipment
from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel, Revised
from pobratym.core.money import amount_field, currency_field, rate_field
from pobratym.directory.models import Organisation
from pobratym.exchanges.models import Event
from pobratym.partnerships.models import FocusArea, Partnership, Side
from pobratym.translation.models import Translatable


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("idea")
    PLANNED = "planned", pgettext_lazy("project", "planned")
    RUNNING = "running", _("running")
    COMPLETED = "completed", pgettext_lazy("project", "completed")
    CANCELLED = "cancelled", pgettext_lazy("project", "cancelled")


class Project(Revised, CreatedOnce, Translatable, BaseModel):
    translatable_fields = ("title", "description")
    translate_permission = "projects.translate_project"

    Status = ProjectStatus

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("focus area"),
    )
    lead_side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="led_projects", verbose_name=_("lead side")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    humanitarian = models.BooleanField(
        _("humanitarian"),
        default=False,
        help_text=_("Marks the project as humanitarian in the IATI export."),
    )
    public = models.BooleanField(_("public"), default=False)
    organisations = models.ManyToManyField(
        Organisation, through="ProjectOrganisation", related_name="projects", blank=True
    )
    needs = models.ManyToManyField(
        Need, blank=True, related_name="projects", verbose_name=_("aid needs it serves")
    )
    shipments = models.ManyToManyField(
        Shipment, blank=True, related_name="projects", verbose_name=_("shipments it serves")
    )
    events = models.ManyToManyField(
        Event, blank=True, related_name="projects", verbose_name=_("events")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    history = HistoricalRecords(m2m_fields=[needs, shipments, events])

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["partnership", "-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProjectStatus.values), name="project_status"
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="project_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"],
                name="project_created_once",
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "status"]),
            models.Index(fields=["public", "partnership"]),
        ]

    def __str__(self) -> str:
        return self.title

    def translation_parts(self) -> list:
        return [*self.milestones.all(), *self.indicators.all()]


class OrganisationRole(models.TextChoices):
    LEAD = "lead", _("lead")
    PARTNER = "partner", pgettext_lazy("organisation in a project", "partner")
    FUNDER = "funder", _("funder")
    IMPLEMENTER = "implementer", _("implementer")


class ProjectOrganisation(CreatedOnce, BaseModel):
    """An organisation of either city taking part in a project, in one role."""

    Role = OrganisationRole

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="roles", verbose_name=_("project")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="project_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=OrganisationRole.choices)

    class Meta:
        verbose_name = _("organisation in the project")
        verbose_name_plural = _("organisations in the project")
        ordering = ["project", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=OrganisationRole.values), name="project_organisation_role"
            ),
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="project_organisation_once"
            ),
            models.UniqueConstraint(
                fields=["project", "idempotency_key"], name="project_organisation_created_once"
            ),
        ]


class Milestone(CreatedOnce, Translatable, BaseModel):
    """A step of a project due by a date (inside the project's period, checked by the
    services), done when `completed_on` is set."""

    translatable_fields = ("title",)
    translate_permission = "projects.translate_project"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("milestone"), max_length=300)
    due_on = models.DateField(_("due on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "idempotency_key"], name="milestone_created_once"
            ),
        ]
        indexes = [models.Index(fields=["project", "completed_on", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def translation_owner(self):
        return self.project


class Indicator(CreatedOnce, Translatable, BaseModel):
    """A result of a project measured by a number: where it started, where it should get to,
    where it stands."""

    translatable_fields = ("title", "unit")
    translate_permission = "projects.translate_project"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("project")
    )
    title = models.CharField(_("result"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60)
    baseline = models.DecimalField(_("baseline"), max_digits=15, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=15, decimal_places=2)
    actual = models.DecimalField(
        _("actual"), max_digits=15, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["project", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "idempotency_key"], name="indicator_created_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def translation_owner(self):
        return self.project


class BudgetLine(CreatedOnce, BaseModel):
    """Money for a project from one source, in euro or hryvnia; an amount in the other
    currency is converted at the rate kept here, with the date it applied."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("project")
    )
    source = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("funding source"),
    )
    application = models.ForeignKey(
        "projects.Application",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("grant"),
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    amount = amount_field(_("amount"))
    currency = currency_field()
    rate = rate_field(null=True, blank=True)
    rate_on = models.DateField(_("rate of"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["project", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "idempotency_key"], name="budget_line_created_once"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount"),
            models.CheckConstraint(
                condition=Q(currency__in=["EUR", "UAH"]), name="budget_line_currency"
            ),
            # A hryvnia amount always with its rate to the euro, for the euro totals.
            models.CheckConstraint(
                condition=Q(currency="EUR") | Q(rate__isnull=False), name="budget_line_uah_rate"
            ),
            # A rate always with its date, and only a positive one.
            models.CheckConstraint(
                condition=Q(rate__isnull=True, rate_on__isnull=True)
                | Q(rate__gt=0, rate_on__isnull=False),
                name="budget_line_rate_with_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose}: {self.amount} {self.currency}"


class ProjectUpdate(CreatedOnce, Translatable, BaseModel):
    """A dated post on how the project goes, with photos."""

    translatable_fields = ("body",)
    translate_permission = "projects.translate_project"

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="updates", verbose_name=_("project")
    )
    posted_on = models.DateField(_("date"))
    body = models.TextField(_("update"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )

    class Meta:
        verbose_name = _("project update")
        verbose_name_plural = _("project updates")
        ordering = ["project", "-posted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "idempotency_key"], name="project_update_created_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.posted_on}"

    def translation_owner(self):
        return self.project


class UpdatePhoto(BaseModel):
    update = models.ForeignKey(
        ProjectUpdate, on_delete=models.CASCADE, related_name="photos", verbose_name=_("update")
    )
    image = models.FileField(_("photo"), upload_to="projects/photos/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["update", "pk"]


class ProjectDocument(CreatedOnce, BaseModel):
    """A file of the project (a plan, a contract, a report): a PDF or an office document,
    checked on upload and served to members only."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="projects/documents/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["project", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "uploaded_by", "idempotency_key"],
                name="project_document_created_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title
