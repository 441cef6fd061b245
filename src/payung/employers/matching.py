"""Which BPJS TK employer each licensed business is, set-based:

1. the same NIB (the BPJS export carries it where the employer gave it);
2. otherwise the same name once the legal form is gone (employers.names), when that name is
   one business's and one employer's only;
3. otherwise names alike by Jaro-Winkler (DuckDB, on pairs sharing the name's first word):
   from SAME a match, from REVIEW a pair a person decides in the review queue.

Each business has at most one employer and each employer one business; a pair decided in
review binds every later run (the same: matched; different: never proposed again).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl
from django.db import transaction
from django.utils import timezone

from payung.accounts.models import User
from payung.accounts.services import record_audit
from payung.employers.models import (
    BpjsEmployer,
    Business,
    EmployerMatch,
    EmployerReview,
    MatchMethod,
    ReviewDecision,
)

SAME = 0.95  # Jaro-Winkler from which two names (legal form gone) are taken as one business
REVIEW = 0.85  # from which a pair goes to review

SIMILARITY_SQL = """
SELECT business_id, employer_id, jaro_winkler_similarity(name_key, name_key_r) AS score
FROM pairs
WHERE jaro_winkler_similarity(name_key, name_key_r) >= {review}
"""


@dataclass
class MatchResult:
    by_nib: int = 0
    by_name: int = 0
    similar: int = 0
    reviewed: int = 0
    to_review: int = 0
    unmatched: int = 0

    @property
    def matched(self) -> int:
        return self.by_nib + self.by_name + self.similar + self.reviewed


def _frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    business = pl.DataFrame(
        list(Business.objects.values_list("pk", "nib", "name_key")),
        schema={"business_id": pl.Int64, "nib": pl.String, "name_key": pl.String},
        orient="row",
    )
    employer = pl.DataFrame(
        list(BpjsEmployer.objects.values_list("pk", "nib", "name_key")),
        schema={"employer_id": pl.Int64, "nib": pl.String, "name_key": pl.String},
        orient="row",
    )
    return business, employer


def _decided() -> tuple[pl.DataFrame, set[tuple[int, int]]]:
    rows = EmployerReview.objects.exclude(decision=ReviewDecision.PENDING).values_list(
        "business_id", "employer_id", "decision", "score"
    )
    same = [(b, e, s) for b, e, d, s in rows if d == ReviewDecision.SAME]
    different = {(b, e) for b, e, d, _s in rows if d == ReviewDecision.DIFFERENT}
    frame = pl.DataFrame(
        same,
        schema={"business_id": pl.Int64, "employer_id": pl.Int64, "score": pl.Float64},
        orient="row",
    )
    return frame, different


def _one_to_one(pairs: pl.DataFrame) -> pl.DataFrame:
    """Each business's best employer and each employer's best business, greedily by score."""
    best = pairs.sort(["score", "business_id", "employer_id"], descending=[True, False, False])
    best = best.unique("business_id", keep="first", maintain_order=True)
    return best.unique("employer_id", keep="first", maintain_order=True)


def _similar(business: pl.DataFrame, employer: pl.DataFrame) -> pl.DataFrame:
    first = pl.col("name_key").str.split(" ").list.first().alias("first")
    pairs = (
        business.filter(pl.col("name_key") != "")
        .with_columns(first)
        .join(
            employer.filter(pl.col("name_key") != "").with_columns(first), on="first", suffix="_r"
        )
        .select("business_id", "employer_id", "name_key", "name_key_r")
    )
    if pairs.height == 0:
        return pl.DataFrame(
            schema={"business_id": pl.Int64, "employer_id": pl.Int64, "score": pl.Float64}
        )
    con = duckdb.connect()
    try:
        con.register("pairs", pairs)
        found: pl.DataFrame = con.sql(SIMILARITY_SQL.format(review=REVIEW)).pl()
        return found
    finally:
        con.close()


def _without(frame: pl.DataFrame, taken: pl.DataFrame) -> pl.DataFrame:
    """`frame` less the businesses and employers `taken` already matched."""
    return frame.join(taken.select("business_id"), on="business_id", how="anti").join(
        taken.select("employer_id"), on="employer_id", how="anti"
    )


@transaction.atomic
def match_employers(*, user: User | None = None) -> MatchResult:
    business, employer = _frames()
    reviewed, different = _decided()
    matched = [
        _one_to_one(reviewed).with_columns(pl.lit(MatchMethod.REVIEWED.value).alias("method"))
    ]

    def taken() -> pl.DataFrame:
        return pl.concat(matched, how="vertical_relaxed")

    by_nib = _without(
        business.filter(pl.col("nib") != "")
        .join(employer.filter(pl.col("nib") != ""), on="nib")
        .select("business_id", "employer_id", pl.lit(1.0).alias("score")),
        taken(),
    )
    matched.append(_one_to_one(by_nib).with_columns(pl.lit(MatchMethod.NIB.value).alias("method")))

    def unique_names(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.filter((pl.col("name_key") != "") & pl.col("name_key").is_unique())

    left = business.join(taken().select("business_id"), on="business_id", how="anti")
    right = employer.join(taken().select("employer_id"), on="employer_id", how="anti")
    by_name = (
        unique_names(left)
        .join(unique_names(right), on="name_key")
        .select("business_id", "employer_id", pl.lit(1.0).alias("score"))
    )
    matched.append(by_name.with_columns(pl.lit(MatchMethod.NAME.value).alias("method")))

    left = business.join(taken().select("business_id"), on="business_id", how="anti")
    right = employer.join(taken().select("employer_id"), on="employer_id", how="anti")
    refused = pl.DataFrame(
        list(different), schema={"business_id": pl.Int64, "employer_id": pl.Int64}, orient="row"
    )
    similar = _similar(left, right).join(refused, on=["business_id", "employer_id"], how="anti")
    sure = _one_to_one(similar.filter(pl.col("score") >= SAME))
    matched.append(sure.with_columns(pl.lit(MatchMethod.SIMILAR.value).alias("method")))
    doubtful = _without(similar.filter(pl.col("score") < SAME), taken())

    final = taken()
    EmployerMatch.objects.all().delete()
    EmployerMatch.objects.bulk_create(
        EmployerMatch(business_id=b, employer_id=e, method=m, score=round(s, 4))
        for b, e, s, m in final.select("business_id", "employer_id", "score", "method").rows()
    )
    # Pending pairs are proposed afresh; decided ones stay as they were decided.
    EmployerReview.objects.filter(decision=ReviewDecision.PENDING).delete()
    EmployerReview.objects.bulk_create(
        [
            EmployerReview(business_id=b, employer_id=e, score=round(s, 4))
            for b, e, s in doubtful.select("business_id", "employer_id", "score").rows()
        ],
        ignore_conflicts=True,
    )
    counts = final.group_by("method").len()
    by = dict(counts.rows())
    result = MatchResult(
        by_nib=by.get(MatchMethod.NIB.value, 0),
        by_name=by.get(MatchMethod.NAME.value, 0),
        similar=by.get(MatchMethod.SIMILAR.value, 0),
        reviewed=by.get(MatchMethod.REVIEWED.value, 0),
        to_review=EmployerReview.objects.filter(decision=ReviewDecision.PENDING).count(),
        unmatched=business.height - final.height,
    )
    record_audit(
        action="employers.matched", user=user, target="employers",
        details={**result.__dict__, "at": timezone.now().isoformat(timespec="seconds")},
    )  # fmt: skip
    return result


@transaction.atomic
def decide(review: EmployerReview, same: bool, user: User) -> None:
    """A person's decision on an uncertain pair; the next matching run follows it."""
    review.decision = ReviewDecision.SAME if same else ReviewDecision.DIFFERENT
    review.decided_by, review.decided_at = user, timezone.now()
    review.save()
    record_audit(
        action="employers.review_decided", user=user, target=f"employer_review:{review.pk}",
        details={"business": review.business_id, "employer": review.employer_id,
                 "decision": review.decision},
    )  # fmt: skip
