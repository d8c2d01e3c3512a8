"""What every form view shares."""


def form_data(request):
    """The submitted form data; an empty POST still binds the form, so it shows its errors."""
    return request.POST if request.method == "POST" else None
