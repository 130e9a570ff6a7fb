"""Public framework pages: every one renders for an anonymous visitor, with fixed query counts."""

import pytest
from django.urls import get_resolver, reverse

from kwaliteitslabel.frameworks import urls as framework_urls

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = {
    "home": {},
    "frameworks:framework_list": {},
    "frameworks:framework_detail": {"version": "2019"},
    "frameworks:norm_detail": {"version": "2019", "code": "V12"},
    "frameworks:terminology": {"version": "2019"},
    "frameworks:crosswalk": {"version": "2016", "slug": "iso-9001-2015"},
    "frameworks:branch_code": {},
    "frameworks:search": {},
}


def test_every_frameworks_url_is_in_the_public_page_table():
    names = {f"frameworks:{p.name}" for p in framework_urls.urlpatterns}
    assert names <= set(PUBLIC_PAGES), names - set(PUBLIC_PAGES)


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_renders_for_an_anonymous_visitor(client, name):
    response = client.get(reverse(name, kwargs=PUBLIC_PAGES[name]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b'lang="nl"' in response.content
    assert b'href="#inhoud"' in response.content  # skip link


@pytest.mark.parametrize(
    "url",
    [
        "/normenkaders/2016/",
        "/normenkaders/2016/D16/",
        "/normenkaders/2019/O13/",
        "/normenkaders/2016/terminologie/",
        "/normenkaders/2019/vergelijking/iso-9001-2015/",
        "/zoeken/?q=klachten&normenkader=2016",
    ],
)
def test_other_versions_render_too(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/normenkaders/1999/",
        "/normenkaders/2019/V16/",
        "/normenkaders/2019/D12/",
        "/normenkaders/2019/vergelijking/hkz/",
        "/normenkaders/2019/X1/",
    ],
)
def test_unknown_things_answer_404_in_dutch(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_norm_codes_read_as_on_paper(client):
    page = client.get("/normenkaders/2019/").content.decode()
    assert "V12" in page and "Vakmanschap 12" in page
    assert "Rubriek 3. Organisatie en bestuur" in page


def test_norm_page_shows_guidance_iso_relation_and_counterpart(client):
    page = client.get("/normenkaders/2019/V1/").content.decode()
    assert "V1 · Vakmanschap 1" in page
    assert "Voorbeeldvragen voor toetsers" in page
    assert "Wat zijn in jouw functie en werkzaamheden belangrijke competenties?" in page
    assert "7.2</strong> Competenties" in page
    assert "Komt voort uit" in page and "V1 · Vakmanschap 1 (2016)" in page


def test_norm_page_of_a_new_norm_says_so(client):
    page = client.get("/normenkaders/2019/D10/").content.decode()
    assert "nieuw in normenkader 2019" in page


def test_2016_norm_page_points_to_its_2019_successor(client):
    page = client.get("/normenkaders/2016/D16/").content.decode()
    assert "Gaat verder als" in page and "O13 · Organisatie en bestuur 13 (2019)" in page


def test_lowercase_norm_code_works(client):
    assert client.get("/normenkaders/2019/v12/").status_code == 200


def test_search_highlights_every_hit(client):
    page = client.get("/zoeken/", {"q": "portfolio"}).content.decode()
    assert '<mark class="utrecht-mark">portfolio</mark>' in page
    assert "V12 · Vakmanschap 12" in page


def test_search_ignores_accents_and_needs_every_word(client):
    page = client.get("/zoeken/", {"q": "clienten burgers", "normenkader": "2019"}).content.decode()
    assert '<mark class="utrecht-mark">cliënten</mark>' in page
    assert "V4 · Vakmanschap 4" in page


def test_search_escapes_what_it_shows(client):
    page = client.get("/zoeken/", {"q": "<script>"}).content.decode()
    assert "<script>" not in page.split("<main", 1)[1]


def test_search_too_short_says_so_on_the_field(client):
    page = client.get("/zoeken/", {"q": "a"}).content.decode()
    assert "Zoekwoorden: typ minstens 2 letters." in page
    assert 'aria-invalid="true"' in page


def test_search_unknown_version_searches_everything(client):
    response = client.get("/zoeken/", {"q": "portfolio", "normenkader": "1999"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/", 2),
        ("/normenkaders/", 1),
        # 49 and 52 norms, the same number of queries.
        ("/normenkaders/2019/", 5),
        ("/normenkaders/2016/", 5),
        # One, two or no counterparts: the same number of queries.
        ("/normenkaders/2019/V12/", 10),
        ("/normenkaders/2019/D5/", 10),
        ("/normenkaders/2016/V1/", 10),
        ("/normenkaders/2016/V14/", 10),
        ("/normenkaders/2016/vergelijking/iso-9001-2015/", 5),
        ("/normenkaders/2019/vergelijking/iso-9001-2015/", 6),
        ("/normenkaders/2019/terminologie/", 2),
        ("/branchecode/", 2),
        ("/zoeken/?q=klant", 2),
        ("/zoeken/?q=a", 1),
    ],
)
def test_query_counts_do_not_grow_with_the_norms(client, django_assert_num_queries, url, queries):
    with django_assert_num_queries(queries):
        client.get(url)


def test_every_url_has_a_name():
    for pattern in get_resolver().url_patterns:
        if hasattr(pattern, "url_patterns"):
            continue
        assert pattern.name, pattern
