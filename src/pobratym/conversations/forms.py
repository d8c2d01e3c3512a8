"""Forms of the conversation pages; they check input, services make the change."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import FilesField, IdempotencyKeyField, RecordsField
from pobratym.core.inputs import ID_MAX

from .models import EmailNotification, NotificationSetting

ATTACHMENT_HELP = _("PDF, PNG or JPEG; you can choose several files.")


class AttachmentsField(FilesField):
    """Any number of files; the service checks each one by its content."""


class MessageForm(forms.Form):
    """A reply; the hidden key, chosen when the page was shown, makes a resent form post once."""

    body = forms.CharField(
        label=_("Your message"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("You can format with Markdown: **bold**, *italic*, lists, links."),
    )
    attachments = AttachmentsField(
        label=_("Attachments"), required=False, help_text=ATTACHMENT_HELP
    )
    idempotency_key = IdempotencyKeyField()


class ThreadForm(MessageForm):
    subject = forms.CharField(label=_("Subject"), max_length=300)
    participants = RecordsField(
        label=_("People taking part"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("You take part in every thread you start."),
    )
    restricted = forms.BooleanField(
        label=_("Only for the people taking part"),
        required=False,
        help_text=_("Other members of the partnership do not see this thread."),
    )
    about = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    field_order = ["subject", "body", "participants", "restricted", "attachments"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("First message")
        self.fields["participants"].queryset = members
        self.fields["participants"].label_from_instance = lambda person: str(person)


class TranslationForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES, widget=forms.HiddenInput)
    revision = forms.IntegerField(min_value=0, max_value=ID_MAX, widget=forms.HiddenInput)
    text = forms.CharField(label=_("Translation"), strip=False, widget=forms.Textarea)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Original language"), choices=settings.LANGUAGES)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the messages"), required=False, max_length=200)


class NotificationSettingForm(forms.ModelForm):
    class Meta:
        model = NotificationSetting
        fields = ["email"]
        widgets = {"email": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].choices = EmailNotification.choices
