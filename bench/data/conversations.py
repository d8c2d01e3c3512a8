"""Threads and messages of each generated partnership, with machine translations in the
shared store as the translation worker leaves them (decision 0013), and the timed person's
read marks.

All with `bulk_create`: 50,000 messages through the services would take an hour and queue a
translation task each. Messages are written in German, Ukrainian or English; about a third
have their machine translations into the other two languages, so searching by a word finds
originals and translations alike."""

import random
import uuid
from datetime import datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from pobratym.conversations.models import Message, MessageRead, Thread
from pobratym.partnerships.models import Partnership, Role
from pobratym.translation.models import Translation, TranslationKind, digest_of

from .people import Cast

BATCH = 5000
LANGUAGES = ("de", "uk", "en")
# Words by language, the same thing said in each, so a translation reads like one.
WORDS = {
    "de": ["Generator", "Krankenhaus", "Wasser", "Schule", "Lieferung", "Decken", "Brücke",
           "Dach", "Laptop", "Termin", "Besuch", "Antrag", "Bericht", "Zoll", "Lager"],
    "uk": ["генератор", "лікарня", "вода", "школа", "доставка", "ковдри", "міст",
           "дах", "ноутбук", "зустріч", "візит", "заявка", "звіт", "митниця", "склад"],
    "en": ["generator", "hospital", "water", "school", "delivery", "blankets", "bridge",
           "roof", "laptop", "meeting", "visit", "application", "report", "customs", "store"],
}  # fmt: skip
SUBJECTS = {
    "de": "Abstimmung zur {word}, Runde {number}",
    "uk": "Узгодження: {word}, раунд {number}",
    "en": "About the {word}, round {number}",
}
TRANSLATED_SHARE = 0.35


def _sentence(rng: random.Random, indexes: list[int], language: str) -> str:
    return " ".join(WORDS[language][i] for i in indexes).capitalize() + "."


def _text(rng: random.Random, language: str) -> tuple[str, list[list[int]]]:
    """A message of one to four sentences, and the words it used (to translate it)."""
    sentences = [
        [rng.randrange(len(WORDS["de"])) for _ in range(rng.randint(5, 14))]
        for _ in range(rng.randint(1, 4))
    ]
    return " ".join(_sentence(rng, s, language) for s in sentences), sentences


def conversations(
    partnership: Partnership,
    cast: Cast,
    *,
    threads: int,
    messages: int,
    rng: random.Random,
    today,
) -> tuple[int, int, int, int]:
    """`threads` threads sharing `messages` messages (at least one each), over the last
    year; the receiving side's coordinator has read all but the newest message of every fifth
    thread. Returns (threads, messages, translations, read marks)."""
    writers = [person for (_side, role), people in cast.items() if role != Role.OBSERVER
               for person in people]  # fmt: skip
    reader = cast[2, Role.COORDINATOR][0]
    end = timezone.make_aware(datetime.combine(today, time(18, 0)))
    sizes = [1] * threads
    for _ in range(messages - threads):
        sizes[rng.randrange(threads)] += 1
    made_threads, planned = [], []
    for number, size in enumerate(sizes, start=1):
        language = rng.choice(LANGUAGES)
        word = rng.randrange(len(WORDS["de"]))
        started = end - timedelta(seconds=rng.uniform(0, 365 * 86400))
        moments = sorted(
            started + timedelta(seconds=rng.uniform(0, (end - started).total_seconds()))
            for _ in range(size)
        )
        thread = Thread(
            partnership=partnership,
            subject=SUBJECTS[language].format(word=WORDS[language][word], number=number),
            language=language,
            created_by=rng.choice(writers),
            restricted=False,
            last_message_at=moments[-1],
            created_at=started,
            updated_at=moments[-1],
        )
        made_threads.append(thread)
        planned.append((thread, moments, word))
    Thread.objects.bulk_create(made_threads, batch_size=BATCH)
    made_messages, sources = [], []
    for thread, moments, _word in planned:
        for moment in moments:
            language = rng.choice(LANGUAGES)
            body, sentences = _text(rng, language)
            made_messages.append(
                Message(
                    thread=thread,
                    author=rng.choice(writers),
                    body=body,
                    language=language,
                    idempotency_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                    created_at=moment,
                    updated_at=moment,
                )
            )
            sources.append(sentences)
    Message.objects.bulk_create(made_messages, batch_size=BATCH)
    translations = []
    message_type = ContentType.objects.get_for_model(Message)
    thread_type = ContentType.objects.get_for_model(Thread)
    for message, sentences in zip(made_messages, sources, strict=True):
        if rng.random() > TRANSLATED_SHARE:
            continue
        for language in LANGUAGES:
            if language != message.language:
                translations.append(
                    _machine(message_type, message, "body", language, message.body,
                             " ".join(_sentence(rng, s, language) for s in sentences))
                )  # fmt: skip
    for thread, _moments, word in planned:
        if rng.random() <= TRANSLATED_SHARE:
            for language in LANGUAGES:
                if language != thread.language:
                    subject = SUBJECTS[language].format(word=WORDS[language][word], number=0)
                    translations.append(
                        _machine(thread_type, thread, "subject", language, thread.subject, subject)
                    )
    Translation.objects.bulk_create(translations, batch_size=BATCH)
    reads = []
    by_thread: dict[int, list[Message]] = {}
    for message in made_messages:
        by_thread.setdefault(message.thread_id, []).append(message)
    for number, thread in enumerate(made_threads):
        thread_messages = by_thread[thread.pk]
        if number % 5 == 0:
            thread_messages = thread_messages[:-1]
        reads.extend(
            MessageRead(message=message, user=reader)
            for message in thread_messages
            if message.author_id != reader.pk
        )
    MessageRead.objects.bulk_create(reads, batch_size=BATCH)
    return len(made_threads), len(made_messages), len(translations), len(reads)


def _machine(content_type, record, field: str, language: str, original: str, text: str):
    return Translation(
        content_type=content_type,
        object_id=record.pk,
        field=field,
        language=language,
        text=text,
        kind=TranslationKind.MACHINE,
        provider="bench",
        source_digest=digest_of(original),
        created_at=record.created_at,
        updated_at=record.created_at,
    )
