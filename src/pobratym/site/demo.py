"""The demo partnership Dortmund–Zhytomyr, composed from each domain's own loader."""

from django.db import transaction

from pobratym.accounts.models import User
from pobratym.agreements.demo import load_agreement, load_letters
from pobratym.aid.demo import load_aid
from pobratym.conversations.demo import load_conversations
from pobratym.directory.demo import load_directory
from pobratym.exchanges.demo import load_events
from pobratym.partnerships import demo as partnerships_demo
from pobratym.portal.demo import load_news
from pobratym.projects.demo import load_projects


@transaction.atomic
def load() -> list[tuple[str, str]]:
    """Create what is missing; return the demo accounts as (e-mail, role)."""
    partnership, accounts = partnerships_demo.load()
    load_letters(partnership)
    dortmund_coordinator = User.objects.get(
        email=partnerships_demo.demo_email("coordinator", "dortmund")
    )
    load_agreement(partnership, by=dortmund_coordinator)
    load_conversations(partnership)
    # The directory first: aid's donors and carriers are its organisations.
    load_directory(partnership)
    load_aid(partnership)
    load_events(partnership)
    # Projects last: they carry aid needs and name the directory's organisations.
    load_projects(partnership)
    # The news tells of what the records above hold.
    load_news(partnership)
    return accounts
