from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "pobratym.partnerships"
    label = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self):
        from pobratym.accounts.links import register_account_link
        from pobratym.accounts.two_factor import require_two_factor_when

        from .selectors import user_requires_two_factor

        require_two_factor_when(user_requires_two_factor)

        from .activity import register_activity
        from .panels import register_tab
        from .selectors import invitation_items, invitations_pending, membership_activity
        from .work import register_work

        register_work(invitations_pending, invitation_items)
        register_account_link(_("My API tokens"), "partnerships:api_tokens", position=20)
        register_activity(membership_activity)

        register_tab("dashboard", _("Overview"), "partnerships:dashboard", position=0)
        register_tab("members", _("Members"), "partnerships:members", position=50)
        register_tab(
            "focus_areas",
            _("Focus areas"),
            "partnerships:focus_areas",
            position=70,
            permission="partnerships.manage_focus_areas",
        )
        register_tab("history", _("Changes"), "partnerships:history", position=80)
        register_tab(
            "edit",
            _("Edit"),
            "partnerships:edit",
            position=90,
            permission="partnerships.change_partnership",
        )
