"""Funding pages of a partnership: its applications with their next dates, the shared
catalogue of programmes and their calls, and the forms that keep them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pobratym.core.changes import kept_page
from pobratym.core.errors import require
from pobratym.core.forms import form_data, status_of, submit
from pobratym.core.listing import kept_records
from pobratym.partnerships.access import partnership_for

from .. import selectors, services
from ..forms import ApplicationEditForm, ApplicationForm, CallForm, ProgrammeEditForm, ProgrammeForm

VIEW_PROGRAMME = "projects.view_fundingprogramme"
CHANGE_PROGRAMME = "projects.change_fundingprogramme"


@login_required
@require_GET
def application_list(request, slug: str):
    partnership = partnership_for(request, slug, "projects.view_application")

    def context() -> dict:
        applications = selectors.application_list(viewer=request.user, partnership=partnership)
        return {
            "partnership": partnership,
            "head_title": f"{_('Funding applications')} · {partnership}",
            "applications": [
                (application, services.due_date(application)) for application in applications
            ],
        }

    return kept_page(request, "projects/funding/application_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request, slug: str):
    partnership = partnership_for(request, slug, "projects.add_application")
    initial = {name: request.GET.get(name) for name in ("call", "project") if request.GET.get(name)}
    form = ApplicationForm(
        form_data(request),
        initial=initial,
        partnership=partnership,
        calls=selectors.open_calls(),
    )
    application = submit(
        request,
        form,
        lambda: services.application_create(
            partnership=partnership, by=request.user, **form.cleaned_data
        ),
    )
    if application is not None:
        messages.success(request, _("The application was recorded."))
        return redirect("projects:application_detail", slug=slug, application_id=application.pk)
    context = {"partnership": partnership, "form": form}
    return render(
        request, "projects/funding/application_form.html", context, status=status_of(form)
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request, slug: str, application_id: int):
    """An application with its next date, and the form recording how it went for those who
    may; kept until anything is written (`kept_page`), a form sent back with errors is not."""
    partnership = partnership_for(request, slug, "projects.view_application")

    def load():
        return selectors.application_detail(
            viewer=request.user, partnership=partnership, application_id=application_id
        )

    application = form = None
    if request.method == "POST":
        application = load()
        require(request.user, "projects.change_application", application)
        form = ApplicationEditForm(
            form_data(request), instance=application, partnership=partnership
        )
        if submit(
            request,
            form,
            lambda: services.application_update(
                application=application, by=request.user, **form.cleaned_data
            ),
        ):
            messages.success(request, _("The application was saved."))
            return redirect("projects:application_detail", slug=slug, application_id=application.pk)

    def context() -> dict:
        shown = application or load()
        can_change = request.user.has_perm("projects.change_application", shown)
        return {
            "partnership": partnership,
            "head_title": f"{shown.call.title} · {partnership}",
            "application": shown,
            "due": services.due_date(shown),
            "form": (form or ApplicationEditForm(instance=shown, partnership=partnership))
            if can_change
            else None,
        }

    status = status_of(form) if form is not None else 200
    return kept_page(request, "projects/funding/application_detail.html", context, status=status)


@login_required
@require_GET
def programme_list(request, slug: str):
    partnership = partnership_for(request, slug, VIEW_PROGRAMME)
    return kept_records(
        request,
        "projects/funding/programme_list.html",
        _("Funding programmes"),
        partnership,
        "programmes",
        selectors.programme_list,
    )


@login_required
@require_GET
def programme_detail(request, slug: str, programme_id: int):
    partnership = partnership_for(request, slug, VIEW_PROGRAMME)

    def context() -> dict:
        programme = selectors.programme_detail(
            viewer=request.user, partnership=partnership, programme_id=programme_id
        )
        return {
            "partnership": partnership,
            "head_title": f"{programme.name} · {partnership}",
            "programme": programme,
        }

    return kept_page(request, "projects/funding/programme_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request, slug: str):
    partnership = partnership_for(request, slug, CHANGE_PROGRAMME)
    form = ProgrammeForm(form_data(request), partnership=partnership)
    programme = submit(
        request,
        form,
        lambda: services.programme_save(
            partnership=partnership, by=request.user, **form.cleaned_data
        ),
    )
    if programme is not None:
        messages.success(request, _("The programme was added to the catalogue."))
        return redirect("projects:programme_detail", slug=slug, programme_id=programme.pk)
    context = {"partnership": partnership, "form": form}
    return render(request, "projects/funding/programme_form.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, slug: str, programme_id: int):
    partnership = partnership_for(request, slug, CHANGE_PROGRAMME)
    programme = selectors.programme_detail(
        viewer=request.user, partnership=partnership, programme_id=programme_id
    )
    form = ProgrammeEditForm(form_data(request), instance=programme, partnership=partnership)
    if submit(
        request,
        form,
        lambda: services.programme_save(
            partnership=partnership, by=request.user, programme=programme, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The programme was saved."))
        return redirect("projects:programme_detail", slug=slug, programme_id=programme.pk)
    context = {"partnership": partnership, "form": form, "programme": programme}
    return render(request, "projects/funding/programme_form.html", context, status=status_of(form))


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request, slug: str, programme_id: int):
    partnership = partnership_for(request, slug, CHANGE_PROGRAMME)
    programme = selectors.programme_detail(
        viewer=request.user, partnership=partnership, programme_id=programme_id
    )
    form = CallForm(form_data(request), partnership=partnership)
    if submit(
        request,
        form,
        lambda: services.call_add(
            partnership=partnership, programme=programme, by=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("The call was added."))
        return redirect("projects:programme_detail", slug=slug, programme_id=programme.pk)
    context = {"partnership": partnership, "form": form, "programme": programme}
    return render(request, "projects/funding/call_form.html", context, status=status_of(form))
