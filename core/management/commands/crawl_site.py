"""Crawl a running site as its reverse proxy would send requests; fail on any server error.

Used by the production stage of .ci/run against gunicorn, and by operators after a deploy:

    manage.py crawl_site --base-url http://127.0.0.1:8001 --host scambi.example.org \\
        --log /var/log/... --expect-cache failed

Seeds: the home page, one live public page of every page type (so every index and every kind of
sheet), search with and without a facet, login and sign-up (and a wrong password sent through
the login form, which exercises CSRF, sessions and the rate limits), the JSON APIs, a 404 and
/healthz. From those pages it follows same-site links, one example of each path and set of
query keys (so calendars, downloads and pagination are reached without crawling every facet
combination), up to ``--max-urls``.

Each answer must be below 500 and as expected (the 404 a 404, /healthz 200 or 503 as told);
HTML must carry the Content-Security-Policy; every cookie must be Secure. With ``--log``, the
server's log must have no ERROR/CRITICAL record and no traceback.
"""

from __future__ import annotations

import http.client
import json
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

# The language switch would turn the rest of the crawl to English: the crawl reads Italian.
SKIP_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/accounts/logout/",
    "/static/",
    "/media/",
    "/lingua/",
)
FIXED_SEEDS = [
    "/",
    "/search/",
    "/search/?q=patto",
    "/search/?q=%22patti+di+collaborazione%22+-bando+(NEAR",  # hostile input: still no 500
    "/api/search/?q=patto",
    "/api/v2/pages/",
    "/api/v2/documents/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/jsi18n/",
    "/sitemap.xml",
    "/robots.txt",
    "/feeds/pratiche/",
    "/feeds/pratiche/atom/",
    "/feeds/scambi/",
    "/feeds/scambi/atom/",
]
NOT_FOUND = "/pagina-che-non-esiste-proprio/"
ERROR_LINE = re.compile(r"\[(ERROR|CRITICAL)\]|Traceback \(most recent call last\)")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.checkboxes: list[tuple[str, str]] = []
        self.hidden: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind == "checkbox" and attrs.get("value"):
                self.checkboxes.append((attrs["name"], attrs["value"]))
            if kind == "hidden":
                self.hidden[attrs["name"]] = attrs.get("value", "")


@dataclass
class Answer:
    url: str
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    seconds: float

    @property
    def is_html(self) -> bool:
        return self.headers.get("Content-Type", "").startswith("text/html")


@dataclass
class Crawl:
    base_url: str
    host: str
    problems: list[str] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, path: str, method: str = "GET", body: dict | None = None) -> Answer:
        target = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        headers = {
            # What deploy/nginx/scambi.conf sends.
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "203.0.113.10",
            "User-Agent": "crawl_site",
            "Accept-Language": "it",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{self.host}{path}"
        started = time.monotonic()
        try:
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            answer = Answer(path, response.status, response.headers, response.read(), 0.0)
        except OSError as error:
            raise CommandError(f"{method} {path}: no answer ({error})") from error
        finally:
            connection.close()
        answer.seconds = time.monotonic() - started
        self.answers.append(answer)
        self._check(method, answer)
        return answer

    def _check(self, method: str, answer: Answer) -> None:
        where = f"{method} {answer.url}"
        if answer.status >= 500 and answer.url != "/healthz":  # its 503 is checked apart
            self.problems.append(f"{where}: {answer.status}")
        if answer.is_html and "Content-Security-Policy" not in answer.headers:
            self.problems.append(f"{where}: no Content-Security-Policy header")
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
            if "secure" not in [part.strip().lower() for part in cookie.split(";")]:
                self.problems.append(f"{where}: cookie {name} is not Secure")
        location = answer.headers.get("Location", "")
        if location.startswith("http://"):
            self.problems.append(f"{where}: redirect to plain http ({location})")

    def expect(self, answer: Answer, *statuses: int) -> None:
        if answer.status not in statuses:
            self.problems.append(f"GET {answer.url}: {answer.status}, expected {statuses}")


def same_site_path(crawl: Crawl, base_path: str, href: str) -> str | None:
    url = urlsplit(urljoin(f"https://{crawl.host}{base_path}", href))
    if url.scheme != "https" or url.hostname != crawl.host:
        return None
    if url.path.startswith(SKIP_PREFIXES):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def shape(path: str) -> tuple:
    """One example per path and set of query keys: facets and pages are not crawled through."""
    url = urlsplit(path)
    return url.path, tuple(sorted({key for key, _ in parse_qsl(url.query)}))


def one_page_of_each_type() -> list[str]:
    """The first live public page (by tree path) of every page type in the database."""
    paths = []
    type_ids = Page.objects.live().public().values_list("content_type", flat=True).distinct()
    for content_type in ContentType.objects.filter(pk__in=set(type_ids)).order_by("pk"):
        page = (
            Page.objects.live().public().filter(content_type=content_type).order_by("path").first()
        )
        url = page.specific.get_url() if page else None
        if url:
            paths.append(url)
        model = content_type.model_class()
        paths.append(f"/api/v2/pages/?type={model._meta.app_label}.{model.__name__}&fields=*")
    return paths


class Command(BaseCommand):
    help = "Crawl a running site as the reverse proxy sends requests; fail on any server error."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True, help="where the server listens")
        parser.add_argument("--host", required=True, help="the Host header (the public name)")
        parser.add_argument("--log", help="the server's log file: no error may appear in it")
        parser.add_argument(
            "--expect-cache",
            choices=["ok", "failed"],
            default="ok",
            help="what /healthz must say of the cache (failed: Redis is meant to be down)",
        )
        parser.add_argument("--max-urls", type=int, default=250)
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="server processes: with the cache failed, each may log its outage once",
        )

    def handle(self, *args, **options):
        crawl = Crawl(options["base_url"].rstrip("/"), options["host"])
        log_start = self._log_size(options["log"])
        started = time.monotonic()

        seeds = FIXED_SEEDS + one_page_of_each_type()
        seen_shapes = set()
        queue = []
        for path in seeds:
            if shape(path) not in seen_shapes:
                seen_shapes.add(shape(path))
                queue.append(path)

        facet_done = False
        while queue and len(crawl.answers) < options["max_urls"]:
            path = queue.pop(0)
            answer = crawl.request(path)
            crawl.expect(answer, 200, 301, 302)
            if not answer.is_html:
                continue
            parser = LinkParser()
            parser.feed(answer.body.decode("utf-8", "replace"))
            if path.startswith("/search/") and not facet_done and parser.checkboxes:
                # Search with a facet ticked, as the form sends it (and two, combined).
                facet_done = True
                for count in (1, 2):
                    query = urlencode([("q", ""), *parser.checkboxes[:count]])
                    crawl.expect(crawl.request(f"/search/?{query}"), 200)
                    api = crawl.request(f"/api/search/?{query}")
                    crawl.expect(api, 200)
            for href in parser.links:
                link = same_site_path(crawl, path, href)
                if link and shape(link) not in seen_shapes:
                    seen_shapes.add(shape(link))
                    queue.append(link)
        if not facet_done:
            crawl.problems.append("search: no facet found to tick on /search/")

        crawl.expect(crawl.request(NOT_FOUND), 404)
        self._wrong_password(crawl)
        health = crawl.request("/healthz")
        expected = {"database": "ok", "cache": options["expect_cache"]}
        checks = json.loads(health.body or b"{}").get("checks", {})
        said = {name: value.split(":")[0] for name, value in checks.items()}
        if said != expected:
            crawl.problems.append(f"/healthz said {checks}, expected {expected}")
        crawl.expect(health, 200 if options["expect_cache"] == "ok" else 503)

        self._report(crawl, time.monotonic() - started)
        if options["log"]:
            self._check_log(crawl, options, log_start)
        if crawl.problems:
            for problem in crawl.problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{len(crawl.problems)} problems")
        self.stdout.write(self.style.SUCCESS("crawl passed"))

    def _wrong_password(self, crawl: Crawl) -> None:
        """The login form, sent as a browser does: CSRF cookie and token, then an error."""
        form = crawl.request("/accounts/login/")
        parser = LinkParser()
        parser.feed(form.body.decode("utf-8", "replace"))
        token = parser.hidden.get("csrfmiddlewaretoken")
        if not token:
            crawl.problems.append("/accounts/login/: no CSRF token in the form")
            return
        answer = crawl.request(
            "/accounts/login/",
            method="POST",
            body={
                "csrfmiddlewaretoken": token,
                "login": "nessuno@example.org",
                "password": "sbagliata",
            },
        )
        crawl.expect(answer, 200)

    def _report(self, crawl: Crawl, seconds: float) -> None:
        by_status: dict[int, int] = {}
        for answer in crawl.answers:
            by_status[answer.status] = by_status.get(answer.status, 0) + 1
        slowest = max(crawl.answers, key=lambda a: a.seconds)
        self.stdout.write(
            f"{len(crawl.answers)} requests in {seconds:.1f} s, by status "
            + ", ".join(f"{status}: {n}" for status, n in sorted(by_status.items()))
            + f"; slowest {slowest.url} {slowest.seconds * 1000:.0f} ms"
        )

    @staticmethod
    def _log_size(log: str | None) -> int:
        return Path(log).stat().st_size if log and Path(log).exists() else 0

    def _check_log(self, crawl: Crawl, options: dict, start: int) -> None:
        with open(options["log"], "rb") as handle:
            handle.seek(start)
            lines = handle.read().decode("utf-8", "replace").splitlines()
        if options["expect_cache"] == "failed":
            # Logged once per process, not once per request (core/cache.py).
            outages = sum("Redis cache unreachable" in line for line in lines)
            if not 1 <= outages <= options["workers"]:
                crawl.problems.append(
                    f"server log: the Redis outage was logged {outages} times "
                    f"({options['workers']} workers: at most once each)"
                )
        for line in lines:
            level = ""
            if line.startswith("{"):
                try:
                    level = json.loads(line).get("level", "")
                except ValueError:
                    level = ""
            if level in {"ERROR", "CRITICAL"} or ERROR_LINE.search(line):
                crawl.problems.append(f"server log: {line[:300]}")
