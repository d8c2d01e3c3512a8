"""The aid dashboard: its figures for a small scenario worked out by hand, months in the
viewer's time zone, who may see it, and a constant number of queries however much aid."""

import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from pobratym.aid import selectors, services
from pobratym.aid.models import Pledge
from pobratym.aid.selectors.dashboard import MonthTotal, Totals
from pobratym.aid.views import dashboard as dashboard_views
from pobratym.partnerships.models import Role
from tests.aid.factories import need_post, offer_make
from tests.factories import member_create

pytestmark = pytest.mark.django_db

ADDRESS = "vul. Velyka Berdychivska 1"


def _line(item, quantity, unit, value=None):
    line = {"item": item, "quantity": Decimal(quantity), "unit": unit}
    if value is not None:
        line["estimated_value"] = Decimal(value)
    return line


def _pledge(offer_line, need_line, quantity, by):
    return services.pledge_confirm(
        offer_line=offer_line, need_line=need_line, quantity=Decimal(quantity), by=by
    )


@pytest.fixture
def scenario(partnership, receiver, donor):
    """Two needs; two donors; 1,200 EUR pledged; 500 EUR shipped; 400 EUR received, with
    10 bandages missing and the saline damaged.

    Health: bandages 60 of 100 pledged, 40 shipped, 30 received; saline 20 of 40 pledged,
    shipped and received. Shelter: blankets 50 of 50 pledged, nothing shipped."""
    health = need_post(
        partnership,
        receiver,
        address=ADDRESS,
        lines=[_line("Bandage", 100, "box"), _line("Saline", 40, "l")],
    )
    shelter = need_post(
        partnership,
        receiver,
        kind="goods",
        sector="shelter",
        title="Blankets for the shelter",
        lines=[_line("Blanket", 50, "piece")],
    )
    clinic = offer_make(
        partnership,
        donor,
        need=health,
        lines=[_line("bandage", 60, "box", 600), _line("saline", 40, "l", 200)],
    )
    red_cross = offer_make(
        partnership,
        donor,
        donor="Red Cross Dortmund",
        donor_kind="civil_society",
        lines=[_line("blanket", 100, "piece", 1000)],
    )
    bandage, saline = health.lines.order_by("pk")
    bandage_offer, saline_offer = clinic.lines.order_by("pk")
    bandages = _pledge(bandage_offer, bandage, 60, receiver)
    salines = _pledge(saline_offer, saline, 20, receiver)
    _pledge(red_cross.lines.get(), shelter.lines.get(), 50, receiver)
    shipment = services.shipment_create(
        partnership=partnership, by=donor, idempotency_key=uuid.uuid4(), reference="CMR-1"
    )
    services.shipment_line_set(shipment=shipment, by=donor, pledge=bandages, quantity=40)
    services.shipment_line_set(shipment=shipment, by=donor, pledge=salines, quantity=20)
    services.shipment_advance(shipment=shipment, by=donor, status="in_transit")
    bandage_line, saline_line = shipment.lines.order_by("pk")
    services.receipt_record(
        shipment=shipment,
        by=receiver,
        lines={
            bandage_line.pk: {"quantity": Decimal(30), "state": "intact", "remark": ""},
            saline_line.pk: {"quantity": Decimal(20), "state": "damaged", "remark": "wet"},
        },
        number="GRN-1",
        received_on=timezone.localdate(),
        received_by="O. Kovalenko, storekeeper",
    )
    return health, shelter


def _dashboard(viewer, partnership, **options):
    return selectors.aid_dashboard(viewer=viewer, partnership=partnership, **options)


def test_headline_figures_add_up_the_scenario(partnership, receiver, scenario):
    figures = _dashboard(receiver, partnership)

    statuses = {row.status: row.count for row in figures.statuses}
    assert statuses == {
        "open": 0,
        "partly_covered": 1,
        "covered": 1,
        "delivered": 0,
        "closed": 0,
        "cancelled": 0,
    }
    assert figures.open_needs == 2
    assert figures.totals == Totals(
        pledges=3,
        pledged=Decimal("1200.00"),
        shipped=Decimal("500.00"),
        received=Decimal("400.00"),
        open_discrepancies=2,
    )


def test_resolved_discrepancies_and_cancelled_needs_drop_out(partnership, receiver, scenario):
    health, _shelter = scenario
    missing = health.lines.order_by("pk").first().pledges.get().shipment_lines.get().receipt_line
    services.discrepancy_resolve(line=missing, by=receiver, resolution="Sent with the next truck")
    unpledged = need_post(partnership, receiver, sector="shelter", kind="goods")
    services.need_cancel(need=unpledged, by=receiver)

    figures = _dashboard(receiver, partnership)

    assert figures.totals.open_discrepancies == 1
    assert figures.open_needs == 2
    assert [row.lines for row in figures.sectors if row.sector == "shelter"] == [1]


def test_sector_coverage_averages_each_lines_share(partnership, receiver, scenario):
    sectors = {row.sector: row for row in _dashboard(receiver, partnership).sectors}

    assert list(sectors) == ["health", "shelter"]
    health, shelter = sectors["health"], sectors["shelter"]
    # (60 % + 50 %) / 2, (40 % + 50 %) / 2, (30 % + 50 %) / 2: boxes and litres never added.
    assert (health.needs, health.lines) == (1, 2)
    assert (health.pledged, health.shipped, health.received) == (55.0, 45.0, 40.0)
    assert (shelter.pledged, shelter.shipped, shelter.received) == (100.0, 0.0, 0.0)


def test_a_surplus_received_does_not_count_beyond_one_hundred_percent(partnership, receiver, donor):
    need = need_post(partnership, receiver, lines=[_line("Bandage", 10, "box")])
    offer = offer_make(partnership, donor, need=need, lines=[_line("bandage", 20, "box", 200)])
    pledge = _pledge(offer.lines.get(), need.lines.get(), 10, receiver)
    shipment = services.shipment_create(
        partnership=partnership, by=donor, idempotency_key=uuid.uuid4()
    )
    services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=10)
    services.shipment_advance(shipment=shipment, by=donor, status="in_transit")
    services.receipt_record(
        shipment=shipment,
        by=receiver,
        lines={shipment.lines.get().pk: {"quantity": Decimal(12), "state": "intact"}},
        number="GRN-2",
        received_on=timezone.localdate(),
        received_by="Storekeeper",
    )

    (health,) = _dashboard(receiver, partnership).sectors

    assert (health.pledged, health.shipped, health.received) == (100.0, 100.0, 100.0)


def test_donors_are_ranked_by_value_pledged(partnership, receiver, scenario):
    figures = _dashboard(receiver, partnership)

    assert [(d.donor, d.donor_type, d.pledges, d.pledged, d.shipped) for d in figures.donors] == [
        ("Klinikum Dortmund", "municipal_subsidiary", 2, Decimal("700.00"), Decimal("500.00")),
        ("Red Cross Dortmund", "civil_society", 1, Decimal("500.00"), Decimal("0.00")),
    ]
    assert figures.other_donors is None


def test_donors_beyond_the_top_ten_are_summed_as_others(partnership, receiver, donor):
    need = need_post(partnership, receiver, lines=[_line("Blanket", 1000, "piece")])
    for number in range(12):
        offer = offer_make(
            partnership,
            donor,
            donor=f"Donor {number:02}",
            lines=[_line("blanket", 10, "piece", 10 * (number + 1))],
        )
        _pledge(offer.lines.get(), need.lines.get(), 10, receiver)

    figures = _dashboard(receiver, partnership)

    assert [d.donor for d in figures.donors] == [f"Donor {n:02}" for n in range(11, 1, -1)]
    others = figures.other_donors
    assert (others.pledges, others.pledged, others.shipped) == (2, Decimal("30.00"), Decimal(0))


def test_a_pledge_worth_part_of_an_offer_line_is_valued_exactly(partnership, receiver, donor):
    # 500 EUR for 7 boxes, 3 pledged: 214.29, not 214 (SQLite would divide whole numbers).
    need = need_post(partnership, receiver, lines=[_line("Bandage", 3, "box")])
    offer = offer_make(partnership, donor, need=need, lines=[_line("bandage", 7, "box", 500)])
    _pledge(offer.lines.get(), need.lines.get(), 3, receiver)

    assert _dashboard(receiver, partnership).totals.pledged == Decimal("214.29")


def test_months_cover_a_year_and_show_zero_where_nothing_happened(partnership, receiver, scenario):
    today = timezone.localdate()
    months = _dashboard(receiver, partnership, today=today).months

    assert len(months) == 12
    assert months[-1].month == today.replace(day=1)
    assert months[0].month < months[1].month
    assert (months[-1].pledged, months[-1].shipped, months[-1].received) == (
        Decimal("1200.00"),
        Decimal("500.00"),
        Decimal("400.00"),
    )
    assert all((month.pledged, month.shipped, month.received) == (0, 0, 0) for month in months[:-1])


def test_months_follow_the_viewers_time_zone(partnership, receiver, donor):
    need = need_post(partnership, receiver, lines=[_line("Bandage", 10, "box")])
    offer = offer_make(partnership, donor, need=need, lines=[_line("bandage", 10, "box", 100)])
    pledge = _pledge(offer.lines.get(), need.lines.get(), 10, receiver)
    # 23:30 on 31 October in London is already 1 November in Kyiv.
    late = datetime(2026, 10, 31, 23, 30, tzinfo=UTC)
    Pledge.objects.filter(pk=pledge.pk).update(confirmed_at=late)

    def pledged_by_month(zone):
        with timezone.override(zone):
            months = _dashboard(receiver, partnership, today=date(2026, 11, 15)).months
        return {month.month: month.pledged for month in months if month.pledged}

    assert pledged_by_month("Europe/London") == {date(2026, 10, 1): Decimal("100.00")}
    assert pledged_by_month("Europe/Kyiv") == {date(2026, 11, 1): Decimal("100.00")}


def test_months_before_the_year_are_left_out(partnership, receiver, scenario):
    later = timezone.localdate().replace(day=1).replace(year=timezone.localdate().year + 2)

    months = _dashboard(receiver, partnership, today=later).months

    assert sum(month.pledged + month.shipped + month.received for month in months) == 0


def _url(partnership):
    return reverse("aid:dashboard", args=[partnership.slug])


def test_page_shows_figures_without_sensitive_details(partnership, receiver, client_of, scenario):
    response = client_of(receiver).get(_url(partnership))

    assert response.status_code == 200
    page = response.content.decode()
    assert "1,200" in page and "Klinikum Dortmund" in page and "Red Cross Dortmund" in page
    assert "<caption>" in page and 'scope="row"' in page
    month = date_format(timezone.localdate(), "F Y")
    assert f"<title>{month}, pledged: 1,200 EUR</title>" in page
    assert 'aria-current="page">Dashboard' in page
    assert ADDRESS not in page


def test_month_bars_scale_to_the_largest_and_a_small_one_stays_visible():
    months = [
        MonthTotal(date(2026, 1, 1), Decimal(1000), Decimal(1), Decimal(0)),
        MonthTotal(date(2026, 2, 1), Decimal(0), Decimal(0), Decimal(500)),
    ]

    chart = dashboard_views.month_chart(months)

    heights = [[bar.height for bar in group["bars"]] for group in chart["groups"]]
    full = dashboard_views.CHART_BASE - dashboard_views.CHART_TOP
    assert heights == [[full, 1, 0], [0, 0, full // 2]]
    assert all(bar.y + bar.height == chart["base"] for g in chart["groups"] for bar in g["bars"])


def test_numbers_follow_the_language_and_svg_stays_machine_readable(
    partnership, client_of, scenario
):
    reader = member_create(partnership, Role.OBSERVER, position=1, language="de").user

    with translation.override("de"):
        page = client_of(reader).get(_url(partnership)).content.decode()

    assert 'lang="de"' in page
    assert "1.200" in page
    assert re.search(r"55[\s\u202f]?%", page)  # German puts a (no-break) space before %
    assert 'width="55.0"' in page
    assert 'width="55,0"' not in page


def test_observer_sees_the_dashboard(partnership, client_of):
    observer = member_create(partnership, Role.OBSERVER, position=2).user

    assert client_of(observer).get(_url(partnership)).status_code == 200


def test_outsider_gets_not_found(partnership, outsider, client_of):
    assert client_of(outsider).get(_url(partnership)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(partnership):
    response = Client().get(_url(partnership))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_figures_of_another_partnership_never_count(
    partnership, other_partnership, receiver, scenario
):
    other_receiver = member_create(other_partnership, Role.COORDINATOR, position=2).user
    need_post(other_partnership, other_receiver)

    figures = _dashboard(other_receiver, other_partnership)

    assert figures.totals.pledges == 0 and figures.open_needs == 1
    assert figures.donors == [] and figures.sectors[0].lines == 1


def test_page_queries_do_not_grow_with_aid(
    partnership, receiver, donor, client_of, scenario, django_assert_max_num_queries
):
    client = client_of(receiver)
    client.get(_url(partnership))
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url(partnership)).status_code == 200
    need = need_post(partnership, receiver, sector="wash", lines=[_line("Filter", 500, "piece")])
    for number in range(14):
        offer = offer_make(
            partnership, donor, donor=f"Donor {number}", lines=[_line("filter", 5, "piece", 50)]
        )
        _pledge(offer.lines.get(), need.lines.get(), 5, receiver)

    pledges = list(Pledge.objects.filter(need_line__need=need))
    shipment = services.shipment_create(
        partnership=partnership, by=donor, idempotency_key=uuid.uuid4(), reference="CMR-2"
    )
    for pledge in pledges:
        services.shipment_line_set(shipment=shipment, by=donor, pledge=pledge, quantity=5)
    services.shipment_advance(shipment=shipment, by=donor, status="in_transit")
    services.receipt_record(
        shipment=shipment,
        by=receiver,
        lines={
            line.pk: {"quantity": Decimal(4), "state": "intact"} for line in shipment.lines.all()
        },
        number="GRN-3",
        received_on=timezone.localdate(),
        received_by="Storekeeper",
    )

    with django_assert_max_num_queries(len(few)):
        response = client.get(_url(partnership))
    assert response.status_code == 200
    assert "All other donors" in response.content.decode()
