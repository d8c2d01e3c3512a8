"""Issue 10, finding 9: malformed input is refused where it comes in, never a 500 — ids beyond
what the database holds in every page address and API path, a limit out of range or a cursor
the API did not give, NUL characters in API text. The same tests run on SQLite and PostgreSQL
(`make test-postgres`)."""

import importlib
import pkgutil

import pytest
from django import forms
from django.core import signing
from django.urls import URLResolver, get_resolver, reverse

import pobratym
from pobratym.core.forms import IdField, RecordsField
from pobratym.core.inputs import ID_MAX, IdConverter, parse_id
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post
from tests.factories import member_create

BEYOND = str(ID_MAX + 1)  # one more than PostgreSQL's bigint and SQLite's INTEGER hold
TWENTY_NINES = "9" * 20
PLACEHOLDER = 73_914_602_857  # stands for an id in a reversed address, then replaced


# --- the pieces ---


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("1", 1),
        ("42", 42),
        (str(ID_MAX), ID_MAX),
        (42, 42),
        ("0", None),
        ("", None),
        ("-1", None),
        (" 1", None),
        ("1.0", None),
        ("²", None),
        ("١٢", None),
        (BEYOND, None),
        (TWENTY_NINES, None),
        ("1" * 400, None),
    ],
)
def test_parse_id_takes_only_ids_the_database_holds(written, expected):
    assert parse_id(written) == expected


def test_the_id_converter_refuses_what_the_database_cannot_hold():
    converter = IdConverter()
    assert converter.to_python(str(ID_MAX)) == ID_MAX
    assert converter.to_url(7) == "7"
    with pytest.raises(ValueError):
        converter.to_python(BEYOND)


def test_no_page_address_takes_a_plain_int():
    """Every id in a page address goes through the `id` converter."""
    assert [name for name, converters in _pages() if "int" in _kinds(converters)] == []


# Bounded in the service with its own message (POBRATYM_MESSAGE_MAX_CHARS), or a password.
UNBOUNDED_TEXT = {
    "MessageForm.body",
    "ThreadForm.body",
    "TranslationForm.text",
    "NewAccountForm.password",
    "NewAccountForm.password_again",
}


def _site_forms():
    for module in pkgutil.walk_packages(pobratym.__path__, "pobratym."):
        if module.name.rsplit(".", 2)[-1] == "forms" or ".forms." in module.name:
            importlib.import_module(module.name)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for form in todo.pop().__subclasses__():
            todo.append(form)
            if form.__module__.startswith("pobratym."):
                found.add(form)
    return found


def test_every_text_field_of_every_form_has_a_length():
    """Text columns hold any length: a form field without one took whatever was sent."""
    forms_found = _site_forms()
    unbounded = {
        f"{form.__name__}.{name}"
        for form in forms_found
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field, forms.UUIDField)
        and field.max_length is None
    }
    assert len(forms_found) > 20
    assert unbounded - UNBOUNDED_TEXT == set()


def test_an_id_field_takes_only_ids_the_database_holds():
    field = IdField()
    assert field.clean(str(ID_MAX)) == ID_MAX
    for written in (str(ID_MAX + 1), "0", "²"):
        with pytest.raises(forms.ValidationError):
            field.clean(written)


@pytest.mark.django_db
def test_a_records_field_refuses_an_id_beyond_range_as_an_invalid_value(partnership):
    field = RecordsField(queryset=type(partnership).objects.all())
    assert list(field.clean([str(partnership.pk)])) == [partnership]
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([str(partnership.pk), "9" * 20])
    assert refused.value.code == "invalid_pk_value"


# --- every address ---


def _patterns(resolver=None, namespace=""):
    """(qualified name, converters) of every named address."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif entry.name:
            yield namespace + entry.name, entry.pattern.converters


def _kinds(converters) -> set[str]:
    return {
        type(converter).__name__.removesuffix("Converter").lower()
        for converter in converters.values()
    }


def _pages():
    return [
        (name, converters)
        for name, converters in _patterns()
        if not name.startswith("api:") and _kinds(converters) & {"id", "int"}
    ]


def _api_with_ids():
    return [
        (name, converters)
        for name, converters in _patterns()
        if name.startswith("api:") and any(key.endswith("_id") for key in converters)
    ]


def _address(name, converters, slug: str, id_text: str) -> str:
    kwargs = {}
    for key, converter in converters.items():
        if _kinds({key: converter}) & {"id", "int"} or key.endswith("_id"):
            kwargs[key] = PLACEHOLDER
        elif key == "slug":
            kwargs[key] = slug
        else:
            kwargs[key] = "x"
    return reverse(name, kwargs=kwargs, urlconf=None).replace(str(PLACEHOLDER), id_text)


@pytest.fixture
def coordinator_client(partnership, client_of):
    person = member_create(partnership, Role.COORDINATOR, position=2).user
    need_post(partnership, person)  # some data, so a lookup has rows to miss
    client = client_of(person)
    client.raise_request_exception = False
    return client


@pytest.mark.django_db
def test_every_page_address_with_an_id_beyond_range_is_not_found(partnership, coordinator_client):
    pages = _pages()
    assert len(pages) > 40  # the walk found the site's addresses
    answers = {}
    for name, converters in pages:
        url = _address(name, converters, partnership.slug, BEYOND)
        answers[name] = (
            coordinator_client.get(url).status_code,
            coordinator_client.post(url).status_code,
        )
    assert {name: answer for name, answer in answers.items() if answer != (404, 404)} == {}


@pytest.mark.django_db
def test_every_page_address_with_the_largest_id_is_answered_without_an_error(
    partnership, coordinator_client
):
    """The largest id the database holds reaches the view and its queries: no such record."""
    answers = {}
    for name, converters in _pages():
        url = _address(name, converters, partnership.slug, str(ID_MAX))
        answers[name] = coordinator_client.get(url).status_code
    assert {name: status for name, status in answers.items() if status >= 500} == {}


def _answer(response) -> tuple[int, str | None]:
    """Status and error code; an API error is always JSON."""
    is_json = response["Content-Type"].startswith("application/json")
    return response.status_code, response.json().get("code") if is_json else None


def _api_answer(client, url):
    """GET, or POST with an empty JSON body where the operation takes only POST."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {}, content_type="application/json")
    return response


@pytest.mark.django_db
@pytest.mark.parametrize("id_text", [BEYOND, TWENTY_NINES, "0", "-1", "²"])
def test_every_api_path_with_a_malformed_id_is_refused_as_invalid(
    partnership, coordinator_client, id_text
):
    operations = _api_with_ids()
    assert len(operations) >= 8
    answers = {}
    for name, converters in operations:
        url = _address(name, converters, partnership.slug, id_text)
        answers[name] = _answer(_api_answer(coordinator_client, url))
    assert {name: answer for name, answer in answers.items() if answer != (422, "invalid")} == {}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["a%00b", "a%20b", "x" * 51], ids=["nul", "space", "long"])
def test_every_api_path_with_a_malformed_partnership_name_is_refused_as_invalid(
    partnership, coordinator_client, slug
):
    """A NUL in the name reached PostgreSQL, which refuses it in text: a 500."""
    operations = [(name, c) for name, c in _patterns() if name.startswith("api:") and "slug" in c]
    assert len(operations) >= 15
    answers = {}
    for name, converters in operations:
        url = _address(name, converters, "SLUG", "1").replace("SLUG", slug)
        answers[name] = _answer(_api_answer(coordinator_client, url))
    assert {name: answer for name, answer in answers.items() if answer != (422, "invalid")} == {}


def _signed(value) -> str:
    """A cursor signed as the API signs them, holding whatever `value` is."""
    return signing.dumps(value, salt="pobratym.api.cursor")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "x" * 201,
        _signed("hello"),
        _signed(["yesterday", 1]),
        _signed(["2026-13-45T00:00:00", 1]),
        _signed(["2026-05-04T09:30:00+00:00", TWENTY_NINES]),
        _signed(["2026-05-04T09:30:00+00:00", 1, 2]),
        _signed(["2026-05-04T09:30:00+00:00", 1])[:-3] + "abc",
    ],
    ids=["text", "long", "word", "no time", "no day", "id beyond", "three", "forged"],
)
@pytest.mark.parametrize("listing", ["needs", "offers"])
def test_a_malformed_or_forged_cursor_is_refused_saying_so(
    partnership, coordinator_client, listing, cursor
):
    response = coordinator_client.get(
        f"/api/v1/partnerships/{partnership.slug}/aid/{listing}", {"cursor": cursor}
    )

    assert _answer(response) in ((400, "invalid_cursor"), (400, "invalid_parameter"))
    assert "cursor" in response.json()["message"]


@pytest.mark.django_db
def test_the_largest_limit_gives_the_whole_list_and_a_larger_one_is_refused(
    partnership, coordinator_client
):
    url = f"/api/v1/partnerships/{partnership.slug}/aid/needs"

    whole = coordinator_client.get(f"{url}?limit={ID_MAX}")
    beyond = coordinator_client.get(f"{url}?limit={TWENTY_NINES}")

    assert whole.status_code == 200
    assert (whole.json()["count"], len(whole.json()["items"]), whole.json()["next"]) == (1, 1, None)
    assert _answer(beyond) == (400, "invalid_parameter")


@pytest.mark.django_db
def test_an_offer_filter_by_a_need_beyond_range_is_refused(partnership, coordinator_client):
    response = coordinator_client.get(
        f"/api/v1/partnerships/{partnership.slug}/aid/offers?need_id={TWENTY_NINES}"
    )

    assert _answer(response) == (400, "invalid_parameter")
