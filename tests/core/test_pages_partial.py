"""The shared links between pages of a long list."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def test_middle_page_links_both_ways_and_keeps_the_filters():
    page = Paginator(range(30), 10).page(2)
    html = render_to_string("_pages.html", {"page": page, "query": "sector=health"})
    assert 'href="?sector=health&amp;page=1" rel="prev">Previous page<' in html
    assert 'href="?sector=health&amp;page=3" rel="next">Next page<' in html
    assert "Page 2 of 3" in html


def test_lists_name_their_own_direction_and_one_page_needs_no_links():
    page = Paginator(range(30), 10).page(1)
    html = render_to_string(
        "_pages.html", {"page": page, "previous_label": "Newer", "next_label": "Older letters"}
    )
    assert 'href="?page=2" rel="next">Older letters<' in html and 'rel="prev"' not in html
    assert render_to_string("_pages.html", {"page": Paginator(range(3), 10).page(1)}).strip() == ""
