"""The search page and the JSON API: parse parameters with ``SearchForm``, call the service,
render. Bad parameters are a 400 with a clear message (JSON for the API), never a 500."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from search.documents import FACET_NAMES
from search.forms import SearchForm
from search.ratelimit import retry_after
from search.services import SearchError, SearchResults, facet_titles, search

PARAMS = ("q", *FACET_NAMES, "sort")


def _query_items(form: SearchForm) -> list[tuple[str, str]]:
    """The current search as (name, value) pairs, without the page number."""
    items = []
    if form.cleaned_data.get("q"):
        items.append(("q", form.cleaned_data["q"]))
    for name, values in form.filters().items():
        items += [(name, value) for value in values]
    if form.cleaned_data.get("sort") not in (None, "", "relevance"):
        items.append(("sort", form.cleaned_data["sort"]))
    return items


def _run(request: HttpRequest) -> tuple[SearchForm, SearchResults | None, str]:
    form = SearchForm(request.GET)
    if not form.is_valid():
        return form, None, form.error_text()
    try:
        results = search(
            form.cleaned_data["q"],
            form.filters(),
            page=form.cleaned_data["page"],
            sort=form.cleaned_data["sort"],
        )
    except SearchError as error:
        return form, None, str(error)
    return form, results, ""


def too_many_text(wait: int) -> str:
    return _("Too many searches from your connection: try again in %(seconds)s seconds.") % {
        "seconds": wait
    }


def _facet_item(value) -> dict:
    """A facet value for the panel, its "(N results)" for screen readers written here: a
    ``blocktranslate count`` per value was a tenth of the page's time (issue 17)."""
    return {
        "value": value.value,
        "label": value.label,
        "count": value.count,
        "selected": value.selected,
        "count_text": ngettext("%(counter)s result", "%(counter)s results", value.count)
        % {"counter": value.count},
    }


def search_page(request: HttpRequest) -> HttpResponse:
    wait = retry_after(request)
    if wait is not None:
        context = {"form": SearchForm(), "results": None, "error": too_many_text(wait)}
        response = render(request, "search/search_page.html", {**context, "query": ""}, status=429)
        response["Retry-After"] = str(wait)
        return response
    form, results, error = _run(request)
    context = {"form": form, "results": results, "error": error, "query": ""}
    if results is not None:
        items = _query_items(form)
        titles = facet_titles()
        chips = []
        for name, value in items:
            if name not in FACET_NAMES:
                continue
            label = next((v.label for v in results.facets.get(name, []) if v.value == value), value)
            rest = [item for item in items if item != (name, value)]
            chips.append(
                {"title": titles[name], "label": label, "remove_url": "?" + urlencode(rest)}
            )
        context.update(
            query=results.query,
            query_string=urlencode(items),
            chips=chips,
            clear_url="?" + urlencode([i for i in items if i[0] in ("q", "sort")]),
            facet_groups=[
                {
                    "name": name,
                    "title": titles[name],
                    "values": [_facet_item(value) for value in results.facets[name]],
                }
                for name in FACET_NAMES
                if results.facets.get(name)
            ],
        )
    template = "search/search_page.html"
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        template = "search/includes/results_region.html"
    return render(request, template, context, status=400 if error else 200)


def search_api(request: HttpRequest) -> JsonResponse:
    """``GET /api/search/``: the same parameters as the page; see docs/search-api.md."""
    wait = retry_after(request)
    if wait is not None:
        response = JsonResponse({"error": too_many_text(wait), "retry_after": wait}, status=429)
        response["Retry-After"] = str(wait)
        return response
    form, results, error = _run(request)
    if results is None:
        return JsonResponse(
            {
                "error": error or _("Invalid search parameters."),
                "fields": {name: [str(e) for e in errs] for name, errs in form.errors.items()},
            },
            status=400,
        )
    return JsonResponse(
        {
            "query": results.query,
            "total": results.total,
            "page": results.page,
            "num_pages": results.num_pages,
            "per_page": results.per_page,
            "sort": results.sort,
            "filters": results.filters,
            "results": [
                {
                    "type": hit.type,
                    "type_label": hit.type_label,
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url) if hit.url else "",
                    "snippet": str(hit.snippet),
                    "date": hit.date.isoformat() if hit.date else None,
                    "event_end": hit.event_end.isoformat() if hit.event_end else None,
                    "free_seats": hit.free_seats,
                    "facets": hit.facets,
                }
                for hit in results.hits
            ],
            "facets": {
                name: [
                    {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                    for v in values
                ]
                for name, values in results.facets.items()
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )
