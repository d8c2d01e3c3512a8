"""Finding letters in the register: by number, date, correspondent, subject words, direction
and office; newest first; never another partnership's letters."""

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from pobratym.agreements.selectors.letters import letter_list
from tests.agreements.letter_factories import at, letter_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(partnership, other_partnership, coordinator, other_side_coordinator, outsider):
    """Three letters of this partnership, one of another."""
    made = {
        "proposal": letter_register(
            partnership,
            other_side_coordinator,
            registration_number="31/1915",
            registered_at=at(2022, 6, 3, 14, 53),
            sender="Сергій Сухомлин, Житомирський міський голова",
            addressee="Thomas Westphal, Oberbürgermeister",
            subject="Proposal to conclude a twinning agreement",
        ),
        "receipt": letter_register(
            partnership,
            coordinator,
            direction="incoming",
            registration_number="OB/2022/0614",
            registered_at=at(2022, 6, 7, 9, 30),
            sender="Serhij Suchomlyn",
            addressee="Thomas Westphal",
            subject="Twinning proposal from the partner city",
        ),
        "reply": letter_register(
            partnership,
            coordinator,
            registration_number="OB/2022/0701",
            registered_at=at(2022, 7, 1, 11, 0),
            sender="Thomas Westphal",
            addressee="Сергій Сухомлин",
            subject="Answer: solidarity partnership first",
        ),
    }
    letter_register(other_partnership, outsider, registration_number="31/1915", subject="Twinning")
    return made


def _found(partnership, viewer, **filters) -> list[str]:
    return [
        letter.registration_number
        for letter in letter_list(viewer=viewer, partnership=partnership, filters=filters)
    ]


def test_without_filters_all_letters_of_the_partnership_newest_first(
    partnership, coordinator, letters
):
    assert _found(partnership, coordinator) == ["OB/2022/0701", "OB/2022/0614", "31/1915"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"number": "2022/06"}, ["OB/2022/0614"]),
        ({"number": "ob/2022"}, ["OB/2022/0701", "OB/2022/0614"]),
        ({"number": "2022/0.1"}, []),  # a dot is a dot, not "any character"
        ({"correspondent": "сухомлин"}, ["OB/2022/0701", "31/1915"]),
        ({"correspondent": "westphal"}, ["OB/2022/0701", "OB/2022/0614", "31/1915"]),
        ({"subject": "twinning PROPOSAL"}, ["OB/2022/0614", "31/1915"]),
        ({"subject": "proposal agreement"}, ["31/1915"]),
        ({"subject": "twinning answer"}, []),
        ({"direction": "incoming"}, ["OB/2022/0614"]),
        ({"direction": "outgoing", "subject": "twinning"}, ["31/1915"]),
    ],
)
def test_filters_narrow_the_list(partnership, coordinator, letters, filters, expected):
    assert _found(partnership, coordinator, **filters) == expected


def test_dates_from_and_until_include_both_days(partnership, coordinator, letters):
    from datetime import date

    found = _found(partnership, coordinator, date_from=date(2022, 6, 3), date_to=date(2022, 6, 7))

    assert found == ["OB/2022/0614", "31/1915"]


def test_dates_are_the_viewers_days(partnership, coordinator, other_side_coordinator):
    """23:30 in Berlin on 3 June is already 4 June in Kyiv."""
    from datetime import date, datetime

    late = datetime(2022, 6, 3, 23, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    letter_register(partnership, coordinator, registration_number="late", registered_at=late)

    with timezone.override(ZoneInfo("Europe/Kyiv")):
        assert _found(partnership, coordinator, date_from=date(2022, 6, 4)) == ["late"]
    with timezone.override(ZoneInfo("Europe/Berlin")):
        assert _found(partnership, coordinator, date_from=date(2022, 6, 4)) == []


def test_side_filter_shows_one_offices_register(partnership, coordinator, letters):
    zhytomyr_side = partnership.sides.get(position=2)

    assert _found(partnership, coordinator, side=zhytomyr_side) == ["31/1915"]


def test_search_form_on_the_page(partnership, coordinator, client_of, letters):
    url = reverse("agreements:letter_list", args=[partnership.slug])

    response = client_of(coordinator).get(url, {"subject": "twinning", "direction": "incoming"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "OB/2022/0614" in page
    assert "31/1915" not in page
    assert "1 letter" in page


def test_malformed_search_date_shows_the_form_error(partnership, coordinator, client_of, letters):
    url = reverse("agreements:letter_list", args=[partnership.slug])

    response = client_of(coordinator).get(url, {"date_from": "3rd of June"})

    assert response.status_code == 400
    assert response.context["form"].errors["date_from"]
