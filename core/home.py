"""The home page's sections. Each app registers the section it fills; the home page renders
them in order with a helpful empty state when a section has nothing to show."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from core.cache import cached_per_site


@dataclass(frozen=True)
class HomeSection:
    key: str
    title: str
    empty_message: str
    template: str
    order: int = 100
    #: Returns the items to show; must use a constant number of queries.
    items: Callable[[HttpRequest], list] = field(default=lambda request: [])
    more_url: Callable[[], str | None] = field(default=lambda: None)
    more_label: str = ""


_registry: dict[str, HomeSection] = {}


def register_home_section(section: HomeSection) -> None:
    _registry[section.key] = section


def _more_urls(request: HttpRequest) -> dict[str, str | None]:
    return {key: section.more_url() for key, section in _registry.items()}


def home_sections(request: HttpRequest) -> list[dict]:
    """The sections in order with their items. The "more" links (an index page's URL each)
    change only when pages are published, moved or deleted: they are kept per site and
    language with the menu (``core.cache.cached_per_site``), not looked up on every visit."""
    more_urls = cached_per_site(request, "home-more-urls", _more_urls)
    rendered = []
    for section in sorted(_registry.values(), key=lambda s: s.order):
        rendered.append(
            {
                "section": section,
                "items": list(section.items(request)),
                "more_url": more_urls[section.key]
                if section.key in more_urls
                else section.more_url(),
            }
        )
    return rendered


def index_url_of(index_model) -> Callable[[], str | None]:
    def url() -> str | None:
        index = index_model.objects.live().first()
        return index.url if index else None

    return url
