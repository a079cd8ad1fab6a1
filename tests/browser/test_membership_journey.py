"""The issue's journey: an official signs up choosing Cesena, Cesena's admin confirms her as an
editor, she writes a page for Cesena in the Wagtail admin and submits it, staff approve it and
it goes live; she cannot open Monza's page. axe-core checks the site pages (not the admin)."""

import re

import pytest
from django.core import mail

PASSWORD = "una-password-lunga-42"


def _login(page, email, password=PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Accedi").click()


@pytest.mark.django_db(transaction=True)
def test_signup_confirm_write_submit_publish(browser, page, live_server, assert_accessible):
    from core.demo import ensure_site_tree
    from core.models import HomePage
    from members.models import Membership
    from members.setup import ensure_editorial_setup
    from tests.factories import OrganisationFactory, UserFactory
    from tests.members.conftest import make_member
    from tests.ownedpages.models import OwnedTestPage

    ensure_site_tree()
    moderators, editors = ensure_editorial_setup()
    # The test page type lives under the home page: let editors add pages there.
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=HomePage.objects.get(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    cesena = OrganisationFactory(name="Comune di Cesena", slug="comune-di-cesena")
    monza = OrganisationFactory(name="Comune di Monza", slug="comune-di-monza")
    admin = make_member(cesena, role=Membership.Role.ADMIN)
    staff = UserFactory(email="staff@example.org", is_staff=True)
    staff.groups.add(moderators)
    index = HomePage.objects.get()
    monza_page = OwnedTestPage(title="Pratica di Monza", organisation=monza, body="Monza")
    index.add_child(instance=monza_page)
    monza_page.save_revision().publish()

    # 1. Sign-up: search-as-you-type over the register, then the usual fields.
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Cerca il tuo ente").fill("Cesena")
    page.locator("label", has_text="Comune di Cesena").first.click()
    page.get_by_label("Nome e cognome").fill("Lucia Marini")
    page.get_by_label("Il tuo ruolo").select_option("officer")
    page.get_by_label("Email").fill("lucia.marini@comune.example.it")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Crea il mio account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)
    page.goto(link.group(1))
    with page.expect_navigation():
        page.get_by_role("button", name="Conferma").click()

    # 2. Cesena's admin confirms her as an editor, on the site.
    admin_context = browser.new_context(locale="it-IT", base_url=live_server.url)
    admin_page = admin_context.new_page()
    _login(admin_page, admin.email, "a-long-test-password")
    admin_page.goto("/enti/comune-di-cesena/membri/")
    assert_accessible(admin_page)
    admin_page.get_by_label("Ruolo di Lucia Marini").select_option("editor")
    with admin_page.expect_navigation():
        admin_page.get_by_role("button", name="Conferma").click()
    assert "Lucia Marini ora fa parte dell'ente" in admin_page.content()
    admin_context.close()

    # 3. She writes a page for Cesena in the Wagtail admin and submits it for moderation.
    _login(page, "lucia.marini@comune.example.it")
    page.goto("/profilo/")
    assert_accessible(page)
    assert "Comune di Cesena" in page.get_by_test_id("membership-status").inner_text()
    page.goto(f"/admin/pages/add/ownedpages/ownedtestpage/{index.pk}/")
    page.locator("#id_title").fill("Patti di collaborazione a Cesena")
    assert page.locator("#id_organisation option").all_inner_texts() == ["Comune di Cesena"], (
        page.url,
        page.locator("main, body").first.inner_text()[:500],
    )
    page.locator("#id_body").fill("Come lavoriamo con i cittadini.")
    page.evaluate("document.querySelector('#id_slug').value = 'patti-di-collaborazione'")
    page.evaluate("document.querySelector('button[name=action-submit]').click()")
    page.wait_for_timeout(3000)
    page.wait_for_load_state()
    errors = page.locator(".error-message, .help-critical, .messages .error").all_inner_texts()
    assert OwnedTestPage.objects.filter(organisation=cesena).exists(), (page.url, errors)
    created = OwnedTestPage.objects.get(title="Patti di collaborazione a Cesena")
    assert created.organisation == cesena
    assert not created.live
    state = created.current_workflow_state
    assert state is not None and state.status == "in_progress"

    # She cannot touch Monza's page.
    page.goto(f"/admin/pages/{monza_page.pk}/edit/")
    assert f"/admin/pages/{monza_page.pk}/edit/" not in page.url or "403" in page.title()

    # 4. Staff approve it through the workflow; it goes live.
    staff_context = browser.new_context(locale="it-IT", base_url=live_server.url)
    staff_page = staff_context.new_page()
    _login(staff_page, staff.email, "a-long-test-password")
    staff_page.goto("/admin/")
    csrf = next(c["value"] for c in staff_context.cookies() if c["name"] == "csrftoken")
    task_state = created.current_workflow_task_state
    response = staff_page.request.post(
        f"{live_server.url}/admin/pages/workflow/action/{created.pk}/approve/{task_state.pk}/",
        headers={"X-CSRFToken": csrf, "Referer": f"{live_server.url}/admin/"},
        form={"comment": ""},
    )
    assert response.ok
    staff_context.close()
    created.refresh_from_db()
    assert created.live

    # 5. Anyone sees it on the site and on Cesena's page.
    page.goto(created.url)
    assert "Patti di collaborazione a Cesena" in page.content()
    page.goto("/enti/comune-di-cesena/")
    assert_accessible(page)
    assert page.get_by_role("link", name="Patti di collaborazione a Cesena").count() == 1
