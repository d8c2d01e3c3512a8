"""Cooperation beyond aid: projects with their organisations, milestones, indicators, budget
and updates; the catalogue of funding programmes and their calls, and the applications
projects make to them; the work plans both sides approve, with their measures.

Projects and plans sit above the other domains (decision 0020): a project carries aid needs and
shipments and a measure is carried out by projects, events and needs, through foreign keys.
"""

from .funding import Application, ApplicationStatus, FundingCall, FundingProgramme
from .plans import Measure, MeasureStatus, PlanApproval, PlanVersion, WorkPlan
from .projects import (
    BudgetLine,
    Indicator,
    Milestone,
    OrganisationRole,
    Project,
    ProjectDocument,
    ProjectOrganisation,
    ProjectStatus,
    ProjectUpdate,
    UpdatePhoto,
)
from .reports import Report, ReportLanguage, ReportStatus

__all__ = [
    "Application",
    "ApplicationStatus",
    "BudgetLine",
    "FundingCall",
    "FundingProgramme",
    "Indicator",
    "Measure",
    "MeasureStatus",
    "Milestone",
    "OrganisationRole",
    "PlanApproval",
    "PlanVersion",
    "Project",
    "ProjectDocument",
    "ProjectOrganisation",
    "ProjectStatus",
    "ProjectUpdate",
    "Report",
    "ReportLanguage",
    "ReportStatus",
    "UpdatePhoto",
    "WorkPlan",
]
