"""Services change only the fields they allow, through one helper."""

import pytest

from pobratym.core.services import model_update
from pobratym.partnerships.models import FocusArea


def test_allowed_fields_are_set_and_text_is_stripped():
    area = FocusArea(key="science")

    changed = model_update(instance=area, fields=("name_en", "position"), data={"name_en": " A "})

    assert changed == ["name_en"]
    assert area.name_en == "A"


def test_a_field_outside_the_list_is_refused_and_nothing_is_set():
    area = FocusArea(key="science")

    with pytest.raises(TypeError, match="partnership"):
        model_update(instance=area, fields=("name_en",), data={"name_en": "A", "partnership": 1})

    assert area.name_en is None or area.name_en == ""
