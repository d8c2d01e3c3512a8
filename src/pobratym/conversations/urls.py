from django.urls import path

from . import views

app_name = "conversations"

base = "partnerships/<slug:slug>/conversations/"
thread = f"{base}<id:thread_id>/"
message = f"{thread}messages/<id:message_id>/"

urlpatterns = [
    path(base, views.thread_list, name="thread_list"),
    path(f"{base}new/", views.thread_create, name="thread_create"),
    path(thread, views.thread_detail, name="thread_detail"),
    path(f"{thread}attachments/<id:attachment_id>/", views.attachment, name="attachment"),
    path(f"{message}translation/", views.translation_save, name="translation_save"),
    path(f"{message}language/", views.language_set, name="language_set"),
    path("inbox/", views.inbox, name="inbox"),
    path("account/notifications/", views.notification_settings, name="notification_settings"),
]
