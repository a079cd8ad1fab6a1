from django import template
from django.forms import BoundField

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
