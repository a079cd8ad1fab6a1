"""Factories of the practices app: taxonomy, practice and tool pages, indicators, documents."""

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from practices.models import (
    Indicator,
    IndicatorValue,
    Instrument,
    PracticeIndexPage,
    PracticePage,
    SharedIndicator,
    Theme,
    ToolboxIndexPage,
    ToolFile,
    ToolPage,
)
from tests.factories import OrganisationFactory

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name_it = factory.Sequence(lambda n: f"Tema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        django_get_or_create = ("slug",)

    name_it = factory.Sequence(lambda n: f"Strumento {n}")
    name_en = factory.Sequence(lambda n: f"Instrument {n}")
    slug = factory.Sequence(lambda n: f"strumento-{n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Documento {n}")
    file = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="documento.pdf"))


def make_practice(
    *,
    title="Pratica di prova",
    themes=(),
    instruments=(),
    organisation=None,
    publish=True,
    **fields,
) -> PracticePage:
    index = PracticeIndexPage.objects.get()
    page = PracticePage(
        title=title,
        summary=fields.pop("summary", "Una sintesi della pratica."),
        organisation=organisation or OrganisationFactory(),
        start_year=fields.pop("start_year", 2020),
        **fields,
    )
    index.add_child(instance=page)
    page.themes.set(list(themes))
    page.instruments.set(list(instruments))
    if publish:
        page.save_revision().publish()
    else:
        page.live = False
        page.save()
    return page


def add_indicator(
    page, name="Presenze", unit="persone", values=(("2023", 100), ("2024", 150)), shared=None
):
    indicator = Indicator.objects.create(practice=page, name=name, unit=unit, shared=shared)
    for position, (label, value) in enumerate(values):
        IndicatorValue.objects.create(
            indicator=indicator,
            period_label=label,
            period_date=datetime.date(int(label[:4]), 12, 31) if label[:4].isdigit() else None,
            value=Decimal(str(value)),
            sort_order=position,
        )
    return indicator


def make_tool(*, title="Strumento di prova", instrument=None, organisation=None, **fields):
    index = ToolboxIndexPage.objects.get()
    page = ToolPage(
        title=title,
        instrument=instrument or InstrumentFactory(),
        organisation=organisation or OrganisationFactory(),
        description=fields.pop("description", "<p>Un modello da adattare.</p>"),
        **fields,
    )
    index.add_child(instance=page)
    ToolFile.objects.create(tool=page, document=DocumentFactory(), label="Modello")
    page.save_revision().publish()
    return page


class SharedIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SharedIndicator
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Volontari attivi {n}")
    slug = factory.Sequence(lambda n: f"volontari-attivi-{n}")
    unit = "persone"
    method = "Persone che hanno svolto almeno un'attività nell'anno."
