"""The demo partnership Dortmund–Zhytomyr, from the founding documents. Idempotent."""

import time
from collections.abc import Mapping

from allauth.mfa.app_settings import TOTP_PERIOD
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.db import transaction

from pobratym.accounts.models import User
from pobratym.accounts.services import email_verified_record
from pobratym.translation.models import Translatable, TranslationKind
from pobratym.translation.selectors import translations_of
from pobratym.translation.services import language_set, translation_save

from . import services
from .demo_code import TOTP_SECRET
from .models import ROLES_REQUIRING_TWO_FACTOR, City, FocusArea, Membership, Partnership, Role

# One text of the demo in each language, by language code: the original and its translations.
Texts = Mapping[str, str]

SLUG = "dortmund-zhytomyr"
PASSWORD = "pobratym-demo"  # noqa: S105 - published demo password, never in production

CITIES = {
    "dortmund": {
        "country": "DE",
        "name_de": "Dortmund",
        "name_uk": "Дортмунд",
        "name_en": "Dortmund",
        "region_de": "Nordrhein-Westfalen",
        "region_uk": "Північний Рейн – Вестфалія",
        "region_en": "North Rhine-Westphalia",
    },
    "zhytomyr": {
        "country": "UA",
        "name_de": "Schytomyr",
        "name_uk": "Житомир",
        "name_en": "Zhytomyr",
        "region_de": "Oblast Schytomyr",
        "region_uk": "Житомирська область",
        "region_en": "Zhytomyr Oblast",
    },
}

DESCRIPTION = {
    "description_de": (
        "Die Solidaritätspartnerschaft bietet eine Plattform für bilaterale Kommunikation und "
        "Kooperationsprojekte, primär humanitäre Hilfe in Schytomyr zu leisten und die Stadt "
        "beim Wiederaufbau zu unterstützen."
    ),
    "description_uk": (
        "Партнерство солідарності є платформою для двосторонньої комунікації та спільних "
        "проєктів, насамперед для гуманітарної допомоги Житомиру та підтримки відбудови міста."
    ),
    "description_en": (
        "The solidarity partnership offers a platform for bilateral communication and "
        "cooperation projects, first of all humanitarian aid in Zhytomyr and support for the "
        "city's reconstruction."
    ),
}

# From the draft agreement of 2023: humanitarian aid first, then the focus areas and measures.
FOCUS_AREAS = [
    ("humanitarian-aid", "Humanitäre Hilfe", "Гуманітарна допомога", "Humanitarian aid"),
    ("reconstruction", "Wiederaufbau", "Відбудова", "Reconstruction"),
    ("digitalisation", "Digitalisierung", "Цифровізація", "Digitalisation"),
    (
        "urban-planning-heritage",
        "Stadtplanung und Denkmalschutz",
        "Містобудування та охорона культурної спадщини",
        "Urban planning and heritage protection",
    ),
    (
        "economy-innovation",
        "Wirtschafts- und Innovationsförderung",
        "Підтримка економіки та інновацій",
        "Economic and innovation promotion",
    ),
    ("science", "Wissenschaft", "Наука", "Science"),
    ("culture", "Kulturaustausch", "Культурний обмін", "Cultural exchange"),
    (
        "expert-exchange",
        "Verwaltungs- und Fachaustausch",
        "Адміністративний та експертний обмін",
        "Administrative and expert exchange",
    ),
    ("youth", "Jugendbegegnungen", "Молодіжні обміни", "Youth encounters"),
]

PEOPLE = {
    "dortmund": {
        Role.COORDINATOR: "Anna Becker",
        Role.STAFF: "Jonas Schmidt",
        Role.SIGNATORY: "Petra Wagner",
        Role.PARTNER: "Miriam Öztürk",
        Role.OBSERVER: "Karl Fischer",
    },
    "zhytomyr": {
        Role.COORDINATOR: "Олена Коваленко",
        Role.STAFF: "Андрій Шевчук",
        Role.SIGNATORY: "Ірина Мельник",
        Role.PARTNER: "Тарас Бондар",
        Role.OBSERVER: "Наталія Ткаченко",
    },
}
LANGUAGE = {"dortmund": "de", "zhytomyr": "uk"}
TIME_ZONE = {"dortmund": "Europe/Berlin", "zhytomyr": "Europe/Kyiv"}


def demo_email(role: str, city: str) -> str:
    return f"{role}.{city}@example.org"


def demo_totp_code() -> str:
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // TOTP_PERIOD))


def demo_translator(*, original: str, language: str) -> User:
    """Who translates a demo record by hand: into German or Ukrainian, the coordinator whose
    language it is; into English, the coordinator whose language the original is."""
    cities = {spoken: city for city, spoken in LANGUAGE.items()}
    city = cities.get(language) or cities[original]
    return User.objects.get(email=demo_email(Role.COORDINATOR, city))


def written_in(fields: Mapping, language: str) -> dict:
    """A demo record's fields as their author writes them: each text (`Texts`) in `language`,
    the other values as they are."""
    return {
        name: value[language] if isinstance(value, Mapping) else value
        for name, value in fields.items()
    }


def texts_of(fields: Mapping) -> dict[str, Texts]:
    """The fields of a demo record that are written in every language."""
    return {name: value for name, value in fields.items() if isinstance(value, Mapping)}


def language_given(record: Translatable, language: str) -> Translatable:
    """`record` with the original language the demo wrote it in: one made before its kind of
    record knew its language (an earlier demo) is given it by that language's coordinator."""
    if record.language:
        return record
    by = demo_translator(original=language, language=language)
    return language_set(record=record, by=by, language=language)


def translations_add(record: Translatable, texts: Mapping[str, Texts]) -> None:
    """The demo coordinators' translations of `record`, through the same service as a
    person's: `texts` gives each translatable field in every language, its original among
    them. A translation already there stays (the demo ran before, or someone corrected it);
    a field that reads otherwise by now (someone changed it in the demo) is left alone."""
    existing = translations_of([record])
    translators = {}
    for field, text in texts.items():
        original = record.original(field)
        if not original.strip() or text.get(record.language) != original:
            continue
        for language, translated in text.items():
            current = existing.get((record._meta.label, record.pk, field, language))
            if language == record.language or (
                current is not None and current.kind == TranslationKind.HUMAN
            ):
                continue
            if language not in translators:
                translators[language] = demo_translator(original=record.language, language=language)
            translation_save(
                record=record,
                field=field,
                language=language,
                text=translated,
                by=translators[language],
                # A machine translation (made before the demo had its own) gives way.
                revision=current.revision if current else None,
            )


def _city(key: str) -> City:
    fields = CITIES[key]
    city = City.objects.filter(name_en=fields["name_en"], country=fields["country"]).first()
    if city is None:
        city = City(**fields)
        city.full_clean()
        city.save()
    return city


def _user(email: str, name: str, city_key: str, role: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=PASSWORD,
            name=name,
            language=LANGUAGE[city_key],
            time_zone=TIME_ZONE[city_key],
        )
    email_verified_record(user=user)
    if role in ROLES_REQUIRING_TWO_FACTOR:
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, TOTP_SECRET)
        # Creates the codes once; a daily run leaves them (and the ones used) as they are.
        RecoveryCodes.activate(user)
    return user


@transaction.atomic
def load() -> tuple[Partnership, list[tuple[str, str]]]:
    """The partnership, its cities, focus areas and people; create what is missing. Returns
    the partnership and the demo accounts as (e-mail, role); each domain adds its records."""
    cities = {key: _city(key) for key in CITIES}
    partnership = Partnership.objects.filter(slug=SLUG).first() or services.partnership_create(
        slug=SLUG,
        kind=Partnership.Kind.SOLIDARITY,
        status=Partnership.Status.ACTIVE,
        first_city=cities["dortmund"],
        second_city=cities["zhytomyr"],
        **DESCRIPTION,
    )
    for position, (key, name_de, name_uk, name_en) in enumerate(FOCUS_AREAS, start=1):
        FocusArea.objects.get_or_create(
            partnership=partnership,
            key=key,
            defaults={
                "name_de": name_de,
                "name_uk": name_uk,
                "name_en": name_en,
                "position": position,
            },
        )
    accounts = []
    for city_key, people in PEOPLE.items():
        side = partnership.sides.get(city=cities[city_key])
        for role, name in people.items():
            email = demo_email(role, city_key)
            user = _user(email, name, city_key, role)
            if not Membership.objects.filter(partnership=partnership, user=user).exists():
                services.membership_add(side=side, user=user, role=role)
            accounts.append((email, Role(role).label))
    return partnership, accounts
