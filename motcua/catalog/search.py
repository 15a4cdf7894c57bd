"""Finding a procedure the way citizens type: without accents, words in any order, with a typo
(ARCHITECTURE.md rule 7).

A province publishes about 1,800 procedures, so the whole catalog fits in a small in-process
index: the accent-folded words of every published procedure (`Procedure.name_folded` and
`search_text`, folded by `core.text.fold`) with, for each word, the set of procedures holding it
as a bit mask (bit i = the i-th procedure in name order). A query is scored in plain Python over
the candidates the masks give; no engine-specific SQL, so SQLite and PostgreSQL return the same
ranking. bench/catalog_search.py measures it (figures in bench/README.md): a few milliseconds
per query on a catalog of 1,826 procedures, the first page of rows included.

Matching, per query word: the same word, or (for the last word, typed last) a word it begins, or
(for a word of four letters or more) a word one edit away: one letter added, dropped, changed, or
two neighbours swapped ("sihn" -> "sinh"). Every word must match somewhere (name or search text);
when nothing matches them all, a query of three words or more returns the procedures matching
the most of its words (at least half) and the result says it is `relaxed`.

Ranking, best first: the procedure code typed exactly (then a code prefix); the query as a phrase
in the name; all words in the name; all words somewhere; then more words in the name, fewer
typos, more query neighbours kept together, more of the name covered, earlier in the name,
shorter name, and finally name order.

Freshness: the index is rebuilt when a procedure, field or agency is saved or deleted in this
process (signals below). Every search also compares a cheap fingerprint (number of published
procedures, latest `updated_at`) with the one the index was built from, so an edit saved by
another web worker is seen on its next search; what the fingerprint cannot see (bulk
`QuerySet.update()`, agency links changed in another process) is picked up within
CACHE_TTL_SECONDS.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from time import monotonic
from typing import Any

from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from motcua.core.errors import InvalidInput
from motcua.core.text import fold
from motcua.org.models import Agency

from .models import Field, Procedure, ProcedureQuerySet

CACHE_TTL_SECONDS = 60.0

# A pasted paragraph must not cost more than a sentence: words past this are ignored.
MAX_QUERY_WORDS = 12
# Typos are forgiven only in words this long: a Vietnamese syllable of three letters or fewer is
# one edit away from dozens of others ("cap", "cai", "can", "cao"...).
FUZZY_MIN_LENGTH = 4
# Below this many words a query is not relaxed: dropping one of two words finds too much.
RELAX_FROM_WORDS = 3

ONLINE_CHOICES = ("full", "partial", "none", "any")

# Words: runs of letters and digits of the folded text (fold() leaves only ASCII letters for
# Vietnamese). A code such as 1.001193 gives the words "1" and "001193".
_WORD = re.compile(r"[^\W_]+")
# A query that looks like a procedure code (1.001193, 2.000488.000.00.00.H21, or a prefix).
_CODE = re.compile(r"^\d+(?:\.[0-9a-z]*)+$")

# Match quality of one query word against one catalog word.
_EXACT, _PREFIX, _FUZZY = 3, 2, 1

# Ranking tiers (higher is better).
_TIER_PHRASE, _TIER_ALL_IN_NAME, _TIER_ALL, _TIER_RELAXED = 3, 2, 1, 0


# --- What a search returns ------------------------------------------------------------------


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facets:
    """How many procedures each filter value would give, for the catalog page's filters.

    Each dimension is counted with the query and every *other* filter applied, so choosing a
    field still shows how many procedures the other fields hold (and the same for the rest).
    """

    fields: list[FacetCount]
    levels: list[FacetCount]
    legacy_levels: list[FacetCount]
    online: list[FacetCount]


@dataclass(frozen=True)
class SearchResult:
    """Ranked procedure ids with their count and facets; rows are loaded a page at a time."""

    ids: tuple[int, ...]
    facets: Facets
    # True when no procedure matched every word and some words were let go.
    relaxed: bool = False
    queryset: ProcedureQuerySet | None = dataclass_field(default=None, repr=False, compare=False)

    @property
    def count(self) -> int:
        return len(self.ids)

    def page(
        self, number: int, *, size: int = 20, queryset: ProcedureQuerySet | None = None
    ) -> list[Procedure]:
        """The procedures of page `number` (from 1), in rank order; past the end, none.

        `queryset` says how to load them (select_related, prefetch_related); by default the
        one given to the search, or the published procedures.
        """
        if number < 1:
            raise InvalidInput("Số trang phải từ 1 trở lên.")
        return self._load(self.ids[(number - 1) * size : number * size], queryset)

    def procedures(self, *, queryset: ProcedureQuerySet | None = None) -> list[Procedure]:
        """Every procedure found, in rank order (the catalog is small enough to list whole)."""
        return self._load(self.ids, queryset)

    def _load(self, ids: Sequence[int], queryset: ProcedureQuerySet | None) -> list[Procedure]:
        if not ids:
            return []
        base = queryset if queryset is not None else self.queryset
        if base is None:
            base = Procedure.objects.published()
        # Published again: a procedure withdrawn since the index was read must not be shown.
        rows = base.filter(is_published=True).in_bulk(list(ids))
        return [rows[pk] for pk in ids if pk in rows]


# --- The index ------------------------------------------------------------------------------


def _bitmask(indices: Iterable[int], size: int) -> int:
    # One int from a byte array: far cheaper than OR-ing one shifted bit at a time into a
    # growing int (each OR allocates a new big int).
    buffer = bytearray((size + 7) // 8)
    for i in indices:
        buffer[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(buffer, "little")


def _bits(mask: int) -> list[int]:
    """The positions of the set bits, ascending."""
    digits = bin(mask)[:1:-1]  # least significant bit first, without the "0b"
    return [i for i, digit in enumerate(digits) if digit == "1"]


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _one_edit_apart(a: str, b: str) -> bool:
    """True when a and b are one edit apart: a letter added, dropped or changed, or two
    neighbouring letters swapped."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    # b is a with one letter more.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def name_order_key(name: str) -> tuple[str, str]:
    """Alphabetical order of Vietnamese names, the same on every engine (a database collation is
    not: SQLite compares code points, PostgreSQL follows the server's locale). Accents are
    folded, but Đ sorts after every D word, as in the Vietnamese alphabet."""
    # "\x7f" sorts after every letter.
    marked = name.replace("đ", "d\x7f").replace("Đ", "D\x7f")
    return fold(marked), name


@dataclass(frozen=True, slots=True)
class _Entry:
    pk: int
    code: str  # lower case, for code search
    local_code: str
    name_words: tuple[str, ...]


@dataclass(frozen=True)
class _Index:
    """The published catalog, in name order; immutable once built, so threads share it."""

    entries: tuple[_Entry, ...]
    position: dict[int, int]  # procedure pk -> bit
    all_mask: int
    name_postings: dict[str, int]  # word -> procedures having it in the name
    text_postings: dict[str, int]  # word -> procedures having it anywhere (name included)
    vocabulary: list[str]  # sorted, for prefixes
    neighbours: dict[str, tuple[str, ...]]  # a word or one of its deletions -> words
    field_masks: dict[str, int]  # field code -> procedures
    field_names: dict[str, str]
    level_masks: dict[str, int]
    legacy_masks: dict[int, int]
    online_masks: dict[str, int]  # "full", "partial", "none"
    agency_masks: dict[str, int]  # agency code -> procedures it carries out
    fingerprint: tuple[int, Any]


def _fingerprint() -> tuple[int, Any]:
    """(published procedures, latest change): different after any save, publication or
    deletion. Plain SQL: the ORM would rebuild and compile the query on every search, which
    costs as much as running it."""
    table = connection.ops.quote_name(Procedure._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), MAX(updated_at) FROM {table} WHERE is_published = %s",  # noqa: S608
            [True],
        )
        count, last = cursor.fetchone()
    return count, last


def _build_index() -> _Index:
    # The fingerprint is read first: a change committed while the rows are read then makes the
    # next search rebuild, rather than leave stale rows under a fresh fingerprint.
    fingerprint = _fingerprint()
    rows = list(
        Procedure.objects.published().values_list(
            "pk",
            "code",
            "local_code",
            "name",
            "name_folded",
            "search_text",
            "field__code",
            "level",
            "legacy_level",
            "online_class",
        )
    )
    rows.sort(key=lambda row: name_order_key(row[3]))
    size = len(rows)
    position = {row[0]: i for i, row in enumerate(rows)}

    name_index: dict[str, list[int]] = {}
    text_index: dict[str, list[int]] = {}
    fields: dict[str, list[int]] = {}
    levels: dict[str, list[int]] = {}
    legacy: dict[int, list[int]] = {}
    online: dict[str, list[int]] = {}
    entries = []
    for i, row in enumerate(rows):
        pk, code, local_code, name, name_folded, text, field_code, level, legacy_level, oc = row
        # Rows written by bulk_create() skip save() and so their folded copies: fold here then.
        name_words = tuple(_WORD.findall(name_folded or fold(name)))
        text_words = set(_WORD.findall(text or fold(f"{name} {code}")))
        text_words.update(name_words)
        for word in set(name_words):
            name_index.setdefault(word, []).append(i)
        for word in text_words:
            text_index.setdefault(word, []).append(i)
        fields.setdefault(field_code, []).append(i)
        levels.setdefault(level, []).append(i)
        legacy.setdefault(legacy_level, []).append(i)
        online.setdefault(oc or "none", []).append(i)
        entries.append(_Entry(pk, code.lower(), local_code.lower(), name_words))

    agencies: dict[str, list[int]] = {}
    links = Procedure.agencies.through.objects.filter(procedure__is_published=True).values_list(
        "procedure_id", "agency__code"
    )
    for procedure_id, agency_code in links:
        if procedure_id in position:
            agencies.setdefault(agency_code, []).append(position[procedure_id])

    neighbours: dict[str, list[str]] = {}
    for word in text_index:
        # Only words that a four-letter query word can be one edit from.
        if len(word) >= FUZZY_MIN_LENGTH - 1 and word.isalpha():
            for key in (word, *_deletions(word)):
                neighbours.setdefault(key, []).append(word)

    def masks(groups: dict[Any, list[int]]) -> dict[Any, int]:
        return {key: _bitmask(indices, size) for key, indices in groups.items()}

    return _Index(
        entries=tuple(entries),
        position=position,
        all_mask=(1 << size) - 1,
        name_postings=masks(name_index),
        text_postings=masks(text_index),
        vocabulary=sorted(text_index),
        neighbours={key: tuple(words) for key, words in neighbours.items()},
        field_masks=masks(fields),
        field_names=dict(Field.objects.values_list("code", "name")),
        level_masks=masks(levels),
        legacy_masks=masks(legacy),
        online_masks=masks(online),
        agency_masks=masks(agencies),
        fingerprint=fingerprint,
    )


class _IndexCache:
    """The index of this process: rebuilt after a change, a new fingerprint, or the TTL."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # guards _entry and _generation
        self._build_lock = threading.Lock()  # one thread builds, the others wait for it
        self._entry: tuple[float, _Index] | None = None
        self._generation = 0

    def get(self) -> _Index:
        fingerprint = _fingerprint()
        index = self._fresh(fingerprint)
        if index is not None:
            return index
        with self._build_lock:
            # Another thread may have built it while this one waited for the lock.
            index = self._fresh(fingerprint)
            if index is not None:
                return index
            generation = self._generation
            index = _build_index()
            with self._lock:
                # A procedure saved while we were reading may be missing from what we read:
                # use the result for this call only and let the next search read again.
                if generation == self._generation:
                    self._entry = (monotonic(), index)
            return index

    def _fresh(self, fingerprint: tuple[int, Any]) -> _Index | None:
        entry = self._entry
        if entry is None or monotonic() - entry[0] >= CACHE_TTL_SECONDS:
            return None
        return entry[1] if entry[1].fingerprint == fingerprint else None

    def invalidate(self) -> None:
        with self._lock:
            self._generation += 1
            self._entry = None


_cache = _IndexCache()


def invalidate_index() -> None:
    """Forget the index of this process (the signals below call it; tests may too)."""
    _cache.invalidate()


def _on_catalog_changed(sender: type[models.Model], **kwargs: Any) -> None:
    invalidate_index()
    # Another thread may rebuild from the old rows before this transaction commits; forgetting
    # again at commit keeps it from serving them until the TTL.
    transaction.on_commit(invalidate_index, using=kwargs.get("using"))


# Connected here rather than in AppConfig.ready(): the cache lives in this module, so a process
# that never imported it has nothing to invalidate. Field and Agency rows count too: the index
# keeps field codes and names and agency codes.
for _model in (Procedure, Field, Agency):
    post_save.connect(
        _on_catalog_changed, sender=_model, dispatch_uid=f"search_{_model.__name__}_save"
    )
    post_delete.connect(
        _on_catalog_changed, sender=_model, dispatch_uid=f"search_{_model.__name__}_delete"
    )
m2m_changed.connect(
    _on_catalog_changed, sender=Procedure.agencies.through, dispatch_uid="search_agencies"
)


# --- Searching ------------------------------------------------------------------------------


@dataclass
class _QueryWord:
    text: str
    matches: dict[str, int]  # catalog word -> match quality
    name_mask: int
    any_mask: int


def _analyse(index: _Index, words: list[str]) -> list[_QueryWord]:
    analysed = []
    last = len(words) - 1
    for k, word in enumerate(words):
        matches: dict[str, int] = {}
        if k == last:
            # The last word may be unfinished (search as you type): "giay phep xay d".
            vocabulary = index.vocabulary
            at = bisect.bisect_left(vocabulary, word)
            while at < len(vocabulary) and vocabulary[at].startswith(word):
                matches[vocabulary[at]] = _PREFIX
                at += 1
        if len(word) >= FUZZY_MIN_LENGTH and word.isalpha():
            for key in (word, *_deletions(word)):
                for term in index.neighbours.get(key, ()):
                    if term not in matches and _one_edit_apart(word, term):
                        matches[term] = _FUZZY
        if word in index.text_postings:
            matches[word] = _EXACT
        name_mask = any_mask = 0
        for term in matches:
            name_mask |= index.name_postings.get(term, 0)
            any_mask |= index.text_postings[term]
        analysed.append(_QueryWord(word, matches, name_mask, any_mask))
    return analysed


def _at_least(masks: list[int]) -> list[int]:
    """reached[c] = the procedures set in at least c of the masks."""
    reached = [-1] + [0] * len(masks)  # -1: every bit set
    for mask in masks:
        for c in range(len(masks), 0, -1):
            reached[c] |= reached[c - 1] & mask
    return reached


def _code_tier(entry: _Entry, code_query: str) -> int:
    if not code_query:
        return 0
    if code_query in (entry.code, entry.local_code):
        return 2
    if entry.code.startswith(code_query) or entry.local_code.startswith(code_query):
        return 1
    return 0


def _rank(
    candidates: list[int], index: _Index, words: list[_QueryWord], code_query: str
) -> list[int]:
    """The candidates (bits of the index), best first; see the module docstring for the order.

    This is the one loop over candidates in plain Python, so it is written for speed: a broad
    query ("giay", "cap") ranks most of the catalog.
    """
    n = len(words)
    entries = index.entries
    if n == 1 and not code_query:
        return _rank_one_word(candidates, entries, words[0])
    # Catalog word -> [(query word, quality)], so each name is read once whatever the query.
    hits: dict[str, list[tuple[int, int]]] = {}
    for k, word in enumerate(words):
        for term, quality in word.matches.items():
            hits.setdefault(term, []).append((k, quality))
    any_masks = [w.any_mask for w in words]
    in_some_name = 0
    for w in words:
        in_some_name |= w.name_mask
    get = hits.get
    keyed = []
    for i in candidates:
        entry = entries[i]
        name_words = entry.name_words
        length = len(name_words) or 1
        best = [0] * n
        positions: list[tuple[int, int]] = []
        covered = 0
        first = length
        if (in_some_name >> i) & 1:
            for j, term in enumerate(name_words):
                found = get(term)
                if found is None:
                    continue
                if not covered:
                    first = j
                covered += 1
                for k, quality in found:
                    if quality > best[k]:
                        best[k] = quality
                    positions.append((k, j))
        in_name = n - best.count(0)
        # A word missing from the name may still be in the search text (requirements, result,
        # field name); a match there is worth less than any match in the name.
        anywhere = in_name
        for k in range(n):
            if not best[k] and (any_masks[k] >> i) & 1:
                anywhere += 1
        at = set(positions)
        if in_name < n:
            tier = _TIER_ALL if anywhere == n else _TIER_RELAXED
        elif any(all((k, p + k) in at for k in range(1, n)) for k0, p in positions if k0 == 0):
            tier = _TIER_PHRASE  # query word k at name position p + k, for every k
        else:
            tier = _TIER_ALL_IN_NAME
        # Query neighbours that are neighbours in the name too, in the same order.
        together = 0
        for k in range(n - 1):
            if any(k0 == k and (k + 1, p + 1) in at for k0, p in positions):
                together += 1
        code_tier = _code_tier(entry, code_query) if code_query else 0
        # Ascending sort: negated where more is better.
        keyed.append(
            (
                -code_tier,
                -tier,
                -in_name,
                -anywhere,
                -sum(best),
                -together,
                -covered / length,
                first,
                length,
                i,
            )
        )
    keyed.sort()
    return [key[-1] for key in keyed]


def _rank_one_word(candidates: list[int], entries: Sequence[_Entry], word: _QueryWord) -> list[int]:
    """_rank for the commonest broad query, one word ("giay", "cap"): the same order, less
    work per candidate (no phrase, no neighbours)."""
    get = word.matches.get
    keyed = []
    for i in candidates:
        name_words = entries[i].name_words
        length = len(name_words) or 1
        best = covered = 0
        first = length
        for j, term in enumerate(name_words):
            quality = get(term)
            if quality is None:
                continue
            if not covered:
                first = j
            covered += 1
            if quality > best:
                best = quality
        # In the name (a one-word phrase) before in the search text only.
        tier = _TIER_PHRASE if best else _TIER_ALL
        keyed.append((-tier, -best, -covered / length, first, length, i))
    keyed.sort()
    return [key[-1] for key in keyed]


def _validate(level: str | None, legacy_level: int | None, online: str | None) -> None:
    if level is not None and level not in Procedure.Level.values:
        raise InvalidInput(
            f"Cấp thực hiện «{level}» không hợp lệ: chọn province (cấp tỉnh) hoặc commune (cấp xã)."
        )
    if legacy_level is not None and legacy_level not in Procedure.LegacyLevel.values:
        raise InvalidInput(f"Mức độ «{legacy_level}» không hợp lệ: chọn 2, 3 hoặc 4.")
    if online is not None and online not in ONLINE_CHOICES:
        raise InvalidInput(
            f"Hình thức trực tuyến «{online}» không hợp lệ: chọn full (toàn trình), partial "
            "(một phần), none (không trực tuyến) hoặc any (có trực tuyến)."
        )


def search_procedures(
    query: str = "",
    *,
    field: str | None = None,
    agency: str | None = None,
    level: str | None = None,
    legacy_level: int | None = None,
    online: str | None = None,
    queryset: ProcedureQuerySet | None = None,
) -> SearchResult:
    """Published procedures matching `query`, best first; an empty query lists them all in
    name order. Filters: `field` (field code), `agency` (agency code: procedures it carries
    out), `level` ("province" or "commune"), `legacy_level` (2, 3, 4), `online` ("full",
    "partial", "none", or "any" for full or partial).

    `queryset` narrows the search to some procedures (one more query) and is what the result
    loads its rows from. A bad filter value raises InvalidInput with a Vietnamese message.
    """
    _validate(level, legacy_level, online)
    index = _cache.get()

    scope = index.all_mask
    if queryset is not None:
        allowed = (index.position.get(pk) for pk in queryset.values_list("pk", flat=True))
        scope = _bitmask((i for i in allowed if i is not None), len(index.entries))

    online_mask = None
    if online == "any":
        online_mask = index.online_masks.get("full", 0) | index.online_masks.get("partial", 0)
    elif online is not None:
        online_mask = index.online_masks.get(online, 0)
    filters: dict[str, int | None] = {
        "field": None if field is None else index.field_masks.get(field, 0),
        "agency": None if agency is None else index.agency_masks.get(agency, 0),
        "level": None if level is None else index.level_masks.get(level, 0),
        "legacy_level": None if legacy_level is None else index.legacy_masks.get(legacy_level, 0),
        "online": online_mask,
    }

    folded_query = fold(query)
    # Repeated words are kept: "cap doi, cap lai" is a phrase only with both "cap".
    words = _WORD.findall(folded_query)[:MAX_QUERY_WORDS]
    code_query = folded_query if _CODE.match(folded_query) else ""
    relaxed = False
    filtered = _apply(filters, scope)
    if not words:
        matched = scope
        analysed: list[_QueryWord] = []
    else:
        analysed = _analyse(index, words)
        masks = [w.any_mask for w in analysed]
        code_mask = 0
        if code_query:
            code_mask = _bitmask(
                (i for i, e in enumerate(index.entries) if _code_tier(e, code_query)),
                len(index.entries),
            )
        reached = _at_least(masks)
        matched = (reached[-1] | code_mask) & scope
        if not matched & filtered and len(words) >= RELAX_FROM_WORDS:
            # Nothing has every word (the user's word for a thing may not be the catalog's):
            # show those with the most words, if they have at least half, and say so.
            needed = max(2, (len(words) + 1) // 2)
            best = next(
                (c for c in range(len(words) - 1, needed - 1, -1) if reached[c] & filtered), 0
            )
            if best:
                relaxed = True
                matched = (reached[best] | code_mask) & scope

    positions = _bits(matched & filtered)
    if analysed:
        positions = _rank(positions, index, analysed, code_query)
    ids = tuple(index.entries[i].pk for i in positions)
    return SearchResult(
        ids=ids,
        facets=_facets(index, matched, filters, chosen_field=field),
        relaxed=relaxed,
        queryset=queryset,
    )


def _apply(filters: dict[str, int | None], mask: int, *, skip: str = "") -> int:
    for name, value in filters.items():
        if value is not None and name != skip:
            mask &= value
    return mask


def _facets(
    index: _Index, matched: int, filters: dict[str, int | None], *, chosen_field: str | None
) -> Facets:
    def counts(dimension: str, masks: dict[Any, int]) -> dict[Any, int]:
        base = _apply(filters, matched, skip=dimension)
        return {value: (base & mask).bit_count() for value, mask in masks.items()}

    by_field = counts("field", index.field_masks)
    fields = sorted(
        (
            FacetCount(code, index.field_names.get(code, code), n)
            for code, n in by_field.items()
            # The chosen field stays listed, with 0, so the page can still show it as chosen.
            if n or code == chosen_field
        ),
        key=lambda f: name_order_key(f.label),
    )
    by_level = counts("level", index.level_masks)
    by_legacy = counts("legacy_level", index.legacy_masks)
    by_online = counts("online", index.online_masks)
    return Facets(
        fields=fields,
        levels=[
            FacetCount(value, str(label), by_level.get(value, 0))
            for value, label in Procedure.Level.choices
        ],
        legacy_levels=[
            FacetCount(str(value), str(label), by_legacy.get(value, 0))
            for value, label in Procedure.LegacyLevel.choices
        ],
        online=[
            FacetCount(value or "none", str(label), by_online.get(value or "none", 0))
            for value, label in reversed(Procedure.OnlineClass.choices)
        ],
    )
