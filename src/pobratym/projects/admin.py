"""The operator's admin for projects: for reading and, rarely, correcting a record entered by
mistake; every correction is kept in the history. Records are made through the services, so
nothing is added or deleted here."""

from django.contrib import admin

from pobratym.core.admin import MadeByServices

from .models import BudgetLine, Milestone, Project, Report


@admin.register(Project)
class ProjectAdmin(MadeByServices):
    bound = ("partnership", "created_by")
    list_display = ["title", "partnership", "status", "lead_side", "starts_on", "ends_on"]
    list_filter = ["status", "partnership"]
    search_fields = ["title"]


@admin.register(Milestone)
class MilestoneAdmin(MadeByServices):
    bound = ("project",)
    list_display = ["title", "project", "due_on", "completed_on"]
    search_fields = ["title"]


@admin.register(BudgetLine)
class BudgetLineAdmin(MadeByServices):
    bound = ("project", "source", "application")
    list_display = ["purpose", "project", "amount", "currency", "rate", "rate_on"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read only: the operators read why a report failed; a coordinator asks for it again on
    its page, and the task worker writes it."""

    list_display = ["partnership", "year", "language", "status", "progress", "created_at"]
    list_filter = ["status", "language"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
