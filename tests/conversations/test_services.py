"""The conversation services: posting once per key, limits, languages, translations with
revisions, read state, "seen by the other side" and restricted threads."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from pobratym.conversations import events, selectors, services
from pobratym.conversations.models import Message, MessageAttachment, MessageRead, Thread
from pobratym.core.errors import DomainError
from pobratym.partnerships.models import Role
from pobratym.translation.models import Translation
from tests.agreements.files import pdf_upload
from tests.conversations.factories import post, thread_start
from tests.factories import member_create

pytestmark = pytest.mark.django_db


def test_thread_starts_with_its_first_message_and_the_creator_taking_part(partnership, coordinator):
    thread = thread_start(partnership, coordinator, body="Guten Tag")

    assert thread.subject == "Our next steps"
    assert list(thread.participants.all()) == [coordinator]
    assert thread.messages.get().body == "Guten Tag"
    assert thread.last_message_at == thread.messages.get().created_at


def test_same_key_posts_once(partnership, coordinator, other_side_coordinator):
    thread = thread_start(partnership, coordinator)
    key = uuid.uuid4()

    first = post(thread, other_side_coordinator, "Once only", idempotency_key=key)
    again = post(thread, other_side_coordinator, "Once only", idempotency_key=key)

    assert again.pk == first.pk
    assert thread.messages.filter(body="Once only").count() == 1


def test_same_key_starts_one_thread(partnership, coordinator):
    key = uuid.uuid4()

    first = thread_start(partnership, coordinator, idempotency_key=key)
    again = thread_start(partnership, coordinator, idempotency_key=key)

    assert again.pk == first.pk
    assert Thread.objects.count() == 1


def test_same_key_of_two_people_are_two_messages(partnership, coordinator, staff):
    thread = thread_start(partnership, coordinator)
    key = uuid.uuid4()

    post(thread, coordinator, idempotency_key=key)
    post(thread, staff, idempotency_key=key)

    assert thread.messages.count() == 3


def test_posted_hook_runs_after_commit_once(
    partnership, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    called = []
    monkeypatch.setattr(events, "message_posted", called.append)
    thread = thread_start(partnership, coordinator)
    key = uuid.uuid4()

    with django_capture_on_commit_callbacks(execute=True):
        message = post(thread, coordinator, idempotency_key=key)
        post(thread, coordinator, idempotency_key=key)

    assert called == [message]


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_empty_message_is_refused(partnership, coordinator, body):
    thread = thread_start(partnership, coordinator)

    with pytest.raises(DomainError) as error:
        post(thread, coordinator, body)

    assert error.value.code == "empty"


def test_message_over_the_limit_is_refused_and_nothing_stored(partnership, coordinator, settings):
    settings.POBRATYM_MESSAGE_MAX_CHARS = 50
    thread = thread_start(partnership, coordinator)

    with pytest.raises(DomainError) as error:
        post(thread, coordinator, "x" * 51)

    assert error.value.code == "message_too_long"
    assert "51" in error.value.message
    assert thread.messages.count() == 1
    post(thread, coordinator, "x" * 50)


def test_language_is_detected_unless_given(partnership, coordinator):
    thread = thread_start(partnership, coordinator)

    german = post(
        thread, coordinator, "Wir schicken die Unterlagen morgen mit der Post.", language=None
    )
    ukrainian = post(thread, coordinator, "Дякуємо за допомогу нашому місту!", language=None)

    assert (german.language, ukrainian.language) == ("de", "uk")


def test_undecidable_text_takes_the_authors_language(partnership, coordinator, monkeypatch):
    from pobratym.translation import detection

    seen = {}

    def detect(text, *, default):
        seen["default"] = default
        return default

    monkeypatch.setattr(detection, "detect_language", detect)
    coordinator.language = "uk"
    thread = thread_start(partnership, coordinator)

    message = post(thread, coordinator, "OK", language=None)

    assert message.language == "uk"
    assert seen["default"] == "uk"


def test_member_corrects_the_language_and_observer_cannot(partnership, coordinator, staff):
    observer = member_create(partnership, Role.OBSERVER, position=2).user
    thread = thread_start(partnership, coordinator, language="en")
    message = thread.messages.get()

    services.message_language_set(message=message, by=staff, language="de")
    with pytest.raises(PermissionDenied):
        services.message_language_set(message=message, by=observer, language="uk")
    with pytest.raises(DomainError):
        services.message_language_set(message=message, by=staff, language="fr")

    message.refresh_from_db()
    assert message.language == "de"
    assert message.history.first().history_user == staff


def _message(partnership, coordinator):
    thread = thread_start(partnership, coordinator, body="Guten Tag", language="de")
    return thread.messages.get()


def test_human_translation_is_kept_with_its_author(
    partnership, coordinator, other_side_coordinator
):
    message = _message(partnership, coordinator)

    translation = services.translation_save(
        message=message, by=other_side_coordinator, language="uk", text="Добрий день", revision=0
    )

    assert (translation.kind, translation.translated_by, translation.revision) == (
        "human",
        other_side_coordinator,
        1,
    )


def test_correction_replaces_a_machine_translation(
    partnership, coordinator, other_side_coordinator
):
    message = _message(partnership, coordinator)
    message.translations.create(
        field="body", language="uk", text="День добрий", kind="machine", provider="deepl"
    )

    services.translation_save(
        message=message, by=other_side_coordinator, language="uk", text="Добрий день", revision=1
    )

    translation = Translation.objects.get()
    assert (translation.text, translation.kind, translation.provider) == (
        "Добрий день",
        "human",
        "",
    )
    assert (translation.translated_by, translation.revision) == (other_side_coordinator, 2)
    assert translation.history.first().history_user == other_side_coordinator


def test_second_editor_of_the_same_revision_is_told_and_nothing_is_overwritten(
    partnership, coordinator, other_side_coordinator, staff
):
    message = _message(partnership, coordinator)
    services.translation_save(
        message=message, by=other_side_coordinator, language="uk", text="Перша", revision=0
    )
    # Both opened the form at revision 1; the first to save wins.
    services.translation_save(
        message=message, by=other_side_coordinator, language="uk", text="Друга", revision=1
    )

    with pytest.raises(DomainError) as error:
        services.translation_save(
            message=message, by=staff, language="uk", text="Третя", revision=1
        )

    assert error.value.code == "translation_changed"
    translation = Translation.objects.get()
    assert (translation.text, translation.revision) == ("Друга", 2)
    assert translation.translated_by == other_side_coordinator


def test_two_first_translations_at_once_the_second_is_told(
    partnership, coordinator, other_side_coordinator, staff
):
    message = _message(partnership, coordinator)
    services.translation_save(
        message=message, by=other_side_coordinator, language="uk", text="Перша", revision=0
    )

    with pytest.raises(DomainError) as error:
        services.translation_save(
            message=message, by=staff, language="uk", text="Друга", revision=0
        )

    assert error.value.code == "translation_changed"
    assert Translation.objects.get().text == "Перша"


def test_translation_into_the_original_language_is_refused(partnership, coordinator):
    message = _message(partnership, coordinator)

    with pytest.raises(DomainError) as error:
        services.translation_save(
            message=message, by=coordinator, language="de", text="Hallo", revision=0
        )

    assert error.value.code == "original_language"


def test_observer_cannot_translate_or_post(partnership, coordinator):
    observer = member_create(partnership, Role.OBSERVER, position=2).user
    message = _message(partnership, coordinator)

    with pytest.raises(PermissionDenied):
        services.translation_save(
            message=message, by=observer, language="uk", text="Привіт", revision=0
        )
    with pytest.raises(PermissionDenied):
        post(message.thread, observer)
    with pytest.raises(PermissionDenied):
        thread_start(partnership, observer)


def test_reading_marks_read_once_and_counts_drop(
    partnership, coordinator, other_side_coordinator, other_partnership, outsider
):
    thread = thread_start(partnership, coordinator)
    post(thread, coordinator)
    elsewhere = member_create(other_partnership, Role.COORDINATOR, position=2).user
    thread_start(other_partnership, outsider, body="elsewhere")
    assert selectors.unread_count(viewer=other_side_coordinator) == 2
    assert selectors.unread_count(viewer=coordinator) == 0  # one's own messages are read
    assert selectors.unread_count(viewer=elsewhere) == 1

    assert services.messages_mark_read(thread=thread, user=other_side_coordinator) == 2
    assert services.messages_mark_read(thread=thread, user=other_side_coordinator) == 0

    assert selectors.unread_count(viewer=other_side_coordinator) == 0
    assert MessageRead.objects.filter(user=other_side_coordinator).count() == 2


def test_seen_by_the_other_side_only_when_someone_of_the_other_side_read_it(
    partnership, coordinator, staff, other_side_coordinator
):
    thread = thread_start(partnership, coordinator)

    def seen():
        detail = selectors.thread_detail(viewer=coordinator, thread=thread, language="en")
        return detail.messages[0].seen_by_other_side

    assert not seen()
    services.messages_mark_read(thread=thread, user=staff)  # the author's own side
    assert not seen()
    services.messages_mark_read(thread=thread, user=other_side_coordinator)
    assert seen()


def test_restricted_thread_is_seen_by_participants_only(
    partnership, coordinator, staff, other_side_coordinator
):
    thread = thread_start(
        partnership, coordinator, restricted=True, participants=[other_side_coordinator]
    )

    assert [
        t.pk for t in selectors.thread_list(viewer=other_side_coordinator, partnership=partnership)
    ] == [thread.pk]
    assert list(selectors.thread_list(viewer=staff, partnership=partnership)) == []
    assert selectors.unread_count(viewer=staff) == 0
    with pytest.raises(PermissionDenied):
        post(thread, staff)
    post(thread, other_side_coordinator)


def test_participants_must_be_members(partnership, coordinator, outsider):
    with pytest.raises(DomainError) as error:
        thread_start(partnership, coordinator, participants=[outsider])

    assert error.value.code == "not_a_member"
    assert Thread.objects.count() == 0


def test_thread_about_a_record_of_another_partnership_is_refused(
    partnership, coordinator, other_partnership
):
    from pobratym.agreements.models import Agreement

    agreement = Agreement.objects.create(
        partnership=other_partnership, kind="solidarity", title="Elsewhere"
    )

    with pytest.raises(DomainError) as error:
        thread_start(partnership, coordinator, attached_to=agreement)

    assert error.value.code == "other_partnership"


def test_attachments_are_cleaned_and_bad_files_store_nothing(partnership, coordinator):
    thread = thread_start(partnership, coordinator)

    message = post(thread, coordinator, attachments=[pdf_upload("Plan 2024.pdf")])
    with pytest.raises(DomainError) as error:
        post(
            thread,
            coordinator,
            "with a bad file",
            attachments=[SimpleUploadedFile("x.pdf", b"<html><script>", "application/pdf")],
        )

    assert error.value.code == "file_type"
    attachment = MessageAttachment.objects.get()
    assert attachment.message == message
    assert attachment.name == "Plan 2024.pdf"
    assert attachment.file.name.startswith("conversations/")
    assert not Message.objects.filter(body="with a bad file").exists()


def test_search_finds_original_and_translations_in_any_case(
    partnership, coordinator, other_side_coordinator
):
    thread = thread_start(
        partnership, coordinator, body="Die Lieferung kommt am Montag", language="de"
    )
    message = thread.messages.get()
    services.translation_save(
        message=message,
        by=other_side_coordinator,
        language="uk",
        text="Відправлення прибуде в понеділок",
        revision=0,
    )

    def found(query):
        return [
            m.pk
            for m in selectors.message_search(
                viewer=coordinator, partnership=partnership, query=query
            )
        ]

    assert found("LIEFERUNG") == [message.pk]
    assert found("відправлення") == [message.pk]
    assert found("ПОНЕДІЛОК") == [message.pk]
    assert found("montag ПОНЕДІЛОК") == [message.pk]
    assert found("вівторок") == []


def test_search_does_not_reach_restricted_threads_of_others(partnership, coordinator, staff):
    thread_start(partnership, coordinator, body="Geheim", restricted=True)

    assert (
        list(selectors.message_search(viewer=staff, partnership=partnership, query="geheim")) == []
    )
    assert (
        len(selectors.message_search(viewer=coordinator, partnership=partnership, query="geheim"))
        == 1
    )
