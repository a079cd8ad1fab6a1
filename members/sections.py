"""Sections of an organisation's public page that upper apps fill (e.g. practices: the
transfers of practices it took up). ``members`` cannot import them, so each app registers a
section in its ``AppConfig.ready()``: a title, a template rendered with ``items`` and
``organisation``, and a function returning the items (it should run one or two queries)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class OrganisationSection:
    key: str
    title: str
    template: str
    items: Callable  # (organisation, request) -> list
    order: int = 100


_SECTIONS: dict[str, OrganisationSection] = {}


def register_organisation_section(section: OrganisationSection) -> None:
    _SECTIONS[section.key] = section


def organisation_sections(organisation, request) -> list[dict]:
    """The registered sections with their items; empty ones are left out."""
    filled = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        items = section.items(organisation, request)
        if items:
            filled.append({"section": section, "items": items})
    return filled
