"""Django settings. Everything that differs between machines comes from payung.config."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from payung import config

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
    "axes",
    "django_tasks",
    "django_tasks_db",
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
    "payung.synth",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "payung.core.middleware.LanguageMiddleware",  # Indonesian unless chosen otherwise
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
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
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Three wrong passwords lock the username+address pair for a while (brute-force slowdown).
AXES_FAILURE_LIMIT = 3
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

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

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
