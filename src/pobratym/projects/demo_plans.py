"""The demo's work plans: the "Planung 2023 / 2024" the draft agreement ends with, its measures
taken from the agreement's aims and focus areas, approved by both sides; and a plan for
2025/2026 whose first measure turns the solidarity partnership into a twinning, proposed and
approved by Dortmund only, so it awaits the Zhytomyr coordinator in My work.

Each measure is written in its lead city's language by that city's coordinator, beside the
demo coordinators' translations, and linked to the demo's projects, events and aid needs where
they fit. Idempotent: each plan is made with a fixed key, once."""

import uuid
from datetime import date
from decimal import Decimal

from pobratym.accounts.models import User
from pobratym.aid.models import Need
from pobratym.exchanges.models import Event
from pobratym.partnerships.demo import demo_email, texts_of, translations_add, written_in
from pobratym.partnerships.models import Partnership, Role

from . import services
from .models import Project

NAMESPACE = uuid.UUID("7c2e9a41-5d0b-4f3e-9a86-d0e0e0000000")
CITY = {1: "dortmund", 2: "zhytomyr"}
LANGUAGE = {1: "de", 2: "uk"}
DORTMUND_OFFICE = {
    "de": "Büro für Internationale Beziehungen",
    "uk": "Бюро міжнародних відносин",
    "en": "Office for International Relations",
}
ZHYTOMYR_OFFICE = {
    "uk": "Відділ міжнародного співробітництва",
    "de": "Abteilung für internationale Zusammenarbeit",
    "en": "International Cooperation Department",
}


def _measure(lead, area, months, title, description, responsible, **more):
    return {
        "lead": lead,
        "area": area,
        "months": months,  # (first month, last month) as (year, month)
        "title": title,
        "description": description,
        "responsible": responsible,
        **more,
    }


PLAN_2023 = {
    "name": "2023-2024",
    "years": (2023, 2024),
    "title": {
        "de": "Planung 2023 / 2024",
        "uk": "Планування 2023 / 2024",
        "en": "Planning 2023 / 2024",
    },
    "approved_by": (1, 2),
    "measures": [
        _measure(
            1,
            "humanitarian-aid",
            ((2023, 1), (2024, 12)),
            {
                "de": "Humanitäre Hilfe für Schytomyr",
                "uk": "Гуманітарна допомога Житомиру",
                "en": "Humanitarian aid for Zhytomyr",
            },
            {
                "de": "Hilfsgüter nach dem Bedarf, den Schytomyr meldet: Medizin, Strom, Schulen "
                "und Zivilschutz.",
                "uk": "Допомога відповідно до потреб, про які повідомляє Житомир: медицина, "
                "електроенергія, школи та цивільний захист.",
                "en": "Aid following the needs Zhytomyr reports: medicine, power, schools and "
                "civil protection.",
            },
            DORTMUND_OFFICE,
            status="done",
            progress=100,
            budget=(Decimal("150000.00"), "EUR"),
            needs=[
                "Перев'язувальні матеріали для міської лікарні № 1",
                "Ноутбуки для ліцею № 25",
            ],
        ),
        _measure(
            2,
            "reconstruction",
            ((2023, 6), (2024, 12)),
            {
                "uk": "Відбудова: надійне водопостачання",
                "de": "Wiederaufbau: verlässliche Wasserversorgung",
                "en": "Reconstruction: a reliable water supply",
            },
            {
                "uk": "Резервне живлення для насосних станцій і обмін досвідом між водоканалами.",
                "de": "Notstrom für die Pumpstationen und Erfahrungsaustausch der Wasserwerke.",
                "en": "Backup power for the pumping stations and an exchange between the water "
                "utilities.",
            },
            {
                "uk": "КП «Житомирводоканал»",
                "de": "Kommunalbetrieb „Schytomyrwodokanal“",
                "en": "Zhytomyrvodokanal municipal utility",
            },
            status="running",
            progress=60,
            budget=(Decimal("2400000.00"), "UAH"),
            projects=["water"],
            events=["expert_exchange"],
            needs=["Генератори для насосних станцій водоканалу"],
        ),
        _measure(
            1,
            "digitalisation",
            ((2023, 9), (2024, 6)),
            {
                "de": "Erfahrungsaustausch zu digitalen Bürgerdiensten",
                "uk": "Обмін досвідом щодо цифрових послуг для мешканців",
                "en": "Sharing experience of digital citizen services",
            },
            {
                "de": "Die IT-Ämter beider Städte stellen einander ihre Online-Dienste vor.",
                "uk": "ІТ-підрозділи обох міст представляють одне одному свої онлайн-послуги.",
                "en": "The IT offices of both cities present their online services to each other.",
            },
            DORTMUND_OFFICE,
            status="done",
            progress=100,
            projects=["citizen-services"],
            events=["online"],
        ),
        _measure(
            2,
            "urban-planning-heritage",
            ((2024, 1), (2024, 12)),
            {
                "uk": "Обстеження історичного центру",
                "de": "Erfassung der historischen Altstadt",
                "en": "Survey of the historic centre",
            },
            {
                "uk": "Перелік пошкоджених пам'яток як основа для плану відбудови.",
                "de": "Ein Verzeichnis der beschädigten Denkmäler als Grundlage des "
                "Wiederaufbauplans.",
                "en": "A list of damaged monuments as the basis of the reconstruction plan.",
            },
            ZHYTOMYR_OFFICE,
            status="postponed",
            progress=20,
            projects=["heritage"],
        ),
        _measure(
            1,
            "economy-innovation",
            ((2024, 3), (2024, 11)),
            {
                "de": "Kontakte zwischen Gründerinnen und Gründern",
                "uk": "Контакти між засновниками стартапів",
                "en": "Contacts between founders",
            },
            {
                "de": "Wirtschaftsförderungen beider Städte vermitteln Start-ups einander.",
                "uk": "Служби підтримки економіки обох міст знайомлять стартапи між собою.",
                "en": "The economic development offices of both cities put start-ups in touch.",
            },
            {
                "de": "Wirtschaftsförderung Dortmund",
                "uk": "Агенція економічного розвитку Дортмунда",
                "en": "Dortmund Economic Development",
            },
            status="postponed",
            progress=0,
            projects=["start-ups"],
        ),
        _measure(
            2,
            "science",
            ((2023, 10), (2024, 9)),
            {
                "uk": "Співпраця університетів",
                "de": "Zusammenarbeit der Hochschulen",
                "en": "Cooperation of the universities",
            },
            {
                "uk": "Спільний семінар і дослідження «Житомирської політехніки» та TU Dortmund.",
                "de": "Ein gemeinsames Seminar und Forschung der Polytechnischen Universität "
                "Schytomyr und der TU Dortmund.",
                "en": "A joint seminar and research of Zhytomyr Polytechnic and TU Dortmund.",
            },
            {
                "uk": "Державний університет «Житомирська політехніка»",
                "de": "Staatliche Universität „Polytechnika Schytomyr“",
                "en": "Zhytomyr Polytechnic State University",
            },
            status="done",
            progress=100,
            budget=(Decimal("12500.00"), "EUR"),
            projects=["universities"],
        ),
        _measure(
            1,
            "",
            ((2023, 4), (2024, 12)),
            {
                "de": "Verwaltungs- und Fachaustausch, Jugendbegegnungen und Kultur",
                "uk": "Адміністративний та експертний обмін, молодіжні обміни й культура",
                "en": "Administrative and expert exchanges, youth encounters and culture",
            },
            {
                "de": "Besuche von Fachleuten beider Verwaltungen, eine Jugendbegegnung und "
                "ein Kulturabend, mit Zivilgesellschaft und städtischen Töchtern.",
                "uk": "Візити фахівців обох адміністрацій, молодіжний обмін і культурний "
                "вечір за участі громадянського суспільства та комунальних підприємств.",
                "en": "Visits of experts of both administrations, a youth encounter and a "
                "cultural evening, with civil society and municipal subsidiaries.",
            },
            DORTMUND_OFFICE,
            status="running",
            progress=50,
            events=["youth", "culture"],
        ),
    ],
}

PLAN_2025 = {
    "name": "2025-2026",
    "years": (2025, 2026),
    "title": {
        "de": "Planung 2025 / 2026",
        "uk": "Планування 2025 / 2026",
        "en": "Planning 2025 / 2026",
    },
    "approved_by": (1,),
    "measures": [
        _measure(
            1,
            "",
            ((2025, 3), (2026, 6)),
            {
                "de": "Überführung in eine Städtepartnerschaft",
                "uk": "Перетворення на партнерство міст (побратимство)",
                "en": "Turning the partnership into a twinning",
            },
            {
                "de": "Wie in der Vereinbarung vorgesehen: Beschlüsse beider Stadträte und die "
                "Unterzeichnung der Städtepartnerschaft durch beide Oberbürgermeister.",
                "uk": "Як передбачено угодою: рішення обох міських рад і підписання угоди про "
                "партнерство міст обома міськими головами.",
                "en": "As the agreement intends: decisions of both city councils and the "
                "signing of the twinning by both mayors.",
            },
            DORTMUND_OFFICE,
            status="running",
            progress=60,
        ),
        _measure(
            2,
            "reconstruction",
            ((2025, 1), (2026, 12)),
            {
                "uk": "Відновлення водопостачання Житомира",
                "de": "Wiederaufbau der Wasserversorgung in Schytomyr",
                "en": "Restoring Zhytomyr's water supply",
            },
            {
                "uk": "Генератори та ремонт головної насосної станції.",
                "de": "Stromerzeuger und Instandsetzung der Hauptpumpstation.",
                "en": "Generators and repairs of the main pumping station.",
            },
            {
                "uk": "КП «Житомирводоканал»",
                "de": "Kommunalbetrieb „Schytomyrwodokanal“",
                "en": "Zhytomyrvodokanal municipal utility",
            },
            status="running",
            progress=40,
            budget=(Decimal("90000.00"), "EUR"),
            projects=["water"],
            needs=["Генератори для насосних станцій водоканалу"],
        ),
        _measure(
            1,
            "digitalisation",
            ((2025, 6), (2026, 12)),
            {
                "de": "Digitale Bürgerdienste für Schytomyr",
                "uk": "Цифрові послуги для мешканців Житомира",
                "en": "Digital citizen services for Zhytomyr",
            },
            {
                "de": "Die zehn häufigsten Anträge werden online gestellt.",
                "uk": "Десять найчастіших заяв можна подати онлайн.",
                "en": "The ten most frequent applications go online.",
            },
            DORTMUND_OFFICE,
            status="running",
            progress=30,
            budget=(Decimal("25000.00"), "EUR"),
            projects=["citizen-services"],
            events=["online"],
        ),
        _measure(
            2,
            "urban-planning-heritage",
            ((2025, 9), (2026, 12)),
            {
                "uk": "План відбудови історичного центру",
                "de": "Wiederaufbauplan für die historische Altstadt",
                "en": "Reconstruction plan for the historic centre",
            },
            {
                "uk": "Відбудова з дотриманням вимог охорони культурної спадщини.",
                "de": "Wiederaufbau nach den Regeln des Denkmalschutzes.",
                "en": "Reconstruction that follows the rules of heritage protection.",
            },
            ZHYTOMYR_OFFICE,
            projects=["heritage"],
        ),
        _measure(
            1,
            "",
            ((2026, 1), (2026, 12)),
            {
                "de": "Delegationsbesuch, Jugendbegegnung und Kulturabend",
                "uk": "Візит делегації, молодіжний обмін і культурний вечір",
                "en": "Delegation visit, youth encounter and cultural evening",
            },
            {
                "de": "Begegnungen, die die künftige Städtepartnerschaft tragen.",
                "uk": "Зустрічі, на яких триматиметься майбутнє партнерство міст.",
                "en": "Encounters that carry the coming twinning.",
            },
            DORTMUND_OFFICE,
            events=["delegation", "youth", "culture"],
        ),
    ],
}


def _key(partnership: Partnership, name: str, part: str = "") -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{partnership.slug}:plan:{name}:{part}")


def load_plans(partnership: Partnership, project_titles: dict[str, str]) -> None:
    """Both demo plans; `project_titles` names each demo project (as written) by its key."""
    coordinators = {
        position: User.objects.filter(email=demo_email(Role.COORDINATOR, city)).first()
        for position, city in CITY.items()
    }
    if not all(coordinators.values()):
        return
    for entry in (PLAN_2023, PLAN_2025):
        _plan(partnership, entry, coordinators, project_titles)


def _plan(partnership, entry, coordinators, project_titles) -> None:
    first, last = entry["years"]
    by = coordinators[1]
    plan = services.plan_create(
        partnership=partnership,
        by=by,
        idempotency_key=_key(partnership, entry["name"]),
        title=entry["title"]["de"],
        starts_on=date(first, 1, 1),
        ends_on=date(last, 12, 31),
        language="de",
    )
    if not plan.created_now:
        return
    translations_add(plan, {"title": entry["title"]})
    version = plan.versions.get()
    sides = {side.position: side for side in partnership.sides.all()}
    areas = {area.key: area for area in partnership.focus_areas.all()}
    for number, spec in enumerate(entry["measures"]):
        lead = spec["lead"]
        language = LANGUAGE[lead]
        texts = {key: spec[key] for key in ("title", "description", "responsible")}
        amount, currency = spec.get("budget", (None, "EUR"))
        (start_year, start_month), (end_year, end_month) = spec["months"]
        measure = services.measure_add(
            version=version,
            by=coordinators[lead],
            idempotency_key=_key(partnership, entry["name"], str(number)),
            language=language,
            focus_area=areas.get(spec["area"]),
            lead_side=sides[lead],
            starts_on=date(start_year, start_month, 1),
            ends_on=_month_end(end_year, end_month),
            budget_estimate=amount,
            currency=currency,
            **written_in(texts, language),
        )
        translations_add(measure, texts_of(texts))
        services.measure_progress(
            measure=measure,
            by=coordinators[lead],
            status=spec.get("status", "planned"),
            progress=spec.get("progress", 0),
            projects=Project.objects.filter(
                partnership=partnership,
                title__in=[project_titles[name] for name in spec.get("projects", [])],
            ),
            events=Event.objects.filter(partnership=partnership, kind__in=spec.get("events", [])),
            needs=Need.objects.filter(partnership=partnership, title__in=spec.get("needs", [])),
        )
    for position in entry["approved_by"]:
        services.plan_approve(
            version=version,
            by=coordinators[position],
            fingerprint=services.version_fingerprint(version),
        )


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)
