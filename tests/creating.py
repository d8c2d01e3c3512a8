"""Every service that creates a record from a form or an API call, in one table, so the
idempotency tests (SQLite here, real concurrent transactions on PostgreSQL) cover each one.

Each entry makes its record for `team` with an idempotency `key`; `content` changes what is
asked for, so the same key with other content can be tested."""

import uuid

from pobratym.agreements.models import Agreement
from pobratym.aid import services as aid
from pobratym.aid.models import Need, Offer, Package, Shipment
from pobratym.conversations.models import Message
from pobratym.directory.models import Contact, Organisation
from pobratym.exchanges import services as exchanges
from pobratym.exchanges.models import Event, Invitation, Participant
from pobratym.partnerships.api_tokens import api_token_create
from pobratym.partnerships.models import ApiToken
from pobratym.portal.models import NewsPost
from pobratym.projects import services as projects
from pobratym.projects.models import (
    Measure,
    Project,
    ProjectDocument,
    ProjectOrganisation,
    ProjectUpdate,
    Report,
    WorkPlan,
)
from tests.agreements.factories import TEXTS, agreement_draft, agreement_in_force
from tests.agreements.factories import services as agreements
from tests.agreements.letter_factories import pdf_upload
from tests.aid.factories import need_post, offer_make
from tests.conversations.factories import png_upload, post, thread_start
from tests.directory.factories import contact_add, organisation_add
from tests.exchanges.factories import event_add
from tests.exchanges.people import participant_make
from tests.factories import member_create
from tests.portal.factories import news_add
from tests.projects.plans import measure_add, plan_add


def team_of(partnership) -> dict:
    """The people of both sides, and the records some entries add to: a shipment to pack, an
    agreement in force to succeed, a thread to reply in."""
    team = {
        "partnership": partnership,
        "coordinator1": member_create(partnership, "coordinator", position=1).user,
        "coordinator2": member_create(partnership, "coordinator", position=2).user,
        "signatory1": member_create(partnership, "signatory", position=1).user,
        "signatory2": member_create(partnership, "signatory", position=2).user,
        "staff1": member_create(partnership, "staff", position=1).user,
    }
    team["shipment"] = _shipment(team, uuid.uuid4(), "Dortmund – Zhytomyr")
    team["predecessor"] = agreement_in_force(partnership, team)
    team["thread"] = thread_start(partnership, team["coordinator2"])
    team["organisation"] = organisation_add(partnership, team["staff1"], name="Stadtwerke")
    # An event to take part in and be invited to, by the people of `_person`.
    team["event"] = event_add(partnership, team["staff1"], title="Visit")
    team["people"] = [contact_add(team["organisation"], team["staff1"]) for _ in range(2)]
    # A project to name organisations in, post updates to and keep documents with.
    team["project"] = _project(team, uuid.uuid4(), "Water supply")
    team["partners"] = [organisation_add(partnership, team["staff1"]) for _ in range(2)]
    # A work plan to add measures to.
    team["plan"] = plan_add(partnership, team["staff1"])
    return team


def _need(team, key, content):
    return need_post(team["partnership"], team["coordinator2"], idempotency_key=key, title=content)


def _offer(team, key, content):
    return offer_make(team["partnership"], team["staff1"], idempotency_key=key, note=content)


def _shipment(team, key, content):
    return aid.shipment_create(
        partnership=team["partnership"], by=team["coordinator1"], idempotency_key=key, route=content
    )


def _package(team, key, content):
    return aid.package_add(
        shipment=team["shipment"],
        by=team["coordinator1"],
        idempotency_key=key,
        kind="pallet",
        marks=content,
    )


def _agreement(team, key, content):
    return agreement_draft(
        team["partnership"], team["coordinator1"], idempotency_key=key, title=content
    )


def _successor(team, key, content):
    return agreements.successor_create(
        predecessor=team["predecessor"],
        by=team["coordinator1"],
        title=content,
        texts=TEXTS,
        due_on=None,
        idempotency_key=key,
    )


def _thread(team, key, content):
    return thread_start(
        team["partnership"], team["coordinator1"], idempotency_key=key, subject=content
    )


def _message(team, key, content):
    return post(team["thread"], team["coordinator1"], body=content, idempotency_key=key)


def _organisation(team, key, content):
    return organisation_add(team["partnership"], team["staff1"], idempotency_key=key, name=content)


def _contact(team, key, content):
    return contact_add(
        team["organisation"],
        team["staff1"],
        idempotency_key=key,
        name=content,
        email=f"{key}@example.org",
    )


def _event(team, key, content):
    return event_add(team["partnership"], team["staff1"], idempotency_key=key, title=content)


def _person(team, content):
    """One of the team's contacts for each content (another content: another person)."""
    chosen = team.setdefault("chosen", {})
    if content not in chosen:
        chosen[content] = team["people"][len(chosen)]
    return chosen[content]


def _participant(team, key, content):
    contact = _person(team, content)
    return participant_make(team["event"], contact, team["staff1"], idempotency_key=key)


def _invitation(team, key, content):
    contact = _person(team, content)
    return exchanges.invitation_create(
        event=team["event"], contact=contact, by=team["staff1"], idempotency_key=key
    )


def _plan(team, key, content):
    return plan_add(team["partnership"], team["staff1"], key=key, title=content)


def _measure(team, key, content):
    return measure_add(team["plan"], team["staff1"], idempotency_key=key, title=content)


def _report(team, key, content):
    """A council report; the content chooses the year (other content, another year)."""
    return projects.report_request(
        partnership=team["partnership"],
        by=team["coordinator1"],
        idempotency_key=key,
        year=2000 + len(content) % 20,
        language="de",
    )


def _project(team, key, content):
    side = team["partnership"].sides.get(position=1)
    return projects.project_create(
        partnership=team["partnership"],
        by=team["staff1"],
        idempotency_key=key,
        title=content,
        lead_side=side,
    )


def _partner(team, content):
    """One of the team's partner organisations for each content (another content: another)."""
    chosen = team.setdefault("chosen partners", {})
    if content not in chosen:
        chosen[content] = team["partners"][len(chosen)]
    return chosen[content]


def _project_organisation(team, key, content):
    return projects.project_organisation_add(
        project=team["project"],
        by=team["staff1"],
        idempotency_key=key,
        organisation=_partner(team, content),
        role="partner",
    )


def _project_update(team, key, content):
    return projects.update_post(
        project=team["project"],
        by=team["staff1"],
        idempotency_key=key,
        body=content,
        photos=[png_upload()],
    )


def _project_document(team, key, content):
    return projects.document_add(
        project=team["project"],
        by=team["staff1"],
        idempotency_key=key,
        title=content,
        file=pdf_upload(),
    )


def _news_post(team, key, content):
    return news_add(team["partnership"], team["coordinator1"], idempotency_key=key, title=content)


def _api_token(team, key, content):
    return api_token_create(
        by=team["staff1"], name=content, scope="read", partnership=None, idempotency_key=key
    )[0]


CREATORS = {
    "need": (_need, Need),
    "offer": (_offer, Offer),
    "shipment": (_shipment, Shipment),
    "package": (_package, Package),
    "agreement": (_agreement, Agreement),
    "successor": (_successor, Agreement),
    "thread": (_thread, Message),
    "message": (_message, Message),
    "organisation": (_organisation, Organisation),
    "contact": (_contact, Contact),
    "event": (_event, Event),
    "participant": (_participant, Participant),
    "invitation": (_invitation, Invitation),
    "work plan": (_plan, WorkPlan),
    "measure": (_measure, Measure),
    "council report": (_report, Report),
    "project": (_project, Project),
    "project organisation": (_project_organisation, ProjectOrganisation),
    "project update": (_project_update, ProjectUpdate),
    "project document": (_project_document, ProjectDocument),
    "api token": (_api_token, ApiToken),
    "news post": (_news_post, NewsPost),
}
"""name: (make(team, key, content) -> record, the model whose rows it adds)."""
