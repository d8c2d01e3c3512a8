"""Word-level differences between two texts, and the partial that shows them."""

from itertools import pairwise

from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from pobratym.agreements.diff import text_diff


def test_unchanged_text_is_one_equal_segment():
    text = "Die Städte vereinbaren eine Partnerschaft.\n\n- Digitalisierung"

    assert text_diff(text, text) == [("equal", text)]


def test_changed_word_is_deleted_then_inserted():
    assert text_diff("Die Stadt hilft beim Aufbau.", "Die Stadt hilft beim Wiederaufbau.") == [
        ("equal", "Die Stadt hilft beim "),
        ("delete", "Aufbau"),
        ("insert", "Wiederaufbau"),
        ("equal", "."),
    ]


def test_neighbouring_changed_words_are_one_change():
    assert text_diff("the quick brown fox", "a slow brown fox") == [
        ("delete", "the quick"),
        ("insert", "a slow"),
        ("equal", " brown fox"),
    ]


def test_cyrillic_words_are_compared_whole():
    assert text_diff("Місто Житомир допомагає.", "Місто Дортмунд допомагає.") == [
        ("equal", "Місто "),
        ("delete", "Житомир"),
        ("insert", "Дортмунд"),
        ("equal", " допомагає."),
    ]


def test_new_list_item_keeps_its_line_break():
    old = "Schwerpunkte:\n\n- Digitalisierung"
    new = "Schwerpunkte:\n\n- Digitalisierung\n- Wissenschaft"

    assert text_diff(old, new) == [("equal", old), ("insert", "\n- Wissenschaft")]


@given(st.text(alphabet="ab Жи-\n.", max_size=40), st.text(alphabet="ab Жи-\n.", max_size=40))
def test_segments_give_back_both_texts_and_never_repeat_a_kind(old, new):
    segments = text_diff(old, new)

    assert "".join(text for kind, text in segments if kind != "insert") == old
    assert "".join(text for kind, text in segments if kind != "delete") == new
    assert all(text for _kind, text in segments)
    assert all(a[0] != b[0] for a, b in pairwise(segments))


def test_partial_marks_changes_for_eyes_and_screen_readers():
    with translation.override("en"):
        html = render_to_string(
            "agreements/partials/diff.html",
            {"segments": text_diff("Zeile eins\n<b>alt</b>", "Zeile eins\n<b>neu</b>")},
        )

    assert html.startswith('<span class="diff">') and html.endswith("</span>")
    assert '<del><span class="visually-hidden">deleted: </span>alt</del>' in html
    assert '<ins><span class="visually-hidden">inserted: </span>neu</ins>' in html
    assert "Zeile eins\n&lt;b&gt;" in html
    assert "style=" not in html
