"""What exchanges keep about a contact, for their data-protection requests (registered with
`directory.personal_data` in apps.py): the events they took part in, with a guardian's
consent for a minor, and the invitations they got with their replies. An erasure blanks the
guardian's name (also in the change history) and makes the reply link useless; the rows
stay, so the counts of participants and replies stay."""

from django.utils import formats
from django.utils.translation import gettext as _

from pobratym.core.tokens import new_token
from pobratym.translation.selectors import reader_translations, shown

from .models import Invitation, Participant


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _participations(contact):
    return (
        Participant.objects.filter(contact=contact)
        .select_related("event")
        .prefetch_related(reader_translations("event"))
        .order_by("pk")
    )


def _invitations(contact):
    return (
        Invitation.objects.filter(contact=contact)
        .select_related("event")
        .prefetch_related(reader_translations("event"))
        .order_by("pk")
    )


def export(contact) -> dict:
    return {
        "participations": [
            {
                "event": participant.event.title,
                "starts_at": participant.event.starts_at.isoformat(),
                "role": participant.role,
                "arrives_on": _day(participant.arrives_on),
                "departs_on": _day(participant.departs_on),
                "minor": participant.minor,
                "guardian_consent": {
                    "guardian": participant.guardian_name,
                    "given_on": _day(participant.guardian_consent_on),
                    "how": participant.guardian_consent_method,
                }
                if participant.minor
                else None,
            }
            for participant in _participations(contact)
        ],
        "invitations": [
            {
                "event": invitation.event.title,
                "language": invitation.language,
                "sent_at": invitation.sent_at.isoformat() if invitation.sent_at else None,
                "reply": invitation.reply or None,
                "replied_at": invitation.replied_at.isoformat() if invitation.replied_at else None,
            }
            for invitation in _invitations(contact)
        ],
    }


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def describe(contact) -> list[tuple[str, list[str]]]:
    """The readable copy's sections, in the active language."""
    sections = []
    participations = [
        _("%(event)s (%(day)s): %(role)s")
        % {
            "event": shown(participant.event, "title").text,
            "day": _date(participant.event.starts_at.date()),
            "role": participant.get_role_display(),
        }
        + (
            " · "
            + _("guardian's consent: %(guardian)s, %(day)s, %(how)s")
            % {
                "guardian": participant.guardian_name or "—",
                "day": _date(participant.guardian_consent_on),
                "how": participant.get_guardian_consent_method_display(),
            }
            if participant.minor
            else ""
        )
        for participant in _participations(contact)
    ]
    if participations:
        sections.append((_("Events taken part in"), participations))
    invitations = [
        _("%(event)s: invited on %(day)s, reply: %(reply)s")
        % {
            "event": shown(invitation.event, "title").text,
            "day": _date(invitation.created_at.date()),
            "reply": invitation.get_reply_display() if invitation.reply else _("none yet"),
        }
        for invitation in _invitations(contact)
    ]
    if invitations:
        sections.append((_("Invitations to events"), invitations))
    return sections


def erase(contact, by) -> None:
    participants = Participant.objects.filter(contact=contact)
    Participant.history.model.objects.filter(contact_id=contact.pk).update(guardian_name="")
    for participant in participants.exclude(guardian_name=""):
        participant.guardian_name = ""
        participant._history_user = by
        participant._change_reason = "anonymised"
        participant.save(update_fields=["guardian_name", "updated_at"])
    for invitation in Invitation.objects.filter(contact=contact):
        invitation.token_hash = new_token()[1]
        invitation.save(update_fields=["token_hash", "updated_at"])
