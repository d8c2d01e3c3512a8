"""Messages' translations move into the shared translation store (decision 0013): each
MessageTranslation becomes a translation.Translation of the message's "body" with the same
language, text, kind, author, service, revision and times, and a digest of the message it was
made from; the history of each translation that still exists goes with it (the history of
translations deleted since, such as machine ones dropped when a language was corrected, stays
behind and goes with the old table in 0005). Backwards, the rows go back."""

from django.db import migrations
from django.db.models import OuterRef, Subquery

from pobratym.translation.models import digest_of

FIELD = "body"
BATCH = 500
# What both tables hold alike, besides their keys.
SAME = ("language", "text", "kind", "translated_by_id", "provider", "revision")
HISTORY = ("history_date", "history_change_reason", "history_type", "history_user_id")


def _message_type(apps, db):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.db_manager(db).get_or_create(
        app_label="conversations", model="message"
    )[0]


def _times_from(target, source, **where):
    """`target` rows take created_at/updated_at from the `source` rows `where` names
    (auto_now would otherwise stamp them with the time of the migration)."""
    matching = source.filter(**where)
    target.update(
        created_at=Subquery(matching.values("created_at")[:1]),
        updated_at=Subquery(matching.values("updated_at")[:1]),
    )


def to_store(apps, schema_editor):
    db = schema_editor.connection.alias
    MessageTranslation = apps.get_model("conversations", "MessageTranslation")
    OldHistory = apps.get_model("conversations", "HistoricalMessageTranslation")
    Translation = apps.get_model("translation", "Translation")
    NewHistory = apps.get_model("translation", "HistoricalTranslation")
    old = MessageTranslation.objects.using(db)
    if not old.exists():
        return
    kind = _message_type(apps, db)
    digests = {}
    batch = []
    for row in old.select_related("message").order_by("pk").iterator(chunk_size=BATCH):
        digests[row.message_id] = digest_of(row.message.body)
        batch.append(
            Translation(
                content_type_id=kind.pk,
                object_id=row.message_id,
                field=FIELD,
                source_digest=digests[row.message_id],
                **{name: getattr(row, name) for name in SAME},
            )
        )
        if len(batch) == BATCH:
            Translation.objects.using(db).bulk_create(batch)
            batch = []
    Translation.objects.using(db).bulk_create(batch)
    moved = Translation.objects.using(db).filter(content_type_id=kind.pk, field=FIELD)
    _times_from(moved, old, message_id=OuterRef("object_id"), language=OuterRef("language"))

    new_ids = {
        (message_id, language): pk
        for message_id, language, pk in moved.values_list("object_id", "language", "pk")
    }
    old_ids = set(old.values_list("pk", flat=True))
    history = []
    for entry in OldHistory.objects.using(db).order_by("history_id").iterator(chunk_size=BATCH):
        if entry.id not in old_ids:
            continue  # a translation deleted since
        history.append(
            NewHistory(
                id=new_ids[(entry.message_id, entry.language)],
                created_at=entry.created_at,
                updated_at=entry.updated_at,
                content_type_id=kind.pk,
                object_id=entry.message_id,
                field=FIELD,
                source_digest=digests[entry.message_id],
                **{name: getattr(entry, name) for name in SAME + HISTORY},
            )
        )
    NewHistory.objects.using(db).bulk_create(history, batch_size=BATCH)


def to_conversations(apps, schema_editor):
    db = schema_editor.connection.alias
    Message = apps.get_model("conversations", "Message")
    MessageTranslation = apps.get_model("conversations", "MessageTranslation")
    OldHistory = apps.get_model("conversations", "HistoricalMessageTranslation")
    Translation = apps.get_model("translation", "Translation")
    NewHistory = apps.get_model("translation", "HistoricalTranslation")
    kind = _message_type(apps, db)
    moved = Translation.objects.using(db).filter(content_type_id=kind.pk, field=FIELD)
    moved = moved.filter(object_id__in=Message.objects.using(db).values("pk"))
    MessageTranslation.objects.using(db).bulk_create(
        (
            MessageTranslation(message_id=row.object_id, **{name: getattr(row, name) for name in SAME})
            for row in moved.order_by("pk").iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )
    back = MessageTranslation.objects.using(db).all()
    _times_from(
        back,
        moved,
        object_id=OuterRef("message_id"),
        language=OuterRef("language"),
    )
    old_ids = {
        (message_id, language): pk
        for message_id, language, pk in back.values_list("message_id", "language", "pk")
    }
    history = NewHistory.objects.using(db).filter(content_type_id=kind.pk, field=FIELD)
    OldHistory.objects.using(db).bulk_create(
        (
            OldHistory(
                id=old_ids[(entry.object_id, entry.language)],
                created_at=entry.created_at,
                updated_at=entry.updated_at,
                message_id=entry.object_id,
                **{name: getattr(entry, name) for name in SAME + HISTORY},
            )
            for entry in history.order_by("history_id").iterator(chunk_size=BATCH)
            if (entry.object_id, entry.language) in old_ids
        ),
        batch_size=BATCH,
    )
    history.delete()
    Translation.objects.using(db).filter(content_type_id=kind.pk, field=FIELD).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0003_message_idempotency"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("translation", "0002_translation_text_search_index"),
    ]

    operations = [migrations.RunPython(to_store, to_conversations)]
