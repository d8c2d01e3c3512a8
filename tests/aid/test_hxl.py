"""Open data: the HXL-tagged CSV of public needs, as libhxl and anyone on the web read it."""

import csv
import io
from decimal import Decimal

import hxl
import pytest
from django.test import Client

from pobratym.aid import services
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.downloads import body
from tests.factories import member_create

pytestmark = pytest.mark.django_db

URL = "/api/v1/partnerships/{slug}/aid.hxl.csv"


def _public(partnership, receiver, **fields):
    need = need_post(partnership, receiver, **fields)
    return services.need_publish(need=need, by=receiver, public=True)


def _download(partnership) -> str:
    response = Client().get(URL.format(slug=partnership.slug))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return body(response).decode()


def test_libhxl_reads_the_export_and_finds_its_tags(partnership, receiver, tmp_path):
    need = _public(
        partnership,
        receiver,
        lines=[
            {"item": "Bandage", "quantity": Decimal(100), "unit": "box"},
            {"item": "Saline", "quantity": Decimal("2.5"), "unit": "l"},
        ],
    )
    donor = member_create(partnership, Role.STAFF, position=1).user
    offer = offer_make(partnership, donor, need=need)
    services.pledge_confirm(
        offer_line=offer.lines.get(),
        need_line=need.lines.order_by("pk")[0],
        quantity=Decimal(60),
        by=receiver,
    )
    path = tmp_path / "aid.hxl.csv"
    path.write_text(_download(partnership), encoding="utf-8")
    dataset = hxl.data(str(path), hxl.InputOptions(allow_local=True))
    tags = set(dataset.tags)
    assert {"#org", "#sector", "#item", "#adm1", "#adm2", "#date", "#status", "#value"} <= tags
    rows = list(dataset)
    assert [row.get("#item+name") for row in rows] == ["Bandage", "Saline"]
    assert [row.get("#value+requested") for row in rows] == ["100", "2.5"]
    assert [row.get("#value+pledged") for row in rows] == ["60", "0"]
    assert rows[0].get("#status") == "partly covered"
    assert rows[0].get("#sector+code") == "health"
    assert rows[0].get("#country+code") == "UKR"
    assert hxl.data(str(path), hxl.InputOptions(allow_local=True)).validate()


def test_the_first_row_is_labels_and_the_second_hashtags(partnership, receiver):
    _public(partnership, receiver)
    labels, hashtags, *lines = csv.reader(io.StringIO(_download(partnership)))
    assert labels[0] == "Need" and "Item" in labels
    assert all(tag.startswith("#") for tag in hashtags)
    assert len(lines) == 1


def test_private_needs_and_exact_addresses_never_appear(partnership, receiver):
    need_post(partnership, receiver, title="Secret generator", address="vul. Hidden 7")
    _public(
        partnership,
        receiver,
        title="Public dressings",
        address="vul. Velyka Berdychivska 1",
        critical_infrastructure=True,
    )
    text = _download(partnership)
    assert "Public dressings" in text
    assert "Secret generator" not in text
    assert "Hidden" not in text and "Berdychivska" not in text
    labels = next(csv.reader(io.StringIO(text)))
    assert not any(
        "address" in label.lower() or "infrastructure" in label.lower() for label in labels
    )


def test_a_partnership_without_public_needs_is_not_found(partnership, receiver):
    """Issue 10, finding 7: the open data address tells nobody that a partnership exists
    until it publishes something (decision 0002)."""
    need_post(partnership, receiver)
    response = Client().get(URL.format(slug=partnership.slug))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_unknown_partnership_is_not_found():
    response = Client().get(URL.format(slug="nowhere"))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_export_makes_the_same_queries_for_few_and_many(
    partnership, receiver, django_assert_num_queries
):
    def queries_for(count):
        for _ in range(count):
            _public(partnership, receiver)
        _download(partnership)  # what a process reads once (content types of translated records)
        # The rate limit's count, the partnership, the needs, their lines, and the translations
        # of needs and lines.
        with django_assert_num_queries(6) as captured:
            _download(partnership)
        return len(captured)

    assert queries_for(1) == queries_for(10)
