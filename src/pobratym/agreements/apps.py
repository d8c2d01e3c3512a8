from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "pobratym.agreements"
    verbose_name = _("Agreements and letters")

    def ready(self):
        from django.urls import reverse

        from pobratym.partnerships import panels, records
        from pobratym.partnerships.activity import register_activity
        from pobratym.partnerships.work import register_work

        from . import work
        from .activity import agreement_activity, letter_activity
        from .selectors.agreements import overview_panel

        register_work(work.signatures_pending, work.signature_items)
        register_work(work.approvals_pending, work.approval_items)
        register_activity(agreement_activity)
        register_activity(letter_activity)

        panels.register_tab("agreements", _("Agreements"), "agreements:list", position=10)
        panels.register_tab(
            "letters",
            _("Letters"),
            "agreements:letter_list",
            position=60,
            permission="agreements.view_letter",
        )
        panels.register_panel(
            "agreements/partials/overview_panel.html", overview_panel, position=10
        )

        records.register(
            "agreements.agreement",
            permission="agreements.view_agreement",
            url=lambda slug, agreement: reverse("agreements:detail", args=[slug, agreement.pk]),
        )
        records.register(
            "agreements.letter",
            permission="agreements.view_letter",
            url=lambda slug, letter: reverse("agreements:letter_detail", args=[slug, letter.pk]),
        )
