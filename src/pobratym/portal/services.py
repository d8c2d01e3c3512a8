"""Every change to the news: a coordinator posts (safe to retry, core.idempotency) and
corrects a post from the revision seen (core.services.model_update)."""

import uuid
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.accounts.models import User
from pobratym.core.audit import audited
from pobratym.core.errors import DomainError, require, validate
from pobratym.core.idempotency import create_once
from pobratym.core.services import model_update
from pobratym.core.uploads import clean_photo
from pobratym.partnerships.models import Partnership
from pobratym.translation.services import language_of, translate_later

from .models import NEWS_FIELDS, NewsPost


def _not_in_future(posted_on: date) -> None:
    if posted_on > timezone.localdate():
        raise DomainError(
            "posted_in_future", _("A news post cannot be dated in the future."), field="posted_on"
        )


def _checked(post: NewsPost, by: User, language: str | None, photo) -> NewsPost:
    _not_in_future(post.posted_on)
    if photo:
        post.photo = clean_photo(photo, field="photo")
    post.language = language_of(post, given=language, default=by.language or settings.LANGUAGE_CODE)
    return post


@transaction.atomic
def news_post_create(
    *,
    partnership: Partnership,
    by: User,
    idempotency_key: uuid.UUID | None,
    title: str,
    body: str,
    posted_on: date | None = None,
    photo=None,
    photo_caption: str = "",
    language: str | None = None,
) -> NewsPost:
    """A coordinator's dated post for the public portal (today unless said otherwise, never in
    the future), with an optional PNG or JPEG photo re-encoded without its metadata; written
    in `language`, the other languages follow from the task worker."""
    require(by, "portal.add_newspost", partnership)
    posted_on = posted_on or timezone.localdate()
    data = {"title": title, "body": body, "posted_on": posted_on, "photo_caption": photo_caption}

    def create(stamp):
        post = NewsPost(partnership=partnership, created_by=by, **stamp)
        model_update(instance=post, fields=NEWS_FIELDS, data=data)
        _checked(post, by, language, photo)
        validate(post, exclude=["idempotency_key"], validate_constraints=False)
        audited(post, by).save()
        translate_later(post)
        return post

    post, _created = create_once(
        NewsPost,
        key=idempotency_key,
        scope={"partnership": partnership, "created_by": by},
        data={**data, "photo": photo, "language": language},
        create=create,
    )
    return post


@transaction.atomic
def news_post_update(
    *,
    post: NewsPost,
    by: User,
    revision: int | None = None,
    photo=None,
    remove_photo: bool = False,
    language: str | None = None,
    **fields,
) -> NewsPost:
    """Correct a post from the `revision` the person saw (else unguarded); its translations
    follow the new wording."""
    require(by, "portal.change_newspost", post)
    post = NewsPost.objects.select_for_update().get(pk=post.pk)
    model_update(instance=post, fields=NEWS_FIELDS, data=fields, revision=revision)
    if remove_photo and not photo:
        post.photo = ""
    _checked(post, by, language or post.language, photo)
    validate(post, exclude=["idempotency_key"])
    audited(post, by).save()
    translate_later(post)
    return post
