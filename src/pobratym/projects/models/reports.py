"""A council report: the partnership's year in one language, as a PDF and a DOCX for editing,
made by the task worker and offered for download when both files are written."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel
from pobratym.partnerships.models import Partnership

# A report takes a minute or two; one untouched for this long has lost its worker.
STALLED_AFTER = timedelta(minutes=30)


class ReportStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("report", "waiting")
    RUNNING = "running", pgettext_lazy("report", "being made")
    DONE = "done", pgettext_lazy("report", "ready")
    FAILED = "failed", pgettext_lazy("report", "failed")


class ReportLanguage(models.TextChoices):
    DE = "de", _("German")
    UK = "uk", _("Ukrainian")
    EN = "en", _("English")


class Report(CreatedOnce, BaseModel):
    """A council report of one partnership and year in one language. Both files are saved
    together or not at all; `error` keeps what went wrong for the operators."""

    Status = ReportStatus

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="council_reports",
        verbose_name=_("partnership"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=2, choices=ReportLanguage.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    pdf = models.FileField(_("PDF"), upload_to="projects/reports/", blank=True)
    docx = models.FileField(_("DOCX"), upload_to="projects/reports/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("council report")
        verbose_name_plural = _("council reports")
        ordering = ["partnership", "-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="report_status"
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="report_progress"
            ),
            # A report is ready only with both files.
            models.CheckConstraint(
                condition=~Q(status="done") | (~Q(pdf="") & ~Q(docx="")),
                name="report_done_with_files",
            ),
            models.UniqueConstraint(
                fields=["partnership", "requested_by", "idempotency_key"],
                name="report_created_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.year} ({self.language})"

    @property
    def in_progress(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)

    @property
    def stalled(self) -> bool:
        """Waiting or being made, but untouched for longer than a report ever takes: the
        worker stopped (or was never started). It may be asked for again."""
        return self.in_progress and self.updated_at < timezone.now() - STALLED_AFTER

    @property
    def waiting(self) -> bool:
        """Being made as it should: the page follows it."""
        return self.in_progress and not self.stalled
