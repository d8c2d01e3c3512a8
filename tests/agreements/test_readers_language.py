"""Agreements and letters in the reader's language (decision 0013): a letter registered in
Zhytomyr is read in German in Dortmund, machine-translated by the task worker through a
(fake) LibreTranslate, found by words of its translation; an agreement's title and terms are
shown in Ukrainian on a Ukrainian page, with the original one click away."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_tasks_db.models import DBTaskResult

from pobratym.agreements.selectors.letters import letter_list
from pobratym.agreements.services import agreements as services
from pobratym.agreements.services import letters as letter_services
from pobratym.translation.models import Translation, TranslationKind, digest_of
from pobratym.translation.services import translation_save
from tests.agreements.factories import TEXTS, agreement_draft, agreement_in_force, people
from tests.agreements.letter_factories import letter_register
from tests.factories import member_create, partnership_create
from tests.translation.fake_servers import fake_translation

pytestmark = pytest.mark.django_db

SUBJECT = "Пропозиція укласти угоду про побратимство між містами Житомир і Дортмунд"
SUMMARY = "Житомирський міський голова дякує Дортмунду за гуманітарну допомогу."
GOVERNING_LAW = "Ukrainian law and the law of the Federal Republic of Germany"
NOTICE_RULES = "Either party may terminate the agreement in writing."


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def dortmund(partnership):
    return member_create(partnership, "coordinator", 1, language="de").user


@pytest.fixture
def zhytomyr(partnership):
    return member_create(partnership, "coordinator", 2, language="uk").user


def in_language(url: str, language: str) -> str:
    return url.replace("/en/", f"/{language}/", 1)


def page(client, url: str, language: str) -> str:
    response = client.get(in_language(url, language))
    assert response.status_code == 200
    return response.content.decode()


def without_originals(html: str) -> str:
    """The page as read before opening any "Original" disclosure."""
    return re.sub(r'<details class="original">.*?</details>', "", html, flags=re.S)


def in_catalogue(text: str, language: str) -> str:
    with translation.override(language):
        return gettext(text)


def letter_from_zhytomyr(partnership, by, on_commit, **fields):
    with on_commit(execute=True):
        return letter_register(
            partnership, by, subject=SUBJECT, summary=SUMMARY, letter_language="uk", **fields
        )


def letter_url(letter) -> str:
    return reverse("agreements:letter_detail", args=[letter.partnership.slug, letter.pk])


def human_translation(record, field: str, language: str, text: str) -> Translation:
    return Translation.objects.create(
        record=record,
        field=field,
        language=language,
        text=text,
        kind=TranslationKind.HUMAN,
        source_digest=digest_of(record.original(field)),
    )


# letters


def test_a_letter_keeps_its_own_language_apart_from_that_of_its_subject(partnership, dortmund):
    letter = letter_register(
        partnership,
        dortmund,
        direction="incoming",
        subject="Vorschlag einer Städtepartnerschaft zwischen Schytomyr und Dortmund",
        letter_language="uk",
    )

    # A Ukrainian letter, registered in Dortmund under a German subject.
    assert (letter.letter_language, letter.language) == ("uk", "de")


def test_a_german_reader_sees_a_ukrainian_subject_translated_with_the_mark_and_original(
    partnership,
    dortmund,
    zhytomyr,
    libretranslate_server,
    settings,
    on_commit,
    run_worker,
    client_of,
):
    libretranslate_server.use_in(settings)
    letter = letter_from_zhytomyr(partnership, zhytomyr, on_commit)
    assert letter.language == "uk"
    run_worker()

    german = page(client_of(dortmund), letter_url(letter), "de")

    assert fake_translation(SUBJECT, "de") in german
    assert fake_translation(SUMMARY, "de") in german
    assert in_catalogue("machine translation", "de") in german
    assert f'<p lang="uk">{SUBJECT}</p>' in german, "the original one click away"
    assert f">{SUBJECT}<" not in without_originals(german)
    listed = page(
        client_of(dortmund), reverse("agreements:letter_list", args=[partnership.slug]), "de"
    )
    assert fake_translation(SUBJECT, "de") in listed
    ukrainian = page(client_of(zhytomyr), letter_url(letter), "uk")
    assert SUBJECT in ukrainian and fake_translation(SUBJECT, "uk") not in ukrainian


def test_correcting_a_letter_translates_it_again(
    partnership, zhytomyr, libretranslate_server, settings, on_commit, run_worker
):
    libretranslate_server.use_in(settings)
    letter = letter_from_zhytomyr(partnership, zhytomyr, on_commit)
    run_worker()

    with on_commit(execute=True):
        letter_services.letter_update(letter=letter, by=zhytomyr, subject="Подяка за допомогу")
    run_worker()

    assert letter.translations.get(field="subject", language="de").text == fake_translation(
        "Подяка за допомогу", "de"
    )


def test_the_letters_search_finds_a_letter_by_a_word_of_its_german_translation(
    partnership, dortmund, zhytomyr, on_commit, client_of
):
    letter = letter_from_zhytomyr(partnership, zhytomyr, on_commit)
    letter_register(partnership, zhytomyr, subject="Запрошення на День міста")
    translation_save(
        record=letter,
        field="subject",
        language="de",
        text="Vorschlag einer Städtepartnerschaft zwischen Schytomyr und Dortmund",
        by=dortmund,
        revision=None,
    )

    def found(words):
        return list(letter_list(viewer=dortmund, partnership=partnership, filters=words))

    assert found({"subject": "städtepartnerschaft schytomyr"}) == [letter]
    assert found({"subject": "побратимство"}) == [letter], "the original still finds it"
    assert found({"subject": "städtepartnerschaft запрошення"}) == []
    listed = page(
        client_of(dortmund),
        reverse("agreements:letter_list", args=[partnership.slug]) + "?subject=Städtepartnerschaft",
        "de",
    )
    assert "Vorschlag einer Städtepartnerschaft" in listed
    assert "Запрошення" not in listed


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_letter_pages_make_as_many_queries_with_many_translations_as_with_one(
    partnership, dortmund, zhytomyr, client_of
):
    client = client_of(dortmund)
    agreement = agreement_draft(partnership, dortmund)
    human_translation(agreement, "title", "de", "Solidaritätspartnerschaft")

    def grow(size):
        for number in range(size):
            letter = letter_register(
                partnership, zhytomyr, subject=f"Лист {number}", agreement=agreement
            )
            human_translation(letter, "subject", "de", f"Brief {number}")
            human_translation(letter, "summary", "de", f"Zusammenfassung {number}")
            reply = letter_register(partnership, dortmund, in_reply_to=letter)
            human_translation(reply, "subject", "de", f"Antwort {number}")
            yield letter

    first = next(grow(1))
    address = in_language(letter_url(first), "de")
    listing = in_language(reverse("agreements:letter_list", args=[partnership.slug]), "de")
    client.get(address), client.get(listing)  # warm the caches (session, content types)
    few = queries_of(client, address), queries_of(client, listing)

    for letter in grow(6):
        reply = letter_register(partnership, zhytomyr, in_reply_to=first)
        human_translation(reply, "subject", "de", f"Antwort auf {letter.pk}")

    assert (queries_of(client, address), queries_of(client, listing + "?subject=Brief")) == few
    assert "Brief 0" in client.get(address).content.decode()


# agreements


def agreement_in_english(partnership, team, on_commit):
    with on_commit(execute=True):
        return agreement_in_force(
            partnership,
            team,
            title="Solidarity partnership",
            governing_law=GOVERNING_LAW,
            notice_rules=NOTICE_RULES,
            notice_period_days=90,
        )


def agreement_url(agreement) -> str:
    return reverse("agreements:detail", args=[agreement.partnership.slug, agreement.pk])


def translate_page(record) -> str:
    return reverse("translation:edit", kwargs={"label": record._meta.label_lower, "pk": record.pk})


def test_the_worker_translates_an_agreements_title_and_terms(
    libretranslate_server, settings, on_commit, run_worker
):
    libretranslate_server.use_in(settings)
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_english(partnership, team, on_commit)
    assert agreement.language == "en"
    run_worker()

    german = {t.field: t.text for t in agreement.translations.filter(language="de")}
    assert german == {
        "title": fake_translation("Solidarity partnership", "de"),
        "governing_law": fake_translation(GOVERNING_LAW, "de"),
        "notice_rules": fake_translation(NOTICE_RULES, "de"),
    }


def test_changing_the_terms_queues_their_translation(on_commit):
    partnership = partnership_create()
    team = people(partnership)
    with on_commit(execute=True):
        agreement = agreement_draft(partnership, team["coordinator1"])
    with on_commit(execute=True):
        services.agreement_update(
            agreement=agreement, by=team["coordinator1"], governing_law=GOVERNING_LAW
        )

    queued = DBTaskResult.objects.filter(task_path__endswith="record_translate")
    assert [result.args_kwargs["args"][0] for result in queued] == ["agreements.agreement"] * 2


def test_the_ukrainian_agreement_page_has_no_english_term_labels_or_values(on_commit, client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_english(partnership, team, on_commit)
    zhytomyr = client_of(team["coordinator2"])
    ukrainian_terms = {
        "0-title": "Партнерство солідарності Дортмунд – Житомир",
        "0-governing_law": "Право України та право Федеративної Республіки Німеччина",
        "0-notice_rules": "Кожна сторона може розірвати угоду письмово.",
    }

    response = zhytomyr.post(
        in_language(translate_page(agreement), "uk"), {**ukrainian_terms, "next": "/"}
    )
    assert response.status_code == 302
    ukrainian = without_originals(page(zhytomyr, agreement_url(agreement), "uk"))

    for english in (GOVERNING_LAW, NOTICE_RULES, "Solidarity partnership"):
        assert english not in ukrainian
    for label in ("Terms", "Legal effect", "not legally binding", "Governing law", "Term"):
        assert f">{label}<" not in ukrainian
        assert in_catalogue(label, "uk") in ukrainian
    for label in ("Notice rules", "Notice period", "Authoritative language"):
        assert f">{label}<" not in ukrainian
    assert ukrainian_terms["0-governing_law"] in ukrainian
    assert ukrainian_terms["0-notice_rules"] in ukrainian
    marked = in_catalogue("translated by %(name)s", "uk") % {"name": team["coordinator2"].name}
    assert marked in ukrainian
    # The heading is the title of the Ukrainian text of the version shown.
    assert f"<h1>{TEXTS['uk'][0]} " in ukrainian
    assert f"<title>{TEXTS['uk'][0]} · " in ukrainian
    overview = page(zhytomyr, reverse("partnerships:dashboard", args=[partnership.slug]), "uk")
    assert TEXTS["uk"][0] in overview and "Solidarity partnership" not in overview


def test_without_a_text_in_the_readers_language_the_heading_is_the_translated_title(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(
        partnership, team["coordinator1"], title="Solidarity partnership", texts={"de": TEXTS["de"]}
    )
    human_translation(agreement, "title", "uk", "Партнерство солідарності Дортмунд – Житомир")

    ukrainian = page(client_of(team["coordinator2"]), agreement_url(agreement), "uk")

    assert "<h1>Партнерство солідарності Дортмунд – Житомир " in ukrainian
    assert '<p lang="en">Solidarity partnership</p>' in ukrainian, "the original one click away"


def test_only_coordinators_of_either_side_translate_an_agreement(on_commit, client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_english(partnership, team, on_commit)
    address = translate_page(agreement)

    for position in (1, 2):
        assert client_of(team[f"coordinator{position}"]).get(address).status_code == 200
    staff = member_create(partnership, "staff", 1).user
    for person in (team["signatory2"], staff):
        assert client_of(person).get(address).status_code == 404


def test_agreement_pages_make_as_many_queries_with_many_translations_as_with_one(client_of):
    partnership = partnership_create()
    team = people(partnership)
    client = client_of(team["coordinator2"])

    def grow():
        predecessor = agreement_in_force(partnership, team, title="Solidarity partnership")
        human_translation(predecessor, "title", "uk", "Партнерство солідарності")
        successor = services.successor_create(
            predecessor=predecessor,
            by=team["coordinator1"],
            title="Twinning",
            texts={"de": TEXTS["de"]},
            due_on=None,
        )
        human_translation(successor, "title", "uk", "Побратимство")
        return predecessor

    first = grow()
    addresses = [
        in_language(reverse("agreements:list", args=[partnership.slug]), "uk"),
        in_language(agreement_url(first), "uk"),
        in_language(reverse("partnerships:dashboard", args=[partnership.slug]), "uk"),
    ]
    for address in addresses:
        client.get(address)
    few = [queries_of(client, address) for address in addresses]

    for _ in range(4):
        grow()

    assert [queries_of(client, address) for address in addresses] == few
    assert "Побратимство" in client.get(addresses[0]).content.decode()


def test_a_reason_for_rejecting_an_amendment_is_read_in_the_other_language(
    libretranslate_server, settings, on_commit, run_worker, client_of
):
    """What one side writes about an agreement (here: why it rejects an amendment) reaches the
    other side translated, with the original one click away, and is corrected on the
    agreement's translation page."""
    from pobratym.agreements.services.amendments import amendment_propose, amendment_reject

    libretranslate_server.use_in(settings)
    partnership = partnership_create()
    team = people(partnership)
    team["signatory2"].language = "uk"
    team["signatory2"].save()
    agreement = agreement_in_force(partnership, team)
    amendment = amendment_propose(agreement=agreement, by=team["coordinator1"], texts=TEXTS)
    reason = "Ця зміна суперечить рішенню міської ради від 12 березня."
    with on_commit(execute=True):
        amendment_reject(amendment=amendment, by=team["signatory2"], reason=reason)
    run_worker()

    amendment.refresh_from_db()
    assert amendment.language == "uk"
    client = client_of(team["coordinator1"])
    with translation.override("de"):
        url = reverse("agreements:amendment", args=[partnership.slug, agreement.pk, 1])
        edit = reverse("translation:edit", args=["agreements.agreement", agreement.pk])
    german = page(client, url, "de")
    assert fake_translation(reason, "de") in german
    assert f'<div lang="uk"><p>{reason}</p>' in german
    assert reason in client.get(edit).content.decode()


def test_the_signers_office_and_place_read_in_the_page_and_the_papers_languages(
    libretranslate_server, settings, on_commit, run_worker, client_of
):
    from pypdf import PdfReader

    libretranslate_server.use_in(settings)
    partnership = partnership_create()
    team = people(partnership)
    for person in team.values():
        person.language = "en"
        person.save()
    with on_commit(execute=True):
        agreement = agreement_in_force(partnership, team)
    run_worker()

    assert {signature.language for signature in agreement.signatures.all()} == {"en"}
    with translation.override("de"):
        url = reverse("agreements:detail", args=[partnership.slug, agreement.pk])
        pdf = reverse("agreements:version_pdf", args=[partnership.slug, agreement.pk, 1])
    client = client_of(team["coordinator1"])
    assert fake_translation("Lord Mayor", "de") in page(client, url, "de")
    papers = client.get(pdf, {"languages": "de,uk"})
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(papers.content)).pages)
    assert fake_translation("Lord Mayor", "de") in text
    assert fake_translation("Lord Mayor", "uk") in text
