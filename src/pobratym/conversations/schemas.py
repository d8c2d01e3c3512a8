"""The conversations API's contract: threads, and messages as one reader sees them.

A message's `text` is in the reader's language where a translation exists, else the original;
`original` always carries what the author wrote and its language. Texts are Markdown source,
as written. What comes in is bounded: text without NUL characters, ids the database holds, a
subject as long as the model takes; a message's length is checked by the service, which says
the limit.
"""

from datetime import datetime
from typing import Literal

from django.conf import settings
from ninja import Field, Schema

from pobratym.core.inputs import Id, Text
from pobratym.translation.models import TranslationKind

from .models import Thread

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
Language = Literal[LANGUAGE_CODES]  # type: ignore[valid-type]
SUBJECT_MAX_LENGTH = Thread._meta.get_field("subject").max_length
# More people than a partnership's two offices hold; a bound, not a rule.
PARTICIPANTS_MAX = 200


class ErrorOut(Schema):
    code: str
    message: str


class InvalidOut(ErrorOut):
    """A request that does not fit the schema; `errors` says where (pydantic's list)."""

    errors: list[dict]


class PersonOut(Schema):
    id: int
    name: str = Field(description="The person's name, or their e-mail address if they gave none.")

    @staticmethod
    def resolve_name(person) -> str:
        return str(person)


class ThreadOut(Schema):
    id: int
    subject: str
    restricted: bool = Field(description="Only the people taking part see the thread.")
    created_by: PersonOut | None = Field(description="Who started it (null: a former member).")
    created_at: datetime
    last_message_at: datetime | None


class ThreadListOut(ThreadOut):
    message_count: int
    unread_count: int = Field(description="Messages of others the reader has not marked read.")


class OriginalOut(Schema):
    language: str
    text: str


class TranslationOut(Schema):
    language: str
    kind: TranslationKind
    translated_by: PersonOut | None = Field(description="The person, for a human translation.")
    revision: int


class MessageOut(Schema):
    id: int
    author: PersonOut | None = Field(description="null: a former member.")
    created_at: datetime
    language: str = Field(description="The language of `text`.")
    text: str = Field(
        description="In the reader's language where a translation exists, else the original."
    )
    translation: TranslationOut | None = Field(description="The translation `text` shows.")
    original: OriginalOut
    needs_translation: bool = Field(
        description="Written in another language than the reader's, and not yet translated."
    )
    seen_by_other_side: bool


class ThreadDetailOut(ThreadOut):
    about: str | None = Field(
        description="The record the thread is about (`app_label.model:id`), if the reader may "
        "see it."
    )
    participants: list[PersonOut]
    messages: list[MessageOut]


class ThreadIn(Schema):
    subject: Text = Field(min_length=1, max_length=SUBJECT_MAX_LENGTH)
    body: Text = Field(description="The first message, Markdown.")
    participants: list[Id] = Field(
        [],
        max_length=PARTICIPANTS_MAX,
        description="Ids of members asked to take part; you take part anyway.",
    )
    restricted: bool = False
    language: Language | None = Field(
        None, description="The language you wrote in; detected from the text if not given."
    )


class MessageIn(Schema):
    body: Text = Field(description="Markdown.")
    language: Language | None = Field(
        None, description="The language you wrote in; detected from the text if not given."
    )


class ReadOut(Schema):
    marked: int = Field(description="How many messages this call marked read.")
