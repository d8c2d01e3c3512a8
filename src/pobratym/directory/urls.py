"""Every directory page's address, in one list."""

from django.urls import path

from . import views

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
    path(contact, views.contact_detail, name="contact_detail"),
    path(f"{contact}edit/", views.contact_edit, name="contact_edit"),
    path(f"{contact}data.json", views.contact_export, name="contact_export"),
    path(f"{contact}data.pdf", views.contact_pdf, name="contact_pdf"),
    path(f"{contact}erase/", views.contact_erase, name="contact_erase"),
]
