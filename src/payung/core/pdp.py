"""Personal data protection (UU 27/2022, PDP): what a role without the right sees of a NIK."""


def mask_nik(value: str | None) -> str:
    """Keep the area code (where it was issued) and hide the birth date and serial."""
    if not value:
        return ""
    return value[:6] + "*" * max(len(value) - 6, 0)
