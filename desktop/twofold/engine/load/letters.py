"""Letters as letters: typographic compatibility characters folded to the text a reader sees.

PDFs and some pages spell "official" with a ligature glyph ("oﬀicial"), Asian input methods give
full-width Latin letters and digits ("２０２４"), and word processors leave soft hyphens and
zero-width spaces inside words. Each such word would show as a change against the same article in
plain text, and find would not match it. Only these characters are folded (NFKC-style), so "½",
"m²", "™", "…" and CJK punctuation in CJK text stay as written.
"""

from __future__ import annotations

import re
import unicodedata

# invisible characters that only mark where a word may break, or glue nothing
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_CJK = ("\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
        "\uff61-\uff9f\U00020000-\U0002ffff")
# full-width punctuation and symbols: folded in Latin text, kept beside CJK characters
_WIDE_PUNCTUATION = re.compile(
    f"(?<![{_CJK}])[\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e](?![{_CJK}])")
_FOLDED = re.compile(
    "["
    "\u0132\u0133\u01c4-\u01cc\u01f1-\u01f3"  # Latin digraph letters: Dutch ĳ, Croatian ǆ ǉ ǌ
    "\ufb00-\ufb06\ufb13-\ufb17"  # Latin and Armenian typographic ligatures: ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ
    "\ufb50-\ufdff\ufe70-\ufefc"  # Arabic presentation forms (shapes, not letters)
    "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"  # full-width digits and Latin letters
    "\uff61-\uffdc\uffe0-\uffee"  # half-width katakana and hangul, full-width symbols (￥)
    "\U0001d400-\U0001d7ff"  # mathematical bold/italic letters ("𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠" posts)
    "]+"
)


def fold_letters(text: str) -> str:
    """`text` with compatibility characters folded and invisible break marks removed."""
    if text.isascii():
        return text
    text = _INVISIBLE.sub("", text)
    text = _WIDE_PUNCTUATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    # whole runs at once: a half-width kana and its voicing mark compose into one letter
    return _FOLDED.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
