"""Forms of the partnerships app; they validate input, services make the change."""

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pobratym.accounts.models import User
from pobratym.core.forms import IdempotencyKeyField, RevisedForm, bounded_formfield

from .models import (
    FOCUS_AREA_FIELDS,
    PARTNERSHIP_FIELDS,
    ApiTokenScope,
    FocusArea,
    Partnership,
    Role,
    Side,
)


class PartnershipForm(RevisedForm, forms.ModelForm):
    """A partnership's name, kind, status and dates, edited from the revision shown."""

    class Meta:
        model = Partnership
        formfield_callback = bounded_formfield
        fields = PARTNERSHIP_FIELDS
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    side = forms.ModelChoiceField(label=_("Side"), queryset=Side.objects.none(), empty_label=None)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args, sides, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].queryset = sides


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class NewAccountForm(forms.Form):
    """The first-time invitee chooses their name, password and language."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password_again = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        elif data.get("password"):
            try:
                # With the person, so a password like their address or name is refused.
                person = User(email=self.email, name=data.get("name", ""))
                validate_password(data["password"], user=person)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class FocusAreaForm(forms.ModelForm):
    class Meta:
        model = FocusArea
        fields = FOCUS_AREA_FIELDS


class ApiTokenForm(forms.Form):
    """A new personal API token: its name, what it may do, and where."""

    idempotency_key = IdempotencyKeyField()
    name = forms.CharField(
        label=pgettext_lazy("api token", "Name"),
        max_length=100,
        help_text=_("What it is for, so you recognise it later: “Monthly report script”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=ApiTokenScope.choices,
        initial=ApiTokenScope.READ,
        widget=forms.RadioSelect,
    )
    partnership = forms.ModelChoiceField(
        label=_("Partnership"),
        queryset=Partnership.objects.none(),
        required=False,
        empty_label=_("All my partnerships"),
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
