"""E-mail to the sending side when its shipment's goods received note is recorded: what arrived
and every discrepancy, in each reader's own language and time zone. Nothing sensitive of the
needs (exact address, critical infrastructure) goes into it: e-mails leave the platform."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from pobratym.accounts.models import User
from pobratym.partnerships.models import Role

from .selectors import receipt_notice

SUBJECT = gettext_lazy("Goods received: %(shipment)s")


def sending_office(shipment) -> list[User]:
    """The coordinators and staff of the shipment's sending side who can be e-mailed."""
    return list(
        User.objects.filter(
            memberships__side=shipment.side_id,
            memberships__role__in=(Role.COORDINATOR, Role.STAFF),
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _receipt_url(receipt) -> str:
    """Built inside the reader's language, so the link opens the page in it."""
    path = reverse(
        "aid:receipt_detail",
        kwargs={"slug": receipt.shipment.partnership.slug, "shipment_id": receipt.shipment_id},
    )
    return settings.POBRATYM_BASE_URL.rstrip("/") + path


def receipt_recipients(receipt_id: int) -> list[User]:
    """Whom to tell about a goods received note: the sending side's office."""
    receipt = receipt_notice(receipt_id=receipt_id)
    return sending_office(receipt.shipment) if receipt else []


def receipt_email(receipt_id: int, person: User) -> None:
    """Tell one person of the sending office what arrived (core.mail sends it once)."""
    receipt = receipt_notice(receipt_id=receipt_id)
    if receipt is None:
        return
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(person.time_zone):
        context = {
            "receipt": receipt,
            "shipment": receipt.shipment,
            "person": person,
            "url": _receipt_url(receipt),
            "discrepancies": [line for line in receipt.line_rows if line.kinds],
        }
        subject = SUBJECT % {"shipment": str(receipt.shipment)}
        send_mail(
            # A header is one line; a line break typed into the reference would refuse it.
            subject=" ".join(subject.split()),
            message=render_to_string("aid/email/receipt.txt", context),
            from_email=None,
            recipient_list=[person.email],
        )
