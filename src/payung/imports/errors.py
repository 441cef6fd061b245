class ImportRefused(Exception):
    """The file as a whole cannot be imported; the message says why, for the user."""
