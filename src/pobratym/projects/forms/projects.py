"""Forms of the project pages: the list's filter, a project, and its parts."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import (
    CheckedByServices,
    IdempotencyKeyField,
    RevisedForm,
    bounded_formfield,
)
from pobratym.core.money import Currency

from ..models import (
    BudgetLine,
    Indicator,
    Milestone,
    Project,
    ProjectStatus,
)
from ..services import PROJECT_FIELDS

ALL = ("", _("all"))


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _sides(partnership):
    return partnership.sides.select_related("city").order_by("position")


class ProjectFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=200,
        help_text=_("Found in the title and description, in any language."),
    )
    status = forms.ChoiceField(
        label=capfirst(_("status")), required=False, choices=[ALL, *ProjectStatus.choices]
    )
    focus_area = forms.TypedChoiceField(label=capfirst(_("focus area")), required=False, coerce=int)
    lead_side = forms.TypedChoiceField(label=capfirst(_("lead side")), required=False, coerce=int)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].choices = [
            ALL,
            *((area.pk, area.name) for area in partnership.focus_areas.order_by("position")),
        ]
        self.fields["lead_side"].choices = [
            ALL,
            *((side.pk, side.city.name) for side in _sides(partnership)),
        ]


class ProjectForm(CheckedByServices, forms.ModelForm):
    """What a project is; the services check it again."""

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        formfield_callback = bounded_formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "starts_on": date_input(),
            "ends_on": date_input(),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].queryset = partnership.focus_areas.order_by("position")
        self.fields["lead_side"].queryset = _sides(partnership)
        self.fields["lead_side"].label_from_instance = lambda side: side.city.name


class ProjectCreateForm(ProjectForm):
    idempotency_key = IdempotencyKeyField()


class ProjectEditForm(RevisedForm, ProjectForm):
    """A project corrected from the revision shown (core.forms.RevisedForm)."""


class PartForm(CheckedByServices, forms.ModelForm):
    """A part of a project, added once however often the form is sent."""

    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)


class MilestoneForm(PartForm):
    class Meta:
        model = Milestone
        fields = ("title", "due_on")
        formfield_callback = bounded_formfield
        widgets = {"due_on": date_input()}


class IndicatorForm(PartForm):
    class Meta:
        model = Indicator
        fields = ("title", "unit", "baseline", "target")
        formfield_callback = bounded_formfield


class IndicatorActualForm(forms.Form):
    actual = forms.DecimalField(label=capfirst(_("actual")), max_digits=15, decimal_places=2)


class BudgetLineForm(PartForm):
    class Meta:
        model = BudgetLine
        fields = ("purpose", "source", "amount", "currency", "rate", "rate_on")
        formfield_callback = bounded_formfield
        widgets = {"rate_on": date_input()}
        help_texts = {"rate": _("Needed for an amount in hryvnia, e.g. 44.5123.")}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["source"].queryset = partnership.organisations.order_by("name")
        self.fields["currency"].choices = Currency.choices
