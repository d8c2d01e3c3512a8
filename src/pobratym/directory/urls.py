"""Every directory page's address, in one list."""

from django.urls import path

from . import contact_sheets_views, merge_views, views

app_name = "directory"

directory = "partnerships/<slug:slug>/directory/"
organisation = f"{directory}organisations/<id:organisation_id>/"
contact = f"{directory}contacts/<id:contact_id>/"

urlpatterns = [
    path(f"{directory}", views.organisation_list, name="organisation_list"),
    path(f"{directory}organisations/new/", views.organisation_create, name="organisation_create"),
    path(organisation, views.organisation_detail, name="organisation_detail"),
    path(f"{organisation}edit/", views.organisation_edit, name="organisation_edit"),
    path(f"{organisation}logo/", views.organisation_logo, name="organisation_logo"),
    path(f"{directory}contacts/", views.contact_list, name="contact_list"),
    path(f"{directory}contacts/new/", views.contact_create, name="contact_create"),
    path(f"{directory}contacts/review/", views.retention_list, name="retention_list"),
    path(
        f"{directory}contacts/import/", contact_sheets_views.contact_import, name="contact_import"
    ),
    path(
        f"{directory}contacts/template.xlsx",
        contact_sheets_views.contact_template,
        name="contact_template",
    ),
    *(
        path(
            f"{directory}contacts/export.{extension}",
            contact_sheets_views.contact_list_export,
            {"extension": extension},
            name=f"contact_list_{extension}",
        )
        for extension in ("xlsx", "csv")
    ),
    path(contact, views.contact_detail, name="contact_detail"),
    path(f"{contact}edit/", views.contact_edit, name="contact_edit"),
    path(f"{contact}data.json", views.contact_export, name="contact_export"),
    path(f"{contact}data.pdf", views.contact_pdf, name="contact_pdf"),
    path(f"{contact}erase/", views.contact_erase, name="contact_erase"),
    path(f"{contact}merge/", merge_views.contact_merge_choose, name="contact_merge_choose"),
    path(f"{contact}merge/<id:other_id>/", merge_views.contact_merge, name="contact_merge"),
]
