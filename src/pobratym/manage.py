"""The `pobratym` command: Django's manage.py, installed into the virtualenv."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pobratym.config.settings.local")
    if sys.argv[1:] == ["demo", "--code"] and _print_demo_code():
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


def _print_demo_code() -> bool:
    """`pobratym demo --code` is typed while signing in: answer without starting Django (its
    apps and checks take seconds). Reading the settings is cheap and keeps production out."""
    from django.conf import settings

    if not settings.POBRATYM_DEMO:
        return False  # the demo command itself says why
    from pobratym.partnerships.demo_code import current_code

    print(current_code())
    return True


if __name__ == "__main__":
    main()
