"""The five lists (needs, offers, shipments, letters, threads) alike: words of a translation
find a record, a column header sorts and sorts back, the number of results, filters kept in
the pagination links, an unknown `?sort=` ignored."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from pobratym.partnerships.models import Role
from pobratym.translation.models import Translation, TranslationKind
from tests.access import Cast
from tests.agreements.letter_factories import letter_register
from tests.aid.factories import need_post, offer_make
from tests.aid.shipment_factories import shipment_plan
from tests.conversations.factories import thread_start

pytestmark = pytest.mark.django_db

WORD = "Кармазин"  # only in the Ukrainian translation of the first record


def _translate(record, field):
    Translation.objects.create(
        record=record,
        field=field,
        language="uk",
        text=f"{WORD} переклад",
        kind=TranslationKind.HUMAN,
        source_digest="",
    )


@dataclass
class List:
    url: str  # the list's URL name
    sort: str  # a sortable column
    count: str  # "{n} needs"
    make: Callable  # (partnership, by, name) -> the record named `name`
    translate: Callable  # record -> None: adds a translation holding WORD
    viewer: tuple  # (role, side) of who looks at it
    view: str | None  # the module whose PAGE_SIZE pages the list


def _message(thread):
    _translate(thread.messages.first(), "body")


LISTS = {
    "needs": List(
        "aid:need_list",
        "title",
        "{} needs",
        lambda p, by, name: need_post(p, by, title=name),
        lambda need: _translate(need, "title"),
        (Role.COORDINATOR, 2),
        "pobratym.aid.views.needs",
    ),
    "offers": List(
        "aid:offer_list",
        "donor",
        "{} offers",
        lambda p, by, name: offer_make(p, by, donor=name, note="Bandages"),
        lambda offer: _translate(offer, "note"),
        (Role.STAFF, 1),
        "pobratym.aid.views.offers",
    ),
    "shipments": List(
        "aid:shipment_list",
        "reference",
        "{} shipments",
        lambda p, by, name: shipment_plan(p, by, reference=name),
        lambda shipment: _translate(shipment, "route"),
        (Role.STAFF, 1),
        "pobratym.aid.views.shipments",
    ),
    "letters": List(
        "agreements:letter_list",
        "number",
        "{} letters",
        lambda p, by, name: letter_register(p, by, registration_number=name),
        lambda letter: _translate(letter, "subject"),
        (Role.COORDINATOR, 1),
        "pobratym.agreements.views.letters",
    ),
    "threads": List(
        "conversations:thread_list",
        "subject",
        "{} threads",
        lambda p, by, name: thread_start(p, by, subject=name),
        _message,
        (Role.COORDINATOR, 1),
        None,
    ),
}


@pytest.fixture(params=list(LISTS))
def shown(request, partnership, client_of):
    return _shown(request.param, partnership, client_of)


def _shown(name, partnership, client_of):
    """A list with two records, "Alpha-1" (with a translation holding WORD) and "Beta-2"."""
    kind = LISTS[name]
    by = Cast(partnership)[kind.viewer]
    alpha = kind.make(partnership, by, "Alpha-1")
    kind.make(partnership, by, "Beta-2")
    kind.translate(alpha)
    url = reverse(kind.url, args=[partnership.slug])

    def get(**query):
        response = client_of(by).get(url, query)
        assert response.status_code == 200
        return response.content.decode()

    return kind, get


def _order(html):
    return html.index("Alpha-1") < html.index("Beta-2")


def test_words_of_a_translation_find_the_record(shown):
    kind, get = shown
    html = get(q=WORD.lower())
    assert "Alpha-1" in html
    assert "Beta-2" not in html
    assert kind.count.format(1)[:-1] in html  # "1 need"


def test_a_column_header_sorts_and_sorts_back(shown):
    kind, get = shown
    ascending = get(sort=kind.sort)
    assert _order(ascending)
    assert 'aria-sort="ascending"' in ascending
    assert f"?sort=-{kind.sort}" in ascending  # the header's link turns the order round
    descending = get(sort=f"-{kind.sort}")
    assert not _order(descending)
    assert 'aria-sort="descending"' in descending


def test_the_number_of_results_and_the_closed_filters(shown):
    kind, get = shown
    html = get()
    assert kind.count.format(2) in html
    assert '<details class="filters">' in html
    assert '<details class="filters" open>' in get(q="Alpha")


@pytest.mark.parametrize("sort", ["password", "-", "--title", "pk"])
def test_an_unknown_sort_is_ignored(shown, sort):
    _kind, get = shown
    html = get(sort=sort)
    assert "Alpha-1" in html and "Beta-2" in html
    assert "aria-sort" not in html


@pytest.mark.parametrize("name", [name for name, kind in LISTS.items() if kind.view])
def test_pagination_keeps_the_filters_and_the_order(name, partnership, client_of, monkeypatch):
    """(The threads list is not paginated.)"""
    kind, get = _shown(name, partnership, client_of)
    monkeypatch.setattr(f"{kind.view}.PAGE_SIZE", 1)
    html = get(q="-", sort=f"-{kind.sort}")
    assert f"?q=-&amp;sort=-{kind.sort}&amp;page=2" in html
