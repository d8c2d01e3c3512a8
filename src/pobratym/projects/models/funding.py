"""The catalogue of funding programmes and their calls, shared by every partnership of the
installation (public facts, kept with their source and the date they were checked), and the
applications a partnership makes to a call, for a project or for aid."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from pobratym.aid.models import Shipment
from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel, Revised
from pobratym.core.money import amount_field, currency_field
from pobratym.partnerships.models import Partnership
from pobratym.translation.models import Translatable


class FunderKind(models.TextChoices):
    EU = "eu", _("European Union")
    FEDERAL = "federal", _("German federal government")
    STATE = "state", _("German federal state")
    UKRAINE = "ukraine", _("Ukrainian government")
    INTERNATIONAL = "international", _("international organisation or network")
    FOUNDATION = "foundation", _("foundation")


class FundingProgramme(Revised, Translatable, BaseModel):
    translatable_fields = ("description", "eligibility", "themes")
    translate_permission = "projects.translate_fundingprogramme"

    FunderKind = FunderKind

    name = models.CharField(pgettext_lazy("thing", "name"), max_length=300)
    funder = models.CharField(_("funder"), max_length=300)
    funder_kind = models.CharField(_("kind of funder"), max_length=20, choices=FunderKind.choices)
    description = models.TextField(_("what it offers"), blank=True)
    eligibility = models.TextField(_("who may apply"), blank=True)
    themes = models.TextField(_("themes"), blank=True)
    cofinancing_rate = models.DecimalField(
        _("share of costs funded (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    minimum = amount_field(_("smallest grant"), null=True, blank=True)
    maximum = amount_field(_("largest grant"), null=True, blank=True)
    currency = currency_field()
    url = models.URLField(_("source"), blank=True)
    checked_on = models.DateField(_("facts checked on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(funder_kind__in=FunderKind.values), name="programme_funder_kind"
            ),
            models.CheckConstraint(
                condition=Q(cofinancing_rate__isnull=True)
                | Q(cofinancing_rate__gte=0, cofinancing_rate__lte=100),
                name="programme_cofinancing_rate",
            ),
            models.CheckConstraint(
                condition=Q(minimum__isnull=True)
                | Q(maximum__isnull=True)
                | Q(maximum__gte=F("minimum")),
                name="programme_minimum_below_maximum",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FundingCall(BaseModel):
    """One round of a programme: applications by `apply_by`, after an expression of interest
    by `interest_by` where the programme asks for one. Added, not edited: a corrected call
    is a new one."""

    programme = models.ForeignKey(
        FundingProgramme,
        on_delete=models.CASCADE,
        related_name="calls",
        verbose_name=_("funding programme"),
    )
    title = models.CharField(_("title"), max_length=300)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    interest_by = models.DateField(_("expression of interest by"), null=True, blank=True)
    apply_by = models.DateField(_("applications by"))
    url = models.URLField(_("source"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["apply_by", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interest_by__isnull=True) | Q(interest_by__lte=F("apply_by")),
                name="call_interest_before_application",
            ),
        ]
        indexes = [models.Index(fields=["apply_by"])]

    def __str__(self) -> str:
        return self.title


class ApplicationStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("application", "planned")
    INTEREST = "interest", _("expression of interest sent")
    SUBMITTED = "submitted", _("submitted")
    GRANTED = "granted", _("granted")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Application(Revised, CreatedOnce, BaseModel):
    """A partnership's application to a call, for a project, for aid (a shipment's transport
    costs), or both."""

    Status = ApplicationStatus

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="funding_applications",
        verbose_name=_("partnership"),
    )
    call = models.ForeignKey(
        FundingCall, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("project"),
    )
    shipments = models.ManyToManyField(
        Shipment, blank=True, related_name="grants", verbose_name=_("shipments it pays for")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default="planned"
    )
    requested = amount_field(_("amount requested"), null=True, blank=True)
    granted = amount_field(_("amount granted"), null=True, blank=True)
    currency = currency_field()
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    reference = models.CharField(
        _("funder's reference"),
        max_length=100,
        blank=True,
        help_text=_("The number the funder gave the application, for letters and reports."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    history = HistoricalRecords(m2m_fields=[shipments])

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call__apply_by", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="application_status"
            ),
            models.CheckConstraint(
                condition=~Q(status="granted") | Q(granted__isnull=False),
                name="application_granted_amount",
            ),
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"],
                name="application_created_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call}: {self.get_status_display()}"
