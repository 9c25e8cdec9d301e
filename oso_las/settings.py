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
import tempfile
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
    "OSO_API_RATE": "REST API rate limit per client, e.g. 600/min (default)",
    "OSO_API_URL": "public base URL of this LAS, for the links in webhook deliveries",
    "OSO_WEBHOOK_ALLEEN_PUBLIEK": "1: webhook callbacks to public hosts only (production: always)",
    "OSO_TC_URL": "this LAS: the Traffic Center's SOAP address (else the admin record)",
    "OSO_LAS_CERT": "this LAS: its client certificate towards the Traffic Center and other LAS",
    "OSO_LAS_KEY": "this LAS: the private key of that certificate",
    "OSO_LAS_CA": "this LAS: the CA it trusts for the Traffic Center and other LAS",
    "OSO_LAS_URL": "this LAS: the public https address of its OSO endpoint (/oso/soap/)",
    # --- production hosting (issue 12) ---
    "OSO_TRUSTED_PROXIES": "comma-separated addresses of the reverse proxies whose client "
    "certificate, client IP and request id headers are believed (default: none)",
    "OSO_S3_BUCKET": "bucket for media, PDFs and received files (S3 API); default: local disk",
    "OSO_S3_ENDPOINT_URL": "S3-compatible service address (MinIO, moto); empty: AWS",
    "OSO_S3_REGION": "S3 region (default eu-west-1)",
    "AWS_ACCESS_KEY_ID": "S3 access key (read by boto3; required in production with a bucket)",
    "AWS_SECRET_ACCESS_KEY": "S3 secret key (read by boto3; required in production with a bucket)",
    "OSO_LOG_JSON": "1: JSON log lines (default in production), 0: plain text",
    "SENTRY_DSN": "optional error reporting (needs the sentry extra); PGN scrubbed",
    "OSO_CONN_MAX_AGE": "seconds a database connection is kept (default 60 in production)",
    "OSO_VEGEN_INTERVAL": "seconds between two runs of the sweepers (Celery beat; default 120)",
    "OSO_VEGEN_NA_SECONDEN": "work untouched this long counts as left half done (default 600)",
    "OSO_VEGEN_MAX_POGINGEN": "sweeper attempts per object before it fails it (default 3)",
    "OSO_METRICS_ADRESSEN": "comma-separated addresses allowed to read /metrics (default loopback)",
    "OSO_WORKER_METRICS_POORT": "port of a Celery worker's Prometheus metrics (default: none)",
    "PROMETHEUS_MULTIPROC_DIR": "directory for metrics of several processes (gunicorn, workers)",
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
    if PRODUCTION and (not value or "change-me" in value):
        # an example value from a compose file is no secret
        raise ImproperlyConfigured(f"{name} must be set in production")
    if value:
        return value
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
    "seizoen",
    "exploitatie",
    "axes",  # login throttling (issue 11)
    "csp",  # Content-Security-Policy (issue 11)
    "oauth2_provider",
    "drf_spectacular_sidecar",
    "koppelingen",
    "doorstroomtoets",
    "referentie_toets",
]
# The reference Traffic Center, SWV and toets system are tools beside the product (STYLE.md):
# production neither installs nor routes them (oso_las/urls.py).
REFERENTIE_APPS = ["trafficcenter", "referentie_swv", "referentie_toets"]
if PRODUCTION:
    INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in REFERENTIE_APPS]
INSTALLED_APPS.append("django_prometheus")

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # first: who is really calling (client IP, client certificate) before anything reads it
    "exploitatie.middleware.VertrouwdeProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.MaxVerzoekGrootteMiddleware",  # before anything reads a form's body
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.NoStoreMiddleware",
    "exploitatie.middleware.LogContextMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a lockout into the Dutch page
    "koppelingen.middleware.ApiMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",  # last: measures all
]
OSO_TRUSTED_PROXIES = env_list("OSO_TRUSTED_PROXIES")
OSO_METRICS_ADRESSEN = env_list("OSO_METRICS_ADRESSEN") or ["127.0.0.1", "::1"]
OSO_WORKER_METRICS_POORT = int(env("OSO_WORKER_METRICS_POORT") or 0)

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
        conn_max_age=int(env("OSO_CONN_MAX_AGE") or (60 if PRODUCTION else 0)),
        # a kept connection is checked before use, so a restarted PostgreSQL costs no request
        conn_health_checks=True,
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
    if OSO_ENV == "test":
        # The suite's database is a file like the embedded default's, not Django's shared-cache
        # memory database: there a second thread (the bulk run, the live server) meets "table
        # is locked" at once instead of waiting its turn as it does on the file.
        DATABASES["default"]["TEST"] = {
            "NAME": str(Path(tempfile.gettempdir()) / f"oso-las-test-{os.getpid()}.sqlite3")
        }
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
    # every file is encrypted at rest (core.storage), in whatever storage "bestanden" names
    "default": {
        "BACKEND": "core.storage.VersleuteldeOpslag",
        "OPTIONS": {"onderliggend": "bestanden"},
    },
    "bestanden": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Shared object storage (S3 API) when a bucket is configured, so that every web and worker host
# sees the same media, PDFs and received files. OSO_OPSLAG is the configured backend: it is the
# inner storage ("bestanden") of the encrypting layer that is the default storage.
OSO_S3_BUCKET = env("OSO_S3_BUCKET")
if OSO_S3_BUCKET:
    if PRODUCTION and not (env("AWS_ACCESS_KEY_ID") and env("AWS_SECRET_ACCESS_KEY")):
        raise ImproperlyConfigured("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set")
    OSO_OPSLAG = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": OSO_S3_BUCKET,
            "endpoint_url": env("OSO_S3_ENDPOINT_URL") or None,
            "region_name": env("OSO_S3_REGION") or "eu-west-1",
            "location": "media",
            "default_acl": None,  # private: documents go out only through audited views
            "file_overwrite": False,
            "querystring_auth": True,
            "signature_version": "s3v4",
        },
    }
else:
    OSO_OPSLAG = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES["bestanden"] = OSO_OPSLAG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600  # owner only
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
OSO_MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
# a form post as a whole (two files of OSO_MAX_DOCUMENT_SIZE and the fields); larger ones are
# refused before the body is read (core.middleware.MaxVerzoekGrootteMiddleware)
OSO_MAX_VERZOEK_BYTES = 2 * OSO_MAX_DOCUMENT_SIZE + 1024 * 1024

# --- Celery --------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL")
# Webhook callbacks only to public addresses (no requests into the hosting network); off in
# development and the tests, whose receivers listen on loopback.
OSO_WEBHOOK_ALLEEN_PUBLIEK = PRODUCTION or env("OSO_WEBHOOK_ALLEEN_PUBLIEK") == "1"
# One cache for every web and worker process in production (the API's rate limit counts per
# client across gunicorn workers); the local-memory default elsewhere.
if PRODUCTION and REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "oso-cache",
        }
    }
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
# CPU work and network work on their own queues, so a slow Traffic Center never starves PDF
# rendering and a batch of PDFs never delays an exchange; the sweepers on the default queue.
CELERY_TASK_DEFAULT_QUEUE = "celery"
OSO_WACHTRIJEN = ("cpu", "netwerk", "celery")
CELERY_TASK_ROUTES = {
    "dossiers.tasks.*": {"queue": "cpu"},
    "zorgvraag.tasks.maak_zorgvraag_pdf": {"queue": "cpu"},
    "zorgvraag.tasks.zorgvraag_afleveren_taak": {"queue": "netwerk"},
    "trafficcenter_client.tasks.*": {"queue": "netwerk"},
}
# The database is the truth, the broker only a trigger: the sweepers find work left half done
# (a killed worker, a message lost) and requeue it or fail it with a reason.
OSO_VEGEN_INTERVAL = float(env("OSO_VEGEN_INTERVAL") or 120)
OSO_VEGEN_NA_SECONDEN = float(env("OSO_VEGEN_NA_SECONDEN") or 600)
OSO_VEGEN_MAX_POGINGEN = int(env("OSO_VEGEN_MAX_POGINGEN") or 3)
CELERY_BEAT_SCHEDULE = {
    "vegen": {"task": "exploitatie.tasks.vegen", "schedule": OSO_VEGEN_INTERVAL},
    # a doel whose afmelding failed (TC down) closes its session later (issue 11)
    "afmeldingen-herhalen": {
        "task": "trafficcenter_client.tasks.afmeldingen_herhalen",
        "schedule": OSO_VEGEN_INTERVAL,
    },
    # webhook deliveries stuck in the queue are offered again (REST API)
    "webhooks-opnieuw": {
        "task": "koppelingen.tasks.webhooks_opnieuw_aanbieden",
        "schedule": OSO_VEGEN_INTERVAL,
    },
}
CELERY_BEAT_SCHEDULE["seizoen-herinneringen"] = {
    "task": "seizoen.tasks.herinneringen_maken",
    "schedule": 24 * 3600,  # daily; the task is idempotent, so an extra run sends nothing twice
}
# e-mail (reminders): the console in development; production sets its own backend
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = "OSO-module <noreply@oso-module.invalid>"

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
    "DESCRIPTION": (
        "REST API v1 voor andere leerlingadministratiesystemen en samenwerkingsverbanden: "
        "overstapdossiers, versies (XML en PDF), imports, dossieraanvragen, zorgvragen, "
        "webhooks en gebeurtenissen. Authenticatie: OAuth2 client credentials "
        "(/api/v1/token/). Fouten: RFC 7807 (application/problem+json)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "ENUM_NAME_OVERRIDES": {"GebeurtenisSoortEnum": "koppelingen.models.Soort"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "koppelingen.schema.voorbeelden",
    ],
}

# --- REST API clients (django-oauth-toolkit, client credentials; koppelingen/) ---------------
OAUTH2_PROVIDER = {
    "SCOPES_BACKEND_CLASS": "koppelingen.oauth.ClientScopes",
    "OAUTH2_VALIDATOR_CLASS": "koppelingen.oauth.Validator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": 3600,
    # the OAuth 2.0 Security BCP (RFC 9700) throughout; we only use client credentials
    **{
        f"COMPLIANT_BCP_RFC9700_{k}": True
        for k in (
            "ACCESS_TOKEN_TRANSPORT",
            "AUTHZ_RESPONSE_ISS",
            "IMPLICIT_GRANT",
            "PASSWORD_GRANT",
            "PKCE_METHOD",
            "REDIRECT_URI_SCHEME",
            "REFRESH_TOKEN",
            "TOKEN_STORAGE",
        )
    },
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
}
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OSO_API_RATE = env("OSO_API_RATE") or "600/min"
OSO_API_URL = env("OSO_API_URL") or ""

# --- OSO -----------------------------------------------------------------------------------
# Every dossier is checked by our own structural check (dossiers/gegevensset/), which needs no
# file. The official XSD runs in addition when OSO_STANDARD_DIR points at a copy of the official
# files (public, but not ours to redistribute); the product never looks for them by itself
# (the tests point at them: tests/conftest.py, .ci/run).
OSO_STANDARD_DIR = (env("OSO_STANDARD_DIR") or "").strip()
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
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # only from a trusted proxy
    # healthchecks and the metrics scraper talk to gunicorn directly, without TLS
    SECURE_REDIRECT_EXEMPT = [r"^gezond/$", r"^metrics$"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# JSON lines (structlog) in production: request id, task id, school and event in fields, the
# PGN masked by a processor as well as by the handler's filter.
OSO_LOG_JSON = env("OSO_LOG_JSON", "1" if PRODUCTION else "0") == "1"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_pgn": {"()": "core.logging.RedactPgnFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "exploitatie.logboek.json_formatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["no_pgn"],
            "formatter": "json" if OSO_LOG_JSON else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

SENTRY_DSN = env("SENTRY_DSN")
if SENTRY_DSN:
    from exploitatie.sentry import start_sentry

    start_sentry(SENTRY_DSN, omgeving=OSO_ENV)
# --- Login throttling (django-axes) ------------------------------------------------------------
# Per account and per IP address: after AXES_FAILURE_LIMIT wrong passwords the next attempt is
# refused (also with the right password) until the cool-off ends or a beheerder lifts the
# lockout (admin "Aanstellingen" > "Inlogblokkade opheffen"). Every lockout is audited.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 6  # five wrong passwords get the form again; the sixth locks
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = 0.5  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/geblokkeerd.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# --- Content-Security-Policy (django-csp) -------------------------------------------------------
# No inline script or style anywhere: behaviour lives in static/js, styling in static/css.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Bulk binnen-brin without a broker: run the jobs in a thread, not in the request (i10).
OSO_ACHTERGROND_THREAD = OSO_ENV != "test"
