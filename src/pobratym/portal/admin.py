"""The operator's admin for the news: for reading and, rarely, correcting or removing a post
(each change kept in the history); posts are written through the members' pages."""

from django.contrib import admin

from pobratym.core.admin import MadeByServices

from .models import NewsPost


@admin.register(NewsPost)
class NewsPostAdmin(MadeByServices):
    bound = ("partnership", "created_by")
    deletable = True
    list_display = ["title", "partnership", "posted_on", "created_by"]
    list_filter = ["partnership"]
    search_fields = ["title", "body"]
    date_hierarchy = "posted_on"
