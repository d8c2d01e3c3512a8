"""Django's own texts on our pages whose translation we correct in our catalogues.

Nothing imports this module. Like `allauth_texts.py`, it keeps these msgids in our catalogues
(`make messages` drops a msgid found nowhere in our source), where our translation takes
precedence over Django's. Each msgid must stay exactly as Django writes it (note the
typographic apostrophe).
"""

from django.utils.translation import gettext_noop

DJANGO_TEXTS = (
    # NumericPasswordValidator's help text; Django's Ukrainian says «не може складається».
    gettext_noop("Your password can’t be entirely numeric."),
)
