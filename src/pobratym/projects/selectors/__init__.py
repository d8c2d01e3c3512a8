from .funding import (
    DUE_DAYS,
    application_detail,
    application_list,
    applications_due,
    open_calls,
    programme_detail,
    programme_list,
)
from .iati import iati_partnership, iati_projects
from .projects import Budget, budget_of, project_detail, project_list

__all__ = [
    "DUE_DAYS",
    "Budget",
    "application_detail",
    "application_list",
    "applications_due",
    "budget_of",
    "iati_partnership",
    "iati_projects",
    "open_calls",
    "programme_detail",
    "programme_list",
    "project_detail",
    "project_list",
]
