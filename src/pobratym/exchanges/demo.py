"""Demo events of the partnership: a delegation of Dortmund visiting Zhytomyr, an online
meeting on digitalisation, a youth encounter in Dortmund, a cultural evening in Zhytomyr and
a past expert exchange on water supply with its outcomes and a follow-up task still open for
the Dortmund coordinator. Dates are counted from the day the demo is loaded.

Each event is written in its host city's language by that city's coordinator, beside the
demo coordinators' translations. Idempotent: each event is made with a fixed key, once."""

import uuid
from datetime import datetime, timedelta

from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.partnerships.demo import demo_email, texts_of, translations_add, written_in
from pobratym.partnerships.models import Partnership, Role

from . import services
from .models import Event, Invitation, Participant

NAMESPACE = uuid.UUID("0c5a3e1d-7f42-4b8e-a6d1-e7e400000000")
CITY = {1: "dortmund", 2: "zhytomyr"}
LANGUAGE = {1: "de", 2: "uk"}
ZONE = {1: "Europe/Berlin", 2: "Europe/Kyiv"}

EVENTS = [
    {
        "name": "delegation",
        "host": 2,
        "days": 45,
        "hours": ((9, 0), 2, (17, 0)),  # from 9:00 on the first day to 17:00 two days later
        "fields": {
            "kind": "delegation",
            "focus_area": "reconstruction",
            "title": {
                "uk": "Візит делегації Дортмунда до Житомира",
                "de": "Delegationsbesuch aus Dortmund in Schytomyr",
                "en": "Dortmund delegation visit to Zhytomyr",
            },
            "description": {
                "uk": "Делегація міста Дортмунд відвідує Житомир, щоб обговорити відбудову "
                "водопостачання та наступні кроки партнерства.",
                "de": "Eine Delegation der Stadt Dortmund besucht Schytomyr, um den "
                "Wiederaufbau der Wasserversorgung und die nächsten Schritte der "
                "Partnerschaft zu besprechen.",
                "en": "A delegation of the City of Dortmund visits Zhytomyr to discuss the "
                "reconstruction of the water supply and the partnership's next steps.",
            },
            "city": "Житомир",
            "venue": "Житомирська міська рада, майдан Соборний, 4/2",
        },
        "agenda": [
            (
                (0, 9, 30),
                {
                    "uk": "Зустріч у міській раді",
                    "de": "Empfang im Stadtrat",
                    "en": "Reception at the city council",
                },
            ),
            (
                (1, 10, 0),
                {
                    "uk": "Відвідування КП «Житомирводоканал»",
                    "de": "Besuch bei den Wasserwerken Schytomyr",
                    "en": "Visit to the Zhytomyr water utility",
                },
            ),
        ],
    },
    {
        "name": "digitalisation",
        "host": 1,
        "days": 10,
        "hours": ((10, 0), 0, (11, 30)),
        "fields": {
            "kind": "online",
            "focus_area": "digitalisation",
            "title": {
                "de": "Online-Treffen: Digitalisierung der Bürgerdienste",
                "uk": "Онлайн-зустріч: цифровізація послуг для мешканців",
                "en": "Online meeting: digitalising services for residents",
            },
            "description": {
                "de": "Die IT-Ämter beider Städte stellen ihre Online-Dienste vor und "
                "verabreden ein gemeinsames Pilotprojekt.",
                "uk": "ІТ-відділи обох міст представляють свої онлайн-послуги та "
                "домовляються про спільний пілотний проєкт.",
                "en": "The IT departments of both cities present their online services and "
                "agree on a joint pilot project.",
            },
            "venue": "Videokonferenz",
        },
        "agenda": [],
    },
    {
        "name": "youth",
        "host": 1,
        "days": 80,
        "hours": ((14, 0), 6, (12, 0)),
        "public": True,
        "fields": {
            "kind": "youth",
            "title": {
                "de": "Jugendbegegnung Dortmund–Schytomyr",
                "uk": "Молодіжний обмін Дортмунд – Житомир",
                "en": "Dortmund–Zhytomyr youth encounter",
            },
            "description": {
                "de": "Eine Woche Sport, Workshops und Stadterkundung für Jugendliche aus "
                "beiden Städten.",
                "uk": "Тиждень спорту, майстер-класів і знайомства з містом для молоді "
                "з обох міст.",
                "en": "A week of sport, workshops and exploring the city for young people "
                "from both cities.",
            },
            "city": "Dortmund",
            "venue": "Jugendherberge Dortmund",
        },
        "agenda": [],
    },
    {
        "name": "culture",
        "host": 2,
        "days": 25,
        "hours": ((18, 0), 0, (21, 0)),
        "public": True,
        "fields": {
            "kind": "culture",
            "focus_area": "urban-planning-heritage",
            "title": {
                "uk": "Вечір культури Дортмунда в Житомирі",
                "de": "Dortmunder Kulturabend in Schytomyr",
                "en": "Dortmund cultural evening in Zhytomyr",
            },
            "description": {
                "uk": "Концерт і фотовиставка про спадщину обох міст.",
                "de": "Ein Konzert und eine Fotoausstellung über das Erbe beider Städte.",
                "en": "A concert and a photo exhibition on the heritage of both cities.",
            },
            "city": "Житомир",
            "venue": "Житомирська обласна філармонія",
        },
        "agenda": [],
    },
    {
        "name": "expert-exchange",
        "host": 1,
        "days": -40,
        "hours": ((9, 0), 2, (16, 0)),
        "fields": {
            "kind": "expert_exchange",
            "focus_area": "reconstruction",
            "title": {
                "de": "Fachaustausch Wasserversorgung",
                "uk": "Експертний обмін з водопостачання",
                "en": "Expert exchange on water supply",
            },
            "description": {
                "de": "Ingenieurinnen und Ingenieure aus Schytomyr lernen bei den Dortmunder "
                "Stadtwerken, wie Pumpwerke gegen Stromausfälle gesichert werden.",
                "uk": "Інженери з Житомира вивчають у міських комунальних підприємствах "
                "Дортмунда, як захистити насосні станції від відключень електроенергії.",
                "en": "Engineers from Zhytomyr learn at Dortmund's municipal utilities how "
                "pumping stations are protected against power cuts.",
            },
            "outcomes": {
                "de": "Zwei Notstromaggregate werden für die Wasserwerke Schytomyr "
                "vorbereitet; ein Folgetreffen ist online geplant.",
                "uk": "Для житомирського водоканалу готують два резервні генератори; "
                "наступну зустріч заплановано онлайн.",
                "en": "Two standby generators are being prepared for the Zhytomyr water "
                "utility; a follow-up meeting is planned online.",
            },
            "city": "Dortmund",
            "venue": "DSW21, Deggingstraße 40",
        },
        "agenda": [],
        "follow_up": {
            "title": "Angebote für die Notstromaggregate einholen",
            "days": 14,
        },
    },
]


def _key(partnership: Partnership, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{partnership.slug}:event:{name}")


def _wall_clock(first_day, days: int, hour_minute: tuple[int, int]) -> datetime:
    day = first_day + timedelta(days=days)
    return datetime(day.year, day.month, day.day, *hour_minute)


def load_events(partnership: Partnership) -> None:
    coordinators = {
        position: User.objects.filter(email=demo_email(Role.COORDINATOR, city)).first()
        for position, city in CITY.items()
    }
    if not all(coordinators.values()):
        return
    sides = {side.position: side for side in partnership.sides.all()}
    areas = {area.key: area for area in partnership.focus_areas.all()}
    today = timezone.localdate()
    for entry in EVENTS:
        host = entry["host"]
        by, key = coordinators[host], _key(partnership, entry["name"])
        if Event.objects.filter(partnership=partnership, created_by=by, idempotency_key=key):
            continue
        fields = dict(entry["fields"])
        area = areas.get(fields.pop("focus_area", ""))
        first_day = today + timedelta(days=entry["days"])
        starts, length, ends = entry["hours"]
        event = services.event_create(
            partnership=partnership,
            by=by,
            idempotency_key=key,
            language=LANGUAGE[host],
            time_zone=ZONE[host],
            starts_at=_wall_clock(first_day, 0, starts),
            ends_at=_wall_clock(first_day, length, ends),
            host_side=sides[host],
            visiting_side=sides[3 - host],
            focus_area=area,
            public=entry.get("public", False),
            **written_in(fields, LANGUAGE[host]),
        )
        translations_add(event, texts_of(fields))
        for (days, hour, minute), title in entry["agenda"]:
            item = services.agenda_item_add(
                event=event,
                by=by,
                title=title[LANGUAGE[host]],
                starts_at=_wall_clock(first_day, days, (hour, minute)),
            )
            translations_add(item, {"title": title})
        if task := entry.get("follow_up"):
            services.follow_up_add(
                event=event,
                by=by,
                title=task["title"],
                owner=coordinators[1],
                due_on=today + timedelta(days=task["days"]),
            )
    _load_people(partnership, coordinators)


# The people of two events, by their demo e-mail address (directory.demo): role and, for the
# youth encounter's minor, the guardian's consent. Replies of the delegation's invitees.
PARTICIPANTS = {
    "delegation": [
        ("anna.becker@example.org", "head"),
        ("jonas.krueger@example.org", "delegate"),
        ("olena.koval@example.org", "organiser"),
    ],
    "youth": [
        ("andrii.melnyk@example.org", "chaperone"),
        ("sofiia.bondarenko@example.org", "participant"),
    ],
}
INVITED = {
    "delegation": [
        ("anna.becker@example.org", "yes"),
        ("jonas.krueger@example.org", "maybe"),
        ("olena.koval@example.org", "yes"),
        ("andrii.melnyk@example.org", ""),
    ],
}
MINOR = {
    "name": "Софія Бондаренко",
    "function": "учениця, учасниця молодіжного обміну",
    "languages": ["uk", "en"],
    "email": "sofiia.bondarenko@example.org",
    "consent_purpose": "Участь у молодіжному обміні Дортмунд–Житомир (згода матері)",
    "consent_method": "written",
}


def _minor(partnership: Partnership, by: User) -> None:
    """A pupil of 16 from Zhytomyr for the youth encounter (invented), in the directory."""
    from pobratym.directory.models import Contact, Organisation
    from pobratym.directory.services import contact_create

    organisation = Organisation.objects.filter(partnership=partnership, side__position=2).first()
    if organisation is None or Contact.objects.filter(
        partnership=partnership, email=MINOR["email"]
    ):
        return  # none to add her to, or added by an earlier run (maybe on another day)
    today = timezone.localdate()
    contact_create(
        organisation=organisation,
        by=by,
        idempotency_key=uuid.uuid5(NAMESPACE, f"{partnership.slug}:contact:minor"),
        consent_on=today - timedelta(days=20),
        retain_until=today + timedelta(days=365),
        **MINOR,
    )


def _load_people(partnership: Partnership, coordinators: dict) -> None:
    from pobratym.directory.models import Contact

    _minor(partnership, coordinators[2])
    contacts = {
        contact.email: contact
        for contact in Contact.objects.filter(partnership=partnership, anonymised_at=None)
    }
    events = {
        entry["name"]: Event.objects.filter(
            partnership=partnership, idempotency_key=_key(partnership, entry["name"])
        ).first()
        for entry in EVENTS
    }
    today, by = timezone.localdate(), coordinators[1]
    for name, people in PARTICIPANTS.items():
        for email, role in people:
            if events.get(name) is None or email not in contacts:
                continue
            if Participant.objects.filter(event=events[name], contact=contacts[email]).exists():
                continue  # made by an earlier run, maybe on another day (its dates differ)
            minor = {}
            if email == MINOR["email"]:
                minor = {
                    "minor": True,
                    "guardian_name": "Ірина Бондаренко",
                    "guardian_consent_on": today - timedelta(days=20),
                    "guardian_consent_method": "written",
                }
            services.participant_add(
                event=events[name],
                contact=contacts[email],
                by=by,
                idempotency_key=uuid.uuid5(NAMESPACE, f"{partnership.slug}:{name}:{email}"),
                role=role,
                **minor,
            )
    for name, invited in INVITED.items():
        for email, reply in invited:
            if events.get(name) is None or email not in contacts:
                continue
            invitation = Invitation.objects.filter(
                event=events[name], contact=contacts[email]
            ).first() or services.invitation_create(
                event=events[name],
                contact=contacts[email],
                by=by,
                idempotency_key=uuid.uuid5(NAMESPACE, f"{partnership.slug}:invite:{email}"),
            )
            if reply and not invitation.reply:
                services.invitation_reply(invitation=invitation, reply=reply)
