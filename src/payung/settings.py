"""Django settings. Everything that differs between machines comes from payung.config."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from payung import config

# Files Payung creates (the SQLite database, uploads, backups, the secret key) are its own:
# readable by the account it runs as and nobody else (UU 27/2022: personal data).
os.umask(0o077)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.ensure_data_dir()

SECRET_KEY = config.secret_key()
DEBUG = config.debug()
ALLOWED_HOSTS = config.allowed_hosts()

PAYUNG_REGENCY = config.regency_code()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "payung.core",
    "payung.jobs",
    "payung.accounts",
    "payung.regions",
    "payung.imports",
    "payung.registry",
    "payung.participants",
    "payung.linkage",
    "payung.coverage",
    "payung.contributions",
    "payung.assistance",
    "payung.claims",
    "payung.outreach",
    "payung.employers",
    "payung.directory",
    "payung.monev",
    "payung.reports",
    "payung.synth",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Below WhiteNoise: static files may be cached, everything Django answers may not.
    "payung.core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "payung.core.middleware.LanguageMiddleware",  # Indonesian unless chosen otherwise
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Who made each monev change, for its history rows (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "payung.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "payung.core.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "payung.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "payung.core.context_processors.navigation",
            ],
            # ribuan, rupiah, persen: numbers as Indonesians read them, in every template.
            "builtins": ["payung.lib.number_filters"],
        },
    },
]

WSGI_APPLICATION = "payung.wsgi.application"

try:
    DATABASES = {"default": dj_database_url.parse(config.database_url(), conn_max_age=60)}
except ValueError as exc:  # an unknown scheme, say mysq://
    raise config.ConfigError(f"DATABASE_URL is not a database address: {exc}") from exc
# Jobs' progress goes through a connection of its own (payung.jobs.routers). SQLite has one
# writer at a time and a job's work holds it: there the jobs get a file of their own.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    _main = str(DATABASES["default"]["NAME"])
    _jobs = (
        _main if _main in ("", ":memory:") else str(Path(_main).with_suffix("")) + "-jobs.sqlite3"
    )
    DATABASES["jobs"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": _jobs}
    # WAL lets pages read while an import writes; a writer that finds the database busy waits
    # (timeout, seconds) instead of failing at once; IMMEDIATE takes the write lock when a
    # transaction starts, so two writers queue up rather than deadlock half-way.
    for _alias in ("default", "jobs"):
        DATABASES[_alias]["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": config.whole_number("PAYUNG_SQLITE_BUSY_SECONDS", 30),
        }
    PAYUNG_JOBS_MIGRATE_ON = "jobs"
else:
    DATABASES["jobs"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
    PAYUNG_JOBS_MIGRATE_ON = "default"
DATABASE_ROUTERS = ["payung.jobs.routers.JobsRouter"]

# The task queue: django-tasks with its database backend, so it needs no server of its own and
# works the same on SQLite and PostgreSQL. A task enqueued inside a transaction is a row of
# that transaction: committed with the write that caused it, or not at all.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Django's ModelBackend, refusing first a locked username or address.
    "payung.accounts.lockout.LockoutBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Log-in lockout (payung.accounts.lockout): per username from any address, per address across
# usernames (higher: an office shares one address), each cool-down twice the one before.
PAYUNG_LOGIN_USERNAME_FAILURES = config.whole_number("PAYUNG_LOGIN_USERNAME_FAILURES", 5)
PAYUNG_LOGIN_ADDRESS_FAILURES = config.whole_number("PAYUNG_LOGIN_ADDRESS_FAILURES", 30)
PAYUNG_LOGIN_COOLDOWN_MINUTES = config.whole_number("PAYUNG_LOGIN_COOLDOWN_MINUTES", 15)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"  # WITA, Gorontalo
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise expects it, even when serving from the finders
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic on a laptop
MEDIA_ROOT = DATA_DIR / "uploads"

# Uploads are written straight to disk, readable by Payung alone.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Import limits, checked before any row is read (payung.imports.limits).
PAYUNG_MAX_UPLOAD_MB = config.whole_number("PAYUNG_MAX_UPLOAD_MB", 200)
PAYUNG_MAX_UNPACKED_MB = config.whole_number("PAYUNG_MAX_UNPACKED_MB", 2000)
PAYUNG_MAX_ROWS = config.whole_number("PAYUNG_MAX_ROWS", 2_000_000)
PAYUNG_MAX_COLUMNS = config.whole_number("PAYUNG_MAX_COLUMNS", 100)
PAYUNG_MAX_CELL_CHARS = config.whole_number("PAYUNG_MAX_CELL_CHARS", 1000)
# One file of monev evidence (a scanned decree, a photo): refused past this (monev.evidence).
PAYUNG_MAX_EVIDENCE_MB = config.whole_number("PAYUNG_MAX_EVIDENCE_MB", 10)

# Sessions: a working day at most, and closed after PAYUNG_SESSION_IDLE_MINUTES without a
# request (payung.core.middleware.SessionTimeoutMiddleware), on shared office PCs.
PAYUNG_SESSION_HOURS = config.whole_number("PAYUNG_SESSION_HOURS", 10)
PAYUNG_SESSION_IDLE_MINUTES = config.whole_number("PAYUNG_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = PAYUNG_SESSION_HOURS * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind a TLS proxy (nginx, Caddy) that sets X-Forwarded-Proto: cookies only over HTTPS,
# HSTS for a year, and plain HTTP redirected. Off on a laptop, which has no certificate.
PAYUNG_HTTPS = config.https()
CSRF_TRUSTED_ORIGINS = config.csrf_trusted_origins()
if PAYUNG_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    # Payung runs on its own host name: the header covers that host and names below it only.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content-Security-Policy (django-csp): everything from Payung itself, no inline script or
# style, no frames, forms posting only back to Payung. The pages are built to pass it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

OTP_TOTP_ISSUER = "Payung"
