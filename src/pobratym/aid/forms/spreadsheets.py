"""Forms of the aid spreadsheet pages: an uploaded list, and the filters of an export."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import NeedKind, NeedStatus, Priority, Sector
from ..spreadsheets.sheets import XLSX_TYPE


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_TYPE}"}),
    )


def _any(choices):
    return [("", _("any")), *choices]


class NeedExportFilterForm(forms.Form):
    """The filters of the needs list page, as its export receives them in the address."""

    status = forms.ChoiceField(label=_("status"), choices=_any(NeedStatus.choices), required=False)
    kind = forms.ChoiceField(label=_("kind"), choices=_any(NeedKind.choices), required=False)
    sector = forms.ChoiceField(label=_("sector"), choices=_any(Sector.choices), required=False)
    priority = forms.ChoiceField(
        label=_("priority"), choices=_any(Priority.choices), required=False
    )
