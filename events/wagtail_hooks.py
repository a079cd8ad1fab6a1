"""Wagtail admin hooks of the calendar: pages whose sessions have registrations are kept."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from events.models import Registration


@hooks.register("before_delete_page")
def keep_pages_with_registrations(request, page):
    """Deleting a page would delete its sessions and so the registrations: refuse, and say to
    cancel the sessions or unpublish the page instead."""
    if Registration.objects.filter(session__page__path__startswith=page.path).exists():
        messages.error(
            request,
            _(
                "People have registered for sessions of this page, so it cannot be deleted. "
                "Cancel its sessions or unpublish it instead."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
