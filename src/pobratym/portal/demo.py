"""Demo news: three posts of the coordinators, each written in its city's language beside the
other coordinators' translations. Idempotent: each post is made with a fixed key, once."""

import uuid
from datetime import timedelta

from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.partnerships.demo import demo_email, texts_of, translations_add, written_in
from pobratym.partnerships.models import Partnership, Role

from . import services
from .models import NewsPost

NAMESPACE = uuid.UUID("5d7c2f0e-4b1a-4f3e-9d2c-0e0500000000")
CITY = {"dortmund": "de", "zhytomyr": "uk"}

POSTS = [
    {
        "name": "generators",
        "city": "zhytomyr",
        "days_ago": 40,
        "title": {
            "uk": "Генератори для водоканалу прибули до Житомира",
            "de": "Stromerzeuger für die Wasserwerke sind in Schytomyr angekommen",
            "en": "Generators for the water utility arrived in Zhytomyr",
        },
        "body": {
            "uk": "Житомирводоканал отримав генератори від партнерів із Дортмунда. Насосні "
            "станції тепер працюють і під час відключень електроенергії. Дякуємо всім, хто "
            "допоміг із пакуванням і доставкою.",
            "de": "Die Wasserwerke von Schytomyr haben Stromerzeuger von den Partnern aus "
            "Dortmund erhalten. Die Pumpstationen laufen nun auch bei Stromausfällen weiter. "
            "Danke allen, die beim Packen und beim Transport geholfen haben.",
            "en": "Zhytomyr's water utility received generators from its partners in Dortmund. "
            "The pumping stations now keep running through power cuts. Thank you to everyone "
            "who helped to pack and deliver them.",
        },
    },
    {
        "name": "digital-services",
        "city": "dortmund",
        "days_ago": 20,
        "title": {
            "de": "Fachaustausch zu digitalen Bürgerdiensten",
            "uk": "Експертний обмін щодо цифрових послуг для мешканців",
            "en": "Expert exchange on digital citizen services",
        },
        "body": {
            "de": "Fachleute beider Stadtverwaltungen haben sich online über digitale "
            "Bürgerdienste ausgetauscht. Im Frühjahr folgt ein Besuch in Dortmund.",
            "uk": "Фахівці обох міських адміністрацій онлайн обмінялися досвідом щодо "
            "цифрових послуг для мешканців. Навесні відбудеться візит до Дортмунда.",
            "en": "Experts of both city administrations met online to share their experience "
            "of digital citizen services. A visit to Dortmund follows in spring.",
        },
    },
    {
        "name": "youth-encounter",
        "city": "dortmund",
        "days_ago": 5,
        "title": {
            "de": "Jugendbegegnung im Sommer: Anmeldung für Schulen geöffnet",
            "uk": "Молодіжний обмін улітку: школи можуть зареєструватися",
            "en": "Youth encounter in summer: schools may now register",
        },
        "body": {
            "de": "Schulen aus Dortmund und Schytomyr können sich für die Jugendbegegnung im "
            "Sommer anmelden. Die Koordinatorinnen und Koordinatoren beider Städte beraten gern.",
            "uk": "Школи Дортмунда та Житомира можуть зареєструватися на молодіжний обмін "
            "улітку. Координатори обох міст охоче проконсультують.",
            "en": "Schools of Dortmund and Zhytomyr may register for the youth encounter in "
            "summer. The coordinators of both cities are glad to advise.",
        },
    },
]


def load_news(partnership: Partnership) -> None:
    today = timezone.localdate()
    for entry in POSTS:
        by = User.objects.filter(email=demo_email(Role.COORDINATOR, entry["city"])).first()
        if by is None:
            continue
        key = uuid.uuid5(NAMESPACE, f"{partnership.slug}:news:{entry['name']}")
        if NewsPost.objects.filter(partnership=partnership, created_by=by, idempotency_key=key):
            continue  # made on an earlier day: its date stays
        language = CITY[entry["city"]]
        texts = {"title": entry["title"], "body": entry["body"]}
        post = services.news_post_create(
            partnership=partnership,
            by=by,
            idempotency_key=key,
            posted_on=today - timedelta(days=entry["days_ago"]),
            language=language,
            **written_in(texts, language),
        )
        translations_add(post, texts_of(texts))
