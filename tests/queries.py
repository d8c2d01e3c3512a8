"""A page's number of queries pinned as the data grows: read it with a few records, add
more of what it shows in rows, and read it again in as many queries or fewer."""

from collections.abc import Callable


def page_keeps_its_queries(client, address: str, grow: Callable[[], object], assert_max, budget=40):
    """The page at `address` as read after `grow()`, in no more queries than before it
    (`assert_max` is pytest-django's `django_assert_max_num_queries`; `budget` bounds the
    first reading)."""
    client.get(address)  # caches warmed: the session, the content types
    with assert_max(budget) as few:
        assert client.get(address).status_code == 200
    grow()
    with assert_max(len(few.captured_queries)):
        page = client.get(address)
    assert page.status_code == 200
    return page
