"""A donor or carrier on a form: chosen among the directory's organisations, or named anew
(the service finds it by name or adds it to the directory, decision 0019)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import CHOOSE, NOT_SPECIFIED
from pobratym.directory.models import NAME_MAX_LENGTH, OrganisationKind
from pobratym.translation.selectors import shown, with_translations


class OrganisationField(forms.ModelChoiceField):
    """An organisation, by its name in the reader's language."""

    def label_from_instance(self, organisation) -> str:
        return shown(organisation, "name").text


def add_organisation_fields(form, field: str, organisations, *, required: bool, labels) -> None:
    """Add `field` (a choice of `organisations`), `<field>_name` and `<field>_kind` (a new
    one's name and type) to `form`. `labels`: (choice, new name, help text of the name)."""
    choice, new_name, help_text = labels
    form.fields[field] = OrganisationField(
        queryset=with_translations(organisations),
        required=False,
        label=choice,
        empty_label=CHOOSE if required else NOT_SPECIFIED,
    )
    form.fields[f"{field}_name"] = forms.CharField(
        label=new_name, required=False, max_length=NAME_MAX_LENGTH, help_text=help_text
    )
    form.fields[f"{field}_kind"] = forms.ChoiceField(
        label=_("Type of the new organisation"),
        required=False,
        choices=[("", NOT_SPECIFIED), *OrganisationKind.choices],
        help_text=_("Needed only when it is not in the directory yet."),
    )


def clean_organisation(form, field: str, *, required: bool, missing) -> None:
    """One of the two ways, not both; `missing` is the error when `required` and neither."""
    data = form.cleaned_data
    chosen, name = data.get(field), (data.get(f"{field}_name") or "").strip()
    if chosen is not None and name:
        form.add_error(
            f"{field}_name", _("Choose one from the list or enter a new name, not both.")
        )
    elif required and chosen is None and not name and field not in form.errors:
        form.add_error(field, missing)


def kind_label(kind: str) -> str:
    return capfirst(OrganisationKind(kind).label) if kind in OrganisationKind.values else ""
