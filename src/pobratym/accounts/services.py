"""Changes to a person's own account."""

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
