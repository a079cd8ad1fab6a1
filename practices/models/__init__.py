"""Good practices, their indicators and adoptions, the toolbox library and the shared
taxonomy (themes and instruments), one module each; every model is importable from here."""

from practices.models.indicators import (
    Adoption,
    Direction,
    Indicator,
    IndicatorValue,
    SharedIndicator,
    TransferValue,
)
from practices.models.practices import PracticeIndexPage, PracticePage, PracticePageTag
from practices.models.taxonomy import Instrument, TaxonomyTerm, Theme, validate_year
from practices.models.toolbox import ToolboxIndexPage, ToolFile, ToolPage

__all__ = [
    "Adoption",
    "Direction",
    "Indicator",
    "IndicatorValue",
    "Instrument",
    "PracticeIndexPage",
    "PracticePage",
    "PracticePageTag",
    "SharedIndicator",
    "TaxonomyTerm",
    "Theme",
    "ToolFile",
    "ToolPage",
    "ToolboxIndexPage",
    "TransferValue",
    "validate_year",
]
