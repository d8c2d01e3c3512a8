"""Threads and messages for the conversation tests, made through the services."""

import io
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pobratym.conversations import services


def thread_start(partnership, by, body="Hello from the first city.", **fields):
    fields.setdefault("subject", "Our next steps")
    fields.setdefault("language", "en")
    return services.thread_create(
        partnership=partnership,
        by=by,
        body=body,
        idempotency_key=fields.pop("idempotency_key", uuid.uuid4()),
        **fields,
    )


def post(thread, by, body="A reply.", **fields):
    fields.setdefault("language", "en")
    return services.message_post(
        thread=thread,
        by=by,
        body=body,
        idempotency_key=fields.pop("idempotency_key", uuid.uuid4()),
        **fields,
    )


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(output, format="PNG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/png")
