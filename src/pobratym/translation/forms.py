"""The form to translate or correct a record by hand: one text box per translatable field of
the record and of its parts (a need's item lines)."""

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core.inputs import TEXT_MAX_LENGTH


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Original language"), choices=settings.LANGUAGES)


class TranslationForm(forms.Form):
    """`<n>-<field>` holds the translation of a field of the record (n=0) or its n-th part,
    `<n>-<field>-revision` the revision the person saw, so a second editor is told instead
    of overwriting."""

    def __init__(self, *args, records, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.boxes = []
        for number, record in enumerate(records):
            for name in record.translatable_fields:
                if not record.original(name).strip():
                    continue
                model_field = record._meta.get_field(name)
                limit = model_field.max_length or TEXT_MAX_LENGTH
                translation = current.get((record._meta.label, record.pk, name))
                key = f"{number}-{name}"
                self.fields[key] = forms.CharField(
                    label=capfirst(model_field.verbose_name),
                    required=False,
                    max_length=limit,
                    widget=forms.Textarea(attrs={"rows": 3}) if limit > 300 else forms.TextInput,
                    initial=translation.text if translation else "",
                )
                self.fields[f"{key}-revision"] = forms.IntegerField(
                    required=False,
                    min_value=1,
                    widget=forms.HiddenInput,
                    initial=translation.revision if translation else None,
                )
                self.boxes.append((record, name, key))

    def changes(self):
        """(record, field, text, revision seen) for each field whose text changed."""
        for record, name, key in self.boxes:
            if key in self.changed_data:
                yield record, name, self.cleaned_data[key], self.cleaned_data[f"{key}-revision"]
