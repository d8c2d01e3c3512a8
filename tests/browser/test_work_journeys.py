"""My work, role by role: each demo person starts at their language's home, reaches every item
of My work in one click, finds there the form or button to act, and acts on one item; axe-core
checks My work and every kind of page it leads to. A person with nothing left to do is told so.

The demo is taken a few days on first (`_a_few_days_on`), through the services, so that every
kind of work the demo can show is waiting for someone: the solidarity partnership signed and
an amendment to it proposed, the twinning that is to follow it proposed for signature, the
partner organisation invited to Dortmund's twinning with Amiens as well, the generators on the
road, a donor's laptops offered for the school, the beds needed within a week. The demo itself
keeps version 1 a draft and the generators packing, as other tests expect.
"""

import re
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.browser.helpers import SLUG, assert_accessible, html_lang, start_signed_in

LANGUAGE = {"dortmund": "de", "zhytomyr": "uk"}
ROLES = ("coordinator", "staff", "signatory", "partner", "observer")
CELLS = [(side, role) for side in LANGUAGE for role in ROLES]

# The kinds of page My work leads to: the address each lies at, and what offers the action
# there (for the person's role). Reading a thread is its action (opening marks it read); who may
# write also finds the reply form.
PAGES = {
    "thread": r"/conversations/\d+/$",
    "signature": r"/agreements/\d+/sign/$",
    "amendment": r"/agreements/\d+/amendments/\d+/$",
    "offer": r"/aid/offers/\d+/$",
    "receipt": r"/aid/shipments/\d+/receipt/new/$",
    "discrepancy": r"/aid/discrepancies/\d+/resolve/$",
    "deadline": r"/aid/needs/\d+/$",
    "invitation": r"/invitations/[^/]+/$",
    "contact": r"/directory/contacts/\d+/$",
    "application": r"/projects/funding/\d+/$",
    "plan": r"/projects/plans/\d+/(#approval)?$",
    "follow_up": r"/events/\d+/#follow-ups$",
}
ACTIONS = {
    "thread": "main .messages-list",
    "signature": "main form input[name=fingerprint]",
    "amendment": "main form[action$='/approve/']",
    "offer": "main form[action$='/decide/'] button[value=accept],"
    " main form[action$='/pledges/confirm/'] [type=submit]",
    "receipt": "main form input[name=number]",
    "discrepancy": "main form textarea[name=resolution]",
    "deadline": "main .next-step a[href$='/edit/']",
    "invitation": "main form [type=submit]",
    "contact": "main .next-step a[href$='/edit/']",
    "application": "main .next-step form select[name=status]",
    "plan": "main form[action$='/approve/'] input[name=fingerprint]",
    "follow_up": "main form[action*='/follow-ups/'][action$='/done/']",
}
REPLY = "main #reply form textarea[name=body]"
ANSWER = "Danke, gelesen. / Дякую, прочитано."

# What each person finds at least (a domain may add more), and what they act on.
EXPECTED = {
    ("dortmund", "coordinator"): {"thread", "discrepancy"},
    ("dortmund", "staff"): {"thread", "discrepancy"},
    ("dortmund", "signatory"): {"thread", "signature", "amendment"},
    ("dortmund", "partner"): {"thread", "invitation"},
    ("dortmund", "observer"): {"thread"},
    ("zhytomyr", "coordinator"): {"thread", "offer", "receipt", "discrepancy", "deadline"},
    ("zhytomyr", "staff"): {"thread", "receipt", "discrepancy", "deadline"},
    ("zhytomyr", "signatory"): {"thread", "signature", "amendment"},
    ("zhytomyr", "partner"): {"thread"},
    ("zhytomyr", "observer"): {"thread"},
}
ACTS = {
    "coordinator": {"dortmund": "discrepancy", "zhytomyr": "offer"},
    "staff": {"dortmund": "thread", "zhytomyr": "receipt"},
    "signatory": {"dortmund": "amendment", "zhytomyr": "signature"},
    "partner": {"dortmund": "invitation", "zhytomyr": "thread"},
    "observer": {"dortmund": "thread", "zhytomyr": "thread"},  # reading is all they do
}
# Who has nothing left once they have acted and read.
DONE_AFTER = {"partner", "observer"}


AMENDMENT = {
    "de": ("Änderung: Arbeitsplan", "Die Parteien ergänzen den Arbeitsplan 2025/2026."),
    "uk": ("Зміна: робочий план", "Сторони доповнюють робочий план на 2025/2026 роки."),
}
TWINNING = {
    "de": ("Städtepartnerschaft", "Dortmund und Schytomyr schließen eine Städtepartnerschaft."),
    "uk": ("Побратимство", "Дортмунд і Житомир укладають угоду про побратимство."),
}


def _a_few_days_on(demo) -> None:
    from pobratym.accounts.models import User
    from pobratym.agreements.models import Agreement
    from pobratym.agreements.services import agreements, amendments
    from pobratym.aid import services
    from pobratym.aid.models import Need, Shipment

    def person(role: str, side: str) -> User:
        return User.objects.get(email=demo.demo_email(role, side))

    coordinator, sender = person("coordinator", "dortmund"), person("staff", "dortmund")
    solidarity = Agreement.objects.get(partnership__slug=SLUG, kind="solidarity")
    version = agreements.version_propose(version=solidarity.versions.get(number=1), by=coordinator)
    for side, place in (("dortmund", "Dortmund"), ("zhytomyr", "Житомир")):
        signatory = person("signatory", side)
        agreements.agreement_sign(
            agreement=solidarity,
            by=signatory,
            fingerprint=version.fingerprint,
            signed_on=timezone.localdate(),
            place=place,
            signer_name=signatory.name,
            signer_title="Demo",
        )
    amendments.amendment_propose(agreement=solidarity, by=coordinator, texts=AMENDMENT)
    twinning = agreements.successor_create(
        predecessor=solidarity,
        by=coordinator,
        title="Städtepartnerschaft Dortmund – Schytomyr",
        texts=TWINNING,
        due_on=timezone.localdate() + timedelta(days=60),
    )
    agreements.version_propose(version=twinning.versions.get(number=1), by=coordinator)
    _invite_to_amiens(person("partner", "dortmund"), by=coordinator)
    shipment = Shipment.objects.get(partnership__slug=SLUG, status="packing")
    services.shipment_advance(shipment=shipment, by=sender, status="in_transit")
    school = Need.objects.get(partnership__slug=SLUG, institution_type="school")
    services.offer_create(
        partnership=school.partnership,
        by=sender,
        need=school,
        lines=[
            {
                "item": "Ноутбук",
                "quantity": Decimal(10),
                "unit": "piece",
                "estimated_value": Decimal("4500.00"),
                "need_line": school.lines.get(),
            }
        ],
        idempotency_key=uuid.uuid4(),
        language="uk",
        donor_name="Förderverein Lyzeum 25 (Demo)",
        donor_kind="civil_society",
    )
    beds = Need.objects.get(partnership__slug=SLUG, institution_type="civil_protection")
    services.need_update(
        need=beds,
        by=person("coordinator", "zhytomyr"),
        needed_by=timezone.localdate() + timedelta(days=7),
    )


def _invite_to_amiens(partner, *, by) -> None:
    """Dortmund's twinning with Amiens, coordinated by the same office, invites the partner
    organisation too."""
    from pobratym.partnerships import services
    from pobratym.partnerships.models import City, Partnership

    amiens = City(name="Amiens", name_de="Amiens", name_uk="Амʼєн", name_en="Amiens", country="FR")
    amiens.full_clean()
    amiens.save()
    dortmund = by.memberships.get(partnership__slug=SLUG).side.city
    twinning = services.partnership_create(
        slug="dortmund-amiens",
        kind=Partnership.Kind.TWINNING,
        status=Partnership.Status.ACTIVE,
        first_city=dortmund,
        second_city=amiens,
    )
    side = twinning.sides.get(city=dortmund)
    services.membership_add(side=side, user=by, role="coordinator")
    services.invitation_create(side=side, email=partner.email, role="partner", by=by)


def _kind(href: str) -> str:
    kinds = [kind for kind, pattern in PAGES.items() if re.search(pattern, href)]
    assert len(kinds) == 1, f"My work leads to {href}, a page this journey does not know"
    return kinds[0]


def _work(page) -> list[str]:
    """The addresses My work's items lead to, in its order."""
    links = page.locator("main .work-list > li > a")
    return [links.nth(index).get_attribute("href") for index in range(links.count())]


def _open(page, site, href: str) -> None:
    """On My work, the item's link: one click."""
    page.locator(f"main .work-list > li > a[href='{href}']").click()
    page.wait_for_load_state()
    assert page.url == site(href), page.url


def _act(page, kind: str) -> None:
    """Fill in and send the form the item's page offers."""
    main = page.locator("main")
    if kind == "thread":
        form = page.locator("main #reply form")
        form.locator("textarea[name=body]").fill(ANSWER)
    elif kind == "discrepancy":
        form = main.locator("form").filter(has=page.locator("textarea[name=resolution]"))
        form.locator("textarea[name=resolution]").fill("Mit der nächsten Lieferung ersetzt.")
    elif kind == "offer":
        # An offer for a need is confirmed as a pledge (which accepts it); a free one accepted.
        pledge = main.locator("form[action$='/pledges/confirm/']")
        form = pledge.first if pledge.count() else main.locator("form[action$='/decide/']")
    elif kind == "receipt":
        form = main.locator("form").filter(has=page.locator("input[name=number]"))
        form.locator("input[name=number]").fill("ЖТ-ПН-2026/131")
        form.locator("input[name=received_by]").fill("Андрій Шевчук, головний спеціаліст")
    elif kind == "invitation":
        form = main.locator("form").filter(has=page.locator("[type=submit]")).first
    elif kind == "amendment":
        form = main.locator("form[action$='/approve/']")
    elif kind == "signature":
        form = main.locator("form").filter(has=page.locator("input[name=fingerprint]"))
        form.locator("input[name=place]").fill("Житомир" if html_lang(page) == "uk" else "Dortmund")
        form.locator("input[name=signer_name]").fill("Demo")
        form.locator("input[name=signer_title]").fill("Demo")
    else:
        raise AssertionError(f"no way to act on {kind}")
    form.locator("[type=submit]").first.click()
    page.wait_for_load_state()


@pytest.fixture(scope="module")
def checked() -> set:
    """The kinds of page axe-core has checked: each once in the module, by the first person
    who reaches one (every person's own journey checks all its pages when run alone)."""
    return set()


def _check(page, checked: set, kind: str, label: str) -> None:
    if kind not in checked:
        assert_accessible(page, label)
        checked.add(kind)


@pytest.mark.parametrize(("side", "role"), CELLS, ids=[f"{side}-{role}" for side, role in CELLS])
def test_each_person_reaches_every_item_of_my_work_in_one_click_and_acts(
    demo, page, site, checked, side, role
):
    _a_few_days_on(demo)
    language = LANGUAGE[side]
    start_signed_in(page, site, demo.demo_email(role, side))

    page.goto(site(f"/{language}/"))
    assert html_lang(page) == language
    hrefs = _work(page)
    assert page.locator(".main-nav").get_by_text(f"({len(hrefs)})").is_visible()
    _check(page, checked, f"my work {language}", f"My work of {role} {side} ({language})")
    kinds = {href: _kind(href) for href in hrefs}
    assert EXPECTED[side, role] <= set(kinds.values()), kinds

    for href in hrefs:
        _open(page, site, href)
        kind = kinds[href]
        assert page.locator(ACTIONS[kind]).count() >= 1, f"no way to act on {kind} at {href}"
        if kind == "thread":
            assert page.locator(REPLY).count() == (role != "observer")
        _check(page, checked, kind, f"{kind} of {role} {side} ({language})")
        page.go_back()
        page.wait_for_load_state()

    kind = ACTS[role][side]
    acted = next(href for href in hrefs if kinds[href] == kind)
    if kind != "thread" or role != "observer":
        # A thread left My work when it was opened; replying is what may follow.
        page.goto(site(acted))
        _act(page, kind)
        assert page.locator("main .kern-alert--danger, main .errorlist").count() == 0, page.url
        if kind == "thread":
            assert page.locator("main .messages-list").get_by_text(ANSWER).is_visible()

    page.goto(site(f"/{language}/"))
    left = _work(page)
    assert acted not in left
    if role in DONE_AFTER:
        assert left == []
        with translation.override(language):
            nothing = gettext("Nothing awaits you right now.")
        assert page.locator("main").get_by_text(nothing).is_visible()
        assert page.locator("main .work-list").count() == 0
        _check(page, checked, "nothing left", f"My work, nothing left ({language})")
