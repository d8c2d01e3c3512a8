"""Pages of conversations: the threads of a partnership with search, one thread with its
messages in the reader's language, replies, translations, attachments (sent only after a
permission check) and the choice of e-mail notifications."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.core.changes import kept_page
from pobratym.core.downloads import private_file
from pobratym.core.errors import require
from pobratym.core.forms import form_data, form_files, status_of, submit
from pobratym.core.listing import Listing
from pobratym.partnerships import records
from pobratym.partnerships import selectors as partnership_selectors
from pobratym.translation.selectors import shown

from . import selectors, services
from .forms import (
    LanguageForm,
    MessageForm,
    NotificationSettingForm,
    SearchForm,
    ThreadForm,
    TranslationForm,
)

THREAD_SORTS = {
    "subject": ("subject",),
    "last": ("last_message_at",),
    "messages": ("message_count",),
    "unread": ("unread_count",),
}
THREADS_PER_PAGE = 50


def _partnership(request, slug: str):
    """The partnership; people outside it are told it does not exist."""
    return partnership_selectors.partnership_get(viewer=request.user, slug=slug)


def _thread(request, slug: str, thread_id: int):
    partnership = _partnership(request, slug)
    thread = selectors.thread_get(viewer=request.user, partnership=partnership, thread_id=thread_id)
    return partnership, thread


def _thread_form(request, partnership, data=None, files=None, about: str = ""):
    """The new-thread form; the other members of the partnership can be asked to take part."""
    members = (
        get_user_model()
        .objects.filter(memberships__partnership=partnership)
        .exclude(pk=request.user.pk)
        .order_by("name", "email")
    )
    return ThreadForm(data, files, members=members, initial={"about": about})


@login_required
@require_GET
def thread_list(request, slug: str):
    """The threads, and with ?q= the messages found (the message search)."""
    partnership = _partnership(request, slug)
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""

    def context() -> dict:
        results = (
            selectors.message_search(viewer=request.user, partnership=partnership, query=query)
            if query
            else None
        )
        listing = Listing(request, THREAD_SORTS)
        threads = selectors.thread_list(viewer=request.user, partnership=partnership, query=query)
        page = Paginator(listing.order(threads), THREADS_PER_PAGE).get_page(request.GET.get("page"))
        return {
            "partnership": partnership,
            "head_title": f"{_('Conversations')} · {partnership}",
            "page": page,
            "threads": page.object_list,
            "listing": listing,
            "search": search,
            "query": query,
            "results": results,
            "form": _thread_form(request, partnership),
            "notification": selectors.notification_setting_get(viewer=request.user),
        }

    return kept_page(request, "conversations/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug: str):
    """Start a thread, optionally about a record (`?about=agreements.agreement:5`)."""
    partnership = _partnership(request, slug)
    require(request.user, "conversations.add_thread", partnership)
    about = (request.POST.get("about") if request.method == "POST" else None) or request.GET.get(
        "about", ""
    )
    record = None
    if about:
        record = records.resolve(about, partnership_id=partnership.pk)
        if record is None:
            raise Http404
        records.check_record(request.user, record)
    form = _thread_form(request, partnership, form_data(request), form_files(request), about)

    def create():
        data = form.cleaned_data
        return services.thread_create(
            partnership=partnership,
            by=request.user,
            subject=data["subject"],
            body=data["body"],
            idempotency_key=data["idempotency_key"],
            participants=data["participants"],
            restricted=data["restricted"],
            attached_to=record,
            attachments=data["attachments"],
        )

    if thread := submit(request, form, create):
        messages.success(request, _("The thread was started."))
        return redirect("conversations:thread_detail", slug=slug, thread_id=thread.pk)
    context = {
        "partnership": partnership,
        "form": form,
        "record": record,
        "record_url": records.record_url(record, slug) if record else None,
    }
    return render(request, "conversations/create.html", context, status=status_of(form))


def _render_thread(request, partnership, thread, *, reply=None, failed=None, status=200):
    """The thread page; `failed` is (message id, bound translation form) after a refused save.
    Its body is kept until anything is written (a GET marks the messages read before)."""

    def context() -> dict:
        detail = selectors.thread_detail(
            viewer=request.user, thread=thread, language=request.LANGUAGE_CODE
        )
        failed_id, failed_form = failed or (None, None)
        items = []
        for view in detail.messages:
            pk = view.message.pk
            if pk == failed_id:
                translation_form = failed_form
            else:
                translation_form = TranslationForm(
                    initial={
                        "language": request.LANGUAGE_CODE,
                        "revision": view.revision,
                        "text": view.translation.text if view.translation else "",
                    },
                    auto_id=f"translation-{pk}-%s",
                )
            language_form = LanguageForm(
                initial={"language": view.message.language}, auto_id=f"language-{pk}-%s"
            )
            items.append((view, translation_form, language_form))
        return {
            "partnership": partnership,
            "head_title": f"{shown(thread, 'subject').text} · {partnership}",
            "thread": thread,
            "detail": detail,
            "items": items,
            "reply": reply or MessageForm(),
            "record_url": records.record_url(detail.attached_to, partnership.slug)
            if detail.attached_to is not None
            else None,
        }

    return kept_page(request, "conversations/detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request, slug: str, thread_id: int):
    """A thread; reading it marks its messages read, and the reply form posts here."""
    partnership, thread = _thread(request, slug, thread_id)
    if request.method == "POST":
        require(request.user, "conversations.post_message", thread)
        form = MessageForm(form_data(request), form_files(request))
        if message := submit(
            request,
            form,
            lambda: services.message_post(
                thread=thread,
                by=request.user,
                body=form.cleaned_data["body"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                attachments=form.cleaned_data["attachments"],
            ),
        ):
            messages.success(request, _("Your message was sent."))
            url = reverse("conversations:thread_detail", args=[slug, thread.pk])
            return redirect(f"{url}#message-{message.pk}")
        return _render_thread(request, partnership, thread, reply=form, status=status_of(form))
    # The one write of a GET, made on every request, outside the kept body: when it marks
    # anything read, the body is rendered afresh (core.changes).
    services.messages_mark_read(thread=thread, user=request.user)
    return _render_thread(request, partnership, thread)


@login_required
@require_POST
def translation_save(request, slug: str, thread_id: int, message_id: int):
    partnership, thread = _thread(request, slug, thread_id)
    message = selectors.message_get(viewer=request.user, thread=thread, message_id=message_id)
    require(request.user, "conversations.translate_message", message)
    form = TranslationForm(request.POST, auto_id=f"translation-{message.pk}-%s")
    if submit(
        request,
        form,
        lambda: services.translation_save(
            message=message,
            by=request.user,
            language=form.cleaned_data["language"],
            text=form.cleaned_data["text"],
            revision=form.cleaned_data["revision"],
        ),
    ):
        messages.success(request, _("The translation was saved."))
        url = reverse("conversations:thread_detail", args=[slug, thread.pk])
        return redirect(f"{url}#message-{message.pk}")
    failed = (message.pk, form)
    return _render_thread(request, partnership, thread, failed=failed, status=status_of(form))


@login_required
@require_POST
def language_set(request, slug: str, thread_id: int, message_id: int):
    """Correct the detected original language of a message."""
    thread = _thread(request, slug, thread_id)[1]
    message = selectors.message_get(viewer=request.user, thread=thread, message_id=message_id)
    require(request.user, "conversations.post_message", message)
    form = LanguageForm(request.POST)
    if form.is_valid():
        services.message_language_set(
            message=message, by=request.user, language=form.cleaned_data["language"]
        )
        messages.success(request, _("The original language was corrected."))
    else:
        messages.error(request, _("Please choose one of the languages offered."))
    url = reverse("conversations:thread_detail", args=[slug, thread.pk])
    return redirect(f"{url}#message-{message.pk}")


@login_required
@require_GET
def attachment(request, slug: str, thread_id: int, attachment_id: int):
    """An attachment, only to those who may read the thread; files never have a public address.
    Sent under its checked name, so its type is that of its content."""
    thread = _thread(request, slug, thread_id)[1]
    item = selectors.attachment_get(viewer=request.user, thread=thread, attachment_id=attachment_id)
    return private_file(item.file)


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """How the person wants to hear about new messages by e-mail."""
    setting = selectors.notification_setting_get(viewer=request.user)
    form = NotificationSettingForm(form_data(request), instance=setting)
    if request.method == "POST" and form.is_valid():
        services.notification_setting_save(user=request.user, email=form.cleaned_data["email"])
        messages.success(request, _("Your choice was saved."))
        return redirect("conversations:notification_settings")
    return render(
        request, "conversations/notifications.html", {"form": form}, status=status_of(form)
    )


@login_required
@require_GET
def inbox(request):
    """The threads with unread messages, across all the person's partnerships, a page at a
    time; kept until anything is written."""

    def context() -> dict:
        threads = selectors.inbox(viewer=request.user)
        page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
        return {"page": page, "threads": page.object_list, "head_title": _("Unread messages")}

    return kept_page(request, "conversations/inbox.html", context)
