"""Forms of the offer pages: an offer with its item lines."""

from decimal import Decimal

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core import formatting
from pobratym.core.forms import NOT_SPECIFIED, IdempotencyKeyField, bounded_formfield
from pobratym.directory.selectors import organisation_choices
from pobratym.translation.selectors import shown

from ..models import MONEY, Condition, Offer, OfferStatus, Unit
from ..services import OFFER_FIELDS
from .needs import ALL, NO_CHOICE, date_input, quantity_field
from .organisations import add_organisation_fields, clean_organisation


class OfferFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=200,
        help_text=_("Found in the donor, note, items and need, in any language."),
    )
    status = forms.ChoiceField(
        label=capfirst(_("status")), required=False, choices=[ALL, *OfferStatus.choices]
    )


def _label(need_line) -> str:
    amount = formatting.quantity(need_line.quantity, need_line.unit)
    return f"{shown(need_line, 'item').text} ({amount})"


class OfferForm(forms.ModelForm):
    """The donor (an organisation of the person's own city, chosen or named anew) and a note."""

    class Meta:
        model = Offer
        fields = OFFER_FIELDS
        formfield_callback = bounded_formfield
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, partnership, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        note = self.fields.pop("note")
        add_organisation_fields(
            self,
            "donor",
            organisation_choices(viewer=viewer, partnership=partnership),
            required=True,
            labels=(
                capfirst(_("donor")),
                _("Or the name of a donor not in the list"),
                _("Found in the directory if it is there already, else added to it."),
            ),
        )
        self.fields["note"] = note

    def clean(self):
        data = super().clean()
        clean_organisation(
            self,
            "donor",
            required=True,
            missing=_("Choose the donor from the directory or enter the name of a new one."),
        )
        return data


class OfferLineForm(forms.Form):
    """One offered item; `need_lines` are the lines of the need the offer answers, if any."""

    item = forms.CharField(label=capfirst(_("item")), max_length=300)
    quantity = quantity_field()
    unit = forms.ChoiceField(label=capfirst(_("unit")), choices=[NO_CHOICE, *Unit.choices])
    condition = forms.ChoiceField(
        label=capfirst(_("condition")),
        choices=Condition.choices,
        initial=Condition.NEW,
        required=False,
    )
    estimated_value = forms.DecimalField(
        label=capfirst(_("estimated value in EUR")),
        required=False,
        min_value=Decimal(0),
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
    )
    expires_on = forms.DateField(
        label=capfirst(_("expires on")),
        required=False,
        widget=date_input(),
        help_text=_("For medical goods."),
    )

    def __init__(self, *args, need_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.need_lines = {str(line.pk): line for line in need_lines}
        if self.need_lines:
            self.fields["need_line"] = forms.ChoiceField(
                label=capfirst(_("for need line")),
                required=False,
                choices=[
                    ("", NOT_SPECIFIED),
                    *((pk, _label(line)) for pk, line in self.need_lines.items()),
                ],
            )

    def has_changed(self) -> bool:
        # The condition always comes with a value, so it alone does not make a line filled.
        return bool(set(self.changed_data) - {"condition"})

    def line(self) -> dict:
        """The line as `services.offer_create` takes it."""
        data = dict(self.cleaned_data)
        data["need_line"] = self.need_lines.get(data.get("need_line") or "")
        data["estimated_value"] = data.get("estimated_value") or Decimal(0)
        data["condition"] = data.get("condition") or Condition.NEW
        return data
