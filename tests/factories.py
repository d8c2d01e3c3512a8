"""Factories shared by every test package."""

import itertools
import secrets
import time
from datetime import timedelta

import factory
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from pobratym.accounts.models import User
from pobratym.accounts.services import email_verified_record
from pobratym.partnerships import services
from pobratym.partnerships.models import City, FocusArea, Invitation, Partnership, Role

PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_numbers = itertools.count(1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    language = "en"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        """People's login addresses are verified, as after an invitation; pass
        `verified=False` for one that is not."""
        if create and extracted is not False:
            email_verified_record(user=user)


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name_en = factory.Sequence(lambda n: f"City {n}")
    name_de = factory.LazyAttribute(lambda city: f"{city.name_en} (de)")
    name_uk = factory.LazyAttribute(lambda city: f"{city.name_en} (uk)")
    country = "DE"


def partnership_create(slug: str | None = None, **fields) -> Partnership:
    """A partnership between two new cities, made through the service as users make it."""
    return services.partnership_create(
        slug=slug or f"partnership-{next(_numbers)}",
        kind=fields.pop("kind", Partnership.Kind.SOLIDARITY),
        status=fields.pop("status", Partnership.Status.ACTIVE),
        first_city=CityFactory(country="DE"),
        second_city=CityFactory(country="UA"),
        **fields,
    )


def member_create(partnership: Partnership, role: str = Role.STAFF, position: int = 1, **user):
    """A new person on side `position` (1 or 2) of the partnership, with two factors if the
    role requires them."""
    person = UserFactory(**user)
    side = partnership.sides.get(position=position)
    membership = services.membership_add(side=side, user=person, role=role)
    if role in (Role.COORDINATOR, Role.SIGNATORY):
        TOTP.activate(person, TOTP_SECRET)
    return membership


def focus_area_create(partnership: Partnership, key: str = "digitalisation") -> FocusArea:
    return FocusArea.objects.create(
        partnership=partnership,
        key=key,
        name_en=key.title(),
        name_de=f"{key.title()} (de)",
        name_uk=f"{key.title()} (uk)",
    )


def invitation_make(
    partnership: Partnership,
    position: int = 1,
    email: str | None = None,
    role: str = Role.STAFF,
    **fields,
) -> Invitation:
    """A stored invitation as it would be after sending; pass `expires_at`, `accepted_at`
    or `revoked_at` to put it in another state. No e-mail is sent."""
    return Invitation.objects.create(
        partnership=partnership,
        side=partnership.sides.get(position=position),
        email=email or f"invited{next(_numbers)}@example.org",
        role=role,
        language=fields.pop("language", "en"),
        token=fields.pop("token", secrets.token_urlsafe(32)),
        expires_at=fields.pop("expires_at", timezone.now() + timedelta(days=14)),
        **fields,
    )


def sign_in(client, user) -> None:
    """Sign a test client in as `user`, as if through the login form: with a person who has
    TOTP, the session records the second factor as answered."""
    client.force_login(user)
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        session = client.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "mfa", "type": "totp", "at": time.time()}
        ]
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
        session.save()
