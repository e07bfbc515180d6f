"""XML exports of comment systems: a Disqus forum export and a WordPress export (WXR), read
with expat and no document type declaration at all.

A DTD is where entities are declared, and entities are how a few hundred bytes of XML expand
to gigabytes ("billion laughs") or pull in files and URLs (external entities). Neither export
has one, so any DOCTYPE is refused before its first declaration is read: that closes every
row of the Python documentation's "XML vulnerabilities" table for the standard library's
expat without another dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

from analysis.sources.records import SKIPPED_AS, _plain_from_html, _Record
from analysis.sources.report import IngestionReport, SourceError

_DISQUS_INTERNALS = "http://disqus.com/disqus-internals"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_WORDPRESS = "http://wordpress.org/export/"  # then "1.0/", "1.1/" or "1.2/"

_XML_START = re.compile(r"\ufeff?\s*<\?xml[\s?]")
_XHTML_START = re.compile(r"\ufeff?\s*<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*"
                          r"<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_ROOT_START = re.compile(r"\ufeff?\s*(?:<!--.*?-->\s*)*<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)[\s>/]",
                         re.DOTALL)


def looks_like_xml(text: str, declaration_only: bool) -> bool:
    """Whether ``text`` is an XML document: it opens with an XML declaration, or (unless
    ``declaration_only``) with a root element that the text closes at its end. The second
    test keeps a chat log that opens with "<alice> hi" a page."""
    if _XHTML_START.match(text):
        return False  # a saved XHTML page: read as a page, as before
    if _XML_START.match(text):
        return True
    if declaration_only:
        return False
    match = _ROOT_START.match(text)
    if match is None:
        return False
    tail = text.rstrip()
    return tail.endswith(f"</{match.group(1)}>") or (tail.endswith("/>") and "\n" not in tail)


_FIRST_ELEMENT = re.compile(r"<(?![?!])(?:[\w.\-]+:)?([\w.\-]+)")


def is_comment_export_head(head: str) -> bool:
    """Whether the start of an XML file (its first few kilobytes) opens a Disqus export or a
    WordPress export, by the root element and, for RSS, the WordPress export namespace
    declared on it: a folder's sitemap or news feed is no source to read."""
    body = re.sub(r"<!--.*?-->", "", head, flags=re.DOTALL)
    match = _FIRST_ELEMENT.search(body)
    if match is None:
        return False
    return match.group(1) == "disqus" or (match.group(1) == "rss" and _WORDPRESS in body)


@dataclass
class _Element:
    namespace: str
    name: str
    attributes: dict[str, str]
    line: int
    end_line: int = 0
    children: list[_Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()

    def child(self, name: str, namespace: str | None = None) -> _Element | None:
        return next((c for c in self.children if c.name == name
                     and (namespace is None or c.namespace.startswith(namespace))), None)

    def child_text(self, name: str, namespace: str | None = None) -> str:
        found = self.child(name, namespace)
        return found.text if found is not None else ""


class _Refused(Exception):
    """A DOCTYPE met while parsing: stops expat before it reads any declaration."""


def _parse(name: str, text: str) -> _Element:
    """The document's root element, its tree with the lines each element spans. A DOCTYPE or
    malformed XML is a SourceError with its line."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Element] = []
    roots: list[_Element] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        namespace, _, local = tag.rpartition("}")
        element = _Element(namespace, local, {key.rpartition("}")[2] if "}" in key else key: value
                                              for key, value in attributes.items()},
                           parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop().end_line = parser.CurrentLineNumber

    def characters(data: str) -> None:
        if stack:
            stack[-1].parts.append(data)

    def refuse(*_args) -> None:
        raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(text.lstrip("\ufeff"), True)
    except _Refused:
        raise SourceError(name, "XML with a document type declaration (DOCTYPE) is not read: "
                          "comment exports have none, and one can declare entities that expand "
                          "without end or read other files", line=parser.CurrentLineNumber
                          ) from None
    except expat.ExpatError as err:
        raise SourceError(name, f"invalid XML: {expat.ErrorString(err.code)} (column "
                          f"{err.offset + 1})", line=err.lineno) from None
    return roots[0]


def _xml_records(name: str, text: str, line_count: int, report: IngestionReport
                 ) -> tuple[list[_Record], dict[int, str], set[int]]:
    """Records of a Disqus or WordPress export, the lines that hold none (XML structure) and
    the lines that hold an article (a Disqus thread, a WordPress post). Any other XML is a
    SourceError naming its root element."""
    root = _parse(name, text)
    if root.name == "disqus":
        records, article_lines = _disqus_records(root, report)
    elif root.name == "rss" and _wordpress_items(root):
        records, article_lines = _wordpress_records(root, report)
    else:
        raise SourceError(name, f"XML with the root element <{root.name}> is neither a Disqus "
                          "export (<disqus>) nor a WordPress export (WXR: <rss> whose items "
                          "hold <wp:comment>); no comments read", line=root.line)
    used = {n for record in records for n in range(record.line_start, record.line_end + 1)}
    structure = {n: "XML structure" for n in range(1, line_count + 1) if n not in used}
    return records, structure, article_lines - used


def _lines(element: _Element) -> set[int]:
    return set(range(element.line, element.end_line + 1))


def _disqus_records(root: _Element, report: IngestionReport) -> tuple[list[_Record], set[int]]:
    """A Disqus export: <thread dsq:id> elements (the pages, each an article) and <post>
    elements naming their thread and the post they answer by dsq:id. The message is HTML.
    Spam and deleted posts are skipped with that reason (their replies move up)."""
    threads: dict[str, dict] = {}
    article_lines: set[int] = set()
    for thread in (c for c in root.children if c.name == "thread"):
        article = {"article_id": thread.attributes.get("id", ""),
                   "article_title": thread.child_text("title"),
                   "article_url": thread.child_text("link"),
                   "article_text": _plain_from_html(thread.child_text("message"))}
        threads[article["article_id"]] = {k: v for k, v in article.items() if v}
    records = []
    commented: set[str] = set()
    for post in (c for c in root.children if c.name == "post"):
        thread = post.child("thread")
        thread_id = thread.attributes.get("id", "") if thread is not None else ""
        commented.add(thread_id)
        parent = post.child("parent")
        author = post.child("author")
        fields = {
            **threads.get(thread_id, {"article_id": thread_id}),
            "comment_id": post.attributes.get("id", "") or post.child_text("id"),
            "parent_id": parent.attributes.get("id", "") if parent is not None else "",
            "author": (author.child_text("name") or author.child_text("username")
                       if author is not None else ""),
            "created_at": post.child_text("createdAt"),
            "text": _plain_from_html(post.child_text("message")),
        }
        if post.child_text("isSpam") == "true":
            fields[SKIPPED_AS] = ("spam: marked isSpam in the Disqus export", "is marked spam")
        elif post.child_text("isDeleted") == "true":
            fields[SKIPPED_AS] = ("deleted comment: marked isDeleted in the Disqus export",
                                  "is deleted (marked so)")
        records.append(_Record(fields, post.line, post.end_line, f"line {post.line}"))
    for thread in (c for c in root.children if c.name == "thread"):
        if thread.attributes.get("id", "") in commented:
            article_lines |= _lines(thread)
    if records:
        report.warn("read as a Disqus export: messages are HTML, read as plain text (tags "
                    "dropped, entities decoded, paragraphs and <br> as line breaks)",
                    "Disqus export")
    return records, article_lines


def _wordpress_items(root: _Element) -> list[_Element]:
    channel = root.child("channel")
    if channel is None:
        return []
    return [item for item in channel.children if item.name == "item"
            and item.child("comment", _WORDPRESS) is not None]


_WORDPRESS_APPROVAL = {
    "0": "not approved: held for moderation in WordPress",
    "spam": "spam: marked spam in WordPress",
    "trash": "in the WordPress trash",
    "post-trashed": "in the WordPress trash (with its post)",
}
_READERS_COMMENT_TYPES = ("", "comment", "review")
"""WordPress comment types written by a reader; pingbacks, trackbacks and plugin notes (an
order note of a shop) are not."""


def _wordpress_records(root: _Element, report: IngestionReport
                       ) -> tuple[list[_Record], set[int]]:
    """A WordPress export (WXR): each <item> with comments is an article (its title, link and
    <content:encoded>), each <wp:comment> a comment: comment_id, comment_parent ("0" for none),
    comment_author, comment_date_gmt (UTC; comment_date, the site's local time, only where the
    GMT one is "0000-00-00 00:00:00"), comment_content (stored with entities, and the inline
    tags WordPress allows). Pingbacks, trackbacks, unapproved, spam and trashed comments are
    skipped with that reason."""
    records = []
    article_lines: set[int] = set()
    for item in _wordpress_items(root):
        article_lines |= _lines(item)
        content = item.child("encoded", _CONTENT)
        article = {"article_id": item.child_text("post_id", _WORDPRESS),
                   "article_title": item.child_text("title"),
                   "article_url": item.child_text("link"),
                   "article_text": re.sub(r"\n{3,}", "\n\n", _plain_from_html(content.text))
                   if content is not None else ""}
        article = {k: v for k, v in article.items() if v}
        for comment in item.children:
            if comment.name != "comment" or not comment.namespace.startswith(_WORDPRESS):
                continue
            value = {c.name: c.text for c in comment.children}
            parent = value.get("comment_parent", "")
            gmt = value.get("comment_date_gmt", "")
            created = (gmt.replace(" ", "T") + "Z" if re.fullmatch(
                r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", gmt) and not gmt.startswith("0000")
                else value.get("comment_date", ""))
            fields = {**article, "comment_id": value.get("comment_id", ""),
                      "parent_id": "" if parent in ("", "0") else parent,
                      "author": value.get("comment_author", ""), "created_at": created,
                      "text": _plain_from_html(value.get("comment_content", ""))}
            kind = value.get("comment_type", "")
            approval = value.get("comment_approved", "1")
            if kind not in _READERS_COMMENT_TYPES:
                fields[SKIPPED_AS] = (f"{kind}: not a reader's comment (comment_type)",
                                      f"is a {kind}")
            elif approval in _WORDPRESS_APPROVAL:
                reason = _WORDPRESS_APPROVAL[approval]
                fields[SKIPPED_AS] = (reason, f"is {reason.split(':')[0]}")
            records.append(_Record(fields, comment.line, comment.end_line,
                                   f"line {comment.line}"))
    if records:
        report.warn("read as a WordPress export (WXR): comment texts are read as WordPress "
                    "stores them, entities decoded and inline tags dropped", "WordPress export")
    return records, article_lines
