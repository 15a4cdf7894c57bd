"""How fast is catalog search on a province's catalog? The portal's search box and
GET /api/v1/procedures call catalog.search for every keystroke that reaches the server, so the
cost per query bounds how many citizens one web worker can serve.

Run:  .venv/bin/python bench/catalog_search.py [REPEATS]
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua \
          .venv/bin/python bench/catalog_search.py [REPEATS]

A province's catalog (1,826 procedures: the demo agencies, the curated procedures, then the
filler of catalog.seeding.seed_synthetic) is built in a throwaway database: a temporary SQLite
file, or with DATABASE_URL a PostgreSQL database named <name>_bench_search that is created and
dropped again (the role needs CREATEDB).

The query mix is drawn from the catalog itself (seeded, so every run asks the same questions):
names typed without accents, with one typo, with the words shuffled, single words, procedure
codes, and filters without a query. Each query runs REPEATS times (default 5) after a warm-up;
a sample is what the API does before serialising: search_procedures() (ranking, count, facets)
plus loading the first page of 20 rows. The baseline, run in the same process on the same
queries, is the plain SQL search the index replaces: name_folded__icontains with the same
filters, a COUNT and the first 20 rows by name. It finds far less (no typos, no word order), so
the hit rates are printed next to the times.
"""

import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_TMP = tempfile.TemporaryDirectory(prefix="motcua-bench-search-")
# Without DATABASE_URL the settings would use var/motcua.sqlite3: point them at the temporary
# directory instead, so that nothing the developer keeps is touched.
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_TMP.name}/unused.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management.base import OutputWrapper  # noqa: E402
from django.db import connection  # noqa: E402

from motcua.catalog import search  # noqa: E402
from motcua.catalog.models import Procedure  # noqa: E402
from motcua.core.text import fold  # noqa: E402

CATALOG_SIZE = 1826
QUERIES_PER_TYPE = 40
PAGE_SIZE = 20

Query = tuple[str, dict[str, Any], str | None]  # text, filters, the name it is meant to find


def seed_catalog() -> None:
    """The demo province's agencies, the curated procedures, then synthetic filler up to the
    size of a province's catalog, as `motcua seed-demo` lays them."""
    from motcua.catalog.seeding import seed_curated, seed_synthetic
    from motcua.org import demo

    quiet = OutputWrapper(io.StringIO())
    demo.seed(quiet)
    seed_curated()
    seed_synthetic(CATALOG_SIZE)


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def with_typo(word: str, rng: random.Random) -> str:
    """One edit: two neighbours swapped, a letter dropped, doubled or changed."""
    while True:
        i = rng.randrange(len(word) - 1)
        edit = rng.choice(["swap", "drop", "double", "change"])
        if edit == "swap":
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif edit == "drop":
            typo = word[:i] + word[i + 1 :]
        elif edit == "double":
            typo = word[: i + 1] + word[i] + word[i + 1 :]
        else:
            typo = word[:i] + rng.choice("abcdeghiklmnopqrstuvxy") + word[i + 1 :]
        # The search forgives a typo in a word typed with four letters or more.
        if typo != word and len(typo) >= 4:
            return typo


def query_mix(rng: random.Random) -> dict[str, list[Query]]:
    rows = list(
        Procedure.objects.published().order_by("code").values_list("name", "code", "field__code")
    )
    rng.shuffle(rows)
    picks = iter(rows * 10)

    def window(name: str) -> list[str]:
        words = fold(name).replace(",", " ").split()
        size = min(len(words), rng.randint(3, 5))
        start = 0 if rng.random() < 0.5 else rng.randrange(len(words) - size + 1)
        return words[start : start + size]

    mix: dict[str, list[Query]] = {
        "no accents": [],
        "one typo": [],
        "word order": [],
        "single word": [],
        "code": [],
        "filters only": [],
    }
    while len(mix["no accents"]) < QUERIES_PER_TYPE:
        name, _, _ = next(picks)
        mix["no accents"].append((" ".join(window(name)), {}, name))
    while len(mix["one typo"]) < QUERIES_PER_TYPE:
        name, _, _ = next(picks)
        words = window(name)
        long_words = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
        if long_words:
            i = rng.choice(long_words)
            words[i] = with_typo(words[i], rng)
            mix["one typo"].append((" ".join(words), {}, name))
    while len(mix["word order"]) < QUERIES_PER_TYPE:
        name, _, _ = next(picks)
        words = window(name)
        shuffled = words[:]
        while len(set(words)) > 1 and shuffled == words:
            rng.shuffle(shuffled)
        mix["word order"].append((" ".join(shuffled), {}, name))
    vocabulary = sorted({w for name, _, _ in rows for w in fold(name).replace(",", " ").split()})
    for word in rng.sample(vocabulary, QUERIES_PER_TYPE):
        mix["single word"].append((word, {}, None))
    for name, code, _ in rows[:QUERIES_PER_TYPE]:
        mix["code"].append((code, {}, name))
    fields = sorted({field for _, _, field in rows})
    while len(mix["filters only"]) < QUERIES_PER_TYPE:
        filters: dict[str, Any] = {}
        if rng.random() < 0.7:
            filters["field"] = rng.choice(fields)
        if rng.random() < 0.5:
            filters["level"] = rng.choice(["province", "commune"])
        if rng.random() < 0.4:
            filters["online"] = rng.choice(["full", "partial", "none", "any"])
        mix["filters only"].append(("", filters, None))
    # The examples of ARCHITECTURE.md rule 7 and of the search's tests, whatever the catalog.
    mix["no accents"][:2] = [("cap doi giay phep lai xe", {}, None), ("ly lich tu phap", {}, None)]
    mix["one typo"][:1] = [("khai sihn", {}, None)]
    mix["word order"][:1] = [("giay phep xay dung cap", {}, None)]
    return mix


def run_search(text: str, filters: dict[str, Any]) -> list[str]:
    result = search.search_procedures(text, **filters)
    return [p.name for p in result.page(1, size=PAGE_SIZE)]


def run_baseline(text: str, filters: dict[str, Any]) -> list[str]:
    procedures = Procedure.objects.published()
    if text:
        procedures = procedures.filter(name_folded__icontains=fold(text))
    if "field" in filters:
        procedures = procedures.filter(field__code=filters["field"])
    if "level" in filters:
        procedures = procedures.filter(level=filters["level"])
    online = filters.get("online")
    if online == "any":
        procedures = procedures.exclude(online_class="")
    elif online is not None:
        procedures = procedures.filter(online_class="" if online == "none" else online)
    procedures.count()
    return [p.name for p in procedures.order_by("name")[:PAGE_SIZE]]


def measure(
    queries: list[Query], run: Callable[[str, dict[str, Any]], list[str]], repeats: int
) -> tuple[list[float], int, int, int]:
    """Samples in ms; how many targeted queries; how many found the target first, and on the
    first page."""
    samples: list[float] = []
    targeted = first = on_page = 0
    for text, filters, target in queries:
        names = run(text, filters)  # warm-up, and the answer
        if target is not None:
            targeted += 1
            first += bool(names) and names[0] == target
            on_page += target in names
        for _ in range(repeats):
            started = time.perf_counter()
            run(text, filters)
            samples.append((time.perf_counter() - started) * 1000)
    return samples, targeted, first, on_page


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    # Django's test-database machinery makes the throwaway database: migrated on creation,
    # dropped at the end (for SQLite, a file in a temporary directory).
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        db["TEST"]["NAME"] = str(Path(_TMP.name) / "bench.sqlite3")
    else:
        db["TEST"]["NAME"] = f"{db['NAME']}_bench_search"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        seed_catalog()
        seeded = time.perf_counter() - started
        published = Procedure.objects.published().count()
        print(
            f"{connection.vendor} {connection.settings_dict['NAME']}: {published:,} published "
            f"procedures (seeded in {seeded:.1f} s), {repeats} runs per query after a warm-up"
        )
        builds = []
        for _ in range(3):
            search.invalidate_index()
            started = time.perf_counter()
            search.search_procedures("")
            builds.append((time.perf_counter() - started) * 1000)
        fingerprints = []
        for _ in range(200):
            started = time.perf_counter()
            search._fingerprint()
            fingerprints.append((time.perf_counter() - started) * 1000)
        print(
            f"index build (first search after a change): {statistics.median(builds):.0f} ms; "
            f"freshness check per search: {statistics.median(fingerprints):.2f} ms"
        )

        mix = query_mix(random.Random(2026))
        print("\nquery mix (first three of each type):")
        for kind, queries in mix.items():
            shown = ", ".join(repr(q if q else f) for q, f, _ in queries[:3])
            print(f"  {kind:<13} {len(queries):>3} queries, e.g. {shown}")

        header = (
            f"\n{'type':<13} {'p50':>7} {'p95':>7} {'p99':>7} {'base p50':>9} {'x base':>7} "
            f"{'target 1st':>11} {'on page 1':>10} {'base page 1':>12}"
        )
        print(header + "\n" + "-" * (len(header) - 1))
        every: list[float] = []
        every_base: list[float] = []
        for kind, queries in mix.items():
            samples, targeted, first, on_page = measure(queries, run_search, repeats)
            base, _, _, base_on_page = measure(queries, run_baseline, repeats)
            every += samples
            every_base += base
            hits = (
                (f"{first}/{targeted}", f"{on_page}/{targeted}", f"{base_on_page}/{targeted}")
                if targeted
                else ("-", "-", "-")
            )
            print(
                f"{kind:<13} {percentile(samples, 50):>7.2f} {percentile(samples, 95):>7.2f} "
                f"{percentile(samples, 99):>7.2f} {percentile(base, 50):>9.2f} "
                f"{percentile(samples, 50) / percentile(base, 50):>7.1f} "
                f"{hits[0]:>11} {hits[1]:>10} {hits[2]:>12}"
            )
        print(
            f"{'overall':<13} {percentile(every, 50):>7.2f} {percentile(every, 95):>7.2f} "
            f"{percentile(every, 99):>7.2f} {percentile(every_base, 50):>9.2f} "
            f"{percentile(every, 50) / percentile(every_base, 50):>7.1f}"
        )
        print("\ntimes in ms per query: search_procedures() + first page of 20 rows")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
