"""The pages of every import: an upload form, and the problems of a refused file.

A view hands `import_view` how to import an upload, what to say and where to go once done:

    return import_view(
        request, "app/import.html", {"partnership": partnership},
        run=lambda upload: thing_import(partnership=partnership, by=request.user, upload=upload),
        done=lambda result: redirect("app:thing_list", slug=partnership.slug),
        message=imported_message,
    )
"""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import form_data, form_files

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


def import_view(
    request, template: str, context: dict, run: Callable, done: Callable, message: Callable
):
    """An import page: GET shows the upload form; POST runs `run(upload)` (which imports all or
    raises Refused) and, once it is done, shows `message(result)` and answers `done(result)`
    (a redirect), else the page again with every problem."""
    form = SpreadsheetUploadForm(form_data(request), form_files(request))
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data["file"])
        except Refused as refused:
            problems = report(form, refused)
        else:
            messages.success(request, message(result))
            return done(result)
    return import_page(request, template, context, form, problems)
