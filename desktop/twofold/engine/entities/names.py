"""Names of people and organisations: titles, ranks, name-likeness, matching, spelling variants."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .gazetteer import ascii_fold, demonym_country, lookup_place, slug

if TYPE_CHECKING:
    from nicknames import NickNamer
    from spacy.tokens import Doc, Span, Token

# Military and police ranks: kept before a name in a form ("Col. Abdramane"), recorded as titles.
RANKS = frozenset({
    "col", "colonel", "gen", "general", "lt", "lieutenant", "maj", "major", "capt", "captain",
    "sgt", "sergeant", "adm", "admiral", "brig", "brigadier", "cmdr", "cdr", "commodore", "cpl",
    "corporal", "pvt", "marshal", "ltc", "lt-col", "lt-gen", "maj-gen", "brig-gen", "commandant",
    "det", "detective", "supt", "superintendent", "insp", "inspector", "constable", "dci", "pc",
})
# Courtesy titles: never part of a form and not worth recording.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "messrs", "mme", "mlle", "m"})
# Nouns that head a role ("government spokesman", "Under Secretary of State").
_ROLE_HEADS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "official", "minister",
    "secretary", "undersecretary", "under-secretary", "president", "vice-president", "premier",
    "chancellor", "ambassador", "envoy", "chief", "head", "leader", "director", "chairman",
    "chairwoman", "chair", "chairperson", "commander", "governor", "mayor", "senator",
    "congressman", "congresswoman", "representative", "lawmaker", "mp", "deputy", "adviser",
    "advisor", "counsellor", "councillor", "diplomat", "prosecutor", "judge", "justice", "king",
    "queen", "prince", "princess", "emir", "sheikh", "pope", "cardinal", "bishop", "archbishop",
    "imam", "rabbi", "ceo", "cfo", "coo", "founder", "spokesman's", "attorney", "dr", "prof",
    "professor", "officer", "coordinator", "administrator", "commissioner", "analyst",
    "correspondent", "reporter", "editor", "negotiator", "mediator", "president-elect",
    "manager", "coach", "striker", "forward", "midfielder", "defender", "goalkeeper", "player",
    "executive", "boss", "owner", "economist", "scientist", "researcher", "lawyer", "activist",
    "journalist", "candidate", "nominee", "challenger", "incumbent", "champion", "captain",
    "author", "writer", "actor", "actress", "singer", "doctor", "speaker", "whip",
    "counsel", "sheriff", "sen", "gov", "rep", "atty", "solicitor", "magistrate", "coroner",
    "warden", "treasurer", "comptroller", "auditor", "clerk", "assemblyman", "assemblywoman",
    "alderman", "delegate", "provost", "chaplain", "trooper", "deputies",
})
# Lower-case words that may sit inside a role before a name ("senior government official").
_ROLE_MODIFIERS = frozenset({
    "government", "military", "foreign", "defense", "defence", "interior", "deputy", "vice",
    "under", "assistant", "acting", "interim", "former", "senior", "junior", "top", "prime",
    "state", "national", "army", "navy", "air", "junta", "regime", "security", "finance",
    "press", "chief", "general", "executive", "transitional", "elected", "de", "facto",
})
_CONNECTORS = frozenset({"of", "for", "and", "the", "on", "&", "to"})
# Words that end an organisation's name ("Department", "Council"); no person is called that.
ORG_HEADS = frozenset({
    "department", "ministry", "council", "command", "agency", "union", "committee",
    "commission", "office", "bank", "party", "army", "navy", "force", "forces", "corps", "court",
    "parliament", "assembly", "congress", "senate", "university", "institute", "association",
    "organisation", "organization", "company", "corporation", "corp", "inc", "ltd", "llc", "plc",
    "group", "front", "movement", "alliance", "federation", "fund", "authority", "service",
    "services", "bureau", "board", "centre", "center", "foundation", "league", "club", "church",
    "school", "college", "police", "guard", "brigade", "battalion", "division", "tribunal",
    "secretariat", "community", "nations", "states", "network", "agence", "press", "news",
    "times", "post", "airlines", "airways", "academy", "society", "coalition", "cabinet",
    "administration", "directorate", "embassy", "consulate", "mission", "program", "programme",
    "initiative", "partnership", "reserve", "treasury", "constabulary", "hospital", "prison",
})
GEO_HEADS = frozenset({
    "region", "regions", "desert", "coast", "basin", "valley", "mountains", "river", "sea",
    "ocean", "peninsula", "plateau", "delta", "countries", "states", "belt", "corridor", "strait",
    "gulf", "lake", "islands", "province", "highlands", "lowlands",
})
_STOP = frozenset({"of", "the", "for", "and", "&", "de", "du", "des", "la", "le", "on", "in"})
_REORDER_HEADS = frozenset({"department", "ministry", "office", "secretary"})
LEGAL_FORMS = frozenset({"ag", "inc", "ltd", "plc", "llc", "corp", "co", "sa", "gmbh", "nv",
                         "bv", "spa", "se", "lp", "llp", "limited", "incorporated"})
COUNTRY_MARK = "#"  # marks a country code among the words of an organisation's name


@lru_cache(maxsize=1)
def _nameparser_titles() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    return frozenset(str(t) for t in CONSTANTS.titles)


def bare(word: str) -> str:
    """Lower-case a word without its trailing period ("Col." -> "col")."""
    return word.lower().rstrip(".")


def is_particle(word: str) -> bool:
    """A lower-case particle inside a personal name ("bin", "van", "de", "al")."""
    from nameparser.config import CONSTANTS

    return word.islower() and word in CONSTANTS.prefixes


def is_rank(word: str) -> bool:
    return bare(word) in RANKS


def is_honorific(word: str) -> bool:
    return bare(word) in HONORIFICS


def is_title_word(word: str) -> bool:
    """A word that can open or head a title before a name ("Spokesperson", "Prime", "Col.")."""
    low = bare(word)
    if low in _ROLE_HEADS or low in RANKS or low in _ROLE_MODIFIERS:
        return True
    if len(low) > 3 and low.endswith("s") and low[:-1] in _ROLE_HEADS:
        return True  # "Senators Dianne Feinstein and Saxby Chambliss", "Reps."
    return low in _nameparser_titles() and low not in GENERATIONS and lookup_place(word) is None


def is_role_head(word: str) -> bool:
    low = bare(word)
    return low in _ROLE_HEADS or low in RANKS


@lru_cache(maxsize=16384)
def word_zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


def is_name_like(token: Token) -> bool:
    """A capitalised word that reads as part of a personal name, not a title or a common word."""
    text = token.text
    if not text[:1].isupper() or not text.replace("-", "").replace("'", "").isalpha():
        return False
    if (text.isupper() and len(text) > 1) or token.tag_ == "NNPS":
        return False  # an acronym, or a plural ("Wanderers")
    low = bare(text)
    if is_title_word(text) or low in ORG_HEADS or low in GEO_HEADS or low in _STOP:
        return False
    if lookup_place(text) is not None or demonym_country(text) is not None:
        return False
    return word_zipf(text) < 4.5


_TITLE_SUFFIXES = frozenset({"elect", "designate"})


def title_before(doc: Doc, start: int) -> tuple[int, int] | None:
    """Token range of a title or role written just before a name at `start`, if any."""
    i, first, head_seen = start - 1, start, False
    while i >= 0:
        tok = doc[i]
        text, low = tok.text, bare(tok.text)
        if tok.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT") or (
                tok.ent_type_ == "PERSON" and not is_title_word(text)
                and demonym_country(text) is None):
            break  # another name ends the title: "Rep. Michele Bachmann and Herman Cain"
        if text == "-" and not tok.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
            i -= 1  # "Vice-President"
            continue
        if low in _TITLE_SUFFIXES and i > 1 and doc[i - 1].text == "-" and not (
                doc[i - 1].whitespace_ or doc[i - 2].whitespace_):
            i -= 1  # "President-elect", "Prime Minister-designate": the title before the hyphen
            continue
        if tok.is_punct or tok.is_space or low in ("'s", "’s") or is_honorific(text):
            break
        capitalised = text[:1].isupper()
        if is_role_head(text) or (capitalised and is_title_word(text)):
            head_seen = head_seen or is_role_head(text) or low in _nameparser_titles()
            first = i
        elif low in _ROLE_MODIFIERS or (
                tok.pos_ in ("NOUN", "ADJ") and tok.dep_ in ("compound", "amod", "nmod")
                and i < tok.head.i < start + 4):
            first = i  # "EU climate commissioner", "senior government official"
        elif low in _CONNECTORS and i > 0 and doc[i - 1].text[:1].isupper() and i < start - 1:
            pass  # tentatively part of "Minister of Foreign Affairs"; trimmed below if it leads
            # (never the word just before the name: "King Jr. and Malcolm X" lists two people)
        elif capitalised and (tok.pos_ in ("PROPN", "NOUN", "ADJ") or tok.is_upper):
            if tok.is_sent_start and tok.pos_ != "PROPN" and not is_title_word(text):
                break
            first = i
        else:
            break
        i -= 1
    while first < start and bare(doc[first].text) in _CONNECTORS:
        first += 1
    if not head_seen or first >= start:
        return None
    return first, start


def appositive_titles(span: Span) -> list[str]:
    """Roles given in apposition after a name: "Abdramane, Niger's military spokesperson,"."""
    out: list[str] = []
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ == "NOUN" \
                and is_role_head(child.text):
            first = child.left_edge.i
            if first > 0 and span.doc[first - 1].text == ";":
                continue  # the next item of a list: "Mr. Clapper; the F.B.I. director, ..."
            while first < child.i and span.doc[first].pos_ == "DET":
                first += 1
            out.append(span.doc[first: _appositive_end(span.doc, child)].text.strip(" ,"))
    return out


def _appositive_end(doc: Doc, head: Token) -> int:
    """Where a role in apposition ends: at a semicolon, or before ", and" and the next person
    of a list ("Dianne Feinstein, the chairwoman of the Intelligence Committee, and Saxby
    Chambliss, ..."), which the parser may hang on the role."""
    end = head.right_edge.i + 1
    for tok in doc[head.i + 1:end]:
        if tok.text == ";":
            return tok.i  # "the director of national intelligence; the F.B.I. director, ..."
        if tok.dep_ == "conj" and tok.pos_ == "PROPN" and tok.left_edge.i >= 2 \
                and doc[tok.left_edge.i - 1].dep_ == "cc" and doc[tok.left_edge.i - 2].text == ",":
            return tok.left_edge.i - 2
    return end


@lru_cache(maxsize=8192)
def name_tokens(form: str) -> tuple[str, ...]:
    """Comparable tokens of a personal name: folded, lower-case, without ranks or honorifics."""
    words = [p for w in re.split(r"\s+", ascii_fold(form)) if w for p in _split_particle(w)]
    while words and (is_rank(words[0]) or is_honorific(words[0]) or is_title_word(words[0])) \
            and len(words) > 1:
        words = words[1:]
    return tuple(w.lower().strip(".,") for w in words if w.strip(".,"))


def _split_particle(word: str) -> list[str]:
    """"al-Jaber" -> ["al", "Jaber"], so it compares equal to "Al Jaber"."""
    head, sep, rest = word.partition("-")
    if sep and rest and head.lower() in _HYPHEN_PARTICLES:
        return [head, rest]
    return [word]


_HYPHEN_PARTICLES = frozenset({"al", "el", "ad", "as", "at", "an", "ash", "ibn", "bin", "abu",
                               "abd", "ben"})


def person_key(name: str) -> str:
    return "person:" + slug(" ".join(name_tokens(name)))


def _token_similar(a: str, b: str) -> bool:
    from rapidfuzz.fuzz import ratio

    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    return a[0] == b[0] and ratio(a, b) >= 80


def is_short_form(a: str, b: str) -> bool:
    """Whether one first name is a short form of the other (Dave/David, Liz/Elizabeth)."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    nicknames = nicknamer()
    if b in nicknames.nicknames_of(a) or a in nicknames.nicknames_of(b):
        return True
    return bool(nicknames.canonicals_of(a) & (nicknames.canonicals_of(b) | {b})) or \
        a in nicknames.canonicals_of(b)


@lru_cache(maxsize=1)
def nicknamer() -> NickNamer:
    """The maintained `nicknames` dataset's lookups (first names and their short forms)."""
    from nicknames import NickNamer

    return NickNamer()


def is_known_given_name(word: str) -> bool:
    """Whether the nickname lists know a word as a given name ("Paul"; not "Chide")."""
    nicknames = nicknamer()
    lower = word.lower()
    return bool(nicknames.nicknames_of(lower) or nicknames.canonicals_of(lower))


def _given_match(a: str, b: str) -> bool:
    """Two given names of one person: one spelling, an initial, or a short form (Liz/Elizabeth)."""
    return _token_similar(a, b) or (len(a) > 1 and len(b) > 1 and is_short_form(a, b))


def person_match(a: Sequence[str], b: Sequence[str]) -> float:
    """How surely two name forms (token tuples) name one person: 0 (no) .. 1 (identical)."""
    if not a or not b:
        return 0.0
    if tuple(a) == tuple(b):
        return 1.0
    (a, a_suffix), (b, b_suffix) = _generation(a), _generation(b)
    if a_suffix != b_suffix and len(a) > 1 and len(b) > 1:
        return 0.0  # "Jesse Jackson" and "Jesse Jackson Jr.": father and son
    if not a or not b or not _token_similar(a[-1], b[-1]):
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) == 1:
        return 0.85 if short[-1] == long_[-1] else 0.7
    # every given name of the shorter form must match a given name of the longer, in order
    j = 0
    for tok in short[:-1]:
        while j < len(long_) - 1 and not _given_match(tok, long_[j]):
            j += 1
        if j >= len(long_) - 1:
            return 0.0
        j += 1
    exact = sum(1 for t in short if t in long_)
    return 0.75 + 0.2 * exact / len(short)


def _generation(tokens: Sequence[str]) -> tuple[tuple[str, ...], str]:
    """A name's tokens without a generational suffix ("jr", "iii"), and that suffix."""
    if len(tokens) > 1 and tokens[-1] in GENERATIONS:
        return tuple(tokens[:-1]), tokens[-1]
    return tuple(tokens), ""


GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def spelling_variants(own: Iterable[str], other: Iterable[str]) -> tuple[str, ...]:
    """Forms of `other` that spell a word of the name differently from every form in `own`.

    A shorter or longer form ("Abdramane" / "Amadou Abdramane") is the same spelling, and so
    are accents and British/American spelling ("Organisation"); a word that is close to but not
    equal to one of ours ("Mahamane" / "Mahaman") is a variant.
    """
    own_words = {_regional(w) for f in own for w in name_tokens(f)}
    out: list[str] = []
    for form in other:
        words = [_regional(w) for w in name_tokens(form)]
        if any(w not in own_words and any(_token_similar(w, o) for o in own_words)
               for w in words):
            out.append(form)
    return tuple(dict.fromkeys(out))


_REGIONAL = ((r"is(ation|e|ed|ing)$", r"iz\1"), (r"our$", "or"), (r"tre$", "ter"),
             (r"ence$", "ense"), (r"mme$", "m"))


def _regional(word: str) -> str:
    """One spelling for British and American forms ("organisation", "defence", "centre")."""
    for pattern, repl in _REGIONAL:
        word = re.sub(pattern, repl, word)
    return word


@lru_cache(maxsize=8192)
def org_words(form: str) -> tuple[str, ...]:
    """Words of an organisation's name with country references as ISO codes, in key order.

    "the American Department of Defense" and "US Defense Department" both give
    ["us", "defense", "department"].
    """
    text = re.sub(r"^(the|The)\s+", "", form.replace("’", "'"))
    text = re.sub(r"'s?$", "", text)
    words = [w for w in re.split(r"\s+", text) if w]
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in (3, 2, 1):
            chunk = " ".join(words[i:i + n])
            if len(words[i:i + n]) < n:
                continue
            place = lookup_place(chunk)
            code = demonym_country(chunk) if place is None else None
            if place is not None and place.kind == "country":
                out.append(COUNTRY_MARK + place.key.split(":")[1])
                i += n
                break
            if code:
                out.append(COUNTRY_MARK + code.lower())
                i += n
                break
        else:
            out.append(ascii_fold(words[i]).lower())
            i += 1
    for k, w in enumerate(out):  # "Department of Defense" -> "Defense Department"
        if w in _REORDER_HEADS and k + 2 < len(out) + 1 and k + 1 < len(out) \
                and out[k + 1] == "of":
            out = out[:k] + out[k + 2:] + [w]
            break
    return tuple(w for w in out if w not in _STOP and w.strip(".") not in LEGAL_FORMS)


def org_core(words: Sequence[str]) -> list[str]:
    """Organisation words without country references."""
    return [w for w in words if not w.startswith(COUNTRY_MARK)]


@lru_cache(maxsize=16384)
def org_short_form(short: str, long: str) -> bool:
    """Whether `short` names the organisation `long` with fewer words.

    "State Department" / "US State Department", "Defence Ministry" / "Federal Ministry of
    Defence", "United" / "Manchester United": the short form drops leading qualifiers or a
    place, never the head.
    """
    core_s, core_l = org_core(org_words(short)), org_core(org_words(long))
    if not core_s or len(org_words(long)) <= len(org_words(short)):
        return False
    if len(core_s) >= 2 and core_l[-len(core_s):] == core_s:
        return True
    words = re.sub(r"^(the|The)\s+", "", long).split()
    for k in range(len(words) - 1, 0, -1):
        if lookup_place(" ".join(words[:k])) is not None:
            return org_core(org_words(" ".join(words[k:]))) == core_s
    return False


@lru_cache(maxsize=8192)
def org_key(form: str) -> str:
    return "org:" + slug(" ".join(org_words(form)))


def is_acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def acronym_of(acronym: str, form: str) -> bool:
    """True when `acronym` spells the initials of `form` (function words optional); a word
    that is an acronym itself gives all its letters ("UNRWA": "UN Relief and Works Agency")."""
    letters = acronym.replace(".", "").lower()
    words = [w for w in re.split(r"[\s\-]+", re.sub(r"^(the|The)\s+", "", form)) if w]
    if len(words) < 2:
        return False
    flags = [(w[0].lower(), w.lower() in _STOP or not w[0].isupper(),
              w.replace(".", "").lower() if is_acronym(w) else "") for w in words]

    @cache
    def fits(i: int, j: int) -> bool:
        if j == len(flags):
            return i == len(letters)
        initial, optional, whole = flags[j]
        if i < len(letters) and letters[i] == initial and fits(i + 1, j + 1):
            return True
        if whole and letters.startswith(whole, i) and fits(i + len(whole), j + 1):
            return True
        return optional and fits(i, j + 1)

    return fits(0, 0)
