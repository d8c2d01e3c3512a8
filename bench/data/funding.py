"""Funding, reports and news: a catalogue of programmes with their calls (shared by every
partnership, as the real one is), each partnership's applications to those calls for its
projects in every status, its council reports of last year in German and Ukrainian, and its
news posts for the public portal, about one a week going back from today.

All with `bulk_create`, valid by construction (a granted application has its amount, a call's
expression of interest falls before its deadline), as the services would make them."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from pobratym.partnerships.models import Partnership, Role
from pobratym.portal.models import NewsPost
from pobratym.projects.models import (
    Application,
    ApplicationStatus,
    FundingCall,
    FundingProgramme,
    Project,
    Report,
)
from pobratym.projects.models.funding import FunderKind

from .people import Cast

BATCH = 5000
PROGRAMMES = 12
CALLS_PER_PROGRAMME = 3
NEWS_TITLES = {
    "de": "Neues aus der Partnerschaft {n}",
    "uk": "Новини партнерства {n}",
}
NEWS_BODY = {
    "de": "Die Partnerstädte berichten, was seit dem letzten Beitrag geschehen ist.",
    "uk": "Міста-партнери розповідають, що сталося від попереднього допису.",
}


def catalogue(rng: random.Random, today: date) -> list[FundingCall]:
    """Twelve programmes of every kind of funder, three calls each (one past, two to come)."""
    kinds = FunderKind.values
    programmes = FundingProgramme.objects.bulk_create(
        FundingProgramme(
            name=f"Förderprogramm {number}",
            funder=f"Fördergeber {number}",
            funder_kind=kinds[number % len(kinds)],
            description="Fördert kommunale Partnerschaften mit der Ukraine.",
            eligibility="Kommunen und ihre Partner.",
            language="de",
            cofinancing_rate=Decimal(rng.choice([50, 75, 90, 100])),
            minimum=Decimal(5_000),
            maximum=Decimal(rng.choice([50_000, 250_000, 1_000_000])),
            checked_on=today - timedelta(days=rng.randrange(0, 180)),
        )
        for number in range(1, PROGRAMMES + 1)
    )
    calls = []
    for programme in programmes:
        for number, days in enumerate((-120, 45, 200)[:CALLS_PER_PROGRAMME], start=1):
            apply_by = today + timedelta(days=days + rng.randrange(0, 30))
            calls.append(
                FundingCall(
                    programme=programme,
                    title=f"{programme.name}, Aufruf {number}",
                    interest_by=apply_by - timedelta(days=30) if number % 2 else None,
                    apply_by=apply_by,
                )
            )
    return FundingCall.objects.bulk_create(calls, batch_size=BATCH)


def applications(
    partnership: Partnership, cast: Cast, calls: list[FundingCall], count: int, rng, today
) -> int:
    """`count` applications for the partnership's first projects, spread over the calls and
    every status; returns how many were made."""
    by = cast[1, Role.COORDINATOR][0]
    projects = list(Project.objects.filter(partnership=partnership).order_by("pk")[:count])
    made = []
    for project in projects:
        status = rng.choice(ApplicationStatus.values)
        requested = Decimal(rng.randrange(5_000, 200_000))
        sent = status not in ("planned", "withdrawn")
        made.append(
            Application(
                partnership=partnership,
                call=rng.choice(calls),
                project=project,
                status=status,
                requested=requested,
                granted=requested if status == "granted" else None,
                submitted_on=today - timedelta(days=rng.randrange(0, 365)) if sent else None,
                reference=f"FP-{partnership.pk}-{project.pk}" if sent else "",
                created_by=by,
            )
        )
    return len(Application.objects.bulk_create(made, batch_size=BATCH))


def news(partnership: Partnership, cast: Cast, count: int, rng, today) -> int:
    """`count` posts by either side's coordinator, about one a week back from today."""
    made = []
    for number in range(count):
        position = 1 + number % 2
        language = "de" if position == 1 else "uk"
        made.append(
            NewsPost(
                partnership=partnership,
                title=NEWS_TITLES[language].format(n=number + 1),
                body=NEWS_BODY[language],
                language=language,
                posted_on=today - timedelta(days=7 * number + rng.randrange(0, 7)),
                created_by=cast[position, Role.COORDINATOR][0],
            )
        )
    return len(NewsPost.objects.bulk_create(made, batch_size=BATCH))


# The reports' files: one small stand-in of each kind, shared by every report (the pages link
# to them; the benchmark times the real report's making separately).
REPORT_FILES = {"pdf": "projects/reports/bench.pdf", "docx": "projects/reports/bench.docx"}


def reports(partnership: Partnership, cast: Cast, today: date) -> int:
    """Last year's council report, finished, in German and in Ukrainian."""
    for name in REPORT_FILES.values():
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(b"stand-in"))
    made = Report.objects.bulk_create(
        Report(
            partnership=partnership,
            year=today.year - 1,
            language=language,
            status=Report.Status.DONE,
            progress=100,
            finished_at=timezone.now(),
            requested_by=cast[position, Role.COORDINATOR][0],
            **REPORT_FILES,
        )
        for position, language in ((1, "de"), (2, "uk"))
    )
    return len(made)
