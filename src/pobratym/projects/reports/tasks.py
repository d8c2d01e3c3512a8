"""The task worker makes a council report: the year read, both files rendered, then both
saved at once and the person who asked e-mailed. A failed rendering is tried again later,
a bounded number of times; after the last the report is marked failed, with no file."""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from pobratym.core.mail import mail_each

from ..models import Report, ReportStatus
from . import build_report

logger = logging.getLogger(__name__)
ATTEMPTS = 3
RETRY_SECONDS = 120
READY_MAIL = "pobratym.projects.reports.mail.report_ready"


@task()
def report_build_task(report_id: int, attempt: int = 1) -> None:
    report_build(report_id=report_id, attempt=attempt)


def report_build(*, report_id: int, attempt: int = 1) -> None:
    """Make a queued report. Progress is written as it goes (outside a transaction, so the
    report page sees it); the files and the status only when both files were rendered."""
    report = (
        Report.objects.filter(pk=report_id, status__in=(ReportStatus.QUEUED, ReportStatus.RUNNING))
        .select_related("partnership")
        .first()
    )
    if report is None:
        return
    progress = _progress_of(report_id)
    progress(5, status=ReportStatus.RUNNING)
    try:
        pdf, docx = build_report(report.partnership, report.year, report.language, progress)
    except Exception as error:  # any failure to render: tried again, then reported
        _failed(report_id, attempt, error)
        return
    _save(report, pdf, docx)


def _progress_of(report_id: int):
    def progress(percent: int, **fields) -> None:
        Report.objects.filter(pk=report_id).update(
            progress=percent, updated_at=timezone.now(), **fields
        )

    return progress


@transaction.atomic
def _save(report: Report, pdf: bytes, docx: bytes) -> None:
    name = f"council-report-{report.partnership.slug}-{report.year}-{report.language}"
    report.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
    report.docx.save(f"{name}.docx", ContentFile(docx), save=False)
    report.status, report.progress, report.error = ReportStatus.DONE, 100, ""
    report.finished_at = timezone.now()
    report.save()
    transaction.on_commit(lambda: mail_each(READY_MAIL, report.pk, [(report.requested_by_id, {})]))


def _failed(report_id: int, attempt: int, error: Exception) -> None:
    retry = attempt < ATTEMPTS
    logger.warning(
        "Council report %s failed (attempt %s, %s): %s",
        report_id,
        attempt,
        "will retry" if retry else "giving up",
        error,
        exc_info=error,
    )
    fields = {"progress": 0, "error": f"{type(error).__name__}: {error}"[:2000]}
    if retry:
        Report.objects.filter(pk=report_id).update(status=ReportStatus.QUEUED, **fields)
        later = timezone.now() + timedelta(seconds=RETRY_SECONDS * attempt)
        report_build_task.using(run_after=later).enqueue(report_id, attempt + 1)
    else:
        Report.objects.filter(pk=report_id).update(
            status=ReportStatus.FAILED, finished_at=timezone.now(), **fields
        )
