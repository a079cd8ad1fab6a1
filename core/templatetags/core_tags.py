from django import template
from django.forms import BoundField

from core.cache import cached_per_site
from core.forms import PageRatingForm
from core.rating_views import rating_token
from core.site_settings import SiteIdentity, identity_for_request

register = template.Library()


@register.filter
def widget_type(field: BoundField) -> str:
    return field.field.widget.__class__.__name__.lower()


@register.filter
def add_input_attrs(field: BoundField):
    """Render a form field with Bootstrap Italia classes and ARIA links to help and errors."""
    widget = field.field.widget
    attrs = dict(widget.attrs)
    kind = widget.__class__.__name__.lower()
    css = "form-check-input" if kind in {"checkboxinput", "radioselect"} else "form-control"
    if kind == "select":
        css = "form-select"
    attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
        attrs["class"] += " is-invalid"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def file_size(value) -> str:
    """A file size in the active language: Django's ``filesizeformat`` says "bytes" in Italian
    too, so small files get our own translated unit; larger ones keep its localised decimals."""
    from django.template.defaultfilters import filesizeformat
    from django.utils.html import avoid_wrapping
    from django.utils.translation import ngettext

    try:
        size = int(value)
    except (TypeError, ValueError):
        return ""
    if size >= 1024:
        return filesizeformat(size)
    return avoid_wrapping(ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size})


@register.filter
def machine_datetime(value) -> str:
    """A ``<time datetime="…">`` value the HTML checker accepts: local time to the second.

    ``|date:'c'`` writes microseconds when there are any (times computed from "now"), and HTML
    allows at most three digits of a second."""
    import datetime

    from django.utils import timezone

    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.filter
def status_label(value: str, instance) -> str:
    """The translated label of a ``status`` code stored as plain text beside ``instance``
    (a history row keeps the code; the label comes from the instance's ``status`` choices)."""
    if not value:
        return value
    choices = dict(instance._meta.get_field("status").flatchoices)
    return str(choices.get(value, value))


@register.simple_tag(takes_context=True)
def chrome_title(context, page) -> str:
    """``page``'s name in the chrome, in the active language (core.navigation.chrome_title)."""
    from django.utils.translation import get_language

    from core.navigation import chrome_title as title

    if page is None or get_language()[:2] == "it":
        return page.title if page is not None else ""
    return title(page, list(context.get("menu_pages") or []))


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context, page) -> list[tuple[str, str]]:
    """``[(url, title)]`` of ``page``'s ancestors below the root, in the active language.

    Kept with the menu (``cached_per_site``: until a page is published, moved or deleted),
    so a page costs neither the ancestors' query nor their URLs (issue 17). A preview or an
    unsaved page builds its trail afresh."""
    from core.navigation import chrome_title as title

    request = context.get("request")
    menu = list(context.get("menu_pages") or [])

    def build(request) -> list[tuple[str, str]]:
        return [
            (ancestor.get_url(request=request) or "", title(ancestor, menu))
            for ancestor in page.get_ancestors()
            if not ancestor.is_root()
        ]

    if request is None or not page.pk or getattr(request, "is_preview", False):
        return build(request)
    return cached_per_site(request, f"crumbs:{page.pk}", build)


@register.simple_tag
def canonical_url(request) -> str:
    """The public address of this page: SITE_URL's host (never the one a request claims) and
    the path, without query strings (filters and tracking give the same page)."""
    from django.conf import settings

    return f"{settings.SITE_URL}{request.path}"


@register.simple_tag(takes_context=True)
def site_identity(context):
    """The owning body and its contacts (core.site_settings), for the footer and legal pages."""
    request = context.get("request")
    return identity_for_request(request) if request is not None else SiteIdentity()


@register.simple_tag
def icon(name: str, color: str = "", size: str = "", extra_class: str = "") -> str:
    """A Bootstrap Italia icon from the sprite. A tag, not an included template: an include
    costs a new context and a template lookup per icon (about 0.05 ms each, issue 17)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    classes = " ".join(
        filter(None, ["icon", size and f"icon-{size}", color and f"icon-{color}", extra_class])
    )
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        classes,
        static("bootstrap-italia/svg/sprites.svg"),
        name,
    )


@register.simple_tag
def page_rating_token(page) -> str:
    """The signed token that names ``page`` in the rating block (core.rating_views)."""
    return rating_token(page)


@register.simple_tag
def page_rating_scores() -> list[int]:
    """The rating block's scores, five stars first (the form's choices, reversed)."""
    return [int(value) for value, _label in reversed(PageRatingForm.base_fields["score"].choices)]
