"""Reads of funding: the shared catalogue (members of any partnership it is shown in) and a
partnership's applications with their next due dates, each a fixed number of queries."""

from datetime import date, timedelta

from django.db.models import Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pobratym.partnerships.models import Partnership
from pobratym.partnerships.predicates import is_member
from pobratym.translation.selectors import reader_translations, with_translations

from ..models import Application, ApplicationStatus, FundingCall, FundingProgramme

# An application shows in My work from this many days before it is due (and after).
DUE_DAYS = 30
OPEN = (ApplicationStatus.PLANNED, ApplicationStatus.INTEREST)


def _members_only(viewer, partnership: Partnership) -> None:
    if not is_member(viewer, partnership):
        raise Http404


def programme_list(*, viewer, partnership: Partnership) -> QuerySet:
    """The catalogue, by name, with each programme's next deadline (two queries and the
    membership once)."""
    _members_only(viewer, partnership)
    today = timezone.localdate()
    return with_translations(
        FundingProgramme.objects.annotate(
            next_deadline=Min("calls__apply_by", filter=Q(calls__apply_by__gte=today))
        )
    ).order_by("name", "pk")


def programme_detail(*, viewer, partnership: Partnership, programme_id: int) -> FundingProgramme:
    _members_only(viewer, partnership)
    calls = FundingCall.objects.order_by("-apply_by", "pk").prefetch_related(
        Prefetch(
            "applications",
            queryset=Application.objects.filter(partnership=partnership).select_related("project"),
            to_attr="own_applications",
        )
    )
    programme = (
        FundingProgramme.objects.filter(pk=programme_id)
        .prefetch_related(reader_translations(), Prefetch("calls", queryset=calls))
        .first()
    )
    if programme is None:
        raise Http404
    return programme


def _applications(partnership_ids) -> QuerySet:
    return Application.objects.filter(partnership_id__in=partnership_ids).select_related(
        "call__programme", "project"
    )


def application_list(*, viewer, partnership: Partnership) -> QuerySet:
    """The partnership's applications, the soonest deadline first, with their calls,
    programmes and projects (three queries and the membership once)."""
    _members_only(viewer, partnership)
    return (
        _applications([partnership.pk])
        .prefetch_related(reader_translations("project"), "shipments")
        .order_by("call__apply_by", "pk")
    )


def application_detail(*, viewer, partnership: Partnership, application_id: int) -> Application:
    _members_only(viewer, partnership)
    application = (
        _applications([partnership.pk])
        .filter(pk=application_id)
        .prefetch_related(reader_translations("project"), "shipments")
        .first()
    )
    if application is None:
        raise Http404
    return application


def applications_due(partnership_ids, until: date | None = None) -> QuerySet:
    """Applications not yet sent whose next date (the expression of interest while none is
    sent, then the application) is `until` or earlier: near, or already past."""
    until = until or timezone.localdate() + timedelta(days=DUE_DAYS)
    interest_due = Q(status=ApplicationStatus.PLANNED, call__interest_by__lte=until)
    application_due = Q(status__in=OPEN, call__apply_by__lte=until)
    return _applications(partnership_ids).filter(interest_due | application_due)


def open_calls(*, today: date | None = None) -> QuerySet:
    """Calls still taking applications, the soonest deadline first, with their programmes."""
    today = today or timezone.localdate()
    return (
        FundingCall.objects.filter(apply_by__gte=today)
        .select_related("programme")
        .order_by("apply_by", "pk")
    )
