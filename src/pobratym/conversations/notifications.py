"""E-mails about new messages: one per message, or a daily digest, in each reader's language
with the message translated when a translation exists; a mention (@name) always notifies."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from pobratym.accounts.models import User
from pobratym.core.mail import MAIL_ERRORS
from pobratym.translation.models import TranslationKind
from pobratym.translation.selectors import shown

from . import mentions
from .models import EmailNotification, Message, MessageRead, NotificationSetting, Thread

logger = logging.getLogger(__name__)


def thread_readers(thread: Thread):
    """The people who may read the thread: members, or only its participants if restricted."""
    people = User.objects.filter(memberships__partnership_id=thread.partnership_id, is_active=True)
    if thread.restricted:
        people = people.filter(conversation_threads=thread)
    return people.distinct()


def _choice(user: User) -> str:
    setting = NotificationSetting.objects.filter(user=user).first()
    return setting.email if setting else EmailNotification.EACH


def mentioned(message: Message, people) -> set[int]:
    """People named in the message (`mentions`)."""
    return {person.pk for person in people if mentions.names(message.body, person)}


def _shown(message: Message, language: str) -> tuple[str, str]:
    """The text a reader in `language` gets, and a note on what it is."""
    if message.language == language:
        return message.body, ""
    for item in message.translations.all():  # the tasks prefetch them
        if item.field == "body" and item.language == language:
            note = (
                _("Machine translation; the original follows.")
                if item.kind == TranslationKind.MACHINE
                else _("Translated by %(name)s; the original follows.")
                % {"name": item.translated_by.name if item.translated_by else "—"}
            )
            return item.text, note
    return message.body, _("Not translated yet; this is the original.")


def _thread_url(thread: Thread, language: str) -> str:
    with translation.override(language):
        path = reverse(
            "conversations:thread_detail",
            kwargs={"slug": thread.partnership.slug, "thread_id": thread.pk},
        )
    return settings.POBRATYM_BASE_URL.rstrip("/") + path


def _entry(message: Message, language: str) -> dict:
    text, note = _shown(message, language)
    return {
        "thread": shown(message.thread, "subject", language).text,
        "url": _thread_url(message.thread, language),
        "author": message.author.name if message.author else "—",
        "text": text,
        "note": note,
        "original": message.body if text != message.body else "",
        "created_at": message.created_at,
    }


MENTION_SUBJECT = gettext_lazy("%(author)s mentioned you in “%(subject)s”")
MESSAGE_SUBJECT = gettext_lazy("New message in “%(subject)s”")
DIGEST_SUBJECT = ngettext_lazy(
    "Your daily digest: %(count)s new message",
    "Your daily digest: %(count)s new messages",
    "count",
)


def _send(user: User, subject, template: str, context: dict) -> None:
    """Render and send in the person's language and time zone."""
    with translation.override(user.language), timezone.override(user.time_zone):
        context = {
            **context,
            "entries": [_entry(m, user.language) for m in context["messages"]],
            "settings_url": settings.POBRATYM_BASE_URL.rstrip("/")
            + reverse("conversations:notification_settings"),
        }
        send_mail(
            # A header is one line; a line break (a crafted subject or name) would refuse it.
            subject=" ".join(str(subject % context).split()),
            message=render_to_string(template, {**context, "person": user}),
            from_email=None,
            recipient_list=[user.email],
        )


def message_recipients(*, message: Message) -> list[tuple[User, bool]]:
    """The readers to e-mail about a new message, each with whether they were mentioned: those
    who want each message, and anyone named in it."""
    readers = [p for p in thread_readers(message.thread) if p.pk != message.author_id]
    named = mentioned(message, readers)
    recipients = []
    for person in readers:
        choice = _choice(person)
        if choice == EmailNotification.EACH or (
            choice == EmailNotification.DAILY and person.pk in named
        ):
            recipients.append((person, person.pk in named))
    return recipients


def message_email(message_id: int, person: User, *, mentioned: bool) -> None:
    """E-mail one reader about a message (core.mail sends it once, retried when refused)."""
    message = (
        Message.objects.select_related("thread__partnership", "author")
        .prefetch_related("translations__translated_by")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return
    thread = message.thread
    context = {
        "subject": shown(thread, "subject", person.language or settings.LANGUAGE_CODE).text,
        "author": message.author.name if message.author else "—",
        "partnership": thread.partnership,
        "messages": [message],
    }
    subject = MENTION_SUBJECT if mentioned else MESSAGE_SUBJECT
    _send(person, subject, "conversations/email/message.txt", context)


def digests_send(*, now=None) -> int:
    """One e-mail per person who chose the daily digest, with the unread messages since their
    last digest (at most one day back); returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    due = NotificationSetting.objects.filter(email=EmailNotification.DAILY).filter(
        Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - timedelta(hours=23))
    )
    for setting in due.select_related("user"):
        person = setting.user
        since = setting.last_digest_at or now - timedelta(days=1)
        read = MessageRead.objects.filter(message=OuterRef("pk"), user=person)
        candidates = (
            Message.objects.filter(created_at__gt=since, created_at__lte=now)
            .exclude(author=person)
            .filter(~Exists(read))
            .select_related("thread__partnership", "author")
            .prefetch_related("translations__translated_by")
            .order_by("thread_id", "created_at")
        )
        readable = {}
        messages = []
        for message in candidates:
            if message.thread_id not in readable:
                readable[message.thread_id] = (
                    thread_readers(message.thread).filter(pk=person.pk).exists()
                )
            if readable[message.thread_id]:
                messages.append(message)
        if messages:
            context = {"messages": messages, "count": len(messages)}
            try:
                _send(person, DIGEST_SUBJECT, "conversations/email/digest.txt", context)
            except MAIL_ERRORS as error:
                # The others still get theirs; this person's digest is tried on the next run.
                logger.warning("The digest for person %s was not sent: %s", person.pk, error)
                continue
            sent += 1
        setting.last_digest_at = now
        setting.save(update_fields=["last_digest_at"])
    return sent
