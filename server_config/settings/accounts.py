"""People's accounts: django-allauth in headless mode (the SPA speaks its JSON API under
/_allauth/browser/v1/), email and password, mandatory verification by a link to the SPA.

The links in account emails point at the SPA (PUBLIC_URL: where people open the app; the SPA
routes /account/verify/<key>, /account/reset/<key>, /account/signup). Sign-in is by email;
allauth's rate limits are on (its defaults, kept in the cache); passwords pass Django's
validators (AUTH_PASSWORD_VALIDATORS); Django cycles the session key at sign-in.
"""

import environ

env = environ.Env()

ACCOUNT_APPS = ["allauth", "allauth.account", "allauth.headless"]
ACCOUNT_MIDDLEWARE = "allauth.account.middleware.AccountMiddleware"

# The origin people open the app at: links in emails lead there.
PUBLIC_URL = (env("PUBLIC_URL", default="") or "http://localhost:4173").rstrip("/")

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # the admin's username login
    "allauth.account.auth_backends.AuthenticationBackend",  # people: by email
]
ACCOUNT_ADAPTER = "weather.api.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False  # a link, not a code
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # following the link signs in (same browser)
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Whether an address has an account is nobody's business but its owner's: signing up with a
# taken address answers like a new sign-up and mails the owner instead, and a reset for an
# unknown address answers like a known one.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_RATE_LIMITS = {}  # allauth's defaults (login failures, sign-ups, resets, mails)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Weather App: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PUBLIC_URL.startswith("https:") else "http"

HEADLESS_ONLY = True  # no allauth HTML pages: the SPA is the only interface
HEADLESS_CLIENTS = ("browser",)
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": f"{PUBLIC_URL}/account/verify/{{key}}",
    "account_reset_password": f"{PUBLIC_URL}/account/reset",
    "account_reset_password_from_key": f"{PUBLIC_URL}/account/reset/{{key}}",
    "account_signup": f"{PUBLIC_URL}/account/signup",
}

# The languages we write to people in (account emails, alerts): their preference, else the
# request's Accept-Language.
LANGUAGES = [("en", "English"), ("fr", "Français")]
