"""The pictures drawn on the server: the actor network (``web/network.py``) and the places map
(``web/worldmap.py``), each an SVG whose marks link to the record."""

from __future__ import annotations

import re
from urllib.parse import unquote

from communique.web.network import relation_class
from communique.web.worldmap import outline, project

LINE = re.compile(r'<line class="edge (rel-[a-z-]+)"')
NODE = re.compile(r'<a href="/actors/([^"]+)"><circle class="node" cx="[\d.]+" cy="[\d.]+" r="([\d.]+)">')
PLACE = re.compile(r'<a href="/places\?(geonameid=\d+|name=[^"]+)"><circle class="place" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)">')


def test_the_network_is_drawn_with_an_arrow_per_edge_and_a_linked_circle_per_actor(client):
    edges = client.get("/api/network").json()["edges"]
    page = client.get("/network").text
    drawn = LINE.findall(page)
    assert '<svg class="network"' in page and len(drawn) == len(edges)
    assert sorted(drawn) == sorted(relation_class(e["relation"]) for e in edges)
    assert 'marker-end="url(#arrow-rel-' in page
    nodes = {unquote(node): radius for node, radius in NODE.findall(page)}
    assert set(nodes) == {e[end] for e in edges for end in ("source", "target")}
    degree = {node: sum(node in (e["source"], e["target"]) for e in edges) for node in nodes}
    busiest, loneliest = max(degree, key=degree.get), min(degree, key=degree.get)
    assert degree[busiest] > degree[loneliest] and float(nodes[busiest]) > float(nodes[loneliest])
    assert client.get("/network").text == page  # a fixed seed: the same picture every time
    assert "<table>" in page[page.index("</svg>"):]  # the table stays below the drawing


def test_the_network_filters_by_relation_and_date(client):
    everything = client.get("/api/network").json()["edges"]
    relation = next(e["relation"] for e in everything if e["kind"] == "claim")
    page = client.get("/network", params={"relation": relation}).text
    assert set(LINE.findall(page)) == {relation_class(relation)}
    late = client.get("/api/network", params={"since": "2024-06-01"}).json()["edges"]
    assert 0 < len(late) < len(everything) and all(str(e["last"]) >= "2024-06-01" for e in late)
    assert len(LINE.findall(client.get("/network", params={"since": "2024-06-01"}).text)) == len(late)


def test_relations_have_their_colour_and_events_share_one():
    assert relation_class("accuses") == "rel-accuses" and relation_class("appeals to") == "rel-appeals-to"
    assert relation_class("ASSAULT") == relation_class("<script>") == "rel-event"


def test_places_are_circles_on_the_world_outline_sized_by_mentions(client):
    places = [p for p in client.get("/api/places").json()["places"] if p["lat"] is not None]
    page = client.get("/places").text
    assert '<svg class="map"' in page and '<path class="land" d="M' in page and "Natural Earth" in page
    drawn = PLACE.findall(page)
    assert len(drawn) == len(places) >= 2
    by_key = {f"geonameid={p['geonameid']}": p for p in places}
    for key, x, y, radius in drawn:  # at its coordinates, by the outline's projection
        place = by_key[key]
        assert (float(x), float(y)) == tuple(round(v, 1) for v in project(place["lat"], place["lon"]))
    most = max(drawn, key=lambda d: by_key[d[0]]["mentions"])
    least = min(drawn, key=lambda d: by_key[d[0]]["mentions"])
    assert by_key[most[0]]["mentions"] > by_key[least[0]]["mentions"] and float(most[3]) > float(least[3])
    assert outline()["width"] == 1000 and len(outline()["land"]) > 10_000


def test_a_place_lists_its_mentions_statements_and_events(client):
    # the most mentioned place with an event there (a country named as a government, or in a
    # demonym, is a mention but no event's place)
    for top in client.get("/api/places").json()["places"]:
        found = client.get("/api/places", params={"geonameid": top["geonameid"]}).json()["place"]
        if found["events"]:
            break
    assert len(found["mentions"]) == top["mentions"] and found["statements"] and found["events"]
    page = client.get("/places", params={"geonameid": top["geonameid"]}).text
    for mention in found["mentions"]:
        assert f'href="/articles/{mention["article"]}#p-{mention["index"]}"' in page
    for event in found["events"]:
        assert f'#e-{event["event"]}"' in page
    assert client.get("/places", params={"geonameid": 1}).status_code == 404
    assert client.get("/api/places", params={"geonameid": "Kyiv"}).json()["error"]["status"] == 400
