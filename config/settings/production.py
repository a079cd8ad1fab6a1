"""Production: everything from the environment, HTTPS enforced. See docs/deploy.md."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list, require_secret_key

require_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Wagtail's page preview shows the site inside an iframe of the admin (same origin), so frames
# are allowed from the same origin only (X_FRAME_OPTIONS = "SAMEORIGIN" in base.py).
SILENCED_SYSTEM_CHECKS = ["security.W019"]

if os.environ.get("MEDIA_S3_BUCKET"):
    # Optional S3-compatible media storage (django-storages), only when configured.
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
