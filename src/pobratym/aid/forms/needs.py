"""Forms of the need pages: the list's filters, a need with its item lines, a pledge."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import (
    CHOOSE,
    IdempotencyKeyField,
    IdField,
    RevisedForm,
    bounded_formfield,
)

from ..models import (
    LINES_MAX,
    QUANTITY,
    SPECIFICATION_MAX_LENGTH,
    Need,
    NeedKind,
    NeedStatus,
    Priority,
    Sector,
    Unit,
)
from ..services import NEED_FIELDS

ALL = ("", _("all"))
NO_CHOICE = ("", CHOOSE)


def quantity_field(**options):
    return forms.DecimalField(
        label=options.pop("label", capfirst(_("quantity"))),
        min_value=Decimal("0.001"),
        max_digits=QUANTITY["max_digits"],
        decimal_places=QUANTITY["decimal_places"],
        **options,
    )


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NeedFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=200,
        help_text=_(
            "Found in the title, institution, place, description and items, in any language."
        ),
    )
    status = forms.ChoiceField(
        label=capfirst(_("status")), required=False, choices=[ALL, *NeedStatus.choices]
    )
    kind = forms.ChoiceField(
        label=capfirst(_("kind")), required=False, choices=[ALL, *NeedKind.choices]
    )
    sector = forms.ChoiceField(
        label=capfirst(_("sector")), required=False, choices=[ALL, *Sector.choices]
    )
    priority = forms.ChoiceField(
        label=capfirst(_("priority")), required=False, choices=[ALL, *Priority.choices]
    )


class NeedForm(forms.ModelForm):
    """What a need says about itself; the services check it again."""

    class Meta:
        model = Need
        fields = NEED_FIELDS
        formfield_callback = bounded_formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "needed_by": date_input(),
        }

    def __init__(self, *args, sensitive: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not sensitive:
            # Never shown, so never sent back blank over what is stored.
            del self.fields["address"]
            del self.fields["critical_infrastructure"]


class NeedCreateForm(NeedForm):
    idempotency_key = IdempotencyKeyField()


class NeedEditForm(RevisedForm, NeedForm):
    """A need corrected from the revision shown (core.forms.RevisedForm)."""


class NeedLineForm(forms.Form):
    """One item line; a line left empty is ignored."""

    item = forms.CharField(label=capfirst(_("item")), max_length=300)
    specification = forms.CharField(
        label=capfirst(_("specification")),
        required=False,
        max_length=SPECIFICATION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    quantity = quantity_field()
    unit = forms.ChoiceField(label=capfirst(_("unit")), choices=[NO_CHOICE, *Unit.choices])


class BaseLineFormSet(forms.BaseFormSet):
    """Item lines where any line may stay empty, but at least one must be filled, unless
    the line form says `one_line_required = False` (a package's contents)."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "empty_permitted": True}

    def clean(self):
        if any(self.errors):
            return
        if getattr(self.form, "one_line_required", True) and not self.filled():
            raise ValidationError(_("Add at least one item line."), code="no_lines")

    def filled(self) -> list:
        """The line forms the person filled in; empty ones are left out."""
        return [form for form in self.forms if form.has_changed() and form.cleaned_data]


PREFIX = "lines"
EXTRA_LINES = 3


def line_formset(form_class, data=None, *, more_from=None, **kwargs):
    """The item lines of a form: bound to `data`, or, when the person asked for more lines
    (`more_from`: the posted data), shown again unbound with what they typed and more empty
    lines, so no error appears before they send the form."""
    formset_class = forms.formset_factory(
        form_class,
        formset=BaseLineFormSet,
        extra=EXTRA_LINES,
        max_num=LINES_MAX,
        absolute_max=LINES_MAX,
    )
    if more_from is None:
        return formset_class(data, prefix=PREFIX, **kwargs)
    typed = formset_class(more_from, prefix=PREFIX, **kwargs)
    initial = [
        {name: form[name].value() for name in form.fields}
        for form in typed.forms
        if form.has_changed()
    ]
    return formset_class(initial=initial, prefix=PREFIX, **kwargs)


def shown_again(form_class, posted, **kwargs):
    """A form shown again, unbound, with what the person typed (for "more lines")."""
    return form_class(initial=posted.dict(), **kwargs)


class PledgeForm(forms.Form):
    offer_line = IdField(widget=forms.HiddenInput)
    need_line = IdField(widget=forms.HiddenInput)
    quantity = quantity_field(label=capfirst(_("quantity to pledge")))
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
