from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidConfig(AppConfig):
    name = "pobratym.aid"
    verbose_name = _("Humanitarian aid")

    def ready(self):
        from pobratym.core.formatting import register_units
        from pobratym.directory.involvement import register_involvement
        from pobratym.partnerships.activity import register_activity
        from pobratym.partnerships.panels import register_tab
        from pobratym.partnerships.work import register_work

        from . import activity, involvement, units, work

        register_tab("aid", _("Humanitarian aid"), "aid:need_list", position=30)
        register_units(units.UNIT_FORMS)
        register_work(work.offers_pending, work.offer_items)
        register_work(work.receipts_pending, work.receipt_items)
        register_work(work.discrepancies_pending, work.discrepancy_items)
        register_work(work.deadlines_pending, work.deadline_items)
        register_activity(activity.need_activity)
        register_activity(activity.shipment_activity)
        register_involvement(involvement.offers, position=30)
        register_involvement(involvement.pledges, position=31)
        register_involvement(involvement.shipments, position=32)
