"""The demo's catalogue of funding programmes, from the facts gathered in the project's
reference notes on German–Ukrainian municipal partnerships (as of 2022–2026), and the demo
partnership's applications. Programme facts are real; the calls' dates are the demo's own,
counted from the day it is loaded (marked "Demo"), except the small-projects fund's yearly
15 October. Idempotent: programmes by name, calls by title, applications by a fixed key."""

import uuid
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.aid.models import Shipment
from pobratym.partnerships.demo import demo_email, translations_add
from pobratym.partnerships.models import Partnership, Role

from . import services
from .models import Application, FundingProgramme, Project

NAMESPACE = uuid.UUID("7d2e9a41-3c5b-4f08-9e6a-f0f0f0000000")

PROGRAMMES = [
    {
        "name": "Kommunale Partnerschaften mit der Ukraine",
        "funder": "SKEW – Servicestelle Kommunen in der Einen Welt (Engagement Global), BMZ",
        "funder_kind": "federal",
        "description": {
            "de": "Netzwerk deutsch-ukrainischer Partnerschaften seit 2015 (rund 155): "
            "Beratung, Vermittlung, Personal in der Ukraine; bietet Solidaritätspartnerschaften "
            "mit RGRE, Deutschem Städtetag, Landkreistag und Städte- und Gemeindebund an.",
            "uk": "Мережа німецько-українських партнерств з 2015 року (близько 155): "
            "консультації, пошук партнерів, персонал в Україні; пропонує партнерства "
            "солідарності разом з RGRE, Німецьким союзом міст, союзом районів і союзом громад.",
            "en": "Network of German–Ukrainian partnerships since 2015 (about 155): advice, "
            "matchmaking, staff in Ukraine; offers solidarity partnerships together with "
            "CEMR's German section and the German associations of cities, districts and "
            "municipalities.",
        },
        "eligibility": {
            "de": "Deutsche Kommunen; die Mitgliedschaft im Netzwerk eröffnet den "
            "Kleinprojektefonds.",
            "uk": "Німецькі громади; членство в мережі відкриває доступ до фонду малих проєктів.",
            "en": "German municipalities; joining the network makes a municipality eligible "
            "for the small-projects fund.",
        },
    },
    {
        "name": "Kleinprojektefonds kommunale Entwicklungspolitik",
        "funder": "SKEW (Engagement Global), BMZ",
        "funder_kind": "federal",
        "minimum": Decimal("1000"),
        "maximum": Decimal("50000"),
        "cofinancing_rate": Decimal("90"),
        "description": {
            "de": "Zuschüsse an deutsche Kommunen, kommunale Verbände und Unternehmen; der "
            "Ukraine-Aufruf 2022 förderte bis zu 90 %. Themen: Gesundheit, Bevölkerungsschutz, "
            "Selbsthilfe, Unterstützung Geflüchteter.",
            "uk": "Гранти німецьким громадам, їхнім об'єднанням і комунальним підприємствам; "
            "український конкурс 2022 року фінансував до 90 %. Теми: охорона здоров'я, "
            "цивільний захист, самодопомога, підтримка біженців.",
            "en": "Grants to German municipalities, municipal associations and companies; the "
            "2022 Ukraine call funded up to 90 %. Themes: health care, civil protection, "
            "self-help, support of refugees.",
        },
        "calls": [("yearly", "Antragsrunde {year}")],
    },
    {
        "name": "Transportkostenzuschuss",
        "funder": "SKEW (Engagement Global), BMZ",
        "funder_kind": "federal",
        "maximum": Decimal("5000"),
        "cofinancing_rate": Decimal("100"),
        "description": {
            "de": "Übernimmt die Transportkosten von Hilfslieferungen vollständig, bis "
            "5.000 EUR; 2022/23 etwa für Stromerzeuger und Nothilfe beantragt.",
            "uk": "Повністю покриває витрати на перевезення гуманітарних вантажів до "
            "5 000 EUR; у 2022/23 роках його отримували, зокрема, на генератори та "
            "екстрену допомогу.",
            "en": "Pays the full transport costs of aid deliveries up to 5,000 EUR; asked for "
            "in 2022/23 for power generators and emergency aid.",
        },
        "calls": [("demo", "Laufende Anträge (Demo)", None, 120)],
    },
    {
        "name": "Nakopa – Nachhaltige Kommunalentwicklung durch Partnerschaftsprojekte",
        "funder": "SKEW (Engagement Global), BMZ",
        "funder_kind": "federal",
        "minimum": Decimal("50000"),
        "maximum": Decimal("250000"),
        "description": {
            "de": "Projekte, die beide Partnerkommunen gemeinsam entwickeln und umsetzen "
            "(Aufruf 2024: 50.000 bis 250.000 EUR). Einer Interessenbekundung folgt der Antrag. "
            "Themen: Daseinsvorsorge, gute Regierungsführung, Klimaschutz und -anpassung.",
            "uk": "Проєкти, які обидві громади-партнери розробляють і виконують разом (конкурс "
            "2024 року: від 50 000 до 250 000 EUR). Спершу подається заява про зацікавленість, "
            "потім заявка. Теми: комунальні послуги, належне врядування, захист клімату та "
            "адаптація.",
            "en": "Projects developed and carried out jointly by both partner municipalities "
            "(2024 call: 50,000 to 250,000 EUR). An expression of interest precedes the "
            "application. Themes: public services, good local governance, climate protection "
            "and adaptation.",
        },
        "calls": [("demo", "Aufruf (Demo)", 20, 80)],
    },
    {
        "name": "Bridges of Trust",
        "funder": "CEMR, PLATFORMA, Association of Ukrainian Cities; U-LEAD with Europe",
        "funder_kind": "international",
        "description": {
            "en": "Builds EU–Ukraine municipal partnerships: study visits, traineeships, joint "
            "project proposals; phase 2 (November 2022 to September 2023) with 30 Ukrainian "
            "municipalities on reconstruction.",
            "de": "Baut Partnerschaften zwischen Kommunen der EU und der Ukraine auf: "
            "Studienreisen, Hospitationen, gemeinsame Projektanträge; Phase 2 (November 2022 "
            "bis September 2023) mit 30 ukrainischen Kommunen zum Wiederaufbau.",
            "uk": "Будує партнерства між громадами ЄС та України: навчальні візити, стажування, "
            "спільні проєктні заявки; другий етап (листопад 2022 – вересень 2023) з 30 "
            "українськими громадами щодо відбудови.",
        },
    },
    {
        "name": "U-LEAD with Europe",
        "funder": "EU, Germany, Poland, Sweden, Denmark, Estonia, Slovenia (GIZ)",
        "funder_kind": "international",
        "description": {
            "en": "Supports Ukraine's decentralisation and local self-government, the aim "
            "the partnership agreement names as strengthening local self-government.",
            "de": "Unterstützt die Dezentralisierung und die kommunale Selbstverwaltung der "
            "Ukraine, das Ziel, das die Partnerschaftsvereinbarung als Stärkung der "
            "Selbstverwaltung nennt.",
            "uk": "Підтримує децентралізацію та місцеве самоврядування в Україні, мету, яку "
            "угода про партнерство називає зміцненням самоврядування.",
        },
    },
    {
        "name": "CERV – Town Twinning; Networks of Towns",
        "funder": "European Commission",
        "funder_kind": "eu",
        "description": {
            "en": "Grants for citizens' meetings of twinned towns and for networks of towns, "
            "as lump sums by the number of participants; a twinning is the natural applicant.",
            "de": "Zuschüsse für Bürgerbegegnungen von Partnerstädten und für Städtenetzwerke, "
            "als Pauschalen nach Zahl der Teilnehmenden; antragsberechtigt ist vor allem eine "
            "Städtepartnerschaft.",
            "uk": "Гранти на зустрічі мешканців міст-побратимів і на мережі міст, у вигляді "
            "фіксованих сум за кількістю учасників; природний заявник – побратимство.",
        },
    },
    {
        "name": "Erasmus+ Youth (KA1)",
        "funder": "European Commission, national agencies",
        "funder_kind": "eu",
        "description": {
            "en": "Youth exchanges and youth-worker mobility; organisations from Ukraine take "
            "part as a third country not associated to the programme: the agreement's youth "
            "encounters.",
            "de": "Jugendbegegnungen und Mobilität von Fachkräften der Jugendarbeit; "
            "Organisationen aus der Ukraine nehmen als nicht assoziiertes Drittland teil: die "
            "Jugendbegegnungen der Vereinbarung.",
            "uk": "Молодіжні обміни та мобільність молодіжних працівників; організації з "
            "України беруть участь як третя країна, не асоційована з програмою: молодіжні "
            "обміни, передбачені угодою.",
        },
    },
]
TEXTS = ("description", "eligibility")


def _october(today: date) -> date:
    """The small-projects fund's yearly deadline: the next 15 October."""
    this_year = date(today.year, 10, 15)
    return this_year if this_year >= today else date(today.year + 1, 10, 15)


def _programme(entry: dict, partnership: Partnership, by: User) -> FundingProgramme:
    programme = FundingProgramme.objects.filter(name=entry["name"]).first()
    if programme is None:
        language = next(iter(entry["description"]))
        fields = {name: value for name, value in entry.items() if name not in ("calls", *TEXTS)}
        texts = {name: entry[name] for name in TEXTS if name in entry}
        programme = services.programme_save(
            partnership=partnership,
            by=by,
            language=language,
            **fields,
            **{name: text[language] for name, text in texts.items()},
        )
        translations_add(programme, texts)
    return programme


def _calls(entry: dict, programme: FundingProgramme, partnership, by, today) -> None:
    for call in entry.get("calls", []):
        if call[0] == "yearly":
            deadline = _october(today)
            title, interest_by, apply_by = call[1].format(year=deadline.year), None, deadline
        else:
            _kind, title, interest_days, apply_days = call
            interest_by = today + timedelta(days=interest_days) if interest_days else None
            apply_by = today + timedelta(days=apply_days)
        if not programme.calls.filter(title=title).exists():
            services.call_add(
                partnership=partnership,
                programme=programme,
                by=by,
                title=title,
                interest_by=interest_by,
                apply_by=apply_by,
            )


def load_funding(partnership: Partnership) -> None:
    """The catalogue, and the demo partnership's applications: Nakopa for the water supply
    (its expression of interest due soon), the small-projects fund for the citizen services
    (sent), and the transport cost grant that paid a shipment's transport (granted)."""
    by = User.objects.filter(email=demo_email(Role.COORDINATOR, "dortmund")).first()
    if by is None:
        return
    today = timezone.localdate()
    programmes = {}
    for entry in PROGRAMMES:
        programme = _programme(entry, partnership, by)
        _calls(entry, programme, partnership, by, today)
        programmes[entry["name"]] = programme
    projects = {
        p.focus_area.key: p for p in Project.objects.filter(partnership=partnership) if p.focus_area
    }
    shipment = Shipment.objects.filter(partnership=partnership).order_by("pk").first()
    applications = [
        ("nakopa", "Nakopa", "reconstruction", [], {"requested": Decimal("180000")}),
        (
            "small-projects",
            "Kleinprojektefonds",
            "digitalisation",
            [],
            {"status": "submitted", "requested": Decimal("45000"), "submitted_on": today},
        ),
        (
            "transport",
            "Transportkostenzuschuss",
            None,
            [shipment] if shipment else [],
            {"status": "granted", "requested": Decimal("4200"), "granted": Decimal("4200")},
        ),
    ]
    for name, programme_start, area, shipments, fields in applications:
        programme = next(p for n, p in programmes.items() if n.startswith(programme_start))
        call = programme.calls.order_by("apply_by").first()
        key = uuid.uuid5(NAMESPACE, f"{partnership.slug}:application:{name}")
        project = projects.get(area) if area else None
        if call is None or (area and project is None) or not (project or shipments):
            continue
        if Application.objects.filter(partnership=partnership, idempotency_key=key).exists():
            continue
        services.application_create(
            partnership=partnership,
            by=by,
            idempotency_key=key,
            call=call,
            project=project,
            shipments=shipments,
            **fields,
        )
