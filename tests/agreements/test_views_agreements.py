"""The agreement pages over HTTP: who may see and do what, the whole life of an agreement as
people click through it, and bad input that must end in a message, never a 500."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pobratym.agreements.models import Agreement, Amendment, Notice
from pobratym.agreements.services import agreements as services
from pobratym.agreements.services import amendments as amendment_services
from pobratym.partnerships.models import Role
from tests.access import C, Cast, G, Page, http_check
from tests.agreements.factories import (
    TEXTS,
    agreement_draft,
    agreement_in_force,
    approve_here,
    people,
    sign,
)
from tests.agreements.test_rules import RULES
from tests.factories import member_create, partnership_create
from tests.queries import page_keeps_its_queries

pytestmark = pytest.mark.django_db

AMENDMENT_TEXTS = {"de": ("Änderung 1", "Artikel 3 erhält eine neue Fassung: Jugend.")}


def url(name, partnership, *args, query=""):
    return reverse(f"agreements:{name}", args=[partnership.slug, *args]) + query


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@dataclass
class World:
    partnership: object
    team: dict
    proposed: Agreement
    in_force: Agreement
    amendment: Amendment


def _world(cast: Cast | None = None) -> World:
    """A proposed agreement, one in force and an amendment to it proposed by side 1; the team
    (coordinator1, signatory2, …) are the cast's people when one is given."""
    if cast is None:
        partnership = partnership_create()
        team = people(partnership)
    else:
        partnership = cast.partnership
        team = {f"{role}{side}": cast[(role, side)] for role in (C, G) for side in (1, 2)}
    proposed = agreement_draft(partnership, team["coordinator1"], title="Proposed")
    services.version_propose(version=proposed.versions.get(), by=team["coordinator1"])
    in_force = agreement_in_force(partnership, team, title="In force")
    amendment = amendment_services.amendment_propose(
        agreement=in_force, by=team["coordinator1"], texts=AMENDMENT_TEXTS
    )
    return World(partnership, team, proposed, in_force, amendment)


def _page(name, view, holders, *records, **options):
    """A page of the agreement in force (`in_force`), the proposed one, or the partnership."""
    return Page(
        name,
        lambda w: url(view, w.partnership, *(r(w) if callable(r) else r for r in records)),
        holders,
        **options,
    )


def _in_force(w):
    return w.in_force.pk


def _proposed(w):
    return w.proposed.pk


def _holders(permission):
    return RULES[f"agreements.{permission}"][1]


PAGES = [
    _page("list", "list", _holders("view_agreement")),
    _page("detail", "detail", _holders("view_agreement"), _in_force),
    _page("version", "version", _holders("view_agreement"), _in_force, 1),
    _page("consolidated", "consolidated", _holders("view_agreement"), _in_force),
    _page("amendment", "amendment", _holders("view_agreement"), _in_force, 1),
    _page("create", "create", _holders("add_agreement")),
    _page("edit terms", "edit", _holders("change_agreement"), _proposed),
    _page("sign", "sign", _holders("sign_agreement"), _proposed),
    _page("terminate", "terminate", _holders("terminate_agreement"), _in_force),
    _page("propose amendment", "amendment_create", _holders("propose_amendment"), _in_force),
    _page("successor", "successor", _holders("add_agreement"), _in_force),
    _page(
        "reject amendment (post)",
        "amendment_reject",
        _holders("reject_amendment"),  # the other side than the proposing side 1
        _in_force,
        1,
        method="post",
        data={"reject-reason": "Not now."},
        success=302,
    ),
    _page(
        "withdraw amendment (post)",
        "amendment_withdraw",
        _holders("withdraw_amendment"),  # the proposing side 1
        _in_force,
        1,
        method="post",
        data={"withdraw-reason": "Mistake."},
        success=302,
    ),
]


def _history_count() -> int:
    return Agreement.history.count() + Amendment.history.count()


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_page_answers_by_role_and_side(page, partnership):
    cast = Cast(partnership)

    http_check(page, _world(cast), cast, unchanged=_history_count)


def test_agreement_of_another_partnership_is_not_found(partnership, client_of):
    world = _world()
    coordinator = member_create(partnership, Role.COORDINATOR).user

    response = client_of(coordinator).get(url("detail", partnership, world.in_force.pk))

    assert response.status_code == 404


def _sign_data(fingerprint, **data):
    return {
        "fingerprint": fingerprint,
        "signed_on": timezone.localdate().isoformat(),
        "place": "Schytomyr",
        "signer_name": "Serhij Suchomlyn",
        "signer_title": "Bürgermeister",
    } | data


def test_staff_cannot_sign(client_of):
    world = _world()
    staff = member_create(world.partnership, Role.STAFF, position=1).user
    fingerprint = world.proposed.versions.get().fingerprint

    response = client_of(staff).post(
        url("sign", world.partnership, world.proposed.pk), _sign_data(fingerprint)
    )

    assert response.status_code == 403
    assert not world.proposed.signatures.exists()


def test_signatory_of_side_two_signs_for_side_two_only(client_of):
    world = _world()
    fingerprint = world.proposed.versions.get().fingerprint

    response = client_of(world.team["signatory2"]).post(
        url("sign", world.partnership, world.proposed.pk), _sign_data(fingerprint)
    )

    assert response.status_code == 302
    signature = world.proposed.signatures.get()
    assert signature.side.position == 2
    page = (
        client_of(world.team["coordinator1"])
        .get(url("detail", world.partnership, world.proposed.pk))
        .content.decode()
    )
    assert "Serhij Suchomlyn" in page
    assert "not yet signed" in page
    assert "Signed by one side" in page


def test_page_shows_only_allowed_actions(client_of):
    world = _world()
    observer = member_create(world.partnership, Role.OBSERVER, position=1).user

    observed = client_of(observer).get(url("detail", world.partnership, world.proposed.pk))
    signing = client_of(world.team["signatory1"]).get(
        url("detail", world.partnership, world.proposed.pk)
    )

    sign_link = url("sign", world.partnership, world.proposed.pk)
    assert sign_link not in observed.content.decode()
    assert sign_link in signing.content.decode()


def test_whole_life_of_an_agreement_through_the_pages(client_of):
    partnership = partnership_create()
    team = people(partnership)
    coordinator = client_of(team["coordinator1"])

    response = coordinator.post(
        url("create", partnership),
        {
            "kind": "solidarity",
            "title": "Solidarity partnership Dortmund–Zhytomyr",
            "authoritative_language": "",
            "notice_period_days": "90",
            "title_de": "Solidaritätspartnerschaft",
            "body_de": "Die Städte vereinbaren eine Partnerschaft.",
            "title_uk": "Партнерство солідарності",
            "body_uk": "Міста домовляються про партнерство.",
        },
    )
    agreement = Agreement.objects.get()
    assert response["Location"] == url("detail", partnership, agreement.pk)
    page = coordinator.get(response["Location"]).content.decode()
    assert "not legally binding" in page
    assert "All language versions are equally authoritative" in page
    assert "indefinite" in page

    response = coordinator.post(url("version_propose", partnership, agreement.pk, 1))
    assert response.status_code == 302
    fingerprint = agreement.versions.get().fingerprint

    for position in (1, 2):
        signatory = client_of(team[f"signatory{position}"])
        sign_page = signatory.get(url("sign", partnership, agreement.pk)).content.decode()
        assert f'value="{fingerprint}"' in sign_page
        response = signatory.post(url("sign", partnership, agreement.pk), _sign_data(fingerprint))
        assert response.status_code == 302, response.content[:400]

    page = coordinator.get(url("detail", partnership, agreement.pk)).content.decode()
    assert "In force" in page
    assert "state-in_force" in page

    response = coordinator.post(
        url("amendment_create", partnership, agreement.pk),
        {"title_de": "Änderung Jugend", "body_de": "Artikel 3 umfasst auch Jugendbegegnungen."},
    )
    amendment = agreement.amendments.get()
    assert response["Location"] == url("amendment", partnership, agreement.pk, 1)
    for position in (1, 2):
        response = client_of(team[f"signatory{position}"]).post(
            url("amendment_approve", partnership, agreement.pk, 1),
            {"fingerprint": amendment.fingerprint, "method": "platform"},
        )
        assert response.status_code == 302, response.content[:400]
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.IN_FORCE

    page = coordinator.get(
        url("consolidated", partnership, agreement.pk, query="?language=de")
    ).content.decode()
    assert "Die Städte vereinbaren eine Partnerschaft." in page
    assert "Artikel 3 umfasst auch Jugendbegegnungen." in page

    today = timezone.localdate()
    response = client_of(team["signatory2"]).post(
        url("terminate", partnership, agreement.pk),
        {
            "letter_date": (today - timedelta(days=100)).isoformat(),
            "effective_on": today.isoformat(),
            "reason": "The twinning agreement replaces it.",
        },
    )
    assert response.status_code == 302, response.content[:600]
    page = coordinator.get(url("detail", partnership, agreement.pk)).content.decode()
    assert "state-ended" in page
    assert "written termination" in page
    assert "Record a written termination" not in page


def test_signing_twice_shows_a_message_and_keeps_one_signature(client_of):
    world = _world()
    client = client_of(world.team["signatory1"])
    fingerprint = world.proposed.versions.get().fingerprint
    client.post(url("sign", world.partnership, world.proposed.pk), _sign_data(fingerprint))

    response = client.post(
        url("sign", world.partnership, world.proposed.pk), _sign_data(fingerprint)
    )

    assert response.status_code == 409
    assert "Your side has already signed this agreement." in response.content.decode()
    assert world.proposed.signatures.count() == 1


def test_signing_a_stale_version_is_a_conflict_shown_on_the_form(client_of):
    world = _world()

    response = client_of(world.team["signatory1"]).post(
        url("sign", world.partnership, world.proposed.pk), _sign_data("0" * 64)
    )

    assert response.status_code == 409
    assert "The text has changed since you opened it." in response.content.decode()
    assert not world.proposed.signatures.exists()


def test_text_file_renamed_to_pdf_is_refused_and_nothing_saved(client_of):
    world = _world()
    fake = SimpleUploadedFile("scan.pdf", b"just some text", content_type="application/pdf")

    response = client_of(world.team["signatory1"]).post(
        url("sign", world.partnership, world.proposed.pk),
        _sign_data(world.proposed.versions.get().fingerprint, scan=fake),
    )

    assert response.status_code == 400
    assert "Only PDF, PNG and JPEG files can be uploaded." in response.content.decode()
    assert not world.proposed.signatures.exists()


def test_scan_is_served_to_members_only(client_of):
    from tests.agreements.files import pdf_upload

    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"])
    version = services.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    signature = sign(agreement, team["signatory1"], version.fingerprint, scan=pdf_upload())
    observer = member_create(partnership, Role.OBSERVER, position=2).user
    outsider = member_create(partnership_create(), Role.COORDINATOR).user
    address = url("scan", partnership, "signature", signature.pk)

    response = client_of(observer).get(address)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client_of(outsider).get(address).status_code == 404
    assert Client().get(address).status_code == 302
    assert (
        client_of(observer).get(url("scan", partnership, "letter", signature.pk)).status_code == 404
    )
    assert (
        "/media/"
        not in client_of(observer).get(url("detail", partnership, agreement.pk)).content.decode()
    )


def test_notice_with_too_short_period_shows_the_earliest_date(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_force(partnership, team, notice_period_days=90)
    today = timezone.localdate()

    response = client_of(team["signatory1"]).post(
        url("terminate", partnership, agreement.pk),
        {"letter_date": today.isoformat(), "effective_on": today.isoformat()},
    )

    assert response.status_code == 400
    assert "at the earliest" in response.content.decode()
    assert not Notice.objects.exists()


def test_written_approval_without_scan_is_refused(client_of):
    world = _world()

    response = client_of(world.team["signatory2"]).post(
        url("amendment_approve", world.partnership, world.in_force.pk, 1),
        {
            "fingerprint": world.amendment.fingerprint,
            "method": "written",
            "approved_on": timezone.localdate().isoformat(),
        },
    )

    assert response.status_code == 400
    assert "A written approval needs the date of the letter and its scan." in (
        response.content.decode()
    )
    assert not world.amendment.approvals.exists()


def test_written_approval_with_scan_is_recorded_and_its_scan_linked(client_of):
    from tests.agreements.files import pdf_upload

    world = _world()
    client = client_of(world.team["signatory2"])

    response = client.post(
        url("amendment_approve", world.partnership, world.in_force.pk, 1),
        {
            "fingerprint": world.amendment.fingerprint,
            "method": "written",
            "approved_on": timezone.localdate().isoformat(),
            "scan": pdf_upload(),
        },
    )

    assert response.status_code == 302
    approval = world.amendment.approvals.get()
    page = client.get(url("amendment", world.partnership, world.in_force.pk, 1)).content.decode()
    assert url("scan", world.partnership, "approval", approval.pk) in page


def test_draft_can_be_edited_and_a_proposed_version_cannot(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"])
    client = client_of(team["coordinator1"])
    data = {"note": "Shorter", "title_de": "Neu", "body_de": "Neuer Text."}

    response = client.post(url("version_edit", partnership, agreement.pk, 1), data)
    assert response.status_code == 302
    assert agreement.versions.get().texts.get().body == "Neuer Text."

    client.post(url("version_propose", partnership, agreement.pk, 1))
    response = client.post(url("version_edit", partnership, agreement.pk, 1), data, follow=True)
    assert "can no longer change" in response.content.decode()


def test_text_in_one_language_without_title_is_refused(client_of):
    partnership = partnership_create()
    team = people(partnership)

    response = client_of(team["coordinator1"]).post(
        url("create", partnership),
        {"kind": "solidarity", "title": "X", "body_de": "Nur ein Text."},
    )

    assert response.status_code == 400
    assert "Each language needs both a title and a text, or neither." in response.content.decode()
    assert not Agreement.objects.exists()


def test_page_shows_text_in_the_readers_language_with_links_to_others(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_force(partnership, team)
    client = client_of(team["coordinator2"])

    page = client.get(
        url("detail", partnership, agreement.pk, query="?language=uk")
    ).content.decode()

    assert 'lang="uk"' in page
    assert TEXTS["uk"][1] in page
    assert TEXTS["de"][1] not in page
    assert "?language=de" in page
    assert "languages=uk&amp;language=" in page
    assert "languages=de,uk&amp;language=" in page


def test_successor_is_shown_as_milestone_on_the_dashboard(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_force(partnership, team)
    client = client_of(team["coordinator1"])
    due = timezone.localdate() - timedelta(days=1)

    response = client.post(
        url("successor", partnership, agreement.pk),
        {
            "title": "Twinning",
            "due_on": due.isoformat(),
            "title_de": "Partnerschaft",
            "body_de": "Text.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("partnerships:dashboard", args=[partnership.slug])).content.decode()

    assert "Twinning agreement to be concluded by" in page
    assert "overdue" in page
    assert "state-in_force" in page


def _amendment_in_force(agreement, team):
    """An amendment proposed by side 1 and approved by the signatories of both sides."""
    amendment = amendment_services.amendment_propose(
        agreement=agreement, by=team["coordinator1"], texts=AMENDMENT_TEXTS
    )
    approve_here(amendment, team["signatory1"])
    approve_here(amendment, team["signatory2"])
    return amendment


def test_agreement_page_queries_do_not_grow_with_versions_and_amendments(
    client_of, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_force(partnership, team)
    client = client_of(team["coordinator1"])
    address = url("detail", partnership, agreement.pk)

    def grow():
        _amendment_in_force(agreement, team)

    grow()
    client.get(address)
    with CaptureQueriesContext(connection) as few:
        assert client.get(address).status_code == 200
    for _ in range(4):
        grow()
    with django_assert_num_queries(len(few)):
        client.get(address)


def test_version_page_queries_do_not_grow_with_versions(client_of, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"])
    client = client_of(team["coordinator1"])

    def grow():
        version = agreement.versions.order_by("-number").first()
        services.version_propose(version=version, by=team["coordinator1"])
        services.version_create(agreement=agreement, by=team["coordinator1"], texts=TEXTS)

    grow()
    address = url("detail", partnership, agreement.pk)
    client.get(address)
    with CaptureQueriesContext(connection) as few:
        client.get(address)
    for _ in range(4):
        grow()
    with django_assert_num_queries(len(few)):
        client.get(address)


def test_scan_whose_file_is_gone_is_not_found(client_of):
    from tests.agreements.files import pdf_upload

    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"])
    version = services.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    signature = sign(agreement, team["signatory1"], version.fingerprint, scan=pdf_upload())
    signature.scan.storage.delete(signature.scan.name)

    response = client_of(team["coordinator1"]).get(
        url("scan", partnership, "signature", signature.pk)
    )

    assert response.status_code == 404


def test_amendment_form_sent_twice_proposes_one_amendment(client_of):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_force(partnership, team)
    client = client_of(team["coordinator1"])
    form = {"title_de": AMENDMENT_TEXTS["de"][0], "body_de": AMENDMENT_TEXTS["de"][1]}

    assert client.post(url("amendment_create", partnership, agreement.pk), form).status_code == 302
    response = client.post(url("amendment_create", partnership, agreement.pk), form)

    assert response.status_code == 409
    assert "Amendment 1 with this text has already been proposed." in response.content.decode()
    assert agreement.amendments.count() == 1


def test_list_page_queries_do_not_grow_with_agreements(client_of, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    partnership = partnership_create()
    team = people(partnership)
    client = client_of(team["coordinator1"])
    address = url("list", partnership)

    def grow():
        predecessor = agreement_in_force(partnership, team)
        services.successor_create(
            predecessor=predecessor,
            by=team["coordinator1"],
            title="Twinning",
            texts=TEXTS,
            due_on=None,
        )

    grow()
    client.get(address)
    with CaptureQueriesContext(connection) as few:
        assert client.get(address).status_code == 200
    for _ in range(4):
        grow()
    with django_assert_num_queries(len(few)):
        client.get(address)


def test_the_new_agreement_form_sent_twice_creates_one_agreement(client_of):
    partnership = partnership_create()
    coordinator = client_of(people(partnership)["coordinator1"])
    page = coordinator.get(url("create", partnership)).content.decode()
    key = re.search(r'name="idempotency_key" value="([0-9a-f-]{36})"', page).group(1)
    data = {
        "kind": "memorandum",
        "title": "Memorandum on youth encounters",
        "idempotency_key": key,
        "title_en": "Memorandum",
        "body_en": "Youth encounters every summer.",
    }
    first = coordinator.post(url("create", partnership), data)
    second = coordinator.post(url("create", partnership), data)
    assert first["Location"] == second["Location"]
    assert partnership.agreements.count() == 1


def test_the_overview_panel_shows_the_agreement_only_to_those_who_may_see_it(partnership):
    from pobratym.agreements.selectors.agreements import overview_panel
    from tests.agreements.factories import agreement_draft

    coordinator = member_create(partnership, "coordinator").user
    agreement = agreement_draft(partnership, coordinator)
    outsider = member_create(partnership_create(), "coordinator").user

    assert overview_panel(coordinator, partnership)["agreement"] == agreement
    assert overview_panel(outsider, partnership) is None


def _versions_grown(partnership, team, agreement, count):
    """`count` more versions, each proposed (frozen) and followed by a draft with a note."""
    for number in range(count):
        version = agreement.versions.order_by("-number").first()
        services.version_propose(version=version, by=team["coordinator1"])
        texts = {
            **TEXTS,
            "de": (TEXTS["de"][0], f"{TEXTS['de'][1]} Fassung {number}."),
            "en": ("Solidarity partnership", f"The cities agree a partnership, draft {number}."),
        }
        services.version_create(
            agreement=agreement,
            by=team["coordinator1"],
            texts=texts,
            note=f"Geändert nach dem Gespräch {number}.",
        )


@pytest.mark.parametrize(
    ("name", "number", "query"),
    [("version", 2, ""), ("version_diff", 2, "?language=de"), ("version_diff", 3, "?language=en")],
)
def test_version_pages_keep_their_number_of_queries_with_more_versions(
    client_of, django_assert_max_num_queries, name, number, query
):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"])
    _versions_grown(partnership, team, agreement, 2)
    page_keeps_its_queries(
        client_of(team["coordinator1"]),
        url(name, partnership, agreement.pk, number, query=query),
        lambda: _versions_grown(partnership, team, agreement, 4),
        django_assert_max_num_queries,
    )


def test_the_consolidated_text_keeps_its_number_of_queries_with_more_amendments(
    client_of, django_assert_max_num_queries
):
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_force(partnership, team)
    _amendment_in_force(agreement, team)

    def grow():
        for _ in range(4):
            _amendment_in_force(agreement, team)

    page = page_keeps_its_queries(
        client_of(team["coordinator1"]),
        url("consolidated", partnership, agreement.pk, query="?language=de"),
        grow,
        django_assert_max_num_queries,
    )
    assert page.text.count("consolidated-amendment") == 5


def test_agreement_page_queries_do_not_grow_with_letters_and_threads_in_german(
    client_of, django_assert_max_num_queries
):
    """Letters about the agreement registered by the offices of both sides and threads about
    it, all written in German and read in English: each letter names its city and the
    reader's subject, each thread its subject."""
    from tests.agreements.letter_factories import letter_register
    from tests.conversations.factories import post, thread_start

    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_in_force(partnership, team)
    client = client_of(team["coordinator1"])
    address = url("detail", partnership, agreement.pk)

    def grow(count):
        for number in range(count):
            for side in (1, 2):
                letter_register(
                    partnership,
                    team[f"coordinator{side}"],
                    agreement=agreement,
                    subject=f"Vorschlag für den Partnerschaftsvertrag Nr. {number}",
                    letter_language="de",
                )
            thread = thread_start(
                partnership,
                team["coordinator2"],
                subject=f"Fragen zum Vertrag {number}",
                body="Eine Frage zu Artikel 3.",
                language="de",
                attached_to=agreement,
            )
            post(thread, team["coordinator1"], body="Eine Antwort.", language="de")

    grow(1)
    page = page_keeps_its_queries(
        client, address, lambda: grow(4), django_assert_max_num_queries, budget=60
    )
    assert page.text.count("Vorschlag für den Partnerschaftsvertrag") == 10
