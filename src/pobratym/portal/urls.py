"""The portal's addresses: the public ones under `p/<slug>/`, the members' news pages under
the partnership."""

from django.urls import path
from django.views.decorators.http import require_GET

from . import views
from .feeds import NewsFeed

app_name = "portal"

portal = "p/<slug:slug>/"
news = "partnerships/<slug:slug>/news/"

urlpatterns = [
    path(portal, views.portal, name="partnership"),
    path(f"{portal}news.atom", require_GET(NewsFeed()), name="news_feed"),
    path(f"{portal}news/<id:post_id>/photo/", views.news_photo, name="news_photo"),
    path(news, views.news_list, name="news_list"),
    path(f"{news}new/", views.news_create, name="news_create"),
    path(f"{news}<id:post_id>/edit/", views.news_edit, name="news_edit"),
]
