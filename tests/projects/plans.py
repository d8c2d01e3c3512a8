"""Making work plans in tests, through the services as the pages do: a plan over 2025 and
2026 and measures inside it."""

import uuid
from datetime import date

from pobratym.projects import services


def plan_add(partnership, by, key=None, **fields):
    data = {
        "title": "Planung 2025/2026",
        "starts_on": date(2025, 1, 1),
        "ends_on": date(2026, 12, 31),
        "language": "de",
        **fields,
    }
    return services.plan_create(
        partnership=partnership, by=by, idempotency_key=key or uuid.uuid4(), **data
    )


def measure_add(plan, by, version=None, **fields):
    data = {
        "title": "Fachaustausch Digitalisierung",
        "description": "Zwei Besuche der IT-Abteilungen.",
        "lead_side": plan.partnership.sides.get(position=1),
        "responsible": "Büro für Internationale Beziehungen",
        "starts_on": date(2025, 3, 1),
        "ends_on": date(2025, 10, 31),
        "language": "de",
        **fields,
    }
    key = data.pop("idempotency_key", None) or uuid.uuid4()
    version = version or plan.versions.order_by("-number").first()
    return services.measure_add(version=version, by=by, idempotency_key=key, **data)


def measures_add(plan, by, count, first=0):
    """`count` measures, each with an organisation, a project, an event and a need of its
    own: what the pages and the API show, to pin their number of queries."""
    from tests.aid.factories import need_post
    from tests.directory.factories import organisation_add
    from tests.exchanges.factories import event_add
    from tests.projects.conftest import project_add

    partnership = plan.partnership
    for number in range(first, first + count):
        measure_add(
            plan,
            by,
            title=f"Maßnahme {number}",
            organisations=[organisation_add(partnership, by)],
            projects=[project_add(partnership, by, title=f"Projekt {number}")],
            events=[event_add(partnership, by, title=f"Treffen {number}")],
            needs=[need_post(partnership, by)],
        )
