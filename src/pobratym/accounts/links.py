"""Pages of a person's own that the upper layers keep (their calendar feeds), linked from the
account page: each registers itself in its AppConfig.ready, so accounts names none of them."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class AccountLink:
    label: str
    url_name: str  # takes no arguments
    position: int


_links: dict[str, AccountLink] = {}


def register_account_link(label: str, url_name: str, *, position: int) -> None:
    _links[url_name] = AccountLink(label, url_name, position)


def account_links() -> list[dict]:
    """The links in order, with their addresses."""
    return [
        {"label": link.label, "url": reverse(link.url_name)}
        for link in sorted(_links.values(), key=lambda link: link.position)
    ]
