"""The exports at two sizes: rows per second and the peak of Python's allocations, to show
which stream in constant memory (issue 18).

Run from the repository root: `python -m bench.exports` (SQLite in var/bench/exports.sqlite3),
or with DATABASE_URL pointing at a PostgreSQL server (a database `pobratym_bench_exports` on it
is dropped and made anew; `scripts/with-postgres.sh` starts a throwaway server). It generates
two partnerships with the platform benchmark's generator (`bench.data`): the first holds a
tenth of `--needs`, `--lines`, `--events`, `--projects` and `--milestones`, the second all of
them (by default issue 18's 20,000 needs with 200,000 lines). Each export is asked for in this
process through Django's test client with the production settings, as the receiving side's
coordinator (or a visitor, for open data), and read to its end a piece at a time as a server
sends it: once untimed, once timed (wall and CPU time), once with tracemalloc for the peak. An
export that streams has about the same peak at both sizes. The figures go to
bench/results/exports/<date>-<backend>.json and into bench/README.md. `bench.run` measures the
same exports for its own first partnership (`measure`).
"""

import argparse
import json
import os
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from bench.report import README, RESULTS, export_line, markdown_table
from bench.run import VAR, _database_title, _environment, _session_cookie
from bench.sizes import Sizes

SHARES = (10, 1)  # the first partnership holds a tenth, the second all
BEGIN = "<!-- exports: written by bench/exports.py -->"
END = "<!-- end of exports -->"


@dataclass(frozen=True)
class Export:
    name: str
    address: Callable | None  # (partnership) -> its address
    rows_in: Callable[[bytes], int] | None = None  # rows in a piece of the body
    rows_of: Callable | None = None  # (partnership) -> rows, for a body that cannot be counted
    visitor: bool = False
    header_rows: int = 0
    make: Callable | None = None  # (partnership) -> bytes: a document made without a page


def _page(name: str) -> Callable:
    from django.urls import reverse
    from django.utils import translation

    def address(partnership) -> str:
        with translation.override("en"):
            return reverse(name, kwargs={"slug": partnership.slug})

    return address


def _api(path: str) -> Callable:
    return lambda partnership: f"/api/v1/partnerships/{partnership.slug}/{path}"


def _lines_of(partnership) -> int:
    from pobratym.aid.models import NeedLine

    return NeedLine.objects.filter(need__partnership=partnership).count()


def _lines(piece: bytes) -> int:
    return piece.count(b"\n")


def _count(model_path: str, **lookups) -> Callable:
    """(partnership) -> how many records of `model_path` ("app.Model") there are, filtered by
    `lookups` whose values may name the partnership as "{partnership}"."""

    def count(partnership) -> int:
        from django.apps import apps

        model = apps.get_model(model_path)
        where = {
            key: partnership if value == "{partnership}" else value
            for key, value in lookups.items()
        }
        return model.objects.filter(**where).count()

    return count


def _open_discrepancies(partnership) -> int:
    from django.db.models import F, Q

    from pobratym.aid.models import ArrivalState, ReceiptLine

    return (
        ReceiptLine.objects.filter(
            receipt__shipment__partnership=partnership, resolved_at__isnull=True
        )
        .filter(~Q(quantity=F("shipment_line__quantity")) | ~Q(state=ArrivalState.INTACT))
        .count()
    )


def _biggest_shipment(partnership):
    """The partnership's shipment with the most lines: its documents grow with the dataset."""
    from django.db.models import Count

    from pobratym.aid.models import Shipment

    return (
        Shipment.objects.filter(partnership=partnership)
        .annotate(line_count=Count("lines"))
        .order_by("-line_count", "pk")
        .first()
    )


def _shipment_pdf(document: str) -> Callable:
    from django.urls import reverse

    def address(partnership) -> str:
        shipment = _biggest_shipment(partnership)
        return reverse(
            "aid:shipment_pdf",
            kwargs={"slug": partnership.slug, "shipment_id": shipment.pk, "document": document},
        )

    return address


def _biggest_event(partnership):
    from django.db.models import Count

    from pobratym.exchanges.models import Event

    return (
        Event.objects.filter(partnership=partnership)
        .annotate(people=Count("participants"))
        .order_by("-people", "pk")
        .first()
    )


def _participants(extension: str) -> Callable:
    from django.urls import reverse

    def address(partnership) -> str:
        event = _biggest_event(partnership)
        url = reverse("exchanges:participant_export", args=[partnership.slug, event.pk])
        return f"{url}?format=csv" if extension == "csv" else url

    return address


def _participant_rows(partnership) -> int:
    return _biggest_event(partnership).people


def _latest_version(partnership):
    from pobratym.agreements.models import Version

    return (
        Version.objects.filter(agreement__partnership=partnership)
        .select_related("agreement")
        .order_by("-agreement_id", "-number")
        .first()
    )


def _version_pdf(partnership) -> str:
    from django.urls import reverse

    version = _latest_version(partnership)
    address = reverse(
        "agreements:version_pdf",
        kwargs={
            "slug": partnership.slug,
            "agreement_id": version.agreement_id,
            "number": version.number,
        },
    )
    languages = sorted(version.texts.values_list("language", flat=True))
    two = [code for code in ("de", "uk") if code in languages] or languages[:2]
    return f"{address}?languages={','.join(two)}"  # side by side, as the cities sign it


def _version_paragraphs(partnership) -> int:
    from pobratym.agreements.documents import BLANK_LINES

    version = _latest_version(partnership)
    return sum(len(BLANK_LINES.split(text.body.strip())) for text in version.texts.all())


def _first_contact(partnership):
    from pobratym.directory.models import Contact

    # of the receiving side, whose coordinator asks for the exports
    return Contact.objects.filter(partnership=partnership, side__position=2).order_by("pk").first()


def _contact_pdf(partnership) -> str:
    from django.urls import reverse

    contact = _first_contact(partnership)
    return reverse(
        "directory:contact_pdf", kwargs={"slug": partnership.slug, "contact_id": contact.pk}
    )


def _report_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year - 1


def _council_report(partnership) -> bytes:
    """Last year's council report in Ukrainian, as its task makes it (PDF and DOCX)."""
    from pobratym.projects.reports import build_report

    pdf, docx = build_report(partnership, _report_year(), "uk")
    return pdf + docx


def _report_projects(partnership) -> int:
    from datetime import date

    from pobratym.projects.models import Project

    year = _report_year()
    return Project.objects.filter(
        partnership=partnership, starts_on__lte=date(year, 12, 31), ends_on__gte=date(year, 1, 1)
    ).count()


EXPORTS = (
    Export("HXL export, members", _page("aid:need_hxl"), _lines, header_rows=2),
    Export("HXL export, public", _page("api:aid_hxl"), _lines, visitor=True, header_rows=2),
    Export("XLSX export of the needs, members", _page("aid:need_export"), rows_of=_lines_of),
    Export(
        "iCalendar feed, public",
        _api("events.ics"),
        lambda piece: piece.count(b"BEGIN:VEVENT"),
        visitor=True,
    ),
    Export(
        "IATI export, public",
        _api("activities.iati.xml"),
        lambda piece: piece.count(b"<iati-activity "),
        visitor=True,
    ),
    Export(
        "XLSX export of the offers",
        _page("aid:offer_export"),
        rows_of=_count("aid.OfferLine", offer__partnership="{partnership}"),
    ),
    Export(
        "XLSX export of the shipments",
        _page("aid:shipment_export"),
        rows_of=_count("aid.Shipment", partnership="{partnership}"),
    ),
    Export(
        "XLSX export of the open discrepancies",
        _page("aid:discrepancy_export"),
        rows_of=_open_discrepancies,
    ),
    Export(
        "CSV export of the contacts", _page("directory:contact_list_csv"), _lines, header_rows=1
    ),
    Export(
        "XLSX export of the contacts",
        _page("directory:contact_list_xlsx"),
        rows_of=_count(
            "directory.Contact", partnership="{partnership}", anonymised_at__isnull=True
        ),
    ),
    Export(
        "CSV export of an event's participants",
        _participants("csv"),
        _lines,
        header_rows=1,
    ),
    Export(
        "XLSX export of an event's participants",
        _participants("xlsx"),
        rows_of=_participant_rows,
    ),
)

# Documents are laid out whole (WeasyPrint) before a byte is sent: they cannot stream. Their
# rows are the lines or records they print.
_SHIPMENT_LINES = _count("aid.ShipmentLine", shipment__partnership="{partnership}")
DOCUMENTS = (
    *(
        Export(
            f"PDF {title}, the shipment with the most lines",
            _shipment_pdf(document),
            rows_of=lambda partnership: _biggest_shipment(partnership).line_count,
        )
        for document, title in (
            ("packing-list", "packing list"),
            ("waybill", "waybill"),
            ("donation-certificate", "donation certificate"),
        )
    ),
    Export(
        "PDF agreement, the latest version (paragraphs)",
        _version_pdf,
        rows_of=_version_paragraphs,
    ),
    Export("PDF of a contact's data", _contact_pdf, rows_of=lambda _partnership: 1),
    Export(
        "Council report of last year, PDF and DOCX (projects)",
        None,
        rows_of=_report_projects,
        make=_council_report,
    ),
)


def _read(client, address: str | None, export: Export) -> tuple[int, int]:
    """Ask for the export and read it to its end a piece at a time, as a server sends it,
    keeping none of it: (rows counted in the body, bytes)."""
    if export.make:
        return 0, len(export.make(address))
    response = client.get(address)
    if response.status_code != 200:
        raise SystemExit(f"{address} answered {response.status_code}.")
    pieces = response.streaming_content if response.streaming else [response.content]
    rows = size = 0
    for piece in pieces:
        rows += export.rows_in(piece) if export.rows_in else 0
        size += len(piece)
    response.close()
    return rows - export.header_rows, size


def measure(partnership, cookie, exports=EXPORTS, warm: bool = True) -> list[dict]:
    """Each export of `partnership`: rows, wall and CPU seconds, rows per second, milliseconds
    per 1,000 rows, the peak of Python's allocations while it is made and read, its size."""
    from django.test import Client

    member = Client(HTTP_HOST="127.0.0.1")
    member.cookies[cookie[0]] = cookie[1]
    visitor = Client(HTTP_HOST="127.0.0.1")
    figures = []
    for export in exports:
        client = visitor if export.visitor else member
        address = export.address(partnership) if export.address else partnership
        if warm:  # what a process caches once is not the export's cost
            _read(client, address, export)
        started, cpu = time.perf_counter(), time.process_time()
        rows, size = _read(client, address, export)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if export.rows_of:
            rows = export.rows_of(partnership)
        tracemalloc.start()
        _read(client, address, export)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        figures.append(
            {
                "export": export.name,
                "partnership": partnership.slug,
                "rows": rows,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "rows_per_second": round(rows / seconds) if rows else None,
                "rows_per_cpu_second": round(rows / cpu) if rows and cpu else None,
                "ms_per_1000_rows": round(seconds * 1e6 / rows, 1) if rows else None,
                "peak_mb": round(peak / 2**20, 1),
                "kb": size // 1024,
            }
        )
        print(f"  {export_line(figures[-1])}")
    return figures


def _one_big_shipment(partnership) -> None:
    """The lines of the partnership's first twentieth of shipments loaded on the first of them
    (out of their packages), so that its documents grow with the dataset: about 35 lines at a
    tenth, 350 at all of it."""
    from pobratym.aid.models import Shipment, ShipmentLine

    shipments = list(
        Shipment.objects.filter(partnership=partnership).order_by("pk").values_list("pk", flat=True)
    )
    first = shipments[: max(2, len(shipments) // 20)]
    ShipmentLine.objects.filter(shipment_id__in=first[1:]).update(
        shipment_id=first[0], package=None
    )


def _everyone_at_one_event(partnership, rng) -> None:
    """Every contact of the partnership a participant of its first event, so that an event's
    list of participants grows with the dataset."""
    import uuid

    from pobratym.directory.models import Contact
    from pobratym.exchanges.models import Event, Participant

    event = Event.objects.filter(partnership=partnership).order_by("pk").first()
    there = set(event.participants.values_list("contact_id", flat=True))
    Participant.objects.bulk_create(
        (
            Participant(
                event=event,
                contact_id=contact,
                role=Participant.Role.DELEGATE,
                added_by=event.created_by,
                idempotency_key=uuid.UUID(int=rng.getrandbits(128), version=4),
            )
            for contact in Contact.objects.filter(partnership=partnership)
            .order_by("pk")
            .values_list("pk", flat=True)
            if contact not in there
        ),
        batch_size=1000,
    )


def _generate(sizes: Sizes, seed: int) -> list:
    """Two partnerships, the first with a tenth of the needs, lines, shipments, organisations,
    contacts, events and projects; in each, one shipment and one event that grow with it,
    the agreements, and projects running through last year (for its council report)."""
    from django.db import transaction
    from django.utils import timezone

    from bench.data import agreements as agreement_data
    from bench.data import aid as aid_data
    from bench.data import exchanges as exchange_data
    from bench.data import projects as project_data

    today = timezone.localdate()
    generator = aid_data.Generator(seed, today)
    rng = generator.random
    made = []
    with transaction.atomic(), aid_data.timestamps_as_given(*aid_data.TIMED):
        for number, share in enumerate(SHARES, start=1):
            partnership, context = generator.partnership(number)
            counts = aid_data.line_counts(rng, sizes.needs // share, sizes.lines // share)
            needs = generator.needs(partnership, context, counts)
            pledges = generator.offers(partnership, context, needs)
            generator.shipments(partnership, context, pledges, sizes.shipments // share)
            _one_big_shipment(partnership)
            agreement_data.agreements(partnership, context["people"], today)
            exchange_data.directory_and_events(
                partnership,
                context["people"],
                organisations=sizes.organisations // share,
                contacts=sizes.contacts // share,
                events=sizes.events // share,
                rng=rng,
                today=today,
            )
            _everyone_at_one_event(partnership, rng)
            project_data.projects_and_plan(
                partnership,
                context["people"],
                projects=sizes.projects // share,
                milestones=sizes.milestones // share,
                rng=rng,
                today=today,
                last_year=True,
            )
            made.append(partnership)
    return made


def table(result: dict) -> str:
    """Both sizes side by side: how the time and the peak grow with the rows."""
    small, large = result["partnerships"]
    by_export = {}
    for row in result["figures"]:
        by_export.setdefault(row["export"], {})[row["partnership"]] = row
    figures = ("rows", "rows/s", "rows/CPU-s", "peak MB")
    header = ["export", *(f"{name}, a tenth" for name in figures), *figures]
    rows = []
    for name, sizes in by_export.items():
        cells = [name]
        for slug in (small, large):
            row = sizes.get(slug, {})
            cells += [
                f"{row.get('rows', 0):,}",
                f"{row.get('rows_per_second') or 0:,}",
                f"{row.get('rows_per_cpu_second') or 0:,}",
                f"{row.get('peak_mb', 0):,.1f}",
            ]
        rows.append(cells)
    load = " ".join(f"{x:.2f}" for x in result["load_before"])
    return "\n".join(
        [
            f"{result['database']}, {result['date'][:10]}; load average {load} before.",
            "",
            *markdown_table(header, rows),
        ]
    )


def _merged(result: dict, path) -> dict:
    """`result` with the figures of the day's earlier run on the same partnerships that it
    did not measure again (a run with `--only`), in the order of the exports."""
    if not path.exists():
        return result
    earlier = json.loads(path.read_text())
    if earlier.get("partnerships") != result["partnerships"]:
        return result
    measured = {(row["export"], row["partnership"]) for row in result["figures"]}
    kept = [
        row for row in earlier["figures"] if (row["export"], row["partnership"]) not in measured
    ]
    order = {export.name: index for index, export in enumerate((*EXPORTS, *DOCUMENTS))}
    figures = sorted(
        kept + result["figures"],
        key=lambda row: (
            result["partnerships"].index(row["partnership"]),
            order.get(row["export"], 99),
        ),
    )
    return {**result, "figures": figures}


def _save(result: dict) -> dict:
    folder = RESULTS / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{result['date'][:10]}-{result['backend']}.json"
    result = _merged(result, path)
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    text = README.read_text()
    if BEGIN in text:
        before, rest = text.split(BEGIN, 1)
        _old, after = rest.split(END, 1)
        README.write_text(f"{before}{BEGIN}\n{table(result)}\n{END}{after}")
    return result


def main(argv: list[str] | None = None) -> None:
    defaults = Sizes()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = ("needs", "lines", "shipments", "organisations", "contacts", "events", "projects")
    for name in (*names, "milestones"):
        parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the dataset of the last run if there is one"
    )
    parser.add_argument(
        "--only",
        help="measure only the exports whose name contains this text (or one of several, "
        "separated by commas)",
    )
    parser.add_argument(
        "--no-save", action="store_true", help="print the figures only (to compare code)"
    )
    args = parser.parse_args(argv)
    VAR.mkdir(parents=True, exist_ok=True)
    os.environ.update(_environment(args.reuse, "exports"))
    import django

    django.setup()
    from django.core.management import call_command

    from bench.data import SLUG_PREFIX
    from pobratym.partnerships.models import Membership, Partnership, Role

    call_command("createcachetable", verbosity=0)
    call_command("migrate", verbosity=0, interactive=False)
    partnerships = list(Partnership.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug"))
    if not (args.reuse and partnerships):
        started = time.perf_counter()
        sizes = Sizes(**{name: getattr(args, name) for name in (*names, "milestones")})
        partnerships = _generate(sizes, args.seed)
        print(f"Generated in {time.perf_counter() - started:.0f} s.")
    wanted = [text.strip().lower() for text in (args.only or "").split(",")]
    exports = [e for e in (*EXPORTS, *DOCUMENTS) if any(w in e.name.lower() for w in wanted)]
    backend, title = _database_title()
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "backend": backend,
        "database": title,
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "partnerships": [partnership.slug for partnership in partnerships],
        "figures": [],
    }
    for number, partnership in enumerate(partnerships):
        coordinator = (
            Membership.objects.filter(
                partnership=partnership, side__position=2, role=Role.COORDINATOR
            )
            .select_related("user")
            .get()
            .user
        )
        print(f"{partnership.slug}:")
        result["figures"] += measure(
            partnership, _session_cookie(coordinator), exports, warm=number == 0
        )
    if not args.no_save:
        result = _save(result)
    print()
    print(table(result))


if __name__ == "__main__":
    main()
