"""The operator's admin for the directory: for reading and, rarely, correcting a record entered
by mistake; every correction is kept in the history. Records are made through the services
(with their checks, and erasure blanks the history too), so nothing is added or deleted here."""

from django.contrib import admin
from django.db import models

from pobratym.core.admin import MadeByServices

from .models import Contact, Organisation


@admin.register(Organisation)
class OrganisationAdmin(MadeByServices):
    bound = ("partnership", "side", "created_by")
    list_display = ["name", "partnership", "kind", "side"]
    list_filter = ["kind", "partnership"]
    search_fields = ["name"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Contact)
class ContactAdmin(MadeByServices):
    bound = ("partnership", "side", "organisation", "created_by", "anonymised_at")
    list_display = ["__str__", "organisation", "partnership", "retain_until", "anonymised_at"]
    list_filter = ["partnership"]
    search_fields = ["name", "email"]
    exclude = ["name_key", "email_key"]
