"""Italian text processing shared by the index and the queries.

The same functions run when a document is indexed and when a query is parsed, so what a person
types meets what an editor wrote: lowercase, accents folded ("città" -> "citta"), Italian
stopwords dropped, Snowball Italian stems ("patti" and "patto" -> "patt"), a few synonyms.
SQLite's FTS5 has no Italian stemmer, so on SQLite the index stores this processed text; on
PostgreSQL the ``italian_unaccent`` text search configuration does the same work in the
database, and only the synonyms and the query syntax come from here.
"""

import functools
import html
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer

MAX_QUERY_CHARS = 200
MAX_TERMS = 12

# A compact Italian stopword list (articles, prepositions, conjunctions, common verbs forms).
STOPWORDS = frozenset(
    """
    a ad agli ai al all alla alle allo anche che chi ci col come con cui da dagli dai dal dall
    dalla dalle dallo degli dei del dell della delle dello di e ed gli ha hanno ho i il in la le
    lo ma ne negli nei nel nell nella nelle nello non o per piu po quale quali quello questa
    queste questi questo se si sia sono su sua sue sugli sui sul sull sulla sulle sullo suo suoi
    tra fra un una uno è e l d s c n the and of
    """.split()
)

# Synonyms: each group of phrases means the same thing. A document that contains one phrase is
# indexed with the others too, so a query for any of them finds it (same on every engine).
SYNONYMS: list[tuple[str, ...]] = [
    ("ets", "enti del terzo settore", "ente del terzo settore", "terzo settore"),
    ("aps", "associazione di promozione sociale", "associazioni di promozione sociale"),
    ("odv", "organizzazione di volontariato", "organizzazioni di volontariato"),
    ("pa", "pubblica amministrazione"),
    ("vis", "valutazione di impatto sociale"),
]

_stemmer = snowballstemmer.stemmer("italian")
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase and strip accents: "Città" -> "citta"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The folded words of ``text``: letters and digits only, so no search syntax survives."""
    return WORD_RE.findall(fold(text))


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def _synonym_groups() -> list[tuple[tuple[str, ...], list[str]]]:
    return [(tuple(words(phrase)), list(group)) for group in SYNONYMS for phrase in group]


_SYNONYM_PHRASES = _synonym_groups()


def synonym_text(text: str) -> str:
    """The other phrases of every synonym group that ``text`` mentions (for the index)."""
    folded = words(text)
    joined = " " + " ".join(folded) + " "
    extra: list[str] = []
    for phrase, group in _SYNONYM_PHRASES:
        if " " + " ".join(phrase) + " " in joined:
            extra.extend(p for p in group if tuple(words(p)) != phrase)
    return " ".join(dict.fromkeys(extra))


def index_terms(text: str) -> str:
    """Processed text for the SQLite FTS index: folded, stopwords out, stemmed."""
    return " ".join(stem(w) for w in words(text) if w not in STOPWORDS)


@dataclass(frozen=True)
class ParsedQuery:
    """What is left of the user's text: plain words, at most ``MAX_TERMS``.

    ``terms`` are folded words (no stopwords), ``stems`` their stems. The last term is also
    matched as a prefix (search as you type) unless the text ended with a space.
    """

    text: str
    terms: tuple[str, ...]
    stems: tuple[str, ...]
    prefix_last: bool

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse_query(text: str) -> ParsedQuery:
    text = (text or "")[: MAX_QUERY_CHARS * 4]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    all_words = words(text)
    terms = [w[:40] for w in all_words if w not in STOPWORDS][:MAX_TERMS]
    if not terms and all_words:
        # Only stopwords ("il", "di"): look for them literally rather than for nothing.
        terms = all_words[:MAX_TERMS]
    cleaned = " ".join(text.split())[:MAX_QUERY_CHARS]
    prefix_last = bool(terms) and not text.endswith(" ") and len(terms[-1]) >= 2
    return ParsedQuery(
        text=cleaned,
        terms=tuple(terms),
        stems=tuple(stem(t) for t in terms),
        prefix_last=prefix_last,
    )


SNIPPET_CHARS = 240
SNIPPET_SCAN_CHARS = 5000


@functools.lru_cache(maxsize=50_000)
def _fold_and_stem(word: str) -> tuple[str, str]:
    folded = fold(word)
    return folded, stem(folded)


def highlight(text: str, query: ParsedQuery, length: int = SNIPPET_CHARS) -> str:
    """An escaped excerpt of ``text`` around the first match, matching words in ``<mark>``.

    Everything is escaped first; only the ``<mark>`` tags are markup.
    """
    text = " ".join((text or "").split())
    if not text:
        return ""
    matches = []
    stems = set(query.stems)
    prefix = query.terms[-1] if query and query.prefix_last else None
    for match in WORD_RE.finditer(text[:SNIPPET_SCAN_CHARS]):
        if matches and match.start() > matches[0][0] + length:
            break  # past the longest excerpt that can start before the first match
        word, word_stem = _fold_and_stem(match.group())
        if word_stem in stems or word in query.terms or (prefix and word.startswith(prefix)):
            matches.append(match.span())
    start = 0
    if matches and matches[0][0] > length // 3:
        start = text.rfind(" ", 0, matches[0][0] - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        cut = text.rfind(" ", start, end)
        end = cut if cut > start else end
    pieces, cursor = [], start
    for begin, finish in matches:
        if begin < start or finish > end:
            continue
        pieces.append(html.escape(text[cursor:begin]))
        pieces.append("<mark>" + html.escape(text[begin:finish]) + "</mark>")
        cursor = finish
    pieces.append(html.escape(text[cursor:end]))
    return ("… " if start else "") + "".join(pieces) + (" …" if end < len(text) else "")
