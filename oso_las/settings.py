"""Settings, read from the environment, with an embedded default that needs nothing installed.

Every environment variable the application reads is listed in ``ENVIRONMENT`` below and in the
README. Without any of them the project runs on SQLite with eager Celery tasks and media on
disk (``make run``); ``DATABASE_URL`` and ``REDIS_URL`` switch to PostgreSQL and a real Celery
worker; ``OSO_ENV=production`` turns on every production safeguard (``check --deploy`` clean).
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# name -> what it does; the README's configuration table is written from this.
ENVIRONMENT = {
    "OSO_ENV": "development (default), test or production",
    "SECRET_KEY": "Django secret key (required in production)",
    "ALLOWED_HOSTS": "comma-separated host names (production)",
    "DATABASE_URL": "e.g. postgres://user@host:5432/oso; default SQLite in var/",
    "REDIS_URL": "Celery broker and result store; without it tasks run eagerly in-process",
    "OSO_FIELD_ENCRYPTION_KEYS": "comma-separated Fernet keys, newest first (rotation)",
    "OSO_PGN_HASH_KEY": "secret for the keyed hash that finds a pupil by BSN/onderwijsnummer",
    "OSO_VAR_DIR": "where SQLite, media and generated development secrets live (default var/)",
    "OSO_STANDARD_DIR": 'the official OSO 2019.1 files (official XSD in addition; "": none)',
    "OSO_REQUIRE_SERVICES": "1: tests fail when PostgreSQL or Redis cannot be reached",
    "CSRF_TRUSTED_ORIGINS": "comma-separated origins behind a proxy (production)",
    "OSO_TC_CERT": "reference Traffic Center: its certificate (TLS and zoeksleutel broker)",
    "OSO_TC_KEY": "reference Traffic Center: its private key",
    "OSO_TC_CA": "reference Traffic Center: the CA of the client certificates it accepts",
    "OSO_TC_SESSIE_GELDIG_MINUTEN": "reference Traffic Center: minutes a session stays valid (15)",
    "OSO_TC_URL": "this LAS: the Traffic Center's SOAP address (else the admin record)",
    "OSO_LAS_CERT": "this LAS: its client certificate towards the Traffic Center and other LAS",
    "OSO_LAS_KEY": "this LAS: the private key of that certificate",
    "OSO_LAS_CA": "this LAS: the CA it trusts for the Traffic Center and other LAS",
    "OSO_LAS_URL": "this LAS: the public https address of its OSO endpoint (/oso/soap/)",
}


def env(name: str, default: str = "") -> str:
    assert name in ENVIRONMENT, f"undocumented environment variable {name}"
    return os.environ.get(name, default)


def env_list(name: str) -> list[str]:
    return [item.strip() for item in env(name).split(",") if item.strip()]


OSO_ENV = env("OSO_ENV", "development")
if OSO_ENV == "development" and "pytest" in sys.modules:
    OSO_ENV = "test"  # the suite runs with test settings whatever the shell says
if OSO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("OSO_ENV must be development, test or production")
PRODUCTION = OSO_ENV == "production"
DEBUG = OSO_ENV == "development"

VAR_DIR = Path(env("OSO_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _development_secrets() -> dict[str, str]:
    """Secrets for a laptop or CI: generated once, kept in var/, never in the repository."""
    path = VAR_DIR / "development-secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    values = {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "OSO_FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "OSO_PGN_HASH_KEY": secrets.token_urlsafe(32),
    }
    path.write_text(json.dumps(values))
    path.chmod(0o600)
    return values


def secret(name: str) -> str:
    value = env(name)
    if value:
        return value
    if PRODUCTION:
        raise ImproperlyConfigured(f"{name} must be set in production")
    return _development_secrets()[name]


SECRET_KEY = secret("SECRET_KEY")
FIELD_ENCRYPTION_KEYS = [k.strip() for k in secret("OSO_FIELD_ENCRYPTION_KEYS").split(",")]
PGN_HASH_KEY = secret("OSO_PGN_HASH_KEY")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or (
    [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "core",
    "accounts",
    "scholen",
    "leerlingen",
    "dossiers",
    "audit",
    "trafficcenter",
    "trafficcenter_client",
    "zorgvraag",
    "referentie_swv",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "oso_las.urls"
WSGI_APPLICATION = "oso_las.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.current_school",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=0 if not PRODUCTION else 60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves the screens, the reference TC and the OSO endpoint from one
    # file at once: take the write lock at the start of a transaction and wait for it, instead of
    # failing when a read turns into a write under contention; WAL lets readers go on meanwhile.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=30,
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "leerlingen:lijst"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if OSO_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "static"]
# Pupils' documents are never served from a public URL: views check tenancy and audit each
# download, so MEDIA_ROOT has no MEDIA_URL route.
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
OSO_MAX_DOCUMENT_SIZE = 20 * 1024 * 1024

# --- Celery --------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # tasks are idempotent; a killed worker's task runs again
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 3600}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # keep Django's handlers (and their PGN filter)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]

# --- REST API --------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OSO-module LAS API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}

# --- OSO -----------------------------------------------------------------------------------
# Every dossier is checked by our own structural check (dossiers/gegevensset/), which needs no
# file. The official XSD runs in addition when OSO_STANDARD_DIR points at a copy (public, but
# not ours to redistribute). Unset on a development machine with the shared reference files
# beside the repository: those are used; set to "" explicitly: none.
_SHARED_STANDARD = BASE_DIR.parent / "shared" / "oso" / "standard-2019.1"
if "OSO_STANDARD_DIR" in os.environ:
    OSO_STANDARD_DIR = env("OSO_STANDARD_DIR").strip()
else:
    OSO_STANDARD_DIR = str(_SHARED_STANDARD) if not PRODUCTION and _SHARED_STANDARD.exists() else ""
OSO_TC_CERT = env("OSO_TC_CERT") or None
OSO_TC_KEY = env("OSO_TC_KEY") or None
OSO_TC_CA = env("OSO_TC_CA") or None
OSO_TC_SESSIE_GELDIG_MINUTEN = int(env("OSO_TC_SESSIE_GELDIG_MINUTEN") or 15)
OSO_TC_URL = env("OSO_TC_URL") or None
OSO_LAS_CERT = env("OSO_LAS_CERT") or None
OSO_LAS_KEY = env("OSO_LAS_KEY") or None
OSO_LAS_CA = env("OSO_LAS_CA") or None
OSO_LAS_URL = env("OSO_LAS_URL") or None
OSO_PAKKETNAAM = "OSO-module LAS"
OSO_PAKKETVERSIE = "0.1.0"

# --- Security ------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_pgn": {"()": "core.logging.RedactPgnFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_pgn"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
