from .projects import (
    PROJECT_FIELDS,
    budget_line_add,
    indicator_add,
    indicator_record,
    milestone_add,
    milestone_complete,
    project_create,
    project_update,
)

__all__ = [
    "PROJECT_FIELDS",
    "budget_line_add",
    "indicator_add",
    "indicator_record",
    "milestone_add",
    "milestone_complete",
    "project_create",
    "project_update",
]
