"""Threads between the two sides of a partnership, their messages in the language they were
written in (translated, by machine or by people, in the shared translation store; decision
0013), attachments, read state, and each person's choice of e-mail notifications."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel
from pobratym.partnerships.models import Partnership
from pobratym.translation.models import Translatable

LANGUAGE_CHOICES = settings.LANGUAGES


class Thread(Translatable, BaseModel):
    """A conversation within one partnership, optionally about one record (an agreement, a
    letter, a need…); a restricted thread is seen only by its participants."""

    translatable_fields = ("subject",)
    translate_permission = "conversations.translate_thread"

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="threads",
        verbose_name=_("partnership"),
    )
    subject = models.CharField(_("subject"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of record"),
    )
    object_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    attached_to = GenericForeignKey("content_type", "object_id")
    restricted = models.BooleanField(
        _("only for the people taking part"),
        default=False,
        help_text=_("Other members of the partnership do not see this thread."),
    )
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="conversation_threads",
        blank=True,
        verbose_name=_("people taking part"),
    )
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[participants])

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_message_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__isnull=True, object_id__isnull=True)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="thread_attached_to_whole_reference",
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["partnership", "last_message_at"]),
        ]

    def __str__(self) -> str:
        return self.subject


class Message(CreatedOnce, Translatable, BaseModel):
    """What one person wrote, as they wrote it (Markdown source), in its original language;
    its translations are in `translations` (translation.Translation, field "body")."""

    translatable_fields = ("body",)
    translate_permission = "conversations.translate_message"

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="messages", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("text"))
    # Always known: given by the author or detected when the message is posted.
    language = models.CharField(_("original language"), max_length=8, choices=LANGUAGE_CHOICES)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["thread", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "idempotency_key"], name="message_posted_once_per_key"
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def partnership_id(self) -> int:
        return self.thread.partnership_id


class MessageAttachment(BaseModel):
    """A file sent with a message; checked by content (PDF, PNG, JPEG) before it is kept."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("message")
    )
    file = models.FileField(_("file"), upload_to="conversations/")
    name = models.CharField(_("file name"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["message", "pk"]

    def __str__(self) -> str:
        return self.name


class MessageRead(models.Model):
    """One person has seen one message."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="reads", verbose_name=_("message")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="message_reads",
        verbose_name=_("person"),
    )
    read_at = models.DateTimeField(_("read"), auto_now_add=True)

    class Meta:
        verbose_name = _("read message")
        verbose_name_plural = _("read messages")
        constraints = [
            models.UniqueConstraint(fields=["message", "user"], name="message_read_once"),
        ]
        indexes = [models.Index(fields=["user", "message"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.message_id}"


class EmailNotification(models.TextChoices):
    EACH = "each", _("an e-mail for each message")
    DAILY = "daily", _("a daily digest")
    NONE = "none", _("no e-mails")


class NotificationSetting(models.Model):
    """How a person wants to hear about new messages."""

    Email = EmailNotification

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_setting",
        verbose_name=_("person"),
    )
    email = models.CharField(
        _("e-mail about new messages"),
        max_length=10,
        choices=EmailNotification.choices,
        default=EmailNotification.EACH,
    )
    last_digest_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(email__in=EmailNotification.values), name="notification_email"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.email}"
