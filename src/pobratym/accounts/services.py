"""Changes to a person's own account."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils.translation import gettext as _

from pobratym.core.errors import DomainError, validate

from .models import User


def user_set_language(*, user: User, language: str) -> User:
    """Remember the language a person chose, so every later visit starts in it."""
    if language not in dict(settings.LANGUAGES):
        raise DomainError("unknown_language", _("This language is not available."))
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


def user_update_profile(*, user: User, name: str, language: str, time_zone: str) -> User:
    user.name = name
    user.language = language
    user.time_zone = time_zone
    validate(user, exclude=["password"])
    user.save(update_fields=["name", "language", "time_zone"])
    return user


def email_verified_record(*, user: User) -> None:
    """Record the person's login address as verified and primary: they proved they read it
    (an invitation's link, the demo, an operator's account)."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def has_verified_email(*, user: User, email: str) -> bool:
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
