"""Records in the reader's language: the original language of each translatable record, and
one store of translations keyed by record, field and language (decision 0013).

A domain model inherits `Translatable` and names its `translatable_fields` and the permission
that lets a person translate or correct it by hand (`translate_permission`); nothing else here
knows a domain."""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pobratym.core.models import BaseModel


class TranslationKind(models.TextChoices):
    MACHINE = "machine", _("machine translation")
    HUMAN = "human", _("human translation")


def digest_of(text: str) -> str:
    """Which original a translation was made from: a changed original makes it stale."""
    return hashlib.sha256((text or "").encode()).hexdigest()


class Translation(BaseModel):
    """One field of one record in one language; a person's translation keeps its author and
    is never replaced by a machine; `revision` tells a second editor that someone saved."""

    Kind = TranslationKind

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=60)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=10, choices=TranslationKind.choices)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("translated by"),
    )
    provider = models.CharField(_("translation service"), max_length=60, blank=True)
    source_digest = models.CharField(max_length=64, editable=False)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        ordering = ["content_type", "object_id", "field", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="record_translation_once",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=TranslationKind.values), name="record_translation_kind"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id", "language"])]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.field} ({self.language})"

    def is_stale(self, original: str) -> bool:
        """Made from an earlier wording of the original."""
        return self.source_digest != digest_of(original)


class Translatable(models.Model):
    """A record people write in their language and others read in theirs."""

    language = models.CharField(
        _("original language"), max_length=8, choices=settings.LANGUAGES, blank=True
    )
    translations = GenericRelation(Translation)

    # The free-text fields shown in the reader's language.
    translatable_fields: tuple[str, ...] = ()
    # Who may translate or correct the record by hand: usually who may change it.
    translate_permission = ""

    class Meta:
        abstract = True

    def original(self, field: str) -> str:
        return getattr(self, field) or ""

    def translation_owner(self) -> "Translatable":
        """The record whose `translate_permission` governs this one (a line: its need)."""
        return self

    def translation_parts(self) -> list["Translatable"]:
        """Records translated on the same page as this one (a need's item lines)."""
        return []
