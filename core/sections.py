"""The site's sections: the index pages under the home page, in menu order.

``core`` imports no app: each app registers its own section index page in its
``AppConfig.ready()``, and the site tree (``core.demo.ensure_site_tree``) creates them.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteSection:
    model: type
    title: str  # the page title (Italian, the default language)
    slug: str
    intro: str  # rich text shown above the section's list
    order: int


_sections: dict[str, SiteSection] = {}


def register_site_section(section: SiteSection) -> None:
    _sections[section.slug] = section


def site_sections() -> list[SiteSection]:
    return sorted(_sections.values(), key=lambda section: section.order)
