"""Synthetic organisations and members for ``make bench``."""

from members.models import Membership, Organisation, Region, User


def generate(scale: int, stdout) -> None:
    region, _ = Region.objects.get_or_create(
        istat_code="99", defaults={"name": "Regione di prova", "slug": "regione-di-prova"}
    )
    have = Organisation.objects.filter(slug__startswith="bench-").count()
    Organisation.objects.bulk_create(
        Organisation(
            kind=Organisation.Kind.MUNICIPALITY,
            name=f"Comune di prova {n}",
            search_name=f"comune di prova {n}",
            slug=f"bench-comune-{n}",
            region=region,
        )
        for n in range(have, scale)
    )
    have = User.objects.filter(email__startswith="bench-").count()
    User.objects.bulk_create(
        User(
            email=f"bench-{n}@example.org",
            full_name=f"Persona di prova {n}",
            visible_in_directory=True,
        )
        for n in range(have, scale)
    )
    # Everyone belongs to one of the first ten organisations: their pages list many members.
    organisations = list(Organisation.objects.filter(slug__startswith="bench-").order_by("pk")[:10])
    members = User.objects.filter(email__startswith="bench-").exclude(memberships__isnull=False)
    Membership.objects.bulk_create(
        Membership(
            user_id=user_id,
            organisation=organisations[index % len(organisations)],
            status=Membership.Status.CONFIRMED,
        )
        for index, user_id in enumerate(members.values_list("pk", flat=True))
    )


def pages() -> list[tuple[str, str]]:
    return [
        ("organisation directory", "/enti/"),
        ("organisation directory search", "/enti/?q=prova+1"),
        ("organisation page", "/enti/bench-comune-0/"),
    ]
