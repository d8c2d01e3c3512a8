"""Background work of the aid app: telling the sending side what arrived."""

from django_tasks import task

from pobratym.core.mail import mail_each


@task()
def receipt_notify_task(receipt_id: int) -> None:
    """E-mail the sending side's office about a goods received note and its discrepancies,
    one e-mail per person (core.mail)."""
    from .notifications import receipt_recipients

    people = receipt_recipients(receipt_id)
    mail_each("pobratym.aid.notifications.receipt_email", receipt_id, [(p.pk, {}) for p in people])
