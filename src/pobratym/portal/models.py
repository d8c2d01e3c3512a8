"""The partnership's news: dated posts by its coordinators, shown on the public portal in the
reader's language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel, Revised
from pobratym.partnerships.models import Partnership
from pobratym.translation.models import Translatable


class NewsPost(Revised, CreatedOnce, Translatable, BaseModel):
    """A dated post of the partnership, with an optional photo. Every post is public: it is
    written for the public portal."""

    translatable_fields = ("title", "body", "photo_caption")
    translate_permission = "portal.translate_newspost"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="news", verbose_name=_("partnership")
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    posted_on = models.DateField(_("date"))
    photo = models.FileField(_("photo"), upload_to="portal/photos/", blank=True)
    photo_caption = models.CharField(_("caption"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["partnership", "-posted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"],
                name="news_post_created_once",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "-posted_on"])]

    def __str__(self) -> str:
        return self.title


# What a coordinator writes and corrects (forms and services alike).
NEWS_FIELDS = ("title", "body", "posted_on", "photo_caption")
