"""Forms of the shipment pages: the shipment itself, a package with its packing lines,
loading a pledge, a stage.

Quantities and stages are checked by the services, not here, so a person sees the same
message the service gives (a negative quantity, more than pledged, a stage going back).
"""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core import formatting
from pobratym.core.forms import CHOOSE, IdempotencyKeyField, RevisedForm, bounded_formfield
from pobratym.directory.models import Organisation
from pobratym.translation.selectors import shown

from ..models import QUANTITY, Package, Pledge, Shipment, ShipmentStatus
from ..services import PACKAGE_FIELDS, SHIPMENT_FIELDS
from .needs import ALL, NO_CHOICE, quantity_field
from .organisations import add_organisation_fields, clean_organisation


class ShipmentFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=200,
        help_text=_("Found in the number, carrier, vehicle, route and note, in any language."),
    )
    status = forms.ChoiceField(
        label=capfirst(_("status")), required=False, choices=[ALL, *ShipmentStatus.choices]
    )


# The receipt is confirmed by the goods received note, never by hand.
RECORDABLE = [
    (value, label)
    for value, label in ShipmentStatus.choices
    if value != ShipmentStatus.RECEIPT_CONFIRMED
]


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ShipmentForm(forms.ModelForm):
    """Carrier, vehicle, route, dates and number of a shipment."""

    class Meta:
        model = Shipment
        fields = SHIPMENT_FIELDS
        formfield_callback = bounded_formfield
        widgets = {
            "planned_departure": date_input(),
            "planned_arrival": date_input(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        # The carrier, an organisation of either city, just after the number.
        fields = dict(self.fields)
        self.fields.clear()
        for name, field in fields.items():
            if name == "carrier":
                add_organisation_fields(
                    self,
                    "carrier",
                    Organisation.objects.filter(partnership=partnership).order_by("name", "pk"),
                    required=False,
                    labels=(
                        capfirst(_("carrier")),
                        _("Or the name of a carrier not in the list"),
                        _("Found in the directory if it is there already, else added to it."),
                    ),
                )
            else:
                self.fields[name] = field

    def clean(self):
        data = super().clean()
        clean_organisation(self, "carrier", required=False, missing=None)
        departure, arrival = data.get("planned_departure"), data.get("planned_arrival")
        if departure and arrival and arrival < departure:
            # Said plainly here; the database's check would only name itself.
            self.add_error(
                "planned_arrival", _("The planned arrival cannot be before the planned departure.")
            )
        return data


class ShipmentEditForm(RevisedForm, ShipmentForm):
    """A shipment corrected from the revision shown (core.forms.RevisedForm)."""


class ShipmentCreateForm(ShipmentForm):
    # Chosen when the form is first shown and sent back with it, so a form sent twice plans
    # one shipment.
    idempotency_key = IdempotencyKeyField()


class PackageForm(forms.ModelForm):
    # Packages have no key of their own in the database, so the page keeps the keys it has
    # seen (see views.shipments.package_add): a form sent twice adds one package.
    idempotency_key = IdempotencyKeyField()

    class Meta:
        model = Package
        fields = PACKAGE_FIELDS
        formfield_callback = bounded_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Plain messages for what the database checks too (weight and volume above zero).
        self.fields["gross_weight"].validators.append(MinValueValidator(Decimal("0.01")))
        self.fields["volume"].validators.append(MinValueValidator(Decimal("0.001")))


def _pledge_label(pledge) -> str:
    unit = pledge.offer_line.unit
    return _("%(item)s from %(donor)s (%(quantity)s not yet loaded)") % {
        "item": shown(pledge.offer_line, "item").text,
        "donor": pledge.offer_line.offer.donor.name,
        "quantity": formatting.quantity(pledge.remaining, unit),
    }


class PackingLineForm(forms.Form):
    """One line of a package's contents: how much of a confirmed pledge goes into it.
    `pledges` are offered (those still to load, `selectors.loadable_pledges`, with
    `remaining`); any of `known` is taken (`selectors.pledge_choices`), so a form sent again
    after its pledges were loaded reaches the service, which knows it was sent before."""

    # A package may be added empty and packed later, from the loaded goods.
    one_line_required = False

    pledge = forms.ModelChoiceField(label=capfirst(_("pledge")), queryset=Pledge.objects.none())
    quantity = quantity_field()

    def __init__(self, *args, pledges=(), known=None, **kwargs):
        super().__init__(*args, **kwargs)
        if known is not None:
            self.fields["pledge"].queryset = known
        self.fields["pledge"].widget.choices = [
            NO_CHOICE,
            *((pledge.pk, _pledge_label(pledge)) for pledge in pledges),
        ]


class LoadForm(forms.Form):
    """Set how much of a pledge is in a package (or loose); 0 unloads it."""

    pledge = forms.ModelChoiceField(label=capfirst(_("pledge")), queryset=None, empty_label=CHOOSE)
    package = forms.ModelChoiceField(
        label=capfirst(_("package")), queryset=None, required=False, empty_label=_("loose")
    )
    quantity = forms.DecimalField(
        label=capfirst(_("quantity")),
        max_digits=QUANTITY["max_digits"],
        decimal_places=QUANTITY["decimal_places"],
    )

    def __init__(self, *args, pledges, packages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pledge"].queryset = pledges
        self.fields["package"].queryset = packages


class AdvanceForm(forms.Form):
    """Record the stage a shipment reached; only later stages are offered."""

    status = forms.ChoiceField(label=capfirst(_("stage")), choices=RECORDABLE)
    occurred_at = forms.DateTimeField(
        label=capfirst(_("time")),
        required=False,
        help_text=_("In your time zone; leave empty for now."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
    )
    note = forms.CharField(
        label=capfirst(_("note")),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        stages = list(ShipmentStatus.values)
        later = [choice for choice in RECORDABLE if stages.index(choice[0]) > stages.index(current)]
        # Only later stages are shown; an earlier one sent anyway reaches the service, which
        # answers with its own message.
        self.fields["status"].widget.choices = later
        self.later = later
