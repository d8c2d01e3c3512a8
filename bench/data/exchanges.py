"""The directory and the events of each generated partnership: organisations of both cities
with their contacts (each with a recorded consent), and events over two years around today
with an agenda item and a few participants each.

All with `bulk_create`, valid by construction (keys as the services compute them, one name
per organisation, one e-mail per contact): 20,000 contacts through the services would take
minutes for nothing the pages read."""

import random
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pobratym.directory.models import Contact, Organisation, OrganisationKind, key_of
from pobratym.exchanges.models import AgendaItem, Event, EventKind, Participant
from pobratym.partnerships.models import Partnership, Role

from .people import Cast

BATCH = 5000
ZONES = {1: "Europe/Berlin", 2: "Europe/Kyiv"}
LANGUAGES = {1: "de", 2: "uk"}
ORGANISATION_NAMES = {
    1: ["Stadtwerke", "Gymnasium", "Klinikum", "Feuerwehr", "Museum", "Verein", "Hochschule"],
    2: ["Водоканал", "Ліцей", "Лікарня", "Пожежна частина", "Музей", "Громадська організація"],
}
EVENT_TITLES = {
    1: ["Fachaustausch {n}", "Jugendbegegnung {n}", "Delegationsbesuch {n}", "Online-Treffen {n}"],
    2: [
        "Експертний обмін {n}",
        "Молодіжний обмін {n}",
        "Візит делегації {n}",
        "Онлайн-зустріч {n}",
    ],
}
PARTICIPANTS_PER_EVENT = 3


def _organisations(partnership: Partnership, sides, by, count: int, rng) -> list[Organisation]:
    made = []
    for number in range(count):
        side = sides[number % 2]
        name = f"{rng.choice(ORGANISATION_NAMES[side.position])} {partnership.pk}-{number}"
        made.append(
            Organisation(
                partnership=partnership,
                side=side,
                name=name,
                name_key=key_of(name),
                kind=rng.choice(OrganisationKind.values),
                language=LANGUAGES[side.position],
                created_by=by,
            )
        )
    return Organisation.objects.bulk_create(made, batch_size=BATCH)


def _contacts(partnership, organisations, by, count: int, rng, today: date) -> list[Contact]:
    made = []
    for number in range(count):
        organisation = organisations[number % len(organisations)]
        name = f"Person {partnership.pk}-{number}"
        email = f"person.{partnership.pk}.{number}@bench.example.org"
        consent = today - timedelta(days=rng.randrange(30, 700))
        made.append(
            Contact(
                partnership=partnership,
                side_id=organisation.side_id,
                organisation=organisation,
                name=name,
                name_key=key_of(name),
                email=email,
                email_key=key_of(email),
                languages=[LANGUAGES[2 if organisation.side_id % 2 == 0 else 1]],
                consent_on=consent,
                consent_purpose="Partnership contact",
                consent_method="email",
                # About one in twenty is past its date, for the review list.
                retain_until=consent + timedelta(days=rng.choice([400] * 19 + [30])),
                created_by=by,
            )
        )
    return Contact.objects.bulk_create(made, batch_size=BATCH)


def _events(partnership, sides, by, count: int, rng, today: date) -> list[Event]:
    areas = list(partnership.focus_areas.all())
    made = []
    for number in range(count):
        host = sides[number % 2]
        zone = ZoneInfo(ZONES[host.position])
        day = today + timedelta(days=rng.randrange(-365, 365))
        starts = datetime.combine(day, time(rng.choice([9, 10, 14, 18])), tzinfo=zone)
        title = rng.choice(EVENT_TITLES[host.position]).format(n=number)
        made.append(
            Event(
                partnership=partnership,
                kind=rng.choice(EventKind.values),
                focus_area=rng.choice(areas) if areas else None,
                title=title,
                language=LANGUAGES[host.position],
                starts_at=starts,
                ends_at=starts + timedelta(hours=rng.choice([2, 3, 8, 50])),
                time_zone=ZONES[host.position],
                city=host.city.name,
                host_side=host,
                visiting_side=sides[1 - number % 2],
                public=rng.random() < 0.4,
                created_by=by,
            )
        )
    return Event.objects.bulk_create(made, batch_size=BATCH)


def _agenda_and_participants(events, contacts, by, rng) -> int:
    agenda = [
        AgendaItem(event=event, position=1, starts_at=event.starts_at, title="Begrüßung")
        for event in events
    ]
    AgendaItem.objects.bulk_create(agenda, batch_size=BATCH)
    participants = []
    for event in events:
        for contact in rng.sample(contacts, min(PARTICIPANTS_PER_EVENT, len(contacts))):
            participants.append(
                Participant(
                    event=event,
                    contact=contact,
                    role=Participant.Role.DELEGATE,
                    added_by=by,
                    idempotency_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                )
            )
    Participant.objects.bulk_create(participants, batch_size=BATCH)
    return len(participants)


def directory_and_events(
    partnership: Partnership,
    cast: Cast,
    *,
    organisations: int,
    contacts: int,
    events: int,
    rng: random.Random,
    today: date,
) -> tuple[int, int, int, int]:
    """Returns (organisations, contacts, events, participants) made."""
    sides = list(partnership.sides.select_related("city").order_by("position"))
    by = cast[1, Role.COORDINATOR][0]
    made_organisations = _organisations(partnership, sides, by, organisations, rng)
    made_contacts = (
        _contacts(partnership, made_organisations, by, contacts, rng, today)
        if made_organisations
        else []
    )
    made_events = _events(partnership, sides, by, events, rng, today)
    participants = _agenda_and_participants(made_events, made_contacts, by, rng)
    return len(made_organisations), len(made_contacts), len(made_events), participants
