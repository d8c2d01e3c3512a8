"""Quantities of aid in their unit, with the unit's plural forms ("200 Packungen", «400 упаковок»).

Registered with `pobratym.core.formatting` in `AidConfig.ready`, so `{{ quantity|quantity:unit }}`
writes any page's aid quantities alike. The number key "count" chooses the plural form; the
abbreviations (kg, t, l, m, m²) do not inflect but are written in each language's script.
"""

from django.utils.translation import ngettext_lazy, pgettext_lazy

from .models import Unit

UNIT_FORMS = {
    Unit.PIECE: ngettext_lazy("%(quantity)s piece", "%(quantity)s pieces", "count"),
    Unit.PALLET: ngettext_lazy("%(quantity)s pallet", "%(quantity)s pallets", "count"),
    Unit.BOX: ngettext_lazy("%(quantity)s box", "%(quantity)s boxes", "count"),
    Unit.KG: pgettext_lazy("unit", "%(quantity)s kg"),
    Unit.TONNE: pgettext_lazy("unit", "%(quantity)s t"),
    Unit.LITRE: pgettext_lazy("unit", "%(quantity)s l"),
    Unit.METRE: pgettext_lazy("unit", "%(quantity)s m"),
    Unit.SQUARE_METRE: pgettext_lazy("unit", "%(quantity)s m²"),
    Unit.SET: ngettext_lazy("%(quantity)s set", "%(quantity)s sets", "count"),
    Unit.PACK: ngettext_lazy("%(quantity)s pack", "%(quantity)s packs", "count"),
    Unit.HOUR: ngettext_lazy("%(quantity)s hour", "%(quantity)s hours", "count"),
    Unit.EUR: "%(quantity)s EUR",
}
