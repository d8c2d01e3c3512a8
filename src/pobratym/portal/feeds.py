"""The Atom feed of a partnership's news, in the reader's language (the address's)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from pobratym.translation.selectors import shown

from . import selectors


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug: str):
        return selectors.portal_partnership(slug)

    def title(self, partnership) -> str:
        return _("News of the partnership %(name)s") % {"name": partnership}

    def subtitle(self, partnership) -> str:
        return _("Dated posts by the partnership's coordinators.")

    def link(self, partnership) -> str:
        return reverse("portal:partnership", args=[partnership.slug])

    def items(self, partnership):
        return selectors.news_of(partnership, selectors.FEED_POSTS)

    def item_title(self, post) -> str:
        return shown(post, "title").text

    def item_description(self, post) -> str:
        return shown(post, "body").text

    def item_link(self, post) -> str:
        return f"{reverse('portal:partnership', args=[post.partnership.slug])}#news-{post.pk}"

    def item_pubdate(self, post) -> datetime:
        return datetime.combine(post.posted_on, time(), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, post) -> datetime:
        return post.updated_at
