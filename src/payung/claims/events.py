"""What the claims app announces (payung.jobs.events)."""

from payung.jobs.events import Event

# A BPJS TK claim export was imported: with the batch.
CLAIMS_CHANGED = Event("claims.changed")
