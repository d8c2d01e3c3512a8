"""What every form view shares."""

from .errors import DomainError


def form_data(request):
    """The submitted form data; an empty POST still binds the form, so it shows its errors."""
    return request.POST if request.method == "POST" else None


def form_files(request):
    """The uploaded files of a POST, to bind a form with a FileField alongside `form_data`."""
    return request.FILES if request.method == "POST" else None


def submit(request, form, action):
    """Run `action()` if the form was posted and is valid, and return its result; a broken
    business rule (DomainError) becomes an error on the form and the result is None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return action()
    except DomainError as error:
        form.add_error(None, error.message)
        return None


def status_of(form) -> int:
    """400 for a form shown again with errors, so clients and tests can tell."""
    return 400 if form.errors else 200
