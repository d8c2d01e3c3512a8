"""Every address of the site and every operation of the API, asked by a visitor, by a
coordinator of another partnership and by each role of each side of the demo partnership, and
each answer compared with one table of who may do what (`DOORS`). An address or operation
missing from the table fails the suite, so a new page cannot ship without its row.

A person "gets through" when the answer is not a refusal: a refusal is 401, 403, 404 or 405,
or a redirect to the sign-in page. A form sent empty counts as getting through when it is
answered with the form's errors (400) or a conflict (409): the person was let in, the input was
wrong. POSTs are asked after every GET, refused people first; a POST that uses up its record
(`consumes`) is asked by one holder only.
"""

import os
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from pobratym.partnerships.models import Role
from tests.access import EVERYONE, ROLES, SIDES, who
from tests.factories import member_create, partnership_create, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.sqlite_pass]

C, S, G, P, OBS = Role.COORDINATOR, Role.STAFF, Role.SIGNATORY, Role.PARTNER, Role.OBSERVER
NOBODY = frozenset()
DISCOVER = os.environ.get("EVERY_ADDRESS_DISCOVER") == "1"


@dataclass(frozen=True)
class Door:
    """Who gets through an address: `get` and `post` are the demo partnership's cells that do
    (None: the method is not asked); `visitor` and `outsider` say whether an anonymous visitor
    and a coordinator of another partnership do. `record` names the demo record whose ids fill
    the address when the parameter names alone do not say (see `_records`)."""

    get: frozenset | None = EVERYONE
    post: frozenset | None = None
    visitor: tuple = ()  # the methods a visitor gets through
    outsider: tuple = ()  # the methods a coordinator of another partnership gets through
    consumes: bool = False
    record: str = ""
    body: Callable | None = field(default=None, compare=False)


# --- the addresses ---


def _patterns(resolvers=None, namespace="", prefix=""):
    """(name, route, parameter names) of every page address; the API's are operations."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            if entry.namespace in ("admin", "api"):
                continue  # the admin is for operators (tested in each app); the API below
            yield from _patterns(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield namespace + entry.name, list(entry.pattern.regex.groupindex)


def _operations():
    """("METHOD /path/{param}") of every operation of the API."""
    from pobratym.config.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    for path, methods in schema["paths"].items():
        for method in methods:
            yield f"{method.upper()} {path}"


def _records(partnership, people) -> dict:
    """The demo's records that fill the addresses, with the few the demo does not have."""
    from pobratym.agreements.models import LetterScan
    from pobratym.agreements.services.amendments import amendment_propose
    from pobratym.aid.models import Offer, OfferStatus, Pledge, ReceiptLine, Shipment
    from pobratym.aid.services import receipt_photo_add, receipt_scan_set
    from pobratym.conversations.models import MessageAttachment
    from pobratym.directory.models import Contact, Organisation
    from tests.agreements.factories import TEXTS, agreement_in_force
    from tests.agreements.letter_factories import letter_register, pdf_upload
    from tests.aid.factories import need_post
    from tests.aid.receipt_factories import shipment_in_transit
    from tests.aid.shipment_factories import shipment_loaded
    from tests.conversations.factories import png_upload, post, thread_start
    from tests.factories import focus_area_create, invitation_make

    shipments = Shipment.objects.filter(partnership=partnership).order_by("pk")
    received = shipments.filter(receipt__isnull=False).first()
    thread = thread_start(partnership, people[(S, 2)])
    post(thread, people[(S, 1)], attachments=[png_upload()])
    letter_register(partnership, people[(S, 1)], scans=[pdf_upload()])
    team = {f"{role}{side}": people[(role, side)] for role in (C, G) for side in SIDES}
    agreement = agreement_in_force(partnership, team, title="Youth exchange")
    amendment_propose(agreement=agreement, by=people[(C, 1)], texts=TEXTS)
    receipt = received.receipt
    receipt_scan_set(receipt=receipt, by=people[(S, 2)], upload=pdf_upload())
    receipt_photo_add(receipt=receipt, by=people[(S, 2)], upload=png_upload())
    signature = agreement.signatures.first()
    signature.scan.save("signature.pdf", pdf_upload(), save=True)
    # The directory's records of side 1 (Dortmund), the organisation with its logo.
    organisation = Organisation.objects.filter(
        partnership=partnership, side__position=1, contacts__isnull=False
    )[0]
    organisation.logo.save("logo.png", png_upload(), save=True)
    return {
        "partnership": partnership,
        "need": need_post(partnership, people[(C, 2)]),
        "offer": Offer.objects.filter(partnership=partnership, status=OfferStatus.OPEN)[0],
        "shipment": shipment_loaded(
            partnership, {"sender": people[(S, 1)], "receiver": people[(C, 2)]}
        ),
        "received": received,
        "in_transit": shipment_in_transit(partnership, people[(S, 1)], people[(C, 2)]),
        "line": ReceiptLine.objects.filter(receipt__shipment=received)[0],
        "attachment": MessageAttachment.objects.get(message__thread=thread),
        "scan": LetterScan.objects.filter(letter__partnership=partnership).latest("pk"),
        "agreement": signature.agreement,
        "signature": signature,
        "invitation": invitation_make(partnership, position=2),
        "focus_area": partnership.focus_areas.first() or focus_area_create(partnership),
        "membership": member_create(partnership, OBS, position=2),
        "pledge": Pledge.objects.filter(offer_line__offer__partnership=partnership).first(),
        "organisation": organisation,
        "contact": Contact.objects.filter(organisation=organisation)[0],
        # Another contact of the same city, for the merge of two.
        "other_contact": Contact.objects.filter(side=organisation.side)
        .exclude(pk=Contact.objects.filter(organisation=organisation)[0].pk)
        .first(),
        **_project_records(partnership, people),
        **_plan_records(partnership, people),
        **_report_records(partnership, people),
        **_event_records(partnership, people),
        **_calendar_records(people),
        **_news_records(partnership, people),
    }


def _news_records(partnership, people) -> dict:
    """A news post with a photo by the Dortmund coordinator."""
    from tests.conversations.factories import png_upload
    from tests.portal.factories import news_add

    return {"news_post": news_add(partnership, people[(C, 1)], photo=png_upload())}


def _calendar_records(people) -> dict:
    """A private calendar feed and a personal API token of the Dortmund coordinator's."""
    from pobratym.exchanges.services.feeds import calendar_feed_create
    from pobratym.partnerships.api_tokens import api_token_create

    return {
        "calendar_feed": calendar_feed_create(by=people[(C, 1)])[0],
        "api_token": api_token_create(
            by=people[(C, 1)], name="Script", scope="read", partnership=None, idempotency_key=None
        )[0],
    }


def _event_records(partnership, people) -> dict:
    """The demo's delegation visit with its agenda, a photo and a follow-up task of the
    Dortmund coordinator."""
    from datetime import date

    from pobratym.exchanges.models import Event
    from pobratym.exchanges.services import event_photo_add, follow_up_add
    from tests.conversations.factories import png_upload

    event = Event.objects.filter(partnership=partnership, kind="delegation")[0]
    return {
        "event": event,
        "agenda_item": event.agenda_items.order_by("position")[0],
        "follow_up": follow_up_add(
            event=event, by=people[(S, 1)], title="T", owner=people[(C, 1)], due_on=date(2031, 1, 1)
        ),
        "event_photo": event_photo_add(event=event, by=people[(S, 1)], image=png_upload()),
        **_event_people(event, people),
    }


def _event_people(event, people) -> dict:
    """A participant of the event, and an invitation whose reply link's secret is known."""
    from pobratym.core.tokens import token_digest
    from pobratym.directory.models import Organisation
    from pobratym.exchanges.models import Invitation
    from tests.directory.factories import contact_add
    from tests.exchanges.people import participant_make

    office = people[(S, 1)]
    organisation = Organisation.objects.filter(partnership=event.partnership, side__position=1)[0]
    contact, invitee = (contact_add(organisation, office) for _ in range(2))
    Invitation.objects.create(
        event=event,
        contact=invitee,
        language="de",
        token_hash=token_digest("a-known-reply-secret"),
        invited_by=people[(S, 1)],
    )
    return {
        "participant": participant_make(event, contact, people[(S, 1)]),
        "reply_token": "a-known-reply-secret",
    }


def _project_records(partnership, people) -> dict:
    """A project of side 1's office with a milestone, a result, an organisation, an update with
    a photo and a document, and the demo's funding catalogue and applications."""
    import uuid
    from datetime import date

    from pobratym.directory.models import Organisation
    from pobratym.projects import services
    from pobratym.projects.models import Application, FundingProgramme
    from tests.agreements.letter_factories import pdf_upload
    from tests.conversations.factories import png_upload
    from tests.projects.conftest import project_add

    office = people[(S, 1)]
    project = project_add(partnership, office)
    key = uuid.uuid4
    return {
        "project": project,
        "programme": FundingProgramme.objects.filter(calls__isnull=False)[0],
        "application": Application.objects.filter(partnership=partnership)[0],
        "milestone": services.milestone_add(
            project=project, by=office, idempotency_key=key(), title="M", due_on=date(2026, 6, 1)
        ),
        "indicator": services.indicator_add(
            project=project, by=office, idempotency_key=key(), title="I", unit="%", target=1
        ),
        "project_organisation": services.project_organisation_add(
            project=project,
            by=office,
            idempotency_key=key(),
            organisation=Organisation.objects.filter(partnership=partnership)[0],
            role="partner",
        ),
        "project_update": services.update_post(
            project=project, by=office, idempotency_key=key(), body="U", photos=[png_upload()]
        ),
        "project_document": services.document_add(
            project=project, by=office, idempotency_key=key(), title="D", file=pdf_upload()
        ),
    }


def _plan_records(partnership, people) -> dict:
    """A draft work plan of the Dortmund coordinator with one measure, which the offices may
    still change (the demo's plans are approved by a side already)."""
    from tests.projects.plans import measure_add, plan_add

    plan = plan_add(partnership, people[(C, 1)], title="Plan")
    return {"plan": plan, "measure": measure_add(plan, people[(C, 1)])}


def _report_records(partnership, people) -> dict:
    """A council report of the Dortmund coordinator's, made (its files stand in for the real
    ones, which tests/projects/test_reports.py checks)."""
    from django.core.files.base import ContentFile

    from pobratym.projects.models import Report

    report = Report(partnership=partnership, requested_by=people[(C, 1)], year=2025, language="de")
    report.pdf.save("report.pdf", ContentFile(b"%PDF-1.7"), save=False)
    report.docx.save("report.docx", ContentFile(b"PK"), save=False)
    report.status, report.progress = "done", 100
    report.save()
    return {"report": report}


def _parameters(records: dict, door: Door) -> dict:
    """The value of each parameter an address may take, from the records."""
    shipment = records[door.record or "shipment"]
    attachment, scan, signature = records["attachment"], records["scan"], records["signature"]
    return {
        "slug": records["partnership"].slug,
        "need_id": records["need"].pk,
        "offer_id": records["offer"].pk,
        "shipment_id": shipment.pk,
        "package_id": shipment.packages.first().pk if shipment.packages.exists() else 0,
        "line_id": records["line"].pk,
        "photo_id": getattr(records["received"].receipt.photos.first(), "pk", 0),
        "document": "packing-list",
        "agreement_id": records["agreement"].pk,
        "number": 1,
        "kind": "signature",
        "record_id": getattr(signature, "pk", 0),
        "letter_id": scan.letter_id,
        "scan_id": scan.pk,
        "thread_id": attachment.message.thread_id,
        "message_id": attachment.message_id,
        "attachment_id": attachment.pk,
        "membership_id": records["membership"].pk,
        "invitation_id": records["invitation"].pk,
        "focus_area_id": records["focus_area"].pk,
        "organisation_id": records["organisation"].pk,
        "contact_id": records["contact"].pk,
        "participant_id": records["participant"].pk,
        "reply_token": records["reply_token"],
        "other_id": records["other_contact"].pk,
        "project_id": records["project"].pk,
        "milestone_id": records["milestone"].pk,
        "indicator_id": records["indicator"].pk,
        "role_id": records["project_organisation"].pk,
        "update_id": records["project_update"].pk,
        "update_photo_id": records["project_update"].photos.get().pk,
        "document_id": records["project_document"].pk,
        "programme_id": records["programme"].pk,
        "application_id": records["application"].pk,
        "plan_id": records["plan"].pk,
        "measure_id": records["measure"].pk,
        "report_id": records["report"].pk,
        "event_id": records["event"].pk,
        "agenda_item_id": records["agenda_item"].pk,
        "follow_up_id": records["follow_up"].pk,
        "event_photo_id": records["event_photo"].pk,
        "post_id": records["news_post"].pk,
        "token": records["invitation"].token,
        "label": "aid.need",
        "pk": records["need"].pk,
        "key": "not-a-key",
        "feed_id": records["calendar_feed"].pk,
        "token_id": records["api_token"].pk,
        "secret": "not-a-secret",
        "uidb36": "x",
    }


def _address(name: str, door: Door, records: dict) -> str:
    """The page's address in English, or the API operation's path, filled in."""
    values = _parameters(records, door)
    if " " in name:
        path = name.split(" ", 1)[1]
        return re.sub(r"\{(\w+)\}", lambda match: str(values[match.group(1)]), path)
    if not PAGES:
        PAGES.update(dict(_patterns()))
    with translation.override("en"):
        return reverse(name, kwargs={key: values[key] for key in PAGES[name]})


PAGES = {}  # name -> parameter names, filled on first use (the URLconf is loaded by then)


# --- asking ---


def _people(partnership) -> dict:
    """The demo's people by (role, side), a coordinator of another partnership, a visitor."""
    from pobratym.partnerships.models import Membership

    people = {
        (membership.role, membership.side.position): membership.user
        for membership in Membership.objects.filter(partnership=partnership).select_related(
            "user", "side"
        )
    }
    elsewhere = partnership_create()
    people["outsider"] = member_create(elsewhere, C, position=1).user
    people["visitor"] = None
    return people


def _gets_through(response) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return False
    location = response.get("Location", "")
    return not ("/accounts/login/" in location and response.status_code == 302)


def _ask(method: str, address: str, client: Client, body=None, name: str = ""):
    """A GET, or the form's or API operation's writing method (POST, or PATCH by its name)."""
    if method == "get":
        return client.get(address)
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    if address.startswith("/api/"):
        write = client.patch if name.startswith("PATCH ") else client.post
        return write(address, body or {}, content_type="application/json", headers=headers)
    return client.post(address, body or {}, headers=headers)


def _clients(people: dict) -> dict:
    """A signed-in browser for each person (both factors answered), and one for the visitor."""
    clients = {}
    for cell, person in people.items():
        clients[cell] = Client()
        if person is not None:
            sign_in(clients[cell], person)
    return clients


# Least trusted first: a POST that gets through changes the record for those asking after.
ORDER = ["visitor", "outsider"] + [(role, side) for role in reversed(ROLES) for side in SIDES]


def _cells_text(cells) -> str:
    """A set of cells as the table writes it."""
    if cells == EVERYONE:
        return "EVERYONE"
    if not cells:
        return "NOBODY"
    parts = []
    for sides in ((1, 2), (1,), (2,)):
        roles = [
            role
            for role in ROLES
            if all((role, side) in cells for side in sides)
            and not any((role, side) in cells for side in set(SIDES) - set(sides))
        ]
        if roles:
            names = ", ".join({C: "C", S: "S", G: "G", P: "P", OBS: "OBS"}[r] for r in roles)
            parts.append(
                f"who({names})" if sides == (1, 2) else f"who({names}, sides=[{sides[0]}])"
            )
    return " | ".join(parts)


def _walk(doors: dict, records: dict, people: dict) -> list[str]:
    """Ask every door as the table says; return every answer that differs from it."""
    wrong = []
    posts = []
    for name, door in doors.items():
        address = _address(name, door, records)
        for method, holders in (("get", door.get), ("post", door.post)):
            if holders is None:
                continue
            allowed = set(holders) | {
                kind for kind in ("visitor", "outsider") if method in getattr(door, kind)
            }
            askers = ORDER
            if method == "post":
                refused = [cell for cell in ORDER if cell not in allowed]
                admitted = [cell for cell in ORDER if cell in allowed]
                askers = refused + (admitted[-1:] if door.consumes else admitted)
                posts.append((name, door, address, askers, allowed))
                continue
            wrong += _compare(name, method, address, askers, allowed, people, door)
    for name, door, address, askers, allowed in posts:
        wrong += _compare(name, "post", address, askers, allowed, people, door, records)
    return wrong


def _compare(name, method, address, askers, allowed, people, door, records=None) -> list[str]:
    wrong = []
    body = door.body(records) if (door.body and records) else None
    for cell in askers:
        response = _ask(method, address, people[cell], body, name)  # people: their browsers
        if response.status_code >= 500:
            wrong.append(f"{method.upper()} {name} as {cell}: {response.status_code}")
        elif _gets_through(response) != (cell in allowed):
            expected = "get through" if cell in allowed else "be refused"
            wrong.append(
                f"{method.upper()} {name} as {cell} should {expected}: {response.status_code}"
            )
    return wrong


def _observe(name: str, records: dict, people: dict) -> str:
    """What the site does today at an address, written as a row of the table."""
    row = []
    for method in ("get", "post"):
        address = _address(name, Door(), records)
        answers = {cell: _ask(method, address, people[cell]) for cell in ORDER}  # browsers
        through = {cell for cell, response in answers.items() if _gets_through(response)}
        codes = sorted({response.status_code for response in answers.values()})
        cells = frozenset(cell for cell in through if isinstance(cell, tuple))
        extra = [flag for flag in ("visitor", "outsider") if flag in through]
        row.append(f"{method}={_cells_text(cells)} {extra} {codes}")
    return f'    "{name}": Door(...),  # ' + "; ".join(row)


@pytest.fixture(scope="module")
def demo_doors(django_db_setup, django_db_blocker):
    """The demo with the records that fill the addresses, as (people, records): loaded once per
    test process in a transaction that stays open while the module runs. Each test's own
    transaction is a savepoint inside it, rolled back after the test, so every group of doors
    starts from the state a fresh load leaves, without loading it again (seconds a group)."""
    from django.db import transaction

    from pobratym.partnerships.models import Partnership
    from pobratym.site.demo import load

    with django_db_blocker.unblock(), transaction.atomic():
        load()
        partnership = Partnership.objects.get(slug="dortmund-zhytomyr")
        people = _people(partnership)
        yield people, _records(partnership, people)
        transaction.set_rollback(True)


def _every_name() -> set[str]:
    if not PAGES:
        PAGES.update(dict(_patterns()))
    return set(PAGES) | set(_operations())


def test_every_address_and_operation_has_its_row():
    names = _every_name()
    missing, gone = sorted(names - set(DOORS)), sorted(set(DOORS) - names)
    assert not missing, f"add these to DOORS: {missing}"
    assert not gone, f"these are in DOORS but no longer exist: {gone}"


def _group(name: str) -> str:
    """Doors are asked in groups, each from the demo as loaded (`demo_doors`), so the suite's
    workers share them."""
    if " " in name:
        return "api"
    return name.split(":")[0] if ":" in name else "accounts"


GROUPS = (
    "accounts",
    "partnerships",
    "agreements",
    "conversations",
    "aid",
    "directory",
    "projects",
    "exchanges",
    "translation",
    "portal",
    "api",
)


@pytest.mark.parametrize("group", GROUPS)
def test_each_person_gets_through_exactly_the_doors_the_table_opens(group, demo_doors):
    _every_name()
    people, records = demo_doors
    people = _clients(people)  # signed in anew: a door asked may have ended a session
    doors = {name: door for name, door in DOORS.items() if _group(name) == group}
    if DISCOVER:
        names = sorted(name for name in _every_name() if _group(name) == group)
        print("\n".join(_observe(name, records, people) for name in names))
        pytest.fail("discovery run: write the rows above into DOORS")
    wrong = _walk(doors, records, people)
    assert not wrong, "\n".join(wrong)


def test_every_door_belongs_to_a_group():
    assert {_group(name) for name in DOORS} == set(GROUPS)


# --- the table ---

GET, BOTH = ("get",), ("get", "post")
ME = Door(get=EVERYONE, outsider=GET)  # a person's own pages: anyone signed in
MY_PAGE = Door(get=EVERYONE, post=NOBODY, outsider=GET)
MY_FORM = Door(get=EVERYONE, post=EVERYONE, outsider=BOTH)
OPEN = Door(get=EVERYONE, post=NOBODY, visitor=GET, outsider=GET)  # no sign-in needed
OPEN_FORM = Door(get=EVERYONE, post=EVERYONE, visitor=BOTH, outsider=BOTH)
READ = Door(get=EVERYONE, post=NOBODY)  # members of the partnership read
A_READ = Door(get=EVERYONE)  # the API: a path's other method is another operation
# What a visitor reads without an account, as the portal shows it (decision 0023); the
# demo's records are not public, so a visitor gets the lists and no record of them.
A_PUBLIC = Door(get=EVERYONE, visitor=GET)
C1, C2 = who(C, sides=[1]), who(C, sides=[2])
OFFICE = who(C, S)
OFFICE1, OFFICE2 = who(C, S, sides=[1]), who(C, S, sides=[2])


def _post(holders, **door) -> Door:
    """An action: nobody gets a page by GET."""
    return Door(get=NOBODY, post=holders, **door)


def _form(holders, **door) -> Door:
    """A form page: the same people see it and send it."""
    return Door(get=holders, post=holders, **door)


def _api_post(holders, body=None) -> Door:
    return Door(get=None, post=holders, body=body)


def _need_body(records):
    return {
        "kind": "goods",
        "sector": "health",
        "title": "Water pumps",
        "institution": "Water works",
        "institution_type": "utility",
        "area": "Zhytomyr",
        "lines": [{"item": "Pump", "quantity": "2", "unit": "piece"}],
    }


def _offer_body(records):
    return {
        "donor": "Stadtwerke",
        "donor_kind": "company",
        "lines": [{"item": "Pump", "quantity": "1", "unit": "piece"}],
    }


def _pledge_body(records, names=("offer_line_id", "need_line_id")):
    pledge = records["pledge"]
    return {names[0]: pledge.offer_line_id, names[1]: pledge.need_line_id, "quantity": "1"}


def _project_body(records) -> dict:
    return {"title": "School partnership", "lead_side": 2, "status": "idea"}


def _measure_body(records) -> dict:
    plan = records["plan"]
    return {
        "title": "Exchange",
        "lead_side": 1,
        "starts_on": plan.starts_on.isoformat(),
        "ends_on": plan.starts_on.isoformat(),
    }


def _event_body() -> dict:
    return {
        "kind": "online",
        "title": "Follow-up call",
        "starts_at": "2031-05-12T10:00",
        "ends_at": "2031-05-12T11:00",
        "host_side": 1,
    }


API = "/api/v1/partnerships/{slug}"
DOORS: dict[str, Door] = {
    # the site and its own pages
    "root": OPEN,
    "home": OPEN,
    "health": OPEN,
    "set_language": Door(get=NOBODY, post=EVERYONE, visitor=("post",), outsider=("post",)),
    "profile": MY_FORM,
    "conversations:inbox": MY_PAGE,
    "conversations:notification_settings": MY_FORM,
    # signing in, passwords and two factors (allauth): a person's own
    "account_login": OPEN_FORM,
    "account_signup": OPEN_FORM,
    "account_logout": ME,  # signing out is not asked: the page is enough
    "account_inactive": OPEN,
    "account_email_verification_sent": OPEN,
    "account_confirm_email": OPEN,
    "account_reset_password": OPEN_FORM,
    "account_reset_password_done": OPEN,
    "account_reset_password_from_key": OPEN_FORM,
    "account_reset_password_from_key_done": OPEN,
    "account_change_password": MY_FORM,
    "account_set_password": MY_FORM,
    "account_email": MY_FORM,
    "account_reauthenticate": MY_FORM,
    "account_request_reauthentication_code": MY_FORM,
    "account_confirm_reauthentication_code": MY_FORM,
    "account_confirm_login_code": MY_FORM,
    "mfa_index": MY_PAGE,
    "mfa_authenticate": MY_FORM,
    "mfa_reauthenticate": MY_FORM,
    "mfa_activate_totp": MY_FORM,
    "mfa_generate_recovery_codes": MY_FORM,
    # who has two factors in the demo: coordinators and signatories (and the outsider)
    "mfa_deactivate_totp": Door(get=who(C, G), post=who(C, G), outsider=BOTH),
    "mfa_view_recovery_codes": Door(get=who(C, G), post=NOBODY),
    "mfa_download_recovery_codes": Door(get=who(C, G), post=who(C, G)),
    # partnerships
    "partnerships:list": MY_PAGE,
    "partnerships:dashboard": READ,
    "partnerships:history": READ,
    "partnerships:edit": _form(who(C)),
    "partnerships:members": Door(get=EVERYONE, post=who(C)),
    "partnerships:membership_change": _post(C2, body=lambda records: {"role": OBS}),
    "partnerships:invitation_revoke": _form(C2),
    "partnerships:focus_areas": _form(who(C)),
    "partnerships:focus_area_delete": _form(who(C), consumes=True),
    # the invitation is for someone else's address: members are refused, a visitor reads it
    "partnerships:invitation": Door(get=NOBODY, post=EVERYONE, visitor=BOTH, outsider=("post",)),
    # agreements
    "agreements:list": READ,
    "agreements:detail": READ,
    "agreements:consolidated": READ,
    "agreements:create": _form(who(C)),
    "agreements:edit": _form(who(C)),
    "agreements:sign": _form(who(G)),
    "agreements:terminate": _form(who(G)),
    "agreements:successor": _form(who(C)),
    "agreements:scan": READ,
    "agreements:version": READ,
    "agreements:version_diff": READ,
    "agreements:version_pdf": READ,
    "agreements:version_create": _form(who(C)),
    "agreements:version_edit": _form(who(C)),
    "agreements:version_propose": _form(who(C, G)),
    "agreements:amendment": READ,
    "agreements:amendment_create": _form(who(C, G)),
    # the amendment was proposed by side 1: side 2 rejects it, side 1 withdraws it
    "agreements:amendment_approve": _post(who(G)),
    "agreements:amendment_reject": _post(who(C, G, sides=[2])),
    "agreements:amendment_withdraw": _post(who(C, G, sides=[1])),
    # letters: the offices and signatories read both registers; the letter is side 1's
    "agreements:letter_list": Door(get=who(C, S, G), post=NOBODY),
    "agreements:letter_detail": Door(get=who(C, S, G), post=OFFICE1),
    "agreements:letter_scan": Door(get=who(C, S, G), post=NOBODY),
    "agreements:letter_create": _form(OFFICE),
    "agreements:letter_edit": _form(OFFICE1),
    "agreements:letter_scan_remove": _form(OFFICE1, consumes=True),
    # conversations: observers read, everyone else writes
    "conversations:thread_list": READ,
    "conversations:thread_detail": Door(get=EVERYONE, post=who(C, S, G, P)),
    "conversations:thread_create": _form(who(C, S, G, P)),
    "conversations:attachment": READ,
    "conversations:translation_save": _post(who(C, S, G, P)),
    "conversations:language_set": _post(who(C, S, G, P)),
    # aid: side 2 receives (its needs), side 1 sends (its shipments)
    "aid:dashboard": READ,
    "aid:need_list": READ,
    "aid:need_detail": READ,
    "aid:need_create": _form(OFFICE),
    "aid:need_line": Door(get=OFFICE, post=NOBODY),  # one empty item line of the form
    "aid:need_edit": _form(OFFICE2),
    "aid:need_publish": _post(C2),
    "aid:need_close": _form(OFFICE2),
    "aid:need_cancel": _form(OFFICE2),
    "aid:need_template": READ,
    "aid:need_import": _form(OFFICE),
    "aid:need_export": READ,
    "aid:need_hxl": READ,
    "aid:pledge_confirm": _post(
        C2, body=lambda records: _pledge_body(records, ("offer_line", "need_line"))
    ),
    "aid:offer_list": READ,
    "aid:offer_detail": READ,
    "aid:offer_create": _form(who(C, S, P)),
    "aid:offer_line": Door(get=who(C, S, P), post=NOBODY),
    "aid:offer_decide": _form(C2),
    "aid:offer_export": READ,
    "aid:shipment_list": READ,
    "aid:shipment_detail": READ,
    "aid:shipment_create": _form(OFFICE),
    "aid:shipment_edit": _form(OFFICE1),
    "aid:shipment_load": _post(OFFICE1),
    "aid:shipment_advance": _post(OFFICE1),
    "aid:shipment_pdf": READ,
    "aid:shipment_export": READ,
    "aid:package_add": _post(OFFICE1),
    "aid:packing_line": Door(get=OFFICE1, post=NOBODY),  # one empty line of the package form
    "aid:package_remove": _form(OFFICE1, consumes=True),
    "aid:packing_list_template": READ,
    "aid:packing_list_import": _form(OFFICE1),
    "aid:receipt_create": _form(OFFICE2, record="in_transit"),
    "aid:receipt_detail": Door(get=EVERYONE, post=NOBODY, record="received"),
    "aid:receipt_scan": Door(get=EVERYONE, post=NOBODY, record="received"),
    "aid:receipt_scan_add": _post(OFFICE2, record="received"),
    "aid:receipt_photo": Door(get=EVERYONE, post=NOBODY, record="received"),
    "aid:receipt_photo_add": _post(OFFICE2, record="received"),
    "aid:discrepancy_list": READ,
    "aid:discrepancy_resolve": _form(OFFICE),
    "aid:discrepancy_export": READ,
    # directory: members read organisations, the offices contacts; the records are side 1's
    "directory:organisation_list": READ,
    "directory:organisation_detail": READ,
    "directory:organisation_logo": READ,
    "directory:organisation_create": _form(OFFICE),
    "directory:organisation_edit": _form(OFFICE1),
    "directory:contact_list": Door(get=OFFICE, post=NOBODY),
    "directory:contact_detail": Door(get=OFFICE, post=NOBODY),
    "directory:contact_create": _form(OFFICE),
    "directory:contact_edit": _form(OFFICE1),
    "directory:contact_export": Door(get=C1, post=NOBODY),
    "directory:contact_pdf": Door(get=C1, post=NOBODY),
    # Before the erasure: an anonymised contact is merged no more.
    "directory:contact_merge_choose": Door(get=OFFICE1, post=NOBODY),
    "directory:contact_merge": _form(OFFICE1),
    "directory:contact_erase": _form(C1, consumes=True),
    "directory:retention_list": Door(get=who(C), post=NOBODY),
    "directory:contact_import": _form(OFFICE),
    "directory:contact_template": Door(get=OFFICE, post=NOBODY),
    "directory:contact_list_xlsx": Door(get=OFFICE, post=NOBODY),
    "directory:contact_list_csv": Door(get=OFFICE, post=NOBODY),
    # projects: members read them, the offices of both sides run them
    "projects:project_list": READ,
    "projects:project_detail": READ,
    "projects:project_create": _form(OFFICE),
    "projects:iati_report": READ,
    "projects:project_edit": _form(OFFICE),
    "projects:milestone_add": _form(OFFICE),
    "projects:milestone_complete": _post(OFFICE),
    "projects:indicator_add": _form(OFFICE),
    "projects:indicator_record": _form(OFFICE),
    "projects:budget_line_add": _form(OFFICE),
    "projects:organisation_add": _form(OFFICE),
    "projects:organisation_remove": _post(OFFICE, consumes=True),
    "projects:link_add": _form(OFFICE),
    "projects:link_remove": _post(OFFICE),
    "projects:update_post": _form(OFFICE),
    "projects:update_photo": READ,
    "projects:document_add": _form(OFFICE),
    "projects:document_download": READ,
    # funding: the shared catalogue shown to members, kept by coordinators; applications
    # read by members, recorded by the offices (a reader's POST is refused)
    "projects:application_list": READ,
    "projects:application_create": _form(OFFICE),
    "projects:application_detail": Door(get=EVERYONE, post=OFFICE),
    "projects:programme_list": READ,
    "projects:programme_detail": READ,
    "projects:programme_create": _form(who(C)),
    "projects:programme_edit": _form(who(C)),
    "projects:call_create": _form(who(C)),
    # work plans: members read them, the offices write and follow them, each side's
    # coordinators approve (an empty approval is refused at its form); the draft's measure
    # is removed last
    "projects:plan_list": READ,
    "projects:plan_detail": READ,
    "projects:plan_version": READ,
    "projects:plan_compare": READ,
    "projects:plan_timeline": READ,
    "projects:plan_create": _form(OFFICE),
    "projects:plan_edit": _form(OFFICE),
    "projects:measure_add": _form(OFFICE),
    "projects:measure_edit": _form(OFFICE),
    "projects:measure_progress": _form(OFFICE),
    "projects:version_create": _post(OFFICE),
    "projects:plan_approve": _post(who(C)),
    "projects:measure_remove": _form(OFFICE, consumes=True),
    # council reports: members read and download them, coordinators ask for them (an empty
    # form is refused at its fields) and ask again for a failed one (a ready one stays)
    "projects:report_list": Door(get=EVERYONE, post=who(C)),
    "projects:report_detail": READ,
    "projects:report_retry": _post(who(C)),
    "projects:report_pdf": READ,
    "projects:report_docx": READ,
    # exchanges: members read the events, the offices of both sides run them; a follow-up
    # task (the demo's is the Dortmund coordinator's) is marked done by its owner or a
    # coordinator
    "exchanges:event_list": READ,
    "exchanges:event_detail": READ,
    "exchanges:event_photo": READ,
    "exchanges:event_create": _form(OFFICE),
    "exchanges:event_edit": _form(OFFICE),
    "exchanges:agenda_item_add": _post(OFFICE),
    "exchanges:agenda_item_move": _post(OFFICE),
    "exchanges:agenda_item_remove": _post(OFFICE, consumes=True),
    "exchanges:follow_up_add": _post(OFFICE),
    "exchanges:follow_up_done": _post(who(C)),
    "exchanges:event_photo_add": _post(OFFICE),
    # an event's people: names as the directory shows contacts (the offices), who also add,
    # remove, import and invite; an invitation's reply page opens by its secret alone
    "exchanges:participant_add": _form(OFFICE),
    "exchanges:participant_remove": _form(OFFICE, consumes=True),
    "exchanges:participant_import": _form(OFFICE),
    "exchanges:participant_template": Door(get=OFFICE, post=NOBODY),
    "exchanges:participant_export": Door(get=OFFICE, post=NOBODY),
    "exchanges:invitation_send": _form(OFFICE),
    "exchanges:invitation_reply": OPEN_FORM,
    # the calendar: members read it; a person's feeds are their own (the feed is the Dortmund
    # coordinator's; revoked before a new address would revoke it)
    "exchanges:calendar_month": READ,
    "exchanges:calendar_upcoming": READ,
    "exchanges:calendar_feeds": MY_PAGE,
    "exchanges:calendar_feed_revoke": _form(C1, consumes=True),
    "exchanges:calendar_feed_new": MY_FORM,
    "partnerships:api_tokens": MY_FORM,
    "partnerships:api_token_revoke": _form(C1, consumes=True),
    # records in the reader's language: the offices of both sides translate
    "translation:edit": _form(OFFICE),
    # the public portal (anybody) and the news written for it (coordinators)
    "sitemap": OPEN,
    "portal:partnership": OPEN,
    "portal:news_feed": OPEN,
    "portal:news_photo": OPEN,
    "portal:news_list": READ,
    "portal:news_create": _form(who(C)),
    "portal:news_edit": _form(who(C)),
    # the API: visitors get open data and the public records; members what their pages show
    "GET /api/v1/partnerships/": Door(get=EVERYONE, visitor=GET, outsider=GET),
    "GET /api/v1/cities": Door(get=EVERYONE, visitor=GET, outsider=GET),
    f"GET {API}": A_PUBLIC,
    f"GET {API}/focus-areas": A_PUBLIC,
    f"GET {API}/agreements": A_PUBLIC,
    f"GET {API}/agreements/{{agreement_id}}": A_READ,
    f"GET {API}/aid.hxl.csv": Door(get=EVERYONE, visitor=GET, outsider=GET),
    f"GET {API}/aid/needs": A_PUBLIC,
    f"GET {API}/aid/needs/{{need_id}}": A_READ,
    f"GET {API}/aid/needs/{{need_id}}/matches": A_READ,
    f"GET {API}/aid/offers": A_READ,
    f"GET {API}/aid/offers/{{offer_id}}": A_READ,
    f"GET {API}/aid/shipments": A_READ,
    f"GET {API}/aid/shipments/{{shipment_id}}": A_READ,
    f"GET {API}/directory/organisations": A_READ,
    f"GET {API}/directory/organisations/{{organisation_id}}": A_READ,
    f"GET {API}/directory/contacts": Door(get=OFFICE),
    f"GET {API}/directory/contacts/{{contact_id}}": Door(get=OFFICE),
    "GET /api/v1/events": Door(get=EVERYONE, visitor=GET, outsider=GET),
    f"GET {API}/events.ics": Door(get=EVERYONE, visitor=GET, outsider=GET),
    "GET /api/v1/calendar/feeds/{secret}.ics": Door(get=NOBODY),  # only a real secret opens
    f"GET {API}/events/{{event_id}}": A_READ,
    f"GET {API}/projects": A_PUBLIC,
    f"GET {API}/projects/{{project_id}}": A_READ,
    f"POST {API}/projects": _api_post(OFFICE, _project_body),
    f"GET {API}/funding/applications": A_READ,
    f"GET {API}/plans": A_READ,
    f"GET {API}/plans/{{plan_id}}": A_READ,
    f"POST {API}/plans": _api_post(
        OFFICE,
        lambda records: {"title": "Plan", "starts_on": "2030-01-01", "ends_on": "2030-12-31"},
    ),
    f"POST {API}/plans/{{plan_id}}/measures": _api_post(OFFICE, _measure_body),
    f"GET {API}/activities.iati.xml": Door(get=EVERYONE, visitor=GET, outsider=GET),
    f"POST {API}/events": _api_post(OFFICE, lambda records: _event_body()),
    f"GET {API}/threads": A_READ,
    f"GET {API}/threads/{{thread_id}}": A_READ,
    f"POST {API}/aid/needs": _api_post(OFFICE, _need_body),
    f"PATCH {API}/aid/needs/{{need_id}}": _api_post(
        OFFICE2, lambda records: {"revision": 1, "title": "Water pumps"}
    ),
    f"POST {API}/aid/needs/{{need_id}}/cancel": _api_post(OFFICE2),
    f"POST {API}/aid/needs/{{need_id}}/close": _api_post(OFFICE2),
    f"POST {API}/aid/needs/{{need_id}}/publish": _api_post(C2, lambda records: {"public": False}),
    f"POST {API}/aid/offers": _api_post(who(C, S, P), _offer_body),
    f"POST {API}/aid/offers/{{offer_id}}/accept": _api_post(C2),
    f"POST {API}/aid/offers/{{offer_id}}/decline": _api_post(C2),
    f"POST {API}/aid/pledges": _api_post(C2, _pledge_body),
    f"POST {API}/threads": _api_post(
        who(C, S, G, P), lambda records: {"subject": "Hello", "body": "Hello"}
    ),
    f"POST {API}/threads/{{thread_id}}/messages": _api_post(
        who(C, S, G, P), lambda records: {"body": "Hello"}
    ),
    f"POST {API}/threads/{{thread_id}}/read": _api_post(EVERYONE),
}
