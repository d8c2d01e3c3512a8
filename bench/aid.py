"""Time the aid pages against a generated dataset, served by gunicorn as in production.

Run from the repository root: `python -m bench.aid` (SQLite in var/bench/), or with
DATABASE_URL pointing at a PostgreSQL server (then a database `pobratym_bench` on it is
dropped and made anew; `scripts/with-postgres.sh` starts a throwaway server). `make bench`
does both. See bench/README.md for how to read the table.
"""

import argparse
import logging
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "bench"
BENCH_DATABASE = "pobratym_bench"


@dataclass
class Target:
    name: str
    url: str | None  # None: the page does not exist (yet)
    samples: list[float]
    queries: int | None = None
    size: int = 0


def _postgres_url(url: str, reuse: bool) -> str:
    """The benchmark's own database on the server of `url`, made empty unless reused; the
    database named in `url` is never touched."""
    import psycopg

    parts = urlsplit(url)
    admin = psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)
    with admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
        if exists and not reuse:
            admin.execute(f"DROP DATABASE {BENCH_DATABASE}")
        if not exists or not reuse:
            admin.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def _environment(reuse: bool) -> dict:
    """Production settings (DEBUG off, persistent database connections) on the benchmark's
    database, plain HTTP on loopback."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        url = _postgres_url(url, reuse)
    else:
        database = VAR / "aid.sqlite3"
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


def _prepare(args) -> None:
    from django.core.management import call_command

    from bench.aid_data import SLUG_PREFIX, generate
    from pobratym.partnerships.models import Partnership

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    if args.reuse and Partnership.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        print("Reusing the generated dataset.")
        return
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % 10 == 0 or done == total:
            print(f"  {done}/{total} partnerships, {time.perf_counter() - started:.0f} s")

    counts = generate(
        partnerships=args.partnerships,
        needs=args.needs,
        lines=args.lines,
        seed=args.seed,
        progress=progress,
    )
    print(f"Generated in {time.perf_counter() - started:.0f} s: {counts}")
    # Planner statistics as a live database has them; otherwise autovacuum gathers them in
    # the middle of the timed requests and plans change under the benchmark.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


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
    coordinator sees them (sensitive details included, the most work)."""
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    from bench.aid_data import SLUG_PREFIX
    from pobratym.aid.models import Need
    from pobratym.partnerships.models import Membership, Partnership, Role

    partnership = Partnership.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug")[0]
    coordinator = (
        Membership.objects.filter(partnership=partnership, side__position=2, role=Role.COORDINATOR)
        .select_related("user")
        .first()
        .user
    )
    # The need with the most to show: pledges (so shipments and receipts too), then lines.
    need = (
        Need.objects.filter(partnership=partnership)
        .annotate(
            pledges=Count("lines__pledges", distinct=True),
            line_count=Count("lines", distinct=True),
        )
        .order_by("-pledges", "-line_count", "pk")
        .first()
    )
    slug = {"slug": partnership.slug}

    def url(name: str, query: str = "", **kwargs) -> str | None:
        try:
            with translation.override("en"):
                return reverse(name, kwargs={**slug, **kwargs}) + query
        except NoReverseMatch:
            return None

    targets = [
        Target("trivial page (/healthz)", "/healthz", []),
        Target("needs list, health, page 2", url("aid:need_list", "?sector=health&page=2"), []),
        Target(
            f"need page ({need.line_count} lines, {need.pledges} pledged)",
            url("aid:need_detail", need_id=need.pk),
            [],
        ),
        Target("aid dashboard", url("aid:dashboard"), []),
        Target("HXL export, public API", url("api:aid_hxl"), []),
        Target("HXL export, members", url("aid:need_hxl"), []),
    ]
    return targets, coordinator


def _count_queries(targets: list[Target], cookie: tuple[str, str]) -> None:
    """SQL queries per page, counted in this process on the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[cookie[0]] = cookie[1]
    for target in targets:
        if target.url is None:
            continue
        client.get(target.url)  # caches filled once per process are not the page's cost
        with CaptureQueriesContext(connection) as context:
            response = client.get(target.url)
        if response.status_code != 200:
            raise SystemExit(f"{target.url} answered {response.status_code}, not 200.")
        target.queries = len(context.captured_queries)
        target.size = len(response.content)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _server(environment: dict):
    """gunicorn with one synchronous worker: requests are timed one at a time, so the
    figures are latency, not throughput."""
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "pobratym.config.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
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


def _measure(base: str, targets: list[Target], cookie, requests: int, warmup: int) -> None:
    """Every page in turn, round after round, so a slow moment of the machine falls on all
    pages alike rather than on one."""
    present = [target for target in targets if target.url]
    with httpx.Client(base_url=base, cookies=dict([cookie]), timeout=300) as client:
        for round_number in range(warmup + requests):
            for target in present:
                started = time.perf_counter()
                response = client.get(target.url)
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise SystemExit(f"{target.url} answered {response.status_code}, not 200.")
                if round_number >= warmup:
                    target.samples.append(elapsed * 1000)


def _p95(samples: list[float]) -> float:
    """The nearest-rank 95th percentile: 95 % of requests took at most this long."""
    ordered = sorted(samples)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


def _table(title: str, targets: list[Target]) -> str:
    trivial = targets[0]
    base_median, base_p95 = statistics.median(trivial.samples), _p95(trivial.samples)
    header = ("page", "median ms", "p95 ms", "median ×", "p95 ×", "queries", "KB")
    rows = []
    for target in targets:
        if not target.url:
            rows.append((target.name, "not available", "", "", "", "", ""))
            continue
        median, p95 = statistics.median(target.samples), _p95(target.samples)
        rows.append(
            (
                target.name,
                f"{median:.1f}",
                f"{p95:.1f}",
                f"{median / base_median:.1f}",
                f"{p95 / base_p95:.1f}",
                str(target.queries),
                f"{target.size / 1024:.0f}",
            )
        )
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(row) -> str:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        return "| " + " | ".join(cells) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([title, "", line(header), rule, *(line(row) for row in rows)])


def _database_title() -> str:
    from django.db import connection

    with connection.cursor():
        pass
    if connection.vendor == "postgresql":
        version = connection.pg_version
        return f"PostgreSQL {version // 10000}.{version % 10000}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument("--partnerships", type=int, default=50)
    parser.add_argument("--needs", type=int, default=20_000)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the dataset of the last run if there is one"
    )
    args = parser.parse_args(argv)

    (VAR / "static").mkdir(parents=True, exist_ok=True)
    if not args.reuse:
        shutil.rmtree(VAR / "media", ignore_errors=True)
    environment = _environment(args.reuse)
    os.environ.update(environment)
    import django

    django.setup()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per request
    title = _database_title()
    print(f"{title}: preparing the dataset …")
    _prepare(args)
    targets, coordinator = _targets()
    cookie = _session_cookie(coordinator)
    _count_queries(targets, cookie)
    from django.db import connections

    connections.close_all()  # the server gets the database to itself while it is timed
    with _server(environment) as base:
        _measure(base, targets, cookie, args.requests, args.warmup)
    print()
    print(
        _table(
            f"{title}, {args.requests} requests per page after {args.warmup} to warm up",
            targets,
        )
    )
    print()


if __name__ == "__main__":
    main()
