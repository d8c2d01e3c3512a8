# ruff: noqa: E501 (allauth's msgids, kept exactly as allauth writes them)
"""allauth's texts that people see on our sign-in, password and two-factor pages.

Nothing imports this module. It exists so that `make messages` keeps these msgids in our own
catalogues, where we translate them:

- allauth's German catalogue addresses people informally ("du", "dein", "dich"). Our users are
  city administrations, so German must be formal ("Sie", "Ihr"). allauth's Ukrainian catalogue
  mixes terms («аутентифікація», «додаток») and Title Case; we use the glossary's terms
  (docs/glossary.md) here too.
- allauth's English writes "Email" and Title Case ("Change Password"); the English catalogue
  gives these texts the project's English ("e-mail", sentence case), as the only entries of
  `locale/en` with a msgstr.
- Our catalogue (`LOCALE_PATHS`) takes precedence over allauth's, so a msgid translated there
  wins. But `make messages` runs makemessages with `--no-obsolete`: a msgid that occurs nowhere
  in our source would be dropped from our catalogue, and allauth's informal text would be back.

Every msgid (and msgctxt, if any) must stay exactly as allauth writes it, or it no longer
overrides anything; tests/accounts/test_formal_german.py checks that against allauth's
catalogue. When allauth is upgraded, look for new informal German in allauth/account and
allauth/mfa (grep its de catalogue for du/dein/dich/dir) and add it here.

Only what our flows show is listed: sign-up is closed, there are no social accounts, a person
has one e-mail address which they may change (and confirm), and two factors are TOTP plus
recovery codes (no sessions page: allauth.usersessions is not installed).
tests/accounts/test_allauth_pages.py walks every page in German, Ukrainian and English.
`gettext_noop` marks a text without translating it; plurals use `ngettext_lazy`, which is never
evaluated here.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ALLAUTH_TEXTS = (
    # Signing in (our login template, allauth's LoginForm and adapter)
    gettext_noop("Remember Me"),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Successfully signed in as %(name)s."),
    # Signing out (account/logout.html and the message after it)
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("You have signed out."),
    # Password reset: request, done, from key, done
    gettext_noop("Password Reset"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop("Bad Token"),
    gettext_noop(
        'The password reset link was invalid, possibly because it has already been used.  Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Your password is now changed."),
    # The password reset e-mail
    gettext_noop("Password Reset Email"),
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
    gettext_noop(
        "You're receiving this email because you or someone else has requested a password reset for your user account.\nIt can be safely ignored if you did not request a password reset. Click the link below to reset your password."
    ),
    # Password change
    gettext_noop("Change Password"),
    gettext_noop("Current Password"),
    gettext_noop("Forgot Password?"),
    gettext_noop("Please type your current password."),
    # Confirming access again (account/reauthenticate.html, mfa/reauthenticate.html)
    gettext_noop("Confirm Access"),
    gettext_noop("Please reauthenticate to safeguard your account."),
    gettext_noop("Use authenticator app or code"),
    gettext_noop("Enter an authenticator code:"),
    # Two-factor login: overview and the code asked for when signing in
    gettext_noop("Two-Factor Authentication"),
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an authenticator code:"
    ),
    gettext_noop("Authenticator App"),
    gettext_noop("Authentication using an authenticator app is active."),
    gettext_noop("An authenticator app is not active."),
    # Activating and deactivating the authenticator app
    gettext_noop("Activate Authenticator App"),
    gettext_noop(
        "To protect your account with two-factor authentication, scan the QR code below with your authenticator app. Then, input the verification code generated by the app below."
    ),
    gettext_noop("Authenticator secret"),
    gettext_noop(
        "You can store this secret and use it to reinstall your authenticator app at a later time."
    ),
    gettext_noop("Authenticator code"),
    gettext_noop("Authenticator app activated."),
    gettext_noop("Deactivate Authenticator App"),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
    gettext_noop("Authenticator app deactivated."),
    # Recovery codes: view, generate, download
    gettext_noop("Recovery Codes"),
    ngettext_lazy(
        "There is %(unused_count)s out of %(total_count)s recovery codes available.",
        "There are %(unused_count)s out of %(total_count)s recovery codes available.",
        "unused_count",
    ),
    gettext_noop("Unused codes"),
    gettext_noop("You are about to generate a new set of recovery codes for your account."),
    gettext_noop("A new set of recovery codes has been generated."),
    gettext_noop(
        "You cannot generate recovery codes without having two-factor authentication enabled."
    ),
    gettext_noop("Generate"),
    gettext_noop("Generate new codes"),
    gettext_noop("This action will invalidate your existing codes."),
    gettext_noop("I have saved my recovery codes"),
    gettext_noop("Save them  in a secure location now — they won't be shown again."),
    gettext_noop("A new set of Two-Factor Authentication recovery codes has been generated."),
    gettext_noop("You cannot deactivate two-factor authentication."),
    gettext_noop(
        "You cannot activate two-factor authentication until you have verified your email address."
    ),
    # The second factor when signing in (mfa/authenticate.html)
    gettext_noop("Sign In"),
    # Confirming access again: the other ways offered
    gettext_noop("Alternative options"),
    gettext_noop("Use your password"),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Enter your password:"),
    # Setting a password (a person without one) and the e-mail after a change
    gettext_noop("Set Password"),
    gettext_noop("Your password has been changed."),
    # The login field and the e-mail address page (account/email_change.html)
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Email Address"),
    gettext_noop("Current email"),
    gettext_noop("Changing to"),
    gettext_noop("Change to"),
    gettext_noop("Change Email"),
    gettext_noop("Your email address is still pending verification."),
    gettext_noop("Re-send Verification"),
    gettext_noop("Cancel Change"),
    gettext_noop("Confirmation email sent to %(email)s."),
    gettext_noop(
        "You cannot add an email address to an account protected by two-factor authentication."
    ),
    # Confirming a new address (account/email_confirm.html)
    gettext_noop("Confirm Email Address"),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    gettext_noop(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    gettext_noop(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    gettext_noop("You have confirmed %(email)s."),
)
