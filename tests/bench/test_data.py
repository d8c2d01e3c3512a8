"""The benchmark's dataset generator, at a small scale, so it keeps working as models change."""

import contextlib
from datetime import date

import pytest
from django.db import transaction
from django.db.models import F

from bench.data import SLUG_PREFIX, Sizes, generate
from pobratym.agreements.models import Agreement, AgreementState, Letter, Signature, Version
from pobratym.aid.models import (
    Need,
    NeedLine,
    Pledge,
    ReceiptLine,
    Shipment,
    ShipmentLine,
    item_key_of,
)
from pobratym.aid.selectors import with_status
from pobratym.conversations.models import Message, MessageRead, Thread
from pobratym.directory.models import Contact, Organisation
from pobratym.exchanges.models import Event, Participant
from pobratym.partnerships.models import Partnership
from pobratym.portal.models import NewsPost
from pobratym.projects.models import (
    Application,
    BudgetLine,
    FundingCall,
    FundingProgramme,
    Measure,
    Milestone,
    Project,
    WorkPlan,
)
from pobratym.projects.selectors import state_of
from pobratym.translation.models import Translation, TranslationKind

pytestmark = pytest.mark.django_db


# The directory, events and projects at a few records (the defaults are thousands).
SMALL = {
    "organisations": 6, "contacts": 12, "events": 8, "projects": 10, "milestones": 30,
    "applications": 4, "news": 5,
}  # fmt: skip


def tiny(**sizes) -> Sizes:
    """A dataset of a few records of each kind (needs and lines too: left at the benchmark's
    20,000 and 200,000, the directory's and projects' tests spent a minute making them)."""
    few = {"partnerships": 1, "needs": 10, "lines": 40, "threads": 3, "messages": 9, "letters": 4}
    return Sizes(**{**SMALL, **few, **sizes})


def test_generator_makes_the_sizes_asked_for():
    sizes = Sizes(
        partnerships=3, needs=31, lines=100, shipments=5, threads=7, messages=50, letters=11,
        **SMALL,
    )  # fmt: skip
    counts = generate(sizes, seed=2)
    made = (
        counts.partnerships, counts.needs, counts.need_lines, counts.shipments,
        counts.threads, counts.messages, counts.letters,
    )  # fmt: skip
    assert made == (3, 31, 100, 5, 7, 50, 11)
    assert Shipment.objects.count() == 5
    assert Need.objects.count() == 31
    assert NeedLine.objects.count() == 100
    assert Thread.objects.count() == 7
    assert Message.objects.count() == 50
    assert Letter.objects.count() == 11
    # Every thread has a message and its time is its newest message's.
    for thread in Thread.objects.prefetch_related("messages"):
        assert thread.last_message_at == max(m.created_at for m in thread.messages.all())
    # Each partnership: one agreement in force (two versions, both signatures), one partly signed.
    assert Agreement.objects.count() == counts.agreements == 6
    assert Version.objects.count() == counts.versions == 9
    assert Signature.objects.count() == counts.signatures == 9
    states = sorted(str(agreement.state()) for agreement in Agreement.objects.all())
    assert states == [AgreementState.IN_FORCE] * 3 + [AgreementState.PARTLY_SIGNED] * 3
    machine = Translation.objects.filter(kind=TranslationKind.MACHINE)
    assert machine.count() == counts.translations > 0
    assert MessageRead.objects.count() == counts.read_marks > 0


def test_generator_makes_needs_lines_and_pledges_that_add_up():
    counts = generate(tiny(partnerships=2, needs=20, lines=200), seed=3)
    assert (counts.partnerships, counts.needs, counts.need_lines) == (2, 20, 200)
    assert Need.objects.filter(partnership__slug__startswith=SLUG_PREFIX).count() == 20
    assert NeedLine.objects.count() == 200
    assert Pledge.objects.count() == counts.pledges > 0
    for line in NeedLine.objects.all():
        assert line.item_key == item_key_of(line.item)
    # The status the pages show comes out of the generated records.
    statuses = set(with_status(Need.objects.all()).values_list("status", flat=True))
    assert {"open", "partly_covered"} & statuses


def test_pledges_stay_within_what_is_needed_and_offered():
    generate(tiny(needs=30, lines=150), seed=4)
    for pledge in Pledge.objects.select_related("need_line", "offer_line"):
        assert pledge.quantity <= pledge.need_line.quantity
        assert pledge.quantity <= pledge.offer_line.quantity
        assert pledge.offer_line.unit == pledge.need_line.unit
    for line in ShipmentLine.objects.select_related("pledge"):
        assert line.quantity <= line.pledge.quantity
    assert ReceiptLine.objects.count() <= ShipmentLine.objects.count()


class _Undo(Exception):
    pass


def _needs_made_with(seed: int) -> list:
    """Generate, read the needs back, and undo, so the next call starts from the same state."""
    with contextlib.suppress(_Undo), transaction.atomic():
        generate(tiny(needs=10, lines=40), seed=seed, today=date(2026, 11, 1))
        needs = list(
            Need.objects.order_by("pk", "lines__item").values_list(
                "title", "sector", "created_at", "idempotency_key", "lines__item"
            )
        )
        raise _Undo
    return needs


def test_the_same_seed_gives_the_same_records():
    assert _needs_made_with(5) == _needs_made_with(5)
    assert _needs_made_with(5) != _needs_made_with(6)


def test_generator_makes_the_directory_and_events_asked_for():
    counts = generate(tiny(partnerships=2, organisations=9, contacts=21, events=11), seed=5)
    assert (counts.organisations, counts.contacts, counts.events) == (9, 21, 11)
    made = Organisation.objects.filter(
        partnership__slug__startswith=SLUG_PREFIX, contacts__isnull=False
    )
    assert made.distinct().count() == 9
    assert Contact.objects.count() == 21
    assert not Contact.objects.filter(consent_on__isnull=True).exists()
    assert Event.objects.count() == 11
    assert not Event.objects.filter(ends_at__lt=F("starts_at")).exists()
    assert Participant.objects.count() == counts.participants == 11 * 3
    # Contacts and participants stay within their partnership.
    assert not Participant.objects.exclude(contact__partnership=F("event__partnership")).exists()
    assert set(Event.objects.values_list("time_zone", flat=True)) <= {
        "Europe/Berlin",
        "Europe/Kyiv",
    }


def test_projects_and_plans_are_valid_and_the_first_partnership_holds_a_tenth():
    counts = generate(tiny(partnerships=3, projects=40, milestones=120), seed=6)
    assert (counts.projects, counts.milestones, counts.plans) == (40, 120, 3)
    first = Project.objects.filter(partnership__slug=f"{SLUG_PREFIX}01").count()
    assert first == 4
    assert Project.objects.count() == 40 and Milestone.objects.count() == 120
    for project in Project.objects.all():
        project.full_clean()
    # Every milestone lies inside its project's period, as the services demand.
    outside = Milestone.objects.exclude(
        due_on__gte=F("project__starts_on"), due_on__lte=F("project__ends_on")
    )
    assert not outside.exists()
    # A hryvnia line always has its rate and date.
    assert not BudgetLine.objects.filter(currency="UAH", rate__isnull=True).exists()
    assert Measure.objects.count() == counts.measures > 0
    assert not Measure.objects.exclude(
        starts_on__gte=F("version__plan__starts_on"), ends_on__lte=F("version__plan__ends_on")
    ).exists()
    for plan in WorkPlan.objects.all():
        assert state_of(plan).approved is not None


def test_funding_and_news_are_made_for_each_partnership():
    counts = generate(tiny(partnerships=2, projects=20, applications=4, news=8), seed=5)
    assert (counts.applications, counts.news) == (4, 8)
    for partnership in Partnership.objects.filter(slug__startswith=SLUG_PREFIX):
        applications = Application.objects.filter(partnership=partnership)
        assert applications.count() == 2
        # Each for a project of its own partnership, to a call of the shared catalogue.
        assert not applications.exclude(project__partnership=partnership).exists()
        assert NewsPost.objects.filter(partnership=partnership).count() == 4
    # Granted applications carry their amount; sent ones their date.
    assert not Application.objects.filter(status="granted", granted__isnull=True).exists()
    assert not Application.objects.filter(status="submitted", submitted_on__isnull=True).exists()
    assert FundingCall.objects.filter(programme__in=FundingProgramme.objects.all()).count() >= 12
