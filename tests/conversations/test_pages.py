"""The conversation pages: starting and answering threads, refusals with clear messages, the
reader's language, search, threads on a record's page, unread counts, and query counts that do
not grow with the data."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pobratym.agreements.models import Agreement
from pobratym.conversations import services, views
from pobratym.conversations.models import Message, MessageAttachment, NotificationSetting, Thread
from pobratym.partnerships.models import Role
from tests.agreements.files import pdf_upload
from tests.agreements.letter_factories import letter_register
from tests.conversations.factories import png_upload, post, thread_start
from tests.factories import member_create
from tests.queries import page_keeps_its_queries

pytestmark = pytest.mark.django_db


def _detail(thread):
    return reverse("conversations:thread_detail", args=[thread.partnership.slug, thread.pk])


def _in(language: str, url: str) -> str:
    """The same page in another language (the language in the address wins)."""
    return f"/{language}/" + url.removeprefix("/en/")


def _reply(**fields):
    return {"body": "A reply", "idempotency_key": str(uuid.uuid4()), **fields}


def test_start_a_thread_through_the_page(
    partnership, coordinator, other_side_coordinator, client_of
):
    url = reverse("conversations:thread_create", args=[partnership.slug])

    response = client_of(coordinator).post(
        url,
        {
            "subject": "Delegation visit",
            "body": "Wann passt es Ihnen?",
            "participants": [other_side_coordinator.pk],
            "restricted": "on",
            "idempotency_key": str(uuid.uuid4()),
            "attachments": [png_upload()],
        },
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(thread)
    assert thread.restricted
    assert set(thread.participants.all()) == {coordinator, other_side_coordinator}
    assert thread.messages.get().language == "de"
    assert MessageAttachment.objects.count() == 1


def test_resent_reply_posts_once(partnership, coordinator, client_of):
    thread = thread_start(partnership, coordinator)
    data = _reply(body="Sent twice after a lost connection")
    client = client_of(coordinator)

    first = client.post(_detail(thread), data)
    second = client.post(_detail(thread), data)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert thread.messages.filter(body=data["body"]).count() == 1


def test_reply_page_carries_a_fresh_key_each_time(partnership, coordinator, client_of):
    thread = thread_start(partnership, coordinator)
    client = client_of(coordinator)

    keys = [
        str(client.get(_detail(thread)).context["reply"]["idempotency_key"].value()) for _ in "ab"
    ]

    assert keys[0] != keys[1]
    assert all(uuid.UUID(key) for key in keys)


def test_huge_message_is_refused_with_a_clear_400_and_nothing_stored(
    partnership, coordinator, client_of, settings
):
    settings.POBRATYM_MESSAGE_MAX_CHARS = 1000
    thread = thread_start(partnership, coordinator)

    response = client_of(coordinator).post(_detail(thread), _reply(body="ä" * 1001))

    assert response.status_code == 400
    assert "The message is too long: 1001 characters, at most 1000" in response.content.decode()
    assert thread.messages.count() == 1


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("invoice.pdf", b"<html><script>alert(1)</script>", "application/pdf"),
        SimpleUploadedFile("tool.exe", b"MZ\x90\x00", "application/octet-stream"),
        SimpleUploadedFile("photo.svg", b"<svg onload=alert(1)>", "image/svg+xml"),
    ],
    ids=["html-as-pdf", "exe", "svg"],
)
def test_disallowed_attachment_is_refused_with_a_clear_message_and_nothing_stored(
    upload, partnership, coordinator, client_of
):
    thread = thread_start(partnership, coordinator)

    response = client_of(coordinator).post(
        _detail(thread), _reply(body="See attached", attachments=[upload])
    )

    assert response.status_code == 400
    assert "Only PDF, PNG and JPEG files can be uploaded." in response.content.decode()
    assert response.context["reply"].errors["attachments"] == [
        "Only PDF, PNG and JPEG files can be uploaded."
    ]
    assert not Message.objects.filter(body="See attached").exists()
    assert MessageAttachment.objects.count() == 0


def test_too_large_attachment_is_refused(partnership, coordinator, client_of, settings):
    settings.POBRATYM_UPLOAD_MAX_BYTES = 100
    thread = thread_start(partnership, coordinator)

    response = client_of(coordinator).post(_detail(thread), _reply(attachments=[pdf_upload()]))

    assert response.status_code == 400
    assert "The file is larger than" in response.content.decode()
    assert MessageAttachment.objects.count() == 0


def test_attachment_is_sent_under_its_checked_type(partnership, coordinator, staff, client_of):
    thread = thread_start(partnership, coordinator)
    message = post(thread, coordinator, attachments=[pdf_upload("notes.html")])
    attachment = message.attachments.get()

    response = client_of(staff).get(
        reverse("conversations:attachment", args=[partnership.slug, thread.pk, attachment.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("upload", [pdf_upload, png_upload], ids=["pdf", "image"])
def test_attachment_is_a_download_the_browser_does_not_sniff(
    upload, partnership, coordinator, staff, client_of
):
    thread = thread_start(partnership, coordinator)
    attachment = post(thread, coordinator, attachments=[upload()]).attachments.get()

    response = client_of(staff).get(
        reverse("conversations:attachment", args=[partnership.slug, thread.pk, attachment.pk])
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_reader_sees_the_translation_marked_with_the_original_one_click_away(
    partnership, coordinator, other_side_coordinator, client_of
):
    thread = thread_start(partnership, coordinator, body="Guten **Tag**", language="de")
    message = thread.messages.get()
    services.translation_save(
        message=message, by=coordinator, language="uk", text="Добрий **день**", revision=0
    )

    page = client_of(other_side_coordinator).get(_in("uk", _detail(thread)))
    html = page.content.decode()

    assert '<div class="message-body" lang="uk"><p>Добрий <strong>день</strong></p>' in html
    assert coordinator.name in html
    assert "<details>" in html
    assert '<div class="message-body" lang="de"><p>Guten <strong>Tag</strong></p>' in html
    assert 'name="revision" value="1"' in html


def test_without_translation_the_original_is_shown_as_not_yet_translated(
    partnership, coordinator, other_side_coordinator, client_of
):
    thread = thread_start(partnership, coordinator, body="Guten Tag", language="de")

    html = client_of(other_side_coordinator).get(_detail(thread)).content.decode()

    assert "Guten Tag" in html
    assert "Not yet translated" in html
    assert 'name="revision" value="0"' in html


def test_second_translator_is_told_and_keeps_their_text(
    partnership, coordinator, other_side_coordinator, staff, client_of
):
    thread = thread_start(partnership, coordinator, body="Guten Tag", language="de")
    message = thread.messages.get()
    url = reverse("conversations:translation_save", args=[partnership.slug, thread.pk, message.pk])
    client_of(other_side_coordinator).post(url, {"language": "uk", "revision": 0, "text": "Перший"})

    response = client_of(staff).post(url, {"language": "uk", "revision": 0, "text": "Мій текст"})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this translation" in html
    assert "Мій текст" in html
    assert message.translations.get().text == "Перший"


def test_search_page_finds_cyrillic_in_any_case(
    partnership, coordinator, other_side_coordinator, client_of
):
    thread = thread_start(partnership, coordinator, body="Гуманітарна допомога", language="uk")
    post(thread, other_side_coordinator, "Nothing to see")
    url = reverse("conversations:thread_list", args=[partnership.slug])

    response = client_of(coordinator).get(url, {"q": "ГУМАНІТАРНА"})

    assert response.status_code == 200
    assert [m.body for m in response.context["results"]] == ["Гуманітарна допомога"]


def test_threads_appear_on_the_agreement_page_with_a_link_to_start_one(
    partnership, coordinator, client_of
):
    agreement = Agreement.objects.create(partnership=partnership, kind="solidarity", title="A")
    thread = thread_start(
        partnership, coordinator, subject="About the draft", attached_to=agreement
    )
    client = client_of(coordinator)

    page = client.get(reverse("agreements:detail", args=[partnership.slug, agreement.pk]))
    html = page.content.decode()
    assert "About the draft" in html
    about = f"?about=agreements.agreement%3A{agreement.pk}"
    assert about in html

    create = reverse("conversations:thread_create", args=[partnership.slug])
    response = client.post(
        create + about,
        {"subject": "Second", "body": "Hallo", "idempotency_key": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    assert Thread.objects.filter(object_id=agreement.pk).count() == 2
    assert thread.attached_to == agreement


def test_record_of_another_partnership_in_about_is_not_found(
    partnership, other_partnership, coordinator, client_of
):
    elsewhere = Agreement.objects.create(
        partnership=other_partnership, kind="solidarity", title="B"
    )
    create = reverse("conversations:thread_create", args=[partnership.slug])

    for about in (f"agreements.agreement:{elsewhere.pk}", "accounts.user:1", "nonsense"):
        assert client_of(coordinator).get(create, {"about": about}).status_code == 404


@pytest.mark.parametrize(
    "about", ["agreements.agreement:²", "agreements.agreement:-1", "agreements.agreement: 1"]
)
def test_garbage_record_number_in_about_is_not_found(partnership, coordinator, client_of, about):
    """Digits of other scripts ("²") pass str.isdigit() but not int(): still a 404, no 500."""
    create = reverse("conversations:thread_create", args=[partnership.slug])
    client = client_of(coordinator)
    client.raise_request_exception = False

    assert client.get(create, {"about": about}).status_code == 404
    data = {"subject": "S", "body": "Hi", "idempotency_key": str(uuid.uuid4()), "about": about}
    assert client.post(create, data).status_code == 404


def test_unread_count_in_the_navigation_in_words(
    partnership, coordinator, other_side_coordinator, client_of
):
    thread = thread_start(partnership, coordinator)
    post(thread, coordinator)
    client = client_of(other_side_coordinator)

    before = client.get(reverse("partnerships:list")).content.decode()
    client.get(_detail(thread))
    after = client.get(reverse("partnerships:list")).content.decode()

    assert "2 unread messages" in before
    assert "unread message" not in after


def test_notification_choice_is_saved(coordinator, client_of):
    client = client_of(coordinator)
    url = reverse("conversations:notification_settings")

    assert client.get(url).status_code == 200
    assert client.post(url, {"email": "daily"}).status_code == 302
    assert client.post(url, {"email": "hourly"}).status_code == 400

    assert NotificationSetting.objects.get(user=coordinator).email == "daily"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_thread_list_queries_do_not_grow_with_threads(
    partnership, coordinator, other_side_coordinator, client_of, django_assert_num_queries
):
    agreement = Agreement.objects.create(partnership=partnership, kind="solidarity", title="A")
    client = client_of(coordinator)
    url = reverse("conversations:thread_list", args=[partnership.slug])
    thread_start(partnership, other_side_coordinator, attached_to=agreement)
    client.get(url)
    few = _queries(client, url)

    for number in range(8):
        thread = thread_start(
            partnership,
            other_side_coordinator,
            attached_to=agreement,
            restricted=number % 2 == 0,
            participants=[coordinator],
        )
        post(thread, coordinator)

    with django_assert_num_queries(few):
        client.get(url)


def test_thread_page_queries_do_not_grow_with_messages(
    partnership, coordinator, other_side_coordinator, staff, client_of, django_assert_num_queries
):
    client = client_of(coordinator)
    thread = thread_start(partnership, other_side_coordinator, body="Hallo", language="de")

    def grow(count):
        for _ in range(count):
            message = post(
                thread,
                other_side_coordinator,
                "Guten Tag",
                language="de",
                attachments=[pdf_upload()],
            )
            services.translation_save(
                message=message, by=staff, language="en", text="Hello", revision=0
            )
            services.messages_mark_read(thread=thread, user=staff)

    grow(1)
    client.get(_detail(thread))
    post(thread, other_side_coordinator, "neu", language="de")
    few = _queries(client, _detail(thread))  # with one unread message marked read

    grow(6)
    with django_assert_num_queries(few):
        client.get(_detail(thread))


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_unread_count_renders_in_every_language(
    language, partnership, coordinator, other_side_coordinator, client_of
):
    thread = thread_start(partnership, coordinator)
    for _ in range(4):
        post(thread, coordinator)

    response = client_of(other_side_coordinator).get(_in(language, reverse("partnerships:list")))

    assert response.status_code == 200


def test_a_thread_about_a_letter_names_it_only_to_those_who_may_read_letters(
    partnership, client_of
):
    office = member_create(partnership, Role.STAFF, 1).user
    observer = member_create(partnership, Role.OBSERVER, 2).user
    letter = letter_register(partnership, office, subject="Confidential subject of a letter")
    thread = thread_start(partnership, office, attached_to=letter)
    for path in (
        reverse("conversations:thread_list", args=[partnership.slug]),
        reverse("conversations:thread_detail", args=[partnership.slug, thread.pk]),
    ):
        assert "Confidential subject" in client_of(office).get(path).content.decode()
        assert "Confidential subject" not in client_of(observer).get(path).content.decode()


def test_the_next_step_of_a_thread_is_a_reply_and_observers_are_told_they_read(
    partnership, coordinator, client_of
):
    thread = thread_start(partnership, coordinator)
    observer = member_create(partnership, Role.OBSERVER).user

    writer = client_of(coordinator).get(_detail(thread)).content.decode()
    reader = client_of(observer).get(_detail(thread)).content.decode()

    assert 'class="next-step"' in writer
    assert 'href="#reply"' in writer
    assert 'id="reply"' in writer
    assert 'class="next-step"' in reader
    assert "they do not reply" in reader
    assert 'href="#reply"' not in reader


def test_threads_list_shows_a_page_at_a_time_in_the_order_asked_for(
    partnership, coordinator, client_of, monkeypatch
):
    monkeypatch.setattr(views, "THREADS_PER_PAGE", 2)
    for subject in ("Gamma", "Alpha", "Beta"):
        thread_start(partnership, coordinator, subject=subject)
    url = reverse("conversations:thread_list", args=[partnership.slug])
    client = client_of(coordinator)

    first = client.get(f"{url}?sort=subject").content.decode()
    second = client.get(f"{url}?sort=subject&page=2").content.decode()

    assert "3 threads" in first
    assert "Alpha" in first and "Beta" in first and "Gamma" not in first
    assert 'href="?sort=subject&amp;page=2" rel="next"' in first
    assert "Gamma" in second and "Alpha" not in second


@pytest.mark.parametrize("query", ["", "?q=Frage"])
def test_thread_list_and_search_keep_their_number_of_queries_with_threads_in_german(
    partnership,
    coordinator,
    other_side_coordinator,
    client_of,
    django_assert_max_num_queries,
    query,
):
    """Threads written in German for an English reader, some about an agreement and some
    about a letter: each subject is looked up among its translations, each record it is
    about is named; the search lists each matching message with its thread's subject."""
    agreement = Agreement.objects.create(partnership=partnership, kind="solidarity", title="A")
    letter = letter_register(partnership, coordinator)
    client = client_of(coordinator)
    address = reverse("conversations:thread_list", args=[partnership.slug]) + query

    def threads(count, first=0):
        for number in range(first, first + count):
            thread = thread_start(
                partnership,
                other_side_coordinator,
                subject=f"Thema {number}",
                body="Eine Frage zum Besuch.",
                language="de",
                attached_to=agreement if number % 2 else letter,
            )
            post(thread, coordinator, body="Eine Frage zurück.", language="de")

    threads(2)  # one about each kind of record: a query per kind
    page = page_keeps_its_queries(
        client, address, lambda: threads(6, first=2), django_assert_max_num_queries
    )
    assert page.text.count("Thema ") >= 8
