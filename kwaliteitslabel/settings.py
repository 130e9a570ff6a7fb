"""Settings, all from the environment (12-factor); one file for every deployment.

DJANGO_ENV    "production" on a real server: then SECRET_KEY is required, DEBUG may not be on,
              and HTTPS is assumed (secure cookies, HSTS, redirect to https); anything else
              (default "development") is the demo and the tests
DATABASE_URL  database; default an SQLite file under var/
SECRET_KEY    required in production; elsewhere without it a key is generated once into var/
DEBUG         "1"/"true" to enable debug pages (never in production)
ALLOWED_HOSTS comma-separated host names
SECURE_SSL_REDIRECT  production only, default on; "0" when the proxy in front redirects itself
TLS_PROXY     "1" when a proxy ends TLS and sets X-Forwarded-Proto (so Django knows it is https)
TRUSTED_PROXIES  comma-separated addresses or networks of the proxies in front, whose
              X-Forwarded-For names the client (log-in throttle); empty: the peer is the client
The rest (mail, Redis, backups, API limits) is in docs/operations.md.
"""

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PRODUCTION = os.environ.get("DJANGO_ENV", "development").strip().lower() == "production"


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    if PRODUCTION:
        # A generated file key would differ per container and vanish with it.
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs SECRET_KEY in the environment (50+ random characters)."
        )
    # A local key for the demo and tests; production sets SECRET_KEY.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when DJANGO_ENV=production.")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "ninja",
    "kwaliteitslabel.common",
    "kwaliteitslabel.frameworks",
    "kwaliteitslabel.accounts",
    "kwaliteitslabel.members",
    "kwaliteitslabel.bodies",
    "kwaliteitslabel.audits",
    "kwaliteitslabel.selfassessment",
    "kwaliteitslabel.reports",
    "kwaliteitslabel.certificates",
    "kwaliteitslabel.trends",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kwaliteitslabel.common.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "kwaliteitslabel.accounts.middleware.RequireMFAMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "kwaliteitslabel.urls"
WSGI_APPLICATION = "kwaliteitslabel.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kwaliteitslabel" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kwaliteitslabel.accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kwaliteitslabel.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo serve pages while a command writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts (django-allauth): log-in by e-mail, invitations only, TOTP for CI and SWN ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "kwaliteitslabel.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# The invitation link proves the address; allauth need not verify it again.
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Failed log-ins are throttled per address and per IP (issue 3).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Kwaliteitslabel Sterk Sociaal Werk"
SITE_NAME = "Kwaliteitslabel Sterk Sociaal Werk"

# --- e-mail: every message goes to the outbox table; `send_outbox` delivers it ---
EMAIL_BACKEND = "kwaliteitslabel.common.mail.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = os.environ.get(
    "OUTBOX_DELIVERY_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Kwaliteitslabel SSW <kwaliteitslabel@sociaalwerk.nl>"
)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if redis_url := os.environ.get("REDIS_URL"):
    # Shared by every app process, so the log-in throttle holds across processes.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
# Requests per minute per API token of a certification body (api/body_common.py); counted in
# the cache above, so with REDIS_URL the limit holds across app processes.
API_TOKEN_RATE_LIMIT = int(os.environ.get("API_TOKEN_RATE_LIMIT", "120"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "kwaliteitslabel" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve straight from the app folders too, so the demo and tests need no collectstatic.
WHITENOISE_USE_FINDERS = True

# --- security (issue 11, item 4; docs/decisions.md) ---
# Content-Security-Policy and Permissions-Policy: kwaliteitslabel.common.security.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A working day, and gone with the browser (shared computers at members' offices).
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# No script reads the token from the cookie: forms carry it (finding.js sends the form's).
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "kwaliteitslabel.common.security.csrf_failure"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# The load balancer's health check speaks plain http inside the network (docs/operations.md).
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]
if env_bool("TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies whose X-Forwarded-For names the client (common/proxies.py), as addresses or
# CIDRs; empty: REMOTE_ADDR is the client. A typo stops the start instead of trusting nobody.
try:
    TRUSTED_PROXIES = [
        ipaddress.ip_network(p.strip(), strict=False)
        for p in os.environ.get("TRUSTED_PROXIES", "").split(",")
        if p.strip()
    ]
except ValueError as exc:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {exc}") from None

# Uploads (imports of .xlsx/.docx) stay in memory and are refused above UPLOAD_MAX_BYTES
# while they arrive: nothing an uploader sends is written to disk.
UPLOAD_MAX_BYTES = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = ["kwaliteitslabel.common.uploads.LimitedMemoryUploadHandler"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # form fields besides files (Django's default)
DATA_UPLOAD_MAX_NUMBER_FILES = 5

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
