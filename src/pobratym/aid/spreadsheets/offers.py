"""The offers list as a spreadsheet: one row per offer line, with what of it is pledged."""

from decimal import Decimal

from django.db.models import DecimalField, Prefetch, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from pobratym.core.chunks import one_by_one
from pobratym.core.spreadsheets import choice_text, in_readers_language
from pobratym.directory.models import OrganisationKind
from pobratym.translation.selectors import with_translations

from ..models import QUANTITY, Need, Offer, OfferLine, Unit
from ..selectors import offer_list
from .writing import readers_text


def _label(model, name):
    return model._meta.get_field(name).verbose_name


def offers_for_export(*, viewer, partnership):
    """The offers of the offers list (members only), each with its lines and `pledged` per
    line, lines and needs with their translations into the reader's language; the same
    number of queries however many there are."""
    lines = OfferLine.objects.annotate(
        pledged=Coalesce(
            Sum("pledges__quantity"), Value(Decimal(0)), output_field=DecimalField(**QUANTITY)
        )
    ).order_by("pk")
    return offer_list(viewer=viewer, partnership=partnership).prefetch_related(
        Prefetch("lines", queryset=with_translations(lines), to_attr="line_rows")
    )


def offer_table(offers) -> tuple[list, list]:
    """Headers and rows of an offers export: one row per offer line, the need's title and
    the item as written and in the reader's language side by side; `offers` (a queryset)
    are read a chunk at a time."""
    headers = [
        _("Offer"),
        _label(Offer, "donor"),
        _("Type of donor"),
        _("Donor city"),
        _label(Offer, "need"),
        in_readers_language(_label(Need, "title")),
        _label(Offer, "status"),
        _("Offered on"),
        _label(OfferLine, "item"),
        in_readers_language(_label(OfferLine, "item")),
        _label(OfferLine, "quantity"),
        _label(OfferLine, "unit"),
        _label(OfferLine, "condition"),
        _label(OfferLine, "estimated_value"),
        _label(OfferLine, "currency"),
        _label(OfferLine, "expires_on"),
        _("pledged"),
    ]

    def rows():
        for offer in one_by_one(offers):
            for line in offer.line_rows:
                yield [
                    offer.pk,
                    offer.donor.name,
                    choice_text(OrganisationKind, offer.donor.kind),
                    offer.side.city.name,
                    offer.need.title if offer.need else _("free offer"),
                    readers_text(offer.need, "title"),
                    choice_text(Offer.Status, offer.status),
                    timezone.localdate(offer.created_at),
                    line.item,
                    readers_text(line, "item"),
                    line.quantity,
                    choice_text(Unit, line.unit),
                    choice_text(OfferLine.Condition, line.condition),
                    line.estimated_value,
                    line.currency,
                    line.expires_on,
                    line.pledged,
                ]

    return headers, rows()
