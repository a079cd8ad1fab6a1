from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

MAX_PAGE_NUMBER = 100_000


def paginate(items, request: HttpRequest, per_page: int, param: str = "page") -> Page:
    """The requested page of ``items``. A page number that is not a positive integer is a 400,
    one past the end a 404: both rendered as the site's error pages, never a 500."""
    raw = request.GET.get(param, "1") or "1"
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_NUMBER:
        raise BadRequest(_("The page number must be a whole number from 1."))
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(int(raw))
    except EmptyPage as error:
        raise Http404(_("There is no such page in this list.")) from error
