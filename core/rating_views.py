"""The page-rating form's POST: anonymous, without a CSRF cookie, limited per address.

Anonymous pages must stay cacheable and set no ``csrftoken`` cookie, so the form carries no
CSRF token. It does not need one: a rating changes nobody's account and records no user, so a
forged submission can do no more than a direct one, and those are bounded here instead:
* the form carries a token signed by the server that names the page (7 days), so only pages
  that showed the form can be rated and no page id is taken from the client;
* one rating per page and browser (a signed cookie) and per page and address for an hour
  (the cache; the address is kept there hashed, never in the database);
* at most ``RATINGS_PER_WINDOW`` ratings per address in ``WINDOW_SECONDS``, then a 429.
The answer is a redirect back to the page with a thank-you (post/redirect/get), so reloading
does not submit again. Works without JavaScript.
"""

from __future__ import annotations

import logging

from allauth.core.internal import httpkit
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from core.forms import PageRatingForm
from core.page_rating import RatingRefused, record_rating

logger = logging.getLogger(__name__)

SALT = "core.page_rating"
TOKEN_MAX_AGE = 7 * 24 * 3600
RATED_COOKIE = "rated_pages"
RATED_COOKIE_MAX_PAGES = 100
DEDUPE_SECONDS = 3600
RATINGS_PER_WINDOW = 20
WINDOW_SECONDS = 600
THANKS_PARAMETER = "valutazione"
ANCHOR = "valutazione"


def rating_token(page: Page) -> str:
    return signing.dumps(page.pk, salt=SALT)


def _client_key(request) -> str:
    try:
        address = httpkit.get_client_ip(request) or "unknown"
    except ImproperlyConfigured:
        address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return salted_hmac(SALT, address).hexdigest()[:32]


def _rated_pages(request) -> list[int]:
    value = request.get_signed_cookie(RATED_COOKIE, default="", salt=SALT)
    return [int(part) for part in value.split(",") if part.isdigit()]


def _first_from_this_address(client: str, page: Page) -> bool:
    try:
        return cache.add(f"page-rating:{client}:{page.pk}", 1, DEDUPE_SECONDS)
    except Exception:  # the cache is down: the cookie still keeps repeats out
        logger.warning("Page rating dedupe skipped: the cache is unreachable", exc_info=True)
        return True


def _over_limit(client: str) -> bool:
    key = f"page-rating-limit:{client}"
    try:
        cache.add(key, 0, WINDOW_SECONDS)
        return cache.incr(key) > RATINGS_PER_WINDOW
    except Exception:
        return False


def _refused(request, message: str, status: int):
    template = {404: "404.html", 429: "429.html"}.get(status, "400.html")
    return render(request, template, {"message": message}, status=status)


@csrf_exempt  # see the module docstring: a signed page token and limits instead
@require_POST
def rate_page(request):
    form = PageRatingForm(request.POST)
    if not form.is_valid():
        return _refused(request, "", 400)
    try:
        page_id = signing.loads(form.cleaned_data["token"], salt=SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return _refused(request, "", 400)
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None:
        return _refused(request, "", 404)
    rated = _rated_pages(request)
    client = _client_key(request)
    if page.pk not in rated and _first_from_this_address(client, page):
        if _over_limit(client):
            return _refused(request, "", 429)
        try:
            record_rating(page, form.cleaned_data["score"], actor=request.user)
        except RatingRefused as refused:
            return _refused(request, refused.message, refused.status)
        rated = [*rated, page.pk][-RATED_COOKIE_MAX_PAGES:]
    response = HttpResponseRedirect(
        f"{page.get_url(request=request)}?{THANKS_PARAMETER}=grazie#{ANCHOR}", status=303
    )
    response.set_signed_cookie(
        RATED_COOKIE,
        ",".join(str(pk) for pk in rated),
        salt=SALT,
        max_age=365 * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response
