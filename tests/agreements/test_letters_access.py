"""Who gets which page of the letters register: status codes by role and side, over HTTP, for
a few representative people per page (the full grid is in test_rules.py).

The offices (coordinators, staff, signatories) read both registers; coordinators and staff
register letters in their own; only the letter's own office corrects it or its scans. Partner
organisations and observers are refused (403), and a refused change changes nothing; people
outside the partnership are told it does not exist (404); visitors who are not signed in go to
the login (302).
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from pobratym.agreements.models import Letter, LetterScan
from pobratym.agreements.services import letters as services
from pobratym.partnerships.models import Role
from tests.access import ROLES, Cast, Page, http_check
from tests.agreements.letter_factories import letter_fields, letter_register, pdf_upload
from tests.agreements.test_rules import RULES
from tests.factories import member_create, partnership_create

pytestmark = pytest.mark.django_db

OFFICE = RULES["agreements.view_letter"][1]
REGISTRARS = RULES["agreements.register_letter"][1]
LETTERS_OWN_REGISTRARS = RULES["agreements.change_letter"][1]  # the letter is side 1's


@dataclass
class World:
    partnership: object
    letter: Letter
    scan: LetterScan


def _world(partnership, registrar) -> World:
    letter = letter_register(partnership, registrar)
    scan = services.letter_scan_add(letter=letter, by=registrar, upload=pdf_upload())
    return World(partnership=partnership, letter=letter, scan=scan)


def _form(world, person):
    data = letter_fields()  # a new registration number each time
    data["registered_at"] = "2024-05-09T10:15"
    return data


def _letter_url(name, extra=lambda w: ()):
    return lambda w: reverse(
        f"agreements:{name}", args=[w.partnership.slug, w.letter.pk, *extra(w)]
    )


def _register_url(w):
    return reverse("agreements:letter_create", args=[w.partnership.slug])


PAGES = [
    Page("list", lambda w: reverse("agreements:letter_list", args=[w.partnership.slug]), OFFICE),
    Page("detail", _letter_url("letter_detail"), OFFICE),
    Page("scan", _letter_url("letter_scan", lambda w: [w.scan.pk]), OFFICE),
    Page("register", _register_url, REGISTRARS),
    Page("register (post)", _register_url, REGISTRARS, method="post", data=_form, success=302),
    Page("edit", _letter_url("letter_edit"), LETTERS_OWN_REGISTRARS),
    Page(
        "edit (post)",
        _letter_url("letter_edit"),
        LETTERS_OWN_REGISTRARS,
        method="post",
        data=_form,
        success=302,
    ),
    Page(
        "add scan (post)",
        _letter_url("letter_detail"),
        LETTERS_OWN_REGISTRARS,
        method="post",
        data=lambda w, person: {"scan": pdf_upload()},
        success=302,
    ),
    Page(
        "remove scan (post)",
        _letter_url("letter_scan_remove", lambda w: [w.scan.pk]),
        LETTERS_OWN_REGISTRARS,
        method="post",
        success=302,
    ),
]


def _history_count() -> int:
    return Letter.history.count() + LetterScan.history.count()


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_answers_by_role_and_side_and_refusals_change_nothing(page, partnership):
    cast = Cast(partnership)
    world = _world(partnership, cast[(Role.COORDINATOR, 1)])

    http_check(page, world, cast, unchanged=_history_count)


def test_letter_of_another_partnership_is_not_found_through_ones_own(partnership, client_of):
    registrar = member_create(partnership, Role.COORDINATOR).user
    world = _world(partnership, registrar)
    elsewhere = partnership_create()
    other = _world(elsewhere, member_create(elsewhere, Role.COORDINATOR).user)
    url = reverse("agreements:letter_detail", args=[partnership.slug, other.letter.pk])
    scan_url = reverse(
        "agreements:letter_scan", args=[partnership.slug, world.letter.pk, other.scan.pk]
    )

    assert client_of(registrar).get(url).status_code == 404
    assert client_of(registrar).get(scan_url).status_code == 404


def test_letters_link_in_the_partnership_menu_only_for_the_offices(partnership, client_of):
    dashboard = reverse("partnerships:dashboard", args=[partnership.slug])
    letters = reverse("agreements:letter_list", args=[partnership.slug])
    signatory = member_create(partnership, Role.SIGNATORY).user
    observer = member_create(partnership, Role.OBSERVER).user

    assert letters in client_of(signatory).get(dashboard).content.decode()
    assert letters not in client_of(observer).get(dashboard).content.decode()


def test_agreement_page_shows_its_letters_only_to_the_offices(partnership, client_of):
    """The register stays closed through every page that lists letters (issue 10, finding 3)."""
    from tests.agreements.factories import agreement_draft

    cast = Cast(partnership)
    registrar = cast[(Role.COORDINATOR, 1)]
    agreement = agreement_draft(partnership, registrar)
    letter_register(partnership, registrar, agreement=agreement, subject="Secret subject 4711")
    address = reverse("agreements:detail", args=[partnership.slug, agreement.pk])

    for role in ROLES:
        page = client_of(cast[(role, 2)]).get(address)

        assert page.status_code == 200, role
        assert ("Secret subject 4711" in page.content.decode()) == ((role, 2) in OFFICE), role
