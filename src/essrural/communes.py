"""The official list of French communes (2026) and how to find one.

Why: a plan starts from a real commune. Users type a name the way they say it
(`st martin de re`, `thore la rochete`), an INSEE code or a postcode; this
module finds the commune(s), offline, in the embedded `communes.tsv` (Code
officiel géographique 2026 through `@etalab/decoupage-administratif` 6.0.0,
Licence Ouverte 2.0; built by scripts/build_communes.py).

Speed: importing this module reads nothing. The file (about 2 MB, plain UTF-8)
is read once, as bytes, on first use. `get` finds the line of one INSEE code
with `bytes.find` and decodes only that line. A name search splits the key
block once (one precomputed search key per commune) and imports rapidfuzz only
when no name matches exactly (a typo to forgive).

Format of `communes.tsv` (UTF-8, LF, tab-separated):
    `# essrural-communes 1 | …`, `# Source : …` (see `attribution`), other `#` lines;
    `R  code  name` (régions), `D  code  région  name` (départements),
    `A  key  insee` (extra search keys: "Bors (Canton de …)" is also "bors"),
    `E  SIREN  number of communes  population  name` (EPCI);
    `#communes`, then one line per commune, sorted by INSEE code:
    `insee  name  département  population  postcodes (space-separated)  EPCI SIREN`
    (population and EPCI may be empty);
    `#cles`, then the search key of each commune (`name_key`), same order.
"""

from __future__ import annotations

import os

from .records import Frozen

FORMAT = "essrural-communes 1"
DATA_NAME = "communes.tsv"

# Typo tolerance: rapidfuzz `ratio` (0–100) on search keys. 80 keeps one or two
# typos in a usual name ("thore la rochete" 97, "merindl" 93) and rejects garbage.
FUZZY_CUTOFF = 80.0
# Names containing the query as whole words are offered only for queries this long
# ("saint" yes, "le" or "sur" no).
MIN_CONTAINED = 4
# No typo tolerance under this length: "le" would match Lée, Lye, Lüe…
MIN_FUZZY = 4

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "s": "sur"}  # "S/" is "sur" on envelopes


class Epci(Frozen):
    """An intercommunalité à fiscalité propre (CC, CA, CU, métropole), by its SIREN."""

    _fields = ("code", "name", "n_communes", "population")

    code: str
    name: str
    n_communes: int
    population: int  # sum of its members' populations municipales


class Commune(Frozen):
    """A commune as of 1 January 2026, with its département, région and EPCI."""

    _fields = (
        "insee", "name", "departement", "departement_name", "region", "region_name", "postcodes", "population", "epci",
    )

    insee: str
    name: str
    departement: str
    departement_name: str
    region: str
    region_name: str
    postcodes: tuple[str, ...]
    population: int | None  # population municipale; None for the few uninhabited ones
    epci: Epci | None

    @property
    def label(self) -> str:
        """`Thoré-la-Rochette (Loir-et-Cher, 41)`: tells homonyms apart."""
        return f"{self.name} ({self.departement_name}, {self.departement})"


class Match(Frozen):
    """One answer of `search`: the commune, how it was found and how close it is."""

    _fields = ("commune", "score", "how")

    commune: Commune
    score: float  # 0–100: 100 for an exact answer; for "fuzzy", the rapidfuzz ratio or the share of the name covered
    how: str  # "insee" | "postcode" | "name" | "fuzzy"


FOUND_BY_CODE = {"insee": "code INSEE", "postcode": "code postal"}  # how a code found a commune, in users' words


def found_by_code(matches: tuple[Match, ...] | list[Match]) -> bool:
    """Whether a code found these communes: « 97226 » is Sainte-Anne's INSEE code and Le Morne-Vert's
    postcode, so asking for « le code INSEE » would lead nowhere; say which code found which."""
    return any(match.how in FOUND_BY_CODE for match in matches)


def get(insee: str) -> Commune | None:
    """The commune with this INSEE code (`41259`, `2A004`, `2a004`), or None."""
    code = _as_code(insee)
    return None if code is None else _data().commune(code)


def search(query: str, limit: int = 10) -> list[Match]:
    """Communes matching an INSEE code, a postcode or a name, best first.

    Exact answers come first and are all returned, whatever `limit`: the commune
    of an INSEE code, every commune of a postcode, every homonym of a name
    (population descending, then INSEE code). For a name, "fuzzy" matches then
    fill the list up to `limit`: names containing the query as whole words
    (`saint martin` → Saint-Martin-d'Hères) and, when no name matched exactly,
    names within a typo or two (`thore la rochete`); best score first, then
    population. A name may end with a département: `Saint-Martin (32)`,
    `Saint-Martin 32`, `Sainte-Colombe, Côte-d'Or`. Nothing found: [].
    """
    text = " ".join(str(query).split())
    if not text or limit <= 0:
        return []
    code = _as_code(text.replace(" ", "")) if _looks_like_code(text) else None
    if code is not None:
        return _search_code(code)
    return _search_name(text, limit)


def region_of(departement: str) -> str | None:
    """The région code of a département code (`41` → `24`), or None."""
    found = _data().departements.get(_as_departement(departement))
    return found[0] if found else None


def departement_name(code: str) -> str | None:
    found = _data().departements.get(_as_departement(code))
    return found[1] if found else None


def region_name(code: str) -> str | None:
    return _data().regions.get(str(code).strip())


def departements() -> dict[str, str]:
    """Every département code with its name, in code order."""
    return {code: name for code, (_region, name) in _data().departements.items()}


def epci(code: str) -> Epci | None:
    """The EPCI with this SIREN, or None."""
    return _data().epci(str(code).strip())


def departement_code(text: str) -> str | None:
    """A département's code from its code (`41`, `2a`) or its name (`loir et cher`), or None."""
    return _data().departement_code(str(text))


def in_departement(code: str) -> list[Commune]:
    """Every commune of a département (`41`, `2A`, `Loir-et-Cher`), in INSEE order; [] if unknown."""
    data = _data()
    dep = data.departement_code(str(code))
    if dep is None:
        return []
    lo, hi = data.span(dep)
    return [c for c in (data.commune_at(i) for i in range(lo, hi)) if c.departement == dep]


def every_commune() -> list[Commune]:
    """All the current communes, in INSEE order."""
    data = _data()
    return [data.commune_at(i) for i in range(len(data.lines()))]


def clear_leader(matches: tuple[Match, ...] | list[Match]) -> Match | None:
    """The one approximate match worth proposing: alone, or ahead of the next by 5 points."""
    if len(matches) == 1 or (len(matches) > 1 and matches[0].score - matches[1].score >= 5):
        return matches[0]
    return None


def attribution() -> str:
    """The source and licence of the data, to show users (Licence Ouverte 2.0 asks for it)."""
    raw = _data().raw
    start = raw.index(b"\n") + 1
    second = raw[start : raw.index(b"\n", start)].decode("utf-8")
    return second.removeprefix("# ").removesuffix(" Voir LICENCE-communes.md.")


def no_match_message(query: str) -> str:
    """The French message for a search that found nothing."""
    from .text import excerpt

    message = (
        f"Aucune commune ne correspond à « {excerpt(query)} ». "
        "Vérifiez l'orthographe, ou donnez le code INSEE ou le code postal."
    )
    code = query.strip()
    if len(code) <= 3 and code.isascii() and code.isalnum():  # « 17 », « 2a », « 974 »: a département?
        name = departement_name(code)
        if name:
            code = _as_departement(code)
            message += f" Pour les communes du département {code} ({name}) : essrural commune --departement {code}"
    return message


def name_key(name: str) -> str:
    """What names are compared on: `Saint-Martin-d'Hères` and `st martin d heres` → `saint martin d heres`.

    Lower case, no accents (`essrural.text.fold`), every run of punctuation or
    spaces turned into one space, `St`/`Ste`/`S/` read as Saint/Sainte/sur.
    """
    from .text import words

    return " ".join(_ABBREVIATIONS.get(w, w) for w in words(name).split())


def name_part(text: str) -> str:
    """The name in `Saint-Martin (32)`, `Saint-Martin, Gers` or `Saint-Martin 32`: the département set aside."""
    return _split_departement(text)[0]


# --- implementation -------------------------------------------------------------------------------


def _looks_like_code(text: str) -> bool:
    compact = text.replace(" ", "")
    return len(compact) == 5 and compact.isascii() and (compact.isdigit() or compact[:2].upper() in ("2A", "2B"))


def _as_code(value: str) -> str | None:
    """An INSEE code in canonical form (`2a004` → `2A004`), or None if it cannot be one."""
    code = str(value).strip().upper()
    if len(code) != 5 or not code.isascii():
        return None
    if code.isdigit() or (code[:2] in ("2A", "2B") and code[2:].isdigit()):
        return code
    return None


def _as_departement(value: str) -> str:
    code = str(value).strip().upper()
    return "0" + code if len(code) == 1 and code.isdigit() else code


def _search_code(code: str) -> list[Match]:
    data = _data()
    found = []
    commune = data.commune(code)
    if commune is not None:
        found.append(Match(commune, 100.0, "insee"))
    if code.isdigit():
        others = [c for c in data.by_postcode(code) if c.insee != code]
        found += [Match(c, 100.0, "postcode") for c in sorted(others, key=_importance)]
    return found


def _importance(commune: Commune) -> tuple[int, str]:
    return (-(commune.population or 0), commune.insee)


def _split_departement(text: str) -> tuple[str, str | None]:
    """`Saint-Martin (32)` → (`Saint-Martin`, `32`); the département may be a code or a name."""
    data = _data()
    candidates = []
    if text.endswith(")") and "(" in text:
        head, _, tail = text[:-1].rpartition("(")
        candidates.append((head, tail))
    if "," in text:
        head, _, tail = text.rpartition(",")
        candidates.append((head, tail))
    if " " in text:
        head, _, tail = text.rpartition(" ")
        if tail[:1].isdigit() or tail[:2].upper() in ("2A", "2B"):
            candidates.append((head, tail))
    for head, tail in candidates:
        head = head.strip(" -,;")
        dep = data.departement_code(tail)
        if head and dep:
            return head, dep
    return text, None


def _search_name(text: str, limit: int) -> list[Match]:
    data = _data()
    name, dep = _split_departement(text)
    key = name_key(name)
    if not key:
        return []
    keys = data.keys()
    lo, hi = data.span(dep)

    exact = data.exact(key, lo, hi)
    found = [Match(c, 100.0, "name") for c in sorted(exact, key=_importance)]
    if len(found) >= limit:
        return found

    # Then names that contain the query as whole words ("Saint-Martin (41)" finds
    # Saint-Martin-des-Bois), scored 80–100 by how much of the name the query covers;
    # and, only when no name matched exactly, names within a typo or two (rapidfuzz).
    scores: dict[int, float] = {}
    if len(key) >= MIN_CONTAINED:
        for index in data.containing(key, lo, hi):
            scores[index] = 80.0 + 20.0 * len(key) / len(keys[index])
    if not found and len(key) >= MIN_FUZZY:
        from rapidfuzz import fuzz, process

        hits = process.extract(
            key, keys[lo:hi], scorer=fuzz.ratio, processor=None, score_cutoff=FUZZY_CUTOFF, limit=limit
        )
        for _choice, score, index in hits:
            scores[lo + index] = max(score, scores.get(lo + index, 0.0))
        for alias, codes in data.aliases.items():  # "bors" for "Bors (Canton de …)"
            score = fuzz.ratio(key, alias)
            if score >= FUZZY_CUTOFF:
                for code in codes:
                    index = data.index_of(code)
                    if index is not None and lo <= index < hi:
                        scores[index] = max(score, scores.get(index, 0.0))

    seen = {m.commune.insee for m in found}
    ranked = sorted(
        (-round(score, 1), -data.population_at(index), index)
        for index, score in scores.items()
        if data.code_at(index) not in seen
    )
    wanted = max(0, limit - len(found))
    return found + [Match(data.commune_at(index), -score, "fuzzy") for score, _p, index in ranked[:wanted]]


class _Data:
    """The parsed parts of communes.tsv, each built on first need."""

    def __init__(self, raw: bytes):
        if not raw.startswith(b"# " + FORMAT.encode() + b" "):
            _fail("le fichier des communes n'est pas au format attendu (" + FORMAT + ")")
        self.raw = raw
        marker = raw.find(b"\n#communes\n")
        self.start = marker + len(b"\n#communes\n") - 1  # index of the "\n" before the first commune
        if marker < 0:
            _fail("le fichier des communes est incomplet")
        self._end = -1
        self.regions: dict[str, str] = {}
        self.departements: dict[str, tuple[str, str]] = {}
        self.aliases: dict[str, list[str]] = {}
        tables = raw.find(b"\nE\t", 0, marker)  # régions, départements, aliases: parsed now; EPCI: on demand
        for line in raw[: marker if tables < 0 else tables].decode("utf-8").split("\n"):
            kind, _, rest = line.partition("\t")
            if kind == "R":
                code, name = rest.split("\t")
                self.regions[code] = name
            elif kind == "D":
                code, region, name = rest.split("\t")
                self.departements[code] = (region, name)
            elif kind == "A":
                key, code = rest.split("\t")
                self.aliases.setdefault(key, []).append(code)
        self._epcis: dict[str, Epci | None] = {}
        self._communes: dict[str, Commune] = {}
        self._lookups = 0
        self._lines: list[bytes] | None = None
        self._keys: list[str] | None = None
        self._departement_keys: dict[str, str] | None = None

    def end(self) -> int:
        """Index of the "\n" that ends the last commune line."""
        if self._end < 0:
            self._end = self.raw.find(b"\n#cles\n", self.start)
            if self._end < 0:
                _fail("le fichier des communes est incomplet (clés de recherche)")
        return self._end

    # Single look-ups: find the line, parse it alone.

    def commune(self, code: str) -> Commune | None:
        found = self._communes.get(code)
        if found is None:
            self._lookups += 1
            if self._lines is not None or self._lookups > 50:  # many look-ups (a batch): bisect the lines
                index = self.index_of(code)
                return None if index is None else self.commune_at(index)
            # A few look-ups: a scan of the bytes beats splitting 35,000 lines.
            # Keys (after the communes) hold no tab: no need to bound the search.
            pos = self.raw.find(b"\n" + code.encode("ascii") + b"\t", self.start)
            if pos < 0:
                return None
            found = self._parse(self.raw[pos + 1 : self.raw.index(b"\n", pos + 1)])
        return found

    def epci(self, code: str) -> Epci | None:
        if code not in self._epcis:
            pos = self.raw.find(b"\nE\t" + code.encode("utf-8") + b"\t", 0, self.start)
            if pos < 0:
                self._epcis[code] = None
            else:
                line = self.raw[pos + 1 : self.raw.index(b"\n", pos + 1)].decode("utf-8")
                _e, siren, n, population, name = line.split("\t")
                self._epcis[code] = Epci(siren, name, int(n), int(population))
        return self._epcis[code]

    def by_postcode(self, postcode: str) -> list[Commune]:
        needle = postcode.encode("ascii")
        raw, found, pos, end = self.raw, [], self.start, self.end()
        while True:
            pos = raw.find(needle, pos, end)
            if pos < 0:
                return found
            line_start = raw.rfind(b"\n", 0, pos) + 1
            line_end = raw.index(b"\n", pos)
            line = raw[line_start:line_end]
            if needle in line.split(b"\t")[4].split(b" "):
                commune = self._communes.get(line[:5].decode("ascii")) or self._parse(line)
                found.append(commune)
            pos = line_end

    def _parse(self, line: bytes) -> Commune:
        insee, name, dep, population, postcodes, epci = line.decode("utf-8").split("\t")
        region, dep_name = self.departements[dep]
        commune = Commune(
            insee=insee,
            name=name,
            departement=dep,
            departement_name=dep_name,
            region=region,
            region_name=self.regions[region],
            postcodes=tuple(postcodes.split()),
            population=int(population) if population else None,
            epci=self.epci(epci) if epci else None,
        )
        self._communes[insee] = commune
        return commune

    # Name search: every line and every key, split once.

    def lines(self) -> list[bytes]:
        if self._lines is None:
            self._lines = self.raw[self.start + 1 : self.end()].split(b"\n")
        return self._lines

    def keys(self) -> list[str]:
        if self._keys is None:
            block = self.raw[self.end() + len(b"\n#cles\n") :].decode("ascii")
            self._keys = block.split("\n")[: len(self.lines())]
            if len(self._keys) != len(self.lines()):
                _fail("le fichier des communes est incomplet (clés de recherche)")
        return self._keys

    def commune_at(self, index: int) -> Commune:
        line = self.lines()[index]
        return self._communes.get(line[:5].decode("ascii")) or self._parse(line)

    def code_at(self, index: int) -> str:
        return self.lines()[index][:5].decode("ascii")

    def population_at(self, index: int) -> int:
        population = self.lines()[index].split(b"\t", 4)[3]
        return int(population) if population else 0

    def index_of(self, code: str) -> int | None:
        import bisect

        lines = self.lines()
        index = bisect.bisect_left(lines, code.encode("ascii"))
        return index if index < len(lines) and lines[index][:5].decode("ascii") == code else None

    def containing(self, key: str, lo: int, hi: int) -> list[int]:
        """Indices of the keys that contain `key` as whole words, without being it."""
        keys, needle = self.keys(), f" {key} "
        return [i for i in range(lo, hi) if key in keys[i] and keys[i] != key and needle in f" {keys[i]} "]

    def span(self, dep: str | None) -> tuple[int, int]:
        """Index range of the communes of a département (all of them for None)."""
        lines = self.lines()
        if dep is None:
            return 0, len(lines)
        import bisect

        prefix = dep.encode("ascii")
        return bisect.bisect_left(lines, prefix), bisect.bisect_left(lines, prefix + b"\xff")

    def exact(self, key: str, lo: int, hi: int) -> list[Commune]:
        keys, found, index = self.keys(), [], lo
        while True:
            try:
                index = keys.index(key, index, hi)
            except ValueError:
                break
            found.append(self.commune_at(index))
            index += 1
        for code in self.aliases.get(key, ()):
            index = self.index_of(code)
            if index is not None and lo <= index < hi:
                commune = self.commune_at(index)
                if commune not in found:
                    found.append(commune)
        return found

    def departement_code(self, text: str) -> str | None:
        """A département code from its code (`41`, `2a`) or its name (`loir et cher`), or None."""
        code = _as_departement(text)
        if code in self.departements:
            return code
        if self._departement_keys is None:
            self._departement_keys = {name_key(name): c for c, (_r, name) in self.departements.items()}
        return self._departement_keys.get(name_key(text))


def _read() -> bytes:
    """communes.tsv from the installed package (essrural/data/), else from the repository's data/.

    The first candidate is the folder `importlib.resources.files("essrural") / "data"`
    designates for a package on disk, reached through os.path to spare the import of
    importlib.resources (and pathlib) on every command; importlib.resources is the last
    resort, for a package loaded from a zip.
    """
    here = os.path.dirname(os.path.realpath(__file__))
    for folder in (os.path.join(here, "data"), os.path.join(os.path.dirname(os.path.dirname(here)), "data")):
        try:
            with open(os.path.join(folder, DATA_NAME), "rb") as file:
                return file.read()
        except OSError:  # missing, or __file__ inside a zip
            continue
    try:
        from importlib.resources import files

        return (files("essrural") / "data" / DATA_NAME).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError, OSError):
        _fail(
            f"fichier des communes introuvable ({DATA_NAME}) : réinstallez essrural, "
            "ou lancez « python scripts/build_communes.py » depuis le dépôt"
        )


def _fail(message: str):
    from .errors import OperationError

    raise OperationError(message)


_loaded: _Data | None = None


def _data() -> _Data:
    global _loaded
    if _loaded is None:
        _loaded = _Data(_read())
    return _loaded
