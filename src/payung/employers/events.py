"""What the employers app announces (payung.jobs.events)."""

from payung.jobs.events import Event

# A staff list (the regency's non-ASN staff, village officials) was imported: with the batch.
STAFF_CHANGED = Event("employers.staff_changed")

# A licensed-business list or a BPJS TK employer export was imported: with the batch.
EMPLOYERS_CHANGED = Event("employers.changed")
