"""Open data through Wagtail's API v2: /api/v2/pages/?type=practices.PracticePage&fields=*
(or type=practices.ToolPage), plus documents. See docs/open-data.md."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.models import Page, ReferenceIndex


def public_document_ids():
    """Documents used by a live page that anyone may see (Wagtail's reference index records
    every use); an upload for a draft, or for a private page, stays out of the open data."""
    page_type = ContentType.objects.get_for_model(Page)
    public_pages = Page.objects.live().public().values_list("pk", flat=True)
    return ReferenceIndex.objects.filter(
        base_content_type=page_type,
        object_id__in=[str(pk) for pk in public_pages],
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
    ).values("to_object_id")


def check_query(request) -> None:
    """Refuse what the search backends cannot take (a 400 with a message, not a 500)."""
    if any("\x00" in value for values in request.GET.lists() for value in values[1]):
        raise BadRequestError(_("The parameters must not contain NUL characters."))
    operator = request.GET.get("search_operator")
    if operator is not None and operator not in ("and", "or"):
        raise BadRequestError(_('search_operator must be "and" or "or".'))


class CheckedPagesAPIViewSet(PagesAPIViewSet):
    def listing_view(self, request):
        check_query(request)
        return super().listing_view(request)

    def find_view(self, request):
        check_query(request)
        return super().find_view(request)


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    def get_queryset(self):
        ids = [int(pk) for pk in public_document_ids().values_list("to_object_id", flat=True)]
        return super().get_queryset().filter(pk__in=ids)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
