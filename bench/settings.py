"""Production settings for the benchmark, but static files are not collected first: that
takes minutes (every file compressed) and the timed pages only name them."""

from pobratym.config.settings.production import *  # noqa: F403
from pobratym.config.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The clients speak plain HTTP to gunicorn on 127.0.0.1, where a browser speaks HTTPS to the
# proxy: a cookie marked Secure would not come back, and every page would be a first visit
# without its CSRF secret (nothing kept, core.changes.remembered_body).
CSRF_COOKIE_SECURE = False
