"""Work plans: what both cities mean to do over one or more years, measure by measure. A plan
is written in versions; both sides' coordinators approve the same version (its fingerprint,
as signatures of agreements are), which then is frozen: a change is a new version, compared
with the approved one measure by measure (`Measure.key` stays the same across versions)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from pobratym.aid.models import Need
from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel, Revised
from pobratym.core.money import amount_field, currency_field
from pobratym.directory.models import Organisation
from pobratym.exchanges.models import Event
from pobratym.partnerships.models import FocusArea, Partnership, Side
from pobratym.translation.models import Translatable


class WorkPlan(Revised, CreatedOnce, Translatable, BaseModel):
    translatable_fields = ("title",)
    translate_permission = "projects.translate_plan"

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="work_plans",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["partnership", "-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="plan_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"], name="plan_created_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanVersion(BaseModel):
    """One version of a plan's measures; frozen (with its fingerprint) once a side approves it,
    approved when both have."""

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("work plan")
    )
    number = models.PositiveSmallIntegerField(_("version"))
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_once"),
            models.CheckConstraint(
                condition=Q(frozen_at__isnull=True) | ~Q(fingerprint=""),
                name="plan_version_frozen_with_fingerprint",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} ({self.number})"


class PlanApproval(BaseModel):
    """One side's approval of a plan version, bound to the fingerprint it saw."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, related_name="approvals", verbose_name=_("version")
    )
    side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="+", verbose_name=_("side")
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )

    class Meta:
        verbose_name = _("approval of a work plan")
        verbose_name_plural = _("approvals of work plans")
        ordering = ["version", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "side"], name="plan_approval_once_per_side")
        ]


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("measure", "planned")
    RUNNING = "running", pgettext_lazy("measure", "under way")
    DONE = "done", pgettext_lazy("measure", "done")
    POSTPONED = "postponed", _("postponed")
    DROPPED = "dropped", _("dropped")


class Measure(Revised, CreatedOnce, Translatable, BaseModel):
    """A measure of a plan version: what, in which focus area, led by which side, by whom,
    when (inside the plan's period, checked by the services), at what estimated cost, how far
    it has got, and the projects, events and aid needs that carry it out. Added once per
    idempotency key and edited from the revision a person saw, like every edited record."""

    translatable_fields = ("title", "description", "responsible")
    translate_permission = "projects.translate_plan"

    Status = MeasureStatus

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="measures", verbose_name=_("version")
    )
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("focus area"),
    )
    lead_side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="led_measures", verbose_name=_("lead side")
    )
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="measures", verbose_name=_("organisations")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    budget_estimate = amount_field(_("estimated cost"), null=True, blank=True)
    currency = currency_field()
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default="planned"
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    projects = models.ManyToManyField(
        "projects.Project", blank=True, related_name="measures", verbose_name=_("projects")
    )
    events = models.ManyToManyField(
        Event, blank=True, related_name="measures", verbose_name=_("events")
    )
    needs = models.ManyToManyField(
        Need, blank=True, related_name="measures", verbose_name=_("aid needs")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["version", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MeasureStatus.values), name="measure_status"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="measure_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="measure_progress"
            ),
            models.UniqueConstraint(fields=["version", "key"], name="measure_once_per_version"),
            models.UniqueConstraint(
                fields=["version", "idempotency_key"], name="measure_created_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def translation_owner(self):
        return self.version.plan
