"""The calendar's one form: which month to show."""

from django import forms
from django.utils.translation import gettext_lazy as _

# The months the calendar shows, the span its feeds' time zones are written for.
FIRST_YEAR, LAST_YEAR = 1970, 2099


class MonthForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Enter a month as year and month, such as 2026-06.")},
    )

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month and not FIRST_YEAR <= month.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Choose a month from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return month
