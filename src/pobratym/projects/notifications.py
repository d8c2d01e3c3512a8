"""E-mails reminding the offices of a partnership that a funding application is due: once
for the expression of interest, once for the application, two weeks before (run daily by
`pobratym send_funding_reminders`), in each reader's language and time zone."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from pobratym.accounts.models import User
from pobratym.core import formatting
from pobratym.core.mail import mail_each
from pobratym.partnerships.models import Role

from .models import Application, ApplicationStatus
from .selectors import applications_due
from .services import due_date

REMIND_DAYS = 14
SUBJECT = gettext_lazy("Funding application due on %(day)s: %(call)s")
SENDERS = {
    "interest": "pobratym.projects.notifications.interest_reminder",
    "application": "pobratym.projects.notifications.application_reminder",
}


def office_of(application: Application) -> list[User]:
    """The coordinators and staff of both sides of the partnership who can be e-mailed."""
    return list(
        User.objects.filter(
            memberships__partnership=application.partnership_id,
            memberships__role__in=(Role.COORDINATOR, Role.STAFF),
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _stage(application: Application) -> str:
    interest = application.status == ApplicationStatus.PLANNED and application.call.interest_by
    return "interest" if interest else "application"


def reminders_send(today=None) -> int:
    """Queue a reminder for every application due within two weeks and not yet reminded of
    this date (core.mail sends each person each reminder once); the number queued."""
    today = today or timezone.localdate()
    partnerships = Application.objects.values("partnership_id").distinct()
    due = applications_due(partnerships, until=today + timedelta(days=REMIND_DAYS)).filter(
        call__apply_by__gte=today
    )
    count = 0
    for application in due:
        recipients = [(person.pk, {}) for person in office_of(application)]
        mail_each(SENDERS[_stage(application)], application.pk, recipients)
        count += 1
    return count


def _reminder(application_id: int, person: User, stage: str) -> None:
    application = (
        Application.objects.filter(pk=application_id)
        .select_related("call__programme", "project", "partnership")
        .first()
    )
    if application is None or _stage(application) != stage:
        return  # sent meanwhile, or the expression of interest was done
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(person.time_zone):
        path = reverse(
            "projects:application_detail", args=[application.partnership.slug, application.pk]
        )
        day = due_date(application)
        context = {
            "application": application,
            "person": person,
            "stage": stage,
            "day": day,
            "url": settings.POBRATYM_BASE_URL.rstrip("/") + path,
        }
        subject = SUBJECT % {"day": formatting.day(day), "call": application.call.title}
        send_mail(
            subject=" ".join(str(subject).split()),
            message=render_to_string("projects/email/reminder.txt", context),
            from_email=None,
            recipient_list=[person.email],
        )


def interest_reminder(application_id: int, person: User) -> None:
    _reminder(application_id, person, "interest")


def application_reminder(application_id: int, person: User) -> None:
    _reminder(application_id, person, "application")
