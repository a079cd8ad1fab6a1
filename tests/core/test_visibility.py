"""The one visibility rule in SQL (core.visibility) agrees with can_view_page for anonymous
visitors: a restriction hides its page and every page below it, and nothing beside it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page, PageViewRestriction

from core.visibility import public_pages_q
from members.permissions import can_view_page
from tests.practices.factories import make_practice


@pytest.mark.django_db
def test_sql_rule_and_page_rule_agree(site_tree):
    first, second, third = (make_practice(title=f"Pratica {n}") for n in range(3))
    PageViewRestriction.objects.create(page=second, restriction_type="login")
    draft = make_practice(title="Bozza")
    draft.unpublish()
    listed = set(Page.objects.filter(public_pages_q()).values_list("pk", flat=True))
    assert first.pk in listed and third.pk in listed
    assert second.pk not in listed and draft.pk not in listed
    anonymous = AnonymousUser()
    for page in Page.objects.filter(depth__gt=1).specific():
        assert (page.pk in listed) == (page.live and can_view_page(anonymous, page)), page.title


@pytest.mark.django_db
def test_a_restricted_section_hides_everything_below_it(site_tree):
    practice = make_practice(title="Pratica sotto la sezione")
    section = practice.get_parent()
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    listed = set(Page.objects.filter(public_pages_q()).values_list("pk", flat=True))
    assert section.pk not in listed and practice.pk not in listed
    assert section.get_parent().pk in listed
