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
from .plans import (
    MeasureCreateForm,
    MeasureEditForm,
    PlanApprovalForm,
    PlanCreateForm,
    PlanEditForm,
    ProgressForm,
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
from .reports import ReportForm

__all__ = [
    "ApplicationEditForm",
    "ApplicationForm",
    "BudgetLineForm",
    "CallForm",
    "DocumentForm",
    "IndicatorActualForm",
    "IndicatorForm",
    "MeasureCreateForm",
    "MeasureEditForm",
    "MilestoneForm",
    "PlanApprovalForm",
    "PlanCreateForm",
    "PlanEditForm",
    "ProgrammeEditForm",
    "ProgrammeForm",
    "ProgressForm",
    "ProjectCreateForm",
    "ProjectEditForm",
    "ProjectFilterForm",
    "ProjectLinkForm",
    "ProjectOrganisationForm",
    "ProjectUnlinkForm",
    "ReportForm",
    "UpdateForm",
]
