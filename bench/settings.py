"""Production settings for the benchmark, but static files are not collected first: that
takes minutes (every file compressed) and the timed pages only name them."""

from pobratym.config.settings.production import *  # noqa: F403
from pobratym.config.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
