"""The abstract bases domain records share (timestamps, a revision), and the record of e-mails
sent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Revised(models.Model):
    """A record people edit through a form or the API: `revision` counts its edits, and an
    edit built on an older revision than the stored one is refused (`core.services.
    model_update`, decision 0018), so nobody overwrites a change they have not seen."""

    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Only model_update moves the revision on; a save from an instance loaded earlier
        # (a status change, a translation) must not write an older one back.
        if not self._state.adding and kwargs.get("update_fields") is None:
            deferred = self.get_deferred_fields()  # as Django's save leaves them, too
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key
                and field.name != "revision"
                and field.attname not in deferred
            ]
        super().save(*args, **kwargs)


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


class RequestCount(models.Model):
    """Requests counted for a rate limit: one row per identity (`key`) holding its current
    time window (`period`, its number since the epoch) and the count in it, raised or started
    again in one statement (`core.rates`)."""

    key = models.CharField(max_length=200, unique=True)
    period = models.BigIntegerField()
    count = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.key} @ {self.period}: {self.count}"
