"""Background work of the partnerships app: invitation e-mails."""

from django_tasks import task


@task()
def invitation_send_task(invitation_id: int) -> None:
    """E-mail a pending invitation, in the language it was written for."""
    from .services import invitation_send

    invitation_send(invitation_id=invitation_id)
