"""Asking for a council report and asking again after it failed; the task worker makes it
(projects.reports.tasks). A report asked twice with one key is one report."""

import uuid

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.errors import DomainError, require
from pobratym.core.idempotency import create_once
from pobratym.partnerships.models import Partnership

from ..models import Report, ReportLanguage, ReportStatus
from ..models.reports import STALLED_AFTER
from ..reports.tasks import report_build_task

FIRST_YEAR = 2000


@transaction.atomic
def report_request(
    *,
    partnership: Partnership,
    by: User,
    idempotency_key: uuid.UUID | None,
    year: int,
    language: str,
) -> Report:
    """A council report of `year` in `language`, queued for the task worker."""
    require(by, "projects.add_report", partnership)
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise DomainError(
            "report_year", _("Choose a year up to this one for the report."), field="year"
        )
    if language not in ReportLanguage.values:
        raise DomainError(
            "report_language", _("Choose a language the report is made in."), field="language"
        )

    def create(stamp):
        return Report.objects.create(
            partnership=partnership, requested_by=by, year=year, language=language, **stamp
        )

    report, created = create_once(
        Report,
        key=idempotency_key,
        scope={"partnership": partnership, "requested_by": by},
        data={"year": year, "language": language},
        create=create,
    )
    if created:
        transaction.on_commit(lambda: report_build_task.enqueue(report.pk))
    return report


@transaction.atomic
def report_retry(*, report: Report, by: User) -> Report:
    """Queue a failed or stalled report again, from the start; any other report is left as
    it is."""
    require(by, "projects.add_report", report.partnership)
    stalled = Q(
        status__in=(ReportStatus.QUEUED, ReportStatus.RUNNING),
        updated_at__lt=timezone.now() - STALLED_AFTER,
    )
    updated = (
        Report.objects.filter(pk=report.pk)
        .filter(Q(status=ReportStatus.FAILED) | stalled)
        .update(
            status=ReportStatus.QUEUED,
            progress=0,
            error="",
            finished_at=None,
            updated_at=timezone.now(),
        )
    )
    if updated:
        transaction.on_commit(lambda: report_build_task.enqueue(report.pk))
    report.refresh_from_db()
    return report
