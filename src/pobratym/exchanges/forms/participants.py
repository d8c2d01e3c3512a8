"""Forms of an event's people: a participant (with the guardian's consent for a minor) and
the contacts to invite."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import (
    CheckedByServices,
    IdempotencyKeyField,
    RecordsField,
    bounded_formfield,
)

from ..models import Participant
from ..services.participants import PARTICIPANT_FIELDS


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactChoiceField(forms.ModelChoiceField):
    """A contact named with their organisation, so two people of one name can be told apart."""

    def label_from_instance(self, contact):
        return f"{contact.name} ({contact.organisation.name})"


class ParticipantForm(CheckedByServices, forms.ModelForm):
    """The services check a participant, each rule at its field (the guardian's consent
    included), so the form only parses."""

    contact = ContactChoiceField(label=capfirst(_("person")), queryset=None)
    idempotency_key = IdempotencyKeyField()

    class Meta:
        model = Participant
        fields = ("contact", *PARTICIPANT_FIELDS)
        formfield_callback = bounded_formfield
        widgets = {
            "arrives_on": date_input(),
            "departs_on": date_input(),
            "guardian_consent_on": date_input(),
        }
        help_texts = {
            "minor": _(
                "A person under 18 on the event's first day takes part only with the consent "
                "of a parent or legal guardian: record who gave it, when and how."
            ),
            "guardian_name": _("The parent or legal guardian who gave the consent."),
        }

    def __init__(self, *args, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts
        self.fields["contact"].help_text = _(
            "People of the partnership's directory; add someone new there first."
        )


class ContactsChoiceField(RecordsField):
    def label_from_instance(self, contact):
        return f"{contact.name} ({contact.organisation.name}, {contact.email})"


class InvitationForm(forms.Form):
    contacts = ContactsChoiceField(
        label=_("People to invite"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each gets an e-mail in their language with a link to answer yes, no or maybe. "
            "People invited before get no second e-mail."
        ),
    )
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = contacts
