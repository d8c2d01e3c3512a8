"""Every project page's address, in one list."""

from django.urls import path

from . import views

app_name = "projects"

projects = "partnerships/<slug:slug>/projects/"
project = f"{projects}<id:project_id>/"
funding = f"{projects}funding/"
programme = f"{funding}programmes/<id:programme_id>/"
plans = f"{projects}plans/"
plan = f"{plans}<id:plan_id>/"
measure = f"{plan}measures/<id:measure_id>/"
reports = f"{projects}reports/"
report = f"{reports}<id:report_id>/"

urlpatterns = [
    path(projects, views.project_list, name="project_list"),
    path(f"{projects}new/", views.project_create, name="project_create"),
    path(f"{projects}iati/", views.iati_report, name="iati_report"),
    path(project, views.project_detail, name="project_detail"),
    path(f"{project}edit/", views.project_edit, name="project_edit"),
    path(f"{project}milestones/", views.milestone_add, name="milestone_add"),
    path(
        f"{project}milestones/<id:milestone_id>/done/",
        views.milestone_complete,
        name="milestone_complete",
    ),
    path(f"{project}indicators/", views.indicator_add, name="indicator_add"),
    path(
        f"{project}indicators/<id:indicator_id>/actual/",
        views.indicator_record,
        name="indicator_record",
    ),
    path(f"{project}budget/", views.budget_line_add, name="budget_line_add"),
    path(f"{project}organisations/", views.project_organisation_add, name="organisation_add"),
    path(
        f"{project}organisations/<id:role_id>/remove/",
        views.project_organisation_remove,
        name="organisation_remove",
    ),
    path(f"{project}links/", views.project_link_add, name="link_add"),
    path(f"{project}links/remove/", views.project_link_remove, name="link_remove"),
    path(f"{project}updates/", views.update_post, name="update_post"),
    path(
        f"{project}updates/<id:update_id>/photos/<id:update_photo_id>/",
        views.update_photo,
        name="update_photo",
    ),
    path(f"{project}documents/", views.document_add, name="document_add"),
    path(
        f"{project}documents/<id:document_id>/", views.document_download, name="document_download"
    ),
    path(funding, views.application_list, name="application_list"),
    path(f"{funding}apply/", views.application_create, name="application_create"),
    path(f"{funding}<id:application_id>/", views.application_detail, name="application_detail"),
    path(f"{funding}programmes/", views.programme_list, name="programme_list"),
    path(f"{funding}programmes/new/", views.programme_create, name="programme_create"),
    path(programme, views.programme_detail, name="programme_detail"),
    path(f"{programme}edit/", views.programme_edit, name="programme_edit"),
    path(f"{programme}calls/new/", views.call_create, name="call_create"),
    path(plans, views.plan_list, name="plan_list"),
    path(f"{plans}new/", views.plan_create, name="plan_create"),
    path(plan, views.plan_detail, name="plan_detail"),
    path(f"{plan}edit/", views.plan_edit, name="plan_edit"),
    path(f"{plan}versions/new/", views.version_create, name="version_create"),
    path(f"{plan}versions/<id:number>/", views.plan_version, name="plan_version"),
    path(f"{plan}versions/<id:number>/approve/", views.plan_approve, name="plan_approve"),
    path(f"{plan}compare/", views.plan_compare, name="plan_compare"),
    path(f"{plan}timeline/", views.plan_timeline, name="plan_timeline"),
    path(f"{plan}measures/new/", views.measure_add, name="measure_add"),
    path(f"{measure}edit/", views.measure_edit, name="measure_edit"),
    path(f"{measure}progress/", views.measure_progress, name="measure_progress"),
    path(f"{measure}remove/", views.measure_remove, name="measure_remove"),
    path(reports, views.report_list, name="report_list"),
    path(report, views.report_detail, name="report_detail"),
    path(f"{report}retry/", views.report_retry, name="report_retry"),
    path(f"{report}report.pdf", views.report_pdf, name="report_pdf"),
    path(f"{report}report.docx", views.report_docx, name="report_docx"),
]
