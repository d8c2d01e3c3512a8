from .funding import (
    ApplicationEditForm,
    ApplicationForm,
    CallForm,
    ProgrammeEditForm,
    ProgrammeForm,
)
from .parts import (
    DocumentForm,
    ProjectLinkForm,
    ProjectOrganisationForm,
    ProjectUnlinkForm,
    UpdateForm,
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
    "DocumentForm",
    "IndicatorActualForm",
    "IndicatorForm",
    "MilestoneForm",
    "ProgrammeEditForm",
    "ProgrammeForm",
    "ProjectCreateForm",
    "ProjectEditForm",
    "ProjectFilterForm",
    "ProjectLinkForm",
    "ProjectOrganisationForm",
    "ProjectUnlinkForm",
    "UpdateForm",
]
