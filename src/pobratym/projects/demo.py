"""Demo projects of the partnership, one for reconstruction and one for each focus area of the
founding agreement (digitalisation, urban planning and heritage protection, economic and
innovation promotion, science), with the organisations of the demo directory, milestones,
results and budgets in euro and hryvnia. The reconstruction project carries the demo's
generators need and tells of its survey in an update. Dates are counted from the day the
demo is loaded.

Each project is written in its lead city's language by that city's coordinator, beside the
demo coordinators' translations. Idempotent: each project is made with a fixed key, once."""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.aid.models import Need
from pobratym.directory.models import Organisation
from pobratym.partnerships.demo import demo_email, texts_of, translations_add, written_in
from pobratym.partnerships.models import Partnership, Role

from . import services
from .demo_funding import load_funding
from .demo_plans import load_plans
from .models import Project, ProjectOrganisation

NAMESPACE = uuid.UUID("5b1f4c2e-9d37-4a61-b8e0-d0e0e0000000")
CITY = {1: "dortmund", 2: "zhytomyr"}
LANGUAGE = {1: "de", 2: "uk"}
RATE = Decimal("45.2000")  # hryvnia per euro, as the demo's budgets were planned

PROJECTS = [
    {
        "name": "water",
        "lead": 2,
        "area": "reconstruction",
        "status": "running",
        "months": (-6, 12),
        "humanitarian": True,
        "public": True,
        "needs": ["Генератори для насосних станцій водоканалу"],
        "title": {
            "uk": "Відновлення водопостачання Житомира",
            "de": "Wiederaufbau der Wasserversorgung in Schytomyr",
            "en": "Restoring Zhytomyr's water supply",
        },
        "description": {
            "uk": "Резервне живлення та ремонт насосних станцій, щоб місто мало воду й під "
            "час відключень електроенергії.",
            "de": "Notstrom und Instandsetzung der Pumpstationen, damit die Stadt auch bei "
            "Stromabschaltungen Wasser hat.",
            "en": "Backup power and repairs of the pumping stations, so the city has water "
            "during power cuts too.",
        },
        "organisations": [
            ("КП «Житомирводоканал»", "lead"),
            ("Dortmunder Stadtwerke (DSW21)", "partner"),
        ],
        "milestones": [
            (
                -3,
                True,
                {
                    "uk": "Обстеження насосних станцій",
                    "de": "Begutachtung der Pumpstationen",
                    "en": "Survey of the pumping stations",
                },
            ),
            (
                2,
                False,
                {
                    "uk": "Встановлення генераторів",
                    "de": "Einbau der Stromerzeuger",
                    "en": "Generators installed",
                },
            ),
            (
                9,
                False,
                {
                    "uk": "Ремонт головної станції",
                    "de": "Instandsetzung der Hauptstation",
                    "en": "Main station repaired",
                },
            ),
        ],
        "indicator": (
            {
                "uk": "Насосні станції з резервним живленням",
                "de": "Pumpstationen mit Notstrom",
                "en": "Pumping stations with backup power",
            },
            {"uk": "станцій", "de": "Stationen", "en": "stations"},
            (0, 12, 5),
        ),
        "budget": [
            ("Stromerzeuger", Decimal("48000.00"), "EUR"),
            ("Монтаж і пусконалагодження", Decimal("904000.00"), "UAH"),
        ],
        "update": (
            -3,
            {
                "uk": "Обстеження насосних станцій завершено: чотирьом із шести насамперед "
                "потрібне резервне живлення.",
                "de": "Die Begutachtung der Pumpstationen ist abgeschlossen: Vier von sechs "
                "brauchen zuerst Notstrom.",
                "en": "The survey of the pumping stations is finished: four of six need backup "
                "power first.",
            },
        ),
    },
    {
        "name": "citizen-services",
        "lead": 1,
        "area": "digitalisation",
        "status": "running",
        "months": (-2, 16),
        "public": True,
        "title": {
            "de": "Digitale Bürgerdienste für Schytomyr",
            "uk": "Цифрові послуги для мешканців Житомира",
            "en": "Digital citizen services for Zhytomyr",
        },
        "description": {
            "de": "Dortmund teilt seine Erfahrung mit dem Bürgerportal; gemeinsam werden "
            "die zehn häufigsten Anträge online gestellt.",
            "uk": "Дортмунд ділиться досвідом свого порталу для мешканців; разом десять "
            "найчастіших заяв переводяться онлайн.",
            "en": "Dortmund shares its experience with its citizen portal; together the ten "
            "most frequent applications go online.",
        },
        "organisations": [
            ("Stadt Dortmund, Büro für Internationale Beziehungen", "lead"),
            ("Житомирська міська рада, відділ міжнародного співробітництва", "partner"),
        ],
        "milestones": [
            (
                1,
                False,
                {
                    "de": "Auswahl der zehn Anträge",
                    "uk": "Вибір десяти заяв",
                    "en": "Ten applications chosen",
                },
            ),
            (
                10,
                False,
                {
                    "de": "Erste Anträge online",
                    "uk": "Перші заяви онлайн",
                    "en": "First applications online",
                },
            ),
        ],
        "indicator": (
            {
                "de": "Online gestellte Antragsarten",
                "uk": "Види заяв онлайн",
                "en": "Kinds of application online",
            },
            {"de": "Antragsarten", "uk": "видів", "en": "kinds"},
            (0, 10, None),
        ),
        "budget": [("Beratung und Schulung", Decimal("25000.00"), "EUR")],
    },
    {
        "name": "heritage",
        "lead": 2,
        "area": "urban-planning-heritage",
        "status": "planned",
        "months": (3, 18),
        "title": {
            "uk": "Охорона історичного центру Житомира",
            "de": "Schutz der historischen Altstadt von Schytomyr",
            "en": "Protecting Zhytomyr's historic centre",
        },
        "description": {
            "uk": "Обстеження пошкоджених пам'яток і план відбудови з дотриманням "
            "вимог охорони культурної спадщини.",
            "de": "Erfassung beschädigter Baudenkmäler und ein Wiederaufbauplan nach den "
            "Regeln des Denkmalschutzes.",
            "en": "A survey of damaged monuments and a reconstruction plan that follows the "
            "rules of heritage protection.",
        },
        "organisations": [],
        "milestones": [
            (
                6,
                False,
                {
                    "uk": "Реєстр пошкоджених пам'яток",
                    "de": "Verzeichnis beschädigter Denkmäler",
                    "en": "Register of damaged monuments",
                },
            ),
        ],
        "indicator": None,
        "budget": [],
    },
    {
        "name": "start-ups",
        "lead": 1,
        "area": "economy-innovation",
        "status": "idea",
        "months": (6, 24),
        "title": {
            "de": "Start-up-Austausch Dortmund–Schytomyr",
            "uk": "Обмін стартапами Дортмунд–Житомир",
            "en": "Start-up exchange Dortmund–Zhytomyr",
        },
        "description": {
            "de": "Gründerinnen und Gründer beider Städte besuchen einander und lernen die "
            "Förderangebote der Partnerstadt kennen.",
            "uk": "Засновники стартапів з обох міст відвідують одне одного та знайомляться з "
            "програмами підтримки міста-партнера.",
            "en": "Founders from both cities visit each other and learn about the partner "
            "city's support programmes.",
        },
        "organisations": [],
        "milestones": [],
        "indicator": None,
        "budget": [],
    },
    {
        "name": "universities",
        "lead": 2,
        "area": "science",
        "status": "completed",
        "months": (-14, -2),
        "public": True,
        "title": {
            "uk": "Спільний семінар з енергоефективності",
            "de": "Gemeinsames Seminar zur Energieeffizienz",
            "en": "Joint seminar on energy efficiency",
        },
        "description": {
            "uk": "Викладачі та студенти обох університетів разом досліджували "
            "енергоефективність громадських будівель.",
            "de": "Lehrende und Studierende beider Universitäten untersuchten gemeinsam die "
            "Energieeffizienz öffentlicher Gebäude.",
            "en": "Teachers and students of both universities studied the energy efficiency "
            "of public buildings together.",
        },
        "organisations": [
            ("Державний університет «Житомирська політехніка»", "lead"),
            ("Technische Universität Dortmund", "partner"),
        ],
        "milestones": [
            (
                -10,
                True,
                {
                    "uk": "Семінар у Житомирі",
                    "de": "Seminar in Schytomyr",
                    "en": "Seminar in Zhytomyr",
                },
            ),
            (
                -4,
                True,
                {
                    "uk": "Звіт про результати",
                    "de": "Ergebnisbericht",
                    "en": "Report of the results",
                },
            ),
        ],
        "indicator": (
            {
                "uk": "Учасники семінару",
                "de": "Teilnehmende am Seminar",
                "en": "Seminar participants",
            },
            {"uk": "осіб", "de": "Personen", "en": "people"},
            (0, 30, 34),
        ),
        "budget": [("Reise- und Unterkunftskosten", Decimal("12500.00"), "EUR")],
    },
]


def _key(partnership: Partnership, name: str, part: str = "") -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{partnership.slug}:project:{name}:{part}")


def _month(today, months: int):
    return today + timedelta(days=round(months * 30.5))


def load_projects(partnership: Partnership) -> None:
    coordinators = {
        position: User.objects.filter(email=demo_email(Role.COORDINATOR, city)).first()
        for position, city in CITY.items()
    }
    if not all(coordinators.values()):
        return
    sides = {side.position: side for side in partnership.sides.all()}
    areas = {area.key: area for area in partnership.focus_areas.all()}
    today = timezone.localdate()
    for entry in PROJECTS:
        lead, name = entry["lead"], entry["name"]
        by, language = coordinators[lead], LANGUAGE[lead]
        if Project.objects.filter(
            partnership=partnership, created_by=by, idempotency_key=_key(partnership, name)
        ).exists():
            continue
        texts = {"title": entry["title"], "description": entry["description"]}
        start, end = (_month(today, months) for months in entry["months"])
        project = services.project_create(
            partnership=partnership,
            by=by,
            idempotency_key=_key(partnership, name),
            language=language,
            lead_side=sides[lead],
            focus_area=areas.get(entry["area"]),
            status=entry["status"],
            starts_on=start,
            ends_on=end,
            humanitarian=entry.get("humanitarian", False),
            public=entry.get("public", False),
            **written_in(texts, language),
        )
        translations_add(project, texts_of(texts))
        _parts(project, entry, by, language, today)
    load_funding(partnership)
    titles = {entry["name"]: entry["title"][LANGUAGE[entry["lead"]]] for entry in PROJECTS}
    load_plans(partnership, titles)


def _parts(project: Project, entry: dict, by: User, language: str, today) -> None:
    name, partnership = entry["name"], project.partnership
    for organisation_name, role in entry["organisations"]:
        if organisation := Organisation.objects.filter(
            partnership=partnership, name=organisation_name
        ).first():
            ProjectOrganisation.objects.get_or_create(
                project=project, organisation=organisation, role=role
            )
    for number, (months, done, title) in enumerate(entry["milestones"]):
        milestone = services.milestone_add(
            project=project,
            by=by,
            idempotency_key=_key(partnership, name, f"milestone{number}"),
            title=title[language],
            due_on=_month(today, months),
            language=language,
        )
        translations_add(milestone, {"title": title})
        if done:
            services.milestone_complete(milestone=milestone, by=by, completed_on=milestone.due_on)
    if entry["indicator"]:
        title, unit, (baseline, target, actual) = entry["indicator"]
        indicator = services.indicator_add(
            project=project,
            by=by,
            idempotency_key=_key(partnership, name, "indicator"),
            title=title[language],
            unit=unit[language],
            baseline=Decimal(baseline),
            target=Decimal(target),
            language=language,
        )
        translations_add(indicator, {"title": title, "unit": unit})
        if actual is not None:
            services.indicator_record(indicator=indicator, by=by, actual=Decimal(actual))
    for number, (purpose, amount, currency) in enumerate(entry["budget"]):
        services.budget_line_add(
            project=project,
            by=by,
            idempotency_key=_key(partnership, name, f"budget{number}"),
            purpose=purpose,
            amount=amount,
            currency=currency,
            rate=RATE,
            rate_on=project.starts_on,
        )
    needs = Need.objects.filter(partnership=partnership, title__in=entry.get("needs", []))
    project.needs.add(*needs)
    if "update" in entry:
        months, body = entry["update"]
        update = services.update_post(
            project=project,
            by=by,
            idempotency_key=_key(partnership, name, "update"),
            body=body[language],
            posted_on=_month(today, months),
            language=language,
        )
        translations_add(update, {"body": body})
