from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "pobratym.exchanges"
    verbose_name = _("Exchanges")

    def ready(self):
        from django.urls import reverse

        from pobratym.accounts.links import register_account_link
        from pobratym.directory.involvement import register_involvement
        from pobratym.partnerships import records
        from pobratym.partnerships.activity import register_activity
        from pobratym.partnerships.panels import register_panel, register_tab
        from pobratym.partnerships.work import register_work

        from . import activity, involvement, work

        # After the directory (40), before the members (50).
        register_involvement(involvement.events, position=40)
        register_tab(
            "events",
            _("Events"),
            "exchanges:event_list",
            position=45,
            permission="exchanges.view_event",
        )
        register_tab(
            "calendar",
            _("Calendar"),
            "exchanges:calendar_month",
            position=46,
            permission="exchanges.view_event",
        )
        register_account_link(
            _("My calendar in a calendar app"), "exchanges:calendar_feeds", position=10
        )
        records.register(
            "exchanges.event",
            permission="exchanges.view_event",
            url=lambda slug, event: reverse("exchanges:event_detail", args=[slug, event.pk]),
        )
        register_panel(
            "exchanges/partials/overview_panel.html", activity.overview_panel, position=45
        )
        register_work(work.follow_ups_pending, work.follow_up_items)
        register_activity(activity.event_activity)
        self._register_personal_data()

    def _register_personal_data(self):
        """Participations and invitations in a person's data copy and erasure."""
        from pobratym.directory.personal_data import register_personal_data

        from . import personal_data

        register_personal_data(
            "exchanges",
            export=personal_data.export,
            erase=personal_data.erase,
            describe=personal_data.describe,
        )
