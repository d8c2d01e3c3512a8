"""Forms of the funding pages: a programme of the shared catalogue, a call, an application."""

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

from ..models import Application, FundingCall, FundingProgramme
from ..services import APPLICATION_FIELDS, CALL_FIELDS, PROGRAMME_FIELDS
from .projects import date_input


class ProgrammeForm(CheckedByServices, forms.ModelForm):
    url = forms.URLField(
        label=capfirst(_("source")), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = FundingProgramme
        fields = PROGRAMME_FIELDS
        formfield_callback = bounded_formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.Textarea(attrs={"rows": 2}),
            "checked_on": date_input(),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)


class ProgrammeEditForm(RevisedForm, ProgrammeForm):
    """A programme corrected from the revision shown (core.forms.RevisedForm)."""


class CallForm(CheckedByServices, forms.ModelForm):
    url = forms.URLField(
        label=capfirst(_("source")), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = FundingCall
        fields = CALL_FIELDS
        formfield_callback = bounded_formfield
        widgets = {name: date_input() for name in ("opens_on", "interest_by", "apply_by")}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)


class ApplicationForm(CheckedByServices, forms.ModelForm):
    """A partnership's application to a call, for one of its projects or shipments."""

    idempotency_key = IdempotencyKeyField()
    shipments = RecordsField(
        label=capfirst(_("shipments it pays for")),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For a grant of transport costs: the shipments whose transport it pays."),
    )

    class Meta:
        model = Application
        fields = ("call", "project", *APPLICATION_FIELDS)
        formfield_callback = bounded_formfield
        widgets = {"submitted_on": date_input()}

    def __init__(self, *args, partnership, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls
        self.fields["call"].label_from_instance = _call_label
        self.fields["project"].queryset = partnership.projects.order_by("title")
        self.fields["shipments"].queryset = partnership.shipments.order_by("-pk")


class ApplicationEditForm(RevisedForm, CheckedByServices, forms.ModelForm):
    """How an application stands, from the revision shown."""

    class Meta:
        model = Application
        fields = APPLICATION_FIELDS
        formfield_callback = bounded_formfield
        widgets = {"submitted_on": date_input()}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)


def _call_label(call) -> str:
    return f"{call.programme.name}: {call.title}"
