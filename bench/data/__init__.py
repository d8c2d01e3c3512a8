"""The benchmark's dataset for the whole platform, seeded and reproducible: partnerships with
their members, aid, agreements, letters, conversations, the directory, events, projects and
work plans, made partnership by partnership (`aid`, `agreements`, `conversations`,
`exchanges`, `projects` hold each domain's part).

The same seed and `today` give the same records. Sizes are totals over all partnerships,
spread evenly, the last partnership taking the remainder."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from bench.sizes import Sizes
from pobratym.agreements.models import Letter
from pobratym.conversations.models import Message, Thread
from pobratym.translation.models import Translation

from . import agreements as agreement_data
from . import aid as aid_data
from . import conversations as conversation_data
from . import exchanges as exchange_data
from . import funding as funding_data
from . import projects as project_data
from .aid import SLUG_PREFIX

__all__ = ["SLUG_PREFIX", "Counts", "Sizes", "generate"]


@dataclass
class Counts(aid_data.Counts):
    agreements: int = 0
    versions: int = 0
    signatures: int = 0
    letters: int = 0
    threads: int = 0
    messages: int = 0
    translations: int = 0
    read_marks: int = 0
    organisations: int = 0
    contacts: int = 0
    events: int = 0
    participants: int = 0
    projects: int = 0
    milestones: int = 0
    plans: int = 0
    measures: int = 0
    applications: int = 0
    reports: int = 0
    news: int = 0


def _share(total: int, parts: int, number: int) -> int:
    """Partnership `number`'s (1-based) share of `total`."""
    each = total // parts
    return total - each * (parts - 1) if number == parts else each


def _first_holds_a_tenth(total: int, parts: int, number: int) -> int:
    """Partnership `number`'s share of `total` when the first, whose pages and council report
    are timed, holds a tenth (500 of the default 5,000 projects) and the others the rest."""
    first = total // 10 if parts > 1 else total
    return first if number == 1 else _share(total - first, parts - 1, number - 1)


@transaction.atomic
def generate(
    sizes: Sizes | None = None, *, seed: int = 1, today: date | None = None, progress=None
) -> Counts:
    """Create the dataset in the default database (which should be empty of it)."""
    sizes = sizes or Sizes()
    if sizes.threads > sizes.messages:
        raise ValueError("Every thread needs a message: ask for at least as many messages.")
    today = today or timezone.localdate()
    generator = aid_data.Generator(seed, today)
    generator.counts = counts = Counts()
    rng = generator.random
    line_counts = aid_data.line_counts(rng, sizes.needs, sizes.lines)
    per_partnership = sizes.needs // sizes.partnerships
    timed = (*aid_data.TIMED, Thread, Message, Translation, Letter)
    calls = funding_data.catalogue(rng, today)
    with aid_data.timestamps_as_given(*timed):
        for number in range(1, sizes.partnerships + 1):
            partnership, context = generator.partnership(number)
            cast = context["people"]
            start = (number - 1) * per_partnership
            end = sizes.needs if number == sizes.partnerships else start + per_partnership
            made = generator.needs(partnership, context, line_counts[start:end])
            pledges = generator.offers(partnership, context, made)
            shipments = _share(sizes.shipments, sizes.partnerships, number)
            generator.shipments(partnership, context, pledges, shipments)
            made_agreements, versions, signatures = agreement_data.agreements(
                partnership, cast, today
            )
            counts.agreements += made_agreements
            counts.versions += versions
            counts.signatures += signatures
            counts.people += 2  # the signatories
            counts.letters += len(
                agreement_data.letters(
                    partnership,
                    cast,
                    _share(sizes.letters, sizes.partnerships, number),
                    rng,
                    today,
                )
            )
            threads, messages, translations, reads = conversation_data.conversations(
                partnership,
                cast,
                threads=_share(sizes.threads, sizes.partnerships, number),
                messages=_share(sizes.messages, sizes.partnerships, number),
                rng=rng,
                today=today,
            )
            counts.threads += threads
            counts.messages += messages
            counts.translations += translations
            counts.read_marks += reads
            organisations, contacts, events, participants = exchange_data.directory_and_events(
                partnership,
                cast,
                organisations=_share(sizes.organisations, sizes.partnerships, number),
                contacts=_share(sizes.contacts, sizes.partnerships, number),
                events=_share(sizes.events, sizes.partnerships, number),
                rng=rng,
                today=today,
            )
            counts.organisations += organisations
            counts.contacts += contacts
            counts.events += events
            counts.participants += participants
            projects, milestones, measures = project_data.projects_and_plan(
                partnership,
                cast,
                projects=_first_holds_a_tenth(sizes.projects, sizes.partnerships, number),
                milestones=_first_holds_a_tenth(sizes.milestones, sizes.partnerships, number),
                rng=rng,
                today=today,
                last_year=number == 1,
            )
            counts.projects += projects
            counts.milestones += milestones
            counts.plans += 1
            counts.measures += measures
            counts.applications += funding_data.applications(
                partnership,
                cast,
                calls,
                _share(sizes.applications, sizes.partnerships, number),
                rng,
                today,
            )
            counts.reports += funding_data.reports(partnership, cast, today)
            counts.news += funding_data.news(
                partnership, cast, _share(sizes.news, sizes.partnerships, number), rng, today
            )
            if progress:
                progress(number, sizes.partnerships)
    return counts
