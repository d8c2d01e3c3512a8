"""What every domain's admin shares: records made by the services' workflows, which the
operator reads and, rarely, corrects (each correction kept in the history), never adds."""

from simple_history.admin import SimpleHistoryAdmin


class MadeByServices(SimpleHistoryAdmin):
    # What ties the record to its partnership, side or parent: never changed here.
    bound: tuple[str, ...] = ()
    deletable = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [*self.bound, *super().get_readonly_fields(request, obj)]
