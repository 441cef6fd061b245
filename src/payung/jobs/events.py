"""A write announces what changed; the apps that care subscribe.

The announcing app owns its events (registry.events.REGISTRY_CHANGED, ...) and knows nothing of
who listens: a higher app subscribes a reaction in its AppConfig.ready. A reaction is a task on
the queue, enqueued by `announce` inside the write's own transaction: it is committed with the
write or not at all, so a crash right after the commit still leads to it. It runs later, in the
worker, in a transaction of its own: when it fails, the write stays, and the failure is shown
on the batch or run page, with a button to run it again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import transaction
from django.utils.functional import Promise
from django_tasks import task
from django_tasks.base import Task

F = TypeVar("F", bound=Callable[..., Any])

# What each reaction is called on a page (task path -> label).
LABELS: dict[str, str | Promise] = {}


@dataclass(frozen=True)
class Change:
    """What an event carries: which event, who wrote, and the batch or run and month it was."""

    event: str
    user: int | None = None
    batch: int | None = None
    run: int | None = None
    month: str | None = None  # YYYY-MM

    def as_kwargs(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v is not None}


@dataclass(eq=False)
class Event:
    name: str
    reactions: list[Task[Any, Any]] = field(default_factory=list)

    def subscribe(self, reaction: Task[Any, Any]) -> None:
        if reaction not in self.reactions:
            self.reactions.append(reaction)

    def announce(
        self,
        *,
        user: Any = None,
        batch: int | None = None,
        run: int | None = None,
        month: str | None = None,
    ) -> None:
        """Enqueue every subscribed reaction. Call it inside the write's transaction."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError(f"{self.name} must be announced inside the write's transaction")
        change = Change(self.name, getattr(user, "pk", user), batch, run, month)
        for reaction in self.reactions:
            reaction.enqueue(**change.as_kwargs())


def reaction(label: str | Promise) -> Callable[[Callable[..., Any]], Task[Any, Any]]:
    """A task that reacts to events: called with a Change's fields as keywords."""

    def register(func: Callable[..., Any]) -> Task[Any, Any]:
        made = task()(func)
        LABELS[made.module_path] = label
        return made

    return register
