"""Forms of a project's parts beyond the plan: an organisation in a role, links to the aid
needs, shipments and events that carry it, an update with photos, a document. The services
check each rule again at its field."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import FilesField, IdempotencyKeyField, bounded_formfield
from pobratym.core.inputs import TEXT_MAX_LENGTH
from pobratym.translation.selectors import shown

from ..models import OrganisationRole, ProjectDocument
from ..selectors.parts import linkable, organisation_choices
from .projects import date_input


def _named(record) -> str:
    return shown(record, "title").text


class ProjectOrganisationForm(forms.Form):
    """An organisation of either city of the partnership, in one role."""

    idempotency_key = IdempotencyKeyField()
    organisation = forms.ModelChoiceField(
        label=capfirst(_("organisation")), queryset=None, empty_label=_("Please choose")
    )
    role = forms.ChoiceField(
        label=capfirst(_("role")), choices=[("", _("Please choose")), *OrganisationRole.choices]
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisation_choices(project)
        field.label_from_instance = lambda organisation: (
            f"{shown(organisation, 'name').text} ({organisation.side.city.name})"
        )


class ProjectLinkForm(forms.Form):
    """Aid needs, shipments and events of the partnership that carry the project; choose one
    or more of the three."""

    need = forms.ModelChoiceField(
        label=_("Aid need"), queryset=None, required=False, empty_label=_("Not specified")
    )
    shipment = forms.ModelChoiceField(
        label=_("Shipment"), queryset=None, required=False, empty_label=_("Not specified")
    )
    event = forms.ModelChoiceField(
        label=_("Event"), queryset=None, required=False, empty_label=_("Not specified")
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        choices = linkable(project)
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset
        self.fields["need"].label_from_instance = _named
        self.fields["shipment"].label_from_instance = lambda shipment: (
            f"{shipment} ({shown(shipment, 'route').text})"
        )
        self.fields["event"].label_from_instance = _named


class ProjectUnlinkForm(forms.Form):
    """Which linked record to unlink: one of the three, sent by its button."""

    need = forms.ModelChoiceField(queryset=None, required=False)
    shipment = forms.ModelChoiceField(queryset=None, required=False)
    event = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = project.needs.all()
        self.fields["shipment"].queryset = project.shipments.all()
        self.fields["event"].queryset = project.events.all()


class UpdateForm(forms.Form):
    idempotency_key = IdempotencyKeyField()
    posted_on = forms.DateField(label=_("Date"), widget=date_input(), initial=timezone.localdate)
    body = forms.CharField(
        label=_("What happened"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    photos = FilesField(
        label=_("Photos"), required=False, help_text=_("PNG or JPEG, up to ten at once.")
    )


class DocumentForm(forms.ModelForm):
    idempotency_key = IdempotencyKeyField()

    class Meta:
        model = ProjectDocument
        fields = ("title", "file")
        formfield_callback = bounded_formfield
        help_texts = {
            "file": _(
                "PDF, an office document (DOCX, XLSX, PPTX, ODT, ODS, ODP), PNG or JPEG; "
                "without macros or scripts."
            )
        }

    def _post_clean(self) -> None:
        """The services check the file (core.office_files); the form only parses it."""
