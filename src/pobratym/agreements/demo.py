"""Agreements and letters of the demo partnership Dortmund–Zhytomyr, from the founding
documents. Idempotent: each function may run any number of times.

Each office registers a letter's subject and summary in its own language (Ukrainian in
Zhytomyr, German in Dortmund); they stand here beside the demo coordinators' translations into
the other two, as do the agreement's title and terms."""

from datetime import datetime
from zoneinfo import ZoneInfo

from pobratym.partnerships.demo import language_given, texts_of, translations_add, written_in
from pobratym.partnerships.models import Partnership

from . import demo_texts
from .models import Agreement, Letter
from .services.agreements import agreement_create

# The founding letter of 3 June 2022: Zhytomyr's mayor proposes twinning to Dortmund's Lord
# Mayor; registered outgoing in Zhytomyr and incoming in Dortmund. Written in Ukrainian and
# English.
LETTERS = {
    "31/1915": {
        "city": "Zhytomyr",
        "direction": Letter.Direction.OUTGOING,
        "language": "uk",
        "registered_at": datetime(2022, 6, 3, 14, 53, tzinfo=ZoneInfo("Europe/Kyiv")),
        "file_index": "0.01-30",
        "sender": "Сергій Сухомлин, Житомирський міський голова",
        "addressee": "Thomas Westphal, Oberbürgermeister der Stadt Dortmund",
        "letter_language": "uk",
        "subject": {
            "uk": "Пропозиція укласти угоду про побратимство між містом Житомир (Україна) "
            "та містом Дортмунд (Німеччина)",
            "de": "Vorschlag, eine Städtepartnerschaftsvereinbarung zwischen der Stadt Schytomyr "
            "(Ukraine) und der Stadt Dortmund (Deutschland) zu schließen",
            "en": "Proposal to conclude a twinning agreement between the City of Zhytomyr "
            "(Ukraine) and the City of Dortmund (Germany)",
        },
        "summary": {
            "uk": (
                "Житомирський міський голова дякує Дортмунду за гуманітарну допомогу Житомиру "
                "та підтримку українців, які вимушено виїхали до Німеччини через війну Росії "
                "проти України, і пропонує укласти угоду про побратимство між містами в дусі "
                "європейської солідарності, міжнародного взаєморозуміння, дружби та миру. "
                "Лист українською та англійською мовами."
            ),
            "de": (
                "Der Bürgermeister der Stadt Schytomyr dankt Dortmund für die humanitäre Hilfe "
                "für Schytomyr und für die Unterstützung der Ukrainerinnen und Ukrainer, die "
                "infolge des Krieges Russlands gegen die Ukraine nach Deutschland ausreisen "
                "mussten, und schlägt vor, im Geiste europäischer Solidarität, internationaler "
                "Verständigung, Freundschaft und des Friedens eine "
                "Städtepartnerschaftsvereinbarung zwischen beiden Städten zu schließen. "
                "Schreiben in ukrainischer und englischer Sprache."
            ),
            "en": (
                "The Mayor of Zhytomyr thanks Dortmund for its humanitarian aid to Zhytomyr and "
                "for supporting the Ukrainians whom Russia's war against Ukraine forced to leave "
                "for Germany, and proposes a twinning agreement between the two cities in the "
                "spirit of European solidarity, international understanding, friendship and "
                "peace. The letter is in Ukrainian and English."
            ),
        },
    },
    "OB/2022/0614": {
        "city": "Dortmund",
        "direction": Letter.Direction.INCOMING,
        "language": "de",
        "registered_at": datetime(2022, 6, 7, 9, 30, tzinfo=ZoneInfo("Europe/Berlin")),
        "file_index": "OB 1.3 – Schytomyr",
        "sender": "Serhij Suchomlyn, Bürgermeister der Stadt Schytomyr",
        "addressee": "Thomas Westphal, Oberbürgermeister der Stadt Dortmund",
        "letter_language": "uk",
        "subject": {
            "de": "Vorschlag einer Städtepartnerschaft zwischen Schytomyr und Dortmund",
            "uk": "Пропозиція щодо побратимства міст Житомир і Дортмунд",
            "en": "Proposal of a twinning between Zhytomyr and Dortmund",
        },
        "summary": {
            "de": (
                "Eingang des Schreibens Nr. 31/1915 vom 03.06.2022 aus Schytomyr (ukrainisch "
                "und englisch): Dank für die humanitäre Hilfe und Vorschlag, eine "
                "Städtepartnerschaftsvereinbarung zu schließen. Die Dortmunder Registriernummer "
                "und das Eingangsdatum sind für die Demo erfunden."
            ),
            "uk": (
                "Вхідний лист № 31/1915 від 03.06.2022 з Житомира (українською та англійською "
                "мовами): подяка за гуманітарну допомогу та пропозиція укласти угоду про "
                "побратимство. Реєстраційний номер у Дортмунді та дату надходження для "
                "демонстраційної версії вигадано."
            ),
            "en": (
                "Receipt of letter No. 31/1915 of 3 June 2022 from Zhytomyr (in Ukrainian and "
                "English): thanks for the humanitarian aid and a proposal to conclude a twinning "
                "agreement. The Dortmund registration number and date of receipt are invented "
                "for the demo."
            ),
        },
    },
}

# Dortmund drafted the agreement in German.
AGREEMENT_LANGUAGE = "de"
VERSION_NOTE = {"de": "Entwurf 2023", "uk": "Проєкт 2023 року", "en": "Draft of 2023"}


def _letter(side, registration_number: str, fields: dict) -> Letter:
    # Created once; what people changed in the demo since then stays.
    language = fields["language"]
    letter, _created = Letter.objects.get_or_create(
        side=side,
        direction=fields.pop("direction"),
        registration_number=registration_number,
        defaults={"partnership_id": side.partnership_id, **written_in(fields, language)},
    )
    letter = language_given(letter, language)
    translations_add(letter, texts_of(fields))
    return letter


def load_letters(partnership: Partnership) -> list[Letter]:
    """The founding letter, registered in both offices."""
    sides = {side.city.name_en: side for side in partnership.sides.select_related("city")}
    letters = []
    for registration_number, fields in LETTERS.items():
        fields = dict(fields)
        side = sides[fields.pop("city")]
        letters.append(_letter(side, registration_number, fields))
    return letters


def load_agreement(partnership: Partnership, by) -> Agreement:
    """The draft solidarity partnership of 2023, version 1 still a draft, in de, uk and en;
    the founding letters are filed with it."""
    agreement = partnership.agreements.filter(kind=Agreement.Kind.SOLIDARITY).first()
    if agreement is None:
        texts = {
            language: (demo_texts.TITLES[language], demo_texts.BODIES[language])
            for language in demo_texts.TITLES
        }
        agreement = agreement_create(
            partnership=partnership,
            by=by,
            kind=Agreement.Kind.SOLIDARITY,
            texts=texts,
            **written_in(demo_texts.TERMS, AGREEMENT_LANGUAGE),
        )
        agreement.versions.filter(number=1).update(note=VERSION_NOTE[AGREEMENT_LANGUAGE])
    agreement = language_given(agreement, AGREEMENT_LANGUAGE)
    translations_add(agreement, texts_of(demo_texts.TERMS))
    version = language_given(agreement.versions.get(number=1), AGREEMENT_LANGUAGE)
    translations_add(version, {"note": VERSION_NOTE})
    partnership.letters.filter(
        registration_number__in=list(LETTERS), agreement__isnull=True
    ).update(agreement=agreement)
    return agreement
