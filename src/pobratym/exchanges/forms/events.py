"""Forms of the event pages: the list's filters, an event, an agenda item, a follow-up task
and a photo. Times are typed as the event's wall-clock times, in its time zone."""

from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from pobratym.core.forms import IdempotencyKeyField, RevisedForm, bounded_formfield

from ..models import AgendaItem, Event, EventKind, EventPhoto, FollowUp
from ..selectors import PAST, UPCOMING
from ..services import EVENT_FIELDS

ALL = ("", _("all"))
WALL_CLOCK_FORMAT = "%Y-%m-%dT%H:%M"


class WallClockField(forms.DateTimeField):
    """A date and time as read on the event's clock: kept without a zone, for the service to
    read in the event's time zone rather than the server's."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=WALL_CLOCK_FORMAT)

    def to_python(self, value):
        result = super().to_python(value)
        return timezone.make_naive(result) if result and timezone.is_aware(result) else result

    def prepare_value(self, value):
        return value


def wall_clock(value, time_zone: str):
    """A stored time as the event's clock shows it, for a form's initial value."""
    if value is None:
        return None
    return timezone.localtime(value, ZoneInfo(time_zone)).replace(tzinfo=None)


def _area_choices(partnership):
    return [ALL, *((area.pk, area.name) for area in partnership.focus_areas.order_by("position"))]


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[(UPCOMING, _("upcoming")), (PAST, _("past"))],
    )
    kind = forms.ChoiceField(
        label=capfirst(_("kind")), required=False, choices=[ALL, *EventKind.choices]
    )
    focus_area = forms.TypedChoiceField(label=capfirst(_("focus area")), required=False, coerce=int)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_area"].choices = _area_choices(partnership)


class EventForm(forms.ModelForm):
    """What an event is; the services check each rule again at its field."""

    starts_at = WallClockField(
        label=capfirst(_("starts")), help_text=_("Date and time in the event's time zone.")
    )
    ends_at = WallClockField(
        label=capfirst(_("ends")), help_text=_("Date and time in the event's time zone.")
    )

    class Meta:
        model = Event
        fields = EVENT_FIELDS
        formfield_callback = bounded_formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        sides = partnership.sides.select_related("city").order_by("position")
        for name in ("host_side", "visiting_side"):
            self.fields[name].queryset = sides
            self.fields[name].label_from_instance = lambda side: side.city.name
        self.fields["focus_area"].queryset = partnership.focus_areas.order_by("position")
        if self.instance.pk:
            for name in ("starts_at", "ends_at"):
                self.initial[name] = wall_clock(
                    getattr(self.instance, name), self.instance.time_zone
                )

    def _post_clean(self):
        """The service checks the event, each rule at its field, and sets the instance:
        a refused edit leaves the record as stored."""


class EventCreateForm(EventForm):
    idempotency_key = IdempotencyKeyField()


class EventEditForm(RevisedForm, EventForm):
    """An event corrected from the revision shown (core.forms.RevisedForm)."""


class AgendaItemForm(forms.ModelForm):
    starts_at = WallClockField(
        label=capfirst(_("time")),
        required=False,
        help_text=_("Optional; in the event's time zone, while the event lasts."),
    )

    class Meta:
        model = AgendaItem
        fields = ("title", "starts_at")
        formfield_callback = bounded_formfield


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ("title", "owner", "due_on")
        formfield_callback = bounded_formfield
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members
        self.fields["owner"].label_from_instance = lambda user: user.name or user.email


class EventPhotoForm(forms.ModelForm):
    image = forms.FileField(label=capfirst(_("photo")), help_text=_("A PNG or JPEG file."))

    class Meta:
        model = EventPhoto
        fields = ("image", "caption", "shows_minors")
        formfield_callback = bounded_formfield
