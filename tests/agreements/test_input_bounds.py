"""Issue 10, finding 9, in agreements: a letter to answer named by something that is no id is
ignored, never a 500; free text is bounded."""

import pytest
from django.urls import reverse

from pobratym.agreements.forms import BODY_MAX_LENGTH, NoticeForm, ReasonForm, TextsForm
from pobratym.core.inputs import ID_MAX, TEXT_MAX_LENGTH

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reply_to", ["²", str(ID_MAX + 1), "9" * 20, "0", "x"])
def test_a_new_letter_in_reply_to_a_malformed_number_shows_the_empty_form(
    partnership, coordinator, client_of, reply_to
):
    """`isdigit()` let "²" through to `int()`, which refused it: a 500."""
    url = reverse("agreements:letter_create", args=[partnership.slug])

    response = client_of(coordinator).get(url, {"in_reply_to": reply_to})

    assert response.status_code == 200
    assert response.context["form"].initial.get("in_reply_to") is None


@pytest.mark.parametrize(
    ("form", "field", "limit"),
    [
        (ReasonForm, "reason", TEXT_MAX_LENGTH),
        (NoticeForm, "reason", TEXT_MAX_LENGTH),
        (TextsForm, "body_de", BODY_MAX_LENGTH),
    ],
)
def test_free_text_of_agreement_forms_is_bounded(form, field, limit):
    bound = form(data={field: "x" * (limit + 1)})

    assert not bound.is_valid()
    assert f"at most {limit} characters" in str(bound.errors[field])
