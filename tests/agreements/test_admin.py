"""The operator's admin corrects records, but never a frozen text or an unchecked upload."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from pobratym.agreements.models import Amendment, Signature, Version
from pobratym.agreements.services import agreements as services
from tests.agreements.factories import agreement_draft, people, sign
from tests.factories import partnership_create

pytestmark = pytest.mark.django_db


def _readonly(model, obj) -> set[str]:
    return set(site._registry[model].get_readonly_fields(RequestFactory().get("/"), obj))


def test_frozen_version_cannot_change_in_the_admin():
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"])
    draft = agreement.versions.get()
    assert "note" not in _readonly(Version, draft)

    frozen = services.version_propose(version=draft, by=team["coordinator1"])

    editable = {field.name for field in Version._meta.fields if field.editable}
    assert editable <= _readonly(Version, frozen)


def test_scans_and_what_the_rules_bind_are_read_only_in_the_admin():
    partnership = partnership_create()
    team = people(partnership)
    agreement = agreement_draft(partnership, team["coordinator1"])
    version = services.version_propose(version=agreement.versions.get(), by=team["coordinator1"])
    signature = sign(agreement, team["signatory1"], version.fingerprint)

    assert {"scan", "version", "side", "agreement"} <= _readonly(Signature, signature)
    assert {"status", "in_force_from"} <= _readonly(Amendment, None)
    for model in ("approval", "notice"):
        admin = next(a for m, a in site._registry.items() if m._meta.model_name == model)
        assert "scan" in admin.get_readonly_fields(RequestFactory().get("/"), None)


def test_records_made_by_workflows_cannot_be_added_in_the_admin():
    request = RequestFactory().get("/")
    for model_name in ("signature", "amendment", "approval", "notice"):
        admin = next(a for m, a in site._registry.items() if m._meta.model_name == model_name)
        assert not admin.has_add_permission(request)
