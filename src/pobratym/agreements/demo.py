"""Agreements and letters of the demo partnership Dortmund–Zhytomyr, from the founding
documents. Idempotent: each function may run any number of times."""

from datetime import datetime
from zoneinfo import ZoneInfo

from pobratym.partnerships.models import Partnership

from . import demo_texts
from .models import Agreement, Letter
from .services.agreements import agreement_create

FOUNDING_SUBJECT = (
    "Пропозиція укласти угоду про побратимство між містом Житомир (Україна) "
    "та містом Дортмунд (Німеччина)"
)


def _letter(side, direction: str, registration_number: str, **fields) -> Letter:
    # Created once; what people changed in the demo since then stays.
    letter, _created = Letter.objects.get_or_create(
        side=side,
        direction=direction,
        registration_number=registration_number,
        defaults={"partnership_id": side.partnership_id, **fields},
    )
    return letter


def load_letters(partnership: Partnership) -> list[Letter]:
    """The founding letter of 3 June 2022: Zhytomyr's mayor proposes twinning to Dortmund's
    Lord Mayor; registered outgoing in Zhytomyr and incoming in Dortmund."""
    sides = {side.city.name_en: side for side in partnership.sides.select_related("city")}
    outgoing = _letter(
        sides["Zhytomyr"],
        Letter.Direction.OUTGOING,
        "31/1915",
        registered_at=datetime(2022, 6, 3, 14, 53, tzinfo=ZoneInfo("Europe/Kyiv")),
        file_index="0.01-30",
        sender="Сергій Сухомлин, Житомирський міський голова",
        addressee="Thomas Westphal, Oberbürgermeister der Stadt Dortmund",
        subject=FOUNDING_SUBJECT,
        language="uk",
        summary=(
            "Житомирський міський голова дякує Дортмунду за гуманітарну допомогу Житомиру та "
            "підтримку українців, які вимушено виїхали до Німеччини через війну Росії проти "
            "України, і пропонує укласти угоду про побратимство між містами в дусі "
            "європейської солідарності, міжнародного взаєморозуміння, дружби та миру. "
            "Лист українською та англійською мовами."
        ),
    )
    incoming = _letter(
        sides["Dortmund"],
        Letter.Direction.INCOMING,
        "OB/2022/0614",
        registered_at=datetime(2022, 6, 7, 9, 30, tzinfo=ZoneInfo("Europe/Berlin")),
        file_index="OB 1.3 – Schytomyr",
        sender="Serhij Suchomlyn, Bürgermeister der Stadt Schytomyr",
        addressee="Thomas Westphal, Oberbürgermeister der Stadt Dortmund",
        subject="Vorschlag einer Städtepartnerschaft zwischen Schytomyr und Dortmund",
        language="uk",
        summary=(
            "Eingang des Schreibens Nr. 31/1915 vom 03.06.2022 aus Schytomyr (ukrainisch und "
            "englisch): Dank für die humanitäre Hilfe und Vorschlag, eine "
            "Städtepartnerschaftsvereinbarung zu schließen. Die Dortmunder Registriernummer "
            "und das Eingangsdatum sind für die Demo erfunden."
        ),
    )
    return [outgoing, incoming]


def load_agreement(partnership: Partnership, by) -> Agreement:
    """The draft solidarity partnership of 2023, version 1 still a draft, in de, uk and en;
    the founding letters are filed with it."""
    agreement = partnership.agreements.filter(kind=Agreement.Kind.SOLIDARITY).first()
    if agreement is None:
        texts = {
            language: (demo_texts.TITLES[language], demo_texts.BODIES[language])
            for language in demo_texts.TITLES
        }
        agreement = agreement_create(
            partnership=partnership,
            by=by,
            kind=Agreement.Kind.SOLIDARITY,
            texts=texts,
            **demo_texts.TERMS,
        )
        agreement.versions.filter(number=1).update(note="Entwurf 2023")
    partnership.letters.filter(
        registration_number__in=["31/1915", "OB/2022/0614"], agreement__isnull=True
    ).update(agreement=agreement)
    return agreement
