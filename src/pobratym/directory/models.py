"""The partnership's directory: the organisations of either city that take part, and the
people to contact there, with their consent to be stored and the date their data is due for
review.

Organisations are records people read in their language (their names and descriptions go
through the translation app, decision 0013). Contacts are personal data: they are kept only
with a recorded consent, exported on request, and erased by blanking every personal field
(here and in their change history) while the record itself, and so counts and history, stays.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel, Revised
from pobratym.partnerships.models import FocusArea, Partnership, Side
from pobratym.translation.models import Translatable

NAME_MAX_LENGTH = 300
PHONE = re.compile(r"\+?[0-9(][0-9 ()/.\-]*")


def validate_phone(value: str) -> None:
    """A German or Ukrainian number as people write it: digits with spaces, dashes, slashes or
    brackets, optionally starting with +, 6 to 15 digits in all (E.164 allows at most 15)."""
    digits = sum(char.isdigit() for char in value)
    if not PHONE.fullmatch(value) or not 6 <= digits <= 15:
        raise ValidationError(
            _("Enter a phone number such as +49 231 50-0 or +380 412 47-00-00."), code="phone"
        )


def key_of(text: str) -> str:
    """A name or e-mail address as duplicates are compared: case and spacing ignored, also for
    Cyrillic (SQLite's LOWER() folds ASCII only, so the key is stored)."""
    return " ".join((text or "").casefold().split())


class OrganisationKind(models.TextChoices):
    ADMINISTRATION = "administration", _("city administration or department")
    MUNICIPAL_SUBSIDIARY = "municipal_subsidiary", _("municipal subsidiary")
    CIVIL_SOCIETY = "civil_society", _("civil society organisation")
    COMPANY = "company", _("company")
    RESEARCH = "research", _("university or research institute")
    SCHOOL = "school", _("school")
    CULTURE = "culture", _("cultural institution")
    FAITH = "faith", _("faith community")
    MEDIA = "media", _("media")
    DISPLACED = "displaced", _("community of displaced Ukrainians")
    # Not an organisation: a person who gives aid in their own name (decision 0019).
    PRIVATE_PERSON = "private_person", _("private person")
    OTHER = "other", pgettext_lazy("organisation", "other")


class ConsentMethod(models.TextChoices):
    """How a person gave their consent to be stored."""

    WRITTEN = "written", _("signed in writing")
    EMAIL = "email", _("by e-mail")
    IN_PERSON = "in_person", _("in person, noted by the person recording it")
    ONLINE_FORM = "online_form", _("through an online form")
    OTHER = "other", pgettext_lazy("consent", "other")


class SpokenLanguage(models.TextChoices):
    GERMAN = "de", _("German")
    UKRAINIAN = "uk", _("Ukrainian")
    ENGLISH = "en", _("English")
    POLISH = "pl", _("Polish")
    FRENCH = "fr", _("French")


class Organisation(Revised, CreatedOnce, Translatable, BaseModel):
    """An organisation of one city (side) that takes part in the partnership."""

    translatable_fields = ("name", "description")
    translate_permission = "directory.translate_organisation"

    Kind = OrganisationKind

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="organisations",
        verbose_name=_("partnership"),
    )
    side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("city")
    )
    name = models.CharField(pgettext_lazy("thing", "name"), max_length=NAME_MAX_LENGTH)
    # The name as `key_of` compares it: an organisation named again is found, not added twice.
    name_key = models.CharField(max_length=NAME_MAX_LENGTH, editable=False, blank=True)
    kind = models.CharField(
        pgettext_lazy("organisation", "type"), max_length=30, choices=OrganisationKind.choices
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="organisations", verbose_name=_("focus areas")
    )
    logo = models.FileField(_("logo"), upload_to="directory/logos/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["partnership", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind"
            ),
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"],
                name="organisation_created_once",
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "side", "kind"]),
            models.Index(fields=["partnership", "side", "name_key"]),
        ]

    def __str__(self) -> str:
        return self.name


class Contact(Revised, CreatedOnce, BaseModel):
    """A person to contact at an organisation, stored with their consent until `retain_until`.
    `side` is the organisation's, kept here so rules and lists need no join."""

    ConsentMethod = ConsentMethod

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("partnership"),
    )
    side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("city")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name of the person"), max_length=200, blank=True)
    name_key = models.CharField(max_length=200, editable=False, blank=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    email_key = models.CharField(max_length=254, editable=False, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    consent_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_purpose = models.TextField(_("purpose of the consent"), blank=True)
    consent_method = models.CharField(
        _("how the consent was given"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    retain_until = models.DateField(
        _("keep until"),
        null=True,
        blank=True,
        help_text=_("After this date the contact is listed for review: extend it or erase it."),
    )
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["partnership", "name_key", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_method__in=["", *ConsentMethod.values]),
                name="contact_consent_method",
            ),
            # A stored person has a recorded consent; an anonymised one has neither.
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False)
                | Q(consent_on__isnull=False, retain_until__isnull=False) & ~Q(name=""),
                name="contact_with_consent",
            ),
            models.UniqueConstraint(
                fields=["partnership", "email_key"],
                condition=Q(anonymised_at__isnull=True) & ~Q(email_key=""),
                name="contact_email_once",
            ),
            models.UniqueConstraint(
                fields=["organisation", "name_key"],
                condition=Q(anonymised_at__isnull=True),
                name="contact_name_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"],
                name="contact_created_once",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "retain_until"])]

    def __str__(self) -> str:
        return self.name or str(_("anonymised contact"))

    @property
    def anonymised(self) -> bool:
        return self.anonymised_at is not None

    def languages_display(self) -> list[str]:
        names = dict(SpokenLanguage.choices)
        return [str(names.get(code, code)) for code in self.languages]


# The personal fields of a contact: what an erasure blanks, here and in the history.
PERSONAL_FIELDS = (
    "name",
    "name_key",
    "function",
    "languages",
    "email",
    "email_key",
    "phone",
    "consent_on",
    "consent_purpose",
    "consent_method",
    "retain_until",
)
