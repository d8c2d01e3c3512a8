"""Every exchanges page's address, in one list."""

from django.urls import path

from .views import calendar, events, feeds, invitations, participants

app_name = "exchanges"

events_path = "partnerships/<slug:slug>/events/"
event = f"{events_path}<id:event_id>/"
calendar_path = "partnerships/<slug:slug>/calendar/"

urlpatterns = [
    path(events_path, events.event_list, name="event_list"),
    path(f"{events_path}new/", events.event_create, name="event_create"),
    path(event, events.event_detail, name="event_detail"),
    path(f"{event}edit/", events.event_edit, name="event_edit"),
    path(f"{event}agenda/", events.agenda_item_add, name="agenda_item_add"),
    path(
        f"{event}agenda/<id:agenda_item_id>/remove/",
        events.agenda_item_remove,
        name="agenda_item_remove",
    ),
    path(
        f"{event}agenda/<id:agenda_item_id>/move/", events.agenda_item_move, name="agenda_item_move"
    ),
    path(f"{event}follow-ups/", events.follow_up_add, name="follow_up_add"),
    path(
        f"{event}follow-ups/<id:follow_up_id>/done/", events.follow_up_done, name="follow_up_done"
    ),
    path(f"{event}photos/", events.event_photo_add, name="event_photo_add"),
    path(f"{event}photos/<id:event_photo_id>/", events.event_photo, name="event_photo"),
    path(calendar_path, calendar.calendar_month, name="calendar_month"),
    path(f"{calendar_path}upcoming/", calendar.calendar_upcoming, name="calendar_upcoming"),
    path("calendar/feeds/", feeds.calendar_feeds, name="calendar_feeds"),
    path("calendar/feeds/new/", feeds.calendar_feed_new, name="calendar_feed_new"),
    path(
        "calendar/feeds/<id:feed_id>/revoke/",
        feeds.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
]

# An event's people: participants (add, remove, import, export) and invitations; the reply
# page of an invitation opens by the secret of its e-mail, without signing in.
urlpatterns += [
    path(f"{event}participants/new/", participants.participant_add, name="participant_add"),
    path(
        f"{event}participants/<id:participant_id>/remove/",
        participants.participant_remove,
        name="participant_remove",
    ),
    path(
        f"{event}participants/import/",
        participants.participant_import,
        name="participant_import",
    ),
    path(
        f"{event}participants/template.xlsx",
        participants.participant_template,
        name="participant_template",
    ),
    path(
        f"{event}participants/export/",
        participants.participant_export,
        name="participant_export",
    ),
    path(f"{event}invitations/new/", invitations.invitation_send, name="invitation_send"),
    path(
        "events/invitations/<str:reply_token>/",
        invitations.invitation_reply,
        name="invitation_reply",
    ),
]
