"""Find a worker by name (typed with a slip, Moh. for Muhammad) or by NIK (whole or in part).

Two steps. The database finds candidates through the indexes of migration 0006: on PostgreSQL
each typed word's near spellings from the dictionary of name words (pg_trgm), then the names
holding them (full-text search), and `LIKE` on the NIK's trigram index; on SQLite the FTS5
trigram table of padded names and NIKs. Then one Python function (`similarity`) ranks them and
drops the weak ones, so both engines answer a query the same way, whatever their index ranked.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

import polars as pl
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from payung.imports import writer
from payung.lib.names import normalise_one
from payung.registry.models import Worker

# Candidates fetched from the index before ranking, and so the most a text search shows: a
# clerk who gets 300 names narrows the search (a desa, a second name) rather than pages on.
CANDIDATES = 300
# Below this a name is no longer a spelling of the query. One slip in a five-letter name
# (YANII for YANTI) scores 0.65, in a four-letter one (BUXI for BUDI) 0.575; a name that
# shares its first letters only (BUDI, BAYU) 0.35.
MIN_SIMILARITY = 0.55
# SQLite's looser cut, word by word: a word of the query is near a word of the name when
# they share this share of the query word's padded trigrams (as pg_trgm's word similarity).
# One slip inside a four-letter name leaves 2 of 5 (BUXI, BUDI).
WORD_SHARE = 0.4
# PostgreSQL looks a typed word up in the dictionary of the registry's words: the NEAR_WORDS
# nearest spellings at least NEAR_WORD alike (pg_trgm similarity: BUXI and BUDI 0.25, YANII
# and YANTI 0.33).
NEAR_WORDS = 20
NEAR_WORD = 0.2
NIK_LENGTH = 16
MIN_NIK_PART = 4  # fewer digits than this is no NIK search: a day, a year's end


@dataclass(frozen=True)
class Query:
    """What the search box says, split into the part that is a NIK and the part that is a name."""

    nik_part: str
    name_key: str

    @classmethod
    def parse(cls, text: str) -> Query:
        # 7502 0101 9000 0001 and 7502.0101... are one NIK typed in groups.
        digits = "".join(re.findall(r"\d+", re.sub(r"(?<=\d)[ .\-](?=\d)", "", text)))
        letters = re.sub(r"\d+", " ", text)
        return cls(nik_part=digits, name_key=normalise_one(letters))

    @property
    def empty(self) -> bool:
        return not self.name_key and len(self.nik_part) < MIN_NIK_PART


def add_name_words(workers: pl.DataFrame) -> None:
    """Add the words of `workers`' name keys to the dictionary of name words (PostgreSQL), as
    migration 0006's trigger does for every write: what a big load does instead, with the
    trigger off (imports.writer.Target.instead_of_triggers). Words split on spaces, as the
    trigger's string_to_array splits them."""
    words = (
        workers.select(pl.col("name_key").str.split(" ").explode().alias("word"))
        .filter(pl.col("word") != "")
        .unique()
    )
    with writer.staged("stage_nameword", {"word": "varchar(200)"}, words) as stage:
        writer.execute(
            f"INSERT INTO registry_nameword(word) SELECT word FROM {stage} ON CONFLICT DO NOTHING"
        )


def _trigrams(word: str) -> set[str]:
    """A word's trigrams as pg_trgm makes them: two spaces before, one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _word_similarity(typed: str, stored: str) -> float:
    """Two words, 0 to 1: the mean of Dice's coefficient of their trigrams (a slip anywhere
    costs the trigrams around it) and difflib's ratio of matching letters (which, of two
    names a slip away, prefers the one with fewer slips: YANII is YANTI before YANTU)."""
    grams, other = _trigrams(typed), _trigrams(stored)
    dice = 2 * len(grams & other) / (len(grams) + len(other))
    return (dice + SequenceMatcher(None, typed, stored, autojunk=False).ratio()) / 2


def similarity(query_key: str, name_key: str) -> float:
    """How well a stored name answers the query, 0 to 1: for each word of the query, the best
    word of the name, averaged over the query's words. Word by word, so `HASAN` finds
    `MUH RIZAL HASAN` and the order of the words is free."""
    words = name_key.split()
    wanted = query_key.split()
    if not words or not wanted:
        return 0.0
    return sum(max(_word_similarity(w, n) for n in words) for w in wanted) / len(wanted)


def _by_nik(workers: QuerySet[Worker], part: str) -> QuerySet[Worker]:
    if len(part) >= NIK_LENGTH:
        return workers.filter(nik=part[:NIK_LENGTH])  # the plain index
    if connection.vendor == "sqlite":
        return workers.filter(pk__in=RawSQL(_FTS_MATCH, [f'nik : "{part}"']))
    return workers.filter(nik__contains=part)  # LIKE '%…%', served by the trigram index


_FTS_MATCH = "SELECT rowid FROM registry_worker_search WHERE registry_worker_search MATCH %s"


def _name_candidates(workers: QuerySet[Worker], words: list[str]) -> list[int]:
    """Up to CANDIDATES workers in whose name every one of `words` has a near word, those
    nearest first. Word by word, so that a common word (MUH, HASAN) does not bring in half the
    registry."""
    if connection.vendor == "postgresql":
        return _postgres_candidates(workers, words)
    # SQLite: what pg_trgm does inside its index, in SQL over the FTS5 table of padded words
    # (migration 0006): one lookup per trigram, rows counted by how many of a word's they hold
    # (a near word shares WORD_SHARE of them).
    per_word: list[str] = []
    params: list[Any] = []
    for word in words:
        grams = sorted(_trigrams(word))
        per_word.append(
            f"SELECT rowid FROM ({' UNION ALL '.join([_FTS_MATCH] * len(grams))})"
            " GROUP BY rowid HAVING COUNT(*) >= %s"
        )
        params += [*(_gram_match(g) for g in grams), max(1, math.ceil(WORD_SHARE * len(grams)))]
    every_gram = sorted(set().union(*(_trigrams(word) for word in words)))
    inner, inner_params = workers.values("id").query.sql_with_params()
    sql = (
        f"WITH hits AS ({' INTERSECT '.join(per_word)})"
        f" SELECT rowid FROM ({' UNION ALL '.join([_FTS_MATCH] * len(every_gram))})"
        f" WHERE rowid IN hits AND rowid IN ({inner})"
        f" GROUP BY rowid ORDER BY COUNT(*) DESC, rowid LIMIT {CANDIDATES}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *(_gram_match(g) for g in every_gram), *inner_params])
        return [row[0] for row in cursor.fetchall()]


def _near_words(word: str) -> list[str]:
    """The registry's words spelt nearest `word` (migration 0006's dictionary), it first."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(NEAR_WORD)]
        )
        cursor.execute(
            "SELECT word FROM registry_nameword WHERE word %% %s"
            " ORDER BY similarity(word, %s) DESC, word LIMIT %s",
            [word, word, NEAR_WORDS],
        )
        near = [row[0] for row in cursor.fetchall()]
    return [word, *(w for w in near if w != word)]


def _holding(spellings: list[list[str]]) -> RawSQL:
    """Names holding, for every typed word, one of its spellings: full-text search on the
    expression index of migration 0006. The words are A-Z only (normalise_one)."""
    query = " & ".join("(" + " | ".join(group) + ")" for group in spellings)
    return RawSQL(
        "to_tsvector('simple', name_key) @@ to_tsquery('simple', %s)",
        [query],
        output_field=BooleanField(),
    )


def _postgres_candidates(workers: QuerySet[Worker], words: list[str]) -> list[int]:
    """The names with the words as typed first (in no order: they all hold every word); then,
    if room is left, those with near spellings, nearest to the whole query first (pg_trgm
    word similarity)."""
    exact = list(
        workers.filter(_holding([[w] for w in words]))
        .order_by()
        .values_list("id", flat=True)[:CANDIDATES]
    )
    if len(exact) >= CANDIDATES:
        return exact
    near = (
        workers.filter(_holding([_near_words(w) for w in words]))
        .exclude(pk__in=exact)
        .annotate(rank=TrigramWordSimilarity(" ".join(words), "name_key"))
        .order_by("-rank", "id")
        .values_list("id", flat=True)[: CANDIDATES - len(exact)]
    )
    return [*exact, *near]


def _gram_match(gram: str) -> str:
    return f'name_words : "{gram}"'  # a normalised name holds A-Z and spaces only


@dataclass
class Found:
    workers: list[Worker]
    capped: bool  # CANDIDATES were compared and more might have answered: narrow the search


def search(workers: QuerySet[Worker], query: Query) -> Found:
    """The workers of `workers` (already filtered by place, trade, decile, scope) that answer
    `query`, best first: by name similarity, then by name. A query of fewer than four digits
    and no letters asks nothing: no one, rather than 300 workers at random."""
    if query.empty:
        return Found([], capped=False)
    if len(query.nik_part) >= MIN_NIK_PART:
        workers = _by_nik(workers, query.nik_part)
    if not query.name_key:
        # Sorted here, not by the database: with ORDER BY nik, PostgreSQL walks the NIK's
        # btree past a million rows for 22 matches (1.3 s) instead of using the trigram index.
        found = list(workers.order_by().select_related("desa")[: CANDIDATES + 1])
        found.sort(key=lambda w: (w.nik or "", w.pk))
        return Found(found[:CANDIDATES], capped=len(found) > CANDIDATES)
    words = sorted(set(query.name_key.split()))
    ids = _name_candidates(workers, words)
    if not ids and len(words) > 1:
        # One word the name does not hold (a title, a family name the list left off): the
        # names that hold all the others, leaving out each word in turn.
        for left_out in words:
            ids += [i for i in _name_candidates(workers, [w for w in words if w != left_out])
                    if i not in ids]  # fmt: skip
    scored = [
        (similarity(query.name_key, w.name_key), w)
        for w in Worker.objects.filter(pk__in=ids).select_related("desa")
    ]
    ranked = sorted(
        ((s, w) for s, w in scored if s >= MIN_SIMILARITY), key=lambda sw: (-sw[0], sw[1].name_key)
    )
    return Found([w for _, w in ranked], capped=len(ids) >= CANDIDATES)
