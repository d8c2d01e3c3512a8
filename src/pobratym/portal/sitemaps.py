"""The sitemap of the public pages: the start page and each partnership's portal, in every
language with its alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from . import selectors


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StartSitemap(PublicSitemap):
    def items(self):
        return ["home"]

    def location(self, item) -> str:
        return reverse(item)


class PortalSitemap(PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return list(selectors.portal_partnerships())

    def location(self, partnership) -> str:
        return reverse("portal:partnership", args=[partnership.slug])


SITEMAPS = {"start": StartSitemap, "portal": PortalSitemap}
