"""Writes of monev. Each model keeps its own history (django-simple-history); a write that
matters to the trail also records an audit event."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from payung.accounts.models import Opd
from payung.monev.catalogue import INSTRUCTIONS
from payung.monev.models import Action, Indicator, Instruction


@transaction.atomic
def seed_catalogue() -> int:
    """Create the seeded instructions, actions and indicators that are missing, by code; never
    overwrite what an Administrator edited. Returns how many rows it created."""
    created = 0
    opds = {o.code: o for o in Opd.objects.all()}
    for i, seed in enumerate(INSTRUCTIONS):
        instruction, made = Instruction.objects.get_or_create(
            code=seed["code"],
            defaults={
                "text": seed["text"], "wording": seed["wording"],
                "legal_reference": seed["legal_reference"], "position": i,
                "weight": Decimal(seed["weight"]),
            },
        )  # fmt: skip
        created += made
        for j, a in enumerate(seed["actions"]):
            action, made = Action.objects.get_or_create(
                code=a["code"],
                defaults={
                    "instruction": instruction, "title": a["title"], "position": j,
                    "weight": Decimal(a["weight"]),
                },
            )  # fmt: skip
            if made:
                action.owners.set([opds[c] for c in a["owners"] if c in opds])
            created += made
            for k, ind in enumerate(a["indicators"]):
                _indicator, made = Indicator.objects.get_or_create(
                    code=ind["code"],
                    defaults={
                        "action": action, "name": ind["name"], "kind": ind["kind"],
                        "unit": ind["unit"], "numerator": ind.get("numerator", ""),
                        "denominator": ind.get("denominator", ""),
                        "source": ind.get("source", ""), "position": k,
                        "weight": Decimal(ind["weight"]),
                    },
                )  # fmt: skip
                created += made
    return created
