"""French number and date formats (`12 500`, `15 000 €`, `27 novembre 2026`)."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt

_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]
NNBSP = "\u202f"  # the narrow no-break space French typography puts between thousands


def number(value: int | float, compact: bool = False) -> str:
    """French digits; `compact` leaves four-digit numbers ungrouped (`1650`), as French
    typography allows, so that a terminal never wraps a number across two lines."""
    if compact and abs(value) < 10_000:
        return f"{value:g}".replace(".", ",") if isinstance(value, float) else str(value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", NNBSP).replace(".", ",")
    return f"{int(value):,}".replace(",", NNBSP)


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`1 piste`, `2 pistes`: French puts the singular only for 0 and 1."""
    return f"{number(n)} {singular if n <= 1 else (plural or singular + 's')}"


def euros(value: int) -> str:
    return f"{number(value)}\u00a0€"


def date(value: dt.date | str) -> str:
    """`27 novembre 2026`, from a date or an ISO string (`2026-11-27`)."""
    if isinstance(value, str):
        import datetime

        value = datetime.date.fromisoformat(value)
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS[value.month - 1]} {value.year}"


def points(value: float) -> str:
    """`3.0` → `+3`, `-1.5` → `−1,5` (French decimal comma, true minus sign)."""
    text = number(abs(value))
    return ("+" if value >= 0 else "\u2212") + text


def place(commune: str, departement: str | None, population: int | None = None, compact: bool = False) -> str:
    text = f"{commune} ({departement})" if departement else commune
    if population:
        text += f", {number(population, compact)}\u00a0hab."
    return text


STALE_DAYS = 365


def verified(value, today) -> str:  # type: ignore[no-untyped-def]
    """`vérifié le 27 novembre 2026`, with a warning once the check is more than a year old."""
    import datetime

    when = datetime.date.fromisoformat(value) if isinstance(value, str) else value
    text = f"vérifié le {date(when)}"
    if (today - when).days > STALE_DAYS:
        text += ", il y a plus d'un an : à revérifier"
    return text
