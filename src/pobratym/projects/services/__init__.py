from .funding import (
    APPLICATION_FIELDS,
    CALL_FIELDS,
    PROGRAMME_FIELDS,
    application_create,
    application_update,
    call_add,
    due_date,
    programme_save,
)
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
    "APPLICATION_FIELDS",
    "CALL_FIELDS",
    "PROGRAMME_FIELDS",
    "PROJECT_FIELDS",
    "application_create",
    "application_update",
    "budget_line_add",
    "call_add",
    "due_date",
    "indicator_add",
    "indicator_record",
    "milestone_add",
    "milestone_complete",
    "programme_save",
    "project_create",
    "project_update",
]
