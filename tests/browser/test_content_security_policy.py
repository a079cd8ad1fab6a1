"""The Content-Security-Policy blocks nothing the site or the Wagtail admin needs.

Chromium reports every blocked script, style, image or connection as a
``securitypolicyviolation`` event; the test listens on every page it opens, as a visitor and as
platform staff (public pages with the Wagtail userbar, the admin's dashboard, explorer, page
editor with its preview, image upload, users), and fails on any.
"""

from io import StringIO

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

LISTEN = """() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(
      `${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`
    );
  });
}"""


@pytest.fixture
def demo_content():
    from core.demo import ensure_site_tree
    from members.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, ensure_account
    from practices import demo
    from practices.models import PracticePage

    ensure_site_tree()
    demo.load(StringIO())
    staff = ensure_account(DEMO_ACCOUNTS[0], is_staff=True, is_superuser=True)
    return staff, DEMO_PASSWORD, PracticePage.objects.live().first()


def visit(page, path, seen):
    response = page.goto(path)
    page.wait_for_load_state("networkidle")
    assert response.status < 400, (path, response.status)
    policy = response.header_value("content-security-policy") or ""
    directives = dict(part.strip().partition(" ")[::2] for part in policy.split(";"))
    assert directives.get("default-src") == "'self'", path
    seen[path] = page.evaluate("() => window.__cspViolations")
    return directives


def test_public_site_and_admin_run_under_the_policy(page, demo_content):
    staff, password, practice = demo_content
    page.add_init_script(f"({LISTEN})()")
    seen = {}

    for path in ["/", "/buone-pratiche/", practice.url, "/search/?q=patto", "/accounts/login/"]:
        directives = visit(page, path, seen)
        assert directives["script-src"] == "'self'", path
        assert directives["style-src"] == "'self'", path

    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")

    visit(page, practice.url, seen)  # with the Wagtail userbar
    for path in [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{practice.pk}/edit/",
        "/admin/images/multiple/add/",
        "/admin/users/",
    ]:
        visit(page, path, seen)
    # The preview panel shows the page in an iframe of the admin. (The home page: a practice's
    # preview fails on its own, FakeQuerySet.live() in PracticePage.get_context.)
    home = practice.get_parent().get_parent()
    page.goto(f"/admin/pages/{home.pk}/edit/")
    page.get_by_role("button", name="Anteprima").first.click()
    preview = page.frame_locator("iframe[src*='preview']")
    preview.locator("main").first.wait_for()
    page.wait_for_load_state("networkidle")
    frames = [frame for frame in page.frames if "preview" in frame.url]
    assert frames, [frame.url for frame in page.frames]
    seen["preview"] = [
        found for frame in page.frames for found in frame.evaluate("() => window.__cspViolations")
    ]

    blocked = {path: found for path, found in seen.items() if found}
    assert blocked == {}
    assert len(seen) == 11
