"""Security headers, the Content-Security-Policy and logging: the part of the shared settings
that depends on nothing else (star-imported by ``base``, so every environment has it)."""

import os

# --- Security defaults (production.py hardens further) ----------------------------------------
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Content-Security-Policy (django-csp 4), enforced everywhere, so tests see what breaks ------
# The public site has no inline script or <style> element and loads nothing from elsewhere.
# Style attributes stay allowed (style-src-attr): a few templates and SVG charts use them, and
# an attribute cannot run code or read the page. core/csp.py gives the Wagtail and Django admin
# the extra room they need (see CONTENT_SECURITY_POLICY_ADMIN); docs/deploy.md explains both.
SELF, NONE, UNSAFE_INLINE = "'self'", "'none'", "'unsafe-inline'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail 8's admin still writes inline scripts and styles in places (its CSP work is on the
# roadmap, wagtail/wagtail#1288) and shows images as blob: previews before upload.
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
    }
}

# --- Logs: one line per record on stdout (journald keeps them); JSON in production -------------
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.security.DisallowedHost": {"handlers": ["console"], "level": "ERROR"},
    },
}
