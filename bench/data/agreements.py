"""Agreements and the letters register of each generated partnership.

Agreements go through the services (create, a second version, propose, both signatures), as
their state comes from what the services record: a few calls a partnership. Letters, 40 a
partnership by default, are written with `bulk_create`, valid by construction (a registration
number once per register)."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from pobratym.agreements.models import Agreement, Letter, LetterDirection
from pobratym.agreements.services import agreements as agreement_services
from pobratym.partnerships import services as partnership_services
from pobratym.partnerships.models import Partnership, Role

from .people import Cast

BATCH = 2000
PARAGRAPH = {
    "de": "Die Partner vereinbaren den Austausch von Erfahrungen in der Verwaltung, "
    "die Unterstützung beim Wiederaufbau und gemeinsame Projekte der Zivilgesellschaft. ",
    "uk": "Сторони домовляються про обмін досвідом у сфері управління, підтримку "
    "відбудови та спільні проєкти громадянського суспільства. ",
    "en": "The partners agree to exchange administrative experience, to support "
    "reconstruction and to run joint projects of civil society. ",
}
TITLES = {
    "de": "Vereinbarung über eine Solidaritätspartnerschaft",
    "uk": "Угода про партнерство солідарності",
    "en": "Agreement on a solidarity partnership",
}
SUBJECTS = [
    "Humanitarian aid for the city hospital",
    "Invitation to the delegation visit",
    "Gratitude for generators delivered",
    "Proposal of a twinning agreement",
    "Youth encounter in the summer",
    "Expert exchange on urban planning",
    "Dank für die Hilfslieferung",
    "Einladung zum Wiederaufbaukongress",
    "Подяка за гуманітарну допомогу",
    "Запрошення до співпраці у сфері цифровізації",
]


def _texts(version: int) -> dict:
    return {
        language: (TITLES[language], (PARAGRAPH[language] * 12) + f"({version})")
        for language in TITLES
    }


def _signatory(partnership: Partnership, side, cast: Cast):
    """A signatory for the side (the mayor, or whom they authorise), made once."""
    signatories = cast.get((side.position, Role.SIGNATORY))
    if signatories:
        return signatories[0]
    from pobratym.accounts.models import User

    user = User(
        email=f"signatory.side{side.position}.{partnership.slug}@bench.example.org",
        name=f"Signatory {side.position}",
    )
    user.set_unusable_password()
    user.save()
    partnership_services.membership_add(side=side, user=user, role=Role.SIGNATORY)
    cast[side.position, Role.SIGNATORY] = [user]
    return user


def agreements(partnership: Partnership, cast: Cast, today: date) -> tuple[int, int, int]:
    """An agreement in force (two versions, the second signed by both sides) and a draft
    twinning agreement proposed and signed by one side. Returns (agreements, versions,
    signatures)."""
    first, second = partnership.sides.order_by("position")
    coordinator = cast[1, Role.COORDINATOR][0]
    signatories = [_signatory(partnership, side, cast) for side in (first, second)]
    in_force = agreement_services.agreement_create(
        partnership=partnership,
        by=coordinator,
        kind=Agreement.Kind.SOLIDARITY,
        title=TITLES["en"],
        texts=_texts(1),
        authoritative_language="de",
    )
    agreement_services.version_propose(version=in_force.versions.get(number=1), by=coordinator)
    version = agreement_services.version_create(
        agreement=in_force, by=coordinator, texts=_texts(2), note="After the council's remarks"
    )
    version = agreement_services.version_propose(version=version, by=coordinator)
    for signatory, side in zip(signatories, (first, second), strict=True):
        agreement_services.agreement_sign(
            agreement=in_force,
            by=signatory,
            fingerprint=version.fingerprint,
            signed_on=today - timedelta(days=30),
            place=side.city.name_en,
            signer_name=signatory.name,
            signer_title="Lord Mayor",
        )
    twinning = agreement_services.agreement_create(
        partnership=partnership,
        by=coordinator,
        kind=Agreement.Kind.TWINNING,
        title="Twinning agreement",
        texts=_texts(1),
        authoritative_language="de",
    )
    proposed = agreement_services.version_propose(
        version=twinning.versions.get(number=1), by=coordinator
    )
    agreement_services.agreement_sign(
        agreement=twinning,
        by=signatories[0],
        fingerprint=proposed.fingerprint,
        signed_on=today,
        place=first.city.name_en,
        signer_name=signatories[0].name,
        signer_title="Lord Mayor",
    )
    return 2, 3, 3


def letters(
    partnership: Partnership, cast: Cast, how_many: int, rng: random.Random, today: date
) -> list[Letter]:
    """Letters both ways in both registers, over the last two years."""
    sides = list(partnership.sides.order_by("position").select_related("city"))
    clerks = {
        side.position: cast[side.position, Role.COORDINATOR] + cast[side.position, Role.STAFF]
        for side in sides
    }
    end = timezone.make_aware(datetime.combine(today, time(17, 0)))
    made = []
    for number in range(1, how_many + 1):
        side = sides[number % 2]
        other = sides[(number + 1) % 2]
        direction = rng.choice(LetterDirection.values)
        registered = end - timedelta(seconds=rng.uniform(0, 730 * 86400))
        subject = rng.choice(SUBJECTS)
        language = "uk" if subject[0] in "ПЗ" else "de" if subject[0] in "DE" else "en"
        mayor_here, mayor_there = f"Mayor of {side.city.name_en}", f"Mayor of {other.city.name_en}"
        sender, addressee = (
            (mayor_here, mayor_there) if direction == "outgoing" else (mayor_there, mayor_here)
        )
        made.append(
            Letter(
                partnership=partnership,
                side=side,
                direction=direction,
                registration_number=f"{number // 100 + 1}/{number:05d}",
                registered_at=registered,
                file_index=rng.choice(["", "0.01-30", "13-21", "IB-2"]),
                sender=sender,
                addressee=addressee,
                subject=f"{subject} {number}",
                letter_language=language,
                summary=f"{subject}. " * rng.randint(1, 6),
                language=language,
                recorded_by=rng.choice(clerks[side.position]),
                created_at=registered,
                updated_at=registered,
            )
        )
    return Letter.objects.bulk_create(made, batch_size=BATCH)
