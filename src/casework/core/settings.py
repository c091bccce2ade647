"""Django settings for Casework. Values come from :mod:`casework.core.config`."""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from casework.core.config import CONFIG

BASE_DIR = CONFIG.data_dir
SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = CONFIG.csrf_trusted_origins

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "django_tasks_db",
    "casework.core",
    "casework.accounts",
    "casework.cases",
    "casework.intake",
    "casework.triage",
    "casework.console",
    "casework.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "casework.console.middleware.AgentTimezoneMiddleware",
    "casework.core.middleware.CaseworkErrorMiddleware",
]

# Requests to /api/ with a bearer token take this shorter chain (casework/core/handlers.py).
API_TOKEN_MIDDLEWARE = [
    "casework.core.handlers.TokenRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "casework.core.middleware.CaseworkErrorMiddleware",
]

ROOT_URLCONF = "casework.core.urls"
ASGI_APPLICATION = "casework.core.asgi.application"
WSGI_APPLICATION = "casework.core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casework.console.context.console",
            ],
        },
    }
]


def _database() -> dict:
    db = dj_database_url.parse(CONFIG.database_url, conn_max_age=60, conn_health_checks=True)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        CONFIG.data_dir.mkdir(parents=True, exist_ok=True)
        db["CONN_MAX_AGE"] = 0 if DEBUG else 600
        db["OPTIONS"] = {
            # IMMEDIATE: writers take the lock at BEGIN, so "lock before you check" holds.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                "PRAGMA cache_size=-65536;PRAGMA mmap_size=268435456;PRAGMA temp_store=MEMORY;"
            ),
        }
        db["TEST"] = {"NAME": str(CONFIG.data_dir / "test.sqlite3")}
    return db


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "console:login"
LOGIN_REDIRECT_URL = "console:home"
LOGOUT_REDIRECT_URL = "console:login"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

from django.utils.csp import CSP  # noqa: E402  (settings-only import)

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [Path(__file__).resolve().parent.parent / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = CONFIG.data_dir / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves app static files from the finders
MEDIA_ROOT = CONFIG.data_dir / "media"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = CONFIG.max_body_bytes
FILE_UPLOAD_MAX_MEMORY_SIZE = CONFIG.max_body_bytes
CASEWORK_MAX_ATTACHMENT_BYTES = CONFIG.max_attachment_bytes
CASEWORK_EMBEDDED_WORKER = CONFIG.embedded_worker
CASEWORK_LOGIN_RATE = CONFIG.login_rate

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

if CONFIG.redis_url:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [CONFIG.redis_url]},
        }
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CONFIG.redis_url}}
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"casework": {"level": "INFO"}, "django.tasks": {"level": "WARNING"}},
}
