"""Settings shared by every environment; each environment module adjusts them."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parents[2]
ROOT_DIR = PACKAGE_DIR.parents[1]

env = environ.Env()
VAR_DIR = Path(env("POBRATYM_VAR_DIR", default=str(ROOT_DIR / "var")))

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "ninja",
    "django_countries",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "pobratym.core",
    "pobratym.accounts",
    "pobratym.partnerships",
    "pobratym.agreements",
    "pobratym.documents",
    "pobratym.translation",
    "pobratym.conversations",
    "pobratym.directory",
    "pobratym.aid",
    "pobratym.exchanges",
    "pobratym.projects",
    "pobratym.site",
    "pobratym.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "pobratym.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pobratym.accounts.middleware.PreferredLanguageLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "pobratym.accounts.middleware.RequireTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "pobratym.config.urls"
WSGI_APPLICATION = "pobratym.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pobratym.site.context_processors.top_bar",
            ],
        },
    },
]

# Forms render through templates/django/forms/ (KERN markup, an error summary above).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


def with_write_ahead_log(database: dict) -> dict:
    """SQLite in write-ahead-log mode: readers never wait for a writer (the task worker beside
    the server), and a commit waits for one write of the log, not three of the file; a power
    cut may lose the last commits, never the database (development, the demo, the
    benchmark). Other databases as they are."""
    if database["ENGINE"] == "django.db.backends.sqlite3":
        options = database.setdefault("OPTIONS", {})
        options["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    return database


DATABASES = {
    "default": with_write_ahead_log(
        env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'pobratym.sqlite3'}")
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "name")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Accounts: e-mail login, no open sign-up (people join by invitation), two factors.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# An address counts only once its owner followed the link sent to it; a person changes their
# one address by verifying the new one (invitations and logins use verified addresses only).
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_FORMS = {"add_email": "pobratym.accounts.forms.AddEmailForm"}
ACCOUNT_ADAPTER = "pobratym.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# No mail to addresses without an account: the platform is not a way to send mail to anyone.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Wrong passwords: 5 per account and address pair (the adapter makes the key the pair), and
# 20 per address over all accounts, so one office behind one address is not shut out at once.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/5m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Pobratym"

LANGUAGE_CODE = "en"
LANGUAGES = [("de", _("German")), ("uk", _("Ukrainian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Where Django's date formats differ from a language's usage (Ukrainian: "3 грудня").
FORMAT_MODULE_PATH = ["pobratym.config.formats"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "de", "uk")
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "pobratym.core.storage.UploadStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="pobratym@localhost")

# No inline scripts or styles; everything comes from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Background work (machine translation, e-mail notifications) runs in `pobratym db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A failed machine translation is tried again this many times in all, waiting longer each time.
POBRATYM_TRANSLATION_ATTEMPTS = env.int("POBRATYM_TRANSLATION_ATTEMPTS", default=5)
POBRATYM_TRANSLATION_RETRY_SECONDS = env.int("POBRATYM_TRANSLATION_RETRY_SECONDS", default=60)
# An e-mail the mail server refused or could not take is tried again, later each time.
POBRATYM_EMAIL_ATTEMPTS = env.int("POBRATYM_EMAIL_ATTEMPTS", default=6)
POBRATYM_EMAIL_RETRY_SECONDS = env.int("POBRATYM_EMAIL_RETRY_SECONDS", default=300)

INVITATION_VALID_DAYS = 14
# Scans and photos larger than this are refused (bytes; default 20 MB).
POBRATYM_UPLOAD_MAX_BYTES = env.int("POBRATYM_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
# A spreadsheet import (needs list, packing list) with more data rows is refused whole.
POBRATYM_IMPORT_MAX_ROWS = env.int("POBRATYM_IMPORT_MAX_ROWS", default=2000)
# Messages longer than this many characters are refused (default 20,000).
POBRATYM_MESSAGE_MAX_CHARS = env.int("POBRATYM_MESSAGE_MAX_CHARS", default=20_000)
POBRATYM_DEMO = False
# The API's interactive documentation and OpenAPI schema (/api/v1/docs, /api/v1/openapi.json);
# an operator may switch them off (docs/operations.md).
POBRATYM_API_DOCS = env.bool("POBRATYM_API_DOCS", default=True)
# The API's rate limits in requests per minute, counted in the cache: per personal API token,
# and per client address for every request (behind a proxy: TRUSTED_PROXY_COUNT). Beyond them
# the API answers 429 with Retry-After (docs/api.md).
POBRATYM_API_REQUESTS_PER_TOKEN = env.int("POBRATYM_API_REQUESTS_PER_TOKEN", default=300)
POBRATYM_API_REQUESTS_PER_ADDRESS = env.int("POBRATYM_API_REQUESTS_PER_ADDRESS", default=600)
# The organisation publishing the IATI open data of public projects (docs/operations.md):
# its identifier (an IATI organisation identifier, the prefix of every activity's), its type
# (OrganisationType codelist, 11: local government) and its name (empty: the partnership's).
POBRATYM_IATI_ORG_ID = env("POBRATYM_IATI_ORG_ID", default="XI-IATI-POBRATYM-DEMO")
POBRATYM_IATI_ORG_TYPE = env("POBRATYM_IATI_ORG_TYPE", default="11")
POBRATYM_IATI_ORG_NAME = env("POBRATYM_IATI_ORG_NAME", default="")

# Machine translation of messages (docs/operations.md, "Machine translation"): "none" (messages
# wait for a human translation), "libretranslate" (self-hosted) or "deepl".
POBRATYM_TRANSLATION_PROVIDER = env("POBRATYM_TRANSLATION_PROVIDER", default="none")
POBRATYM_TRANSLATION_TIMEOUT = env.float("POBRATYM_TRANSLATION_TIMEOUT", default=10.0)
LIBRETRANSLATE_URL = env("LIBRETRANSLATE_URL", default="")
LIBRETRANSLATE_API_KEY = env("LIBRETRANSLATE_API_KEY", default="")
DEEPL_API_KEY = env("DEEPL_API_KEY", default="")
# Empty: api-free.deepl.com for free-plan keys (ending in ":fx"), api.deepl.com for others.
DEEPL_URL = env("DEEPL_URL", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # WeasyPrint logs every rendering step at INFO.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
POBRATYM_BASE_URL = env("POBRATYM_BASE_URL", default="http://127.0.0.1:8000")
