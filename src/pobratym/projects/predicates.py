"""Who may translate a programme of the shared catalogue of funding programmes: it belongs
to no partnership, so the roles a person holds in any of theirs decide."""

import rules

from pobratym.partnerships.models import Role
from pobratym.partnerships.work import memberships_of


@rules.predicate
def is_coordinator_somewhere(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and any(m.role == Role.COORDINATOR for m in memberships_of(user))
    )
