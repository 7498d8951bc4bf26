"""French number and date formats (`12 500`, `27 novembre 2026`, `+1,5`): the only ones essrural writes.

Why: one way to write a number everywhere, in the plan, the method and the
reasons; a plan once showed « 1700 hab. » beside « 1 094 hab. ». The
thousands separator is a narrow no-break space, so a number never splits
across two lines.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt

_MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]
NNBSP = "\u202f"  # the narrow no-break space French typography puts between thousands
MINUS = "\u2212"


def number(value: int | float) -> str:
    """`12500` → `12 500`, `1.5` → `1,5`, `3.0` → `3`: French digits, decimals only when there are some."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        return text.replace(",", NNBSP).replace(".", ",")
    return f"{int(value):,}".replace(",", NNBSP)


def percent(share: float) -> str:
    """« 69,7 % », « 94 % »: one decimal unless whole, so that 46 cases of 66 never read as 70 %."""
    value = round(100 * share, 1)
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{text}\u00a0%"


def count(n: int, singular: str, plural: str | None = None) -> str:
    """`1 piste`, `2 pistes`: French puts the singular only for 0 and 1."""
    return f"{number(n)} {singular if n <= 1 else (plural or singular + 's')}"


def signed(value: float) -> str:
    """`3.0` → `+3`, `-1.5` → `−1,5` (French decimal comma, true minus sign): points of a score."""
    return ("+" if value >= 0 else MINUS) + number(abs(value))


def date(value: dt.date | str) -> str:
    """`27 novembre 2026`, from a date or an ISO string (`2026-11-27`)."""
    if isinstance(value, str):
        import datetime

        value = datetime.date.fromisoformat(value)
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {_MONTHS[value.month - 1]} {value.year}"


def place(commune: str, departement: str | None, population: int | None = None) -> str:
    text = f"{commune} ({departement})" if departement else commune
    if population:
        text += f", {number(population)}\u00a0hab."
    return text


def as_of(value: str) -> str:
    """The date of a source as precise as it is: `2025`, `mars 2025`, `14 mars 2025`."""
    parts = value.split("-")
    if len(parts) == 3:
        return date(value)
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def of_date(value: str) -> str:
    """`de mars 2025`, `d'octobre 2024`, `du 14 mars 2025`, `de 2025`: a source's date after « une source »."""
    when = as_of(value)
    article = "du " if value.count("-") == 2 else "d'" if when[0] in "ao" else "de "  # d'avril, d'août, d'octobre
    return article + when


def status_and_date(status: str, value: str | None) -> str:
    """`suite incertaine, d'après une source de mars 2025` (or `…, source non datée`): a Région's scheme
    as « Pour commencer » and `essrural commune` both name it."""
    from .vocabulary import STATUSES

    return f"{STATUSES.label(status)}, " + (source_date(value) if value else "source non datée")


def source_date(value: str) -> str:
    """`d'après une source de mars 2025`: when the information dates from, as every listing says it."""
    return f"d'après une source {of_date(value)}"


def source_caveats(value: str, status: str | None, today: dt.date, stale_days: int) -> list[str]:
    """What to check about information of that date: closed, uncertain, or older than `stale_days`."""
    import datetime

    from .vocabulary import STATUSES

    parts = value.split("-") + ["01", "01"]
    start = datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))  # the period's first day: cautious
    notes = [STATUSES.label(status)] if status in ("ferme", "incertain") else []
    if (today - start).days > stale_days:
        notes.append("plus d'un an : à revérifier")
    return notes


def source_note(value: str, status: str | None, today: dt.date | None, stale_days: int) -> str:
    """`d'après une source de mars 2025`, then its caveats: `… ; suite incertaine, plus d'un an : à revérifier`;
    the date alone when no `today` is given (a listing that is not dated itself cannot say what is stale)."""
    notes = source_caveats(value, status, today, stale_days) if today else []
    return source_date(value) + (" ; " + ", ".join(notes) if notes else "")


def population_range(low: int | None, high: int | None) -> str:
    """Both ends are included, as `Bounds.fits` reads them: `(None, 3499)` → `moins de 3 500
    habitants` (the words of the programmes' « moins de 3 500 »), `(None, 20000)` → `jusqu'à
    20 000 habitants`, `(2000, None)` → `au moins 2 000 habitants`."""
    if low is not None and high is not None:
        return f"de {number(low)} à {number(high)} habitants"
    if high is not None:
        if (high + 1) % 100 == 0:
            return f"moins de {number(high + 1)} habitants"
        return f"jusqu'à {number(high)} habitants"
    return f"au moins {number(low)} habitants"


def enumeration(items: list[str]) -> str:
    """`["4", "5", "6"]` → `4, 5 et 6`."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
