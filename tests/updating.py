"""Every service that edits a record from a form or an API call, in one table, so the
no-lost-updates tests (SQLite here, real concurrent transactions on PostgreSQL) cover each one.

Each entry makes its record for `team`, edits it through the service from a given revision
(`change(team, record, revision, text)` writes `text` into the entry's `field`), and names the
page with the edit form and the person who may use it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from pobratym.agreements.services import agreements, letters
from pobratym.aid import services as aid
from pobratym.directory import services as directory
from pobratym.exchanges import services as exchanges
from pobratym.partnerships import services as partnerships
from pobratym.portal import services as portal
from pobratym.projects import services as projects
from pobratym.projects.services import plans
from tests.agreements.factories import agreement_draft
from tests.agreements.letter_factories import letter_register
from tests.aid.factories import need_post
from tests.aid.shipment_factories import shipment_plan
from tests.directory.factories import contact_add, organisation_add
from tests.exchanges.factories import event_add
from tests.factories import focus_area_create, member_create
from tests.portal.factories import news_add
from tests.projects.conftest import project_add
from tests.projects.plans import measure_add, plan_add


@dataclass(frozen=True)
class Editing:
    make: Callable  # (team) -> record
    change: Callable  # (team, record, revision, text) -> record
    field: str  # the text field `change` writes
    page: Callable | None  # (team, record) -> the address of the edit form, if there is one
    editor: str  # the person in `team` who edits


def team_of(partnership) -> dict:
    """A coordinator and a signatory on each side."""
    return {
        "partnership": partnership,
        **{
            f"{role}{position}": member_create(partnership, role, position=position).user
            for role in ("coordinator", "signatory")
            for position in (1, 2)
        },
    }


def _slug(team) -> str:
    return team["partnership"].slug


UPDATERS = {
    "need": Editing(
        make=lambda team: need_post(team["partnership"], team["coordinator2"]),
        change=lambda team, need, revision, text: aid.need_update(
            need=need, by=team["coordinator2"], revision=revision, title=text
        ),
        field="title",
        page=lambda team, need: reverse("aid:need_edit", args=[_slug(team), need.pk]),
        editor="coordinator2",
    ),
    "shipment": Editing(
        make=lambda team: shipment_plan(team["partnership"], team["coordinator1"]),
        change=lambda team, shipment, revision, text: aid.shipment_update(
            shipment=shipment, by=team["coordinator1"], revision=revision, route=text
        ),
        field="route",
        page=lambda team, shipment: reverse("aid:shipment_edit", args=[_slug(team), shipment.pk]),
        editor="coordinator1",
    ),
    "agreement": Editing(
        make=lambda team: agreement_draft(team["partnership"], team["coordinator1"]),
        change=lambda team, agreement, revision, text: agreements.agreement_update(
            agreement=agreement, by=team["coordinator1"], revision=revision, title=text
        ),
        field="title",
        page=lambda team, agreement: reverse("agreements:edit", args=[_slug(team), agreement.pk]),
        editor="coordinator1",
    ),
    "agreement draft version": Editing(
        make=lambda team: agreement_draft(team["partnership"], team["coordinator1"]).versions.get(),
        change=lambda team, version, revision, text: agreements.version_update(
            version=version,
            by=team["coordinator1"],
            revision=revision,
            texts={"de": ("Titel", "Text")},
            note=text,
        ),
        field="note",
        page=lambda team, version: reverse(
            "agreements:version_edit", args=[_slug(team), version.agreement_id, version.number]
        ),
        editor="coordinator1",
    ),
    "letter": Editing(
        make=lambda team: letter_register(team["partnership"], team["coordinator1"]),
        change=lambda team, letter, revision, text: letters.letter_update(
            letter=letter, by=team["coordinator1"], revision=revision, subject=text
        ),
        field="subject",
        page=lambda team, letter: reverse("agreements:letter_edit", args=[_slug(team), letter.pk]),
        editor="coordinator1",
    ),
    "partnership": Editing(
        make=lambda team: team["partnership"],
        change=lambda team, partnership, revision, text: partnerships.partnership_update(
            partnership=partnership, by=team["coordinator1"], revision=revision, description_en=text
        ),
        field="description_en",
        page=lambda team, partnership: reverse("partnerships:edit", args=[_slug(team)]),
        editor="coordinator1",
    ),
    # Edited through the service only; the page adds and removes focus areas.
    "focus area": Editing(
        make=lambda team: focus_area_create(team["partnership"]),
        change=lambda team, area, revision, text: partnerships.focus_area_save(
            partnership=team["partnership"],
            by=team["coordinator1"],
            focus_area=area,
            revision=revision,
            name_en=text,
        ),
        field="name_en",
        page=None,
        editor="coordinator1",
    ),
    "news post": Editing(
        make=lambda team: news_add(team["partnership"], team["coordinator1"]),
        change=lambda team, post, revision, text: portal.news_post_update(
            post=post, by=team["coordinator1"], revision=revision, title=text
        ),
        field="title",
        page=lambda team, post: reverse("portal:news_edit", args=[_slug(team), post.pk]),
        editor="coordinator1",
    ),
    "organisation": Editing(
        make=lambda team: organisation_add(team["partnership"], team["coordinator1"]),
        change=lambda team, organisation, revision, text: directory.organisation_update(
            organisation=organisation, by=team["coordinator1"], revision=revision, name=text
        ),
        field="name",
        page=lambda team, organisation: reverse(
            "directory:organisation_edit", args=[_slug(team), organisation.pk]
        ),
        editor="coordinator1",
    ),
    "contact": Editing(
        make=lambda team: contact_add(
            organisation_add(team["partnership"], team["coordinator1"]), team["coordinator1"]
        ),
        change=lambda team, contact, revision, text: directory.contact_update(
            contact=contact, by=team["coordinator1"], revision=revision, function=text
        ),
        field="function",
        page=lambda team, contact: reverse(
            "directory:contact_edit", args=[_slug(team), contact.pk]
        ),
        editor="coordinator1",
    ),
    "event": Editing(
        make=lambda team: event_add(team["partnership"], team["coordinator1"]),
        change=lambda team, event, revision, text: exchanges.event_update(
            event=event, by=team["coordinator2"], revision=revision, title=text
        ),
        field="title",
        page=lambda team, event: reverse("exchanges:event_edit", args=[_slug(team), event.pk]),
        editor="coordinator2",
    ),
    # A plan's title and years, before any side approved it.
    "work plan": Editing(
        make=lambda team: plan_add(team["partnership"], team["coordinator1"]),
        change=lambda team, plan, revision, text: plans.plan_update(
            plan=plan, by=team["coordinator2"], revision=revision, title=text
        ),
        field="title",
        page=lambda team, plan: reverse("projects:plan_edit", args=[_slug(team), plan.pk]),
        editor="coordinator2",
    ),
    "measure": Editing(
        make=lambda team: measure_add(
            plan_add(team["partnership"], team["coordinator1"]), team["coordinator1"]
        ),
        change=lambda team, measure, revision, text: plans.measure_update(
            measure=measure, by=team["coordinator1"], revision=revision, title=text
        ),
        field="title",
        page=lambda team, measure: reverse(
            "projects:measure_edit", args=[_slug(team), measure.version.plan_id, measure.pk]
        ),
        editor="coordinator1",
    ),
    "project": Editing(
        make=lambda team: project_add(team["partnership"], team["coordinator1"]),
        change=lambda team, project, revision, text: projects.project_update(
            project=project, by=team["coordinator2"], revision=revision, title=text
        ),
        field="title",
        page=lambda team, project: reverse("projects:project_edit", args=[_slug(team), project.pk]),
        editor="coordinator2",
    ),
    # The shared catalogue, corrected by a coordinator within their partnership.
    "funding programme": Editing(
        make=lambda team: funding_programme(team),
        change=lambda team, programme, revision, text: projects.programme_save(
            partnership=team["partnership"],
            by=team["coordinator1"],
            programme=programme,
            revision=revision,
            funder=text,
        ),
        field="funder",
        page=lambda team, programme: reverse(
            "projects:programme_edit", args=[_slug(team), programme.pk]
        ),
        editor="coordinator1",
    ),
    "funding application": Editing(
        make=lambda team: funding_application(team),
        change=lambda team, application, revision, text: projects.application_update(
            application=application, by=team["coordinator2"], revision=revision, reference=text
        ),
        field="reference",
        page=lambda team, application: reverse(
            "projects:application_detail", args=[_slug(team), application.pk]
        ),
        editor="coordinator2",
    ),
}


def funding_programme(team):
    return projects.programme_save(
        partnership=team["partnership"],
        by=team["coordinator1"],
        name=f"Programme {team['partnership'].pk}",
        funder="SKEW",
        funder_kind="federal",
        language="de",
    )


def funding_application(team):
    import uuid
    from datetime import timedelta

    from django.utils import timezone

    call = projects.call_add(
        partnership=team["partnership"],
        programme=funding_programme(team),
        by=team["coordinator1"],
        title="Call",
        apply_by=timezone.localdate() + timedelta(days=60),
    )
    return projects.application_create(
        partnership=team["partnership"],
        by=team["coordinator1"],
        idempotency_key=uuid.uuid4(),
        call=call,
        project=project_add(team["partnership"], team["coordinator1"]),
    )
