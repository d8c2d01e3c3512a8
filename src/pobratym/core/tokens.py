"""Secrets that open something without signing in (an invitation's reply link, a private
calendar feed, a personal API token): only their SHA-256 is stored, so the database alone
opens nothing."""

import hashlib
import secrets


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh secret for an address, and the digest to store."""
    token = secrets.token_urlsafe(32)
    return token, token_digest(token)
