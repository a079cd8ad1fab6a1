"""The index pages' request handling: filters, result count and open-data downloads."""

import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.charts import comparison_chart, direction_label
from core.errors import ServiceError
from members.models import Organisation, Region
from members.permissions import can_view_page, editable_organisation_ids
from practices import comparison, opendata, services
from practices.filters import (
    filter_practices,
    filter_tools,
    parse_filters,
    practice_queryset,
    tool_queryset,
)
from practices.forms import TransferForm
from practices.map import region_map
from practices.models import PracticeIndexPage, PracticePage, SharedIndicator

FORMATS = {"", "html", "csv", "json"}


class _Echo:
    def write(self, value):
        return value


def serve_index(index, request, serve, *args, **kwargs):
    """Filter the index's items from the query string; answer HTML, CSV or JSON."""
    fmt = request.GET.get("format", "")
    if fmt not in FORMATS:
        raise BadRequest(_("Unknown download format: choose csv or json."))
    is_practices = isinstance(index, PracticeIndexPage)
    state = parse_filters(request.GET, with_theme=is_practices, request=request)
    if is_practices:
        items = filter_practices(practice_queryset(index), state.selected)
        rows, columns, name = opendata.practice_rows, opendata.PRACTICE_COLUMNS, "buone-pratiche"
    else:
        items = filter_tools(tool_queryset(index), state.selected)
        rows, columns, name = opendata.tool_rows, opendata.TOOL_COLUMNS, "strumenti"
    if fmt == "csv":
        writer = csv.writer(_Echo())
        lines = (writer.writerow(row) for row in opendata.csv_lines(rows(items, request), columns))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "json":
        data = {"count": items.count(), "results": list(rows(items, request))}
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    request.index_items = items
    request.index_context = {
        "region_map": region_map(request) if is_practices else None,
        "filters": state,
        "query_string": state.query_string,
        "download_query": (state.query_string + "&") if state.query_string else "",
    }
    return serve(request, *args, **kwargs)


@require_GET
def shared_indicators(request):
    """The shared indicator catalogue, each with the number of practices reporting it."""
    indicators = SharedIndicator.objects.annotate(
        practices=Count(
            "indicators__practice",
            filter=Q(indicators__practice__in=PracticePage.objects.live().public()),
            distinct=True,
        )
    ).order_by("name")
    return render(request, "practices/shared_indicators.html", {"indicators": indicators})


@require_GET
def indicator_comparison(request, slug: str):
    """One shared indicator across practices: raw and per 1,000 inhabitants, by region and
    size class (GET parameters), as a chart with the same numbers in a table."""
    shared = get_object_or_404(SharedIndicator, slug=slug)
    filters = comparison.parse_filters(request.GET, list(Region.objects.order_by("name")))
    rows = comparison.comparison_rows(shared, filters)
    per_1000 = filters.per_1000 and shared.per_inhabitant
    chart = comparison_chart(
        rows,
        title=shared.name,
        unit=shared.unit,
        direction=shared.direction,
        per_1000=per_1000,
    )
    return render(
        request,
        "practices/indicator_comparison.html",
        {
            "shared": shared,
            "rows": rows,
            "filters": filters,
            "chart": chart,
            "per_1000": per_1000,
            "direction_label": direction_label(shared.direction),
        },
    )


def _transfer_form(request, practice, organisations, data=None):
    return TransferForm(
        data,
        practice=practice,
        organisations=organisations,
        indicators=list(practice.indicators.select_related("shared")),
        tools=services.practice_tools(practice),
    )


@login_required
@require_http_methods(["GET", "POST"])
def record_transfer(request, page_id: int):
    """An organisation records (or updates) its transfer of a practice."""
    practice = get_object_or_404(PracticePage.objects.live(), pk=page_id)
    if not can_view_page(request.user, practice, request):
        raise Http404
    organisations = Organisation.objects.filter(
        pk__in=editable_organisation_ids(request.user)
    ).exclude(pk=practice.organisation_id)
    if not organisations.exists():
        return render(
            request,
            "practices/transfer_form.html",
            {"practice": practice, "form": None},
            status=403,
        )
    form = _transfer_form(
        request, practice, organisations, request.POST if request.method == "POST" else None
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_transfer(
                    practice,
                    data["organisation"],
                    actor=request.user,
                    stage=data["stage"],
                    year=data["year"],
                    note=data["note"],
                    adapted=data["adapted"],
                    tools=data["tools_reused"],
                    values=data["values"],
                )
            except ServiceError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("The transfer has been recorded. Thank you!"))
                return redirect(practice.url + "#adoptions-heading")
        else:
            status = 400
    return render(
        request, "practices/transfer_form.html", {"practice": practice, "form": form}, status=status
    )
