"""Infer who answers whom on flat comment pages.

A scraped page lists comments depth-first (a reply sits under its parent) but shows neither
authors, times nor reply links: only the order of the comments and their words. For each comment
of such a page :func:`infer_parents` picks a parent among the earlier comments of its article, or
none (a new top-level comment), and says why.

Scoring
-------
Candidates for comment ``i`` are

* the *branch stack*: the previous comment and its (inferred) ancestors. Depth-first listing puts
  every true parent on this stack, so each stack level gets a prior that falls with its distance
  from the previous comment;
* the previous ``WINDOW`` comments that are not on the stack (a penalised fallback that lets the
  decoder recover from an earlier mistake);
* earlier comments found through the quote index and name mentions, however far back.

Each candidate's score is a log-odds-like sum of

* the structural prior (``adjacent`` / ``branch:k`` / ``window:d``);
* ``lexical``: TF-IDF cosine (IDF fitted per article, stop words dropped) between the two texts;
* ``quote``: a run of words repeated from the candidate, marked by « », “ ” or "" or not marked;
* ``answer``: the comment opens with Yes / No / Exactly ... and the candidate asked a question,
  or the comment takes up the words of the candidate's question;
* ``name``: an ``@name``, ``u/name`` or vocative name ("..., Jacko") that matches the candidate's
  author (where known) or a name the candidate used.

"None" (top-level) has its own score, lowered by reply cues in the comment: a reply opener
("Yes", "Lol", "So what's your point?"), second person ("you", "your"), a quote, an address.
The choice is greedy from the top of the page; ``reply_confidence`` is the softmax probability of
the chosen candidate among all candidates, so it is high when one candidate clearly wins.

Cost is linear in the number of comments: the candidate set is bounded, similarities come from
one sparse product per block of rows, quotes from one sort over word trigrams.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.schema import Col

WINDOW = 30
"""Comments before the current one that are candidates even when off the branch stack."""

BLOCK = 256
"""Rows per block of the similarity computation; the block also looks back ``SIM_REACH`` rows."""

SIM_REACH = 200
"""How far back similarities are read from the block matrix; farther ones are computed alone."""

MAX_STACK = 12
"""Branch levels considered above the previous comment (its root is always added)."""

QUOTE_MIN_WORDS = 3
"""Shortest explicitly marked quote («...») that counts as quoting."""

QUOTE_MIN_SHARED = 3
"""Shared word trigrams (a run of about five words) for an unmarked quote."""

QUOTE_MAX_SPREAD = 6
"""Trigrams found in more comments of an article than this are common phrases, not quotes."""

# Weights of the score, in log-odds units. Priors follow depth-first listing: the previous comment
# is the likeliest parent, then its parent, and so on (levels 0..4, then PRIOR_DEEP_STEP a level).
# Rounded from a conditional-logit fit of these features on reply trees with known links, then
# kept simple; they are not tuned to any one page.
PRIOR_BRANCH = (0.0, -1.3, -2.1, -2.9, -3.3)
PRIOR_DEEP_STEP = 0.6
PRIOR_ROOT = -0.6  # an ancestor that is itself top-level (given its level on the stack)
PRIOR_OFF_BRANCH = -4.0  # a comment not on the branch stack (recovers from earlier mistakes)
OFF_BRANCH_MIN_SIM = 0.35  # off-branch comments are candidates only this close, or by a cue
NONE_BASE = -0.5
NONE_FRESH = 0.8  # added to "none" when the comment has no reply cue and no word in common
FRESH_MIN_WORDS = 12  # ... and is long enough to stand alone (short quips are mostly replies)
W_LEXICAL = 5.0
W_PREVIOUS_CLOSE = 3.5  # a comment close to the previous one is less likely to skip it
W_QUOTE_MARKED = 4.0
W_QUOTE_UNMARKED = 3.0
W_ANSWER = 1.0
W_QUESTION_TAKEN_UP = 1.0
W_NAME = 3.0
W_AUTHOR = 4.0
CUE_OPENER = 1.5
CUE_SECOND_PERSON = 1.2
CUE_QUOTE = 2.0
CUE_ADDRESS = 1.5

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_MARKED_QUOTE = re.compile(r"«\s*([^»]{3,}?)\s*»|“([^”]{3,}?)”|\"([^\"]{3,}?)\"")
_SECOND_PERSON = re.compile(
    r"\b(?:you|your|yours|you're|youre|yourself|yourselves|you've|you'd|you'll|u|ur)\b",
    re.IGNORECASE,
)
_AT_NAME = re.compile(r"(?:^|[\s(])(?:@|/?u/)([A-Za-z0-9_\-]{2,30})")
# A capitalised word used to address someone: "Hey Jim", "..., Jacko." or "Jackie boy".
_VOCATIVE = re.compile(
    r"(?:\b(?:hey|hi|hello|dear|oh|sorry|thanks|cheers|well|listen|look)[, ]+([A-Z][a-z]{2,15})\b"
    r"|,\s*([A-Z][a-z]{2,15})\s*(?:[.!?,]|$)"
    r"|\b([A-Z][a-z]{2,15})\s+(?:boy|mate|old chap|my friend)\b)"
)
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"don't", "it's", "i'm", "that's", "can't", "isn't", "just"}


@cache
def _lexicon(name: str) -> tuple[tuple[str, ...], ...]:
    """Entries of ``analysis/lexicons/replies_<name>.txt`` as word tuples, longest first."""
    text = resources.files("analysis.lexicons").joinpath(f"replies_{name}.txt").read_text("utf-8")
    rows = [ln.strip().lower() for ln in text.splitlines()]
    entries = {tuple(_WORD.findall(r.translate(_APOSTROPHES))) for r in rows if r and r[0] != "#"}
    return tuple(sorted((e for e in entries if e), key=len, reverse=True))


@cache
def _by_first_word(name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for entry in _lexicon(name):
        out.setdefault(entry[0], []).append(entry)
    return {k: tuple(v) for k, v in out.items()}


def _opener(words: list[str], name: str) -> str:
    """The entry of lexicon ``name`` that the word list starts with (longest), or ''."""
    if not words:
        return ""
    for entry in _by_first_word(name).get(words[0], ()):
        if tuple(words[: len(entry)]) == entry:
            return " ".join(entry)
    return ""


def _norm_words(text: str) -> list[str]:
    return _WORD.findall(text.lower().translate(_APOSTROPHES))


class _Article:
    """Everything the decoder needs about one flat article, in page order."""

    def __init__(self, texts: list[str], authors: list[object], ids: list[str]):
        self.n = len(texts)
        self.texts = texts
        self.ids = ids
        self.authors = [a.lower() if isinstance(a, str) and a else "" for a in authors]
        self.words = [_norm_words(t) for t in texts]
        self.joined = [" " + " ".join(w) + " " for w in self.words]
        self.opener = [_opener(w, "openers") for w in self.words]
        self.answer = [_opener(w, "answers") for w in self.words]
        self.question = ["?" in t for t in texts]
        self.second = [bool(_SECOND_PERSON.search(t)) for t in texts]
        self.names = [self._names(t) for t in texts]
        self._name_words: list[set[str]] | None = None
        self.marked_quotes = [self._marked(t) for t in texts]
        self.matrix = self._tfidf()
        self.unmarked = self._unmarked_quotes()
        self._block_start = -1
        self._block: np.ndarray | None = None
        self._block_lo = 0
        self._rows: dict[int, dict[int, float]] = {}

    @property
    def name_words(self) -> list[set[str]]:
        """First four letters of each word of each comment (for matching names, "jack*")."""
        if self._name_words is None:
            self._name_words = [{w[:4] for w in ws if len(w) >= 3} for ws in self.words]
        return self._name_words

    @staticmethod
    def _names(text: str) -> list[str]:
        found = [m for m in _AT_NAME.findall(text)]
        for groups in _VOCATIVE.findall(text):
            found.extend(g for g in groups if g)
        return [f.lower() for f in found]

    @staticmethod
    def _marked(text: str) -> list[str]:
        if not any(c in text for c in '«“"'):
            return []
        out = []
        for groups in _MARKED_QUOTE.findall(text):
            seg = " ".join(_norm_words(next(g for g in groups if g)))
            if seg.count(" ") + 1 >= QUOTE_MIN_WORDS:
                out.append(seg)
        return out

    def _tfidf(self) -> sp.csr_matrix:
        """Rows: comments; columns: content words; sublinear TF times per-article IDF, L2-normed."""
        vocab: dict[str, int] = {}
        rows, cols = [], []
        for r, ws in enumerate(self.words):
            for w in ws:
                if w in _STOP or len(w) < 2 or w.isdigit():
                    continue
                rows.append(r)
                cols.append(vocab.setdefault(w, len(vocab)))
        m = sp.csr_matrix(
            (np.ones(len(rows)), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
            shape=(self.n, max(len(vocab), 1)),
        )
        m.sum_duplicates()
        m.data = 1.0 + np.log(m.data)
        df = np.bincount(m.indices, minlength=m.shape[1])
        idf = np.log((1.0 + self.n) / (1.0 + df)) + 1.0
        m = m @ sp.diags(idf)
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sp.csr_matrix(sp.diags(1.0 / norms) @ m)

    def _unmarked_quotes(self) -> dict[tuple[int, int], int]:
        """(later, earlier) -> shared word trigrams, each trigram paired with its first and its
        previous occurrence only; trigrams common in the article are skipped."""
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(w, len(vocab)) for w in ws] for ws in self.words]
        lens = np.fromiter((len(x) for x in ids), dtype=np.int64, count=self.n)
        if lens.sum() < 3:
            return {}
        flat = np.fromiter((w for x in ids for w in x), dtype=np.int64, count=int(lens.sum()))
        row = np.repeat(np.arange(self.n), lens)
        v = max(len(vocab), 1)
        ok = row[:-2] == row[2:]
        code = (flat[:-2] * v + flat[1:-1]) * v + flat[2:]
        code, row = code[ok], row[:-2][ok]
        pairs = np.unique(np.stack([code, row], axis=1), axis=0)  # one per trigram and comment
        code, row = pairs[:, 0], pairs[:, 1]
        start = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
        size = np.diff(np.r_[start, len(code)])
        group_size = np.repeat(size, size)
        first = np.repeat(row[start], size)
        prev = np.r_[-1, row[:-1]]
        keep = (group_size >= 2) & (group_size <= QUOTE_MAX_SPREAD) & (row != first)
        later = np.r_[row[keep], row[keep]]
        earlier = np.r_[first[keep], prev[keep]]
        dup = np.r_[np.zeros(keep.sum(), bool), first[keep] == prev[keep]]
        later, earlier = later[~dup], earlier[~dup]
        if len(later) == 0:
            return {}
        key, count = np.unique(later * self.n + earlier, return_counts=True)
        key = key[count >= QUOTE_MIN_SHARED]
        count = count[count >= QUOTE_MIN_SHARED]
        return {
            (int(k // self.n), int(k % self.n)): int(c)
            for k, c in zip(key.tolist(), count.tolist(), strict=True)
        }

    def sim(self, i: int, j: int) -> float:
        """TF-IDF cosine of comments i and j (j < i)."""
        start = (i // BLOCK) * BLOCK
        if start != self._block_start:
            lo = max(0, start - SIM_REACH)
            hi = min(self.n, start + BLOCK)
            self._block = (self.matrix[start:hi] @ self.matrix[lo:hi].T).toarray()
            self._block_start, self._block_lo = start, lo
        if j >= self._block_lo:
            return float(self._block[i - start, j - self._block_lo])
        return _dot(self._row(i), self._row(j))

    def _row(self, i: int) -> dict[int, float]:
        row = self._rows.get(i)
        if row is None:
            lo, hi = self.matrix.indptr[i], self.matrix.indptr[i + 1]
            row = dict(
                zip(
                    self.matrix.indices[lo:hi].tolist(),
                    self.matrix.data[lo:hi].tolist(),
                    strict=True,
                )
            )
            self._rows[i] = row
        return row

    def close_before(self, i: int) -> set[int]:
        """Comments among the previous WINDOW at TF-IDF cosine >= OFF_BRANCH_MIN_SIM to i."""
        lo = max(0, i - WINDOW)
        if lo >= i:
            return set()
        self.sim(i, i - 1)  # loads the block holding row i
        row = self._block[i - self._block_start, lo - self._block_lo : i - self._block_lo]
        return {lo + int(k) for k in np.flatnonzero(row >= OFF_BRANCH_MIN_SIM)}

    def named_before(self, i: int, names: list[str]) -> set[int]:
        """Comments among the previous WINDOW whose author or words match a name i uses."""
        keys = {nm[:4] for nm in names}
        return {
            j
            for j in range(max(0, i - WINDOW), i)
            if keys & self.name_words[j]
            or any(self.authors[j].startswith(k) for k in keys if self.authors[j])
        }

    def shared_run(self, i: int, j: int) -> str:
        """Longest run of words of comment i that also occurs in comment j."""
        a, b = self.words[i], self.joined[j]
        best = ""
        for s in range(len(a)):
            e = s + max(best.count(" ") + 2, 3) if best else s + 3
            while e <= len(a) and " " + " ".join(a[s:e]) + " " in b:
                best = " ".join(a[s:e])
                e += 1
        return best


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _decode(art: _Article) -> tuple[list[int], list[float], list[str]]:
    """Greedy top-to-bottom choice of parents (-1: top-level)."""
    n = art.n
    parent = [-1] * n
    conf = [1.0] * n
    evid = ["first comment"] * n
    # Quote and name hits that may lie beyond the window, by the later comment.
    far: dict[int, set[int]] = {}
    for later, earlier in art.unmarked:
        far.setdefault(later, set()).add(earlier)
    marked_hits: dict[int, dict[int, str]] = {}
    for i in range(n):
        for seg in art.marked_quotes[i]:
            key = " " + seg + " "
            for j in range(i - 1, max(-1, i - 1 - 5 * SIM_REACH), -1):
                if key in art.joined[j] and not any(seg == q for q in art.marked_quotes[j]):
                    marked_hits.setdefault(i, {}).setdefault(j, seg)
                    far.setdefault(i, set()).add(j)
                    break
    for i in range(1, n):
        stack: list[int] = []
        c = i - 1
        while c >= 0 and len(stack) < MAX_STACK:
            stack.append(c)
            c = parent[c]
        while c >= 0 and parent[c] >= 0:
            c = parent[c]
        if c >= 0:
            stack.append(c)  # the branch's root, however deep the branch
        rank = {c: k for k, c in enumerate(stack)}
        names = art.names[i]
        cands = set(stack) | far.get(i, set()) | art.close_before(i)
        if names:
            cands |= art.named_before(i, names)
        quoted = i in marked_hits or any((i, j) in art.unmarked for j in far.get(i, ()))
        cue = []
        none_score = NONE_BASE
        if art.opener[i]:
            none_score -= CUE_OPENER
            cue.append(f'opener:"{art.opener[i]}"')
        if art.second[i]:
            none_score -= CUE_SECOND_PERSON
        if quoted:
            none_score -= CUE_QUOTE
        if names:
            none_score -= CUE_ADDRESS
        best_j, best_s = -1, none_score
        sims = {j: art.sim(i, j) for j in cands}
        if (
            not cue
            and not art.second[i]
            and not quoted
            and not names
            and len(art.words[i]) >= FRESH_MIN_WORDS
            and max(sims.values()) <= 0
        ):
            none_score += NONE_FRESH
            best_s = none_score
        scores = [none_score]
        prev_close = W_PREVIOUS_CLOSE * sims[i - 1]
        for j in cands:
            k = rank.get(j)
            if k is None:
                s = PRIOR_OFF_BRANCH - prev_close
            elif k == 0:
                s = PRIOR_BRANCH[0]
            else:
                s = (
                    (
                        PRIOR_BRANCH[k]
                        if k < len(PRIOR_BRANCH)
                        else PRIOR_BRANCH[-1] - PRIOR_DEEP_STEP * (k + 1 - len(PRIOR_BRANCH))
                    )
                    + (PRIOR_ROOT if parent[j] < 0 else 0.0)
                    - prev_close
                )
            lex = sims[j]
            s += W_LEXICAL * lex
            if art.question[j]:
                if art.answer[i]:
                    s += W_ANSWER
                s += W_QUESTION_TAKEN_UP * lex
            if i in marked_hits and j in marked_hits[i]:
                s += W_QUOTE_MARKED
            elif (i, j) in art.unmarked:
                s += W_QUOTE_UNMARKED
            if names:
                if art.authors[j] and any(art.authors[j].startswith(nm[:4]) for nm in names):
                    s += W_AUTHOR
                elif any(nm[:4] in art.name_words[j] for nm in names):
                    s += W_NAME
            scores.append(s)
            if s > best_s or (s == best_s and best_j >= 0 and j > best_j):
                best_j, best_s = j, s
        top = max(scores)
        total = sum(math.exp(s - top) for s in scores)
        conf[i] = math.exp(best_s - top) / total
        parent[i] = best_j
        evid[i] = _evidence(art, i, best_j, rank, marked_hits, names, cue)
    return parent, conf, evid


def _evidence(art, i, j, rank, marked_hits, names, cue) -> str:
    if j < 0:
        return "; ".join(cue + ["new_topic"]) if cue else "new_topic; no reply cue"
    parts = []
    if i in marked_hits and j in marked_hits[i]:
        parts.append(f'quote:"{marked_hits[i][j]}"')
    elif (i, j) in art.unmarked:
        parts.append(f'quote:"{art.shared_run(i, j)}"')
    if names and (
        any(art.authors[j].startswith(nm[:4]) for nm in names if art.authors[j])
        or any(nm[:4] in art.name_words[j] for nm in names)
    ):
        parts.append(f'name:"{names[0]}"')
    if art.second[i]:
        parts.append("second_person")
    if art.question[j] and art.answer[i]:
        parts.append(f'answer:"{art.answer[i]}"')
    elif art.opener[i]:
        parts.append(f'opener:"{art.opener[i]}"')
    lex = art.sim(i, j)
    if lex >= 0.05:
        parts.append(f"lexical:{lex:.2f}")
    k = rank.get(j)
    parts.append("adjacent" if k == 0 else f"branch:{k}" if k is not None else f"back:{i - j}")
    return "; ".join(parts)


def infer_parents(comments: pd.DataFrame) -> pd.DataFrame:
    """Choose a parent for each comment of the articles that have no source links.

    Reads Col.ARTICLE_ID, Col.COMMENT_ID, Col.POSITION (0-based page order in the article),
    Col.TEXT, Col.REPLY_CONFIDENCE (NA on every row of a flat article) and Col.AUTHOR if present.
    For flat articles writes Col.PARENT_ID (an earlier comment_id of the same article, or NA for a
    top-level comment), Col.REPLY_CONFIDENCE (softmax probability of the choice, 0-1),
    Col.REPLY_EVIDENCE (the clues that fired, ";"-joined, with quoted words) and Col.INFERRED
    (True). Rows of articles with source links keep their parent, get confidence 1, evidence
    "source link" and inferred False. Returns a new frame in the input's row order.
    """
    out = comments.copy()
    n = len(out)
    parent = (
        out[Col.PARENT_ID].astype(object)
        if Col.PARENT_ID in out
        else pd.Series([pd.NA] * n, index=out.index, dtype=object)
    )
    conf = (
        pd.to_numeric(out[Col.REPLY_CONFIDENCE], errors="coerce")
        if Col.REPLY_CONFIDENCE in out
        else pd.Series(np.nan, index=out.index)
    ).astype(float)
    evidence = (
        out[Col.REPLY_EVIDENCE].astype(object)
        if Col.REPLY_EVIDENCE in out
        else pd.Series([pd.NA] * n, index=out.index, dtype=object)
    )
    inferred = pd.Series(False, index=out.index, dtype=bool)
    if n == 0:
        return out.assign(
            **{
                Col.PARENT_ID: parent,
                Col.REPLY_CONFIDENCE: conf,
                Col.REPLY_EVIDENCE: evidence,
                Col.INFERRED: inferred,
            }
        )
    flat = conf.isna().groupby(out[Col.ARTICLE_ID], sort=False).transform("all").to_numpy()
    # Source-linked rows: unchanged link, full confidence.
    linked = ~flat
    conf[linked] = 1.0
    ev_missing = evidence.isna() | (evidence.astype(str) == "")
    evidence[linked & ev_missing.to_numpy()] = "source link"

    order_key = (
        out[Col.POSITION] if Col.POSITION in out else pd.Series(np.arange(n), index=out.index)
    )
    frame = pd.DataFrame(
        {"art": out[Col.ARTICLE_ID].to_numpy(), "pos": order_key.to_numpy(), "row": np.arange(n)}
    )[flat]
    authors = out[Col.AUTHOR] if Col.AUTHOR in out else pd.Series([None] * n, index=out.index)
    texts = out[Col.TEXT].fillna("").astype(str).to_numpy()
    ids = out[Col.COMMENT_ID].astype(str).to_numpy()
    auth = authors.to_numpy(dtype=object)
    par_arr = parent.to_numpy(dtype=object, copy=True)
    conf_arr = conf.to_numpy(dtype=float, copy=True)
    ev_arr = evidence.to_numpy(dtype=object, copy=True)
    inf_arr = inferred.to_numpy(dtype=bool, copy=True)
    for _, grp in frame.sort_values(["art", "pos"], kind="stable").groupby("art", sort=False):
        rows = grp["row"].to_numpy()
        art = _Article([texts[r] for r in rows], [auth[r] for r in rows], [ids[r] for r in rows])
        par, cf, ev = _decode(art)
        for k, r in enumerate(rows):
            par_arr[r] = ids[rows[par[k]]] if par[k] >= 0 else pd.NA
            conf_arr[r] = cf[k]
            ev_arr[r] = ev[k]
            inf_arr[r] = True
    return out.assign(
        **{
            Col.PARENT_ID: pd.Series(par_arr, index=out.index, dtype=object),
            Col.REPLY_CONFIDENCE: pd.Series(conf_arr, index=out.index, dtype=float),
            Col.REPLY_EVIDENCE: pd.Series(ev_arr, index=out.index, dtype=object),
            Col.INFERRED: pd.Series(inf_arr, index=out.index, dtype=bool),
        }
    )
