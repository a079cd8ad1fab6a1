"""The per-type builders: what each kind of content puts in the index, and when."""

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.discussions import hide_post, reply_to_topic
from communities.models import Post
from events import services as events_services
from search import index
from search.builders import builder_for
from search.models import SearchDocument
from search.services import search
from tests.communities.factories import (
    make_community,
    make_coordinator_user,
    make_meeting,
    make_member,
    make_topic,
)
from tests.events.factories import make_offer, make_session, member_of
from tests.factories import OrganisationFactory, RegionFactory
from tests.practices.factories import InstrumentFactory, ThemeFactory, make_practice, make_tool


def facets_of(obj) -> dict[str, list[str]]:
    document = builder_for(type(obj)).build(obj)
    return {name: [value for value, _label in values] for name, values in document.facets.items()}


@pytest.fixture
def torino(db):
    region = RegionFactory(name="Piemonte", slug="piemonte", istat_code="01")
    return OrganisationFactory(name="Comune di Torino", slug="torino", region=region)


@pytest.mark.django_db
def test_practice_document_has_themes_instruments_and_host(site_tree, torino):
    schools = ThemeFactory(name_it="Scuole", slug="scuole")
    pact = InstrumentFactory(name_it="Patto di collaborazione", slug="patto-di-collaborazione")
    page = make_practice(
        title="Cortili scolastici aperti", themes=[schools], instruments=[pact], organisation=torino
    )
    document = builder_for(type(page)).build(page)
    assert document.doc_type == "practice"
    assert document.url == page.url
    assert facets_of(page) == {
        "theme": ["scuole"],
        "instrument": ["patto-di-collaborazione"],
        "organisation": ["torino"],
        "organisation_kind": ["municipality"],
        "region": ["piemonte"],
    }


@pytest.mark.django_db
def test_tool_document_has_its_instrument(site_tree, torino):
    regulation = InstrumentFactory(name_it="Regolamento", slug="regolamento")
    page = make_tool(title="Modello di regolamento", instrument=regulation, organisation=torino)
    document = builder_for(type(page)).build(page)
    assert document.doc_type == "tool"
    assert facets_of(page)["instrument"] == ["regolamento"]
    assert facets_of(page)["region"] == ["piemonte"]
    assert "Regolamento" in document.body


@pytest.mark.django_db
def test_exchange_document_has_dates_mode_and_free_seats(site_tree, torino):
    offer = make_offer(torino, title="Visita di studio a Torino", summary="Due giornate")
    offer.themes.set([ThemeFactory(slug="scuole", name_it="Scuole")])
    offer.save_revision().publish()
    first = make_session(offer, capacity=10, days_ahead=5)
    make_session(offer, capacity=None, days_ahead=40, online_url="https://meet.example.it/x")
    make_session(offer, capacity=5, days_ahead=60, status="cancelled")
    offer.refresh_from_db()
    document = builder_for(type(offer)).build(offer)
    assert document.doc_type == "offer"
    assert document.date == first.starts_at
    assert document.event_end > timezone.now() + timedelta(days=39)
    assert document.free_seats == 10
    facets = facets_of(offer)
    assert facets["mode"] == ["hybrid", "in_person"] or facets["mode"] == ["in_person", "online"]
    assert facets["theme"] == ["scuole"]
    assert facets["organisation"] == ["torino"]


@pytest.mark.django_db
def test_meeting_document_has_mode_community_regions_and_minutes(site_tree, torino):
    community = make_community(title="Rete piemontese")
    community.regions.set([torino.region])
    community.save_revision().publish()
    meeting = make_meeting(
        community,
        days=-3,
        title="Tavolo delle scuole",
        host=torino,
        mode="hybrid",
        summary="<p>Abbiamo discusso dei cortili scolastici e dei patti.</p>",
    )
    document = builder_for(type(meeting)).build(meeting)
    assert document.doc_type == "meeting"
    assert "cortili scolastici" in document.summary
    assert document.event_end < timezone.now()
    assert facets_of(meeting)["mode"] == ["hybrid"]
    assert facets_of(meeting)["region"] == ["piemonte"]
    assert search("cortili").hits[0].title == "Tavolo delle scuole"
    assert search("cortili", {"when": ["past"]}).total == 1


@pytest.mark.django_db
def test_public_discussions_are_found_without_hidden_posts(
    site_tree, django_capture_on_commit_callbacks
):
    community = make_community(title="Rete pubblica")
    closed = make_community(title="Rete riservata", visibility="members")
    coordinator = make_coordinator_user(community)
    make_coordinator_user(closed, email="altra@example.it")
    with django_capture_on_commit_callbacks(execute=True):
        topic = make_topic(community, coordinator, "Orti nei cortili", "Parliamo di orti urbani")
        reply_to_topic(topic, "Un messaggio sulle aiuole", actor=coordinator)
    assert search("aiuole").hits[0].url == community.subpage_url("topic", topic.pk)
    post = Post.objects.get(body__contains="aiuole")
    with django_capture_on_commit_callbacks(execute=True):
        hide_post(post, "fuori tema", actor=coordinator)
    assert search("aiuole").total == 0
    assert search("orti").total == 1
    other = closed.topics.model.objects.create(
        community=closed, title="Orti riservati", last_post_at=timezone.now()
    )
    index.update_object(other)
    assert builder_for(type(other)).build(other) is None
    assert search("orti").total == 1


@pytest.mark.django_db
def test_publishing_and_unpublishing_a_practice(site_tree, torino):
    page = make_practice(title="Patto per la scuola Dante", organisation=torino)
    hits = search("patti scuola").hits
    assert [hit.title for hit in hits] == ["Patto per la scuola Dante", "Comune di Torino"]
    assert [hit.type for hit in hits] == ["practice", "organisation"]  # it lists what it publishes
    page.unpublish()
    assert search("patti scuola").total == 0
    draft = make_practice(title="Patto in bozza", organisation=torino, publish=False)
    index.update_object(draft)
    assert search("bozza").total == 0


@pytest.mark.django_db
def test_a_registration_that_fills_the_session_updates_free_seats(
    site_tree, torino, django_capture_on_commit_callbacks
):
    offer = make_offer(torino, title="Scambio sui beni comuni")
    session = make_session(offer, capacity=1)
    index.update_object(offer)
    assert search("beni comuni", {"free_seats": ["yes"]}).total == 1
    person = member_of(OrganisationFactory())
    with django_capture_on_commit_callbacks(execute=True):
        events_services.register_for_session(session, person)
    assert SearchDocument.objects.get(title="Scambio sui beni comuni").free_seats == 0
    assert search("beni comuni", {"free_seats": ["yes"]}).total == 0
    assert search("beni comuni", {"type": ["offer"]}).total == 1


@pytest.mark.django_db
def test_rebuild_queries_do_not_grow_with_content(site_tree, torino, django_assert_max_num_queries):
    def add(n):
        community = make_community(title=f"Rete {n}")
        member = make_member(community, email=f"persona{n}@example.it")
        make_topic(community, member, f"Discussione {n}")
        make_meeting(community, title=f"Incontro {n}", host=torino)
        make_practice(title=f"Pratica {n}", themes=[ThemeFactory()], organisation=torino)
        make_tool(title=f"Strumento {n}", organisation=torino)
        make_session(make_offer(torino, title=f"Scambio {n}"))

    add(1)
    with django_assert_max_num_queries(200) as small:
        index.rebuild()
    for n in range(2, 6):
        add(n)
    with django_assert_max_num_queries(len(small.captured_queries) + 5):
        count = index.rebuild()
    assert count >= 25


def facet_counts(results, name) -> dict[str, int]:
    return {facet.value: facet.count for facet in results.facets[name]}


@pytest.mark.django_db
def test_demo_content_is_found_with_correct_facet_counts():
    import io

    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())

    results = search("patti collaborazione scuola")
    titles = [hit.title for hit in results.hits]
    assert "Scuola: da bene pubblico a bene comune" in titles
    assert titles[0] == "Scuola: da bene pubblico a bene comune"
    # Labsus publishes that meeting's report and the community lists it: both match too.
    assert facet_counts(results, "type") == {"meeting": 1, "organisation": 1, "community": 1}
    assert facet_counts(results, "when").get("past") == 1

    results = search("spaziocomune")
    assert facet_counts(results, "type") == {
        "tool": 3,
        "offer": 1,
        "practice": 1,
        "organisation": 1,
    }
    assert facet_counts(results, "region") == {"emilia-romagna": 6}
    assert facet_counts(results, "free_seats") == {"yes": 1}
    assert search("spaziocomune", {"type": ["tool"]}).total == 3

    # Every count is what filtering by that value gives (several types, regions and themes).
    results = search("tavolo")
    assert len(facet_counts(results, "type")) >= 4
    for name in ("type", "region", "theme", "mode", "when"):
        for value, count in facet_counts(results, name).items():
            assert search("tavolo", {name: [value]}).total == count, (name, value)

    discussion = search("assicurazione volontari", {"type": ["topic"]})
    assert discussion.total == 1
    assert "/discussioni/" in discussion.hits[0].url


@pytest.mark.django_db
def test_minutes_outcomes_venue_and_participants_are_indexed_without_block_names(site_tree, torino):
    community = make_community(title="Rete piemontese")
    chivasso = OrganisationFactory(name="Comune di Chivasso", slug="chivasso")
    meeting = make_meeting(
        community,
        days=-3,
        host=torino,
        place="Casa del Quartiere di San Salvario",
        breakout_tables=[
            ("table", {"topic": "Comunicazione", "outcome": "Serve un referente unico"})
        ],
    )
    meeting.participating_organisations.set([chivasso])
    meeting.save_revision().publish()
    document = builder_for(type(meeting)).build(meeting)
    assert "Serve un referente unico" in document.body
    assert "Comune di Chivasso" in document.body
    assert "topic" not in document.body.lower().split()
    assert "outcome" not in document.body.lower().split()
    assert search("San Salvario").hits[0].title == meeting.title
    assert search("Chivasso", {"type": ["meeting"]}).total == 1
    snippet = str(search("referente unico").hits[0].snippet)
    assert "<mark>referente</mark> <mark>unico</mark>" in snippet


@pytest.mark.django_db
def test_communities_are_found_with_their_meetings(site_tree, torino):
    community = make_community(title="Comunità degli amministratori del Nord-Ovest")
    community.regions.set([torino.region])
    community.save_revision().publish()
    make_meeting(community, days=-30, title="Tavolo a Chieri", host=torino, place="Chieri")
    results = search("Nord-Ovest")
    assert results.hits[0].type == "community"
    assert results.hits[0].url == community.url
    assert facet_counts(results, "type")["community"] == 1
    # The community's document lists its meetings: a meeting's place finds the community too.
    assert "community" in {hit.type for hit in search("Chieri").hits}
    assert search("Nord-Ovest", {"region": ["piemonte"], "type": ["community"]}).total == 1


@pytest.mark.django_db
def test_organisations_are_found_with_what_they_publish(site_tree, torino):
    make_practice(title="Cortili scolastici aperti", organisation=torino)
    silent = OrganisationFactory(name="Comune di Nessunluogo", slug="nessunluogo")
    results = search("Torino")
    assert results.hits[0].type == "organisation"
    assert results.hits[0].url == torino.get_absolute_url()
    assert "organisation" in {hit.type for hit in search("cortili scolastici").hits}
    assert search("Nessunluogo").total == 0  # neither a description nor anything published
    silent.description = "Un Comune di prova"
    silent.save()
    index.update_object(silent)
    assert search("Nessunluogo").hits[0].type == "organisation"


@pytest.mark.django_db
def test_the_year_facet_is_the_period_of_a_practice_and_the_date_of_an_event(site_tree, torino):
    make_practice(
        title="Orti scolastici",
        organisation=torino,
        start_year=2019,
        end_year=2021,
        status="concluded",
    )
    make_practice(title="Orti in piazza", organisation=torino, start_year=2026)
    community = make_community(title="Rete degli orti")
    make_meeting(community, days=-400, title="Tavolo sugli orti", host=torino)
    results = search("orti")
    years = facet_counts(results, "when")
    meeting_year = str((timezone.now() - timedelta(days=400)).year)
    assert {"year:2019", "year:2020", "year:2021"} <= set(years)
    assert years[f"year:{timezone.now().year}"] == 1  # the ongoing practice, not a load date
    assert years[f"year:{meeting_year}"] >= 1
    assert search("orti", {"when": ["year:2020"]}).hits[0].title == "Orti scolastici"


@pytest.mark.django_db
def test_the_organisation_follows_what_it_publishes_but_not_its_free_seats(
    site_tree, torino, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    offer = make_offer(torino, title="Scambio sugli orti")
    session = make_session(offer, capacity=3)
    index.update_object(offer)
    assert "organisation" in {hit.type for hit in search("orti").hits}
    offer.title = "Scambio sui giardini"
    offer.save_revision().publish()
    assert "organisation" in {hit.type for hit in search("giardini").hits}
    assert "organisation" not in {hit.type for hit in search("orti").hits}
    organisation = SearchDocument.objects.get(doc_type="organisation")
    person = member_of(OrganisationFactory())
    with django_capture_on_commit_callbacks(execute=True):
        events_services.register_for_session(session, person)
    assert SearchDocument.objects.get(doc_type="organisation").updated_at == (
        organisation.updated_at
    )
