"""Money: an amount is a Decimal with its currency, never a float. Amounts in hryvnia are
converted to euro (and back) at a rate kept with the amount, with the date it applied."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")


class Currency(models.TextChoices):
    EUR = "EUR", _("euro (EUR)")
    UAH = "UAH", _("hryvnia (UAH)")


def amount_field(verbose_name, **options) -> models.DecimalField:
    """A non-negative amount of up to a trillion, to the cent."""
    return models.DecimalField(
        verbose_name,
        max_digits=15,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        **options,
    )


def currency_field(**options) -> models.CharField:
    return models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.EUR, **options
    )


def rate_field(**options) -> models.DecimalField:
    """Hryvnia per euro, e.g. 44.5123, as the National Bank of Ukraine publishes it."""
    return models.DecimalField(
        _("exchange rate (UAH per EUR)"),
        max_digits=12,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001"))],
        **options,
    )


def in_currency(amount: Decimal, currency: str, target: str, rate: Decimal | None) -> Decimal:
    """`amount` of `currency` in `target`, at `rate` hryvnia per euro, to the cent."""
    if currency == target:
        return amount
    if not rate:
        raise ValueError("an exchange rate is needed to convert between currencies")
    converted = amount * rate if target == Currency.UAH else amount / rate
    return converted.quantize(CENT, rounding=ROUND_HALF_UP)
