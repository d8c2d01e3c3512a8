from django.urls import path

from . import api_token_views, views

app_name = "partnerships"

urlpatterns = [
    path("partnerships/", views.partnership_list, name="list"),
    path("partnerships/<slug:slug>/", views.dashboard, name="dashboard"),
    path("partnerships/<slug:slug>/edit/", views.partnership_edit, name="edit"),
    path("partnerships/<slug:slug>/members/", views.members, name="members"),
    path(
        "partnerships/<slug:slug>/members/<id:membership_id>/",
        views.membership_change,
        name="membership_change",
    ),
    path(
        "partnerships/<slug:slug>/invitations/<id:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("partnerships/<slug:slug>/focus-areas/", views.focus_areas, name="focus_areas"),
    path(
        "partnerships/<slug:slug>/focus-areas/<id:focus_area_id>/delete/",
        views.focus_area_delete,
        name="focus_area_delete",
    ),
    path("partnerships/<slug:slug>/history/", views.history, name="history"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("account/api-tokens/", api_token_views.api_token_list, name="api_tokens"),
    path(
        "account/api-tokens/<id:token_id>/revoke/",
        api_token_views.api_token_revoke,
        name="api_token_revoke",
    ),
]
