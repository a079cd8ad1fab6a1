"""Content-Security-Policy: a strict one for the site, a wider one for the admin.

django-csp's middleware sends ``CONTENT_SECURITY_POLICY``; requests under
``CONTENT_SECURITY_POLICY_ADMIN_PREFIXES`` (Wagtail's and Django's admin) get
``CONTENT_SECURITY_POLICY_ADMIN`` instead, unless a view chose its own policy with django-csp's
decorators. The public pages thus keep script-src 'self' while the admin works.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(tuple(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES)):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts
