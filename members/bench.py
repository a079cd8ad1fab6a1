"""Synthetic organisations and members for ``make bench``."""

from members.models import Organisation, Region, User


def generate(scale: int, stdout) -> None:
    region, _ = Region.objects.get_or_create(
        istat_code="99", defaults={"name": "Regione di prova", "slug": "regione-di-prova"}
    )
    have = Organisation.objects.filter(slug__startswith="bench-").count()
    Organisation.objects.bulk_create(
        Organisation(
            kind=Organisation.Kind.MUNICIPALITY,
            name=f"Comune di prova {n}",
            slug=f"bench-comune-{n}",
            region=region,
        )
        for n in range(have, scale)
    )
    have = User.objects.filter(email__startswith="bench-").count()
    User.objects.bulk_create(
        User(email=f"bench-{n}@example.org", full_name=f"Persona di prova {n}")
        for n in range(have, scale)
    )


def pages() -> list[tuple[str, str]]:
    return []
