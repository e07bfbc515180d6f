"""What reply inference reads from the words of flat comments: one pass over all texts.

:class:`PageFeatures` tokenises every comment of every flat article at once (articles one after
the other, each in page order), plus each article's own text (headline and body) as one extra
document per article. From that it holds, per comment: word counts, second person, question
marks, reply openers and answer openers (``lexicons/replies_*.txt``), a TF-IDF matrix with
per-article IDF (comments and article alike, so a comment can be compared with the comment above
and with its article), and it finds quotes of earlier comments (marked with « », “ ” or "", or
an unmarked run of about five words) and names addressed (``@name``, vocatives, signatures).

Cost is linear in the number of comments: one tokenising pass over all texts, one sort over word
trigrams for quotes, and Python loops only over the few comments that carry quote marks or
names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.text import SECOND_PERSON_WORDS
from analysis.topics import fold_plural

WINDOW = 30
"""How many comments back a name is looked up."""

QUOTE_REACH = 500
"""How many comments back a marked quote is looked up."""

QUOTE_MIN_WORDS = 3
"""Shortest explicitly marked quote («...») that counts as quoting."""

QUOTE_MIN_SHARED = 3
"""Shared word trigrams (a run of about five words) for an unmarked quote."""

QUOTE_OWN_WORDS = 3
"""An unmarked quote moves the link only when the comment adds this many words of its own."""

QUOTE_MAX_SPREAD = 6
"""Trigrams found in more comments of an article than this are common phrases, not quotes."""

NAME_MAX_SPREAD = 2
"""A name found in more of the previous WINDOW comments than this is a topic, not an address."""

_APOSTROPHES = (("’", "'"), ("‘", "'"), ("`", "'"))
_JOIN = "\x02"
_URL = re.compile(r"https?://[^\s\x02]+|www\.[^\s\x02]+")
# Capitalised words that look like vocatives but address nobody on the page.
_NOT_NAMES = frozenset(
    "jesus christ god lord man dude mate sir bro guys folks everyone sheeple well yes no".split()
)
_TOKEN = re.compile(r"\x01|[^\W_]+(?:'[^\W_]+)*")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_SEP = "\x01"
_MARKS = re.compile(r"[«“\"]")
_QUESTION = re.compile(r"\?")
_MARKED_QUOTE = re.compile(r"«\s*([^»]{3,}?)\s*»|“([^”]{3,}?)”|\"([^\"]{3,}?)\"")
_NAME_LITERALS = tuple(
    re.compile(re.escape(w))
    for w in (
        "@",
        "u/",
        " boy",
        " mate",
        "old chap",
        "my friend",
        "hey",
        "hi ",
        "hello",
        "dear",
        "sorry",
        "thanks",
        "cheers",
        "listen",
        "look",
    )
)
_AT_NAME = re.compile(r"(?:^|[\s(])(?:@|/?u/)([A-Za-z0-9_\-]{2,30})")
# A capitalised word used to address someone: "Hey Jim", "..., Jacko." or "Jackie boy".
_VOCATIVE = re.compile(
    r"\b(?:[Hh]ey|[Hh]i|[Hh]ello|[Dd]ear|[Ss]orry|[Tt]hanks|[Cc]heers|[Ll]isten|[Ll]ook)"
    r"[, ]+([A-Z][a-z]{2,15})\b(?!\s+[A-Z])"
    r"|,\s*([A-Z][a-z]{2,15})\s*(?:[.!?,]|$)"
    r"|\b([A-Z][a-z]{2,15})\s+(?:boy|mate|old chap|my friend)\b"
)
_VOCATIVE_COMMA = re.compile(r",\s*[A-Z][a-z]{2,15}\s*(?:[.!?,]|$|\x02)", re.MULTILINE)
# A signature: the comment's last line is a lone name, or ends with "- Name".
_SIGNATURE = re.compile(r"(?:^|\n|[-–—~]\s*)([A-Z][a-z]{2,15})\s*$")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"don't", "it's", "i'm", "that's", "can't", "isn't", "just"}
_P1, _P2, _P3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(1000003)


@cache
def _lexicon(name: str) -> frozenset[str]:
    """Entries of ``analysis/lexicons/replies_<name>.txt``, words joined by one space."""
    text = resources.files("analysis.lexicons").joinpath(f"replies_{name}.txt").read_text("utf-8")
    for a, b in _APOSTROPHES:
        text = text.replace(a, b)
    rows = [ln.strip().lower() for ln in text.splitlines()]
    return frozenset(" ".join(_WORD.findall(r)) for r in rows if r and r[0] != "#")


class PageFeatures:
    """Features of all flat comments, concatenated article after article in page order.

    Documents 0..m-1 are the comments; documents m.. are the articles' own texts, one per
    article that has one (``article_doc[i]`` is comment i's, or -1)."""

    def __init__(self, texts: list[str], articles: np.ndarray, authors: list[object],
                 article_texts: Mapping[object, str] | None = None):
        m = self.m = len(texts)
        self.texts = texts
        keys, art = np.unique(articles, return_inverse=True)
        self.art = art.astype(np.int64)
        new = np.r_[True, art[1:] != art[:-1]] if m else np.zeros(0, bool)
        self.start = np.maximum.accumulate(np.where(new, np.arange(m), 0)) if m else new
        self.authors = [a.lower() if isinstance(a, str) and a else "" for a in authors]
        lookup = article_texts if article_texts is not None else {}
        docs = [(k, lookup.get(key, "")) for k, key in enumerate(keys.tolist())]
        docs = [(k, text) for k, text in docs if isinstance(text, str) and text.strip()]
        own_doc = np.full(len(keys), -1, np.int64)
        own_doc[[k for k, _ in docs]] = m + np.arange(len(docs))
        self.article_doc = own_doc[self.art] if m else np.zeros(0, np.int64)
        self.n = m + len(docs)
        self.doc_art = np.r_[self.art, np.array([k for k, _ in docs], dtype=np.int64)]
        orig = _JOIN.join(texts)
        big = orig.replace(_SEP, " ").lower()
        for a, b in _APOSTROPHES:
            big = big.replace(a, b)
        self.lowered = big.split(_JOIN) if m else []
        low_bounds = _bounds(self.lowered)
        orig_bounds = _bounds(texts)
        self.question = _docs_matching(orig, orig_bounds, _QUESTION, m)
        self.has_marks = _docs_matching(orig, orig_bounds, _MARKS, m)
        # Cheap literal searches first; the name patterns run only where they can match.
        maybe = np.zeros(m, bool)
        for lit in _NAME_LITERALS:
            maybe |= _docs_matching(big, low_bounds, lit, m,
                                    word_start=lit.pattern[0].isalpha())
        self.has_name = _docs_matching(orig, orig_bounds, _VOCATIVE_COMMA, m)
        for i in np.flatnonzero(maybe & ~self.has_name).tolist():
            self.has_name[i] = bool(_AT_NAME.search(texts[i]) or _VOCATIVE.search(texts[i]))
        article_big = "".join(_SEP + " ".join(_WORD.findall(_normalised(t))) for _, t in docs)
        self._tokenise((big.replace(_JOIN, _SEP) if m else "") + article_big)
        addresses = pd.Index(self.vocab).isin(list(SECOND_PERSON_WORDS))
        addressed = np.bincount(self.doc[addresses[self.codes]], minlength=self.n)
        self.second = addressed[:m].astype(bool)
        vocab = self.vocab
        # Lexical closeness compares terms: plurals folded, so "bad actor" meets "bad actors".
        term_of, term_vocab = pd.factorize(pd.Series([fold_plural(w) for w in vocab],
                                                     dtype=object))
        self.term_vocab = np.asarray(term_vocab, dtype=object)
        self.terms = term_of.astype(np.int64)[self.codes] if len(vocab) else self.codes
        self.content = np.fromiter(
            (w not in _STOP and len(w) > 1 and not w.isdigit() for w in self.term_vocab),
            dtype=bool,
            count=len(self.term_vocab),
        )
        self.matrix = self._tfidf()
        self.openers, self.answers = self._openers()
        self._index: tuple[np.ndarray, np.ndarray] | None = None
        self.memo: dict[str, object] = {}  # results of clues that several callers ask for

    def _tokenise(self, big: str) -> None:
        """Tokens of all documents, ``_SEP`` between two documents."""
        toks = _TOKEN.findall(big + _SEP) if self.n else []
        if not toks:
            self.codes = self.doc = np.zeros(0, np.int64)
            self.vocab = self.tokens = np.zeros(0, dtype=object)
            self.nwords = np.zeros(self.n, np.int64)
            self.offset = np.zeros(self.n + 1, np.int64)
            return
        codes, uniq = pd.factorize(pd.Series(toks, dtype=object))
        codes = codes.astype(np.int64)
        sep_code = int(np.flatnonzero(uniq == _SEP)[0])
        is_sep = codes == sep_code
        doc = np.cumsum(is_sep) - is_sep  # separator closes its doc
        keep = ~is_sep
        self.codes, self.doc = codes[keep], doc[keep]
        self.vocab = uniq.to_numpy(dtype=object)
        self.tokens = np.asarray(toks, dtype=object)[keep]
        self.nwords = np.bincount(self.doc, minlength=self.n)
        self.offset = np.r_[0, np.cumsum(self.nwords)]

    def words(self, d: int) -> list[str]:
        return self.tokens[self.offset[d] : self.offset[d + 1]].tolist()

    def _tfidf(self) -> sp.csr_matrix:
        """Rows: documents (comments, then articles); columns: content words; sublinear TF times
        per-article IDF (over the article's comments and its own text), L2-normed."""
        ok = self.content[self.terms] if len(self.terms) else np.zeros(0, bool)
        rows, cols = self.doc[ok], self.terms[ok]
        m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)),
                          shape=(self.n, max(len(self.term_vocab), 1)))
        m.sum_duplicates()
        m.data = 1.0 + np.log(m.data)
        if m.nnz:
            row_of = np.repeat(np.arange(self.n), np.diff(m.indptr))
            art = self.doc_art
            key = art[row_of] * m.shape[1] + m.indices
            _, inv, cnt = np.unique(key, return_inverse=True, return_counts=True)
            size = np.bincount(art, minlength=int(art.max()) + 1)[art[row_of]]
            m.data *= np.log((1.0 + size) / (1.0 + cnt[inv])) + 1.0
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ m)

    def sims(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """TF-IDF cosine of documents a[k] and b[k] (0 where b[k] < 0)."""
        return _row_products(self.matrix, a, b)

    def article_sims(self) -> np.ndarray:
        """TF-IDF cosine of each comment to its article's own text (0 without one)."""
        return self.sims(np.arange(self.m), self.article_doc)

    def _openers(self) -> tuple[np.ndarray, np.ndarray]:
        """Longest entry of the openers and of the answers lexicon each comment starts with."""
        prefixes = []
        pre = np.full(self.m, "", dtype=object)
        for k in range(4):
            has = self.nwords[: self.m] > k
            word = np.full(self.m, "\x02", dtype=object)  # no entry matches a missing word
            word[has] = self.tokens[self.offset[: self.m][has] + k]
            pre = word if k == 0 else pre + " " + word
            prefixes.append(pd.Series(pre, dtype=object))
        found = []
        for name in ("openers", "answers"):
            best = np.full(self.m, "", dtype=object)
            for pre in prefixes:  # shortest first, so longer entries overwrite
                hit = pre.isin(_lexicon(name)).to_numpy()
                best[hit] = pre.to_numpy()[hit]
            found.append(best)
        return found[0], found[1]

    def trigrams(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Hash of each word trigram of a comment (keyed by article), the comment it starts in
        and the token position of its first word. Articles' own texts are left out."""
        c = self.codes.astype(np.uint64)
        if len(c) < 3:
            return np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros(0, np.int64)
        ok = (self.doc[:-2] == self.doc[2:]) & (self.doc[:-2] < self.m)
        with np.errstate(over="ignore"):
            h = ((c[:-2] * _P1 + c[1:-1]) * _P2 + c[2:]) * _P3 + self.doc_art[self.doc[:-2]].astype(
                np.uint64
            )
        return h[ok], self.doc[:-2][ok], np.flatnonzero(ok)

    def _trigram_index(self) -> tuple[np.ndarray, np.ndarray]:
        """(trigram hash, comment) pairs, each once, sorted by hash then comment."""
        if self._index is None:
            h, doc, _ = self.trigrams()
            order = np.lexsort((doc, h))
            h, doc = h[order], doc[order]
            keep = np.r_[True, (h[1:] != h[:-1]) | (doc[1:] != doc[:-1])] if len(h) else []
            self._index = (h[keep], doc[keep])
        return self._index

    def unmarked_quotes(self) -> dict[int, tuple[int, int]]:
        """later comment -> (earlier comment that first used the words, shared trigrams).

        A trigram counts when 2..QUOTE_MAX_SPREAD comments of the article use it; it links each
        later user to its first user. The earlier comment with most shared trigrams wins (the
        nearer one on a tie), from QUOTE_MIN_SHARED trigrams up."""
        h, doc = self._trigram_index()
        if len(h) == 0:
            return {}
        start = np.flatnonzero(np.r_[True, h[1:] != h[:-1]])
        size = np.diff(np.r_[start, len(h)])
        group_size = np.repeat(size, size)
        first = np.repeat(doc[start], size)
        ok = (group_size >= 2) & (group_size <= QUOTE_MAX_SPREAD) & (doc != first)
        if not ok.any():
            return {}
        later, earlier = doc[ok], first[ok]
        key, count = np.unique(later * self.m + earlier, return_counts=True)
        good = count >= QUOTE_MIN_SHARED
        key, count = key[good], count[good]
        if len(key) == 0:
            return {}
        later, earlier = key // self.m, key % self.m
        # per later: most shared trigrams, then nearest earlier comment
        order = np.lexsort((earlier, count, later))
        last = np.r_[later[order][1:] != later[order][:-1], True]
        pick = order[last]
        return {
            int(a): (int(b), int(c))
            for a, b, c in zip(later[pick], earlier[pick], count[pick], strict=True)
        }

    def shared_runs(self, later: np.ndarray, earlier: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each pair, the longest run of words of comment later[k] whose every three-word
        window also occurs in comment earlier[k] (the quoted passage; the first such run on a
        tie): its first word's position in later[k] and its length in words (0: no run).
        Vectorised over all pairs: one membership test of (comment, trigram) keys, then run
        lengths by cumulative sums."""
        first = np.zeros(len(later), np.int64)
        length = np.zeros(len(later), np.int64)
        h, doc, pos = self.trigrams()
        if len(later) == 0 or len(h) == 0:
            return first, length
        partner = np.full(self.m, -1, np.int64)
        partner[later] = earlier
        mine = partner[doc] >= 0
        if not mine.any():
            return first, length
        # Membership of (trigram, earlier comment) in the sorted index: its hash group's rank
        # times m plus the comment is a sorted key, so two binary searches answer it.
        index_h, index_doc = self._trigram_index()
        new_group = np.r_[True, index_h[1:] != index_h[:-1]]
        group_h = index_h[new_group]
        index_key = (np.cumsum(new_group) - 1) * self.m + index_doc
        wanted_h = h[mine]
        # Binary searches run several times faster on sorted needles (cache locality).
        order = np.argsort(wanted_h, kind="stable")
        group = np.empty(len(order), np.int64)
        group[order] = np.minimum(np.searchsorted(group_h, wanted_h[order]), len(group_h) - 1)
        wanted = group * self.m + partner[doc[mine]]
        found = np.empty(len(order), np.int64)
        found[order] = np.minimum(np.searchsorted(index_key, wanted[order]),
                                  len(index_key) - 1)
        hit = (group_h[group] == wanted_h) & (index_key[found] == wanted)
        d, p = doc[mine], pos[mine]
        # A run continues while the next trigram of the same comment also hits.
        cont = np.r_[False, hit[1:] & hit[:-1] & (d[1:] == d[:-1]) & (p[1:] == p[:-1] + 1)]
        run_id = np.cumsum(~cont)
        run_len = np.bincount(run_id, weights=hit.astype(float)).astype(np.int64)[run_id]
        at_start = hit & ~cont
        d, p, run_len = d[at_start], p[at_start], run_len[at_start]
        if len(d) == 0:
            return first, length
        order = np.lexsort((p, -run_len, d))  # per comment: longest run, then earliest
        best = order[np.r_[True, d[order][1:] != d[order][:-1]]]
        slot = np.full(self.m, -1, np.int64)
        slot[later] = np.arange(len(later))
        k = slot[d[best]]
        first[k] = p[best] - self.offset[d[best]]
        length[k] = run_len[best] + 2
        return first, length

    def passage(self, i: int, first: int, length: int) -> str:
        """``length`` words of comment i from word ``first``."""
        return " ".join(self.words(i)[first:first + length])

    def marked_quotes(self) -> dict[int, tuple[int, str]]:
        """later comment -> (first earlier comment, within QUOTE_REACH, holding the words of a
        passage the later one marks as a quote, the passage)."""
        out: dict[int, tuple[int, str]] = {}
        cand = np.flatnonzero(self.has_marks)
        if len(cand) == 0:
            return out
        h, doc = self._trigram_index()
        code_of = {w: k for k, w in enumerate(self.vocab.tolist())}
        segs: list[tuple[int, str]] = []
        firsts: list[tuple[int, int, int]] = []
        for i in cand.tolist():
            for groups in _MARKED_QUOTE.findall(self.texts[i]):
                text = next(g for g in groups if g).lower()
                for a, b in _APOSTROPHES:
                    text = text.replace(a, b)
                words = _WORD.findall(text)
                if len(words) >= QUOTE_MIN_WORDS and all(w in code_of for w in words[:3]):
                    segs.append((i, " ".join(words)))
                    firsts.append(tuple(code_of[w] for w in words[:3]))
        if not segs:
            return out
        c = np.array(firsts, dtype=np.uint64).reshape(-1, 3)
        later = np.array([i for i, _ in segs], dtype=np.int64)
        with np.errstate(over="ignore"):
            hs = ((c[:, 0] * _P1 + c[:, 1]) * _P2 + c[:, 2]) * _P3 + self.art[later].astype(
                np.uint64
            )
        lo, hi = np.searchsorted(h, hs, "left"), np.searchsorted(h, hs, "right")
        for (i, seg), a, b in zip(segs, lo.tolist(), hi.tolist(), strict=True):
            if i in out:
                continue
            key = " " + seg + " "
            floor = max(int(self.start[i]), i - QUOTE_REACH)
            for d in doc[a:b].tolist():  # comments holding the first trigram, in page order
                if d >= i:
                    break
                if d >= floor and key in " " + " ".join(self.words(d)) + " ":
                    out[i] = (d, seg)
                    break
        return out

    def names(self, i: int) -> list[tuple[str, bool]]:
        """Names comment i addresses, each with True for an explicit @name / u/name."""
        text = self.texts[i]
        found = [(f.lower(), True) for f in _AT_NAME.findall(text)]
        for groups in _VOCATIVE.findall(text):
            found.extend((g.lower(), False) for g in groups if g)
        return [(f, at) for f, at in found if f not in _NOT_NAMES]

    def named(self) -> dict[int, tuple[int, str, str]]:
        """later comment -> (nearest earlier comment whose author, signature or words match a
        name the later one addresses, the name, which of the three matched: "author",
        "signature" or "words"); names common in the window are skipped."""
        out: dict[int, tuple[int, str, str]] = {}
        for i in np.flatnonzero(self.has_name).tolist():
            lo = max(int(self.start[i]), i - WINDOW)
            for nm, at in self.names(i):
                k = nm[:4]
                word = re.compile(r"\b" + re.escape(k))
                by_author = [j for j in range(lo, i) if self.authors[j].startswith(k)]
                by_words = [
                    j for j in range(lo, i) if k in self.lowered[j] and word.search(self.lowered[j])
                ]
                by_sign = [j for j in by_words if _signature(self.texts[j])[:4] == k]
                # "@name" / "u/name" that matches only words talks *about* someone (Reddit
                # mentions); a vocative whose name an earlier comment used is an answer to it.
                loose = [] if at or len(by_words) > NAME_MAX_SPREAD else by_words
                for kind, hits in (("author", by_author), ("signature", by_sign),
                                   ("words", loose)):
                    if hits:
                        out[i] = (hits[-1], nm, kind)
                        break
                if i in out:
                    break
        return out


def _bounds(parts: list[str]) -> np.ndarray:
    """Start offset of each part in the parts joined by one character."""
    lens = np.fromiter((len(p) + 1 for p in parts), dtype=np.int64, count=len(parts))
    return np.r_[0, np.cumsum(lens)[:-1]] if len(parts) else lens


def _row_products(x: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Dot product of rows a[k] and b[k] of ``x``, vectorised (0 where b[k] < 0)."""
    out = np.zeros(len(a))
    ok = b >= 0
    if ok.any():
        out[ok] = np.asarray(x[a[ok]].multiply(x[b[ok]]).sum(axis=1)).ravel()
    return out


def _docs_matching(big: str, bounds: np.ndarray, pattern: re.Pattern, m: int,
                   word_start: bool = False) -> np.ndarray:
    """Which of the m parts of ``big`` (starting at ``bounds``) the pattern matches in; with
    ``word_start``, only matches not preceded by a letter ("hey" but not "they": the vocative
    pattern these literals pre-filter for starts at a word boundary)."""
    pos = [k.start() for k in pattern.finditer(big)]
    if word_start:
        pos = [p for p in pos if p == 0 or not big[p - 1].isalpha()]
    out = np.zeros(m, bool)
    if pos:
        out[np.searchsorted(bounds, np.asarray(pos), side="right") - 1] = True
    return out


def _normalised(text: str) -> str:
    """Lower case, straight apostrophes: the form every comparison uses."""
    text = text.lower()
    for a, b in _APOSTROPHES:
        text = text.replace(a, b)
    return text


def _signature(text: str) -> str:
    m = _SIGNATURE.search(text)
    return m.group(1).lower() if m else ""
