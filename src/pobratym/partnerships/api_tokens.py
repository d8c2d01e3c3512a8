"""Personal API tokens, one small topic: making one (its secret shown once, only its SHA-256
kept), revoking it, noting its use, and the reads behind the person's page and the API's
`Authorization: Bearer` check. They live here rather than in accounts because a token may be
limited to a partnership, and accounts sits below partnerships (decision 0010)."""

import uuid
from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import DomainError, validate
from pobratym.core.idempotency import create_once
from pobratym.core.tokens import new_token, token_digest

from .models import ApiToken, ApiTokenScope, Partnership

# Noting each use would write on every request; once a minute tells the person enough.
USE_NOTED_EVERY = timedelta(minutes=1)


@transaction.atomic
def api_token_create(
    *,
    by: User,
    name: str,
    scope: str,
    partnership: Partnership | None,
    idempotency_key: uuid.UUID | None,
) -> tuple[ApiToken, str]:
    """A new token of the person's, and its secret to show them once. Sent again with the
    same key, the token made first comes back with an empty secret: it was shown then."""
    name = (name or "").strip()
    if not name:
        raise DomainError("name_missing", _("Give the token a name."), field="name")
    if scope not in ApiTokenScope.values:
        raise DomainError("unknown_scope", _("Choose what the token may do."), field="scope")
    if partnership is not None and not partnership.memberships.filter(user=by).exists():
        raise DomainError(
            "partnership_elsewhere",
            _("Choose a partnership you are a member of."),
            field="partnership",
        )
    secrets = []

    def create(stamp):
        secret, digest = new_token()
        token = ApiToken(
            user=by, name=name, scope=scope, partnership=partnership, token_hash=digest, **stamp
        )
        validate(token, exclude=["idempotency_key"])
        audited(token, by).save()
        secrets.append(secret)
        return token

    data = {"name": name, "scope": scope, "partnership": partnership.pk if partnership else None}
    token, _created = create_once(
        ApiToken, key=idempotency_key, scope={"user": by}, data=data, create=create
    )
    return token, secrets[0] if secrets else ""


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke one of the person's own tokens: it opens nothing from now on, for good.
    Revoking one already revoked changes nothing."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk, user=by)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        audited(token, by).save(update_fields=["revoked_at", "updated_at"])
    return token


def api_token_used(*, token: ApiToken) -> None:
    """Note that the token was used now, at most once a minute (one UPDATE, no history)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_NOTED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def api_tokens(*, viewer: User) -> QuerySet[ApiToken]:
    """The person's own tokens, newest first, revoked ones too (so they see what they did)."""
    return (
        ApiToken.objects.filter(user=viewer)
        .select_related("partnership")
        .prefetch_related("partnership__sides__city")
    )


def api_token_get(*, viewer: User, token_id: int) -> ApiToken:
    """One of the person's own tokens; anyone else's does not exist."""
    token = api_tokens(viewer=viewer).filter(pk=token_id).first()
    if token is None:
        raise Http404
    return token


def api_token_of(secret: str) -> ApiToken | None:
    """The token a request carries, with its person, if it opens anything: not revoked, and
    its person still active."""
    if not secret or len(secret) > 200:
        return None
    return (
        ApiToken.objects.filter(
            token_hash=token_digest(secret), revoked_at__isnull=True, user__is_active=True
        )
        .select_related("user")
        .first()
    )
