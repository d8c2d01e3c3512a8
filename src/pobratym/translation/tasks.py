"""Machine translation of records in the task worker (django-tasks, `pobratym db_worker`).
A provider that is down, slow or over quota never loses anything: readers see the original,
the failure is logged and the record is tried again later, waiting longer each time."""

import logging
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .models import Translatable
from .providers import TranslationError, get_provider
from .services import record_translate_by_machine

logger = logging.getLogger(__name__)


@task()
def record_translate(label: str, pk: int, attempt: int = 1) -> int:
    model = apps.get_model(label)
    if not issubclass(model, Translatable):
        raise ValueError(f"{label} is not translatable")
    record = model._default_manager.filter(pk=pk).first()
    provider = get_provider()
    if record is None or not provider.available:
        return 0
    try:
        return record_translate_by_machine(record=record, provider=provider)
    except TranslationError as error:
        retry = attempt < settings.POBRATYM_TRANSLATION_ATTEMPTS
        logger.warning(
            "Translating %s %s failed (attempt %s, %s): %s",
            label,
            pk,
            attempt,
            "will retry" if retry else "giving up",
            error,
        )
        if retry:
            delay = timedelta(seconds=settings.POBRATYM_TRANSLATION_RETRY_SECONDS * attempt)
            record_translate.using(run_after=timezone.now() + delay).enqueue(label, pk, attempt + 1)
        return 0
