"""Demo directory: organisations of both cities the founding documents speak of (the two city
administrations, municipal subsidiaries, universities, civil society, the community of
Ukrainians in Dortmund) and a few contacts with their consent. The people are invented, their
addresses at example.org. Idempotent: each record is made with a fixed key, once.

Names are written in their city's language, beside the demo coordinators' translations."""

import uuid
from datetime import timedelta

from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.partnerships.demo import texts_of, translations_add, written_in
from pobratym.partnerships.models import Partnership

from . import services
from .models import Contact, Organisation

NAMESPACE = uuid.UUID("5d7c2f0e-4b1a-4f3e-9d2c-d1ec00000000")
DORTMUND, ZHYTOMYR = "de", "uk"

ORGANISATIONS = {
    "dortmund": {
        "stadt": {
            "name": {
                "de": "Stadt Dortmund, Büro für Internationale Beziehungen",
                "uk": "Місто Дортмунд, бюро міжнародних відносин",
                "en": "City of Dortmund, Office for International Relations",
            },
            "kind": "administration",
            "website": "https://www.dortmund.de/",
            "focus_areas": ["humanitarian-aid", "digitalisation"],
        },
        "klinikum": {
            "name": {
                "de": "Klinikum Dortmund",
                "uk": "Клінікум Дортмунд",
                "en": "Klinikum Dortmund",
            },
            "kind": "municipal_subsidiary",
            "website": "https://www.klinikumdo.de/",
            "focus_areas": ["humanitarian-aid"],
        },
        "stadtwerke": {
            "name": {
                "de": "Dortmunder Stadtwerke (DSW21)",
                "uk": "Міські комунальні підприємства Дортмунда (DSW21)",
                "en": "Dortmund municipal utilities (DSW21)",
            },
            "kind": "municipal_subsidiary",
            "website": "https://www.dsw21.de/",
            "focus_areas": ["reconstruction"],
        },
        "tu": {
            "name": {
                "de": "Technische Universität Dortmund",
                "uk": "Технічний університет Дортмунда",
                "en": "TU Dortmund University",
            },
            "kind": "research",
            "website": "https://www.tu-dortmund.de/",
            "focus_areas": ["science", "digitalisation"],
        },
        "community": {
            "name": {
                "de": "Ukrainische Gemeinde Dortmund",
                "uk": "Українська громада Дортмунда",
                "en": "Ukrainian community in Dortmund",
            },
            "kind": "displaced",
            "focus_areas": ["humanitarian-aid"],
        },
    },
    "zhytomyr": {
        "rada": {
            "name": {
                "uk": "Житомирська міська рада, відділ міжнародного співробітництва",
                "de": "Stadtrat Schytomyr, Abteilung für internationale Zusammenarbeit",
                "en": "Zhytomyr City Council, International Cooperation Department",
            },
            "kind": "administration",
            "website": "https://zt-rada.gov.ua/",
            "focus_areas": ["humanitarian-aid", "reconstruction"],
        },
        "vodokanal": {
            "name": {
                "uk": "КП «Житомирводоканал»",
                "de": "Kommunalbetrieb Schytomyr Wasserwerke (Schytomyrwodokanal)",
                "en": "Zhytomyr water utility (Zhytomyrvodokanal)",
            },
            "kind": "municipal_subsidiary",
            "focus_areas": ["reconstruction"],
        },
        "polytechnic": {
            "name": {
                "uk": "Державний університет «Житомирська політехніка»",
                "de": "Staatliche Universität „Polytechnikum Schytomyr“",
                "en": "Zhytomyr Polytechnic State University",
            },
            "kind": "research",
            "website": "https://ztu.edu.ua/",
            "focus_areas": ["science", "digitalisation"],
        },
    },
}

CONTACTS = [
    # (city, organisation, fields); the people and their addresses are invented.
    (
        "dortmund",
        "stadt",
        {
            "name": "Anna Becker",
            "function": "Referentin für Städtepartnerschaften",
            "languages": ["de", "en"],
            "email": "anna.becker@example.org",
            "phone": "+49 231 50-00000",
            "consent_method": "written",
        },
    ),
    (
        "dortmund",
        "klinikum",
        {
            "name": "Dr. Jonas Krüger",
            "function": "Leitung Einkauf Medizinprodukte",
            "languages": ["de"],
            "email": "jonas.krueger@example.org",
            "phone": "+49 231 953-00000",
            "consent_method": "email",
        },
    ),
    (
        "zhytomyr",
        "rada",
        {
            "name": "Олена Коваль",
            "function": "Головна спеціалістка з міжнародного співробітництва",
            "languages": ["uk", "en", "de"],
            "email": "olena.koval@example.org",
            "phone": "+380 412 00-00-00",
            "consent_method": "written",
        },
    ),
    (
        "zhytomyr",
        "vodokanal",
        {
            "name": "Андрій Мельник",
            "function": "Головний інженер",
            "languages": ["uk"],
            "email": "andrii.melnyk@example.org",
            "phone": "+380 67 000 00 00",
            "consent_method": "in_person",
        },
    ),
]
PURPOSE = {
    DORTMUND: "Kontakt im Rahmen der Solidaritätspartnerschaft Dortmund–Schytomyr",
    ZHYTOMYR: "Контакт у межах партнерства солідарності Дортмунд – Житомир",
}
LANGUAGE = {"dortmund": DORTMUND, "zhytomyr": ZHYTOMYR}


def _key(partnership: Partnership, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{partnership.slug}:{name}")


def load_directory(partnership: Partnership) -> None:
    coordinators = {
        city: User.objects.filter(email=f"coordinator.{city}@example.org").first()
        for city in ORGANISATIONS
    }
    if not all(coordinators.values()):
        return
    areas = {area.key: area for area in partnership.focus_areas.all()}
    organisations = {}
    for city, entries in ORGANISATIONS.items():
        by, language = coordinators[city], LANGUAGE[city]
        for name, fields in entries.items():
            organisation = _organisation(partnership, by, name, fields, language, areas)
            organisations[city, name] = organisation
    today = timezone.localdate()
    for index, (city, name, fields) in enumerate(CONTACTS):
        organisation = organisations[city, name]
        key = _key(partnership, f"contact:{fields['email']}")
        by = coordinators[city]
        if Contact.objects.filter(partnership=partnership, idempotency_key=key).exists():
            continue
        # The first one's consent has run out: the Dortmund coordinator sees it in My work.
        retain_until = today - timedelta(days=3) if index == 0 else today + timedelta(days=730)
        services.contact_create(
            organisation=organisation,
            by=by,
            idempotency_key=key,
            consent_on=today - timedelta(days=400),
            consent_purpose=PURPOSE[LANGUAGE[city]],
            retain_until=retain_until,
            **fields,
        )


def _organisation(partnership, by, name, fields, language, areas) -> Organisation:
    key = _key(partnership, f"organisation:{name}")
    found = Organisation.objects.filter(
        partnership=partnership, created_by=by, idempotency_key=key
    ).first()
    if found is not None:
        return found
    fields = dict(fields)
    chosen = [areas[key] for key in fields.pop("focus_areas", ()) if key in areas]
    organisation = services.organisation_create(
        partnership=partnership,
        by=by,
        idempotency_key=key,
        focus_areas=chosen,
        language=language,
        **written_in(fields, language),
    )
    translations_add(organisation, texts_of(fields))
    return organisation
