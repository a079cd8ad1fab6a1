"""A meeting page links the previous and next meetings of its community (live ones only),
with the host, read in the page's one query for the meeting (the query pin counts it)."""

from tests.communities.factories import make_community, make_meeting
from tests.factories import OrganisationFactory


def test_the_page_links_the_neighbouring_meetings_of_its_community(client, community):
    first = make_meeting(community, days=-30, title="Tavolo di gennaio")
    middle = make_meeting(
        community, days=-2, title="Tavolo di marzo", host=OrganisationFactory(name="Comune di Bra")
    )
    draft = make_meeting(community, days=5, title="Tavolo in bozza")
    draft.unpublish()
    last = make_meeting(community, days=20, title="Tavolo di aprile")
    make_meeting(make_community(title="Altra rete"), days=1, title="Tavolo di un'altra rete")
    html = client.get(middle.url).content.decode()
    assert f'<a href="{first.url}">&larr; Incontro precedente: Tavolo di gennaio</a>' in html
    assert f'<a href="{last.url}">Incontro successivo: Tavolo di aprile &rarr;</a>' in html
    assert "Comune di Bra" in html
    edge = client.get(first.url).content.decode()
    assert "Incontro precedente" not in edge and "Tavolo di marzo" in edge
