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
    address: Callable  # (partnership) -> its address
    rows_in: Callable[[bytes], int] | None = None  # rows in a piece of the body
    rows_of: Callable | None = None  # (partnership) -> rows, for a body that cannot be counted
    visitor: bool = False
    header_rows: int = 0


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
)


def _read(client, address: str, export: Export) -> tuple[int, int]:
    """Ask for the export and read it to its end a piece at a time, as a server sends it,
    keeping none of it: (rows counted in the body, bytes)."""
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


def measure(partnership, cookie, exports=EXPORTS) -> list[dict]:
    """Each export of `partnership`: rows, wall and CPU seconds, rows per second, milliseconds
    per 1,000 rows, the peak of Python's allocations while it is made and read, its size."""
    from django.test import Client

    member = Client(HTTP_HOST="127.0.0.1")
    member.cookies[cookie[0]] = cookie[1]
    visitor = Client(HTTP_HOST="127.0.0.1")
    figures = []
    for export in exports:
        client = visitor if export.visitor else member
        address = export.address(partnership)
        _read(client, address, export)  # what a process caches once is not the export's cost
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


def _generate(sizes: Sizes, seed: int) -> list:
    """Two partnerships, the first with a tenth of the needs, lines, events and projects."""
    from django.db import transaction
    from django.utils import timezone

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
            generator.shipments(partnership, context, generator.offers(partnership, context, needs))
            exchange_data.directory_and_events(
                partnership,
                context["people"],
                organisations=20,
                contacts=20,
                events=sizes.events // share,
                rng=rng,
                today=today,
            )
            project_data.projects_and_plan(
                partnership,
                context["people"],
                projects=sizes.projects // share,
                milestones=sizes.milestones // share,
                rng=rng,
                today=today,
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


def _save(result: dict) -> None:
    folder = RESULTS / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{result['date'][:10]}-{result['backend']}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    text = README.read_text()
    if BEGIN in text:
        before, rest = text.split(BEGIN, 1)
        _old, after = rest.split(END, 1)
        README.write_text(f"{before}{BEGIN}\n{table(result)}\n{END}{after}")


def main(argv: list[str] | None = None) -> None:
    defaults = Sizes()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("needs", "lines", "events", "projects", "milestones"):
        parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the dataset of the last run if there is one"
    )
    parser.add_argument("--only", help="measure only the exports whose name contains this text")
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
        sizes = Sizes(
            needs=args.needs,
            lines=args.lines,
            events=args.events,
            projects=args.projects,
            milestones=args.milestones,
        )
        partnerships = _generate(sizes, args.seed)
        print(f"Generated in {time.perf_counter() - started:.0f} s.")
    exports = [e for e in EXPORTS if (args.only or "").lower() in e.name.lower()]
    backend, title = _database_title()
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "backend": backend,
        "database": title,
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "partnerships": [partnership.slug for partnership in partnerships],
        "figures": [],
    }
    for partnership in partnerships:
        coordinator = (
            Membership.objects.filter(
                partnership=partnership, side__position=2, role=Role.COORDINATOR
            )
            .select_related("user")
            .get()
            .user
        )
        print(f"{partnership.slug}:")
        result["figures"] += measure(partnership, _session_cookie(coordinator), exports)
    _save(result)
    print()
    print(table(result))


if __name__ == "__main__":
    main()
