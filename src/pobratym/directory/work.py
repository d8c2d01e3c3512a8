"""My work in the directory (registered in DirectoryConfig.ready): contacts kept beyond their
keep-until date, for the coordinators of their city to extend (with a renewed consent) or
erase."""

from django.urls import reverse
from django.utils.translation import gettext as _

from pobratym.partnerships.models import Role
from pobratym.partnerships.work import WorkItem, with_role

from .selectors import past_retention


def retention_pending(user, memberships):
    """As `directory.review_retention` and `directory.erase_contact` allow: a coordinator's
    own city."""
    chosen = with_role(memberships, Role.COORDINATOR)
    if not chosen:
        return None
    return past_retention(
        partnership_ids=[m.partnership_id for m in chosen], side_ids=[m.side_id for m in chosen]
    )


def retention_items(contacts, memberships) -> list[WorkItem]:
    partnerships = {m.partnership_id: m.partnership for m in memberships}
    items = []
    for contact in contacts:
        partnership = partnerships[contact.partnership_id]
        items.append(
            WorkItem(
                _("Review the contact kept beyond its date"),
                reverse("directory:contact_detail", args=[partnership.slug, contact.pk]),
                partnership,
                due=contact.retain_until,
                text=contact.name,
            )
        )
    return items
