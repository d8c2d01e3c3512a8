"""Forms of the receipt pages: the goods received note with one row per shipment line, the
scan, photos, and how a discrepancy was settled."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pobratym.core.inputs import TEXT_MAX_LENGTH
from pobratym.translation.selectors import shown

from ..models import QUANTITY, ArrivalState
from ..services._common import _plain

IMAGE_TYPES = "image/jpeg,image/png"


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReceiptForm(forms.Form):
    """The note's header, then for each shipment line `line-<id>-quantity`, `-state` and
    `-remark`; the quantity starts at what was shipped, so an intact delivery is one click."""

    number = forms.CharField(
        label=_("Number of the goods received note"),
        max_length=100,
        help_text=_("As your office numbered it."),
    )
    received_on = forms.DateField(label=_("Received on"), widget=_date_input())
    received_by = forms.CharField(
        label=_("Received by"),
        max_length=300,
        help_text=_("Name and position of who took delivery."),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    scan = forms.FileField(
        label=_("Signed note (scan)"),
        required=False,
        help_text=_("PDF, PNG or JPEG. You can also add it later."),
    )

    def __init__(self, *args, shipment_lines=(), **kwargs):
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.shipment_lines = list(shipment_lines)
        for line in self.shipment_lines:
            item = shown(line.pledge.offer_line, "item").text
            self.fields[f"line-{line.pk}-quantity"] = forms.DecimalField(
                label=_("Quantity received of %(item)s") % {"item": item},
                min_value=Decimal(0),
                max_digits=QUANTITY["max_digits"],
                decimal_places=QUANTITY["decimal_places"],
                initial=_plain(line.quantity),
                # "55,5" as Ukrainian and German offices write it, and "55.5" too.
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
            )
            self.fields[f"line-{line.pk}-state"] = forms.ChoiceField(
                label=_("State of %(item)s") % {"item": item},
                choices=ArrivalState.choices,
                initial=ArrivalState.INTACT,
            )
            self.fields[f"line-{line.pk}-remark"] = forms.CharField(
                label=_("Remark on %(item)s") % {"item": item},
                required=False,
                max_length=1000,
            )

    def header_fields(self):
        return [self[name] for name in ("number", "received_on", "received_by", "note", "scan")]

    def rows(self):
        """Each shipment line with its three bound fields, for the table of the form."""
        return [
            {
                "line": line,
                "quantity": self[f"line-{line.pk}-quantity"],
                "state": self[f"line-{line.pk}-state"],
                "remark": self[f"line-{line.pk}-remark"],
            }
            for line in self.shipment_lines
        ]

    def service_arguments(self) -> dict:
        """What `receipt_record` takes, from the cleaned data."""
        data = self.cleaned_data
        return {
            "number": data["number"],
            "received_on": data["received_on"],
            "received_by": data["received_by"],
            "note": data["note"],
            "scan": data["scan"] or None,
            "lines": {
                line.pk: {
                    "quantity": data[f"line-{line.pk}-quantity"],
                    "state": data[f"line-{line.pk}-state"],
                    "remark": data[f"line-{line.pk}-remark"],
                }
                for line in self.shipment_lines
            },
        }


class ScanForm(forms.Form):
    scan = forms.FileField(label=_("Signed note (scan)"), help_text=_("PDF, PNG or JPEG."))


class PhotoForm(forms.Form):
    """A photo of what arrived, of the whole delivery or of one line."""

    photo = forms.ImageField(
        label=_("Photo"),
        help_text=_("PNG or JPEG. Location and camera data are removed."),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_TYPES}),
    )
    line = forms.TypedChoiceField(label=_("Shows"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, receipt_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.receipt_lines = {line.pk: line for line in receipt_lines}
        self.fields["line"].choices = [
            ("", _("the whole delivery")),
            *(
                (line.pk, shown(line.shipment_line.pledge.offer_line, "item").text)
                for line in self.receipt_lines.values()
            ),
        ]

    def chosen_line(self):
        return self.receipt_lines.get(self.cleaned_data.get("line"))


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("How it was settled"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: replaced with the next shipment, written off, returned."),
    )
