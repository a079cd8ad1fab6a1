"""Synthetic search documents for the search tests (no content app needed)."""

import datetime
import itertools

from django.utils import timezone

from search.documents import DocumentData
from search.engines import get_engine

_counter = itertools.count(1)


def document(title: str, body: str = "", **fields) -> DocumentData:
    number = next(_counter)
    facets = fields.pop("facets", {})
    return DocumentData(
        key=fields.pop("key", f"tests.doc:{number}"),
        doc_type=fields.pop("doc_type", "practice"),
        title=title,
        body=body,
        url=fields.pop("url", f"/doc/{number}/"),
        date=fields.pop("date", timezone.now() - datetime.timedelta(days=number)),
        facets={
            name: [(v, v.replace("-", " ").title()) for v in values]
            for name, values in facets.items()
        },
        **fields,
    )


def index(*documents: DocumentData) -> list[DocumentData]:
    get_engine().upsert(documents)
    return list(documents)
