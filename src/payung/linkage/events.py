"""What linkage announces (payung.jobs.events)."""

from payung.jobs.events import Event

# Links between participants and workers changed: a run (with its audit row as `run`) or a
# reviewer's decision.
LINKS_CHANGED = Event("links.changed")
