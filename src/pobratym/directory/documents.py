"""A person's data as a readable PDF, in the reader's language: what the directory stores about
them, their consent, and when their record was changed (not what was changed)."""

from django.utils import translation

from pobratym.documents.pdf import render_pdf

from .models import Contact
from .personal_data import described
from .selectors import contact_data


def contact_pdf(contact: Contact, *, language: str) -> bytes:
    with translation.override(language):
        sections = described(contact)
    return render_pdf(
        "directory/pdf/contact.html",
        {"contact": contact, "data": contact_data(contact), "sections": sections},
        language=language,
    )
