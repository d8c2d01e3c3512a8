"""Every record people edit carries a revision, every form that edits one sends it back, and
every edit is in the table the no-lost-updates tests walk (tests/updating.py). A new model or
edit form that forgets it fails here until it is revised or said to be never edited, and why."""

import pytest
from django import forms
from django.apps import apps
from django.urls import get_resolver

from pobratym.core.forms import RevisedForm
from pobratym.core.models import Revised
from tests.updating import UPDATERS, team_of

# Records nobody edits field by field through a form or the API, and why.
NOT_EDITED = {
    "core.SentEmail": "written once by the mail task",
    "core.RequestCount": "counted by one upsert per API request (core.rates)",
    "accounts.User": "only its owner edits the profile; the admin the rest",
    "partnerships.City": "kept in the admin",
    "partnerships.Side": "made with its partnership",
    "partnerships.Membership": "added, removed, or given a role by one choice (an action)",
    "partnerships.Invitation": "sent, accepted or revoked (actions)",
    "agreements.VersionText": "edited with its version, which carries the revision",
    "agreements.Signature": "appended",
    "agreements.Amendment": "proposed once, then approved, rejected or withdrawn (actions)",
    "agreements.AmendmentText": "proposed with its amendment",
    "agreements.Approval": "appended",
    "agreements.Notice": "recorded once",
    "agreements.LetterScan": "added or removed",
    "translation.Translation": "replaced as a whole by a correction, marked human",
    "conversations.Thread": "started once; messages are appended",
    "conversations.Message": "appended",
    "conversations.MessageAttachment": "appended",
    "conversations.MessageRead": "the reader's own mark",
    "conversations.NotificationSetting": "the person's own choice",
    "aid.NeedLine": "made with its need",
    "aid.Offer": "made once, then accepted or declined (actions)",
    "aid.OfferLine": "made with its offer",
    "aid.Pledge": "pledged once per line pair, then confirmed (actions)",
    "aid.Package": "added or removed",
    "aid.ShipmentLine": "set to a quantity (the same request twice sets the same)",
    "aid.ShipmentEvent": "appended",
    "aid.GoodsReceivedNote": "recorded once, then resolved (actions)",
    "aid.ReceiptLine": "recorded with its note",
    "aid.ReceiptPhoto": "appended",
    "projects.PlanVersion": "made with its plan or as the next one; frozen by the first approval",
    "projects.PlanApproval": "appended",
    "projects.ProjectOrganisation": "added in a role or removed",
    "projects.ProjectUpdate": "posted once",
    "projects.UpdatePhoto": "posted with its update",
    "projects.ProjectDocument": "added once",
    "projects.FundingCall": "added; a corrected call is a new one",
    "projects.Milestone": "added once, then marked completed (an action)",
    "projects.Indicator": "added once; where it stands is set (the same value twice sets the same)",
    "projects.BudgetLine": "added once",
    "projects.Report": "asked for once, then written by the task worker (or asked for again)",
    "exchanges.AgendaItem": "added, removed or moved (actions)",
    "exchanges.Participant": "added once per person, or removed",
    "exchanges.Invitation": "sent once per person; the reply is the invitee's own",
    "exchanges.FollowUp": "added, then marked done (an action)",
    "exchanges.EventPhoto": "appended",
    "exchanges.CalendarFeed": "made, then revoked (actions)",
    "partnerships.ApiToken": "made, then revoked (actions); its last use noted by the API",
}

# Forms that only make a record and carry no idempotency key.
ONLY_CREATING = {
    "pobratym.partnerships.forms.FocusAreaForm": "adds a focus area (keyed by its own key)",
    "pobratym.agreements.forms.LetterCreateForm": "registers a letter (by its number)",
}


def _models():
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("pobratym.")
        and not model._meta.object_name.startswith("Historical")
    ]


def test_every_model_is_revised_or_said_to_be_never_edited():
    unclassified = [
        model._meta.label
        for model in _models()
        if not issubclass(model, Revised) and model._meta.label not in NOT_EDITED
    ]
    assert not unclassified, "Inherit core.models.Revised, or say in NOT_EDITED why not"
    revised = [label for label in NOT_EDITED if issubclass(apps.get_model(label), Revised)]
    assert not revised


def _leaves(cls):
    below = cls.__subclasses__()
    return [leaf for sub in below for leaf in _leaves(sub)] if below else [cls]


def test_every_form_of_a_revised_record_creates_it_once_or_sends_its_revision_back():
    assert get_resolver().url_patterns  # imports every view, and so every form a page uses
    edit_forms = [
        form
        for form in _leaves(forms.ModelForm)
        if form.__module__.startswith("pobratym.")
        and issubclass(form._meta.model, Revised)
        and "idempotency_key" not in form.base_fields
        and f"{form.__module__}.{form.__qualname__}" not in ONLY_CREATING
    ]
    assert {form.__name__ for form in edit_forms} >= {"NeedEditForm", "ShipmentEditForm"}
    assert [form for form in edit_forms if not issubclass(form, RevisedForm)] == []


@pytest.mark.django_db
def test_every_revised_record_is_in_the_table_of_edits(partnership):
    team = team_of(partnership)
    tested = {type(editing.make(team)) for editing in UPDATERS.values()}
    assert {model for model in _models() if issubclass(model, Revised)} <= tested
