"""Hostile input sent to every form and every creating API operation by the person allowed to
use it (the doors of `test_every_address`): oversized text, wrong types, NUL and control
characters, right-to-left and zero-width characters, SQL and script injection, path traversal.
Hypothesis picks the values, field by field. Never a 500; whatever is saved is shown escaped.
It runs on PostgreSQL, the stricter database (it refuses NUL characters in text, for one).
"""

import uuid
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pobratym.partnerships.models import Role
from tests import test_every_address
from tests.test_every_address import DOORS, GROUPS, ORDER, _address, _clients, _group

pytestmark = pytest.mark.django_db

# The demo with the records that fill the addresses, loaded once for the module.
demo_doors = test_every_address.demo_doors

C, G = Role.COORDINATOR, Role.SIGNATORY

SCRIPT = "<script>alert('pobratym')</script>"
HOSTILE = st.one_of(
    st.sampled_from(
        [
            SCRIPT,
            '"><img src=x onerror=alert(1)>',
            "'; DROP TABLE aid_need; --",
            "../../../../etc/passwd",
            "C:\\Windows\\system32\\config",
            "Nul\x00byte",
            "\x07\x1b[31mbell and escape",
            "\u202eevil\u202c right-to-left override",
            "zero\u200bwidth\u200djoiner\ufeff",
            "שלום مرحبا Жито́мир",
            "😀" * 50,
            "x" * 100_000,
            "",
            " ",
            "-1",
            "1e309",
            "NaN",
            "99999999999999999999999999",
            "2026-02-30",
            "0000-00-00T25:61",
            "{{ 7*7 }}",
            "%s%s%n",
        ]
    ),
    st.text(max_size=300),
)
HOSTILE_JSON = st.one_of(
    HOSTILE,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.none(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
)
FUZZ = settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


class _Forms(HTMLParser):
    """The forms of a page that post, by the address they post to: their fields' names, with
    the values of hidden fields (None for the fields a person fills in)."""

    def __init__(self, page: str):
        super().__init__()
        self.page = page
        self.forms: dict[str, dict[str, str | None]] = {}
        self.current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            posts = attributes.get("method", "").lower() == "post"
            action = (attributes.get("action") or self.page).split("?")[0]
            self.current = self.forms.setdefault(action, {}) if posts else None
        elif self.current is not None and tag in ("input", "textarea", "select"):
            name, kind = attributes.get("name"), attributes.get("type", "text")
            if name and kind not in ("submit", "button", "file", "image", "reset"):
                self.current[name] = attributes.get("value", "") if kind == "hidden" else None

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def _forms(client, address: str) -> dict[str, dict[str, str | None]]:
    page = client.get(address)
    if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
        return {}
    parser = _Forms(address)
    parser.feed(page.content.decode())
    return parser.forms


def _holder(door):
    """The most trusted person the table lets through the door's POST."""
    return [cell for cell in ORDER if cell in door.post][-1]


def _shown_escaped(client, response) -> None:
    """After a form was taken, the page it leads to shows no script of ours unescaped."""
    if response.status_code in (301, 302) and response["Location"].startswith("/"):
        page = client.get(response["Location"])
        assert page.status_code < 500, response["Location"]
        assert SCRIPT not in page.content.decode(errors="replace")


def _fuzz_form(client, address, fields):
    free = [name for name, value in fields.items() if value is None]
    if not free:
        return

    @FUZZ
    @given(st.fixed_dictionaries({name: HOSTILE for name in free}))
    def send(values):
        hidden = {name: value for name, value in fields.items() if value is not None}
        hidden.pop("csrfmiddlewaretoken", None)
        if "idempotency_key" in hidden:
            hidden["idempotency_key"] = str(uuid.uuid4())
        response = client.post(address, {**hidden, **values})
        assert response.status_code < 500, (address, values)
        assert SCRIPT not in response.content.decode(errors="replace")
        _shown_escaped(client, response)

    send()


def _fuzz_api(client, address, body):
    @FUZZ
    @given(st.fixed_dictionaries({name: HOSTILE_JSON for name in body}))
    def send(values):
        response = client.post(
            address,
            {**body, **values},
            content_type="application/json",
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert response.status_code < 500, (address, values)

    send()


@pytest.mark.parametrize("group", GROUPS)
def test_hostile_input_never_breaks_a_form_or_the_api(group, demo_doors):
    people, records = demo_doors
    people = _clients(people)
    doors = {name: door for name, door in DOORS.items() if _group(name) == group}
    # Every form the group's pages show, as the coordinators and signatories of both sides
    # see them.
    forms = {}
    for name, door in doors.items():
        if door.get and " " not in name:
            address = _address(name, door, records)
            for cell in ((C, 1), (C, 2), (G, 1), (G, 2)):
                for action, fields in _forms(people[cell], address).items():
                    forms.setdefault(action, {}).update(fields)
    fuzzed = 0
    for name, door in doors.items():
        if not door.post or door.consumes:
            continue
        client = people[_holder(door)]
        address = _address(name, door, records)
        if address.startswith("/api/"):
            if door.body:
                _fuzz_api(client, address, door.body(records))
                fuzzed += 1
        elif address in forms:
            _fuzz_form(client, address, forms[address])
            fuzzed += 1
    assert fuzzed, f"no form of {group} was found to send"
