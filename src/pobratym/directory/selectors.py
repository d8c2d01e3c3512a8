"""Every read of the directory, scoped to the viewer: organisations for members, contacts for
those who may see them (`predicates.sees_contacts`), each a fixed number of queries."""

from collections.abc import Mapping
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pobratym.core.search import contains
from pobratym.partnerships.models import FocusArea, Partnership
from pobratym.partnerships.predicates import is_member, membership_of
from pobratym.translation.selectors import matching, reader_translations, with_translations

from .models import Contact, Organisation
from .personal_data import exported
from .predicates import sees_contacts


def _members_only(viewer, partnership: Partnership) -> None:
    if not is_member(viewer, partnership):
        raise Http404


def _organisations(partnership: Partnership) -> QuerySet:
    return (
        Organisation.objects.filter(partnership=partnership)
        .select_related("side__city")
        .prefetch_related(Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position")))
        .annotate(contact_count=Count("contacts", filter=Q(contacts__anonymised_at__isnull=True)))
    )


def organisation_list(
    *, viewer, partnership: Partnership, filters: Mapping | None = None
) -> QuerySet:
    """The partnership's organisations (members only), by name, narrowed by `filters`: words
    in the name or description in any language, type, city (side) and focus area; with their
    city, focus areas, number of contacts and the reader's translations. Four queries however
    many: the list, its focus areas, its translations, and the membership once."""
    _members_only(viewer, partnership)
    filters = filters or {}
    organisations = _organisations(partnership)
    if kind := filters.get("kind"):
        organisations = organisations.filter(kind=kind)
    if side := filters.get("side"):
        organisations = organisations.filter(side=side)
    if area := filters.get("focus_area"):
        organisations = organisations.filter(focus_areas=area)
    if words := (filters.get("q") or "").strip():
        organisations = organisations.filter(matching(Organisation, ("name", "description"), words))
    return with_translations(organisations).order_by("name", "pk")


def organisation_detail(*, viewer, partnership: Partnership, organisation_id: int) -> Organisation:
    """One organisation of the partnership; 404 for one the viewer may not see."""
    _members_only(viewer, partnership)
    organisation = (
        with_translations(_organisations(partnership).filter(pk=organisation_id))
        .select_related("created_by", "partnership")
        .first()
    )
    if organisation is None:
        raise Http404
    return organisation


def organisation_choices(*, viewer, partnership: Partnership) -> QuerySet:
    """The organisations of the viewer's own city: where they may add a contact."""
    membership = membership_of(viewer, partnership)
    if membership is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(partnership=partnership, side=membership.side_id).order_by(
        "name", "pk"
    )


def _contacts(viewer, partnership: Partnership) -> QuerySet:
    if not sees_contacts(membership_of(viewer, partnership)):
        raise Http404
    return (
        Contact.objects.filter(partnership=partnership)
        .select_related("organisation", "side__city")
        .prefetch_related(reader_translations("organisation"))
    )


def contact_list(*, viewer, partnership: Partnership, filters: Mapping | None = None) -> QuerySet:
    """The partnership's contacts for those who may see them (else 404), by name, narrowed by
    words (name, function, e-mail), organisation, city and language. Three queries: the list,
    its organisations' translations and the membership once."""
    filters = filters or {}
    contacts = _contacts(viewer, partnership)
    if organisation := filters.get("organisation"):
        contacts = contacts.filter(organisation=organisation)
    if side := filters.get("side"):
        contacts = contacts.filter(side=side)
    if language := filters.get("language"):
        contacts = contacts.filter(languages__icontains=f'"{language}"')
    if filters.get("past_retention"):
        contacts = contacts.filter(retain_until__lt=timezone.localdate())
    if words := (filters.get("q") or "").strip():
        contacts = contacts.filter(
            contains("name", words) | contains("function", words) | contains("email", words)
        )
    return contacts.order_by("name_key", "pk")


def contact_detail(*, viewer, partnership: Partnership, contact_id: int) -> Contact:
    contact = _contacts(viewer, partnership).filter(pk=contact_id).first()
    if contact is None:
        raise Http404
    return contact


def organisation_contacts(*, viewer, organisation: Organisation) -> list[Contact]:
    """The organisation's contacts that are not anonymised, for those who may see contacts
    (an empty list for others)."""
    if not sees_contacts(membership_of(viewer, organisation)):
        return []
    return list(organisation.contacts.filter(anonymised_at__isnull=True).order_by("name_key"))


def past_retention(*, partnership_ids, side_ids, today: date | None = None) -> QuerySet:
    """Contacts of these sides kept beyond their retention date, not yet anonymised."""
    return Contact.objects.filter(
        partnership_id__in=partnership_ids,
        side_id__in=side_ids,
        anonymised_at__isnull=True,
        retain_until__lt=today or timezone.localdate(),
    )


def retention_list(*, viewer, partnership: Partnership) -> QuerySet:
    """The contacts of the coordinator's own city past their retention date, the longest
    overdue first: each is extended (with a renewed consent) or erased."""
    membership = membership_of(viewer, partnership)
    if membership is None:
        raise Http404
    return (
        past_retention(partnership_ids=[partnership.pk], side_ids=[membership.side_id])
        .select_related("organisation", "side__city")
        .prefetch_related(reader_translations("organisation"))
        .order_by("retain_until", "pk")
    )


def contact_data(contact: Contact) -> dict:
    """Everything stored about the person, for their own copy (GDPR articles 15 and 20)."""
    organisation = contact.organisation
    return {
        "name": contact.name,
        "function": contact.function,
        "languages": list(contact.languages),
        "email": contact.email,
        "phone": contact.phone,
        "organisation": organisation.name,
        "city": str(contact.side.city.name),
        "consent": {
            "given_on": contact.consent_on.isoformat() if contact.consent_on else None,
            "purpose": contact.consent_purpose,
            "how": contact.consent_method,
        },
        "keep_until": contact.retain_until.isoformat() if contact.retain_until else None,
        "anonymised_at": contact.anonymised_at.isoformat() if contact.anonymised_at else None,
        "partnership": contact.partnership.slug,
        "added_at": contact.created_at.isoformat(),
        "changes": [
            {
                "when": row.history_date.isoformat(),
                "kind": {"+": "created", "~": "changed", "-": "deleted"}[row.history_type],
                "by": row.history_user.name if row.history_user_id else None,
            }
            for row in contact.history.select_related("history_user").order_by("history_date")
        ],
        **exported(contact),  # what the domains keep about the person (personal_data)
    }


MERGE_CANDIDATES = 20


def merge_candidates(
    *, viewer, partnership: Partnership, contact: Contact, words: str = ""
) -> list[Contact]:
    """Contacts of the same city that `contact` could be merged with (at most
    MERGE_CANDIDATES): those matching `words` (name, function, e-mail), or without words
    those of the same name, which look alike but are not duplicates by the directory's rules
    when they are at other organisations. Two queries: the contacts and their organisations'
    translations."""
    contacts = (
        _contacts(viewer, partnership)
        .filter(side=contact.side_id, anonymised_at__isnull=True)
        .exclude(pk=contact.pk)
    )
    if words := words.strip():
        contacts = contacts.filter(
            contains("name", words) | contains("function", words) | contains("email", words)
        )
    else:
        contacts = contacts.filter(name_key=contact.name_key)
    return list(contacts.order_by("name_key", "pk")[:MERGE_CANDIDATES])
