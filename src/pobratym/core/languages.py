"""Names of the site's languages as they read inside a sentence, in each language of the site.

`get_language_info(code)["name_translated"]` is a label ("Німецька", "Ukrainisch"): fine alone,
wrong inside a sentence, where Ukrainian writes language names in lower case («мова:
німецька») and German needs another form after "ins" ("ins Ukrainische").
"""

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# "the original in German", "(мова: німецька)": the name as it stands inside a sentence.
_IN_SENTENCE = {
    "de": pgettext_lazy("language name inside a sentence", "German"),
    "uk": pgettext_lazy("language name inside a sentence", "Ukrainian"),
    "en": pgettext_lazy("language name inside a sentence", "English"),
}

# "Translate into German": German says "ins Deutsche", Ukrainian «німецькою».
_INTO = {
    "de": pgettext_lazy("translate into (a language)", "German"),
    "uk": pgettext_lazy("translate into (a language)", "Ukrainian"),
    "en": pgettext_lazy("translate into (a language)", "English"),
}


def language_in_sentence(code: str) -> Promise | str:
    """The language's name for use inside a sentence: "Deutsch", «німецька», "German"."""
    return _IN_SENTENCE.get((code or "")[:2], code)


def language_into(code: str) -> Promise | str:
    """The language's name after "translate into": "Deutsche" (after "ins"), «німецькою»."""
    return _INTO.get((code or "")[:2], code)
