"""Every address: language-prefixed pages, the API, and a few fixed paths."""

from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from pobratym.accounts import views as account_views
from pobratym.core import views as core_views
from pobratym.portal import views as portal_views

from .api import api

# The admin signs in through allauth like every other door: throttled, with the second factor.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", core_views.root, name="root"),
    path("healthz", core_views.health, name="health"),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("sitemap.xml", portal_views.sitemap_xml, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path(
        "accounts/2fa/totp/activate/",
        account_views.ActivateTOTPView.as_view(),
        name="mfa_activate_totp",
    ),
    path("accounts/", include("allauth.urls")),
    path("account/profile/", account_views.profile, name="profile"),
    path("admin/", admin.site.urls),
    path("", include("pobratym.partnerships.urls")),
    path("", include("pobratym.agreements.urls")),
    path("", include("pobratym.conversations.urls")),
    path("", include("pobratym.aid.urls")),
    path("", include("pobratym.directory.urls")),
    path("", include("pobratym.projects.urls")),
    path("", include("pobratym.exchanges.urls")),
    path("", include("pobratym.translation.urls")),
    path("", include("pobratym.portal.urls")),
    path("", include("pobratym.site.urls")),
)
handler500 = "pobratym.core.views.server_error"
# Uploads (scans, photos) are never served by path: each app's views check who may see them.
