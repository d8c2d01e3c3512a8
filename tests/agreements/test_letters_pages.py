"""The letters register over HTTP: registering (also twice), uploads refused or cleaned,
protected scans, what a letter page shows, and a fixed number of queries."""

import io
import os
import resource
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from pobratym.agreements.models import Letter, LetterScan
from pobratym.agreements.services import letters as services
from tests.agreements.letter_factories import jpeg_with_gps, letter_register, pdf_upload
from tests.factories import member_create

pytestmark = pytest.mark.django_db

FORM = {
    "direction": "incoming",
    "registration_number": "OB/2022/0614",
    "registered_at": "2022-06-07T09:30",
    "file_index": "OB 1.3",
    "sender": "Serhij Suchomlyn, Bürgermeister der Stadt Schytomyr",
    "addressee": "Thomas Westphal, Oberbürgermeister der Stadt Dortmund",
    "subject": "Vorschlag einer Städtepartnerschaft",
    "letter_language": "uk",
    "summary": "",
}


def _create_url(partnership, language="en"):
    with translation.override(language):
        return reverse("agreements:letter_create", args=[partnership.slug])


def _detail_url(letter, language="en"):
    with translation.override(language):
        return reverse("agreements:letter_detail", args=[letter.partnership.slug, letter.pk])


def test_registering_leads_to_the_letter_in_ones_own_register(partnership, staff, client_of):
    response = client_of(staff).post(_create_url(partnership), {**FORM, "scans": [pdf_upload()]})

    letter = Letter.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail_url(letter)
    assert letter.side.position == 1
    assert letter.registered_at == datetime(2022, 6, 7, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert letter.scans.count() == 1


def test_a_retried_post_registers_one_letter_and_points_to_it(partnership, staff, client_of):
    client = client_of(staff)
    client.post(_create_url(partnership), FORM)

    response = client.post(_create_url(partnership), FORM)

    assert response.status_code == 409
    assert Letter.objects.count() == 1
    page = response.content.decode()
    assert "OB/2022/0614 is already registered" in page
    assert _detail_url(Letter.objects.get()) in page


def test_invalid_form_is_shown_again_with_errors(partnership, staff, client_of):
    response = client_of(staff).post(
        _create_url(partnership), {**FORM, "registered_at": "yesterday", "direction": "sideways"}
    )

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"registered_at", "direction"}
    assert not Letter.objects.exists()


def test_edit_form_shows_the_time_in_the_persons_time_zone(partnership, client_of):
    person = member_create(partnership, "staff", position=2, time_zone="Europe/Kyiv").user
    letter = letter_register(
        partnership,
        person,
        registered_at=datetime(2022, 6, 3, 14, 53, tzinfo=ZoneInfo("Europe/Kyiv")),
    )
    url = reverse("agreements:letter_edit", args=[partnership.slug, letter.pk])

    page = client_of(person).get(url).content.decode()

    assert 'type="datetime-local"' in page
    assert 'value="2022-06-03T14:53"' in page


def _upload_refused(client, partnership, letter, upload, language):
    """Send `upload` with a new letter and as a scan of `letter`; both are refused."""
    with_letter = client.post(
        _create_url(partnership, language),
        {**FORM, "registration_number": "new/1", "scans": [upload]},
    )
    upload.seek(0)
    as_scan = client.post(_detail_url(letter, language), {"scan": upload})
    return with_letter, as_scan


@pytest.mark.parametrize("language", ["de", "uk"])
def test_text_file_named_pdf_is_refused_in_the_persons_language(
    partnership, staff, client_of, language
):
    letter = letter_register(partnership, staff)
    fake = SimpleUploadedFile("letter.pdf", b"Dear Mayor, this is not a PDF.", "application/pdf")

    responses = _upload_refused(client_of(staff), partnership, letter, fake, language)

    with translation.override(language):
        message = gettext("Only PDF, PNG and JPEG files can be uploaded.")
    for response in responses:
        assert response.status_code == 400
        assert message in response.content.decode()
    assert Letter.objects.count() == 1
    assert not LetterScan.objects.exists()


def test_file_over_the_limit_is_refused(partnership, staff, client_of, settings):
    settings.POBRATYM_UPLOAD_MAX_BYTES = 100
    letter = letter_register(partnership, staff)

    responses = _upload_refused(client_of(staff), partnership, letter, pdf_upload(), "en")

    for response in responses:
        assert response.status_code == 400
        assert "The file is larger than 100" in response.content.decode()
    assert Letter.objects.count() == 1
    assert not LetterScan.objects.exists()


def test_uploaded_photo_loses_its_exif_and_location(partnership, staff, client_of):
    letter = letter_register(partnership, staff)
    photo = jpeg_with_gps()
    assert Image.open(io.BytesIO(photo.read())).getexif().get_ifd(0x8825)  # it had a location
    photo.seek(0)

    response = client_of(staff).post(_detail_url(letter), {"scan": photo})

    assert response.status_code == 302
    with letter.scans.get().file.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert "exif" not in image.info


def test_scan_is_sent_only_through_the_permission_check(partnership, staff, outsider, client_of):
    letter = letter_register(partnership, staff)
    sent = pdf_upload().read()
    scan = services.letter_scan_add(
        letter=letter, by=staff, upload=SimpleUploadedFile("scan.pdf", sent)
    )
    url = reverse("agreements:letter_scan", args=[partnership.slug, letter.pk, scan.pk])

    response = client_of(staff).get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == sent
    assert response["Cache-Control"] == "private, no-store"
    assert client_of(outsider).get(url).status_code == 404
    page = client_of(staff).get(_detail_url(letter)).content.decode()
    assert url in page
    assert "/media/" not in page


@pytest.mark.parametrize("upload", [pdf_upload, jpeg_with_gps], ids=["pdf", "image"])
def test_scan_is_a_download_the_browser_does_not_sniff(upload, partnership, staff, client_of):
    letter = letter_register(partnership, staff)
    scan = services.letter_scan_add(letter=letter, by=staff, upload=upload())
    url = reverse("agreements:letter_scan", args=[partnership.slug, letter.pk, scan.pk])

    response = client_of(staff).get(url)

    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pdf_with_a_script_is_refused_at_the_scan_field_in_the_persons_language(
    partnership, staff, client_of
):
    letter = letter_register(partnership, staff)
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_open_action(JavaScript("app.alert(1)"))
    output = io.BytesIO()
    writer.write(output)
    upload = SimpleUploadedFile("letter.pdf", output.getvalue(), "application/pdf")

    with_letter, as_scan = _upload_refused(client_of(staff), partnership, letter, upload, "de")

    with translation.override("de"):
        message = gettext(
            "This PDF contains scripts. Print it to a new PDF or scan the paper again, "
            "and upload that file."
        )
    assert with_letter.status_code == as_scan.status_code == 400
    assert with_letter.context["form"].errors["scans"] == [message]
    assert as_scan.context["scan_form"].errors["scan"] == [message]
    assert Letter.objects.count() == 1
    assert not LetterScan.objects.exists()


def test_letter_page_shows_the_reply_both_ways_and_the_registration_time(
    partnership, coordinator, other_side_coordinator, client_of
):
    proposal = letter_register(
        partnership,
        other_side_coordinator,
        registration_number="31/1915",
        registered_at=datetime(2022, 6, 3, 14, 53, tzinfo=ZoneInfo("Europe/Kyiv")),
        file_index="0.01-30",
    )
    reply = letter_register(
        partnership, coordinator, registration_number="OB/1", in_reply_to=proposal
    )
    client = client_of(coordinator)

    proposal_page = client.get(_detail_url(proposal)).content.decode()
    reply_page = client.get(_detail_url(reply)).content.decode()

    assert _detail_url(reply) in proposal_page
    assert _detail_url(proposal) in reply_page
    assert "0.01-30" in proposal_page
    assert 'datetime="2022-06-03T13:53:00+02:00"' in proposal_page  # a Berlin reader's time
    assert "13:53, Berlin time" in proposal_page  # named by the city, never "Europe/Berlin"
    assert "Europe/Berlin" not in proposal_page


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(partnership, people, size):
    for number in range(size):
        for position, person in enumerate(people, start=1):
            letter = letter_register(partnership, person, subject=f"Letter {position}/{number}")
            services.letter_scan_add(letter=letter, by=person, upload=pdf_upload())
            letter_register(partnership, person, in_reply_to=letter)


def test_list_page_makes_as_many_queries_for_many_letters_as_for_few(
    partnership, coordinator, other_side_coordinator, client_of, django_assert_num_queries
):
    client = client_of(coordinator)
    url = reverse("agreements:letter_list", args=[partnership.slug])
    _grow(partnership, [coordinator, other_side_coordinator], 1)
    client.get(url)  # warm the caches (session, content types)
    few = _queries(client, url)

    _grow(partnership, [coordinator, other_side_coordinator], 10)

    with django_assert_num_queries(few):
        assert client.get(url, {"subject": "letter"}).status_code == 200


def test_letter_page_makes_as_many_queries_for_many_replies_as_for_one(
    partnership, coordinator, other_side_coordinator, client_of
):
    client = client_of(coordinator)
    letter = letter_register(partnership, other_side_coordinator)
    letter_register(partnership, coordinator, in_reply_to=letter)
    services.letter_scan_add(letter=letter, by=other_side_coordinator, upload=pdf_upload())
    client.get(_detail_url(letter))
    few = _queries(client, _detail_url(letter))

    for _ in range(6):
        letter_register(partnership, coordinator, in_reply_to=letter)
        services.letter_scan_add(letter=letter, by=other_side_coordinator, upload=pdf_upload())

    assert _queries(client, _detail_url(letter)) == few


def test_scan_whose_file_is_gone_is_not_found(partnership, staff, client_of):
    letter = letter_register(partnership, staff)
    scan = services.letter_scan_add(letter=letter, by=staff, upload=pdf_upload())
    scan.file.storage.delete(scan.file.name)
    url = reverse("agreements:letter_scan", args=[partnership.slug, letter.pk, scan.pk])

    assert client_of(staff).get(url).status_code == 404


@contextmanager
def _no_room_beyond(size: int):
    """The operating system refuses to write any file past `size` bytes (RLIMIT_FSIZE), as a
    full disk or quota does."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def _noise_png(side: int = 300) -> SimpleUploadedFile:
    """A photo that does not compress: a few hundred kilobytes, whatever the encoder."""
    output = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(output, format="PNG")
    return SimpleUploadedFile("scan.png", output.getvalue(), content_type="image/png")


def test_a_full_disk_is_a_clear_error_and_nothing_is_saved(
    partnership, staff, client_of, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "pobratym.core.storage.UploadStorage"},
    }
    settings.MEDIA_ROOT = tmp_path
    letter = letter_register(partnership, staff)
    client = client_of(staff)

    with _no_room_beyond(64 * 1024):
        new_letter = client.post(_create_url(partnership), {**FORM, "scans": [_noise_png()]})
        scan_added = client.post(_detail_url(letter), {"scan": _noise_png()})

    for response in (new_letter, scan_added):
        assert response.status_code == 400
        assert "the server has no room for it. Nothing was saved." in response.content.decode()
    assert list(Letter.objects.all()) == [letter]
    assert not LetterScan.objects.exists()
    # With room again, the same upload is kept.
    assert client.post(_detail_url(letter), {"scan": _noise_png()}).status_code == 302
    assert LetterScan.objects.count() == 1
