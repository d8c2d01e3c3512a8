"""Fields typed once per language (de, uk, en), registered with django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import City, FocusArea, Partnership


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name", "region")


@register(Partnership)
class PartnershipTranslation(TranslationOptions):
    fields = ("description",)


@register(FocusArea)
class FocusAreaTranslation(TranslationOptions):
    fields = ("name", "description")


for model in (City, Partnership, FocusArea):
    register_history(model, app=__package__)
