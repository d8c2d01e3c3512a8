"""People who sign in: identified by e-mail, with a preferred language."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pobratym.core import formatting


def time_zone_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The partner cities' zones first, named by city, then every area/city zone this
    machine's tz database knows, read when asked (not frozen). A plain select: typing a
    city's first letters finds it, with or without JavaScript."""
    names = [name for name in zoneinfo.available_timezones() if "/" in name]
    choices = formatting.time_zone_choices(names)
    count = len(formatting.PARTNER_TIME_ZONES)
    return [(_("Partner cities"), choices[:count]), (_("All time zones"), choices[count:])]


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("This time zone does not exist."), code="invalid")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **fields):
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        """An operator's account, made on the server: its address counts as verified."""
        from .services import email_verified_record

        fields.update(is_staff=True, is_superuser=True)
        user = self._create(email, password, **fields)
        email_verified_record(user=user)
        return user


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )

    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        default=settings.TIME_ZONE,
        help_text=_("Dates and times are shown in this time zone."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email
