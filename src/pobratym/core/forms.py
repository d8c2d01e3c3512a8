"""What every form view shares."""


def form_data(request):
    """The submitted form data; an empty POST still binds the form, so it shows its errors."""
    return request.POST if request.method == "POST" else None


def form_files(request):
    """The uploaded files of a POST, to bind a form with a FileField alongside `form_data`."""
    return request.FILES if request.method == "POST" else None
