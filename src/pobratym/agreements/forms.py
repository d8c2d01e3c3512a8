"""Forms of the agreements app; they check input, services make the change."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import FilesField, IdempotencyKeyField, RevisedForm, bounded_formfield
from pobratym.core.inputs import TEXT_MAX_LENGTH
from pobratym.translation.selectors import shown

from .models import TERMS, Agreement, ApprovalMethod, Letter, LetterDirection
from .selectors.agreements import heading_of

# The text of an agreement or amendment in one language: some sixty pages.
BODY_MAX_LENGTH = 200_000

# agreements


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TextsForm(forms.Form):
    """A title and a text in each language; `texts()` gives them as the services take them."""

    text_help = _("Leave both empty if there is no text in this language.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title"),
                required=False,
                max_length=300,
                widget=forms.TextInput(attrs={"lang": code}),
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text"),
                required=False,
                strip=False,
                max_length=BODY_MAX_LENGTH,
                widget=forms.Textarea(attrs={"lang": code, "rows": 10}),
            )

    def texts(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            code: (data.get(f"title_{code}", ""), data.get(f"body_{code}", ""))
            for code, _name in settings.LANGUAGES
        }

    def language_fieldsets(self) -> list[tuple[str, str, list]]:
        """(language code, language name, [title field, body field]) for the template."""
        return [
            (code, name, [self[f"title_{code}"], self[f"body_{code}"]])
            for code, name in settings.LANGUAGES
        ]

    @staticmethod
    def initial_from(texts) -> dict:
        initial = {}
        for text in texts:
            initial[f"title_{text.language}"] = text.title
            initial[f"body_{text.language}"] = text.body
        return initial

    def other_fields(self) -> list:
        return [field for field in self if not field.name.startswith(("title_", "body_"))]


class TermsForm(forms.ModelForm):
    """Kind, title and terms of an agreement; services check them again."""

    class Meta:
        model = Agreement
        fields = ["kind", "title", *TERMS]
        formfield_callback = bounded_formfield
        widgets = {
            "term_end": _date_input(),
            "effective_from": _date_input(),
            "due_on": _date_input(),
            "notice_rules": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authoritative_language"].choices = [
            ("", _("All language versions are equally authoritative")),
            *settings.LANGUAGES,
        ]


class AgreementCreateForm(TermsForm, TextsForm):
    """A new agreement: its terms and the text of its first version."""

    idempotency_key = IdempotencyKeyField()


class TermsEditForm(RevisedForm, TermsForm):
    """The terms corrected from the revision shown (core.forms.RevisedForm)."""


class VersionForm(RevisedForm, TextsForm):
    """A draft's texts and note, edited from the revision shown (`initial["revision"]`)."""

    note = forms.CharField(label=_("Note on this version"), required=False, max_length=300)

    def stored(self, version) -> dict:
        """What the draft holds now, to show beside what was typed when it changed."""
        return self.initial_from(version.texts.all()) | {"note": version.note}


class SuccessorForm(TextsForm):
    idempotency_key = IdempotencyKeyField()
    title = forms.CharField(label=_("Title of the twinning agreement"), max_length=300)
    due_on = forms.DateField(
        label=_("To be concluded by"),
        required=False,
        widget=_date_input(),
        help_text=_("A milestone shown on the dashboard until the agreement is in force."),
    )


class SignatureForm(forms.Form):
    """A signatory records their side's signature under the version they read."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    signed_on = forms.DateField(label=_("Date of signature"), widget=_date_input())
    place = forms.CharField(label=_("Place"), max_length=200)
    signer_name = forms.CharField(label=_("Signed by (name)"), max_length=200)
    signer_title = forms.CharField(label=_("Title or office"), max_length=200)
    scan = forms.FileField(
        label=_("Scan of the signed agreement"),
        required=False,
        help_text=_("PDF, PNG or JPEG."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("signed_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class AmendmentForm(TextsForm):
    """The text of an amendment in each language."""


class ApprovalForm(forms.Form):
    """A signatory approves an amendment for their side: here and now, or by recording the
    signed approval letter."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    method = forms.ChoiceField(
        label=_("Form of approval"),
        choices=ApprovalMethod.choices,
        widget=forms.RadioSelect,
        initial=ApprovalMethod.PLATFORM,
    )
    approved_on = forms.DateField(
        label=_("Date of the written approval"),
        required=False,
        widget=_date_input(),
        help_text=_("Only for an approval in writing."),
    )
    scan = forms.FileField(
        label=_("Scan of the written approval"),
        required=False,
        help_text=_("Only for an approval in writing: PDF, PNG or JPEG."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoticeForm(forms.Form):
    """A signatory records their side's written notice of termination."""

    letter_date = forms.DateField(label=_("Date of the letter"), widget=_date_input())
    effective_on = forms.DateField(label=_("Ends on"), widget=_date_input())
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    scan = forms.FileField(
        label=_("Scan of the letter"), required=False, help_text=_("PDF, PNG or JPEG.")
    )


# letters


class LetterForm(forms.ModelForm):
    """A letter as its office registered it; links offer only this partnership's records."""

    class Meta:
        model = Letter
        formfield_callback = bounded_formfield
        fields = [
            "direction",
            "registration_number",
            "registered_at",
            "file_index",
            "sender",
            "addressee",
            "subject",
            "letter_language",
            "summary",
            "in_reply_to",
            "agreement",
            "amendment",
            "notice",
        ]
        widgets = {
            "direction": forms.RadioSelect,
            "registered_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "registration_number": _("As your office wrote it, e.g. 31/1915."),
            "registered_at": _("Date and time of registration, in your time zone."),
            "file_index": _("The index of the file it is kept in, e.g. 0.01-30."),
        }

    def __init__(self, *args, links, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["direction"].choices = LetterDirection.choices  # no empty radio button
        self.fields["in_reply_to"].queryset = links.letters.exclude(pk=self.instance.pk)
        self.fields["in_reply_to"].label_from_instance = _letter_label
        self.fields["agreement"].queryset = links.agreements
        self.fields["agreement"].label_from_instance = heading_of
        self.fields["amendment"].queryset = links.amendments
        self.fields["amendment"].label_from_instance = _part_label
        self.fields["notice"].queryset = links.notices
        self.fields["notice"].label_from_instance = _part_label


def _part_label(item) -> str:
    return f"{heading_of(item.agreement)} – {item}"


def _letter_label(letter) -> str:
    subject = shown(letter, "subject").text
    return f"{letter.registration_number} ({letter.side.city.name}) – {subject}"


class LetterEditForm(RevisedForm, LetterForm):
    """A letter corrected from the revision shown (core.forms.RevisedForm)."""


class LetterCreateForm(LetterForm):
    scans = FilesField(label=_("Scans"), required=False, help_text=_("PDF, PNG or JPEG."))


class ScanForm(forms.Form):
    scan = forms.FileField(label=_("Scan"), help_text=_("PDF, PNG or JPEG."))


class LetterSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words"),
        required=False,
        max_length=300,
        help_text=_(
            "Found in the number, file index, sender, addressee and subject, in any language."
        ),
    )
    number = forms.CharField(label=_("Registration number"), required=False, max_length=60)
    date_from = forms.DateField(label=_("Registered from"), required=False, widget=_date_input())
    date_to = forms.DateField(label=_("Registered until"), required=False, widget=_date_input())
    correspondent = forms.CharField(label=_("Sender or addressee"), required=False, max_length=300)
    subject = forms.CharField(
        label=_("Words in the subject"),
        required=False,
        max_length=300,
        help_text=_("Letters whose subject contains every word."),
    )
    direction = forms.ChoiceField(
        label=_("Direction"),
        required=False,
        choices=[("", _("Incoming and outgoing")), *LetterDirection.choices],
    )
    side = forms.ModelChoiceField(
        label=_("Register of"), required=False, queryset=None, empty_label=_("Both sides")
    )

    def __init__(self, *args, sides, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].queryset = sides
        self.fields["side"].label_from_instance = lambda side: side.city.name
