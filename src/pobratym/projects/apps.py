from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "pobratym.projects"
    verbose_name = _("Projects")

    def ready(self):
        from django.urls import reverse

        from pobratym.partnerships import records
        from pobratym.partnerships.activity import register_activity
        from pobratym.partnerships.panels import register_panel, register_tab
        from pobratym.partnerships.work import register_work

        from . import activity, work

        self._register_related()

        # After aid (30), before the directory (40).
        register_tab(
            "projects",
            _("Projects"),
            "projects:project_list",
            position=35,
            permission="projects.view_project",
        )
        register_panel(
            "projects/partials/overview_panel.html", activity.overview_panel, position=35
        )
        register_activity(activity.project_activity)
        register_activity(activity.plan_activity)
        register_work(work.applications_pending, work.application_items)
        register_work(work.plan_approvals_pending, work.plan_approval_items)
        records.register(
            "projects.project",
            permission="projects.view_project",
            url=lambda slug, project: reverse("projects:project_detail", args=[slug, project.pk]),
        )

    def _register_related(self):
        """The projects on the pages of the needs, shipments and events that carry them, and
        of the organisations that take part in them (after aid's sections)."""
        from pobratym.directory.involvement import register_involvement
        from pobratym.partnerships.related import register_related

        from . import related

        register_related("aid.need", related.carrying_need, position=50)
        register_related("aid.shipment", related.carrying_shipment, position=50)
        register_related("exchanges.event", related.carrying_event, position=50)
        register_involvement(related.taking_part, position=50)
