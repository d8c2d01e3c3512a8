"""Background work of the aid app: telling the sending side what arrived."""

from django_tasks import task


@task()
def receipt_notify_task(receipt_id: int) -> None:
    """E-mail the sending side's office about a goods received note and its discrepancies."""
    from .notifications import receipt_notify

    receipt_notify(receipt_id)
