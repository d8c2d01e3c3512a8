from .funding import (
    ApplicationEditForm,
    ApplicationForm,
    CallForm,
    ProgrammeEditForm,
    ProgrammeForm,
)
from .projects import (
    BudgetLineForm,
    IndicatorActualForm,
    IndicatorForm,
    MilestoneForm,
    ProjectCreateForm,
    ProjectEditForm,
    ProjectFilterForm,
)

__all__ = [
    "ApplicationEditForm",
    "ApplicationForm",
    "BudgetLineForm",
    "CallForm",
    "IndicatorActualForm",
    "IndicatorForm",
    "MilestoneForm",
    "ProgrammeEditForm",
    "ProgrammeForm",
    "ProjectCreateForm",
    "ProjectEditForm",
    "ProjectFilterForm",
]
