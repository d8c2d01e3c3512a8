"""Records in the reader's language: a need written in Ukrainian is read in German in
Dortmund, machine-translated by the task worker through a (fake) LibreTranslate, corrected by
a person whose translation no machine replaces, with the original one click away."""

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pobratym.aid import services
from pobratym.aid.models import Need
from pobratym.translation.models import Translation, TranslationKind
from tests.factories import member_create
from tests.translation.fake_servers import fake_translation

pytestmark = pytest.mark.django_db

TITLE = "Генератори для міської лікарні"
DESCRIPTION = "Лікарня залишається без світла під час відключень. Потрібні два генератори."
ITEM = "Генератор 5 кВт"


@pytest.fixture
def people(partnership):
    return {
        "dortmund": member_create(partnership, "coordinator", 1, language="de").user,
        "zhytomyr": member_create(partnership, "coordinator", 2, language="uk").user,
        "observer": member_create(partnership, "observer", 1, language="de").user,
    }


def need_written_in_ukrainian(partnership, by, on_commit) -> Need:
    with on_commit(execute=True):
        return services.need_create(
            partnership=partnership,
            by=by,
            lines=[{"item": ITEM, "quantity": Decimal(2), "unit": "piece"}],
            idempotency_key=uuid.uuid4(),
            kind="equipment",
            sector="health",
            title=TITLE,
            description=DESCRIPTION,
            priority="high",
            institution="Міська лікарня № 1",
            institution_type="hospital",
            area="Житомир, Богунський район",
        )


def page(client, need, language="de") -> str:
    url = reverse("aid:need_detail", args=[need.partnership.slug, need.pk])
    response = client.get(url.replace("/en/", f"/{language}/", 1))
    assert response.status_code == 200
    return response.content.decode()


def translate_page(need, language="de") -> str:
    url = reverse("translation:edit", kwargs={"label": "aid.need", "pk": need.pk})
    return url.replace("/en/", f"/{language}/", 1)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_a_need_is_stored_in_the_language_it_was_written_in(partnership, people, on_commit):
    need = need_written_in_ukrainian(partnership, people["dortmund"], on_commit)
    # Written in Ukrainian by a person whose own language is German: the text decides.
    assert need.language == "uk"
    assert need.lines.get().language == "uk"


def test_the_worker_translates_and_each_reader_sees_their_language(
    partnership, people, libretranslate_server, settings, on_commit, run_worker, client_of
):
    libretranslate_server.use_in(settings)
    need = need_written_in_ukrainian(partnership, people["zhytomyr"], on_commit)
    run_worker()

    german = page(client_of(people["dortmund"]), need, "de")
    assert fake_translation(TITLE, "de") in german
    assert fake_translation(ITEM, "de") in german
    assert fake_translation(DESCRIPTION, "de") in german
    assert "Maschinelle Übersetzung" in german or "maschinelle Übersetzung" in german
    assert f'<p lang="uk">{TITLE}</p>' in german, "the original one click away"
    ukrainian = page(client_of(people["zhytomyr"]), need, "uk")
    assert TITLE in ukrainian and fake_translation(TITLE, "uk") not in ukrainian
    assert need.translations.filter(language="en").count() == 4  # title, description, …
    # One request per target language for the need and all its lines.
    assert len(libretranslate_server.requests) == 2


def test_a_failing_provider_loses_nothing_and_readers_see_the_original(
    partnership, people, libretranslate_server, settings, on_commit, run_worker, client_of
):
    libretranslate_server.use_in(settings, timeout=0.3)
    libretranslate_server.failure = 500
    need = need_written_in_ukrainian(partnership, people["zhytomyr"], on_commit)
    run_worker()

    assert not Translation.objects.exists()
    assert TITLE in page(client_of(people["dortmund"]), need, "de")
    retry = DBTaskResult.objects.filter(task_path__endswith="record_translate", status="READY")
    assert retry.get().run_after > timezone.now(), "tried again later, not at once"
    libretranslate_server.failure = None
    retry.update(run_after=timezone.now())
    run_worker()
    assert need.translations.filter(language="de", field="title").exists(), "retried"


def test_a_person_translates_and_no_machine_replaces_it(
    partnership, people, libretranslate_server, settings, on_commit, run_worker, client_of
):
    libretranslate_server.use_in(settings)
    need = need_written_in_ukrainian(partnership, people["zhytomyr"], on_commit)
    run_worker()
    client = client_of(people["dortmund"])
    form = client.get(translate_page(need))
    assert form.status_code == 200 and TITLE in form.content.decode()
    title = Translation.objects.get(field="title", language="de")

    shown = form.context["form"]
    sent = {name: shown[name].value() or "" for name in shown.fields}  # as a browser sends it
    assert sent["0-title-revision"] == title.revision

    response = client.post(
        translate_page(need), {**sent, "0-title": "Generatoren für das Stadtkrankenhaus"}
    )

    assert response.status_code == 302
    title.refresh_from_db()
    assert title.kind == TranslationKind.HUMAN and title.translated_by == people["dortmund"]
    with on_commit(execute=True):
        services.need_update(need=need, by=people["zhytomyr"], priority="normal")
    run_worker()
    title.refresh_from_db()
    assert title.text == "Generatoren für das Stadtkrankenhaus", "never replaced by a machine"
    german = page(client, need, "de")
    assert "Generatoren für das Stadtkrankenhaus" in german
    assert "übersetzt von" in german.lower() or "Übersetzt von" in german


def test_two_people_correcting_at_once_overwrite_nothing(partnership, people, on_commit, client_of):
    need = need_written_in_ukrainian(partnership, people["zhytomyr"], on_commit)
    first, second = client_of(people["dortmund"]), client_of(people["dortmund"])
    # Both opened the form when there was no translation yet.
    first.post(translate_page(need), {"0-title": "Erste Fassung"})

    response = second.post(translate_page(need), {"0-title": "Zweite Fassung"})

    assert response.status_code == 409
    assert "Inzwischen hat jemand anderes eine Übersetzung gespeichert" in response.content.decode()
    assert Translation.objects.get(field="title").text == "Erste Fassung"


def test_a_translation_longer_than_the_field_gets_a_clear_message(
    partnership, people, on_commit, client_of
):
    need = need_written_in_ukrainian(partnership, people["zhytomyr"], on_commit)

    response = client_of(people["dortmund"]).post(
        translate_page(need, "en"), {"0-title": "x" * 301}
    )

    assert response.status_code == 400
    assert "at most 300 characters" in response.content.decode()
    assert not Translation.objects.exists()


def test_the_translation_page_is_not_found_for_whoever_may_not_translate(
    partnership, other_partnership, people, on_commit, client_of
):
    need = need_written_in_ukrainian(partnership, people["zhytomyr"], on_commit)
    outsider = member_create(other_partnership, "coordinator", 1).user

    for person in (people["observer"], outsider):
        assert client_of(person).get(translate_page(need)).status_code == 404
    assert client_of(people["dortmund"]).get(translate_page(need)).status_code == 200
    assert (
        client_of(people["dortmund"])
        .get(reverse("translation:edit", kwargs={"label": "accounts.user", "pk": 1}))
        .status_code
        == 404
    )


def test_correcting_the_language_drops_the_machine_translations_and_makes_them_again(
    partnership, people, libretranslate_server, settings, on_commit, run_worker, client_of
):
    libretranslate_server.use_in(settings)
    with on_commit(execute=True):
        need = services.need_create(
            partnership=partnership,
            by=people["zhytomyr"],
            lines=[{"item": "Decke", "quantity": Decimal(5), "unit": "piece"}],
            idempotency_key=uuid.uuid4(),
            language="uk",  # chosen wrongly: it is German
            kind="goods",
            sector="shelter",
            title="Decken",
            priority="high",
            institution="Schule 5",
            institution_type="school",
            area="Schytomyr",
        )
    run_worker()
    assert need.translations.filter(language="de").exists()

    with on_commit(execute=True):
        response = client_of(people["dortmund"]).post(
            translate_page(need), {"language": "de", "next": "/"}
        )
    run_worker()

    assert response.status_code == 302
    need.refresh_from_db()
    assert need.language == "de" and need.lines.get().language == "de"
    assert not need.translations.filter(language="de").exists()
    assert need.translations.get(field="title", language="uk").text == fake_translation(
        "Decken", "uk"
    )


def test_the_needs_list_finds_a_need_by_words_of_any_of_its_languages(
    partnership, people, libretranslate_server, settings, on_commit, run_worker, client_of
):
    libretranslate_server.use_in(settings)
    need = need_written_in_ukrainian(partnership, people["zhytomyr"], on_commit)
    other = need_written_in_ukrainian(partnership, people["zhytomyr"], on_commit)
    Need.objects.filter(pk=other.pk).update(title="Ковдри для школи", description="")
    run_worker()
    client = client_of(people["dortmund"])
    url = reverse("aid:need_list", args=[partnership.slug]).replace("/en/", "/de/", 1)

    def found(words):
        response = client.get(url, {"q": words})
        assert response.status_code == 200
        return [n.pk for n in response.context["page"].object_list]

    assert found("генератори") == [need.pk], "the original, in any case"
    assert found("[de] Генератори") == [need.pk], "the German translation"
    assert set(found("5 КВТ")) == {need.pk, other.pk}, "an item of each"
    assert found("Fahrräder") == []


def test_an_unknown_original_language_is_refused_with_a_message(
    partnership, people, on_commit, client_of
):
    need = need_written_in_ukrainian(partnership, people["zhytomyr"], on_commit)

    response = client_of(people["dortmund"]).post(
        translate_page(need, "en"), {"language": "ru", "next": "/"}, follow=True
    )

    assert "This language is not offered." in response.content.decode()
    need.refresh_from_db()
    assert need.language == "uk"
