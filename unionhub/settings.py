"""UnionHub settings: one module, driven by the environment.

Environment variables (all optional in development):
  DEBUG            "1"/"0" — development mode (default on; production must set DEBUG=0)
  SECRET_KEY       required when DEBUG is off; in development generated once into var/secret_key
  DATABASE_URL     sqlite:///... or postgres://user@host:port/db (default: SQLite file under var/)
  ALLOWED_HOSTS    comma-separated host names
  PII_KEY          key for personal data at rest (base64, 32 bytes); development key generated into var/
"""

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = BASE_DIR / "unionhub"
VAR_DIR = Path(os.environ.get("UNIONHUB_VAR_DIR", BASE_DIR / "var"))


def _fail(sentence: str) -> None:
    """Stop start-up with one clear sentence instead of a traceback."""
    raise SystemExit(f"UnionHub 配置错误：{sentence}")


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    _fail(f"环境变量 {name} 的值 “{value}” 无法识别，请使用 1 或 0。")
    return default


def _dev_secret(filename: str, make) -> str:
    """A development secret generated once into var/ (never used when DEBUG is off)."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / filename
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = _env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        _fail("生产模式（DEBUG=0）必须通过环境变量 SECRET_KEY 提供密钥。")
    SECRET_KEY = _dev_secret("secret_key", lambda: secrets.token_urlsafe(50))

PII_KEY = os.environ.get("PII_KEY", "")
if not PII_KEY:
    if not DEBUG:
        _fail("生产模式（DEBUG=0）必须通过环境变量 PII_KEY 提供个人信息加密密钥。")
    PII_KEY = _dev_secret("pii_key", lambda: secrets.token_urlsafe(32))
# Field encryption of personal data: AES-256-GCM, or the national algorithms SM4-GCM with
# HMAC-SM3 lookups (GB/T 32907 / GB/T 32905). Switching is a key rotation: rotate_pii_key.
PII_CIPHER = os.environ.get("PII_CIPHER", "aes-256-gcm")
if PII_CIPHER not in ("aes-256-gcm", "sm4-gcm"):
    _fail(f"PII_CIPHER 只能是 aes-256-gcm 或 sm4-gcm，而不是 {PII_CIPHER!r}。")

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG:
    ALLOWED_HOSTS += ["127.0.0.1", "localhost", "[::1]", "testserver"]

_database_url = os.environ.get("DATABASE_URL", "").strip()
if _database_url:
    try:
        _db = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    except Exception:  # noqa: BLE001 — any parse failure is the same configuration error
        _db = None
    if not _db or not _db.get("ENGINE"):
        _fail(
            "DATABASE_URL 格式不正确，应为 postgres://用户@主机:端口/数据库 或 sqlite:///文件路径。"
        )
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(VAR_DIR / "unionhub.sqlite3")}
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db.setdefault("OPTIONS", {})
    _db["OPTIONS"].setdefault("timeout", 20)
    _db["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    _db["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    _db.pop("CONN_MAX_AGE", None)
if _env_bool("DATABASE_POOLED", False) and _db["ENGINE"] != "django.db.backends.sqlite3":
    # Behind PgBouncer in transaction mode (docs/deploy.md): a server-side cursor
    # (QuerySet.iterator) would outlive the pooled server connection's transaction.
    _db["DISABLE_SERVER_SIDE_CURSORS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    # UnionHub: framework first, then the domain apps
    "unionhub.core",
    "unionhub.core.calendar",
    "unionhub.core.scheduler",
    "unionhub.core.kpis",
    "unionhub.core.notifications",
    "unionhub.core.todo",
    "unionhub.org",
    "unionhub.accounts",
    "unionhub.enterprises",
    "unionhub.members",
    "unionhub.stations",
    "unionhub.points",
    "unionhub.bargaining",
    "unionhub.partybuild",
    "unionhub.activities",
    "unionhub.governance",
    "unionhub.socialwork",
    "unionhub.congress",
    "unionhub.funds",
    "unionhub.people",
    "unionhub.dashboards",
    "unionhub.studios",
    "unionhub.me",
    "unionhub.brands",
]

# Where a signed-in worker (data scope: own records only) lands instead of the admin home.
SELF_SERVICE_HOME = "me:home"
# Accounts holding nothing but this one permission open that page only (the hall's big
# screen, role screen_viewer): unionhub.dashboards.middleware.
SINGLE_PAGE_ACCOUNTS = {"dashboards.view_screen": "dashboards:screen"}

MIDDLEWARE = [
    # A device's check-in through only the middleware that applies to it (stations/middleware.py).
    "unionhub.stations.middleware.DeviceCheckInLane",
    "django.middleware.security.SecurityMiddleware",
    "unionhub.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "unionhub.core.middleware.SessionTouchMiddleware",
    "unionhub.core.middleware.ChineseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "unionhub.core.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
    "unionhub.accounts.middleware.AccountSecurityMiddleware",
    "unionhub.dashboards.middleware.SinglePageAccountMiddleware",
]

# A streaming hot standby for dashboard/KPI/report/export reads (unionhub/core/dbrouter.py).
_replica_url = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if _replica_url:
    try:
        _replica = dj_database_url.parse(_replica_url, conn_max_age=60, conn_health_checks=True)
    except Exception:  # noqa: BLE001 — any parse failure is the same configuration error
        _replica = None
    if not _replica or not _replica.get("ENGINE"):
        _fail("DATABASE_REPLICA_URL 格式不正确，应为 postgres://用户@主机:端口/数据库。")
    _replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    _replica["TEST"] = {"MIRROR": "default"}  # tests read the one test database
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["unionhub.core.dbrouter.PrimaryReplicaRouter"]
    DATABASE_REPLICA_STICKY_SECONDS = int(os.environ.get("DATABASE_REPLICA_STICKY_SECONDS", "10"))
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "unionhub.core.dbrouter.ReplicaRoutingMiddleware",
    )

ROOT_URLCONF = "unionhub.urls"
WSGI_APPLICATION = "unionhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "unionhub.core.context_processors.shell",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "unionhub.accounts.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "unionhub.accounts.security.PasswordHistoryValidator"},
]
# Account security (docs/security.md): a password older than this many days must be changed
# after login (0: never expires); the last N passwords cannot be reused.
PASSWORD_MAX_AGE_DAYS = int(os.environ.get("UNIONHUB_PASSWORD_MAX_AGE_DAYS", "90"))
PASSWORD_HISTORY_COUNT = int(os.environ.get("UNIONHUB_PASSWORD_HISTORY_COUNT", "5"))
# Role codes whose holders must switch on the second factor (TOTP) before they go on, e.g.
# "system_admin,security_admin,audit_admin"; empty: the second factor is each user's choice.
OTP_REQUIRED_ROLES = [
    r.strip() for r in os.environ.get("UNIONHUB_OTP_REQUIRED_ROLES", "").split(",") if r.strip()
]
OTP_TOTP_ISSUER = "UnionHub"
# A sign-in from an address not used by that account for this many days is notified.
LOGIN_NEW_IP_DAYS = int(os.environ.get("UNIONHUB_LOGIN_NEW_IP_DAYS", "90"))
# API tokens expire this many hours after they were issued.
API_TOKEN_MAX_AGE_HOURS = int(os.environ.get("UNIONHUB_API_TOKEN_MAX_AGE_HOURS", "168"))
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after 2 hours without activity.
SESSION_COOKIE_AGE = 2 * 60 * 60
# Idle timeout without a write per request: SessionTouchMiddleware re-saves a signed-in
# session at most every SESSION_TOUCH_INTERVAL seconds.
SESSION_TOUCH_INTERVAL = 300
SESSION_COOKIE_HTTPONLY = True

# Lockout: 5 failed attempts for the same account from the same address → 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# Chinese JSON for the API, the page for browsers; and the real client address behind nginx,
# otherwise every client is 127.0.0.1 and anyone could lock any account.
AXES_LOCKOUT_CALLABLE = "unionhub.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "unionhub.core.middleware.axes_client_ip"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Dates as YYYY-MM-DD HH:MM (Asia/Shanghai) on every page, ISO values in date inputs.
FORMAT_MODULE_PATH = ["unionhub.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
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
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# The upload check's size limit (unionhub/core/validators/uploads.py); fields may set less.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_MB", "10")) * 1024 * 1024

# Security headers; the HTTPS-only ones are switched on by the deployment (docs/deploy.md).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
_https = _env_bool("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
# Addresses (or networks) of the reverse proxies in front of the platform, e.g. "127.0.0.1" for
# nginx on the same host. X-Forwarded-For is believed only when the request comes from one of
# them; from anyone else it is ignored, so a client cannot forge the address that the login
# lockout, the throttles and the audit trail use. Empty: no proxy, REMOTE_ADDR is the client.
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
if not DEBUG and not SECURE_SSL_REDIRECT:
    # TLS is terminated by nginx, which redirects http → https (docs/deploy.md).
    SILENCED_SYSTEM_CHECKS = ["security.W008"]

PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), serial=(), "
    "bluetooth=(), magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        # No 'unsafe-inline': templates carry no style attributes or <style> elements
        # (core/tests/test_security_headers.py walks them); scripts style through the CSSOM.
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "unionhub.accounts.authentication.ExpiringTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["unionhub.core.drf.ModelPermissions"],
    "DEFAULT_PAGINATION_CLASS": "unionhub.core.drf.PageNumberPagination",
    "DEFAULT_PARSER_CLASSES": [
        "unionhub.core.parsers.BoundedJSONParser",  # deep nesting is a 400, not a 500
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["unionhub.core.drf.StrictFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "unionhub.core.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "unionhub.core.drf.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "UnionHub API",
    "DESCRIPTION": "盐城市总工会“一县一品”工作平台 UnionHub 的接口。认证：会话或 `Authorization: Token <token>`。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RegionKindEnum": "unionhub.org.choices.RegionKind",
        "OrgKindEnum": "unionhub.org.choices.OrgKind",
        "StationKindEnum": "unionhub.stations.choices.StationKind",
        "HonourCategoryEnum": "unionhub.people.choices.Category",
        "HonourLevelEnum": "unionhub.people.choices.Level",
        "RefundStatusEnum": "unionhub.funds.choices.BatchStatus",
    },
}

# Personal data never reaches the logs: requests are not logged with bodies, and the
# error reporter filters settings; see unionhub/core/logging.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_pii": {"()": "unionhub.core.logging.MaskPersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_pii"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "unionhub": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
DEFAULT_EXCEPTION_REPORTER_FILTER = "unionhub.core.logging.PersonalDataExceptionFilter"

# Background tasks (Django 6's tasks framework, backported): a database queue drained by
# ``manage.py db_worker`` (``make run`` starts one next to the web server; docs/deploy.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Uploaded spreadsheets wait here between preview and commit; never served over HTTP.
IMPORT_DIR = Path(os.environ.get("UNIONHUB_IMPORT_DIR", VAR_DIR / "imports"))
# Files up to this many data rows are checked and written inside the request; larger ones
# go to the task queue and the page shows their progress.
IMPORT_INLINE_MAX_ROWS = int(os.environ.get("UNIONHUB_IMPORT_INLINE_MAX_ROWS", "2000"))
# An upload whose parts unpack to more than this is refused (a 5 MB .xlsx can hold 110 MB
# of XML); one whose sheet XML exceeds IMPORT_INLINE_MAX_BYTES always goes to the worker.
IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("UNIONHUB_IMPORT_MAX_UNPACKED_MB", "400")) * 2**20
IMPORT_INLINE_MAX_BYTES = int(os.environ.get("UNIONHUB_IMPORT_INLINE_MAX_MB", "4")) * 2**20

# Personal data of members who left is anonymised this many years after they left
# (domain.md §11.3.5; `manage.py anonymise_members`, daily).
MEMBER_RETENTION_YEARS = int(os.environ.get("UNIONHUB_MEMBER_RETENTION_YEARS", "3"))
# Anonymous join applications / status look-ups per client address (DRF rate syntax). The
# counters live in the cache: with several gunicorn workers configure a shared cache.
MEMBERS_JOIN_THROTTLE_RATE = "10/hour"
MEMBERS_JOIN_STATUS_THROTTLE_RATE = "30/hour"
# The other rate limits (unionhub/core/throttling.py; DRF syntax, empty switches one off).
LOGIN_IP_RATE = os.environ.get("LOGIN_IP_RATE", "60/hour")  # per address, all usernames
API_TOKEN_RATE = os.environ.get("API_TOKEN_RATE", "30/hour")
PUBLIC_CHECKIN_RATE = os.environ.get("PUBLIC_CHECKIN_RATE", "120/hour")  # phone check-ins
PUBLIC_HELP_RATE = os.environ.get("PUBLIC_HELP_RATE", "20/hour")
# Member search by a full 身份证号 / phone and the ID-number / USCC existence checks, per user
IDENTITY_LOOKUP_RATE = os.environ.get("IDENTITY_LOOKUP_RATE", "30/hour")
# Throttle counters are shared by all workers only in a shared cache: CACHE_URL=redis://…
# (Django's RedisCache with the redis client, a dependency) — the default is per process.
_CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL.startswith(("redis://", "rediss://", "unix://"))
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Legal deadlines (docs/calendar.md; domain.md §0.2.2): whether a deadline that ends on an
# ordinary weekend rolls forward to the next working day. Off by default: only the listed
# public-holiday blocks roll (民法典 art. 203); a weekend due date gets a warning instead.
DEADLINE_ROLL_WEEKENDS = _env_bool("DEADLINE_ROLL_WEEKENDS", False)
# How often (seconds) a process re-checks that its cached holiday calendar is current; a
# change made in the same process is seen at once.
HOLIDAY_CALENDAR_RECHECK_SECONDS = float(
    os.environ.get("UNIONHUB_HOLIDAY_CALENDAR_RECHECK_SECONDS", "10")
)
# To-do reminders: days before a due date on which a reminder goes out (0 = on the day);
# overdue and escalated items are reminded once more. The top bar's count is cached per person.
TODO_REMINDER_LEAD_DAYS = [
    int(d) for d in os.environ.get("UNIONHUB_TODO_REMINDER_LEAD_DAYS", "3,1,0").split(",") if d
]
TODO_BADGE_CACHE_SECONDS = 60

# Notifications (docs/notifications.md): e-mail through Django's e-mail backend (console in
# development), SMS through the backend class named here (the development one records the
# messages in the database and sends nothing).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "UnionHub <noreply@localhost>")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "unionhub.core.notifications.sms.RecordingSmsBackend")
SMS_SIGNATURE = os.environ.get("SMS_SIGNATURE", "盐城工会")
# Links in e-mails are made absolute with this address (e.g. https://unionhub.example.cn).
SITE_URL = os.environ.get("SITE_URL", "")

# Domain parameters that are data, not code, live in the database; these are the defaults.
UNIONHUB = {
    "YN_ZONE_CODE": "3209YN",
}

TESTING = "pytest" in sys.modules
if TESTING:
    # Hashing cost is not what the tests measure; demo logins stay fast.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploaded test files and their progress never outlive the run or meet a real upload.
    import tempfile

    IMPORT_DIR = Path(tempfile.mkdtemp(prefix="unionhub-test-imports-"))
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="unionhub-test-media-"))
    # Tests roll their transactions back: conftest.py forgets the cached holiday calendar
    # before each test (changes within a test go through the services, which drop it too),
    # so pages keep their constant query counts as in production.
    HOLIDAY_CALENDAR_RECHECK_SECONDS = 3600
