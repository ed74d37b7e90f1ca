"""Settings for grassroots: one file, driven by environment variables.

Variables (all optional in development):
  DATABASE_URL   e.g. postgres://user@127.0.0.1:5432/grassroots; default SQLite in var/db.sqlite3
  SECRET_KEY     required in production (wsgi refuses to start without it when DEBUG is off)
  DEBUG          "true" / "false" (default false)
  ALLOWED_HOSTS  comma separated; default "127.0.0.1,localhost" plus "*" when DEBUG
  CSRF_TRUSTED_ORIGINS comma separated origins
  EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, DEFAULT_FROM_EMAIL
  LOGIN_MAX_FAILURES, LOGIN_LOCKOUT_MINUTES
  GRASSROOTS_PUBLIC_URL  absolute base URL printed under QR codes (default http://127.0.0.1:8000)
  GRASSROOTS_BALLOT_KEY  secret that seals online secret ballots while voting runs (default: SECRET_KEY)
  REDIS_URL      e.g. redis://127.0.0.1:6379/0: the cache shared by every worker (pages, rate limits);
                 default: each process keeps its own in memory
  PUBLIC_PAGE_CACHE_SECONDS  how long a rendered public page stays in memory (default 3600); it is never
                 stale, its key changes with the content (grassroots/core/pagecache.py)
  TASKS_BACKEND  "database" (default: django-tasks-db, run by `manage.py db_worker`), "immediate" (inline),
                 or the dotted path of another django.tasks backend
  RELEASE        a label of the deployed code, part of every page-cache key and ETag (default: empty)
  SECURE_COOKIES, SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, SECURE_HSTS_PRELOAD, BEHIND_TLS_PROXY
                 transport security; all on by default in production (DEBUG off and SECRET_KEY set),
                 see "Security headers" below and SECURITY.md
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GRASSROOTS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
INSECURE_DEVELOPMENT_KEY = "grassroots-insecure-development-key-change-me"
SECRET_KEY = os.environ.get("SECRET_KEY") or INSECURE_DEVELOPMENT_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
if DEBUG:
    ALLOWED_HOSTS.append("*")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "grassroots.core",
    "grassroots.units",
    "grassroots.accounts",
    "grassroots.calendar",
    "grassroots.documents",
    "grassroots.disclosures",
    "grassroots.decisions",
    "grassroots.voting",
    "grassroots.elections",
    "grassroots.initiatives",
    "grassroots.consultations",
    "grassroots.conventions",
    "grassroots.petitions",
    "grassroots.workplaces",
    "grassroots.funds",
    "grassroots.reception",
    "grassroots.oversight",
    "grassroots.plans",
    "grassroots.dashboard",
    "grassroots.jobs",
    "grassroots.notifications",
    "grassroots.api",
    "grassroots.privacy",
    "ninja",
    "django_tasks_db",
    "grassroots.portal",
    "grassroots.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "grassroots.core.middleware.VietnameseByDefaultLocaleMiddleware",
    "grassroots.core.middleware.StripNulFromQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "grassroots.accounts.middleware.MustChangePasswordMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers proceed while one writer commits; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue instead of failing with "database is locked" mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["grassroots.accounts.backends.UsernameOrPhoneBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))

# Absolute base URL printed under QR codes on public documents (short links /v/<code>).
GRASSROOTS_PUBLIC_URL = os.environ.get("GRASSROOTS_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# The secret that seals online secret ballots while a vote runs (grassroots/voting/ballot_box.py). It must
# not live in the database; rotating it while a secret vote is open makes that vote's box unopenable.
GRASSROOTS_BALLOT_KEY = os.environ.get("GRASSROOTS_BALLOT_KEY") or SECRET_KEY

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# E-mail (Django 6.1 MAILERS): SMTP when EMAIL_HOST is set, otherwise printed to the console.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "grassroots@localhost")
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# Notifications (grassroots/notifications): the SMS gateway by dotted path (console in development), the hour
# (Vietnam time) of the daily digest, and how many working days before a due date reminders go out.
SMS_GATEWAY = os.environ.get("SMS_GATEWAY", "grassroots.notifications.gateways.ConsoleGateway")
NOTIFICATIONS_DIGEST_HOUR = int(os.environ.get("NOTIFICATIONS_DIGEST_HOUR", "7"))
NOTIFICATIONS_REMINDER_WORKING_DAYS = tuple(
    int(step) for step in env_list("NOTIFICATIONS_REMINDER_WORKING_DAYS", "3,1") if step.isdigit()
)

# The public API (grassroots/api): requests per client address without a token.
API_ANONYMOUS_RATE = os.environ.get("API_ANONYMOUS_RATE", "120/m")
# Filings per account or address per window on public intake (grassroots/petitions/throttle.py; default 10
# an hour). Settable so that a load or crash test from one address is not throttled.
if os.environ.get("GRASSROOTS_PETITIONS_INTAKE_LIMIT"):
    GRASSROOTS_PETITIONS_INTAKE_LIMIT = int(os.environ["GRASSROOTS_PETITIONS_INTAKE_LIMIT"])

# Caches: "pages" holds rendered public pages (grassroots.core.pagecache). With REDIS_URL every worker
# shares one Redis; without it each process keeps its own copy, which is still exact because the keys
# carry the content version read from the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": alias}
        for alias in ("default", "pages")
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }
if REDIS_URL:
    # Every signed-in request (casting a vote among them) reads its session: with the shared Redis the read
    # comes from memory and only writes go to the database too (cached_db), so restarting Redis signs nobody
    # out and a logout reaches every worker. Without Redis a per-process cache could keep a logged-out
    # session alive in another worker, so sessions stay in the database alone.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS", "3600"))
RELEASE = os.environ.get("RELEASE", "")

# Background tasks (django.tasks). One machine needs nothing more than the database: ``manage.py db_worker``
# runs what was enqueued. TASKS_BACKEND=immediate runs each task inline when it is enqueued (tests, a shell);
# a province that outgrows one machine swaps in a distributed backend here (docs/api-thong-bao.md).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }.get(TASKS_BACKEND, TASKS_BACKEND)
    }
}

# Security headers. PRODUCTION means serving for real: DEBUG off and a SECRET_KEY of its own. There,
# cookies travel over HTTPS only, HTTP is redirected, and browsers are told to remember HTTPS (HSTS);
# `manage.py check --deploy` is clean (tests/test_security_settings.py). Behind nginx terminating TLS,
# set BEHIND_TLS_PROXY=true so Django trusts X-Forwarded-Proto from it (and only then).
PRODUCTION = not DEBUG and bool(os.environ.get("SECRET_KEY"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600) if PRODUCTION else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (Django's built-in middleware). No inline script anywhere, no nonces (a nonce
# would differ per response and break the public page cache): every script is a static file, and
# tests/test_security_settings.py fails on an inline <script> or on*= handler in any template. Inline
# style *attributes* stay allowed (bar widths computed per tally); <style> elements do not.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Erasure of a person's data on their request (grassroots/privacy). law.md, open question 17: how the Personal
# Data Protection Law (2025) applies to voter rolls and online voting is not settled; erasure keeps every record
# of a procedure and can be switched off here ("0"). Default: on.
GRASSROOTS_PERSONAL_DATA_ERASURE = os.environ.get("GRASSROOTS_PERSONAL_DATA_ERASURE", "1") != "0"

# The two officials who sign the decision of a community (Decree 59 Mẫu 03) besides the two household
# representatives. The law's text is CONFIRMED (law.md §1(b) and §6 row 18; Law 10/2022 art. 20(2)(g)): the village
# head (tổ trưởng tổ dân phố) and the head of the Front work committee, the default. The setting exists only for a
# province that prints the decree's model with the meeting's chair and secretary: "chair,secretary" (issue 12's
# reading; grassroots/voting/rules/forms.py). Comma-separated keys, exactly two.
_SIGNERS = os.environ.get("VOTING_DECISION_OFFICIAL_SIGNERS", "village_head,front_work_committee_head")
VOTING_DECISION_OFFICIAL_SIGNERS = tuple(key.strip() for key in _SIGNERS.split(",") if key.strip())

# How Mẫu 03 of an online vote carries the evidence of its result (grassroots/voting/rules/forms.py,
# OnlineResultEvidence). UNCERTAIN: whether the platform's own record stands in for screenshots. "snapshot"
# (default) prints the platform's record; "snapshot_and_screenshots" also requires the number of screenshots attached.
VOTING_ONLINE_RESULT_EVIDENCE = os.environ.get("VOTING_ONLINE_RESULT_EVIDENCE", "snapshot")

# Working days a body asked by an oversight board has to answer a request for information. The law fixes none for
# the boards (law.md §1(c)); default 10 by analogy with the Access to Information Law art. 29(2) (law.md §6 row 8).
# The limit in force when a request is sent is stored on it (grassroots/oversight/rules.py).
OVERSIGHT_INFORMATION_REPLY_WORKING_DAYS = int(os.environ.get("OVERSIGHT_INFORMATION_REPLY_WORKING_DAYS", "10"))
# UNCERTAIN: the longest single extension of that period, recorded once with its reason by the body asked; by the
# same analogy (Access to Information Law art. 29(2): once, up to 10 working days, with written notice). 10 is also
# the legal ceiling: a larger value is an Error of `manage.py check` (oversight.E001) and is clamped to 10.
OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS = int(os.environ.get("OVERSIGHT_INFORMATION_EXTENSION_WORKING_DAYS", "10"))

# Working days after the yearly review day (18 November, Decree 61 art. 19) by which the village head's yearly
# report on the convention is due. law.md gives no deadline; default 0 (the review day itself).
CONVENTIONS_YEARLY_REPORT_WORKING_DAYS = int(os.environ.get("CONVENTIONS_YEARLY_REPORT_WORKING_DAYS", "0"))

# Working days before the due date a plan sets that the draft of a 6-month or yearly report opens (the platform's
# choice, not a legal number; grassroots/plans/rules.py).
GRASSROOTS_PLANS_REPORT_DRAFT_LEAD_WORKING_DAYS = int(
    os.environ.get("GRASSROOTS_PLANS_REPORT_DRAFT_LEAD_WORKING_DAYS", "5")
)
