"""Page ratings: "Quanto sono chiare le informazioni su questa pagina?" under content pages.

A rating is anonymous (a page, a score from 1 to 5, a time): no user, no IP address is stored,
so the privacy notice can say so. Staff read the counts in the admin report
(core.wagtail_hooks). Repeated votes are kept out by the view (core.rating_views).
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

SCORES = range(1, 6)


class PageRating(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("page"),
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("page rating")
        verbose_name_plural = _("page ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="page_rating_score_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id}: {self.score}"


class RatingRefused(Exception):
    """A rating that cannot be recorded; ``status`` is the HTTP answer the view gives."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def rateable(page: Page) -> bool:
    """Content pages are rated; the site root is not (it is a doorway, not information)."""
    return page.depth > 2 and page.live


def record_rating(page: Page, score: int, *, actor=None) -> PageRating:
    """Store one anonymous rating of ``page``. ``actor`` is accepted for the use-case
    signature and deliberately not stored."""
    if score not in SCORES:
        raise RatingRefused(str(_("Choose from one to five stars.")))
    if not rateable(page):
        raise RatingRefused(str(_("This page cannot be rated.")), status=404)
    return PageRating.objects.create(page=page, score=score)


def rating_summary(queryset):
    """Pages annotated with their number of ratings, average and count per score."""
    annotations = {
        "ratings_count": models.Count("ratings"),
        "ratings_average": models.Avg("ratings__score"),
    }
    for score in SCORES:
        annotations[f"score_{score}"] = models.Count(
            "ratings", filter=models.Q(ratings__score=score)
        )
    return queryset.annotate(**annotations).filter(ratings_count__gt=0)
