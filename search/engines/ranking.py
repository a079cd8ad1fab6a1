"""The first, bitmap-based ranking of the database engine and its tie-breaks (type, date)."""

from __future__ import annotations

from search.engines import bitmaps as bm
from search.engines.database_writes import FIELD_WEIGHTS, TYPE_ORDER


def first_ranking(final: int, fields, wanted: int) -> list[tuple[int, int]]:
    """(score, mask) of the best tiers of ``final`` by field weights, from the best score down,
    until they hold ``wanted`` documents; each word counts for the best field it is in. Scores
    are summed on bitmaps, bit-sliced: ``planes[k]`` holds bit ``k`` of every score."""
    planes: list[int] = []

    def add(mask: int, weight: int) -> None:
        plane = 0
        while weight:
            if weight & 1:
                carry = mask
                index = plane
                while carry:
                    while index >= len(planes):
                        planes.append(0)
                    planes[index], carry = planes[index] ^ carry, planes[index] & carry
                    index += 1
            weight >>= 1
            plane += 1

    for word in fields:
        title = word["title"] & final
        summary = word["summary"] & final & ~title
        body = word["body"] & final & ~title & ~summary
        add(title, FIELD_WEIGHTS["title"])
        add(summary, FIELD_WEIGHTS["summary"])
        add(body, FIELD_WEIGHTS["body"])
    out: list[tuple[int, int]] = []
    found = 0
    for score in range((1 << len(planes)) - 1, 0, -1):
        mask = final
        for index, plane in enumerate(planes):
            mask &= plane if score >> index & 1 else ~plane
            if not mask:
                break
        if mask:
            out.append((score, mask))
            found += mask.bit_count()
            if found >= wanted:
                break
    return out


def by_type_then_date(bitmaps, mask: int, wanted: int) -> list[int]:
    """The first ``wanted`` of ``mask`` in the tie-breaking order: type, then newest."""
    out: list[int] = []
    rest = mask
    for doc_type in TYPE_ORDER:
        of_type = mask & bitmaps.values.get(("type", doc_type), 0)
        if of_type:
            out += bitmaps.newest(of_type, wanted - len(out))
            rest &= ~of_type
            if len(out) >= wanted:
                return out
    return out + bitmaps.newest(rest, wanted - len(out))


def type_ranks(bitmaps, positions: list[int]) -> dict[int, int]:
    chosen = bm.mask_from_ids(positions)
    ranks: dict[int, int] = {}
    for index, doc_type in enumerate(TYPE_ORDER):
        of_type = chosen & bitmaps.values.get(("type", doc_type), 0)
        if of_type:
            ranks.update(dict.fromkeys(bm.ids_from_mask(of_type), index))
    return ranks
