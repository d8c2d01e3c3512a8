"""Forms of a person's own account that differ from allauth's."""

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.utils import filter_users_by_email
from django import forms
from django.utils.translation import gettext_lazy as _


class AddEmailForm(AllauthAddEmailForm):
    """allauth's, but an address of another person's account is refused with a message:
    only signed-in members see this form, so it reveals nothing to strangers."""

    def clean_email(self) -> str:
        email = super().clean_email()
        if any(user.pk != self.user.pk for user in filter_users_by_email(email)):
            raise forms.ValidationError(
                _("This e-mail address belongs to another account."), code="email_taken"
            )
        return email
