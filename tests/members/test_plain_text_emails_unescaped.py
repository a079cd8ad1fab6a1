"""Plain-text e-mails are not HTML: a title or a name with "&" or an apostrophe arrives as
written, never as "&amp;" or "&#x27;"."""

from django.template.loader import render_to_string

from members.digests import DigestItem

TITLE = "Patti & scuole dell'Emilia"


class _Organisation:
    name = TITLE


def test_the_digest_keeps_ampersands_and_apostrophes():
    item = DigestItem(title=TITLE, url="https://example.org/p/", summary="Orti & giardini")
    text = render_to_string(
        "members/email/digest.txt",
        {"sections": [{"title": "Buone pratiche", "items": [item]}], "user": None},
    )
    assert TITLE in text and "Orti & giardini" in text
    assert "&amp;" not in text and "&#x27;" not in text


def test_a_membership_subject_keeps_the_organisations_name():
    subject = render_to_string(
        "members/email/membership_confirmed_subject.txt", {"organisation": _Organisation()}
    )
    assert TITLE in subject and "&amp;" not in subject
