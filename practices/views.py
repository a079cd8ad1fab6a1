"""The index pages' request handling: filters, result count and open-data downloads."""

import csv
import json

from django.core.exceptions import BadRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from practices import opendata
from practices.filters import (
    filter_practices,
    filter_tools,
    parse_filters,
    practice_queryset,
    tool_queryset,
)
from practices.models import PracticeIndexPage

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
    state = parse_filters(request.GET, with_theme=is_practices)
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
        "filters": state,
        "query_string": state.query_string,
        "download_query": (state.query_string + "&") if state.query_string else "",
    }
    return serve(request, *args, **kwargs)
