"""News posts through the services: written once per key, dated today or earlier, corrected
from the revision seen, by coordinators only."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from pobratym.core.errors import DomainError, Stale
from pobratym.portal import services
from tests.conversations.factories import png_upload
from tests.portal.factories import news_add

pytestmark = pytest.mark.django_db


def test_a_post_sent_twice_with_one_key_is_made_once(partnership, coordinator1):
    key = uuid.uuid4()
    first = news_add(partnership, coordinator1, idempotency_key=key)
    again = news_add(partnership, coordinator1, idempotency_key=key)
    assert again.pk == first.pk
    assert partnership.news.count() == 1


def test_a_post_is_dated_today_unless_said_otherwise_and_keeps_its_photo(partnership, coordinator1):
    post = news_add(partnership, coordinator1, photo=png_upload(), language="de")
    assert post.posted_on == timezone.localdate()
    assert post.photo.name.startswith("portal/photos/")
    assert post.language == "de"


def test_a_post_cannot_be_dated_in_the_future(partnership, coordinator1):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(DomainError) as refused:
        news_add(partnership, coordinator1, posted_on=tomorrow)
    assert refused.value.field == "posted_on"
    assert partnership.news.count() == 0


def test_only_coordinators_write_posts(partnership, office):
    with pytest.raises(PermissionDenied):
        news_add(partnership, office)


def test_a_correction_from_an_older_revision_is_refused(partnership, coordinator1, coordinator2):
    post = news_add(partnership, coordinator1)
    services.news_post_update(post=post, by=coordinator2, revision=1, title="Corrected")
    with pytest.raises(Stale):
        services.news_post_update(post=post, by=coordinator1, revision=1, title="Mine")
    post.refresh_from_db()
    assert (post.title, post.revision) == ("Corrected", 2)


def test_a_correction_may_remove_the_photo(partnership, coordinator1):
    post = news_add(partnership, coordinator1, photo=png_upload())
    post = services.news_post_update(post=post, by=coordinator1, remove_photo=True)
    assert not post.photo
