"""A person's private calendar feed: made with a secret address shown once, revoked for good.

A person has one open address at a time: making a new one revokes the one they had. So a form
sent twice (the answer with the first address lost on a bad connection) leaves one address
that works, the one shown, and no forgotten one; no idempotency key is needed.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.core.tokens import new_token

from ..models import CalendarFeed


@transaction.atomic
def calendar_feed_create(*, by: User) -> tuple[CalendarFeed, str]:
    """A new secret address for the person's calendar app, and the secret to show them once
    (only its SHA-256 is stored); the address they had stops working."""
    CalendarFeed.objects.filter(user=by, revoked_at__isnull=True).update(revoked_at=timezone.now())
    secret, digest = new_token()
    return CalendarFeed.objects.create(user=by, token_hash=digest), secret


@transaction.atomic
def calendar_feed_revoke(*, feed: CalendarFeed, by: User) -> CalendarFeed:
    """Revoke the person's own feed: its address answers 404 from now on, for good. Revoking
    one already revoked changes nothing."""
    if feed.user_id != by.pk:
        raise PermissionDenied
    CalendarFeed.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    feed.refresh_from_db(fields=["revoked_at"])
    return feed
