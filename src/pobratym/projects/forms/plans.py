"""Forms of the work plan pages: a plan over whole years, a measure, its progress, and the
approval of a version (the fingerprint the coordinator read goes with it)."""

from datetime import date

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import (
    CheckedByServices,
    IdempotencyKeyField,
    RecordsField,
    RevisedForm,
    bounded_formfield,
)
from pobratym.core.money import Currency
from pobratym.translation.selectors import shown, with_translations

from ..models import Measure, WorkPlan
from ..services.plans import MEASURE_FIELDS, PROGRESS_FIELDS
from .projects import _sides, date_input

FIRST_YEAR, LAST_YEAR = 2000, 2100


class YearField(forms.IntegerField):
    """A year, cleaned to its first (or last) day: a plan covers whole years."""

    def __init__(self, *, last: bool, **options) -> None:
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **options)
        self.last = last

    def prepare_value(self, value):
        return value.year if isinstance(value, date) else value

    def clean(self, value):
        year = super().clean(value)
        return date(year, 12, 31) if self.last else date(year, 1, 1)


class PlanForm(forms.Form):
    title = forms.CharField(
        label=capfirst(_("title")),
        max_length=300,
        help_text=_("For example “Planning 2025/2026”, in your language."),
    )
    starts_on = YearField(label=_("First year"), last=False)
    ends_on = YearField(label=_("Last year"), last=True, help_text=_("The same year for one year."))


class PlanCreateForm(PlanForm):
    idempotency_key = IdempotencyKeyField()


class PlanEditForm(RevisedForm, PlanForm):
    """A plan corrected from the revision shown, while no side has approved it."""

    def __init__(self, *args, plan: WorkPlan, **kwargs) -> None:
        initial = {name: getattr(plan, name) for name in ("title", "starts_on", "ends_on")}
        super().__init__(*args, initial={**initial, "revision": plan.revision}, **kwargs)


def _titled(records, name: str = "title"):
    """Choices of records labelled in the reader's language."""
    return with_translations(records), lambda record: shown(record, name).text


def _records_field(label) -> RecordsField:
    return RecordsField(
        label=label, queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )


class _Carriers:
    """The partnership's projects, events and aid needs a measure may be carried out by."""

    def _carriers(self, partnership) -> None:
        for name, records in (
            ("projects", partnership.projects.order_by("-starts_on", "pk")),
            ("events", partnership.events.order_by("-starts_at", "pk")),
            ("needs", partnership.needs.order_by("-pk")),
        ):
            queryset, label = _titled(records)
            self.fields[name].queryset = queryset
            self.fields[name].label_from_instance = label


class MeasureForm(_Carriers, CheckedByServices, forms.ModelForm):
    """What a measure is; the services check it again, each rule at its field."""

    organisations = _records_field(capfirst(_("organisations")))
    projects = _records_field(capfirst(_("projects")))
    events = _records_field(capfirst(_("events")))
    needs = _records_field(capfirst(_("aid needs")))

    class Meta:
        model = Measure
        fields = (*MEASURE_FIELDS, "organisations", "projects", "events", "needs")
        formfield_callback = bounded_formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_on": date_input(),
            "ends_on": date_input(),
        }
        help_texts = {
            "responsible": _("People or offices, e.g. “Office for International Relations”."),
            "budget_estimate": _("Optional; what the measure is expected to cost."),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = partnership.focus_areas.order_by("position")
        self.fields["lead_side"].queryset = _sides(partnership)
        self.fields["lead_side"].label_from_instance = lambda side: side.city.name
        self.fields["currency"].choices = Currency.choices
        queryset, label = _titled(partnership.organisations.order_by("name"), "name")
        self.fields["organisations"].queryset = queryset
        self.fields["organisations"].label_from_instance = label
        self._carriers(partnership)


class MeasureCreateForm(MeasureForm):
    idempotency_key = IdempotencyKeyField()


class MeasureEditForm(RevisedForm, MeasureForm):
    """A measure corrected from the revision shown (core.forms.RevisedForm)."""


class ProgressForm(_Carriers, RevisedForm, CheckedByServices, forms.ModelForm):
    """How far a measure has got and what carries it out; on an approved version too."""

    projects = _records_field(capfirst(_("projects")))
    events = _records_field(capfirst(_("events")))
    needs = _records_field(capfirst(_("aid needs")))

    class Meta:
        model = Measure
        fields = (*PROGRESS_FIELDS, "projects", "events", "needs")
        formfield_callback = bounded_formfield
        help_texts = {"progress": _("From 0 to 100.")}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self._carriers(partnership)


class PlanApprovalForm(forms.Form):
    """A coordinator approves the version they read for their side."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
