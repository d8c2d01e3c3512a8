"""Forms of the directory pages: the lists' filters, an organisation, a contact, a merge of
two contacts."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core.formatting import day
from pobratym.core.forms import (
    IdempotencyKeyField,
    RecordsField,
    RevisedForm,
    RevisionField,
    bounded_formfield,
)

from .merging import KEEP, MERGED_FIELDS, TAKE
from .models import Contact, Organisation, OrganisationKind, SpokenLanguage
from .services import CONTACT_FIELDS, ORGANISATION_FIELDS

ALL = ("", _("all"))


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _sides(partnership) -> list[tuple]:
    return [ALL, *((side.pk, side.city.name) for side in partnership.sides.select_related("city"))]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=200,
        help_text=_("Found in the name and description, in any language."),
    )
    kind = forms.ChoiceField(
        label=capfirst(_("type")), required=False, choices=[ALL, *OrganisationKind.choices]
    )
    side = forms.TypedChoiceField(label=capfirst(_("city")), required=False, coerce=int)
    focus_area = forms.TypedChoiceField(label=capfirst(_("focus area")), required=False, coerce=int)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].choices = _sides(partnership)
        self.fields["focus_area"].choices = [
            ALL,
            *((area.pk, area.name) for area in partnership.focus_areas.order_by("position")),
        ]


class OrganisationForm(forms.ModelForm):
    """What an organisation says about itself; the services check it again."""

    focus_areas = RecordsField(
        label=capfirst(_("focus areas")),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(
        label=capfirst(_("website")), required=False, max_length=200, assume_scheme="https"
    )
    logo = forms.FileField(
        label=capfirst(_("logo")), required=False, help_text=_("A PNG or JPEG file.")
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        formfield_callback = bounded_formfield
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_areas"].queryset = partnership.focus_areas.order_by("position")
        if self.instance.pk:
            self.initial["focus_areas"] = list(self.instance.focus_areas.all())


class OrganisationCreateForm(OrganisationForm):
    idempotency_key = IdempotencyKeyField()


class OrganisationEditForm(RevisedForm, OrganisationForm):
    """An organisation corrected from the revision shown (core.forms.RevisedForm)."""

    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)


class ContactFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=200,
        help_text=_("Found in the name, function and e-mail address."),
    )
    side = forms.TypedChoiceField(label=capfirst(_("city")), required=False, coerce=int)
    language = forms.ChoiceField(
        label=capfirst(_("languages spoken")),
        required=False,
        choices=[ALL, *SpokenLanguage.choices],
    )
    past_retention = forms.BooleanField(
        label=_("Only those past their keep-until date"), required=False
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].choices = _sides(partnership)


class ContactForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=capfirst(_("languages spoken")),
        choices=SpokenLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Contact
        fields = ("organisation", *CONTACT_FIELDS)
        formfield_callback = bounded_formfield
        widgets = {
            "consent_on": date_input(),
            "retain_until": date_input(),
            "consent_purpose": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for name in ("name", "consent_on", "consent_purpose", "retain_until"):
            self.fields[name].required = True


class ContactCreateForm(ContactForm):
    idempotency_key = IdempotencyKeyField()


class ContactEditForm(RevisedForm, ContactForm):
    """A contact corrected from the revision shown (core.forms.RevisedForm)."""


class ContactMergeForm(forms.Form):
    """For each field where two contacts differ, whose value stays; and the revisions of
    both as the person saw them (decision 0018)."""

    revision = RevisionField()
    other_revision = RevisionField()

    def __init__(self, *args, contact, other, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("revision", contact.revision)
        self.initial.setdefault("other_revision", other.revision)
        self.same = []
        for name in MERGED_FIELDS:
            label = capfirst(Contact._meta.get_field(name).verbose_name)
            kept, taken = shown_value(contact, name), shown_value(other, name)
            if kept == taken:
                self.same.append((label, kept))
                continue
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=[(KEEP, kept), (TAKE, taken)],
                widget=forms.RadioSelect,
                initial=TAKE if kept == EMPTY and taken != EMPTY else KEEP,
            )

    def choices(self) -> dict:
        return {name: self.cleaned_data[name] for name in MERGED_FIELDS if name in self.fields}


EMPTY = _("(empty)")


def shown_value(contact: Contact, name: str) -> str:
    """A contact's field as the merge page shows it, to compare and to choose."""
    value = getattr(contact, name)
    if name == "languages":
        value = ", ".join(contact.languages_display())
    elif name == "consent_method":
        value = contact.get_consent_method_display()
    elif name == "organisation":
        value = f"{value.name} ({value.side.city.name})"
    elif value is not None and not isinstance(value, str):
        value = day(value)
    return str(value or EMPTY)


class MergeSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find the other contact"),
        required=False,
        max_length=200,
        help_text=_(
            "Found in the name, function and e-mail address, among the contacts of your city."
        ),
    )
