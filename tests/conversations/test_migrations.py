"""Messages' translations moved from conversations' own table into the translation store
(conversations 0004/0005): nothing is lost either way, people's translations keep their author,
revision, time and history, and the store knows which original each was made from."""

from itertools import groupby

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from pobratym.conversations import services
from pobratym.translation.models import Translation, digest_of
from tests.conversations.factories import thread_start

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("conversations", "0003_message_idempotency")]


def migrate(targets=None):
    """Migrate to `targets`, or back to the latest migrations (the schema the code and every
    later test expect).

    Going back, each app's run of migrations to undo is undone by a `migrate` of its own, in
    the order one `migrate` to `targets` undoes them (dependents first): the same steps, but
    Django then renders the project's state only across each run, not across every migration
    after the first one undone (going back before aid 0006 rendered the state some forty times,
    as projects depend on aid)."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    plan = executor.migration_plan(targets)
    if plan and all(backwards for _migration, backwards in plan):
        for app_label, run in groupby(plan, key=lambda step: step[0].app_label):
            oldest = list(run)[-1][0]
            before = [
                parent.key
                for parent in executor.loader.graph.node_map[oldest.app_label, oldest.name].parents
                if parent.key[0] == app_label
            ]
            MigrationExecutor(connection).migrate(before or [(app_label, None)])
    else:
        executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def test_translations_go_to_the_store_and_back_unchanged(
    partnership, coordinator, other_side_coordinator
):
    message = thread_start(partnership, coordinator, body="Guten Tag", language="de").messages.get()
    services.translation_save(
        message=message, by=other_side_coordinator, language="uk", text="Добрий", revision=0
    )
    human = services.translation_save(
        message=message, by=other_side_coordinator, language="uk", text="Добрий день", revision=1
    )
    try:
        old = migrate(BEFORE)
        MessageTranslation = old.get_model("conversations", "MessageTranslation")
        [back] = MessageTranslation.objects.all()
        assert (back.message_id, back.language, back.text, back.kind) == (
            message.pk,
            "uk",
            "Добрий день",
            "human",
        )
        assert (back.translated_by_id, back.revision) == (other_side_coordinator.pk, 2)
        assert back.created_at == human.created_at
        assert (
            old.get_model("conversations", "HistoricalMessageTranslation")
            .objects.filter(id=back.pk)
            .count()
            == 2
        )
        assert not Translation.objects.exists()
        MessageTranslation.objects.create(
            message_id=message.pk, language="en", text="Good day", kind="machine", provider="deepl"
        )
    finally:
        migrate()

    uk, en = Translation.objects.order_by("language").reverse()
    assert (uk.record, uk.field, uk.text, uk.kind) == (message, "body", "Добрий день", "human")
    assert (uk.translated_by, uk.revision, uk.created_at) == (
        other_side_coordinator,
        2,
        human.created_at,
    )
    assert list(uk.history.values_list("text", "history_user")) == [
        ("Добрий день", other_side_coordinator.pk),
        ("Добрий", other_side_coordinator.pk),
    ]
    assert (en.kind, en.provider, en.revision) == ("machine", "deepl", 1)
    assert uk.source_digest == en.source_digest == digest_of("Guten Tag")
    assert not uk.is_stale(message.body)
    assert {t.language for t in message.translations.all()} == {"uk", "en"}
