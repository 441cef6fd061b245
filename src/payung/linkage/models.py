"""Which participant is which registry worker, how we know, and what people decided.

The contract other apps rely on (coverage, assistance): a participant has at most one Link;
a worker has at most one Link per segment; a worker that duplicates another registry row
points to its canonical worker through WorkerDuplicate. Read them through linkage.selectors.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from payung.participants.models import Participant
from payung.registry.models import Worker


class Method(models.TextChoices):
    EXACT_NIK = "exact_nik", _("Same valid NIK")
    NIK_FUZZY = "nik_fuzzy", _("NIK with a typing or Excel fault")
    PROBABILISTIC = "probabilistic", _("Name, birth date and place")
    REVIEW = "review", _("Accepted in review")


class Link(models.Model):
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="link")
    # No index of its own: one_link_per_worker_segment starts with worker and serves its lookups.
    # Every index costs a rebuild when a run rewrites the table (services.run_linkage).
    worker = models.ForeignKey(
        Worker, on_delete=models.CASCADE, related_name="links", db_index=False
    )
    segment = models.CharField(max_length=5, blank=True)  # the participant's, kept unique here
    method = models.CharField(max_length=20, choices=Method.choices)
    score = models.FloatField()
    # Each field's part of the weight (linkage.explain): why the pair was linked.
    explanation = models.CharField(max_length=300, blank=True, default="")
    linked_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "segment"], name="one_link_per_worker_segment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} -> {self.worker_id} ({self.method} {self.score:.3f})"


class Decision(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ReviewPair(models.Model):
    """A pair scored between the thresholds. A decision, once made, binds every later run."""

    # Indexed by one_review_per_pair, which starts with it.
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    worker = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=20, choices=Method.choices)
    score = models.FloatField()
    explanation = models.CharField(max_length=300, blank=True, default="")  # linkage.explain
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "worker"], name="one_review_per_pair")
        ]
        indexes = [models.Index(fields=["decision", "-score"])]

    def __str__(self) -> str:
        return f"{self.participant_id} ? {self.worker_id} ({self.decision})"


class WorkerDuplicate(models.Model):
    """A registry row that is the same person as an earlier row (two village lists)."""

    worker = models.OneToOneField(Worker, on_delete=models.CASCADE, related_name="duplicate_of")
    canonical = models.ForeignKey(Worker, on_delete=models.CASCADE, related_name="duplicates")
    method = models.CharField(max_length=20, choices=Method.choices)
    score = models.FloatField()

    def __str__(self) -> str:
        return f"{self.worker_id} = {self.canonical_id}"


class DeduplicatedRegistry(models.Model):
    """The registry as the last run deduplicated it (imports.repeat.table_state, with the code
    that ran): while both are the same, the next run keeps that run's WorkerDuplicate rows
    instead of deduplicating again. One row."""

    state = models.CharField(max_length=200)
    taken_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.state
