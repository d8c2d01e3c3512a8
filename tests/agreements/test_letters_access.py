"""Who gets which page of the letters register: status codes per role and side, over HTTP.

The offices (coordinators, staff, signatories) read both registers; coordinators and staff
register letters in their own; only the letter's own office corrects it or its scans. Partner
organisations and observers are refused (403); people outside the partnership are told it does
not exist (404); visitors who are not signed in go to the login (302).
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from pobratym.agreements.models import Letter, LetterScan
from pobratym.agreements.services import letters as services
from pobratym.partnerships.models import Role
from tests.agreements.letter_factories import letter_fields, letter_register, pdf_upload
from tests.factories import member_create, partnership_create

pytestmark = pytest.mark.django_db

ROLES = [Role.COORDINATOR, Role.STAFF, Role.SIGNATORY, Role.PARTNER, Role.OBSERVER]
OFFICE = {Role.COORDINATOR, Role.STAFF, Role.SIGNATORY}
REGISTRARS = {Role.COORDINATOR, Role.STAFF}


@dataclass
class World:
    partnership: object
    letter: Letter
    scan: LetterScan


def _world() -> World:
    partnership = partnership_create()
    registrar = member_create(partnership, Role.COORDINATOR, position=1).user
    letter = letter_register(partnership, registrar)
    scan = services.letter_scan_add(letter=letter, by=registrar, upload=pdf_upload())
    return World(partnership=partnership, letter=letter, scan=scan)


def _form(world, number="99/1"):
    data = letter_fields(registration_number=number)
    data["registered_at"] = "2024-05-09T10:15"
    return data


@dataclass
class Action:
    name: str
    method: str
    url: object
    allowed: object
    data: object = None
    success: int = 200

    def __str__(self):
        return self.name


def _office(role, relation):
    return role in OFFICE


def _registrar(role, relation):
    return role in REGISTRARS


def _letters_own_registrar(role, relation):
    return role in REGISTRARS and relation == "own side"


def _letter_url(name, extra=lambda w: ()):
    return lambda w: reverse(
        f"agreements:{name}", args=[w.partnership.slug, w.letter.pk, *extra(w)]
    )


ACTIONS = [
    Action(
        "list",
        "get",
        lambda w: reverse("agreements:letter_list", args=[w.partnership.slug]),
        _office,
    ),
    Action("detail", "get", _letter_url("letter_detail"), _office),
    Action("scan", "get", _letter_url("letter_scan", lambda w: [w.scan.pk]), _office),
    Action(
        "register",
        "get",
        lambda w: reverse("agreements:letter_create", args=[w.partnership.slug]),
        _registrar,
    ),
    Action(
        "register (post)",
        "post",
        lambda w: reverse("agreements:letter_create", args=[w.partnership.slug]),
        _registrar,
        data=_form,
        success=302,
    ),
    Action("edit", "get", _letter_url("letter_edit"), _letters_own_registrar),
    Action(
        "edit (post)",
        "post",
        _letter_url("letter_edit"),
        _letters_own_registrar,
        data=_form,
        success=302,
    ),
    Action(
        "add scan (post)",
        "post",
        _letter_url("letter_detail"),
        _letters_own_registrar,
        data=lambda w: {"scan": pdf_upload()},
        success=302,
    ),
    Action(
        "remove scan (post)",
        "post",
        _letter_url("letter_scan_remove", lambda w: [w.scan.pk]),
        _letters_own_registrar,
        data=lambda w: {},
        success=302,
    ),
]


def _request(client, action: Action, world: World):
    url = action.url(world)
    if action.method == "get":
        return client.get(url)
    return client.post(url, action.data(world))


@pytest.mark.parametrize("action", ACTIONS, ids=str)
@pytest.mark.parametrize("relation", ["own side", "other side"])
@pytest.mark.parametrize("role", ROLES)
def test_member_gets_page_or_403_by_role_and_side(action, relation, role, client_of):
    world = _world()
    person = member_create(world.partnership, role, position=1 if relation == "own side" else 2)

    response = _request(client_of(person.user), action, world)

    expected = action.success if action.allowed(role, relation) else 403
    assert response.status_code == expected, getattr(response, "content", b"")[:500]


@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_member_of_another_partnership_gets_404(action, client_of):
    world = _world()
    outsider = member_create(partnership_create(), Role.COORDINATOR).user

    response = _request(client_of(outsider), action, world)

    assert response.status_code == 404


@pytest.mark.parametrize("action", ACTIONS, ids=str)
def test_anonymous_visitor_is_sent_to_login(action):
    world = _world()

    response = _request(Client(), action, world)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_letter_of_another_partnership_is_not_found_through_ones_own(client_of):
    world, other = _world(), _world()
    coordinator = member_create(world.partnership, Role.COORDINATOR).user
    url = reverse("agreements:letter_detail", args=[world.partnership.slug, other.letter.pk])
    scan_url = reverse(
        "agreements:letter_scan", args=[world.partnership.slug, world.letter.pk, other.scan.pk]
    )

    assert client_of(coordinator).get(url).status_code == 404
    assert client_of(coordinator).get(scan_url).status_code == 404


CHANGES = [action for action in ACTIONS if action.method == "post"]


@pytest.mark.parametrize("action", CHANGES, ids=str)
def test_refused_change_changes_nothing(action, client_of):
    world = _world()
    observer = member_create(world.partnership, Role.OBSERVER, position=1).user
    other_office = member_create(world.partnership, Role.SIGNATORY, position=2).user
    before = Letter.history.count() + LetterScan.history.count()

    for person in (observer, other_office):
        assert _request(client_of(person), action, world).status_code == 403

    assert Letter.history.count() + LetterScan.history.count() == before


def test_letters_link_in_the_partnership_menu_only_for_the_offices(partnership, client_of):
    dashboard = reverse("partnerships:dashboard", args=[partnership.slug])
    letters = reverse("agreements:letter_list", args=[partnership.slug])
    signatory = member_create(partnership, Role.SIGNATORY).user
    observer = member_create(partnership, Role.OBSERVER).user

    assert letters in client_of(signatory).get(dashboard).content.decode()
    assert letters not in client_of(observer).get(dashboard).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_agreement_page_shows_its_letters_only_to_the_offices(role, client_of):
    """The register stays closed through every page that lists letters (issue 10, finding 3)."""
    from tests.agreements.factories import agreement_draft

    partnership = partnership_create()
    registrar = member_create(partnership, Role.COORDINATOR, position=1).user
    agreement = agreement_draft(partnership, registrar)
    letter_register(partnership, registrar, agreement=agreement, subject="Secret subject 4711")
    reader = member_create(partnership, role, position=2).user

    page = client_of(reader).get(
        reverse("agreements:detail", args=[partnership.slug, agreement.pk])
    )

    assert page.status_code == 200
    assert ("Secret subject 4711" in page.content.decode()) == (role in OFFICE)
