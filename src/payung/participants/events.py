"""What the BPJS TK participant list announces (payung.jobs.events)."""

from payung.jobs.events import Event

# Participations were added or changed (an export imported): with the batch.
PARTICIPANTS_CHANGED = Event("participants.changed")
