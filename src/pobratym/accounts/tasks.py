"""Background work of the accounts app: telling a person about attempts on their account."""

from django_tasks import task


@task()
def failed_logins_notify_task(user_id: int, address: str) -> None:
    """E-mail a person that sign-ins to their account from `address` are being throttled."""
    from .notifications import failed_logins_notify

    failed_logins_notify(user_id=user_id, address=address)
