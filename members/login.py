"""One login for the whole site: the Wagtail and Django admin login forms hand over to allauth.

Only allauth applies e-mail verification, the failed-login lockout and the rate limits, so a
second login form would be a way around all three; these views never authenticate anyone."""

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods


@require_http_methods(["GET", "HEAD", "POST"])
def login_handover(request: HttpRequest) -> HttpResponseRedirect:
    """Redirect to the allauth login, keeping ``next``; a POST is never read, only redirected."""
    target = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url:
        target += "?" + urlencode({"next": next_url})
    # 303: a browser follows a redirected POST with a GET, so the password is not re-sent.
    response = HttpResponseRedirect(target)
    if request.method == "POST":
        response.status_code = 303
    return response
