"""What the registry announces (payung.jobs.events)."""

from payung.jobs.events import Event

# Workers were added or changed (an import): with the batch.
REGISTRY_CHANGED = Event("registry.changed")
