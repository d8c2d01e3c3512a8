"""The council report: a coordinator asks for a year in a language, the task worker makes a
PDF and a DOCX that say the same in that language, the page shows its progress and then the
downloads, the person who asked is e-mailed; a failed rendering is tried again and then
reported with nothing saved; the year is read in a fixed number of queries."""

import io
import re
import uuid
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import docx
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from pobratym.core.errors import DomainError
from pobratym.core.formatting import money
from pobratym.partnerships.models import Role
from pobratym.projects import services
from pobratym.projects.models import Report, ReportStatus
from pobratym.projects.reports import build_report
from pobratym.projects.reports.content import sections
from pobratym.projects.selectors import report_year, report_years
from pobratym.projects.selectors.reports import FunderRow
from pobratym.translation.services import translation_save
from tests import smtp
from tests.factories import member_create
from tests.projects.conftest import line_add, project_add
from tests.projects.plans import measure_add, plan_add
from tests.queries import page_keeps_its_queries

pytestmark = pytest.mark.django_db
smtp_inbox = smtp.smtp_inbox  # the real SMTP server, a fixture

UKRAINIAN_TITLE = "Цифрові послуги для громадян"
HEADINGS = ("Council report %(year)s", "Work plan and measures", "Projects", "Aid")


def _in(language: str, text: str, **values) -> str:
    with translation.override(language):
        return translation.gettext(text) % values if values else translation.gettext(text)


def _headings_in(language: str) -> list[str]:
    return [
        _in(language, heading, year=2025) if "%" in heading else _in(language, heading)
        for heading in HEADINGS
    ]


@pytest.fixture
def asker(partnership):
    """The Zhytomyr coordinator, who reads Ukrainian."""
    return member_create(partnership, Role.COORDINATOR, 2, language="uk").user


@pytest.fixture
def year_2025(partnership, office):
    """A German project of 2025 with its Ukrainian translation, a milestone, a result, a budget
    line, and a plan with a measure."""
    project = project_add(
        partnership, office, starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)
    )
    translation_save(
        record=project, field="title", language="uk", text=UKRAINIAN_TITLE, by=office, revision=None
    )
    key = uuid.uuid4
    services.milestone_add(
        project=project, by=office, idempotency_key=key(), title="Start", due_on=date(2025, 3, 1)
    )
    services.indicator_add(
        project=project,
        by=office,
        idempotency_key=key(),
        title="Nutzer",
        unit="Personen",
        target=500,
    )
    line_add(project, office, "1200.00")
    plan = plan_add(partnership, office)
    measure_add(plan, office)
    return project


def _ask(partnership, by, key=None, year=2025, language="uk"):
    return services.report_request(
        partnership=partnership,
        by=by,
        idempotency_key=key or uuid.uuid4(),
        year=year,
        language=language,
    )


def _made(partnership, by, run_worker, django_capture_on_commit_callbacks, **options):
    with django_capture_on_commit_callbacks(execute=True):
        report = _ask(partnership, by, **options)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail, once it is saved
        run_worker()
    report.refresh_from_db()
    return report


def _pdf_text(data: bytes) -> str:
    """The PDF's text, with words the layout hyphenated at the end of a line made whole."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"(\w)[-\u2010\xad]\n(\w)", r"\1\2", text)


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_the_worker_makes_a_ukrainian_pdf_and_docx_and_e_mails_the_asker(
    partnership, asker, year_2025, run_worker, django_capture_on_commit_callbacks, smtp_inbox
):
    report = _made(partnership, asker, run_worker, django_capture_on_commit_callbacks)
    assert (report.status, report.progress) == (ReportStatus.DONE, 100)
    pdf, document = report.pdf.read(), report.docx.read()
    for text in (" ".join(_pdf_text(pdf).split()), _docx_text(document)):
        for heading in _headings_in("uk"):
            assert heading in text
        assert UKRAINIAN_TITLE in text
        assert "Digitale Bürgerdienste" not in text
    # Both carry the charts: SVG drawn into the PDF, PNG pictures in the DOCX.
    pictures = docx.Document(io.BytesIO(document)).inline_shapes
    assert len(pictures) >= 3
    assert all(picture._inline.docPr.get("descr") for picture in pictures)
    run_worker()  # the e-mail
    [mail] = smtp_inbox.to(asker.email)
    # The header comes folded over lines, as long encoded headers do.
    subject = " ".join(str(mail["Subject"]).split())
    assert subject == _in("uk", "Council report %(year)s is ready", year=2025)
    with translation.override("uk"):
        path = reverse("projects:report_detail", args=[partnership.slug, report.pk])
    assert path in smtp_inbox.text(mail)


def test_a_year_without_data_gives_a_short_report_saying_so(partnership):
    pdf, document = build_report(partnership, 2019, "de")
    said = _in(
        "de",
        "Nothing was recorded for %(year)s: no work plan, project, funding, event or aid. "
        "This report is therefore empty.",
        year=2019,
    )
    assert said in " ".join(_pdf_text(pdf).split())
    assert said in _docx_text(document)


def test_the_money_chart_names_the_largest_funders_and_the_table_every_one(partnership):
    funders = [
        FunderRow(f"Stiftung {number}", granted_eur=Decimal(100 - number)) for number in range(14)
    ]
    data = replace(report_year(partnership, 2025, "de"), funders=funders)
    funding = next(section for section in sections(data) if section.heading == "Money by funder")
    chart, table = funding.items[0], funding.items[1]
    assert chart.labels == (*(f"Stiftung {number}" for number in range(12)), "all other funders")
    assert [row[0] for row in table.rows] == [f"Stiftung {number}" for number in range(14)] + [
        "Total"
    ]
    assert table.rows[-1][3] == money(Decimal("1309.00"))  # granted in EUR, all fourteen


def test_a_double_click_makes_one_report_and_one_task(
    partnership, asker, django_capture_on_commit_callbacks
):
    key = uuid.uuid4()
    with django_capture_on_commit_callbacks(execute=True):
        first = _ask(partnership, asker, key=key)
        second = _ask(partnership, asker, key=key)
    assert first == second
    assert Report.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path__endswith="report_build_task").count() == 1


def test_only_a_coordinator_asks_and_only_for_a_past_or_this_year(partnership, asker, office):
    with pytest.raises(PermissionDenied):
        _ask(partnership, office)
    with pytest.raises(DomainError) as refused:
        _ask(partnership, asker, year=2999)
    assert refused.value.field == "year"


def test_a_failing_rendering_is_tried_again_then_reported_without_files(
    partnership, asker, run_worker, django_capture_on_commit_callbacks, monkeypatch, client_of
):
    def broken(*args, **kwargs):
        raise OSError("no fonts")

    monkeypatch.setattr("pobratym.projects.reports.build.render_pdf", broken)
    report = _made(partnership, asker, run_worker, django_capture_on_commit_callbacks)
    for _attempt in range(5):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_worker()
    report.refresh_from_db()
    tasks = DBTaskResult.objects.filter(task_path__endswith="report_build_task")
    assert tasks.count() == 3
    assert report.status == ReportStatus.FAILED
    assert not report.pdf and not report.docx
    assert "no fonts" in report.error
    with translation.override("uk"):
        url = reverse("projects:report_detail", args=[partnership.slug, report.pk])
    page = client_of(asker).get(url)
    assert _in("uk", "Try again") in page.content.decode()
    assert b'http-equiv="refresh"' not in page.content


def test_try_again_makes_the_failed_report(
    partnership, asker, run_worker, django_capture_on_commit_callbacks, client_of
):
    report = Report.objects.create(
        partnership=partnership, requested_by=asker, year=2024, language="de", status="failed"
    )
    url = reverse("projects:report_retry", args=[partnership.slug, report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_of(asker).post(url)
    run_worker()
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.pdf and report.docx


def test_the_page_shows_progress_and_reloads_only_while_the_report_is_made(
    partnership, asker, client_of
):
    report = Report.objects.create(
        partnership=partnership, requested_by=asker, year=2024, language="de", progress=40
    )
    url = reverse("projects:report_detail", args=[partnership.slug, report.pk])
    page = client_of(asker).get(url).content.decode()
    assert '<progress id="report-progress" max="100" value="40">40 %</progress>' in page
    assert 'http-equiv="refresh"' in page


def test_members_of_the_partnership_download_and_outsiders_do_not(
    partnership,
    asker,
    year_2025,
    run_worker,
    django_capture_on_commit_callbacks,
    client_of,
    outsider,
    staff,
):
    report = _made(partnership, asker, run_worker, django_capture_on_commit_callbacks)
    for name in ("projects:report_pdf", "projects:report_docx"):
        url = reverse(name, args=[partnership.slug, report.pk])
        answer = client_of(staff).get(url)
        assert answer.status_code == 200
        assert answer["Content-Disposition"].startswith("attachment")
        assert client_of(outsider).get(url).status_code == 404
    detail = reverse("projects:report_detail", args=[partnership.slug, report.pk])
    assert client_of(outsider).get(detail).status_code == 404
    asking = reverse("projects:report_list", args=[partnership.slug])
    assert client_of(staff).post(asking, {"year": 2025, "language": "de"}).status_code == 403


def test_the_form_asks_last_year_by_default_and_makes_the_report(
    partnership, asker, client_of, django_capture_on_commit_callbacks
):
    url = reverse("projects:report_list", args=[partnership.slug])
    client = client_of(asker)
    page = client.get(url).content.decode()
    last_year = timezone.localdate().year - 1
    assert f'<option value="{last_year}" selected>' in page
    key = str(uuid.uuid4())
    with django_capture_on_commit_callbacks(execute=True):
        for _click in range(2):
            answer = client.post(url, {"idempotency_key": key, "year": last_year, "language": "uk"})
    assert answer.status_code == 302
    assert Report.objects.get().language == "uk"


def _projects(partnership, office, count):
    for number in range(count):
        project = project_add(
            partnership,
            office,
            title=f"Projekt {number}",
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 12, 31),
        )
        services.milestone_add(
            project=project,
            by=office,
            idempotency_key=uuid.uuid4(),
            title="M",
            due_on=date(2025, 5, 1),
        )
        services.indicator_add(
            project=project, by=office, idempotency_key=uuid.uuid4(), title="I", unit="%", target=1
        )
        line_add(project, office, "10.00")
    measure_add(plan_add(partnership, office, title=f"Plan {count}"), office)


@pytest.mark.parametrize("count", [1, 8])
def test_the_year_is_read_in_a_fixed_number_of_queries(
    partnership, office, count, django_assert_max_num_queries
):
    _projects(partnership, office, count)
    with django_assert_max_num_queries(15):
        data = report_year(partnership, 2025, "de")
    assert len(data.projects) == count


def test_the_operator_reads_a_failed_report_in_the_admin_and_changes_nothing(partnership, asker):
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.admin.sites import site
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.factories import TOTP_SECRET, sign_in

    report = Report.objects.create(
        partnership=partnership, requested_by=asker, year=2024, language="de", error="OSError"
    )
    operator = get_user_model().objects.create_superuser(
        email="operator@example.org", password="x" * 20
    )
    TOTP.activate(operator, TOTP_SECRET)
    client = Client()
    sign_in(client, operator)
    page = client.get(f"/en/admin/projects/report/{report.pk}/change/")
    assert page.status_code == 200 and b"OSError" in page.content
    admin = site._registry[Report]
    assert not admin.has_change_permission(page.wsgi_request, report)
    assert not admin.has_delete_permission(page.wsgi_request, report)


def test_the_years_offered_are_those_with_plans_or_projects_and_last_year(partnership, office):
    today = date(2026, 12, 4)
    assert report_years(partnership, today=today) == [2025]
    plan_add(partnership, office, starts_on=date(2021, 1, 1), ends_on=date(2022, 12, 31))
    project_add(partnership, office, starts_on=date(2024, 3, 1), ends_on=date(2031, 6, 30))
    # 2023 had neither; no year after this one
    assert report_years(partnership, today=today) == [2026, 2025, 2024, 2022, 2021]


def test_a_report_whose_worker_stopped_can_be_asked_for_again(
    partnership, asker, run_worker, django_capture_on_commit_callbacks, client_of
):
    report = Report.objects.create(
        partnership=partnership, requested_by=asker, year=2024, language="de", progress=40
    )
    url = reverse("projects:report_detail", args=[partnership.slug, report.pk])
    retry = reverse("projects:report_retry", args=[partnership.slug, report.pk])
    client = client_of(asker)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry)  # a report being made as it should is left alone
    assert retry not in client.get(url).content.decode()

    Report.objects.filter(pk=report.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    page = client.get(url).content.decode()
    assert retry in page and 'http-equiv="refresh"' not in page
    assert "task worker that makes it may have stopped" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(retry)
    run_worker()
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.pdf and report.docx


def _asked_by_another(partnership, year):
    """A report asked for by a coordinator of its own (each row names its asker)."""
    coordinator = member_create(partnership, Role.COORDINATOR, 1 + year % 2).user
    return _ask(partnership, coordinator, year=year, language="de")


def test_the_report_list_keeps_its_number_of_queries(
    partnership, asker, client_of, django_assert_max_num_queries
):
    address = reverse("projects:report_list", args=[partnership.slug])
    _asked_by_another(partnership, 2025)

    def grow():
        for year in (2020, 2021, 2022, 2023, 2024):
            _asked_by_another(partnership, year)

    page = page_keeps_its_queries(client_of(asker), address, grow, django_assert_max_num_queries)
    assert len(page.context["reports"]) == 6


@pytest.mark.parametrize("status", [ReportStatus.DONE, ReportStatus.FAILED, ReportStatus.QUEUED])
def test_a_reports_page_keeps_its_number_of_queries(
    partnership, asker, office, client_of, django_assert_max_num_queries, status
):
    files = {"pdf": "reports/2025.pdf", "docx": "reports/2025.docx"} if status == "done" else {}
    report = Report.objects.create(
        partnership=partnership,
        requested_by=asker,
        year=2025,
        language="de",
        status=status,
        **files,
    )
    address = reverse("projects:report_detail", args=[partnership.slug, report.pk])
    _projects(partnership, office, 1)

    def grow():
        _projects(partnership, office, 5)
        for year in (2022, 2023, 2024):
            _asked_by_another(partnership, year)

    page_keeps_its_queries(client_of(asker), address, grow, django_assert_max_num_queries)
