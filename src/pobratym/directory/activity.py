"""The directory on the partnership's overview (registered in DirectoryConfig.ready): the
organisations added, in recent activity, and a panel with the directory's size. Contacts are
personal data and stay out of both."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from pobratym.partnerships.activity import Event
from pobratym.translation.selectors import shown, with_translations

from .models import Organisation


def organisation_activity(viewer, partnership, limit: int) -> list[Event]:
    """Organisations added (two queries)."""
    if not viewer.has_perm("directory.view_organisation", partnership):
        return []
    organisations = with_translations(
        Organisation.objects.filter(partnership=partnership)
    ).order_by("-created_at")[:limit]
    return [
        Event(
            organisation.created_at,
            _("Organisation added to the directory"),
            shown(organisation, "name").text,
            reverse("directory:organisation_detail", args=[partnership.slug, organisation.pk]),
        )
        for organisation in organisations
    ]


def overview_panel(viewer, partnership) -> dict | None:
    """How many organisations of each city the directory holds (one query)."""
    if not viewer.has_perm("directory.view_organisation", partnership):
        return None
    sides = (
        partnership.sides.select_related("city")
        .annotate(count=Count("organisations"))
        .order_by("position")
    )
    cities = [{"name": side.city.name, "count": side.count} for side in sides]
    return {"cities": cities, "total": sum(city["count"] for city in cities)}
