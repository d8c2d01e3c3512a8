"""The form asking for a council report: a year with plans or projects, and a language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import IdempotencyKeyField

from ..models import ReportLanguage


class ReportForm(forms.Form):
    idempotency_key = IdempotencyKeyField()
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    language = forms.ChoiceField(label=_("Language of the report"), choices=ReportLanguage.choices)

    def __init__(self, *args, years: list[int], initial: dict, **kwargs) -> None:
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
