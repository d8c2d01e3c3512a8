"""Every change to conversations: start a thread, post a message, correct its language,
translate it by hand (both through the shared translation store), and mark messages read."""

import uuid
from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.idempotency import create_once
from pobratym.core.uploads import clean_upload
from pobratym.partnerships import records
from pobratym.partnerships.models import Membership, Partnership
from pobratym.translation import detection
from pobratym.translation import services as translation_services
from pobratym.translation.models import Translation

from . import events
from .models import Message, MessageAttachment, MessageRead, NotificationSetting, Thread

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def _clean_text(text: str, field: str = "body") -> str:
    """The text as stored; empty or over the limit is refused with a clear message."""
    text = (text or "").strip()
    if not text:
        raise DomainError("empty", _("Please write a message."), field=field)
    limit = settings.POBRATYM_MESSAGE_MAX_CHARS
    if len(text) > limit:
        raise DomainError(
            "message_too_long",
            _(
                "The message is too long: %(length)s characters, at most %(limit)s are "
                "allowed. Please shorten it or send it as an attachment."
            )
            % {"length": len(text), "limit": limit},
            field=field,
        )
    return text


def _check_language(language: str) -> str:
    if language not in LANGUAGE_CODES:
        raise DomainError("language", _("This language is not offered."))
    return language


def _attachment_name(upload) -> str:
    return PurePath(upload.name or "").name[:200] or _("attachment")


def _post(*, thread: Thread, by: User, body: str, stamp: dict, language, attachments) -> Message:
    """Store a new message in `thread` (the caller checked the permission)."""
    body = _clean_text(body)
    cleaned = [
        (_attachment_name(upload), clean_upload(upload, field="attachments"))
        for upload in attachments
    ]
    if language:
        language = _check_language(language)
    else:
        language = detection.detect_language(body, default=by.language or settings.LANGUAGE_CODE)
    message = audited(
        Message(
            thread=thread,
            author=by,
            body=body,
            language=language,
            **stamp,
        ),
        by,
    )
    validate(message, validate_constraints=False)
    message.save()
    for name, upload in cleaned:
        attachment = MessageAttachment(message=message, file=upload, name=name)
        validate(attachment)
        attachment.save()
    Thread.objects.filter(pk=thread.pk).update(last_message_at=message.created_at)
    thread.last_message_at = message.created_at
    # Whoever writes in a thread takes part in it.
    thread.participants.add(by)
    transaction.on_commit(lambda: events.message_posted(message))
    return message


def _post_once(*, by: User, idempotency_key, data: dict, create) -> Message:
    """`create(stamp)`, or the message stored first when the same form came again."""
    message, _created = create_once(
        Message, key=idempotency_key, scope={"author": by}, data=data, create=create
    )
    return message


def _check_participants(partnership: Partnership, participants: Iterable[User]) -> list[User]:
    people = list(participants)
    members = set(
        Membership.objects.filter(
            partnership=partnership, user__in=[person.pk for person in people]
        ).values_list("user_id", flat=True)
    )
    if any(person.pk not in members for person in people):
        raise DomainError(
            "not_a_member",
            _("Only members of the partnership can take part in a thread."),
            field="participants",
        )
    return people


@transaction.atomic
def thread_create(
    *,
    partnership: Partnership,
    by: User,
    subject: str,
    body: str,
    idempotency_key: uuid.UUID,
    participants: Iterable[User] = (),
    restricted: bool = False,
    attached_to=None,
    language: str | None = None,
    attachments: Iterable = (),
) -> Thread:
    """Start a thread with its first message; the same key again returns the same thread."""
    require(by, "conversations.add_thread", partnership)
    attachments = list(attachments)
    participants = list(participants)

    def create(stamp):
        if attached_to is not None:
            if getattr(attached_to, "partnership_id", None) != partnership.pk:
                raise DomainError(
                    "other_partnership", _("This record belongs to another partnership.")
                )
            records.check_record(by, attached_to)
        people = _check_participants(partnership, participants)
        thread = audited(
            Thread(
                partnership=partnership,
                subject=(subject or "").strip(),
                created_by=by,
                restricted=restricted,
                attached_to=attached_to,
            ),
            by,
        )
        # The subject is written in the language of the first message, given or detected.
        thread.language = (
            _check_language(language)
            if language
            else detection.detect_language(
                f"{thread.subject}\n{body}", default=by.language or settings.LANGUAGE_CODE
            )
        )
        validate(thread)
        thread.save()
        thread.participants.add(by, *people)
        return _post(
            thread=thread,
            by=by,
            body=body,
            stamp=stamp,
            language=language,
            attachments=attachments,
        )

    data = {
        "partnership": partnership,
        "subject": subject,
        "body": body,
        "participants": participants,
        "restricted": restricted,
        "attached_to": attached_to,
        "language": language,
        "attachments": attachments,
    }
    message = _post_once(by=by, idempotency_key=idempotency_key, data=data, create=create)
    thread = message.thread
    thread.created_now = message.created_now
    return thread


@transaction.atomic
def message_post(
    *,
    thread: Thread,
    by: User,
    body: str,
    idempotency_key: uuid.UUID,
    language: str | None = None,
    attachments: Iterable = (),
) -> Message:
    """Post a message once: the same author and key again return the message stored first.

    The language is detected from the text unless given; translation and notifications
    follow after the commit (events.message_posted).
    """
    require(by, "conversations.post_message", thread)
    attachments = list(attachments)
    data = {"thread": thread, "body": body, "language": language, "attachments": attachments}
    return _post_once(
        by=by,
        idempotency_key=idempotency_key,
        data=data,
        create=lambda stamp: _post(
            thread=thread,
            by=by,
            body=body,
            stamp=stamp,
            language=language,
            attachments=attachments,
        ),
    )


@transaction.atomic
def message_language_set(*, message: Message, by: User, language: str) -> Message:
    """Correct the detected original language of a message (translation.services.language_set):
    machine translations made from the wrong language are dropped and made again by the task
    worker, without e-mailing anyone; people's translations into the other languages stay."""
    require(by, "conversations.post_message", message)
    language = _check_language(language)
    if language == message.language:
        return message
    return translation_services.language_set(record=message, by=by, language=language)


@transaction.atomic
def translation_save(
    *, message: Message, by: User, language: str, text: str, revision: int
) -> Translation:
    """Save a person's translation (new, or a correction of a machine or human one) through
    translation.services.translation_save.

    `revision` is the one the person saw (0: there was none). If someone saved in the
    meantime, nothing is overwritten and the person is told.
    """
    require(by, "conversations.translate_message", message)
    _check_language(language)
    if language == message.language:
        raise DomainError(
            "original_language",
            _("The message is written in this language already."),
            field="text",
        )
    text = _clean_text(text, field="text")
    try:
        return translation_services.translation_save(
            record=message,
            field="body",
            language=language,
            text=text,
            by=by,
            revision=revision or None,
        )
    except Conflict as error:
        raise Conflict(
            "translation_changed",
            _(
                "Someone else saved this translation while you were editing it. Your text was "
                "not saved; please compare it with theirs and try again."
            ),
        ) from error


def messages_mark_read(*, thread: Thread, user: User) -> int:
    """Mark every message of the thread the person has not read as read; returns how many."""
    require(user, "conversations.view_thread", thread)
    unread = (
        Message.objects.filter(thread=thread)
        .exclude(author=user)
        .filter(~Exists(MessageRead.objects.filter(message=OuterRef("pk"), user=user)))
        .values_list("pk", flat=True)
    )
    reads = [MessageRead(message_id=pk, user=user) for pk in unread]
    if reads:
        MessageRead.objects.bulk_create(reads, ignore_conflicts=True)
    return len(reads)


def notification_setting_save(*, user: User, email: str) -> NotificationSetting:
    """How the person wants to hear about new messages by e-mail."""
    setting, _created = NotificationSetting.objects.get_or_create(user=user)
    setting.email = email
    validate(setting)
    setting.save(update_fields=["email"])
    return setting
