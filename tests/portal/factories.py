"""News posts made through the services, as coordinators make them."""

import uuid

from pobratym.portal import services


def news_add(partnership, by, *, idempotency_key=None, **fields):
    fields.setdefault("title", "Generators arrived in Zhytomyr")
    fields.setdefault("body", "The water utility received two generators from Dortmund.")
    fields.setdefault("language", "en")
    return services.news_post_create(
        partnership=partnership,
        by=by,
        idempotency_key=idempotency_key or uuid.uuid4(),
        **fields,
    )
