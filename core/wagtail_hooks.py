"""Admin pieces of the site app: the page-ratings report for staff."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from core.page_rating import SCORES, PageRating, rating_summary

rating_permissions = ModelPermissionPolicy(PageRating)


class AverageColumn(Column):
    def get_value(self, instance):
        return f"{instance.ratings_average:.1f}" if instance.ratings_average else ""


class PageRatingReport(ReportView):
    """Pages by their readers' rating, the least clear first, with the count per score."""

    page_title = _("Page ratings")
    header_icon = "pick"
    index_url_name = "page_rating_report"
    index_results_url_name = "page_rating_report_results"
    permission_policy = rating_permissions
    permission_required = "view"
    columns = [
        TitleColumn(
            "title",
            label=_("Page"),
            get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
        ),
        Column("ratings_count", label=_("Ratings")),
        AverageColumn("ratings_average", label=_("Average (1-5)")),
        *[Column(f"score_{score}", label=f"{score} ★") for score in SCORES],
    ]
    list_export = ["title", "url_path", "ratings_count", "ratings_average"] + [
        f"score_{score}" for score in SCORES
    ]

    def get_queryset(self):
        return rating_summary(Page.objects.all()).order_by("ratings_average", "-ratings_count")


class RatingsMenuItem(MenuItem):
    def is_shown(self, request):
        return rating_permissions.user_has_permission(request.user, "view")


@hooks.register("register_admin_urls")
def register_rating_report_urls():
    return [
        path("reports/page-ratings/", PageRatingReport.as_view(), name="page_rating_report"),
        path(
            "reports/page-ratings/results/",
            PageRatingReport.as_view(results_only=True),
            name="page_rating_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_rating_report_menu_item():
    return RatingsMenuItem(
        _("Page ratings"), reverse("page_rating_report"), icon_name="pick", order=900
    )
