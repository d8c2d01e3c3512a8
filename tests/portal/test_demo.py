"""The demo's news: three posts of the coordinators, in German or Ukrainian with their
translations, shown on the demo partnership's portal in each language and loaded once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from pobratym.portal.models import NewsPost

pytestmark = pytest.mark.django_db

PORTAL = "/{language}/p/dortmund-zhytomyr/"


def test_the_demo_news_reads_in_every_language_and_is_loaded_once(monkeypatch):
    call_command("demo", stdout=StringIO())
    later = timezone.localdate() + timedelta(days=3)
    monkeypatch.setattr("pobratym.portal.demo.timezone.localdate", lambda: later)
    call_command("demo", stdout=StringIO())
    monkeypatch.undo()
    assert NewsPost.objects.count() == 3
    assert set(NewsPost.objects.values_list("language", flat=True)) == {"de", "uk"}
    expected = {
        "de": "Stromerzeuger für die Wasserwerke sind in Schytomyr angekommen",
        "uk": "Генератори для водоканалу прибули до Житомира",
        "en": "Generators for the water utility arrived in Zhytomyr",
    }
    for language, title in expected.items():
        response = Client().get(PORTAL.format(language=language))
        assert response.status_code == 200
        assert title in response.content.decode()
