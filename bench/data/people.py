"""Who works in a generated partnership: people by (side position, role), as the aid
generator makes them and the other domains' generators use them."""

from pobratym.accounts.models import User

Cast = dict[tuple[int, str], list[User]]
