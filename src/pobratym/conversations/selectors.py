"""What the conversation screens read, always scoped to the person asking: threads they may
see with unread counts, one thread with its messages in the reader's language, search, and
the threads about a record."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from pobratym.partnerships.activity import Event
from pobratym.partnerships.models import Membership, Partnership, Side
from pobratym.partnerships.work import WorkItem
from pobratym.translation.models import Translation
from pobratym.translation.selectors import (
    matching,
    reader_translations,
    shown,
    with_translations,
)

from . import mentions
from .models import Message, MessageAttachment, MessageRead, NotificationSetting, Thread

SEARCH_LIMIT = 100


def _visible_to(viewer, prefix: str = "") -> Q:
    """Threads the person may see, given they are a member: open ones and their own."""
    taking_part = Thread.participants.through.objects.filter(user_id=viewer.pk).values("thread_id")
    return Q(**{f"{prefix}restricted": False}) | Q(**{f"{prefix}pk__in": taking_part})


def _unread_messages(viewer) -> QuerySet[Message]:
    read = MessageRead.objects.filter(message=OuterRef("pk"), user_id=viewer.pk)
    return Message.objects.filter(~Exists(read)).exclude(author_id=viewer.pk).order_by()


def _count(queryset: QuerySet, group: str):
    """A subquery counting `queryset` rows per `group` (an OuterRef'd field)."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(group).annotate(total=Count("pk")).values("total")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _threads(viewer, partnership: Partnership) -> QuerySet[Thread]:
    last = Message.objects.filter(thread=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        Thread.objects.filter(partnership=partnership)
        .filter(_visible_to(viewer))
        .annotate(
            message_count=_count(Message.objects.filter(thread=OuterRef("pk")), "thread"),
            unread_count=_count(_unread_messages(viewer).filter(thread=OuterRef("pk")), "thread"),
            last_message_body=Subquery(last.values("body")[:1]),
            last_message_language=Subquery(last.values("language")[:1]),
            last_message_author=Subquery(last.values("author__name")[:1]),
            last_message_author_email=Subquery(last.values("author__email")[:1]),
        )
        .select_related("created_by", "content_type")
        .order_by("-last_message_at", "-created_at", "-pk")
    )


def thread_list(*, viewer, partnership: Partnership, query: str = "") -> QuerySet[Thread]:
    """The threads of the partnership the person may see, newest activity first, each with
    its number of messages, the person's unread ones and its last message; the records they
    are about are prefetched (one query per kind of record). With `query`, only threads whose
    subject or a message (in any language) contains it."""
    threads = _threads(viewer, partnership)
    if words := query.strip():
        in_messages = Message.objects.filter(
            matching(Message, Message.translatable_fields, words), thread=OuterRef("pk")
        )
        threads = threads.filter(
            matching(Thread, Thread.translatable_fields, words) | Q(Exists(in_messages))
        )
    return with_translations(threads).prefetch_related("attached_to")


def thread_get(*, viewer, partnership: Partnership, thread_id: int) -> Thread:
    """A thread of this partnership the person may see; to anyone else it does not exist."""
    thread = (
        Thread.objects.filter(partnership=partnership, pk=thread_id)
        .filter(_visible_to(viewer))
        .select_related("created_by", "content_type")
        .prefetch_related("participants", reader_translations())
        .first()
    )
    if thread is None:
        raise Http404
    thread.partnership = partnership
    return thread


@dataclass(frozen=True)
class MessageView:
    """One message as one reader sees it."""

    message: Message
    translation: Translation | None  # of its body in the reader's language, if there is one
    needs_translation: bool  # written in another language, and nobody translated it yet
    seen_by_other_side: bool

    @property
    def revision(self) -> int:
        return self.translation.revision if self.translation else 0


@dataclass(frozen=True)
class ThreadDetail:
    thread: Thread
    messages: list[MessageView]
    attached_to: object | None
    participants: list


def thread_detail(*, viewer, thread: Thread, language: str) -> ThreadDetail:
    """The messages of a thread, oldest first, each in the reader's `language` when a
    translation exists, and whether someone of the other side has read it."""
    partnership_id = thread.partnership_id
    author_side = Membership.objects.filter(
        partnership_id=partnership_id, user_id=OuterRef("author_id")
    ).values("side_id")[:1]
    other_side_read = Membership.objects.filter(
        partnership_id=partnership_id,
        user__message_reads__message_id=OuterRef("pk"),
    ).exclude(side_id=OuterRef("author_side_id"))
    messages = with_translations(
        Message.objects.filter(thread=thread)
        .select_related("author")
        .annotate(author_side_id=Subquery(author_side))
        .annotate(seen_by_other_side=Exists(other_side_read))
        .prefetch_related(
            Prefetch("attachments", queryset=MessageAttachment.objects.order_by("pk")),
        )
        .order_by("created_at", "pk"),
        language,
    )
    views = []
    for message in messages:
        message.thread = thread
        translation = None
        if message.language != language:
            translation = next(
                (item for item in message.reader_translations if item.field == "body"), None
            )
        views.append(
            MessageView(
                message=message,
                translation=translation,
                needs_translation=message.language != language and translation is None,
                seen_by_other_side=bool(message.author_side_id and message.seen_by_other_side),
            )
        )
    attached_to = thread.attached_to if thread.content_type_id else None
    return ThreadDetail(
        thread=thread,
        messages=views,
        attached_to=attached_to,
        participants=list(thread.participants.all()),
    )


def message_get(*, viewer, thread: Thread, message_id: int) -> Message:
    message = Message.objects.filter(thread=thread, pk=message_id).first()
    if message is None:
        raise Http404
    message.thread = thread
    return message


def attachment_get(*, viewer, thread: Thread, attachment_id: int) -> MessageAttachment:
    attachment = (
        MessageAttachment.objects.filter(message__thread=thread, pk=attachment_id)
        .select_related("message")
        .first()
    )
    if attachment is None:
        raise Http404
    attachment.message.thread = thread
    return attachment


def unread_count(*, viewer) -> int:
    """Messages the person has not read, in every thread they may see (one query)."""
    if not viewer.is_authenticated:
        return 0
    return (
        _unread_messages(viewer)
        .filter(thread__partnership__memberships__user_id=viewer.pk)
        .filter(_visible_to(viewer, prefix="thread__"))
        .count()
    )


def unread_threads(*, viewer) -> QuerySet[Thread]:
    """The threads with messages the person has not read, across all their partnerships,
    newest activity first, each with `unread_count` (one query however many)."""
    if not viewer.is_authenticated:
        return Thread.objects.none()
    unread = _unread_messages(viewer).filter(thread=OuterRef("pk"))
    return with_translations(
        Thread.objects.filter(partnership__memberships__user_id=viewer.pk)
        .filter(_visible_to(viewer), Exists(unread))
        .annotate(unread_count=_count(unread, "thread"))
        .order_by("-last_message_at", "-pk")
    )


def inbox(*, viewer) -> QuerySet[Thread]:
    """The unread threads with their partnerships named, for the inbox page."""
    return (
        unread_threads(viewer=viewer)
        .select_related("partnership")
        .prefetch_related(
            Prefetch(
                "partnership__sides",
                queryset=Side.objects.select_related("city").order_by("position"),
            )
        )
    )


def _mentioning(viewer) -> Q:
    """Messages naming the person (`mentions`), asked of the database."""
    naming = Q(pk__in=[])
    for handle in mentions.handles(viewer):
        naming |= Q(body__iregex=mentions.pattern(handle))
    return naming


def unread_pending(user, memberships) -> QuerySet[Thread] | None:
    """My work: the threads with unread messages, each marked `mentions_reader` where an
    unread one names the person."""
    if not memberships:
        return None
    mentioning = _unread_messages(user).filter(_mentioning(user), thread=OuterRef("pk"))
    return unread_threads(viewer=user).annotate(mentions_reader=Exists(mentioning))


def unread_items(threads, memberships) -> list[WorkItem]:
    """Each thread with unread messages, one click from reading them."""
    partnerships = {membership.partnership_id: membership.partnership for membership in memberships}
    items = []
    for thread in threads:
        partnership = partnerships[thread.partnership_id]
        count = thread.unread_count
        unread = ngettext("%(count)d unread message", "%(count)d unread messages", count) % {
            "count": count
        }
        if thread.mentions_reader:
            unread = _("%(unread)s, mentioning you") % {"unread": unread}
        items.append(
            WorkItem(
                unread,
                reverse("conversations:thread_detail", args=[partnership.slug, thread.pk]),
                partnership,
                text=shown(thread, "subject").text,
            )
        )
    return items


def message_activity(viewer, partnership: Partnership, limit: int) -> list[Event]:
    """Recent activity: messages in the threads the person may see (one query)."""
    if not viewer.has_perm("partnerships.view_partnership", partnership):
        return []
    messages = (
        Message.objects.filter(thread__partnership=partnership)
        .filter(_visible_to(viewer, prefix="thread__"))
        .select_related("thread", "author")
        .prefetch_related(reader_translations("thread"))
        .order_by("-created_at", "-pk")[:limit]
    )
    return [
        Event(
            message.created_at,
            _("Message from %(author)s") % {"author": message.author or _("a former member")},
            shown(message.thread, "subject").text,
            reverse("conversations:thread_detail", args=[partnership.slug, message.thread_id]),
        )
        for message in messages
    ]


def message_search(*, viewer, partnership: Partnership, query: str) -> QuerySet[Message]:
    """Messages whose original or any translation contains every word of `query`, in any
    language and case, newest first."""
    messages = Message.objects.filter(thread__partnership=partnership).filter(
        _visible_to(viewer, prefix="thread__")
    )
    words = (query or "").split()
    if not words:
        return messages.none()
    for word in words:
        messages = messages.filter(matching(Message, Message.translatable_fields, word))
    return (
        messages.select_related("thread", "author")
        .prefetch_related(reader_translations("thread"))
        .order_by("-created_at", "-pk")[:SEARCH_LIMIT]
    )


def threads_for(*, viewer, record) -> QuerySet[Thread]:
    """The threads about `record` the person may see."""
    partnership_id = getattr(record, "partnership_id", None)
    if partnership_id is None or not viewer.is_authenticated:
        return Thread.objects.none()
    return with_translations(
        Thread.objects.filter(
            partnership_id=partnership_id,
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            partnership__memberships__user_id=viewer.pk,
        )
        .filter(_visible_to(viewer))
        .annotate(
            message_count=_count(Message.objects.filter(thread=OuterRef("pk")), "thread"),
            unread_count=_count(_unread_messages(viewer).filter(thread=OuterRef("pk")), "thread"),
        )
        .order_by("-last_message_at", "-pk")
    )


def notification_setting_get(*, viewer) -> NotificationSetting:
    """The person's choice, or the default (an e-mail per message) if they never chose."""
    return NotificationSetting.objects.filter(user=viewer).first() or NotificationSetting(
        user=viewer
    )
