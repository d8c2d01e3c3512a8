"""What every form view shares, and the form fields that keep input within bounds."""

import contextlib
import uuid
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .errors import DomainError, Stale
from .inputs import ID_MAX, TEXT_MAX_LENGTH, parse_id


def form_data(request):
    """The submitted form data; an empty POST still binds the form, so it shows its errors."""
    return request.POST if request.method == "POST" else None


def form_files(request):
    """The uploaded files of a POST, to bind a form with a FileField alongside `form_data`."""
    return request.FILES if request.method == "POST" else None


def submit(request, form, action):
    """Run `action()` if the form was posted and is valid, and return its result; a broken
    business rule (DomainError) becomes an error on the form (`refuse`) and the result is None."""
    if request.method != "POST":
        return None
    if form.is_valid():
        try:
            return action()
        except DomainError as error:
            refuse(form, error)
    _as_stored(form)
    return None


def _as_stored(form) -> None:
    """A refused form shows again as typed, but the page around it (its heading, the record's
    facts) shows the record as stored: a ModelForm copies what was typed onto its instance."""
    instance = getattr(form, "instance", None)
    if instance is not None and instance.pk is not None:
        with contextlib.suppress(ObjectDoesNotExist):
            instance.refresh_from_db()


def refuse(form, error: DomainError) -> None:
    """Show a service's refusal at the field it names (when the form has that field), else
    above the form; the form keeps it, so `status_of` answers its status."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
    form.refusal = error
    if isinstance(error, Stale) and "revision" in form.fields:
        _shown_against(form, error)


def status_of(form) -> int:
    """The status of a page showing `form`: 409 when a conflict refused it (already done,
    decided or changed meanwhile), 400 for other errors, else 200, so clients and tests can
    tell."""
    if not form.errors:
        return 200
    refusal = getattr(form, "refusal", None)
    return refusal.status if refusal is not None else DomainError.status


# Edits from the revision a person saw (core.services.model_update, decision 0018).


class RevisionField(forms.IntegerField):
    """The hidden revision of the record an edit form was built on. A form that comes
    without one (a page from before this field existed) is saved unguarded."""

    def __init__(self) -> None:
        super().__init__(widget=forms.HiddenInput, required=False, min_value=1, max_value=ID_MAX)


class CheckedByServices:
    """Mixin of a ModelForm whose record the services check, each rule at the field it
    concerns: the form only parses its fields (no model validation, so no anonymous
    "constraint violated" error) and leaves the instance as stored, so a refused edit shows
    the record unchanged around the form."""

    def _post_clean(self) -> None:
        pass


class RevisedForm:
    """Mixin of every form that edits a `core.models.Revised` record: it carries the
    record's revision (from `instance`, or `initial["revision"]` for a form without one),
    which the view hands to the update service with the other cleaned fields."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"] = RevisionField()
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None:
            self.initial.setdefault("revision", instance.revision)


@dataclass(frozen=True)
class Difference:
    """A field someone else changed meanwhile: what the person typed, what is stored now."""

    label: str
    typed: str
    current: str


def _shown_against(form, error: Stale) -> None:
    """A stale edit is shown again as typed, with the fields that differ from the stored
    record (`form.changed_meanwhile`) and the current revision, so sending it again
    overwrites."""
    form.changed_meanwhile = differences(form, error.current, error.fields)
    form.data = form.data.copy()
    form.data[form.add_prefix("revision")] = error.current.revision


def differences(form, current, names) -> list[Difference]:
    """The fields among `names` where the form's cleaned value and `current`'s differ. A
    form whose fields are not the record's own (texts kept in other rows) says what is
    stored for them with `stored(current) -> {field name: value}`."""
    if hasattr(form, "stored"):
        values = form.stored(current)
        names = [name for name in form.fields if name in values]
    else:
        values = {name: getattr(current, name, None) for name in names}
    changes = []
    for name in names:
        if name not in form.fields or name not in form.cleaned_data:
            continue
        field = form.fields[name]
        typed, stored = form.cleaned_data[name], values[name]
        if _comparable(typed) != _comparable(stored):
            label = str(field.label or name).capitalize()
            if field.widget.attrs.get("lang"):
                label = f"{label} ({field.widget.attrs['lang']})"
            changes.append(Difference(label, _shown(field, typed), _shown(field, stored)))
    return changes


def _comparable(value):
    if value in (None, ""):
        return None
    if isinstance(value, models.Model):
        return (value._meta.label, value.pk)
    if isinstance(value, str):
        return value.strip()
    return value


def _shown(field, value) -> str:
    if value in (None, ""):
        return str(_("(empty)"))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        labels = {}
        for key, label in field.choices:
            labels.update(dict(label) if isinstance(label, list | tuple) else {key: label})
        return str(labels.get(value, value))
    return str(formats.localize(value))


# Bounded fields. Django's CharField already refuses NUL characters; a ModelForm's integer
# fields carry the database's range. What is left: lengths of text columns, plain ids, and
# choices of records by id.


def bounded_formfield(model_field, **options):
    """`Meta.formfield_callback` of every ModelForm: a text column holds any length, so its
    form field takes at most TEXT_MAX_LENGTH characters unless the model sets a length; a
    select's empty choice reads "Please choose" (or "Not specified"), never "---------"."""
    if isinstance(model_field, models.TextField) and model_field.max_length is None:
        options.setdefault("max_length", TEXT_MAX_LENGTH)
    field = model_field.formfield(**options)
    if field is not None:
        name_empty_choice(field)
    return field


DASHES = "---------"  # Django's empty choice
CHOOSE = _("Please choose")  # the empty choice of a select that needs an answer
NOT_SPECIFIED = _("Not specified")  # the empty choice of one that may stay empty


def name_empty_choice(field) -> None:
    """Words instead of Django's "---------" for the empty choice of a select."""
    label = CHOOSE if field.required else NOT_SPECIFIED
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DASHES:
            field.empty_label = label
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)
        if choices and choices[0] == ("", DASHES):
            field.choices = [("", label), *choices[1:]]


class IdempotencyKeyField(forms.UUIDField):
    """The hidden key of a creating form (core.idempotency), chosen when the form is first
    shown and kept when it is shown again with errors, so a form sent twice makes one record.
    A form that comes without one gets a fresh key: it is saved, just not guarded."""

    def __init__(self) -> None:
        super().__init__(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)

    def clean(self, value):
        return super().clean(value) or uuid.uuid4()


class IdField(forms.IntegerField):
    """A record id a form sends back (a hidden field): a whole number the database holds."""

    def __init__(self, **options) -> None:
        super().__init__(min_value=1, max_value=ID_MAX, **options)


class RecordsField(forms.ModelMultipleChoiceField):
    """Records chosen by id. An id beyond what the database holds is an invalid choice with
    Django's message; unchecked, SQLite fails on it in the query that checks the choices."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            for pk in value:
                if pk not in self.empty_values and parse_id(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super().clean(value)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Any number of files (scans, attachments); services check each one."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(FilesField, self).clean(item, initial) for item in files if item]
