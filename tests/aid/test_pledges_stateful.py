"""Pledging holds its rules over random sequences of needs, offers, decisions and pledges.

After every step: no offer line is pledged beyond its quantity, no need line beyond its own,
units agree, and the status the selector computes in SQL is the one the rule gives when
recomputed here in Python. A refused step changes nothing.
"""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from pobratym.aid import selectors, services
from pobratym.aid.models import Need, NeedLine, NeedStatus, OfferLine, Pledge
from pobratym.core.errors import DomainError
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.factories import member_create, partnership_create

DONE = Counter()
REFUSED = Counter()
# Hypothesis tries the first choice most: "not now" first, so ending and declining stay rare.
RARELY = st.sampled_from([False, False, False, True])
items = st.sampled_from(["Bandage", "Генератор"])
units = st.sampled_from(["box", "piece"])
quantities = st.integers(min_value=1, max_value=12).map(Decimal)


def _pledged(**filters) -> Decimal:
    return Pledge.objects.filter(**filters).aggregate(total=Sum("quantity"))["total"] or 0


class Pledging(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.partnership = partnership_create()
        self.receiver = member_create(self.partnership, Role.COORDINATOR, position=2).user
        self.donor = member_create(self.partnership, Role.PARTNER, position=1).user
        self.donor_coordinator = member_create(self.partnership, Role.COORDINATOR, 1).user

    @initialize()
    def a_need_and_a_matching_offer(self):
        lines = [{"item": "Bandage", "quantity": Decimal(10), "unit": "box"}]
        need = need_post(self.partnership, self.receiver, lines=lines)
        offer_make(self.partnership, self.donor, need=need, lines=lines)

    def _try(self, name, action):
        before = Pledge.objects.count(), Pledge.history.count()
        try:
            action()
        except (DomainError, PermissionDenied) as error:
            REFUSED[getattr(error, "code", "forbidden")] += 1
            assert (Pledge.objects.count(), Pledge.history.count()) == before
        else:
            DONE[name] += 1

    @rule(item=items, unit=units, quantity=quantities)
    def post_need(self, item, unit, quantity):
        need_post(
            self.partnership,
            self.receiver,
            lines=[{"item": item, "quantity": quantity, "unit": unit}],
        )
        DONE["post_need"] += 1

    @rule(item=items, unit=units, quantity=quantities, for_need=st.booleans(), data=st.data())
    def make_offer(self, item, unit, quantity, for_need, data):
        need = None
        needs = list(Need.objects.filter(partnership=self.partnership).order_by("pk"))
        if for_need and needs:
            need = data.draw(st.sampled_from(needs))
        lines = [{"item": item, "quantity": quantity, "unit": unit}]
        # An ended need takes no more offers; the refusal is part of the rules under test.
        self._try(
            "make_offer",
            lambda: offer_make(self.partnership, self.donor, need=need, lines=lines),
        )

    def _lines(self):
        return (
            list(OfferLine.objects.filter(offer__partnership=self.partnership).order_by("pk")),
            list(NeedLine.objects.filter(need__partnership=self.partnership).order_by("pk")),
        )

    @precondition(lambda self: all(self._lines()))
    @rule(data=st.data(), quantity=quantities, by_receiver=st.sampled_from([True, True, False]))
    def pledge(self, data, quantity, by_receiver):
        offer_lines, need_lines = self._lines()
        offer_line = data.draw(st.sampled_from(offer_lines))
        if data.draw(st.booleans()):
            # Often a line of the same unit, so that pledges succeed often.
            need_lines = [n for n in need_lines if n.unit == offer_line.unit] or need_lines
        need_line = data.draw(st.sampled_from(need_lines))
        by = self.receiver if by_receiver else self.donor_coordinator
        self._try(
            "pledge",
            lambda: services.pledge_confirm(
                offer_line=offer_line, need_line=need_line, quantity=quantity, by=by
            ),
        )

    @precondition(lambda self: Need.objects.filter(partnership=self.partnership).exists())
    @rule(data=st.data(), cancel=st.booleans(), really=RARELY)
    def end_need(self, data, cancel, really):
        """Rarely: an ended need takes no pledges, so ending often would hide the rest."""
        if not really:
            return
        need = data.draw(
            st.sampled_from(list(Need.objects.filter(partnership=self.partnership).order_by("pk")))
        )
        end = services.need_cancel if cancel else services.need_close
        self._try("end_need", lambda: end(need=need, by=self.receiver))

    @precondition(lambda self: OfferLine.objects.filter(offer__partnership=self.partnership))
    @rule(data=st.data(), really=RARELY)
    def decline(self, data, really):
        if not really:
            return
        offers = {line.offer for line in self._lines()[0]}
        offer = data.draw(st.sampled_from(sorted(offers, key=lambda offer: offer.pk)))
        self._try("decline", lambda: services.offer_decline(offer=offer, by=self.receiver))

    @invariant()
    def nothing_is_pledged_beyond_either_line(self):
        for line in OfferLine.objects.filter(offer__partnership=self.partnership):
            assert _pledged(offer_line=line) <= line.quantity
        for line in NeedLine.objects.filter(need__partnership=self.partnership):
            assert _pledged(need_line=line) <= line.quantity
        for pledge in Pledge.objects.filter(need_line__need__partnership=self.partnership):
            assert pledge.offer_line.unit == pledge.need_line.unit

    @invariant()
    def the_computed_status_follows_the_rule(self):
        listed = selectors.need_list(viewer=self.receiver, partnership=self.partnership)
        for need in listed:
            if need.closure:
                expected = need.closure
            else:
                lines = need.lines.all()
                pledged = [_pledged(need_line=line) for line in lines]
                if all(p >= line.quantity for p, line in zip(pledged, lines, strict=True)):
                    expected = NeedStatus.COVERED
                elif any(pledged):
                    expected = NeedStatus.PARTLY_COVERED
                else:
                    expected = NeedStatus.OPEN
            assert need.status == expected


# Service rules, the same on either database: the SQLite pass runs them.
@pytest.mark.sqlite_pass
@pytest.mark.django_db
def test_pledging_rules_hold_over_random_sequences_of_actions():
    run_state_machine_as_test(
        Pledging,
        # A lighter share of the profile's depth (tests/conftest.py): each step is cheap to
        # check, and the invariants are reached well within it.
        settings=settings(
            max_examples=settings.default.max_examples * 3 // 8,
            stateful_step_count=settings.default.stateful_step_count * 2 // 3,
        ),
    )
    assert {"pledge", "end_need", "decline"} <= set(DONE), (dict(DONE), dict(REFUSED))
    assert {"more_than_offered", "unit_mismatch", "forbidden"} <= set(REFUSED), dict(REFUSED)
