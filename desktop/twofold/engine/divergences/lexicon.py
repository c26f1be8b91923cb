"""Word classes the divergence rules reason with: reporting verbs, titles, decisive actions.

These are facts about English news writing, not about any one story: verbs that attribute a
statement, and families of actions whose members state different facts about one event
("suspend" an agreement is not "cancel" it; "injured" is not "killed").
"""

from __future__ import annotations

# Lemmas of verbs that attribute a statement to its subject.
REPORTING_VERBS = frozenset({
    "say", "tell", "state", "announce", "add", "claim", "confirm", "deny", "explain", "note",
    "insist", "warn", "declare", "write", "report", "assert", "argue", "stress", "accuse",
    "allege", "acknowledge", "admit", "reiterate", "emphasize", "emphasise", "describe",
    "indicate", "suggest", "maintain", "contend", "tweet", "post", "comment", "respond", "reply",
})

# Action families: within a family, different classes are different facts about one decision.
# Each entry: lemma -> (family, class). Noun forms are listed with their verbs.
_FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "agreement": {
        "end": ("cancel", "cancellation", "terminate", "termination", "revoke", "revocation",
                "scrap", "abolish", "annul", "annulment", "rescind", "repeal", "denounce",
                "renounce", "abrogate", "abandon", "end", "sever", "break"),
        "pause": ("suspend", "suspension", "pause", "freeze", "halt", "postpone", "defer",
                  "delay"),
        "reduce": ("reduce", "scale", "curb", "limit", "restrict", "downgrade"),
        "review": ("review", "reconsider", "reassess", "question"),
    },
    "harm": {
        "kill": ("kill", "die", "dead", "death", "murder", "slay", "execute"),
        "injure": ("injure", "wound", "hurt", "injury"),
        "missing": ("miss", "missing", "disappear", "abduct", "kidnap"),
    },
    "justice": {
        "arrest": ("arrest", "detain", "detention", "apprehend"),
        "charge": ("charge", "indict", "indictment", "prosecute"),
        "convict": ("convict", "conviction", "sentence", "jail", "imprison"),
        "release": ("release", "free", "acquit", "acquittal", "pardon"),
    },
    "office": {
        "resign": ("resign", "resignation", "quit", "step"),
        "dismiss": ("dismiss", "dismissal", "fire", "sack", "oust", "remove", "depose",
                    "overthrow", "topple"),
    },
    "stance": {
        "confirm": ("confirm", "admit", "acknowledge"),
        "deny": ("deny", "reject", "dispute", "refute"),
    },
    "vote": {
        "approve": ("approve", "pass", "adopt", "ratify", "endorse", "back"),
        "reject": ("veto", "block", "defeat", "vote down"),
    },
}

# Families whose classes are opposite acts rather than degrees of one: in one story the
# legislature passes what the governor vetoes, one party confirms what another denies. Such
# acts are one fact told two ways only when the same doer is named doing both.
OPPOSED_FAMILIES = frozenset({"vote", "stance"})

# Families whose acts befall people: in one incident "killed", "injured" and "missing" are said
# of different victims, so two of them in loosely matched sentences are one fact only when the
# same victim is named in both.
VICTIM_FAMILIES = frozenset({"harm"})

# Classes that are successive stages of one process rather than rival accounts of one act: an
# outlet reports the stage it knows ("arrested" / "charged" / "convicted"), and a later stage
# does not deny an earlier one. A release still stands against any of them.
STAGES = (frozenset({("justice", "arrest"), ("justice", "charge"), ("justice", "convict")}),)

ACTION_CLASSES: dict[str, tuple[str, str]] = {
    lemma: (family, cls)
    for family, classes in _FAMILIES.items()
    for cls, lemmas in classes.items()
    for lemma in lemmas
}
# Lemmas that belong to their class only with this particle ("break off", "step down").
PARTICLE_REQUIRED = {"break": "off", "step": "down", "scale": "back"}

# Spellings of one role word: gender-neutral and abbreviated forms compare equal.
ROLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokespeople": "spokesperson",
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "col": "colonel", "gen": "general", "lt": "lieutenant", "maj": "major", "capt": "captain",
    "sgt": "sergeant", "adm": "admiral", "brig": "brigadier", "pres": "president",
    "govt": "government", "gov": "government", "dept": "department", "sec": "secretary",
    "undersecretary": "under-secretary", "defence": "defense", "advisor": "adviser",
}
# Words in a title that do not change the role ("the", "of", "its", "senior" is kept).
TITLE_FILLER = frozenset({"the", "a", "an", "of", "for", "and", "its", "his", "her", "their",
                          "'s", "’s", "then", "current", "now"})

# Nouns for a stretch of an event's time: a figure "in the first half", "during a 15-2 run", "in
# the first hour" counts part of what a figure of the whole event counts.
STRETCHES = frozenset({"half", "quarter", "period", "inning", "innings", "run", "stretch",
                       "spell", "overtime", "round", "lap", "minute", "hour", "opening"})
