"""The e-mail telling the person who asked for a council report that it is ready, in their
language, with the address of the report's page."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pobratym.accounts.models import User

from ..models import Report, ReportStatus


def report_ready(report_id: int, person: User) -> None:
    report = (
        Report.objects.filter(pk=report_id, status=ReportStatus.DONE)
        .select_related("partnership")
        .first()
    )
    if report is None or not person.email:
        return
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(person.time_zone):
        path = reverse("projects:report_detail", args=[report.partnership.slug, report.pk])
        context = {
            "report": report,
            "person": person,
            "language": report.get_language_display(),
            "url": settings.POBRATYM_BASE_URL.rstrip("/") + path,
        }
        send_mail(
            subject=_("Council report %(year)s is ready") % {"year": report.year},
            message=render_to_string("projects/email/report_ready.txt", context),
            from_email=None,
            recipient_list=[person.email],
        )
