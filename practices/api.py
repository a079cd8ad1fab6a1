"""Open data through Wagtail's API v2: /api/v2/pages/?type=practices.PracticePage&fields=*
(or type=practices.ToolPage), plus documents. See docs/open-data.md."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
