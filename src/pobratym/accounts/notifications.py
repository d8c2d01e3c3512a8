"""E-mails about a person's own account, in their language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import User


def failed_logins_notify(*, user_id: int, address: str) -> bool:
    """Tell the owner that wrong passwords were tried from `address`; False when gone."""
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if person is None:
        return False
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(person.time_zone):
        context = {
            "person": person,
            "address": address,
            "at": timezone.now(),
            "reset_url": settings.POBRATYM_BASE_URL.rstrip("/") + reverse("account_reset_password"),
        }
        send_mail(
            subject=_("Pobratym: failed sign-ins to your account"),
            message=render_to_string("accounts/email/failed_logins.txt", context),
            from_email=None,
            recipient_list=[person.email],
        )
    return True
