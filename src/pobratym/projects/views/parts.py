"""Pages of a project's parts beyond the plan: organisations in their roles, links to the aid
needs, shipments and events that carry it, updates with photos and documents. Each adding
form is a page of its own and each removal a button on the project's page, so no script is
needed; photos and documents are served to members only (core.downloads)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pobratym.core.downloads import private_file
from pobratym.core.forms import form_data, form_files, status_of, submit

from .. import services
from ..forms import (
    DocumentForm,
    ProjectLinkForm,
    ProjectOrganisationForm,
    ProjectUnlinkForm,
    UpdateForm,
)
from ..selectors import parts as selectors
from .projects import CHANGE, _project, _to_project


def _adding(request, slug, project_id, make_form, service, anchor: str, done: str, title: str):
    """A page adding to the project through `service`, back to its section when saved."""
    partnership, project = _project(request, slug, project_id, CHANGE)
    form = make_form(project)
    if submit(
        request, form, lambda: service(project=project, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, done)
        return _to_project(project, anchor)
    context = {"partnership": partnership, "project": project, "form": form, "title": title}
    return render(request, "projects/part_form.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def project_organisation_add(request, slug: str, project_id: int):
    return _adding(
        request,
        slug,
        project_id,
        lambda project: ProjectOrganisationForm(form_data(request), project=project),
        services.project_organisation_add,
        "organisations",
        _("The organisation was added to the project."),
        _("Add an organisation to the project"),
    )


@login_required
@require_POST
def project_organisation_remove(request, slug: str, project_id: int, role_id: int):
    _partnership, project = _project(request, slug, project_id, CHANGE)
    taking_part = get_object_or_404(project.roles.all(), pk=role_id)
    services.project_organisation_remove(taking_part=taking_part, by=request.user)
    messages.success(request, _("The organisation no longer takes part in that role."))
    return _to_project(project, "organisations")


@login_required
@require_http_methods(["GET", "POST"])
def project_link_add(request, slug: str, project_id: int):
    return _adding(
        request,
        slug,
        project_id,
        lambda project: ProjectLinkForm(form_data(request), project=project),
        services.project_link_add,
        "carried-by",
        _("Linked to the project."),
        _("Link aid needs, shipments or events"),
    )


@login_required
@require_POST
def project_link_remove(request, slug: str, project_id: int):
    _partnership, project = _project(request, slug, project_id, CHANGE)
    form = ProjectUnlinkForm(request.POST, project=project)
    if not form.is_valid():
        raise Http404  # a record not linked (any more), or of another partnership
    services.project_link_remove(project=project, by=request.user, **form.cleaned_data)
    messages.success(request, _("The link was removed; the record itself stays."))
    return _to_project(project, "carried-by")


@login_required
@require_http_methods(["GET", "POST"])
def update_post(request, slug: str, project_id: int):
    return _adding(
        request,
        slug,
        project_id,
        lambda _project: UpdateForm(form_data(request), form_files(request)),
        services.update_post,
        "updates",
        _("The update was posted."),
        _("Post an update"),
    )


@login_required
@require_GET
def update_photo(request, slug: str, project_id: int, update_id: int, update_photo_id: int):
    """A photo of an update, for members only (uploads are never served by path)."""
    _partnership, project = _project(request, slug, project_id)
    photo = selectors.update_photo(project=project, update_id=update_id, photo_id=update_photo_id)
    if photo is None:
        raise Http404
    return private_file(photo.image, inline_image=True)


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request, slug: str, project_id: int):
    return _adding(
        request,
        slug,
        project_id,
        lambda _project: DocumentForm(form_data(request), form_files(request)),
        services.document_add,
        "documents",
        _("The document was added."),
        _("Add a document"),
    )


@login_required
@require_GET
def document_download(request, slug: str, project_id: int, document_id: int):
    """A document of the project, as a download for members only."""
    _partnership, project = _project(request, slug, project_id)
    document = get_object_or_404(selectors.project_documents(project=project), pk=document_id)
    return private_file(document.file)
