"""The one page to translate or correct any translatable record by hand, and to correct its
original language; it returns to the record's page."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from pobratym.core.errors import DomainError
from pobratym.core.forms import form_data, status_of, submit

from . import services
from .forms import LanguageForm, TranslationForm
from .models import Translatable
from .selectors import translations_of


def _record(request, label: str, pk: int) -> Translatable:
    """The record, if the person may translate it; 404 otherwise, so an address tells
    nobody that a record exists (decision 0002)."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise Http404 from error
    if not issubclass(model, Translatable) or not model.translate_permission:
        raise Http404
    record = model._default_manager.filter(pk=pk).first()
    if record is None or not request.user.has_perm(model.translate_permission, record):
        raise Http404
    return record


def _back(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_required
@require_http_methods(["GET", "POST"])
def translation_edit(request, label: str, pk: int):
    record = _record(request, label, pk)
    if request.method == "POST" and "language" in request.POST:
        return _language_set(request, record)
    language = get_language()[:2]
    records = [record, *record.translation_parts()]
    current = {
        (label, pk, field): translation
        for (label, pk, field, _language), translation in translations_of(records, language).items()
    }
    form = TranslationForm(form_data(request), records=records, current=current)

    @transaction.atomic
    def save():
        for part, field, text, revision in form.changes():
            services.translation_save(
                record=part,
                field=field,
                language=language,
                text=text,
                by=request.user,
                revision=revision,
            )
        return True

    if submit(request, form, save):
        messages.success(request, _("The translation was saved."))
        return redirect(_back(request))
    context = {
        "record": record,
        "form": form,
        "boxes": _boxes(form, record),
        "language_form": LanguageForm(initial={"language": record.language}),
        "same_language": record.language == language,
        "next": _back(request),
    }
    return render(request, "translation/edit.html", context, status=status_of(form))


def _boxes(form, record) -> list:
    """(record or part, a heading where a part begins, the form field) for the template."""
    boxes = []
    numbers = {}
    for part, _name, key in form.boxes:
        heading = None
        if part is not record and (type(part), part.pk) not in numbers:
            numbers[type(part), part.pk] = len(numbers) + 1
            label = capfirst(part._meta.verbose_name)
            heading = f"{label} {numbers[type(part), part.pk]}"
        boxes.append((part, heading, form[key]))
    return boxes


def _language_set(request, record):
    form = LanguageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This language is not offered."))
    else:
        try:
            services.language_set(
                record=record, by=request.user, language=form.cleaned_data["language"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The original language was corrected."))
    return redirect(_back(request))
