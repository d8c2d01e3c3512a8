"""The one way from a service's refusal to a form error and the page's status."""

import pytest
from django import forms
from django.test import RequestFactory

from pobratym.core.errors import Conflict, DomainError
from pobratym.core.forms import status_of, submit


class NoteForm(forms.Form):
    text = forms.CharField()


def _posted(action, data=None):
    form = NoteForm({"text": "hello"} if data is None else data)
    result = submit(RequestFactory().post("/"), form, action)
    return form, result


def _refuse(error):
    def action():
        raise error

    return action


def test_a_valid_form_runs_the_action_and_answers_200():
    form, result = _posted(lambda: "saved")

    assert (result, status_of(form)) == ("saved", 200)


def test_a_form_shown_first_runs_nothing():
    form = NoteForm()

    assert submit(RequestFactory().get("/"), form, _refuse(AssertionError())) is None
    assert status_of(form) == 200


def test_an_invalid_form_runs_nothing_and_answers_400():
    form, result = _posted(_refuse(AssertionError()), data={})

    assert result is None
    assert status_of(form) == 400


def test_a_broken_rule_shows_at_its_field_and_answers_400():
    form, result = _posted(_refuse(DomainError("empty", "Please write.", field="text")))

    assert result is None
    assert form.errors == {"text": ["Please write."]}
    assert status_of(form) == 400


@pytest.mark.parametrize("field", [None, "not_on_this_form"])
def test_a_refusal_without_a_field_of_the_form_shows_above_it(field):
    form, _result = _posted(_refuse(DomainError("invalid", "Not like this.", field=field)))

    assert form.non_field_errors() == ["Not like this."]


def test_a_conflict_shows_its_message_and_answers_409():
    form, result = _posted(_refuse(Conflict("already_done", "This was done already.")))

    assert result is None
    assert form.non_field_errors() == ["This was done already."]
    assert status_of(form) == 409
