"""A need's quantities read with the unit's plural form in each language (issue 13)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.aid.factories import need_post

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", ["200 Packungen", "1 Karton", "2,5 kg"]),
        ("uk", ["400 упаковок", "1 коробка", "2,5 кг"]),
        ("en", ["400 packs", "1 box", "2.5 kg"]),
    ],
)
def test_the_need_page_writes_quantities_with_their_units_plural(
    partnership, receiver, client_of, language, expected
):
    packs = Decimal(200) if language == "de" else Decimal(400)
    need = need_post(
        partnership,
        receiver,
        lines=[
            {"item": "Dressings", "quantity": packs, "unit": "pack"},
            {"item": "Splints", "quantity": Decimal(1), "unit": "box"},
            {"item": "Disinfectant", "quantity": Decimal("2.5"), "unit": "kg"},
        ],
    )
    with translation.override(language):
        url = reverse("aid:need_detail", args=[partnership.slug, need.pk])

    page = client_of(receiver).get(url).content.decode().replace("\xa0", " ")

    for text in expected:
        assert text in page
