"""Time every page of the platform against a generated dataset, served by gunicorn as in
production, with one client and with several at once.

Run from the repository root: `python -m bench.run` (SQLite in var/bench/), or with
DATABASE_URL pointing at a PostgreSQL server (then a database `pobratym_bench` on it is
dropped and made anew; `scripts/with-postgres.sh` starts a throwaway server). `make bench`
does both. Results go to bench/results/<date>-<backend>.json and, as a table, into
bench/README.md (bench/report.py). See bench/README.md for how to read the table.
"""

import argparse
import json
import logging
import math
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench"
RESULTS = Path(__file__).resolve().parent / "results"
BENCH_DATABASE = "pobratym_bench"
CORES = os.cpu_count() or 1
CONCURRENT_ROUNDS = 3


@dataclass
class Target:
    name: str
    url: str | None  # None: the page does not exist (yet)
    visitor: bool = False  # asked without signing in
    unchanged: bool = False  # asked again with its ETag: 304 expected
    afresh: bool = False  # nothing kept (core.changes): the stamp is renewed before each request
    queries: int | None = None
    size: int = 0
    headers: dict = field(default_factory=dict)

    @property
    def status(self) -> int:
        return 304 if self.unchanged else 200


@dataclass
class Timing:
    """One page at one number of clients: each request's time, and the wall time of the
    batches (all clients' requests at once) they were sent in."""

    samples: list[float] = field(default_factory=list)
    wall: float = 0.0


def _postgres_url(url: str, reuse: bool, database: str = BENCH_DATABASE) -> str:
    """The benchmark's own database on the server of `url`, made empty unless reused; the
    database named in `url` is never touched."""
    import psycopg

    parts = urlsplit(url)
    admin = psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)
    with admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if exists and not reuse:
            admin.execute(f"DROP DATABASE {database}")
        if not exists or not reuse:
            admin.execute(f"CREATE DATABASE {database}")
    return urlunsplit(parts._replace(path=f"/{database}"))


def _environment(reuse: bool, name: str = "platform") -> dict:
    """Production settings (DEBUG off, persistent database connections) on the benchmark's
    database (`name`: var/bench/<name>.sqlite3, or pobratym_bench plus "_<name>" for another
    than the platform's), plain HTTP on loopback."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        suffix = "" if name == "platform" else f"_{name}"
        url = _postgres_url(url, reuse, BENCH_DATABASE + suffix)
    else:
        database = VAR / f"{name}.sqlite3"
        if not reuse:
            database.unlink(missing_ok=True)
        url = f"sqlite:///{database}"
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "SECRET_KEY": "benchmark-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "POBRATYM_BASE_URL": "http://127.0.0.1",
        "POBRATYM_VAR_DIR": str(VAR),
        "STATIC_ROOT": str(VAR / "static"),
        "MEDIA_ROOT": str(VAR / "media"),
        "DEFAULT_FROM_EMAIL": "bench@localhost",
        "EMAIL_URL": "consolemail://",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
    }


def _sizes(args):
    from dataclasses import fields

    from bench.sizes import Sizes

    return Sizes(**{size.name: getattr(args, size.name) for size in fields(Sizes)})


def _prepare(args) -> dict:
    """The dataset, made anew unless `--reuse` finds one; what it holds and how long it took
    (None when reused)."""
    from django.core.management import call_command
    from django.db import connection

    from bench.data import SLUG_PREFIX, generate
    from pobratym.partnerships.models import Partnership

    call_command("createcachetable", verbosity=0)  # first: migrating stamps it (core.changes)
    call_command("migrate", verbosity=0, interactive=False)
    if args.reuse and Partnership.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        print("Reusing the generated dataset.")
        note = _dataset_note()
        made = json.loads(note.read_text()) if note.exists() else {"generated_seconds": None}
        return {"counts": _counts_in_database(), **made, "reused": True}
    load = os.getloadavg()
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % 10 == 0 or done == total:
            print(f"  {done}/{total} partnerships, {time.perf_counter() - started:.0f} s")

    counts = generate(_sizes(args), seed=args.seed, progress=progress)
    generated = time.perf_counter() - started
    # Planner statistics as a live database has them; otherwise autovacuum gathers them in
    # the middle of the timed requests and plans change under the benchmark.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"Generated in {generated:.0f} s (load average before: "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; after: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}): {counts}"
    )
    made = {
        "generated_seconds": round(generated, 1),
        "load_before_generation": [round(x, 2) for x in load],
        "counts": asdict(counts),
    }
    _dataset_note().write_text(json.dumps(made))
    return made


def _dataset_note() -> Path:
    """How the dataset was made, for a later run that reuses it."""
    from django.db import connection

    return VAR / f"dataset-{connection.vendor}.json"


def _counts_in_database() -> dict:
    from pobratym.agreements.models import Agreement, Letter
    from pobratym.aid.models import Need, NeedLine, Shipment
    from pobratym.conversations.models import Message, Thread
    from pobratym.partnerships.models import Partnership
    from pobratym.projects.models import Milestone, Project, WorkPlan
    from pobratym.translation.models import Translation

    models = {
        "partnerships": Partnership,
        "needs": Need,
        "need_lines": NeedLine,
        "shipments": Shipment,
        "agreements": Agreement,
        "letters": Letter,
        "threads": Thread,
        "messages": Message,
        "translations": Translation,
        "projects": Project,
        "milestones": Milestone,
        "plans": WorkPlan,
    }
    return {name: model.objects.count() for name, model in models.items()}


def _session_cookie(user) -> tuple[str, str]:
    """A signed-in session as the login form would leave it: the coordinator has TOTP set up
    and the session records the second factor as answered, as the two-factor middleware asks."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "type": "totp", "at": time.time()}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.create()
    return settings.SESSION_COOKIE_NAME, session.session_key


def _targets() -> tuple[list[Target], object]:
    """The pages to time, in the first generated partnership, as its receiving side's
    coordinator sees them (sensitive details included, the most work). Each detail page
    shows the record with the most to show."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from bench.data import SLUG_PREFIX
    from pobratym.agreements.models import Agreement, Letter
    from pobratym.aid.models import Need, Offer, ReceiptLine, Shipment
    from pobratym.conversations.models import Thread
    from pobratym.directory.models import Contact, Organisation
    from pobratym.exchanges.models import Event
    from pobratym.partnerships.models import Membership, Partnership, Role
    from pobratym.projects.models import Application, Project, Report, WorkPlan

    partnership = Partnership.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug")[0]
    coordinator = (
        Membership.objects.filter(partnership=partnership, side__position=2, role=Role.COORDINATOR)
        .select_related("user")
        .first()
        .user
    )
    mine = {"partnership": partnership}
    need = (
        Need.objects.filter(**mine)
        .annotate(
            pledges=Count("lines__pledges", distinct=True),
            line_count=Count("lines", distinct=True),
        )
        .order_by("-pledges", "-line_count", "pk")
        .first()
    )
    offer = Offer.objects.filter(**mine).annotate(n=Count("lines")).order_by("-n", "pk").first()
    shipment = (
        Shipment.objects.filter(**mine, receipt__isnull=False)
        .annotate(n=Count("lines"))
        .order_by("-n", "pk")
        .first()
    )
    agreement = Agreement.objects.filter(**mine).order_by("pk").first()
    letter = Letter.objects.filter(**mine).order_by("-registered_at", "pk").first()
    thread = (
        Thread.objects.filter(**mine).annotate(n=Count("messages")).order_by("-n", "pk").first()
    )
    has_discrepancies = ReceiptLine.objects.filter(receipt__shipment__partnership=partnership)
    organisation = (
        Organisation.objects.filter(**mine).annotate(n=Count("contacts")).order_by("-n", "pk")[0]
    )
    contact = Contact.objects.filter(organisation=organisation).order_by("pk")[0]
    event = Event.objects.filter(**mine).annotate(n=Count("participants")).order_by("-n", "pk")[0]
    project = Project.objects.filter(**mine).annotate(n=Count("milestones")).order_by("-n", "pk")[0]
    plan = WorkPlan.objects.filter(**mine).order_by("pk")[0]
    application = Application.objects.filter(**mine).order_by("pk").first()
    report = Report.objects.filter(**mine).order_by("pk").first()
    slug = {"slug": partnership.slug}

    def url(name: str, query: str = "", **kwargs) -> str | None:
        try:
            with translation.override("en"):
                return reverse(name, kwargs={**slug, **kwargs}) + query
        except NoReverseMatch:
            return None

    def plain(name: str) -> str:
        with translation.override("en"):
            return reverse(name)

    api = f"/api/v1/partnerships/{partnership.slug}"
    agreement_id = {"agreement_id": agreement.pk}
    targets = [
        Target("trivial page (/healthz)", "/healthz"),
        Target("My work", plain("home")),
        Target("my partnerships", plain("partnerships:list")),
        Target("partnership overview", url("partnerships:dashboard")),
        Target("members", url("partnerships:members")),
        Target("partnership history", url("partnerships:history")),
        Target("agreements list", url("agreements:list")),
        Target("agreement page", url("agreements:detail", **agreement_id)),
        Target(
            "agreement version page",
            url("agreements:version", **agreement_id, number=agreement.versions.count()),
        ),
        Target("agreement, consolidated text", url("agreements:consolidated", **agreement_id)),
        Target(
            "agreement version, what changed",
            url("agreements:version_diff", **agreement_id, number=2),
        ),
        Target("letters list", url("agreements:letter_list")),
        Target("letter page", url("agreements:letter_detail", letter_id=letter.pk)),
        Target("letter search, one word", url("agreements:letter_list", "?q=hospital")),
        Target("threads list", url("conversations:thread_list")),
        Target(
            f"thread page ({thread.n} messages)",
            url("conversations:thread_detail", thread_id=thread.pk),
        ),
        Target("message search, one word", url("conversations:thread_list", "?q=Krankenhaus")),
        Target("inbox", plain("conversations:inbox")),
        Target("aid dashboard", url("aid:dashboard")),
        Target("needs list, health, page 2", url("aid:need_list", "?sector=health&page=2")),
        Target(
            f"need page ({need.line_count} lines, {need.pledges} pledged)",
            url("aid:need_detail", need_id=need.pk),
        ),
        Target("offers list", url("aid:offer_list")),
        Target(f"offer page ({offer.n} lines)", url("aid:offer_detail", offer_id=offer.pk)),
        Target("shipments list", url("aid:shipment_list")),
        Target(
            f"shipment page ({shipment.n} lines)",
            url("aid:shipment_detail", shipment_id=shipment.pk),
        ),
        Target("goods received note", url("aid:receipt_detail", shipment_id=shipment.pk)),
        Target(
            "discrepancies" + ("" if has_discrepancies.exists() else " (none generated)"),
            url("aid:discrepancy_list"),
        ),
        Target("organisations list", url("directory:organisation_list")),
        Target(
            "organisation page",
            url("directory:organisation_detail", organisation_id=organisation.pk),
        ),
        Target("contacts list", url("directory:contact_list")),
        Target("contact page", url("directory:contact_detail", contact_id=contact.pk)),
        Target("contacts to review", url("directory:retention_list")),
        Target("events list", url("exchanges:event_list")),
        Target(
            f"event page ({event.n} participants)",
            url("exchanges:event_detail", event_id=event.pk),
        ),
        Target("calendar, this month", url("exchanges:calendar_month")),
        Target("calendar, upcoming", url("exchanges:calendar_upcoming")),
        Target("iCalendar feed, public", f"{api}/events.ics"),
        Target("calendar feeds", plain("exchanges:calendar_feeds")),
        Target("projects list", url("projects:project_list")),
        Target(
            f"project page ({project.n} milestones)",
            url("projects:project_detail", project_id=project.pk),
        ),
        Target("work plan page", url("projects:plan_detail", plan_id=plan.pk)),
        Target("work plan timeline", url("projects:plan_timeline", plan_id=plan.pk)),
        Target("projects list, rendered afresh", url("projects:project_list"), afresh=True),
        Target(
            "project page, rendered afresh",
            url("projects:project_detail", project_id=project.pk),
            afresh=True,
        ),
        Target(
            "message search, one word, rendered afresh",
            url("conversations:thread_list", "?q=Krankenhaus"),
            afresh=True,
        ),
        Target(
            "letter search, one word, rendered afresh",
            url("agreements:letter_list", "?q=hospital"),
            afresh=True,
        ),
        Target(
            "work plan timeline, rendered afresh",
            url("projects:plan_timeline", plan_id=plan.pk),
            afresh=True,
        ),
        Target("work plans", url("projects:plan_list")),
        Target("funding programmes", url("projects:programme_list")),
        Target(
            "funding programme page",
            url("projects:programme_detail", programme_id=application.call.programme_id),
        ),
        Target("funding applications", url("projects:application_list")),
        Target(
            "funding application page",
            url("projects:application_detail", application_id=application.pk),
        ),
        Target("council reports", url("projects:report_list")),
        Target("council report page", url("projects:report_detail", report_id=report.pk)),
        Target("IATI report page", url("projects:iati_report")),
        Target("IATI export, public", f"{api}/activities.iati.xml"),
        Target("API: partnerships", "/api/v1/partnerships/"),
        Target("API: agreements", f"{api}/agreements"),
        Target("API: needs", f"{api}/aid/needs"),
        Target("API: offers", f"{api}/aid/offers"),
        Target("API: threads", f"{api}/threads"),
        Target("API: organisations", f"{api}/directory/organisations"),
        Target("API: contacts", f"{api}/directory/contacts"),
        Target("API: events", f"/api/v1/events?partnership={partnership.slug}"),
        Target("API: projects", f"{api}/projects"),
        Target("API: projects, a visitor", f"{api}/projects", visitor=True),
        Target("API: projects, unchanged (304)", f"{api}/projects", unchanged=True),
        Target("HXL export, public API", url("api:aid_hxl")),
        Target("HXL export, members", url("aid:need_hxl")),
        Target("portal: start page, a visitor", plain("home"), visitor=True),
        Target("portal: partnership, a visitor", url("portal:partnership"), visitor=True),
        Target("portal: news feed (Atom)", url("portal:news_feed"), visitor=True),
        Target("news, members", url("portal:news_list")),
        Target("portal: sitemap.xml", "/sitemap.xml", visitor=True),
    ]
    return targets, coordinator


def _count_queries(targets: list[Target], cookie: tuple[str, str]) -> None:
    """SQL queries per page, counted in this process on the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from pobratym.core.changes import stamp_anew

    member = Client(HTTP_HOST="127.0.0.1")
    member.cookies[cookie[0]] = cookie[1]
    visitor = Client(HTTP_HOST="127.0.0.1")
    for target in targets:
        if target.url is None:
            continue
        client = visitor if target.visitor else member
        first = client.get(target.url)  # caches filled once per process are not the page's cost
        if target.unchanged:
            target.headers = {"If-None-Match": first["ETag"]}
        if target.afresh:
            stamp_anew()
        with CaptureQueriesContext(connection) as context:
            response = client.get(target.url, headers=target.headers)
            # A streamed answer (the iCalendar feed) reads its rows as it is sent.
            body = b"".join(response) if response.streaming else response.content
        if response.status_code != target.status:
            raise SystemExit(f"{target.url} answered {response.status_code}, not {target.status}.")
        target.queries = len(context.captured_queries)
        target.size = len(body)


def _documents() -> list[dict]:
    """The council report of last year for the first partnership (a tenth of the projects)
    and for the second: time and peak memory (Python's allocations) at the two sizes."""
    import tracemalloc

    from bench.data import SLUG_PREFIX
    from pobratym.partnerships.models import Partnership
    from pobratym.projects.models import Project
    from pobratym.projects.reports import build_report

    year = datetime.now(UTC).year - 1
    figures = []
    for partnership in Partnership.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug")[
        :2
    ]:
        projects = Project.objects.filter(
            partnership=partnership, starts_on__year__lte=year, ends_on__year__gte=year
        ).count()
        tracemalloc.start()
        started = time.perf_counter()
        pdf, docx = build_report(partnership, year, "uk")
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        figures.append(
            {
                "document": f"council report {year}, {projects} projects of the year",
                "seconds": round(seconds, 2),
                "peak_mb": round(peak / 2**20, 1),
                "pdf_kb": len(pdf) // 1024,
                "docx_kb": len(docx) // 1024,
            }
        )
        print(
            f"  {figures[-1]['document']}: {seconds:.1f} s, peak {peak / 2**20:.0f} MB, "
            f"PDF {len(pdf) // 1024} KB, DOCX {len(docx) // 1024} KB"
        )
    return figures


def _exports(cookie) -> list[dict]:
    """The first partnership's exports read to their end: rows per second and peak memory
    (`bench.exports`, which also measures them at two sizes)."""
    from bench.data import SLUG_PREFIX
    from bench.exports import measure
    from pobratym.partnerships.models import Partnership

    partnership = Partnership.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug")[0]
    return measure(partnership, cookie)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _server(environment: dict, workers: int):
    """gunicorn with synchronous workers: one for one client (latency), more for several."""
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "pobratym.config.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--timeout=300",
            "--log-level=warning",
        ],
        env={**os.environ, **environment},
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("The server did not start.")
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _measure(
    base: str, targets: list[Target], cookie, clients: int, requests: int, warmup: int
) -> dict[str, Timing]:
    """Every page in turn, round after round, so a slow moment of the machine falls on all
    pages alike rather than on one.

    One client asks for each page once a round, `requests` rounds. Several clients keep the
    server busy: in each of three rounds they start together on a page and each asks for it a
    few times in a row (an eighth of `requests` in all for eight clients), so a round's wall
    time is the page's throughput rather than the wait for the slowest of single requests."""
    present = [target for target in targets if target.url]
    timings = {target.name: Timing() for target in present}
    from pobratym.core.changes import stamp_anew

    if clients == 1:
        rounds, burst = requests, 1
    else:
        rounds = CONCURRENT_ROUNDS
        burst = math.ceil(requests / (clients * rounds))
        warmup = min(warmup, 1)
    members = [
        httpx.Client(base_url=base, cookies=dict([cookie]), timeout=300) for _ in range(clients)
    ]
    visitors = [httpx.Client(base_url=base, timeout=300) for _ in range(clients)]
    start_together = threading.Barrier(clients)

    def fetch(session: httpx.Client, target: Target) -> list[float]:
        start_together.wait()
        elapsed = []
        for _ in range(burst):
            headers = target.headers
            if target.afresh:
                stamp_anew()
            if target.unchanged:  # the ETag of now: pages rendered afresh renew the stamp
                headers = {"If-None-Match": session.get(target.url).headers["ETag"]}
            started = time.perf_counter()
            response = session.get(target.url, headers=headers)
            elapsed.append(time.perf_counter() - started)
            if response.status_code != target.status:
                raise SystemExit(
                    f"{target.url} answered {response.status_code}, not {target.status}."
                )
        return elapsed

    with ThreadPoolExecutor(max_workers=clients) as pool:
        try:
            for round_number in range(warmup + rounds):
                for target in present:
                    started = time.perf_counter()
                    sessions = visitors if target.visitor else members
                    elapsed = list(pool.map(fetch, sessions, [target] * clients))
                    wall = time.perf_counter() - started
                    if round_number >= warmup:
                        timing = timings[target.name]
                        timing.samples.extend(s * 1000 for each in elapsed for s in each)
                        timing.wall += wall
        finally:
            for session in members + visitors:
                session.close()
    return timings


def _p95(samples: list[float]) -> float:
    """The nearest-rank 95th percentile: 95 % of requests took at most this long."""
    ordered = sorted(samples)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def _database_title() -> tuple[str, str]:
    """The backend's short name (for file names) and its name and version."""
    from django.db import connection

    with connection.cursor():
        pass
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return "postgresql", f"PostgreSQL {version // 10000}.{version % 10000}"
    import sqlite3

    return "sqlite", f"SQLite {sqlite3.sqlite_version}"


def _figures(targets: list[Target], timings: dict[str, Timing]) -> list[dict]:
    """Each page's figures, and each as a ratio to the trivial page's (the first)."""
    rows = []
    for target in targets:
        row = {"page": target.name, "url": target.url}
        timing = timings.get(target.name)
        if timing and timing.samples:
            row |= {
                "median_ms": round(statistics.median(timing.samples), 2),
                "p95_ms": round(_p95(timing.samples), 2),
                "requests_per_second": round(len(timing.samples) / timing.wall, 2),
                "queries": target.queries,
                "bytes": target.size,
                "requests": len(timing.samples),
            }
        rows.append(row)
    trivial = rows[0]
    for row in rows:
        if "median_ms" not in row:
            continue
        for key in ("median_ms", "p95_ms", "requests_per_second", "queries", "bytes"):
            if trivial.get(key):
                row[f"{key}_ratio"] = round(row[key] / trivial[key], 2)
    return rows


def _machine() -> dict:
    def versions(*names: str) -> dict:
        return {name: package_version(name) for name in names}

    return {
        "host": platform.node(),
        "system": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cores": CORES,
        "python": platform.python_version(),
        "packages": versions("django", "gunicorn", "django-ninja", "httpx"),
    }


def main(argv: list[str] | None = None) -> None:
    from dataclasses import fields

    from bench.sizes import Sizes

    defaults = Sizes()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed rounds first")
    parser.add_argument(
        "--clients",
        default="1,8",
        help="numbers of clients at once, comma-separated (default 1,8)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * CORES + 1,
        help="gunicorn workers when more than one client (default 2 × cores + 1)",
    )
    for size in fields(Sizes):
        parser.add_argument(f"--{size.name}", type=int, default=getattr(defaults, size.name))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the dataset of the last run if there is one"
    )
    parser.add_argument(
        "--only",
        help="time only the pages whose name contains one of these texts, comma-separated "
        "(and the trivial one)",
    )
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.clients.split(",")]

    (VAR / "static").mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        shutil.rmtree(VAR / "media", ignore_errors=True)
    environment = _environment(args.reuse)
    os.environ.update(environment)
    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request
    backend, title = _database_title()
    print(f"{title}: preparing the dataset …")
    dataset = _prepare(args)
    targets, coordinator = _targets()
    if args.only:
        texts = [text.strip().lower() for text in args.only.split(",")]
        targets = [targets[0]] + [
            t for t in targets[1:] if any(text in t.name.lower() for text in texts)
        ]
    cookie = _session_cookie(coordinator)
    _count_queries(targets, cookie)
    print("Timing the documents …")
    documents = _documents()
    print("Timing the exports …")
    exports = _exports(cookie)
    from django.db import connections

    connections.close_all()  # the server gets the database to itself while it is timed
    runs = {}
    for clients in levels:
        workers = 1 if clients == 1 else args.workers
        load = os.getloadavg()
        print(f"Timing {len(targets)} pages, {clients} client(s), {workers} worker(s) …")
        started = time.perf_counter()
        with _server(environment, workers) as base:
            # Renewing the stamp makes every page render afresh: those pages get rounds of
            # their own, after the others.
            timings = {}
            for afresh in (False, True):
                timed = [target for target in targets if target.afresh == afresh]
                timings |= _measure(base, timed, cookie, clients, args.requests, args.warmup)
        runs[str(clients)] = {
            "clients": clients,
            "workers": workers,
            "seconds": round(time.perf_counter() - started),
            "load_before": [round(x, 2) for x in load],
            "load_after": [round(x, 2) for x in os.getloadavg()],
            "pages": _figures(targets, timings),
        }
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "backend": backend,
        "database": title,
        "machine": _machine(),
        "settings": {
            "requests": args.requests,
            "warmup_rounds": args.warmup,
            "seed": args.seed,
            "sizes": asdict(_sizes(args)),
        },
        "dataset": dataset,
        "runs": runs,
        "documents": documents,
        "exports": exports,
    }
    from bench import report

    path = report.save(result)
    print()
    print(report.tables(result))
    print(f"\nSaved {path.relative_to(ROOT)}; bench/README.md shows the latest results.")
    report.readme_update()


if __name__ == "__main__":
    main()
