"""A matching key for Arabic place names written in Latin letters.

Journalists spell one name many ways: Raqqa, Raqqah, ar-Raqqah, Rakka; Deir ez-Zor, Deir Ezzur,
Deir al-Zour. The key folds the differences that carry no meaning in English transliteration, so
that all spellings of a name share one key and the gazetteer needs only a few of them.

Text is split into tokens (letters and digits, with inside apostrophes: Qa'im); each token gets a
key; the article tokens (al-, el-, ash-, ez- ...) are dropped from the key stream.

>>> name_key("ar-Raqqah") == name_key("Rakka") == name_key("Raqqa")
True
>>> name_key("Deir ez-Zor") == name_key("Deir al-Zour")
True
>>> name_key("Al-Qaem") == name_key("Al Qa'im")
True
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters and digits, with apostrophes inside a word (Qa'im, Ta’mim) kept in the token; a
# possessive 's ends the token before it (Raqqah's -> Raqqah).
# Combining marks (Arabic harakat and shadda, decomposed Latin accents) stay inside the token;
# text without them (most of it) is split by the plain, faster pattern.
COMBINING_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
HAS_MARKS = re.compile(f"[{COMBINING_MARKS}]")
PLAIN_TOKEN_RE = re.compile(r"[^\W_]+(?:['’‘ʼʾʿ`](?![sS]\b)[^\W_]+)*")
_LETTER = rf"(?:[^\W_]|[{COMBINING_MARKS}])"
TOKEN_RE = re.compile(rf"{_LETTER}+(?:['’‘ʼʾʿ`](?![sS]\b){_LETTER}+)*")

# Arabic definite articles as they appear romanised, alone before a hyphen or a space.
ARTICLES = frozenset({
    "al", "el", "ul", "il", "ar", "ash", "as", "ad", "adh", "ath", "at", "az", "an", "ez",
    "es", "ed", "et", "er", "en", "ech", "esh", "uz",
})
# Articles that are also common English words: an article only when joined with a hyphen.
AMBIGUOUS_ARTICLES = frozenset({"as", "at", "an", "ad", "en", "er", "il", "ed", "es", "et", "ul", "uz"})

_APOSTROPHES = dict.fromkeys(map(ord, "'’ʼʾʿ`‘"), None)
_DOUBLED = re.compile(r"(.)\1+")
# whole words that are one word of Arabic names in several romanisations (after folding)
_WORD_FORMS = {
    **dict.fromkeys(("ain", "ein", "ayn", "ayin", "aayn"), "ain"),  # spring
    **dict.fromkeys(("tal", "tall", "tell", "tel", "til"), "tal"),  # hill
    **dict.fromkeys(("tallat", "talat", "tallet", "tellet", "tallit"), "tal"),  # a hill (tallah): Tallat al-Brouk = Tall Baruq
    **dict.fromkeys(("kafr", "kfar", "kfr", "kafar", "kefr", "kufr", "kfer"), "kafr"),  # village
    **dict.fromkeys(("deir", "dayr", "der", "dair", "deyr", "dier", "dir"), "dir"),  # monastery
    **dict.fromkeys(("abu", "abou", "albu", "bu", "bou", "bo"), "abu"),  # Abu Kamal = Albu Kamal = Al Bu Kamal = al-Bo X
}
_REWRITES = (
    ("x", "kh"),  # Latin-script Kurdish and Turkish: Baybux = Baybukh, Xakurke = Khakurke
    ("qua", "qa"),  # Quamishli
    ("q", "k"),
    ("aikh", "ikh"),
    ("iya", "ia"),
    ("ou", "u"),
    ("oo", "u"),
    ("o", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ey", "i"),
    ("e", "i"),
    ("ck", "k"),
    ("ph", "f"),
    ("dh", "d"),
    ("ay", "i"),  # Shuhayl / Shuheil, Bayda / Beida (not 'ai': Qaim would be the name Kim)
)


# '-ya' after a consonant is '-iya' with the i left out (Rawya, Nasrya, Zawya)
_CONSONANT_YA = re.compile(r"([bcdfghjklmnpqrstvwxz])y(?=a)")


def word_forms_of(key: str) -> tuple[str, ...]:
    """The whole-word spellings whose key is ``key`` ('tal': Tal, Tell, Tallat ...), lower case."""
    return tuple(form for form, target in _WORD_FORMS.items() if target == key)


def fold_letters(text: str) -> str:
    """Lower-case ASCII letters: diacritics and apostrophes removed.

    >>> fold_letters("Ţūz Khūrmātū")
    'tuz khurmatu'
    """
    if text.isascii():  # most names: nothing to decompose (the same result, five times faster)
        return text.translate(_APOSTROPHES).lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


ARTICLE_KEY = "~"


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """The key of one token; an unmistakable article becomes ``~``.

    >>> [token_key(t) for t in ("Raqqah", "Rakka", "Mayadeen", "Mayadin", "Qa'im", "Qaem", "al", "Rawya", "Rawiya")]
    ['raka', 'raka', 'miadin', 'miadin', 'kaim', 'kaim', '~', 'rawia', 'rawia']
    """
    if "\u0600" <= token[:1] <= "\u06ff":
        return arabic_token_key(token)
    key = fold_letters(token)
    if key in ARTICLES and key not in AMBIGUOUS_ARTICLES:
        return ARTICLE_KEY
    if key in _WORD_FORMS:
        return _WORD_FORMS[key]
    key = _DOUBLED.sub(r"\1", key)
    if len(key) > 3 and key.endswith(("ah", "eh")):  # ta marbuta: Raqqah, Maskaneh
        key = key[:-2] + "a"
    for old, new in _REWRITES:
        key = key.replace(old, new)
    if "y" in key:
        key = _CONSONANT_YA.sub(r"\1ia", key)  # Rawya = Rawiya, Nasrya = Nasriya
    return _DOUBLED.sub(r"\1", key)


# Arabic script: one letter for the alef forms and hamza carriers, ha for ta marbuta, ya for
# alef maqsura; tatweel, lone hamza and diacritics (harakat, shadda, sukun, dagger alef) dropped.
_ARABIC_MARKS_OFF = {"ـ": None, **dict.fromkeys(map(chr, [*range(0x064B, 0x0660), 0x0670]), None)}
_ARABIC_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي", "ء": None, **_ARABIC_MARKS_OFF})
# the article with the clitics that join it (wa-, bi-, li-, fa-, ka-): 'والرقة', 'بالرقة', 'للرقة'
_ARABIC_ARTICLES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "فلل", "لل", "ال")
ARABIC_CLITICS = ("و", "ب", "ل", "ف", "ك", "وب", "ول")


@lru_cache(maxsize=100_000)
def arabic_token_key(token: str) -> str:
    """The key of one word in Arabic script: letters folded, article and its clitics dropped.

    >>> arabic_token_key("بالرَّقَّة") == arabic_token_key("الرقة") == arabic_token_key("رقه")
    True
    """
    key = token.translate(_ARABIC_FOLD)
    for article in _ARABIC_ARTICLES:
        if key.startswith(article) and len(key) - len(article) >= 2:
            return key[len(article):]
    return key


_ARABIC_MARKS = str.maketrans(_ARABIC_MARKS_OFF)


def arabic_word_forms(word: str) -> tuple[str, ...]:
    """The forms of one Arabic word a word list counts, as written (marks off, letters unfolded):
    the word, without its article (and the clitics joined to it), and with the article. A word
    with a one-letter clitic ('بجروح') is counted as written: stripping a letter would turn names
    ('بقرص') into words ('قرص').

    >>> arabic_word_forms("والكردية"), arabic_word_forms("عنيفه")
    (('والكردية', 'كردية', 'الكردية'), ('عنيفه', 'العنيفه', 'عنيفة', 'العنيفة'))
    """
    word = word.translate(_ARABIC_MARKS)
    folded = word.translate(_ARABIC_FOLD)
    article = next((a for a in _ARABIC_ARTICLES if folded.startswith(a) and len(word) - len(a) >= 2), None)
    stem = word[len(article):] if article is not None else word
    forms = (word, stem, "ال" + stem)
    if word.endswith("ه"):  # ta marbuta written as ha ('عنيفه'): counted as the word it stands for
        forms += tuple(form[:-1] + "ة" for form in forms)
    return tuple(dict.fromkeys(forms))


def arabic_variants(name: str) -> list[str]:
    """An Arabic name and its forms with a clitic on the first word ('وحلب', 'بحلب'); forms with
    the article ('والرقة') need none: the key drops article and clitic together."""
    name = name.strip()
    if not name:
        return []
    if name.translate(_ARABIC_FOLD).startswith("ال"):
        return [name]
    return [name, *(clitic + name for clitic in ARABIC_CLITICS)]


def is_article(token: str, joined_by_hyphen: bool) -> bool:
    """True when ``token`` is an Arabic article before a name (al-Raqqa, ash Sabahiyah)."""
    low = token.lower()
    if low not in ARTICLES:
        return False
    return joined_by_hyphen or low not in AMBIGUOUS_ARTICLES


def name_keys(name: str) -> list[str]:
    """Token keys of a whole name: a leading article dropped, inner articles as ``~``.

    >>> name_keys("Deir al-Zour"), name_keys("As-Zalabia")
    (['dir', '~', 'zur'], ['zalabia'])
    """
    keys: list[str] = []
    for match in (TOKEN_RE if HAS_MARKS.search(name) else PLAIN_TOKEN_RE).finditer(name):
        token = match.group()
        hyphen = name[match.end():match.end() + 1] in "-‑–"
        if is_article(token, hyphen) and match.end() < len(name):
            if keys:
                keys.append(ARTICLE_KEY)
            continue
        keys.append(token_key(token))
    return keys


def name_key(name: str) -> str:
    """One string key for a whole name."""
    return " ".join(name_keys(name))


_ARTICLE_IN_NAME = re.compile(r"^(?P<pre>.*?\b)(?P<art>[AaEe][lrsztdn]|[Aa]sh)[- ](?P<word>\w)(?P<rest>\w*)(?P<post>.*)$")
_SUN_LETTERS = frozenset("tdrzsnl")


def fused_variants(name: str) -> list[str]:
    """Spellings with the article fused to the word: 'Deir Ezzor' for 'Deir ez-Zor' (the article
    takes the sound of a sun letter), 'Arraqqah' for 'ar-Raqqah', 'Alhasakah' for 'al-Hasakah'.

    >>> fused_variants("Deir ez-Zor")
    ['Deir ezzor', 'Deir azzor', 'Deir elzor', 'Deir alzor']
    >>> fused_variants("al-Hasakah"), fused_variants("ar-Raqqah")[:2]
    (['Elhasakah', 'Alhasakah'], ['Erraqqah', 'Arraqqah'])
    """
    match = _ARTICLE_IN_NAME.match(name)
    if not match:
        return []
    pre, word, rest, post = match.group("pre"), match.group("word").lower(), match.group("rest"), match.group("post")
    stems = ([word + word + rest] if word in _SUN_LETTERS else []) + ["l" + word + rest]
    vowels = ("e", "a") if pre else ("E", "A")
    return [f"{pre}{vowel}{stem}{post}" for stem in stems for vowel in vowels]
