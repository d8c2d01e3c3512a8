"""Exchanges: the partnership's events (delegation visits, expert exchanges, youth encounters,
cultural events, conferences, online meetings, information evenings), their agenda, the people
taking part, the invitations sent and the follow-up work they leave, and calendar feeds.

Participants and invitees are contacts of the directory (one record per person, with its
consent); a participant under 18 is stored only with a guardian's consent. The public sees an
event marked public with counts of participants, never names or photos of minors.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from pobratym.core.idempotency import CreatedOnce
from pobratym.core.models import BaseModel, Revised
from pobratym.directory.models import ConsentMethod, Contact
from pobratym.partnerships.models import FocusArea, Partnership, Side
from pobratym.translation.models import Translatable


class EventKind(models.TextChoices):
    DELEGATION = "delegation", _("delegation visit")
    EXPERT_EXCHANGE = "expert_exchange", _("expert exchange or secondment")
    YOUTH = "youth", _("youth encounter")
    CULTURE = "culture", _("cultural event")
    CONFERENCE = "conference", _("conference or workshop")
    ONLINE = "online", _("online meeting")
    INFORMATION = "information", _("information evening")


class EventTimeZone(models.TextChoices):
    """The time zones an event's times are given in: the partner cities'."""

    BERLIN = "Europe/Berlin", _("Berlin time")
    KYIV = "Europe/Kyiv", _("Kyiv time")


class Event(Revised, CreatedOnce, Translatable, BaseModel):
    """Something that happens in the partnership, at a place and time, hosted by one side."""

    translatable_fields = ("title", "description", "outcomes")
    translate_permission = "exchanges.translate_event"

    Kind = EventKind
    TimeZone = EventTimeZone

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="events", verbose_name=_("partnership")
    )
    kind = models.CharField(
        pgettext_lazy("event", "kind"), max_length=20, choices=EventKind.choices
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("focus area"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # Stored in UTC like every time; shown and exported in `time_zone`.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=EventTimeZone.choices, default=EventTimeZone.BERLIN
    )
    city = models.CharField(
        _("city"), max_length=200, blank=True, help_text=_("Empty for an online meeting.")
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    host_side = models.ForeignKey(
        Side, on_delete=models.PROTECT, related_name="hosted_events", verbose_name=_("host side")
    )
    visiting_side = models.ForeignKey(
        Side,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visited_events",
        verbose_name=_("visiting side"),
    )
    outcomes = models.TextField(_("outcomes"), blank=True)
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Shown on the public portal with the number of participants; names and photos of "
            "minors never are."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=EventKind.values), name="event_kind"),
            models.CheckConstraint(
                condition=Q(time_zone__in=EventTimeZone.values), name="event_time_zone"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(visiting_side=F("host_side")), name="event_visitors_not_hosts"
            ),
            models.UniqueConstraint(
                fields=["partnership", "created_by", "idempotency_key"], name="event_created_once"
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "starts_at"]),
            models.Index(fields=["public", "starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def translation_parts(self) -> list:
        return list(self.agenda_items.all())


class AgendaItem(Translatable, BaseModel):
    """One point of an event's agenda, at a time or in order."""

    translatable_fields = ("title",)
    translate_permission = "exchanges.translate_event"

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("event")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    starts_at = models.DateTimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("agenda item"), max_length=300)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["event", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def translation_owner(self):
        return self.event


class ParticipantRole(models.TextChoices):
    HEAD = "head", _("head of delegation")
    DELEGATE = "delegate", _("delegate")
    SPEAKER = "speaker", _("speaker")
    ORGANISER = "organiser", _("organiser")
    INTERPRETER = "interpreter", _("interpreter")
    CHAPERONE = "chaperone", _("chaperone")
    PARTICIPANT = "participant", pgettext_lazy("role at an event", "participant")


class Participant(CreatedOnce, BaseModel):
    """A contact taking part in an event. A minor (under 18 on the event's first day) is
    stored only with a guardian's consent: who gave it, when and how. Erasing the contact
    blanks the guardian's name too (the directory's erasure asks every domain)."""

    Role = ParticipantRole

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participants", verbose_name=_("event")
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="participations", verbose_name=_("person")
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipantRole.choices,
        default=ParticipantRole.PARTICIPANT,
    )
    arrives_on = models.DateField(_("arrives on"), null=True, blank=True)
    departs_on = models.DateField(_("departs on"), null=True, blank=True)
    minor = models.BooleanField(_("under 18 at the event"), default=False)
    guardian_name = models.CharField(_("guardian"), max_length=200, blank=True)
    guardian_consent_on = models.DateField(_("guardian's consent given on"), null=True, blank=True)
    guardian_consent_method = models.CharField(
        _("how the guardian gave consent"), max_length=20, choices=ConsentMethod.choices, blank=True
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=ParticipantRole.values), name="participant_role"
            ),
            models.UniqueConstraint(fields=["event", "contact"], name="participant_once"),
            models.UniqueConstraint(
                fields=["event", "added_by", "idempotency_key"], name="participant_created_once"
            ),
            # No minor without a guardian's recorded consent (an erased guardian's name aside).
            models.CheckConstraint(
                condition=Q(minor=False)
                | Q(guardian_consent_on__isnull=False) & ~Q(guardian_consent_method=""),
                name="participant_minor_with_guardian_consent",
            ),
            models.CheckConstraint(
                condition=Q(arrives_on__isnull=True)
                | Q(departs_on__isnull=True)
                | Q(departs_on__gte=F("arrives_on")),
                name="participant_departs_after_arrival",
            ),
        ]

    def __str__(self) -> str:
        return str(self.contact)


class Reply(models.TextChoices):
    YES = "yes", _("yes, I will come")
    NO = "no", _("no, I cannot come")
    MAYBE = "maybe", _("maybe")


class Invitation(CreatedOnce, BaseModel):
    """An invitation to an event e-mailed to a contact in their language; the contact replies
    through the secret link in the e-mail, without an account."""

    Reply = Reply

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("event")
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="invitations", verbose_name=_("person")
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # SHA-256 of the secret in the reply link; the secret itself is only in the e-mail.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reply = models.CharField(_("reply"), max_length=10, choices=Reply.choices, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("invited by"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["event", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reply__in=["", *Reply.values]), name="invitation_reply"
            ),
            models.UniqueConstraint(fields=["event", "contact"], name="invitation_once"),
            models.UniqueConstraint(
                fields=["event", "invited_by", "idempotency_key"], name="invitation_created_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.contact)


class FollowUp(BaseModel):
    """A task an event leaves, for one person by a date; open ones are in their My work."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("event")
    )
    title = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="event_follow_ups",
        verbose_name=_("responsible person"),
    )
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]

    def __str__(self) -> str:
        return self.title


class EventPhoto(BaseModel):
    """A photo of an event. One showing a minor is never public, whatever the event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("event")
    )
    image = models.FileField(_("photo"), upload_to="exchanges/photos/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    shows_minors = models.BooleanField(_("shows people under 18"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name


class CalendarFeed(BaseModel):
    """A person's private iCalendar feed of the events of their partnerships, behind a secret
    address; revoking it makes the address answer 404 for good."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("person"),
    )
    # SHA-256 of the secret in the address; the secret is shown once.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["user", "-created_at"]

    def __str__(self) -> str:
        return f"{self.user}: {self.created_at:%Y-%m-%d}"
