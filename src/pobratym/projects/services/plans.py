"""Every change to a work plan: make it (with its first version), correct it, add, correct and
remove measures on a version not yet frozen, record each measure's progress, approve a version
for one's side, and start a new version after a freeze (decision 0020).

What both sides agree to is a version's fingerprint: the plan's title and period and, of each
measure, its title, description, focus area, lead side, responsible people and organisations,
period and budget estimate. The first approval freezes the version with that fingerprint; the
other side approves the same fingerprint or nothing. How far a measure has got (status,
progress) and which projects, events and needs carry it out are not part of it: they are
recorded on an approved version too, without a new approval."""

import uuid
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import Conflict, DomainError, require, validate
from pobratym.core.fingerprints import fingerprint
from pobratym.core.idempotency import create_once
from pobratym.core.money import Currency
from pobratym.core.services import model_update
from pobratym.partnerships.models import Side
from pobratym.partnerships.predicates import membership_of
from pobratym.translation.services import translate_later, translations_copy

from ..models import Measure, PlanApproval, PlanVersion, WorkPlan
from .projects import _written_in

PLAN_FIELDS = ("title", "starts_on", "ends_on")
MEASURE_FIELDS = (
    "title",
    "description",
    "focus_area",
    "lead_side",
    "responsible",
    "starts_on",
    "ends_on",
    "budget_estimate",
    "currency",
)
# How far a measure has got: recorded on an approved version too, outside the fingerprint.
PROGRESS_FIELDS = ("status", "progress")
# What carries a measure out: the field, and a label for the refusal of another partnership's.
CARRIERS = ("projects", "events", "needs")
MAX_YEARS = 10  # a plan's period; the timeline draws a column per month


# --- reading what a version says ---


def version_fingerprint(version: PlanVersion, measures=None) -> str:
    """The fingerprint of what a version asks both sides to agree to (see the module's
    docstring), from `measures` already read with their organisations, or read here."""
    plan = version.plan
    if measures is None:
        measures = version.measures.prefetch_related("organisations")
    agreed = [
        {
            "key": str(measure.key),
            "title": measure.title,
            "description": measure.description,
            "focus_area": measure.focus_area_id,
            "lead_side": measure.lead_side_id,
            "responsible": measure.responsible,
            "organisations": sorted(o.pk for o in measure.organisations.all()),
            "starts_on": measure.starts_on,
            "ends_on": measure.ends_on,
            "budget_estimate": measure.budget_estimate,
            "currency": measure.currency if measure.budget_estimate is not None else "",
        }
        for measure in measures
    ]
    return fingerprint(
        {
            "plan": [plan.title, plan.starts_on, plan.ends_on],
            "measures": sorted(agreed, key=lambda m: m["key"]),
        }
    )


def latest_version(plan: WorkPlan) -> PlanVersion:
    return plan.versions.order_by("-number").first()


def _locked_version(version: PlanVersion) -> PlanVersion:
    """The version re-read and locked, so an approval and a change cannot cross."""
    return PlanVersion.objects.select_for_update().select_related("plan").get(pk=version.pk)


def _refuse_if_frozen(version: PlanVersion) -> None:
    if version.frozen_at is not None:
        raise Conflict(
            "version_frozen",
            _(
                "This version has been approved by a side and can no longer change. "
                "Start a new version of the plan to change it."
            ),
        )


# --- the plan ---


def _check_period(plan: WorkPlan) -> None:
    if plan.starts_on and plan.ends_on and plan.ends_on < plan.starts_on:
        raise DomainError(
            "dates_out_of_order", _("The end cannot come before the start."), field="ends_on"
        )
    if plan.starts_on and plan.ends_on and plan.ends_on.year - plan.starts_on.year >= MAX_YEARS:
        raise DomainError(
            "plan_too_long",
            _("A work plan covers at most %(years)s years.") % {"years": MAX_YEARS},
            field="ends_on",
        )


@transaction.atomic
def plan_create(
    *,
    partnership,
    by: User,
    idempotency_key: uuid.UUID | None,
    title: str,
    starts_on: date,
    ends_on: date,
    language=None,
) -> WorkPlan:
    """A work plan of the partnership over one or more years, written in `language`, with its
    first version, empty, to add measures to."""
    require(by, "projects.add_plan", partnership)
    fields = {"title": title, "starts_on": starts_on, "ends_on": ends_on}

    def create(stamp):
        plan = WorkPlan(partnership=partnership, created_by=by, **stamp)
        model_update(instance=plan, fields=PLAN_FIELDS, data=fields)
        _check_period(plan)
        _written_in(plan, by, language)
        validate(plan, exclude=["idempotency_key"], validate_constraints=False)
        audited(plan, by).save()
        PlanVersion.objects.create(plan=plan, number=1, created_by=by)
        translate_later(plan)
        return plan

    plan, _created = create_once(
        WorkPlan,
        key=idempotency_key,
        scope={"partnership": partnership, "created_by": by},
        data={"language": language, **fields},
        create=create,
    )
    return plan


@transaction.atomic
def plan_update(*, plan: WorkPlan, by: User, revision: int | None = None, **fields) -> WorkPlan:
    """Correct the plan's title or period while no side has approved any version of it; its
    measures must still lie inside the period."""
    require(by, "projects.change_plan", plan)
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.versions.filter(frozen_at__isnull=False).exists():
        raise Conflict(
            "plan_frozen",
            _("A side has approved this plan: its title and period can no longer change."),
        )
    model_update(instance=plan, fields=PLAN_FIELDS, data=fields, revision=revision)
    _check_period(plan)
    outside = [
        m.title
        for m in Measure.objects.filter(version__plan=plan)
        if m.starts_on < plan.starts_on or m.ends_on > plan.ends_on
    ]
    if outside:
        raise DomainError(
            "measures_outside",
            _("Measures lie outside this period: %(titles)s. Move them first.")
            % {"titles": ", ".join(outside)},
            field="starts_on",
        )
    validate(plan, exclude=["idempotency_key"])
    audited(plan, by).save()
    translate_later(plan)
    return plan


# --- measures ---


def _check_measure(measure: Measure, plan: WorkPlan) -> None:
    """Each rule at the field it concerns: the partnership's own side and focus area, dates
    in order and inside the plan's period, a budget of 0 or more in euro or hryvnia."""
    if measure.lead_side_id is None or measure.lead_side.partnership_id != plan.partnership_id:
        raise DomainError(
            "side_elsewhere", _("Choose one of the partnership's two cities."), field="lead_side"
        )
    if measure.focus_area and measure.focus_area.partnership_id != plan.partnership_id:
        raise DomainError(
            "focus_area_elsewhere",
            _("Choose a focus area of this partnership."),
            field="focus_area",
        )
    if measure.starts_on is None or measure.ends_on is None:
        raise DomainError("dates_missing", _("Enter when the measure starts and ends."))
    if measure.ends_on < measure.starts_on:
        raise DomainError(
            "dates_out_of_order", _("The end cannot come before the start."), field="ends_on"
        )
    for name in ("starts_on", "ends_on"):
        if not plan.starts_on <= getattr(measure, name) <= plan.ends_on:
            raise DomainError(
                "measure_outside_plan",
                _("The measure must lie within the plan's period, %(start)s to %(end)s.")
                % {"start": plan.starts_on.isoformat(), "end": plan.ends_on.isoformat()},
                field=name,
            )
    if measure.budget_estimate is not None and measure.budget_estimate < Decimal("0"):
        raise DomainError(
            "negative_amount", _("Enter an amount of 0 or more."), field="budget_estimate"
        )
    if measure.currency not in Currency.values:
        raise DomainError("unknown_currency", _("Choose euro or hryvnia."), field="currency")


def _own(records, partnership_id: int, field: str) -> list:
    """`records` (organisations, projects, events or needs) if all are the partnership's."""
    records = list(records or ())
    if any(record.partnership_id != partnership_id for record in records):
        raise DomainError(
            "record_elsewhere", _("Choose only records of this partnership."), field=field
        )
    return records


def _links_set(measure: Measure, plan: WorkPlan, links: dict) -> None:
    for field, records in links.items():
        if records is not None:
            getattr(measure, field).set(_own(records, plan.partnership_id, field))


@transaction.atomic
def measure_add(
    *,
    version: PlanVersion,
    by: User,
    idempotency_key: uuid.UUID | None,
    language=None,
    organisations=None,
    projects=None,
    events=None,
    needs=None,
    **fields,
) -> Measure:
    """A measure on a version no side has approved yet, at the end of its list."""
    plan = version.plan
    require(by, "projects.change_plan", plan)
    version = _locked_version(version)
    _refuse_if_frozen(version)
    links = {"organisations": organisations, "projects": projects, "events": events}
    links["needs"] = needs

    def create(stamp):
        measure = Measure(version=version, **stamp)
        model_update(instance=measure, fields=MEASURE_FIELDS, data=fields)
        _check_measure(measure, plan)
        measure.position = (version.measures.aggregate(last=Max("position"))["last"] or 0) + 1
        _written_in(measure, by, language)
        validate(measure, exclude=["idempotency_key", "version"], validate_constraints=False)
        audited(measure, by).save()
        _links_set(measure, plan, links)
        translate_later(measure)
        return measure

    data = {"language": language, **fields, **{k: _ids(v) for k, v in links.items()}}
    measure, _created = create_once(
        Measure, key=idempotency_key, scope={"version": version}, data=data, create=create
    )
    return measure


def _ids(records) -> list[int]:
    return sorted(record.pk for record in records or ())


@transaction.atomic
def measure_update(
    *,
    measure: Measure,
    by: User,
    revision: int | None = None,
    organisations=None,
    projects=None,
    events=None,
    needs=None,
    **fields,
) -> Measure:
    """Correct a measure of a version no side has approved yet, from the `revision` the
    person saw (decision 0018)."""
    plan = measure.version.plan
    require(by, "projects.change_plan", plan)
    _refuse_if_frozen(_locked_version(measure.version))
    measure = Measure.objects.select_related("version__plan").get(pk=measure.pk)
    model_update(instance=measure, fields=MEASURE_FIELDS, data=fields, revision=revision)
    _check_measure(measure, plan)
    validate(measure, exclude=["idempotency_key", "version"])
    audited(measure, by).save()
    links = {"organisations": organisations, "projects": projects, "events": events}
    _links_set(measure, plan, {**links, "needs": needs})
    translate_later(measure)
    return measure


@transaction.atomic
def measure_remove(*, measure: Measure, by: User) -> None:
    """Take a measure off a version no side has approved yet."""
    require(by, "projects.change_plan", measure.version.plan)
    _refuse_if_frozen(_locked_version(measure.version))
    audited(measure, by).delete()


@transaction.atomic
def measure_progress(
    *,
    measure: Measure,
    by: User,
    revision: int | None = None,
    projects=None,
    events=None,
    needs=None,
    **fields,
) -> Measure:
    """Record how far a measure has got (status, progress in per cent) and what carries it
    out, on any version, an approved one too: none of it is part of the fingerprint."""
    plan = measure.version.plan
    require(by, "projects.change_plan", plan)
    measure = Measure.objects.select_related("version__plan").get(pk=measure.pk)
    progress = fields.get("progress", measure.progress)
    if progress is None or not 0 <= progress <= 100:
        raise DomainError(
            "progress_out_of_range", _("Enter a progress from 0 to 100 %."), field="progress"
        )
    model_update(instance=measure, fields=PROGRESS_FIELDS, data=fields, revision=revision)
    validate(measure, exclude=["idempotency_key", "version"])
    audited(measure, by).save(update_fields=[*fields, "updated_at"])
    _links_set(measure, plan, {"projects": projects, "events": events, "needs": needs})
    return measure


# --- approval and versions ---


def _own_side(by: User, plan: WorkPlan) -> Side:
    membership = membership_of(by, plan)
    if membership is None:
        raise DomainError("not_member", _("Only members of the partnership can do this."))
    return membership.side


@transaction.atomic
def plan_approve(*, version: PlanVersion, by: User, fingerprint: str) -> PlanApproval:
    """A coordinator approves, for their own side, the newest version of the plan as they
    read it (its fingerprint). The first approval freezes the version; when both sides have
    approved it, the plan is approved in that version. A page opened before the version
    changed carries another fingerprint and is refused (409)."""
    plan = version.plan
    require(by, "projects.approve_plan", plan)
    version = _locked_version(version)
    if version.number != latest_version(plan).number:
        raise Conflict(
            "version_superseded",
            _("A newer version of this plan exists. Please read and approve that one."),
        )
    side = _own_side(by, plan)
    if version.approvals.filter(side=side).exists():
        raise Conflict("already_approved", _("Your side has already approved this version."))
    current = version.fingerprint or version_fingerprint(version)
    if fingerprint != current:
        raise Conflict(
            "fingerprint_mismatch",
            _(
                "The plan has changed since you opened it. Please read the current version "
                "and approve it again."
            ),
        )
    if not version.measures.exists():
        raise DomainError("plan_empty", _("Add at least one measure before approving."))
    if version.frozen_at is None:
        version.fingerprint, version.frozen_at = current, timezone.now()
        audited(version, by).save(update_fields=["fingerprint", "frozen_at", "updated_at"])
    approval = PlanApproval(version=version, side=side, fingerprint=current, approved_by=by)
    try:
        with transaction.atomic():
            audited(approval, by).save()
    except IntegrityError as error:
        raise Conflict(
            "already_approved", _("Your side has already approved this version.")
        ) from error
    return approval


@transaction.atomic
def version_create(*, plan: WorkPlan, by: User) -> PlanVersion:
    """A new version of a plan whose newest version is frozen: a copy of its measures with
    the same keys (so the two compare measure by measure), their translations, links and
    progress, to change and approve again. While a newer draft exists it is returned, so the
    request is safe to repeat."""
    require(by, "projects.change_plan", plan)
    plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
    source = latest_version(plan)
    if source.frozen_at is None:
        return source
    version = PlanVersion.objects.create(plan=plan, number=source.number + 1, created_by=by)
    for measure in source.measures.prefetch_related("organisations", "projects", "events", "needs"):
        links = {
            field: list(getattr(measure, field).all()) for field in (*CARRIERS, "organisations")
        }
        original_pk = measure.pk
        # The copy must not read the source's links from the prefetch: `set` would find
        # them already there and add nothing.
        measure._prefetched_objects_cache = {}
        measure.pk = measure.id = None
        measure._state.adding = True
        measure.version, measure.revision = version, 1
        measure.idempotency_key, measure.idempotency_digest = None, ""
        audited(measure, by).save()
        for field, records in links.items():
            getattr(measure, field).set(records)
        translations_copy(source=Measure(pk=original_pk), target=measure, by=by)
    return version
