"""Folder overview: similarity, clusters, rewrites, the sparse maths under them, and the cache."""

import json
import os
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twofold.engine.cache import Cache
from twofold.engine.errors import ArticleError, Cancelled
from twofold.engine.library import index as index_module
from twofold.engine.library import overview as ov_module
from twofold.engine.library.index import ArticleSummary, best_pair, scan
from twofold.engine.library.overview import SCHEMA, find_clusters, find_rewrites, overview
from twofold.engine.library.sparse import (
    ArticleVectors,
    containment,
    gram,
    similarity,
    vectorise,
)
from twofold.engine.load import load_article, parse_text
from twofold.export.overview import overview_to_dict, render_overview_text

NIGER = ("Niger's military government ended its defence cooperation agreement with the United "
         "States on Saturday. The junta spokesman Amadou Abdramane read the statement on "
         "national television in Niamey. American troops operate a drone base near Agadez in "
         "the north of the country, where about a thousand personnel are stationed.")
NIGER_2 = ("The junta in Niamey cancelled the military accord with Washington, its spokesman "
           "Abdramane told state television. Around one thousand American soldiers are based at "
           "the drone facility close to Agadez, in northern Niger.")
FLOODS = ("Heavy monsoon rains flooded large parts of Dhaka on Tuesday, submerging streets and "
          "cutting power to thousands of homes. Rescue boats evacuated families from low-lying "
          "districts as rivers rose above danger levels across Bangladesh.")
FLOODS_2 = ("Floodwater covered Dhaka's streets after monsoon downpours, leaving homes without "
            "electricity while boats ferried residents out of districts where the rivers of "
            "Bangladesh had burst their banks.")
MARKETS = ("Shares in European chipmakers climbed after quarterly earnings beat forecasts, with "
           "investors betting that demand for semiconductors in data centres would keep rising.")


def article(text: str, name: str = "a.txt"):  # type: ignore[no-untyped-def]
    return parse_text(text, path=name)


def vecs(*texts: str) -> list[ArticleVectors]:
    return [vectorise(article(t)) for t in texts]


def meta(n: int, *, dates: list[str | None] | None = None,
         words: list[int] | None = None) -> list[ArticleSummary]:
    dates = dates or [None] * n
    words = words or [100] * n
    return [ArticleSummary(f"{i}.txt", None, None, dates[i], words[i], str(i)) for i in range(n)]


# ---- the sparse Gram product ------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 40), m=st.integers(1, 120), density=st.floats(0.0, 0.6),
       seed=st.integers(0, 2**31), binary=st.booleans())
def test_gram_equals_the_dense_product_off_the_diagonal(n: int, m: int, density: float,
                                                        seed: int, binary: bool) -> None:
    rng = np.random.default_rng(seed)
    dense = np.where(rng.random((n, m)) < density, rng.random((n, m)), 0.0)
    rows, cols = np.nonzero(dense)
    vals = None if binary else dense[rows, cols]
    expected = (dense > 0).astype(float) if binary else dense
    expected = expected @ expected.T
    np.fill_diagonal(expected, 0.0)
    np.testing.assert_allclose(gram(rows, cols, vals, n), expected, atol=1e-5)


def test_gram_adds_duplicate_entries_as_hash_collisions_do() -> None:
    rows, cols = np.array([0, 0, 1]), np.array([3, 3, 3])
    result = gram(rows, cols, np.array([1.0, 2.0, 4.0]), 2)
    assert result[0, 1] == result[1, 0] == 12.0


def test_gram_of_nothing_is_zero() -> None:
    assert gram(np.zeros(0, int), np.zeros(0, int), None, 3).tolist() == [[0.0] * 3] * 3


# ---- similarity and containment -------------------------------------------------------------

def test_similarity_properties() -> None:
    sim = similarity(vecs(NIGER, NIGER_2, FLOODS, FLOODS_2, MARKETS, NIGER))
    assert sim.shape == (6, 6) and sim.dtype == np.float32
    np.testing.assert_allclose(sim, sim.T, atol=1e-6)
    assert np.all(np.diag(sim) == 1.0) and sim.min() >= 0.0 and sim.max() <= 1.0
    assert sim[0, 5] == pytest.approx(1.0, abs=1e-5), "the same text"
    assert sim[0, 1] > sim[0, 2] and sim[2, 3] > sim[2, 4], "same event beats other events"


def test_the_best_pair_is_the_two_most_alike_articles(tmp_path: Path) -> None:
    for name, text in zip("abcd", (FLOODS, NIGER, MARKETS, NIGER_2), strict=True):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    listing = scan(tmp_path, cache=Cache(None))
    assert best_pair(listing, cache=Cache(None)) == (str(tmp_path / "b.txt"),
                                                     str(tmp_path / "d.txt"))
    (tmp_path / "b.txt").unlink()
    (tmp_path / "c.txt").unlink()
    (tmp_path / "d.txt").unlink()
    assert best_pair(scan(tmp_path, cache=Cache(None))) is None


def test_containment_is_asymmetric() -> None:
    short = NIGER
    long = NIGER + " " + FLOODS + " " + MARKETS
    c = containment(vecs(short, long))
    assert c[0, 1] == pytest.approx(1.0)
    assert 0.2 < c[1, 0] < 0.5


def test_shared_quotations_are_not_taken_for_copying() -> None:
    quote = ("“We will not accept that foreign troops stay on our soil against the will of our "
             "people, and the agreement is denounced with immediate effect,” the statement said.")
    a = FLOODS + " " + quote
    b = MARKETS + " " + quote
    assert containment(vecs(a, b))[0, 1] < 0.1


def test_vectors_survive_the_cache_format() -> None:
    vec = vectorise(article(NIGER))
    back = ArticleVectors.from_bytes(vec.to_bytes())
    assert back.words == vec.words
    for field in ("terms", "counts", "shingles", "rarity"):
        assert np.array_equal(getattr(back, field), getattr(vec, field))
    with pytest.raises(ValueError):
        ArticleVectors.from_bytes(vec.to_bytes()[:-3])


# ---- clusters and rewrites ------------------------------------------------------------------

def test_clusters_group_articles_of_one_event() -> None:
    sim = similarity(vecs(NIGER, FLOODS, NIGER_2, MARKETS, FLOODS_2))
    assert find_clusters(sim) == ((0, 2), (1, 4))


def test_the_sample_folder_is_one_event() -> None:
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    sim = similarity([vectorise(load_article(p)) for p in seeds])
    assert find_clusters(sim) == (tuple(range(len(seeds))),)


EVENTS = ((0, 1, 2), (3, 4))  # two events; article 5 in none


@pytest.mark.parametrize(
    ("focus", "among", "clusters", "expected"),
    [
        ("3.txt", range(6), EVENTS, [3, 4]),  # the event of the pair on screen
        ("1.txt", range(6), EVENTS, [0, 1, 2]),
        ("5.txt", range(6), EVENTS, [0, 1, 2]),  # in no event: the largest
        (None, range(6), EVENTS, [0, 1, 2]),
        ("3.txt", [0, 2, 3, 4], EVENTS, [3, 4]),  # of those listed only
        ("0.txt", [0, 3, 4], EVENTS, [0, 3, 4]),  # fewer than two of the event listed: all
        ("0.txt", range(6), (), [0, 1, 2, 3, 4, 5]),  # no event found: all
    ],
)
def test_the_articles_about_the_event_of_an_article(focus: str | None, among: list[int],
                                                    clusters: tuple[tuple[int, ...], ...],
                                                    expected: list[int]) -> None:
    folder = ov_module.Overview("f", tuple(meta(6)), (), np.eye(6, dtype=np.float32), clusters,
                                ())
    assert folder.event_of(focus, [f"{i}.txt" for i in among]) == [f"{i}.txt" for i in expected]


def test_rare_words_weigh_more_than_common_ones() -> None:
    common = vectorise(article("The government said the people would vote next year."))
    rare = vectorise(article("Tchiani said Niamey would expel the contingent."))
    assert common.weights().max() < rare.weights().max()


@pytest.mark.parametrize(
    ("edges", "n", "expected"),
    [
        ({}, 3, ()),
        ({(0, 1): 0.9}, 3, ((0, 1),)),
        ({(0, 1): 0.5, (1, 2): 0.5, (0, 2): 0.5}, 3, ((0, 1, 2),)),
        # a chain of neighbours whose ends share nothing does not become one group
        ({(0, 1): 0.3, (1, 2): 0.3, (2, 3): 0.3, (3, 4): 0.3, (4, 5): 0.3}, 6,
         ((0, 1), (2, 3), (4, 5))),
    ],
)
def test_clusters_use_average_linkage(edges: dict[tuple[int, int], float], n: int,
                                      expected: tuple[tuple[int, ...], ...]) -> None:
    sim = np.eye(n, dtype=np.float32)
    for (i, j), value in edges.items():
        sim[i, j] = sim[j, i] = value
    assert find_clusters(sim, 0.2) == expected


def test_articles_published_weeks_apart_report_different_events() -> None:
    sim = np.full((4, 4), 0.5, np.float32)  # four articles of one long-running story
    np.fill_diagonal(sim, 1.0)
    jan = [date(2019, 1, d) for d in (2, 4, 25, 26)]
    assert find_clusters(sim) == ((0, 1, 2, 3),)
    assert find_clusters(sim, published=jan) == ((0, 1), (2, 3))
    # days within a few of each other are one event's coverage
    assert find_clusters(sim, published=[date(2019, 1, d) for d in (2, 3, 5, 6)]) == (
        (0, 1, 2, 3),)
    # an article that states no day joins on its words alone; the one weeks later stays apart
    assert find_clusters(sim, published=[*jan[:2], None, jan[3]]) == ((0, 1, 2),)


def test_the_overview_separates_events_by_the_days_articles_state(tmp_path: Path) -> None:
    folder = tmp_path / "saga"
    folder.mkdir()
    stories = {"a": (NIGER, "March 16, 2024"), "b": (NIGER_2, "March 17, 2024"),
               "c": (NIGER.replace("Saturday", "Sunday"), "April 20, 2024"),
               "d": (NIGER_2.replace("cancelled", "ended"), "April 21, 2024")}
    for name, (text, day) in stories.items():
        (folder / f"{name}.txt").write_text(f"Niger and the United States\n\nPublished: {day}"
                                            f"\n\n{text}\n", encoding="utf-8")
    result = overview(folder, cache=Cache(None))
    assert [a.date for a in result.articles] == [
        "2024-03-16", "2024-03-17", "2024-04-20", "2024-04-21"]
    assert result.clusters == ((0, 1), (2, 3))
    # the same texts without their days: one story, as the words say
    for name, (text, _) in stories.items():
        (folder / f"{name}.txt").write_text(f"Niger and the United States\n\n{text}\n",
                                            encoding="utf-8")
    assert overview(folder, cache=Cache(None)).clusters == ((0, 1, 2, 3),)


@pytest.mark.parametrize(
    ("c01", "c10", "dates", "words", "expected"),
    [
        (0.9, 0.3, None, None, (0, 1)),  # 0 is mostly found in 1: 0 is the rewrite
        (0.3, 0.9, None, None, (1, 0)),
        (0.5, 0.5, ["2024-03-18", "2024-03-17"], None, (0, 1)),  # even: the later one
        (0.5, 0.5, ["2024-03-16", "2024-03-17"], None, (1, 0)),
        (0.5, 0.5, None, [300, 500], (0, 1)),  # even, undated: the shorter one
        (0.1, 0.05, None, None, None),  # below the threshold: no rewrite
    ],
)
def test_rewrite_direction(c01: float, c10: float, dates: list[str | None] | None,
                           words: list[int] | None, expected: tuple[int, int] | None) -> None:
    cont = np.array([[1.0, c01], [c10, 1.0]], np.float32)
    found = find_rewrites(cont, meta(2, dates=dates, words=words))
    assert [(r.article, r.source) for r in found] == ([expected] if expected else [])


def test_each_rewrite_names_its_best_source_only() -> None:
    cont = np.array([[1.0, 0.6, 0.8], [0.1, 1.0, 0.1], [0.1, 0.1, 1.0]], np.float32)
    found = find_rewrites(cont, meta(3))
    assert [(r.article, r.source, r.score) for r in found] == [(0, 2, pytest.approx(0.8))]


# ---- the folder -------------------------------------------------------------------------------

@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    root.mkdir()
    (root / "a_niger.txt").write_text("Niger ends pact\n" + NIGER, encoding="utf-8")
    (root / "b_floods.md").write_text("# Dhaka floods\n\n" + FLOODS, encoding="utf-8")
    (root / "c_niger.json").write_text(json.dumps({"title": "Junta cancels accord",
                                                   "source": "Wire", "text": NIGER_2}))
    (root / "d_copy.txt").write_text("Niger pact ended\n" + NIGER.replace("Saturday", "Sunday")
                                     + " Officials gave no further detail.", encoding="utf-8")
    (root / "e_photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "f_broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    (root / "g_floods.html").write_text(
        f"<html><head><title>Monsoon floods</title></head><body><article><h1>Monsoon floods"
        f"</h1><p>{FLOODS_2}</p></article></body></html>", encoding="utf-8")
    return root


def test_overview_of_a_mixed_folder(folder: Path, tmp_path: Path) -> None:
    result = overview(folder, cache=Cache(tmp_path / "c.sqlite3"))
    names = [os.path.basename(a.path) for a in result.articles]
    assert names == ["a_niger.txt", "b_floods.md", "c_niger.json", "d_copy.txt",
                     "g_floods.html"]
    assert [os.path.basename(s.path) for s in result.skipped] == ["e_photo.png", "f_broken.pdf"]
    assert all(s.reason for s in result.skipped)
    assert result.articles[2].source == "Wire" and result.articles[0].words > 20
    assert result.similarity.shape == (5, 5) and not result.similarity.flags.writeable
    assert result.clusters == ((0, 2, 3), (1, 4))
    assert [(r.article, r.source) for r in result.rewrites] == [(0, 3)]


def test_overview_dict_follows_the_schema(folder: Path, tmp_path: Path) -> None:
    data = overview_to_dict(overview(folder, cache=Cache(None)))
    assert data["schema"] == SCHEMA == "twofold/overview@1"
    assert set(data) == {"schema", "folder", "articles", "skipped", "similarity", "clusters",
                         "rewrites"}
    n = len(data["articles"])
    assert set(data["articles"][0]) == {"path", "title", "source", "date", "words"}
    assert set(data["skipped"][0]) == {"path", "reason"}
    assert len(data["similarity"]) == n and all(len(row) == n for row in data["similarity"])
    assert all(0 <= i < n for c in data["clusters"] for i in c)
    assert all(set(r) == {"article", "source", "score"} for r in data["rewrites"])
    json.dumps(data)


def test_text_report(folder: Path) -> None:
    text = render_overview_text(overview(folder, cache=Cache(None)))
    for needle in ("5 articles, 2 skipped", "Niger ends pact", "e_photo.png", "Similarity",
                   "Clusters", "1 rewrites 4  similarity"):
        assert needle in text


def test_second_overview_comes_from_the_cache(folder: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    first = overview(folder, cache=cache)

    def no_loading(path: object) -> None:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(index_module, "load_article", no_loading)
    monkeypatch.setattr(ov_module, "similarity", no_loading)
    second = overview(folder, cache=cache)
    assert overview_to_dict(second) == overview_to_dict(first)


def test_a_changed_file_is_read_again(folder: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    overview(folder, cache=cache)
    target = folder / "b_floods.md"
    target.write_text("# Chip shares rally\n\n" + MARKETS, encoding="utf-8")
    os.utime(target, ns=(1, 1))
    again = overview(folder, cache=cache)
    assert again.articles[1].title == "Chip shares rally"
    assert again.clusters == ((0, 2, 3),)


def test_per_article_vectors_are_reused_when_a_file_moves(folder: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    overview(folder, cache=cache)
    (folder / "a_niger.txt").rename(folder / "z_niger.txt")
    calls: list[str] = []
    real = index_module.vectorise
    monkeypatch.setattr(index_module, "vectorise", lambda a: calls.append(a.path) or real(a))
    moved = overview(folder, cache=cache)
    assert calls == [], "same digest, same vectors"
    assert os.path.basename(moved.articles[-1].path) == "z_niger.txt"


def test_progress_reports_every_file_and_can_cancel(folder: Path) -> None:
    seen: list[tuple[int, int]] = []
    overview(folder, cache=Cache(None), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 7) for i in range(1, 8)]

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        overview(folder, cache=Cache(None), progress=cancel)


def test_a_cancelled_overview_stops_at_its_next_check_and_caches_nothing(
        folder: Path, tmp_path: Path) -> None:
    asked: list[int] = []
    overview(folder, cache=Cache(None), cancelled=lambda: asked.append(1) is None and False)
    assert len(asked) > 7, "asked after every file and between the blocks of work"
    slot = str(folder.resolve())
    for stop_after in (0, 3, len(asked) - 1):
        cache = Cache(tmp_path / f"c{stop_after}.sqlite3")
        calls: list[int] = []

        def cancelled(calls: list[int] = calls, stop_after: int = stop_after) -> bool:
            calls.append(1)
            return len(calls) > stop_after

        with pytest.raises(Cancelled):
            overview(folder, cache=cache, cancelled=cancelled)
        assert len(calls) == stop_after + 1
        assert cache.get(ov_module._RESULTS_NS, slot) is None
        if stop_after < 7:  # a finished scan's file summaries are kept: they are complete
            assert cache.get(index_module._FILES_NS, slot) is None


@pytest.mark.parametrize("count", [0, 1])
def test_small_folders(tmp_path: Path, count: int) -> None:
    for i in range(count):
        (tmp_path / f"{i}.txt").write_text(NIGER, encoding="utf-8")
    result = overview(tmp_path, cache=Cache(None))
    assert len(result.articles) == count and result.similarity.shape == (count, count)
    assert result.clusters == () and result.rewrites == ()
    render_overview_text(result)


def test_too_many_articles_is_one_clear_error(folder: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ov_module, "MAX_ARTICLES", 3)
    with pytest.raises(ArticleError, match="holds 5 articles, more than the 3"):
        overview(folder, cache=Cache(None))


def test_the_folder_index_lists_unchanged_files_from_the_cache(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    first = overview(folder, cache=cache)

    def no_loading(path: object) -> None:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(index_module, "load_article", no_loading)
    listing = scan(folder, cache=cache)
    assert listing.articles == first.articles and listing.skipped == first.skipped


def test_a_missing_folder_is_an_article_error(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="does not exist"):
        overview(tmp_path / "nope", cache=Cache(None))


def test_the_sample_folder(seeds: Path) -> None:
    result = overview(seeds, cache=Cache(None))
    assert len(result.articles) == 5 and not result.skipped
    upper = np.triu(result.similarity, 1)
    assert set(np.unravel_index(int(np.argmax(upper)), upper.shape)) == {0, 1}
    vectors = [vectorise(load_article(a.path)) for a in result.articles]
    cont = containment(vectors)
    pair = np.maximum(cont, cont.T)
    np.fill_diagonal(pair, 0)
    assert set(np.unravel_index(int(np.argmax(pair)), pair.shape)) == {0, 1}, \
        "000 and 001 share the most phrasing outside quotations"
