"""The form of the aid spreadsheet pages: an uploaded list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..spreadsheets.writing import XLSX_TYPE


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{XLSX_TYPE}"}),
    )
