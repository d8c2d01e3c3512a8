"""The site's own error pages, translated, as `make run` and production show them (issue 13)."""

import re
import subprocess
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("language", "heading"),
    [("de", "Seite nicht gefunden"), ("uk", "Сторінку не знайдено"), ("en", "Page not found")],
)
def test_a_missing_page_answers_with_our_404_in_the_addresss_language(language, heading):
    response = Client().get(f"/{language}/no-such-page/")

    assert response.status_code == 404
    page = response.content.decode()
    assert f'lang="{language}"' in page
    assert heading in page


@pytest.mark.parametrize(
    ("language", "heading"),
    [("de", "Ein Fehler ist aufgetreten"), ("uk", "Сталася помилка"), ("en", "Something went")],
)
def test_the_500_page_is_ours_and_in_the_readers_language(language, heading):
    """Django renders 500.html without a context; the page still knows its language."""
    with translation.override(language):
        response = server_error(RequestFactory().get(f"/{language}/"))

    assert response.status_code == 500
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert heading in page


def test_make_run_says_what_it_does_and_shows_the_sites_own_error_pages():
    dry_run = subprocess.run(
        ["make", "-n", "-B", "run"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout

    assert "Installing Python packages" in dry_run
    assert "Loading the demo partnership" in dry_run
    # DEBUG off unless asked for, and static files served without it.
    assert re.search(r"DEBUG=\$\{DEBUG:-false\}", dry_run)
    assert "runserver --insecure" in dry_run
