"""No "---------" in the selects of the need, offer, shipment and letter forms: "Please
choose" where an answer is needed, "Not specified" where the field may stay empty."""

import pytest
from django import forms
from django.urls import reverse

from pobratym.core.forms import name_empty_choice
from pobratym.partnerships.models import Role
from tests.access import Cast

pytestmark = pytest.mark.django_db

PAGES = [
    ("aid:need_create", (Role.COORDINATOR, 2), "Please choose"),
    ("aid:offer_create", (Role.STAFF, 1), "Please choose"),
    ("aid:shipment_create", (Role.STAFF, 1), ""),
    ("agreements:letter_create", (Role.COORDINATOR, 1), "Not specified"),
]


@pytest.mark.parametrize(("page", "who", "empty_choice"), PAGES)
def test_a_form_has_no_dashed_placeholder(partnership, client_of, page, who, empty_choice):
    client = client_of(Cast(partnership)[who])
    html = client.get(reverse(page, args=[partnership.slug])).content.decode()
    assert "---------" not in html
    assert empty_choice in html


def test_the_empty_choice_says_whether_an_answer_is_needed():
    needed = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
    optional = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
    name_empty_choice(needed)
    name_empty_choice(optional)
    assert next(iter(needed.choices)) == ("", "Please choose")
    assert next(iter(optional.choices)) == ("", "Not specified")
