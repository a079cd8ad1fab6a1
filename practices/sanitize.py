"""Rich text is sanitised on save as well as by Wagtail's editor: text that arrives another way
(an import, a script, a future API) never reaches a page with a script in it."""

import nh3

RICH_TEXT_TAGS = {"p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "ol", "ul", "li", "a"}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "linktype", "id"}}


def clean_rich_text(html: str) -> str:
    if not html:
        return html
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
