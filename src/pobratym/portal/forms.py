"""The news form: a coordinator's post, added or corrected from the revision seen."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import (
    CheckedByServices,
    IdempotencyKeyField,
    RevisedForm,
    bounded_formfield,
)

from .models import NEWS_FIELDS, NewsPost


class NewsPostForm(CheckedByServices, forms.ModelForm):
    photo = forms.FileField(
        label=_("Photo"), required=False, help_text=_("A PNG or JPEG file; shown to everyone.")
    )

    class Meta:
        model = NewsPost
        fields = NEWS_FIELDS
        formfield_callback = bounded_formfield
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "posted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "body": _("Written for everyone: it is shown on the public portal."),
        }


class NewsPostCreateForm(NewsPostForm):
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posted_on"].initial = timezone.localdate
        self.fields["posted_on"].required = False


class NewsPostEditForm(RevisedForm, NewsPostForm):
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
