"""Aid records made through the services, as users make them."""

import uuid
from decimal import Decimal

from pobratym.aid import services
from pobratym.aid.models import Need, Offer


def need_fields(**fields) -> dict:
    return {
        "kind": "goods",
        "sector": "health",
        "title": "Dressings for the city hospital",
        "priority": "high",
        "institution": "City Hospital No. 1",
        "institution_type": "hospital",
        "area": "Zhytomyr, Bohunskyi district",
        "address": "vul. Velyka Berdychivska 1",
        **fields,
    }


def need_post(partnership, by, lines=None, **fields) -> Need:
    return services.need_create(
        partnership=partnership,
        by=by,
        lines=lines or [{"item": "Bandage", "quantity": Decimal(100), "unit": "box"}],
        idempotency_key=fields.pop("idempotency_key", uuid.uuid4()),
        **need_fields(**fields),
    )


def offer_make(partnership, by, lines=None, need=None, **fields) -> Offer:
    """An offer from `by`'s side; `donor` is an organisation of the directory or the name of
    one (found there, or added as of `donor_kind`)."""
    donor = fields.pop("donor", "Klinikum Dortmund")
    kind = fields.pop("donor_kind", "municipal_subsidiary")
    if isinstance(donor, str):
        fields.update(donor_name=donor, donor_kind=kind)
    else:
        fields["donor"] = donor
    return services.offer_create(
        partnership=partnership,
        by=by,
        need=need,
        lines=lines or [{"item": "bandage", "quantity": Decimal(60), "unit": "box"}],
        idempotency_key=fields.pop("idempotency_key", uuid.uuid4()),
        **fields,
    )
