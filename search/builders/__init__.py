"""Per-type search-document builders: how each kind of content becomes a search document.

Search reads the other apps only through these builders. A builder says which objects to index
(``queryset``), turns one object into a ``DocumentData`` (``build``; ``None`` means "not
searchable", e.g. a draft) and labels its type for the facet panel. The machinery is in
``base``; one module per domain registers its builders when imported here.
"""

# Imported in this order, which is the order of types in the facet panel and in rebuilds.
# isort: off
from search.builders import content  # noqa: F401
from search.builders import exchange  # noqa: F401
from search.builders import communities  # noqa: F401
from search.builders import organisations  # noqa: F401

# isort: on
from search.builders.base import (
    CHECKED_ATTR,
    Builder,
    builder_for,
    builders,
    key_for,
    register,
    type_labels,
)

__all__ = [
    "CHECKED_ATTR",
    "Builder",
    "builder_for",
    "builders",
    "key_for",
    "register",
    "type_labels",
]
