"""A person's data as a readable PDF, in the reader's language: what the directory stores about
them, their consent, and when their record was changed (not what was changed)."""

from pobratym.documents.pdf import render_pdf

from .models import Contact
from .selectors import contact_data


def contact_pdf(contact: Contact, *, language: str) -> bytes:
    return render_pdf(
        "directory/pdf/contact.html",
        {"contact": contact, "data": contact_data(contact)},
        language=language,
    )
