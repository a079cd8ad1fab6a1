"""Content-Security-Policy: a strict one for the site, a wider one for the admin.

django-csp's middleware sends ``CONTENT_SECURITY_POLICY``; requests under
``CONTENT_SECURITY_POLICY_ADMIN_PREFIXES`` (Wagtail's and Django's admin) get
``CONTENT_SECURITY_POLICY_ADMIN`` instead, unless a view chose its own policy with django-csp's
decorators. The public pages thus keep script-src 'self' while the admin works.
"""

from dataclasses import asdict

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(tuple(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES)):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts

    # django-csp builds the header string anew for every response (about a third of the time
    # of a page served from the page cache). Without a nonce or a per-view policy it only
    # depends on which of the two policies applies, so each is built once per process.
    _VIEW_POLICY_ATTRIBUTES = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_exempt",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
        "_csp_exempt_ro",
    )
    _built: dict[tuple, str] = {}

    def process_response(self, request, response):
        if (
            getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in self._VIEW_POLICY_ATTRIBUTES)
            or HEADER in response
            or (settings.DEBUG and response.status_code in (404, 500))
        ):
            return super().process_response(request, response)
        admin = request.path_info.startswith(tuple(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES))
        # The settings objects in the key: a test that overrides a policy gets its own.
        key = (
            admin,
            id(settings.CONTENT_SECURITY_POLICY),
            id(settings.CONTENT_SECURITY_POLICY_ADMIN),
        )
        if key not in self._built:
            parts = self.get_policy_parts(request=request, response=response)
            self._built[key] = build_policy(**asdict(parts))
        response[HEADER] = self._built[key]
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
