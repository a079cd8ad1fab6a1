"""Synthetic practices and tools for ``make bench`` (10,000 practices must be feasible).

Pages are inserted in bulk: the tree paths are computed as treebeard would, the ``Page`` rows
go in with ``bulk_create`` and the specific rows with one multi-row INSERT per batch, all in
one transaction and without revisions. Only the first practices get indicators and adoptions.
"""

import datetime
import uuid
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from members.models import Organisation
from practices.demo import ensure_taxonomy
from practices.demo_files import make_pdf
from practices.models import (
    Adoption,
    Indicator,
    IndicatorValue,
    PracticeIndexPage,
    PracticePage,
    SharedIndicator,
    ToolboxIndexPage,
    ToolFile,
    ToolPage,
)

BATCH = 500


def _bulk_add_children(parent: Page, model, objects: list) -> list:
    """Insert ``objects`` (unsaved ``model`` pages with title and slug) as live children."""
    if not objects:
        return []
    last = parent.get_last_child()
    start = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    for position, page in enumerate(objects):
        page.path = Page._get_path(parent.path, parent.depth + 1, start + position)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.live = True
        page.has_unpublished_changes = False
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.translation_key = uuid.uuid4()
        page.first_published_at = page.last_published_at = now
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for begin in range(0, len(objects), BATCH):
        chunk = objects[begin : begin + BATCH]
        bases = Page.objects.bulk_create(
            [Page(**{f.attname: getattr(page, f.attname) for f in page_fields}) for page in chunk]
        )
        for page, base in zip(chunk, bases, strict=True):
            page.pk = page.id = page.page_ptr_id = base.pk
        model._base_manager._insert(
            chunk, fields=list(model._meta.local_concrete_fields), using="default"
        )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(objects))
    return objects


@transaction.atomic
def generate(scale: int, stdout) -> None:
    themes, instruments = ensure_taxonomy()
    themes, instruments = list(themes.values()), list(instruments.values())
    organisations = list(
        Organisation.objects.filter(slug__startswith="bench-").order_by("pk")[:500]
    ) or [Organisation.objects.create(kind="municipality", name="Comune", slug="bench-x")]
    toolbox = ToolboxIndexPage.objects.get()
    index = PracticeIndexPage.objects.get()

    have_tools = ToolPage.objects.count()
    want_tools = max(scale // 10, 2)
    document = get_document_model().objects.filter(title="Bench").first()
    if document is None:
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        document = get_document_model()(title="Bench", collection=root)
        document.file.save("bench.pdf", ContentFile(make_pdf("Bench", ["x"])), save=False)
        document.save()
    tools = _bulk_add_children(
        toolbox,
        ToolPage,
        [
            ToolPage(
                title=f"Strumento di prova {n}",
                slug=f"bench-strumento-{n}",
                organisation=organisations[n % len(organisations)],
                instrument=instruments[n % len(instruments)],
                description="<p>Modello sintetico per le misure di prestazione.</p>",
                version="1.0",
            )
            for n in range(have_tools, want_tools)
        ],
    )
    ToolFile.objects.bulk_create(ToolFile(tool=tool, document=document) for tool in tools)
    first_tool = ToolPage.objects.filter(slug="bench-strumento-0").first()
    ToolPage.objects.filter(slug__startswith="bench-strumento-", adapted_from=None).exclude(
        pk=first_tool.pk
    ).filter(pk__in=[t.pk for t in tools[:20]]).update(adapted_from=first_tool)

    have = PracticePage.objects.count()
    practices = _bulk_add_children(
        index,
        PracticePage,
        [
            PracticePage(
                title=f"Pratica di prova {n}",
                slug=f"bench-pratica-{n}",
                organisation=organisations[n % len(organisations)],
                summary="Una pratica sintetica: spazi pubblici curati con il terzo settore.",
                body=[{"type": "text", "value": "<p>Testo della scheda.</p>"}],
                start_year=2015 + n % 10,
                other_partners_count=n % 7,
            )
            for n in range(have, scale)
        ],
    )
    Themes = PracticePage.themes.through
    Instruments = PracticePage.instruments.through
    Tools = PracticePage.tools.through
    Themes.objects.bulk_create(
        (
            Themes(practicepage_id=p.pk, theme_id=themes[(i + k) % len(themes)].pk)
            for i, p in enumerate(practices, start=have)
            for k in range(2)
        ),
        batch_size=BATCH,
    )
    Instruments.objects.bulk_create(
        (
            Instruments(practicepage_id=p.pk, instrument_id=instruments[i % len(instruments)].pk)
            for i, p in enumerate(practices, start=have)
        ),
        batch_size=BATCH,
    )
    Tools.objects.bulk_create(
        Tools(practicepage_id=p.pk, toolpage_id=first_tool.pk) for p in practices[:30]
    )
    # One shared indicator, reported by the first practices (the comparison page, issue 20).
    shared, _created = SharedIndicator.objects.get_or_create(
        slug="bench-volontari",
        defaults={"name": "Volontari attivi (prova)", "unit": "persone", "method": "Sintetico."},
    )
    stages = [stage for stage, _label in Adoption.Stage.choices]
    for practice in practices[:50]:
        for number in range(3):
            indicator = Indicator.objects.create(
                practice=practice,
                name=f"Indicatore {number}",
                unit="persone",
                sort_order=number,
                shared=shared if number == 0 else None,
            )
            IndicatorValue.objects.bulk_create(
                IndicatorValue(
                    indicator=indicator,
                    period_label=str(year),
                    period_date=datetime.date(year, 12, 31),
                    value=Decimal(100 + year % 7 * 13),
                    sort_order=year,
                )
                for year in range(2019, 2025)
            )
        Adoption.objects.bulk_create(
            Adoption(practice=practice, organisation=org, year=2024, stage=stages[n % len(stages)])
            for n, org in enumerate(organisations[1:6])
        )
    stdout.write(f"{PracticePage.objects.count()} practices, {ToolPage.objects.count()} tools")


def pages() -> list[tuple[str, str]]:
    return [
        ("practice page", "/buone-pratiche/bench-pratica-0/"),
        ("practice index", "/buone-pratiche/"),
        (
            "practice index (filtered)",
            "/buone-pratiche/?theme=co-progettazione-terzo-settore&region=regione-di-prova",
        ),
        ("practice index (page 2)", "/buone-pratiche/?page=2"),
        ("toolbox index", "/strumenti/?instrument=protocollo-di-rete"),
        ("tool page", "/strumenti/bench-strumento-0/"),
        ("shared indicators", "/indicatori/"),
        ("indicator comparison", "/indicatori/bench-volontari/"),
    ]
