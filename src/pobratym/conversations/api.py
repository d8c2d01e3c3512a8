"""The conversations part of the API: the threads a member may see, each message in the
reader's language, starting a thread, replying and marking a thread read.

Everything lives under `/partnerships/{slug}/threads`. People outside the partnership, and
people not taking part in a restricted thread, get 404 as if it did not exist, as on the pages.
The reader's language is the one the pages use (the saved preference, else the browser's).
Reading a thread changes nothing; `POST .../read` marks its messages read.

Starting a thread and posting a message require an `Idempotency-Key` header (a UUID chosen by
the client): the same key with the same body again answers the record made the first time,
with 200 instead of 201; the same key with another body is 409 `idempotency_key_reused`.
Attachments are neither sent nor listed here, and translating a message or correcting its
language is not offered either: those are on the pages only.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router, Status
from ninja.pagination import paginate

from pobratym.accounts.models import User
from pobratym.core.errors import Conflict, DomainError, require
from pobratym.core.idempotency import created_status, idempotency_key_of
from pobratym.core.inputs import CursorPagination, Id, Slug
from pobratym.partnerships import records
from pobratym.partnerships.access import partnership_for

from . import selectors, services
from .schemas import (
    ErrorOut,
    InvalidOut,
    MessageIn,
    MessageOut,
    ReadOut,
    ThreadDetailOut,
    ThreadIn,
    ThreadListOut,
)
from .selectors import MessageView

router = Router(tags=["conversations"])

PAGE_LIMIT = 100
BASE = "/{slug}/threads"
IdempotencyKey = Header(None, alias="Idempotency-Key", description="A UUID chosen by the client.")
# Error bodies, documented: 400 a malformed limit or cursor, 401 signed out, 404 not a member
# or no such thread, 422 a malformed address.
READ = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: InvalidOut}
# 400 a broken rule (its `code` says which), 403 an observer, 409 a key reused with other content.
WRITE = {**READ, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut}


# --- helpers ---


def _thread(request: HttpRequest, slug: str, thread_id: int):
    partnership = partnership_for(request, slug)
    thread = selectors.thread_get(viewer=request.user, partnership=partnership, thread_id=thread_id)
    require(request.user, "conversations.view_thread", thread)
    return thread


def _message(view: MessageView) -> dict:
    message, translation = view.message, view.translation
    shown = translation or message
    return {
        "id": message.pk,
        "author": message.author,
        "created_at": message.created_at,
        "language": shown.language,
        "text": translation.text if translation else message.body,
        "translation": translation,
        "original": {"language": message.language, "text": message.body},
        "needs_translation": view.needs_translation,
        "seen_by_other_side": view.seen_by_other_side,
    }


def _read(request: HttpRequest, thread):
    """The thread's messages as this reader sees them, in the language the pages use."""
    return selectors.thread_detail(
        viewer=request.user, thread=thread, language=request.LANGUAGE_CODE
    )


def _detail(request: HttpRequest, thread) -> dict:
    detail = _read(request, thread)
    about = detail.attached_to
    return {
        "id": thread.pk,
        "subject": thread.subject,
        "restricted": thread.restricted,
        "created_by": thread.created_by,
        "created_at": thread.created_at,
        "last_message_at": thread.last_message_at,
        "about": records.reference(about) if records.can_see(request.user, about) else None,
        "participants": detail.participants,
        "messages": [_message(view) for view in detail.messages],
    }


def _participants(ids: list[int]) -> list[User]:
    """The people asked to take part; an unknown id is refused as a non-member is (the service
    checks membership), so the answer tells nothing about accounts elsewhere."""
    people = list(User.objects.filter(pk__in=ids).order_by("pk"))
    if len(people) != len(set(ids)):
        raise DomainError(
            "not_a_member",
            _("Only members of the partnership can take part in a thread."),
            field="participants",
        )
    return people


# --- threads ---


@router.get(BASE, response={200: list[ThreadListOut], **READ}, url_name="conversations_threads")
@paginate(CursorPagination, max_limit=PAGE_LIMIT)
def thread_list(request, slug: Slug):
    """The threads you may see, in the order they last changed, with how many messages each
    has and how many of them you have not read."""
    partnership = partnership_for(request, slug)
    return selectors.thread_list(viewer=request.user, partnership=partnership)


@router.get(
    f"{BASE}/{{thread_id}}",
    response={200: ThreadDetailOut, **READ},
    url_name="conversations_thread",
)
def thread_detail(request, slug: Slug, thread_id: Id):
    """A thread with its messages, oldest first, each in your language where a translation
    exists (`translation` says whose), with the original and its language. Reading it does not
    mark it read."""
    return _detail(request, _thread(request, slug, thread_id))


@router.post(
    BASE,
    response={201: ThreadDetailOut, 200: ThreadDetailOut, **WRITE},
    url_name="conversations_thread_create",
)
def thread_create(
    request, slug: Slug, payload: ThreadIn, idempotency_key: str | None = IdempotencyKey
):
    """Start a thread with its first message (every member but observers). A restricted thread
    is seen only by the people taking part. 201 when made; 200 with the same thread when the
    Idempotency-Key and body were sent before by you."""
    partnership = partnership_for(request, slug, "conversations.add_thread")
    key = idempotency_key_of(idempotency_key)
    thread = services.thread_create(
        partnership=partnership,
        by=request.user,
        subject=payload.subject,
        body=payload.body,
        idempotency_key=key,
        participants=_participants(payload.participants),
        restricted=payload.restricted,
        language=payload.language,
    )
    shown = selectors.thread_get(viewer=request.user, partnership=partnership, thread_id=thread.pk)
    return Status(created_status(thread), _detail(request, shown))


@router.post(
    f"{BASE}/{{thread_id}}/messages",
    response={201: MessageOut, 200: MessageOut, **WRITE},
    url_name="conversations_message_post",
)
def message_post(
    request,
    slug: Slug,
    thread_id: Id,
    payload: MessageIn,
    idempotency_key: str | None = IdempotencyKey,
):
    """Reply in a thread (everyone who sees it but observers). 201 when posted; 200 with the
    same message when the Idempotency-Key and body were sent before by you."""
    thread = _thread(request, slug, thread_id)
    require(request.user, "conversations.post_message", thread)
    key = idempotency_key_of(idempotency_key)
    message = services.message_post(
        thread=thread,
        by=request.user,
        body=payload.body,
        idempotency_key=key,
        language=payload.language,
    )
    view = next(
        (view for view in _read(request, thread).messages if view.message.pk == message.pk), None
    )
    if view is None:
        # A key of a message stored before digests were kept, first used in another thread.
        raise Conflict(
            "idempotency_key_reused",
            _("This request was already sent with other content; nothing new was saved."),
        )
    return Status(created_status(message), _message(view))


@router.post(
    f"{BASE}/{{thread_id}}/read",
    response={200: ReadOut, **READ},
    url_name="conversations_thread_read",
)
def thread_read(request, slug: Slug, thread_id: Id):
    """Mark every message of the thread read for you (as opening it on the pages does)."""
    thread = _thread(request, slug, thread_id)
    return {"marked": services.messages_mark_read(thread=thread, user=request.user)}
