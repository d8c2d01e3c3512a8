"""A person's own calendar feeds: the page that makes the secret address (shown once), asks
before making a new one or revoking it, and lists the public feeds of their partnerships."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.confirm import Confirmation, confirmation_page

from ..selectors import calendar as selectors
from ..services import feeds as services
from .calendar import feed_address, subscribe_addresses


def _page(request, *, secret: str = "", status: int = 200):
    feeds = list(selectors.calendar_feeds(viewer=request.user))
    context = {
        "feed": feeds[0] if feeds else None,
        "partnerships": [
            (partnership, subscribe_addresses(request, partnership))
            for partnership in selectors.member_partnerships(viewer=request.user)
        ],
    }
    if secret:
        address, webcal = feed_address(request, "api:person_calendar", secret=secret)
        context.update(new_address=address, new_webcal=webcal)
    return render(request, "exchanges/calendar_feeds.html", context, status=status)


@login_required
@require_GET
def calendar_feeds(request):
    return _page(request)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed_new(request):
    """A person without an address makes one straight from their page; one who has one is
    asked first (GET), since it stops working. The answer shows the new address, once."""
    if request.method == "POST":
        secret = services.calendar_feed_create(by=request.user)[1]
        return _page(request, secret=secret, status=201)
    has_one = selectors.calendar_feeds(viewer=request.user).exists()
    consequences = [_("A new secret address is made and shown to you once: copy it then.")]
    if has_one:
        consequences.append(
            _(
                "The address you have now stops working: calendar apps subscribed to it show "
                "no more events."
            )
        )
    confirmation = Confirmation(
        title=_("Make a new address for your calendar?"),
        action=_("Yes, make a new address"),
        consequences=consequences,
        back=reverse("exchanges:calendar_feeds"),
        danger=has_one,
        final=has_one,
    )
    return confirmation_page(request, confirmation)


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed_revoke(request, feed_id: int):
    """Ask first (GET), then revoke the person's own address (POST): it cannot be undone."""
    feed = selectors.calendar_feed(viewer=request.user, feed_id=feed_id)
    if request.method == "POST":
        services.calendar_feed_revoke(feed=feed, by=request.user)
        messages.success(request, _("The address was revoked: it shows no events any more."))
        return redirect("exchanges:calendar_feeds")
    confirmation = Confirmation(
        title=_("Revoke the address of your calendar?"),
        action=_("Yes, revoke the address"),
        consequences=[
            _(
                "The secret address stops working for good: calendar apps subscribed to it "
                "show no more events."
            ),
            _("You can make a new address afterwards."),
        ],
        back=reverse("exchanges:calendar_feeds"),
    )
    return confirmation_page(request, confirmation)
