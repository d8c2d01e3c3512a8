"""The pages of every import: an upload form, and the problems of a refused file."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .reading import Refused
from .writing import XLSX_TYPE

SHOWN_PROBLEMS = 500


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,.csv,{XLSX_TYPE},text/csv"}),
    )


def report(form, refusal: Refused) -> list:
    """Problems of the whole file go on the upload field; those of rows and columns into the
    report table."""
    rows = []
    for problem in refusal.problems:
        if problem.row is None:
            form.add_error("file", problem.message)
        else:
            rows.append(problem)
    return rows


def import_page(request, template: str, context: dict, form, problems):
    """`template` with the upload `form` and at most SHOWN_PROBLEMS `problems` (the count
    says how many in all; `_import_problems.html` shows them); 400 when any."""
    context = {
        **context,
        "form": form,
        "problems": problems[:SHOWN_PROBLEMS],
        "problem_count": len(problems),
        "more_problems": max(0, len(problems) - SHOWN_PROBLEMS),
    }
    status = 400 if form.errors or problems else 200
    return render(request, template, context, status=status)
