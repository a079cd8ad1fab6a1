"""The search page. Until the faceted search service lands, it searches published pages
through Wagtail's database backend; odd input is cleaned, never passed raw."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from wagtail.models import Page

from search.forms import SearchForm

RESULTS_PER_PAGE = 20


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = Page.objects.none()
    query = ""
    status = 200
    if form.is_bound:
        if form.is_valid():
            query = form.cleaned_data["q"]
            if query:
                results = Page.objects.live().public().specific().search(query)
        else:
            status = 400
    page_number = (form.cleaned_data.get("page") if status == 200 and form.is_bound else None) or 1
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page = paginator.page(page_number)
    except (EmptyPage, PageNotAnInteger):
        # Past the last page: an empty page with a 404 is what the user asked for; show the
        # last page instead so she can go back, with a 400 to tell robots the URL is wrong.
        page = paginator.page(paginator.num_pages)
        status = 400
    return render(
        request,
        "search/search_page.html",
        {"form": form, "query": query, "page_obj": page, "total": paginator.count},
        status=status,
    )
