"""A message into the partnership's other languages through the configured provider; a human
translation is never replaced by a machine one."""

from django.conf import settings
from django.db import IntegrityError, transaction

from pobratym.core.audit import audited
from pobratym.translation.providers import Provider

from .models import Message, MessageTranslation, TranslationKind


def message_translate_by_machine(*, message: Message, provider: Provider) -> list[str]:
    """Translate into each language that has no translation yet; return the languages done.

    Raises TranslationError when the provider fails; what was done until then is kept."""
    done = []
    existing = set(message.translations.values_list("language", flat=True))
    for language, _name in settings.LANGUAGES:
        if language == message.language or language in existing:
            continue
        [text] = provider.translate([message.body], source=message.language, target=language)
        translation = MessageTranslation(
            message=message,
            language=language,
            text=text,
            kind=TranslationKind.MACHINE,
            provider=provider.name,
        )
        # Someone may have saved a human translation meanwhile, even a moment ago: the unique
        # (message, language) refuses ours, and theirs stays.
        try:
            with transaction.atomic():
                audited(translation, None).save()
        except IntegrityError:
            continue
        done.append(language)
    return done
