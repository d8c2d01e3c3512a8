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
from .plans import (
    PlanState,
    comparison,
    measures_of,
    plan_detail,
    plan_list,
    state_of,
    timeline,
    version_of,
)
from .projects import Budget, budget_of, project_detail, project_list
from .reports import report_detail, report_list, report_year, report_years

__all__ = [
    "DUE_DAYS",
    "Budget",
    "PlanState",
    "application_detail",
    "application_list",
    "applications_due",
    "budget_of",
    "comparison",
    "iati_partnership",
    "iati_projects",
    "measures_of",
    "open_calls",
    "plan_detail",
    "plan_list",
    "programme_detail",
    "programme_list",
    "project_detail",
    "project_list",
    "report_detail",
    "report_list",
    "report_year",
    "report_years",
    "state_of",
    "timeline",
    "version_of",
]
