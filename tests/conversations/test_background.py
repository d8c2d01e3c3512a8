"""After a message is posted: the worker translates it through the provider and e-mails the
readers in their own language, through a real SMTP server; a failing provider loses nothing."""

import uuid

import pytest
from django.core.management import call_command
from django.db.models.signals import pre_save
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pobratym.conversations.models import EmailNotification, NotificationSetting
from pobratym.conversations.services import message_post, thread_create
from pobratym.partnerships.models import Role
from pobratym.translation.models import Translation, TranslationKind, digest_of
from tests.factories import member_create
from tests.translation.fake_servers import fake_translation

pytestmark = pytest.mark.django_db

GERMAN = "Wir schicken nächste Woche zwei Generatoren für das Krankenhaus."


@pytest.fixture
def people(partnership):
    return {
        "dortmund": member_create(partnership, Role.COORDINATOR, 1, language="de").user,
        "zhytomyr": member_create(
            partnership, Role.COORDINATOR, 2, language="uk", name="Olena Kovalenko"
        ).user,
        "observer": member_create(partnership, Role.OBSERVER, 2, language="en").user,
    }


def human_translation(message, language):
    """A person's translation stored directly, as if saved a moment before."""
    return message.translations.create(
        field="body",
        language=language,
        text="Людський переклад",
        kind="human",
        source_digest=digest_of(message.body),
    )


def post(partnership, by, body, thread=None, **options):
    if thread is None:
        return thread_create(
            partnership=partnership,
            by=by,
            subject="Generatoren",
            body=body,
            idempotency_key=uuid.uuid4(),
            **options,
        ).messages.get()
    return message_post(thread=thread, by=by, body=body, idempotency_key=uuid.uuid4(), **options)


def test_message_is_translated_and_mailed_in_each_readers_language(
    partnership,
    people,
    smtp_inbox,
    libretranslate_server,
    settings,
    on_commit,
    run_worker,
):
    libretranslate_server.use_in(settings)
    with on_commit(execute=True):
        message = post(partnership, people["dortmund"], GERMAN, language="de")
    run_worker()

    translations = {t.language: t for t in message.translations.all()}
    assert translations["uk"].text == fake_translation(GERMAN, "uk")
    assert translations["uk"].kind == TranslationKind.MACHINE
    assert set(translations) == {"uk", "en"}
    [to_zhytomyr] = smtp_inbox.to(people["zhytomyr"].email)
    body = smtp_inbox.text(to_zhytomyr)
    assert fake_translation(GERMAN, "uk") in body
    assert GERMAN in body, "the original is one step away"
    assert "Generatoren" in to_zhytomyr["Subject"]
    assert not smtp_inbox.to(people["dortmund"].email), "authors get no mail of their own"
    assert smtp_inbox.to(people["observer"].email)


def test_a_failing_provider_loses_nothing_and_the_translation_is_retried(
    partnership,
    people,
    smtp_inbox,
    libretranslate_server,
    settings,
    on_commit,
    run_worker,
):
    libretranslate_server.use_in(settings, timeout=0.3)
    libretranslate_server.failure = "slow"
    with on_commit(execute=True):
        message = post(partnership, people["dortmund"], GERMAN, language="de")
    run_worker()

    assert not message.translations.exists()
    [mail] = smtp_inbox.to(people["zhytomyr"].email)
    assert GERMAN in smtp_inbox.text(mail), "readers get the original meanwhile"
    retry = DBTaskResult.objects.filter(task_path__endswith="message_translate", status="READY")
    assert retry.get().run_after > timezone.now(), "tried again later, not at once"

    libretranslate_server.failure = None
    retry.update(run_after=timezone.now())
    run_worker()
    assert message.translations.filter(language="uk").exists()
    assert len(smtp_inbox.to(people["zhytomyr"].email)) == 1, "no second e-mail for a retry"


def test_a_line_break_in_the_subject_does_not_stop_the_emails(
    partnership,
    people,
    smtp_inbox,
    on_commit,
    run_worker,
):
    """A crafted form can put a line break in the subject; an e-mail header refuses it."""
    with on_commit(execute=True):
        thread_create(
            partnership=partnership,
            by=people["dortmund"],
            subject="Generatoren\r\nBcc: someone@example.org",
            body=GERMAN,
            idempotency_key=uuid.uuid4(),
            language="de",
        )
    run_worker()

    [mail] = smtp_inbox.to(people["zhytomyr"].email)
    assert "Generatoren Bcc: someone@example.org" in mail["Subject"]
    assert not smtp_inbox.to("someone@example.org")


def test_garbage_from_the_provider_is_not_stored(
    partnership,
    people,
    smtp_inbox,
    libretranslate_server,
    settings,
    on_commit,
    run_worker,
):
    libretranslate_server.use_in(settings)
    libretranslate_server.failure = "garbage"
    with on_commit(execute=True):
        message = post(partnership, people["dortmund"], GERMAN, language="de")
    run_worker()
    assert not message.translations.exists()
    assert message.body == GERMAN


def test_a_human_translation_is_never_replaced_by_a_machine_one(
    partnership, people, libretranslate_server, settings
):
    from pobratym.translation.providers import get_provider
    from pobratym.translation.services import record_translate_by_machine

    libretranslate_server.use_in(settings)
    message = post(partnership, people["dortmund"], GERMAN, language="de")
    human_translation(message, "uk")
    record_translate_by_machine(record=message, provider=get_provider())
    assert message.translations.get(language="uk").text == "Людський переклад"
    assert message.translations.get(language="en").kind == "machine"


def test_a_human_translation_saved_at_the_same_moment_stays_and_the_mail_goes(
    partnership,
    people,
    smtp_inbox,
    libretranslate_server,
    settings,
    on_commit,
    run_worker,
):
    """Someone saves the Ukrainian translation just before the machine one is stored: the
    unique (message, field, language) refuses the machine one, the task goes on and mails."""
    libretranslate_server.use_in(settings)

    def person_saves_first(sender, instance, **kwargs):
        if instance.kind == "machine" and instance.language == "uk" and instance.field == "body":
            human_translation(instance.record, "uk")

    pre_save.connect(person_saves_first, sender=Translation)
    try:
        with on_commit(execute=True):
            message = post(partnership, people["dortmund"], GERMAN, language="de")
        run_worker()
    finally:
        pre_save.disconnect(person_saves_first, sender=Translation)

    # (The person's row, written on this same connection, goes with the refused insert.)
    assert not message.translations.filter(language="uk", kind="machine").exists()
    assert message.translations.get(language="en").kind == "machine"
    assert smtp_inbox.to(people["zhytomyr"].email)
    assert not DBTaskResult.objects.filter(status="FAILED").exists()


def test_digest_readers_get_no_mail_per_message_but_mentions_reach_them(
    partnership,
    people,
    smtp_inbox,
    on_commit,
    run_worker,
):
    NotificationSetting.objects.create(user=people["zhytomyr"], email=EmailNotification.DAILY)
    NotificationSetting.objects.create(user=people["observer"], email=EmailNotification.NONE)
    with on_commit(execute=True):
        message = post(partnership, people["dortmund"], GERMAN, language="de")
        post(
            partnership,
            people["dortmund"],
            "@Olena Kovalenko bitte bestätigen Sie den Termin.",
            thread=message.thread,
            language="de",
        )
    run_worker()

    [mention] = smtp_inbox.to(people["zhytomyr"].email)
    assert "bitte bestätigen" in smtp_inbox.text(mention)
    assert not smtp_inbox.to(people["observer"].email)

    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    digest = smtp_inbox.to(people["zhytomyr"].email)[-1]
    assert GERMAN in smtp_inbox.text(digest)
    assert "2" in digest["Subject"]
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(smtp_inbox.to(people["zhytomyr"].email)) == 2, "one digest a day"


def test_correcting_the_language_translates_again_without_new_mail(
    partnership,
    people,
    smtp_inbox,
    libretranslate_server,
    settings,
    on_commit,
    run_worker,
):
    from pobratym.conversations.services import message_language_set

    libretranslate_server.use_in(settings)
    with on_commit(execute=True):
        message = post(partnership, people["dortmund"], "Hallo zusammen", language="en")
    run_worker()
    assert message.translations.get(language="de").text == fake_translation("Hallo zusammen", "de")
    mails = len(smtp_inbox.messages)

    with on_commit(execute=True):
        message_language_set(message=message, by=people["zhytomyr"], language="de")
    run_worker()

    assert set(message.translations.values_list("language", flat=True)) == {"uk", "en"}
    assert libretranslate_server.requests[-1].data["source"] == "de"
    assert len(smtp_inbox.messages) == mails


def test_a_misconfigured_provider_still_lets_the_mail_go_out(
    partnership,
    people,
    smtp_inbox,
    settings,
    on_commit,
    run_worker,
):
    settings.POBRATYM_TRANSLATION_PROVIDER = "libretranslate"
    settings.LIBRETRANSLATE_URL = ""  # refused by get_provider() with ImproperlyConfigured
    with on_commit(execute=True):
        post(partnership, people["dortmund"], GERMAN, language="de")
    run_worker()
    [mail] = smtp_inbox.to(people["zhytomyr"].email)
    assert GERMAN in smtp_inbox.text(mail)


def test_a_mail_server_refusing_one_reader_loses_no_e_mail_and_sends_none_twice(
    partnership, people, smtp_inbox, run_worker, on_commit
):
    """The worker was stopped while a message was posted; when it runs, the mail server
    refuses one reader for a while. The others get theirs at once, the refused one later,
    everyone exactly once, even when the notification runs again."""
    from pobratym.conversations.tasks import message_notify_task

    staff = member_create(partnership, Role.STAFF, 2, language="uk").user
    readers = [people["zhytomyr"], people["observer"], staff]
    smtp_inbox.refused = {people["observer"].email}
    with on_commit(execute=True):
        message = post(partnership, people["dortmund"], GERMAN)

    run_worker()
    assert [len(smtp_inbox.to(person.email)) for person in readers] == [1, 0, 1]

    smtp_inbox.refused.clear()
    # Later: the retry falls due.
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    run_worker()
    message_notify_task.enqueue(message.pk)  # a repeated notification, say after a crash
    run_worker()
    assert [len(smtp_inbox.to(person.email)) for person in readers] == [1, 1, 1]
    assert "Generatoren" in smtp_inbox.to(people["observer"].email)[0]["Subject"]


def test_a_digest_refused_for_one_person_still_reaches_the_others(partnership, people, smtp_inbox):
    from pobratym.conversations.notifications import digests_send

    for person in people.values():
        NotificationSetting.objects.create(user=person, email=EmailNotification.DAILY)
    post(partnership, people["dortmund"], GERMAN)
    smtp_inbox.refused = {people["zhytomyr"].email}

    assert digests_send() == 1
    assert len(smtp_inbox.to(people["observer"].email)) == 1

    smtp_inbox.refused.clear()
    assert digests_send() == 1  # the refused person's digest, on the next run
    assert len(smtp_inbox.to(people["zhytomyr"].email)) == 1
    assert len(smtp_inbox.to(people["observer"].email)) == 1


def test_the_subject_is_translated_with_the_first_message_for_pages_and_e_mails(
    partnership,
    people,
    smtp_inbox,
    libretranslate_server,
    settings,
    on_commit,
    run_worker,
    client_of,
):
    from django.urls import reverse
    from django.utils import translation

    libretranslate_server.use_in(settings)
    with on_commit(execute=True):
        message = post(partnership, people["dortmund"], GERMAN, language="de")
    run_worker()

    subject = fake_translation("Generatoren", "uk")
    [mail] = smtp_inbox.to(people["zhytomyr"].email)
    assert subject in mail["Subject"]
    with translation.override("uk"):
        pages = [  # the inbox before the thread: opening it marks the message read
            reverse("conversations:thread_list", args=[partnership.slug]),
            reverse("conversations:inbox"),
            reverse("conversations:thread_detail", args=[partnership.slug, message.thread_id]),
        ]
    for url in pages:
        assert subject in client_of(people["zhytomyr"]).get(url).content.decode(), url
    found = client_of(people["zhytomyr"]).get(pages[0], {"q": subject.split()[-1]})
    assert subject in found.content.decode()


def test_what_piled_up_while_the_worker_was_stopped_goes_out_once_when_it_returns(
    partnership, people, smtp_inbox, libretranslate_server, settings, on_commit, run_worker
):
    """Three messages posted while no worker runs: nothing is translated or mailed yet, nothing
    is lost; when the worker returns each is translated and reaches each reader once, and a
    second run sends nothing more."""
    libretranslate_server.use_in(settings)
    bodies = [f"{GERMAN} ({number})" for number in range(3)]
    with on_commit(execute=True):
        first = post(partnership, people["dortmund"], bodies[0], language="de")
        for body in bodies[1:]:
            post(partnership, people["dortmund"], body, thread=first.thread, language="de")
    assert not Translation.objects.exists() and not smtp_inbox.messages
    assert DBTaskResult.objects.filter(status="READY").count() >= len(bodies)

    run_worker()
    run_worker()

    translated = Translation.objects.filter(language="uk", field="body")
    assert sorted(translated.values_list("text", flat=True)) == sorted(
        fake_translation(body, "uk") for body in bodies
    )
    for reader in (people["zhytomyr"], people["observer"]):
        assert len(smtp_inbox.to(reader.email)) == len(bodies), reader.email
    assert not smtp_inbox.to(people["dortmund"].email), "the author gets no copy"
