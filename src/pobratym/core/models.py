"""The abstract base every domain record shares, and the record of e-mails sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class SentEmail(models.Model):
    """An e-mail about one thing (`key`) reached the mail server for one person: a retried or
    repeated task never sends it twice (core.mail)."""

    key = models.CharField(_("about"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent e-mail")
        verbose_name_plural = _("sent e-mails")
        constraints = [models.UniqueConstraint(fields=["key", "user"], name="sent_email_once")]

    def __str__(self) -> str:
        return self.key
