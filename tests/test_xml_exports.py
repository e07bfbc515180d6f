"""XML exports of comment systems (a Disqus forum export, a WordPress WXR file): tiny
hand-made files, the records their exports mark as no comments, and XML that is refused."""

import pytest
from streamlit.testing.v1 import AppTest

from analysis.readers import SourceError, read_source
from analysis.schema import ArticleCol, Col
from analysis.sources.records import SOURCE_TOP_LEVEL
from tests.test_app import (  # noqa: F401 (fixture: stay_on_navigation)
    APP,
    TIMEOUT,
    count_caption,
    stay_on_navigation,
)

DISQUS = """\
<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <category dsq:id="1"><forum>paper</forum><title>General</title></category>
  <thread dsq:id="50">
    <id>post-7</id>
    <link>https://paper.example/bridge/</link>
    <title><![CDATA[The bridge reopens]]></title>
    <message><![CDATA[<p>After two years of works.</p>]]></message>
    <createdAt>2024-03-01T08:00:00Z</createdAt>
  </thread>
  <post dsq:id="101">
    <id />
    <message><![CDATA[<p>Finally &amp; about time.<br>Two years!</p>]]></message>
    <createdAt>2024-03-01T09:00:00Z</createdAt>
    <isDeleted>false</isDeleted>
    <isSpam>false</isSpam>
    <author><name>Ann Lee</name><isAnonymous>false</isAnonymous><username>annlee</username>
    </author>
    <thread dsq:id="50" />
  </post>
  <post dsq:id="102">
    <message><![CDATA[<p>Cheap pills at <a href="http://x.example">x.example</a></p>]]></message>
    <createdAt>2024-03-01T09:01:00Z</createdAt>
    <isDeleted>false</isDeleted>
    <isSpam>true</isSpam>
    <author><name>Deals</name><isAnonymous>true</isAnonymous></author>
    <thread dsq:id="50" />
  </post>
  <post dsq:id="103">
    <message><![CDATA[<p>I said something I regret.</p>]]></message>
    <createdAt>2024-03-01T09:05:00Z</createdAt>
    <isDeleted>true</isDeleted>
    <isSpam>false</isSpam>
    <author><name>Bo</name><username>bo</username></author>
    <thread dsq:id="50" />
    <parent dsq:id="101" />
  </post>
  <post dsq:id="104">
    <message><![CDATA[<p>Answering the one that was deleted.</p>]]></message>
    <createdAt>2024-03-01T09:10:00Z</createdAt>
    <isDeleted>false</isDeleted>
    <isSpam>false</isSpam>
    <author><name>Cy</name><username>cy</username></author>
    <thread dsq:id="50" />
    <parent dsq:id="103" />
  </post>
</disqus>
"""

WXR = """\
<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Town Blog</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <item>
    <title><![CDATA[Market day moves]]></title>
    <link>https://town.example/market/</link>
    <content:encoded><![CDATA[<!-- wp:paragraph -->
<p>The market moves to Friday.</p>
<!-- /wp:paragraph -->]]></content:encoded>
    <wp:post_id>12</wp:post_id>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <wp:comment>
      <wp:comment_id>5</wp:comment_id>
      <wp:comment_author><![CDATA[Dee]]></wp:comment_author>
      <wp:comment_date><![CDATA[2024-03-01 11:00:00]]></wp:comment_date>
      <wp:comment_date_gmt><![CDATA[2024-03-01 10:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Fish &amp; chips on Friday?
Fine by me.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>6</wp:comment_id>
      <wp:comment_author><![CDATA[Eli]]></wp:comment_author>
      <wp:comment_date><![CDATA[2024-03-01 11:30:00]]></wp:comment_date>
      <wp:comment_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Only if it <em>rains</em>.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[]]></wp:comment_type>
      <wp:comment_parent>5</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>7</wp:comment_id>
      <wp:comment_author><![CDATA[Other Blog]]></wp:comment_author>
      <wp:comment_date_gmt><![CDATA[2024-03-01 12:00:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[[&#8230;] the market moves [&#8230;]]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_type><![CDATA[pingback]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>8</wp:comment_id>
      <wp:comment_author><![CDATA[Fay]]></wp:comment_author>
      <wp:comment_date_gmt><![CDATA[2024-03-01 12:05:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Waiting for a moderator.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[0]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>5</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>9</wp:comment_id>
      <wp:comment_author><![CDATA[Bot]]></wp:comment_author>
      <wp:comment_date_gmt><![CDATA[2024-03-01 12:06:00]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[Buy followers]]></wp:comment_content>
      <wp:comment_approved><![CDATA[spam]]></wp:comment_approved>
      <wp:comment_type><![CDATA[comment]]></wp:comment_type>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
  </item>
  <item>
    <title>About</title>
    <wp:post_id>2</wp:post_id>
    <wp:post_type><![CDATA[page]]></wp:post_type>
  </item>
</channel>
</rss>
"""


def _skips(report):
    return report.skipped_by_reason()


def _post_lines(post_id):
    """The number of lines of a <post> of DISQUS, from its opening tag to its closing one."""
    lines = DISQUS.splitlines()
    start = lines.index(f'  <post dsq:id="{post_id}">')
    return lines.index("  </post>", start) - start + 1


def test_disqus_export_threads_posts_authors_and_html_messages(write_source):
    source = read_source(write_source("paper-all.xml", DISQUS))
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert comments[Col.TEXT].to_dict() == {"101": "Finally & about time.\nTwo years!",
                                            "104": "Answering the one that was deleted."}
    assert comments[Col.AUTHOR].tolist() == ["Ann Lee", "Cy"]
    assert comments[Col.CREATED_AT].tolist() == ["2024-03-01T09:00:00Z",
                                                 "2024-03-01T09:10:00Z"]
    assert comments[Col.ARTICLE_ID].tolist() == ["50", "50"]
    article = source.articles.set_index(ArticleCol.ARTICLE_ID).loc["50"]
    assert article[ArticleCol.TITLE] == "The bridge reopens"
    assert article[ArticleCol.URL] == "https://paper.example/bridge/"
    assert article[ArticleCol.TEXT] == "After two years of works."


def test_disqus_spam_and_deleted_posts_are_skipped_with_their_reason(write_source):
    source = read_source(write_source("paper-all.xml", DISQUS))
    comments = source.comments.set_index(Col.COMMENT_ID)
    skips = _skips(source.report)
    assert skips["spam: marked isSpam in the Disqus export"] == _post_lines(102)
    assert skips["deleted comment: marked isDeleted in the Disqus export"] == _post_lines(
        103)
    # The reply to the deleted post answers the post that one answered.
    assert comments.loc["104", Col.PARENT_ID] == "101"
    assert "which is deleted (marked so)" in comments.loc["104", Col.REPLY_EVIDENCE]
    report = source.report
    assert report.accounted_lines == report.total_lines


def test_wordpress_wxr_comments_with_their_post_as_the_article(write_source):
    source = read_source(write_source("town.WordPress.2024-03-02.xml", WXR))
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert comments[Col.TEXT].to_dict() == {"5": "Fish & chips on Friday?\nFine by me.",
                                            "6": "Only if it rains."}
    assert comments[Col.AUTHOR].tolist() == ["Dee", "Eli"]
    assert comments[Col.PARENT_ID].fillna("").to_dict() == {"5": "", "6": "5"}
    assert comments.loc["5", Col.REPLY_EVIDENCE] == SOURCE_TOP_LEVEL
    # The GMT date is UTC; without one, the site's local time is kept as given.
    assert comments[Col.CREATED_AT].tolist() == ["2024-03-01T10:00:00Z", "2024-03-01 11:30:00"]
    assert source.articles[ArticleCol.ARTICLE_ID].tolist() == ["12"]
    assert source.articles[ArticleCol.TITLE].tolist() == ["Market day moves"]
    assert source.articles[ArticleCol.TEXT].tolist() == ["The market moves to Friday."]


def test_wordpress_pingbacks_unapproved_and_spam_are_skipped_with_their_reason(write_source):
    source = read_source(write_source("town.xml", WXR))
    skips = _skips(source.report)
    one_comment = 9  # the lines of each of those <wp:comment> elements
    assert skips["pingback: not a reader's comment (comment_type)"] == one_comment
    assert skips["not approved: held for moderation in WordPress"] == one_comment
    assert skips["spam: marked spam in WordPress"] == one_comment
    assert len(source.comments) == 2
    assert source.report.accounted_lines == source.report.total_lines


@pytest.mark.parametrize("name", ["paper-export", "paper-export.txt", "paper.rss"])
def test_an_xml_export_is_known_by_its_declaration_whatever_its_name(write_source, name):
    source = read_source(write_source(name, DISQUS))
    assert source.report.kind == "xml"
    assert len(source.comments) == 2


def test_a_chat_log_that_opens_with_a_nick_in_brackets_stays_a_page(write_source):
    log = "<alice> the bridge is open\n<bob> finally\n<alice> two years\n"
    source = read_source(write_source("channel-log", log))
    assert source.report.kind == "page"


def test_xml_that_is_no_comment_export_is_refused_naming_the_file_and_line(write_source):
    path = write_source("feed.xml", '<?xml version="1.0"?>\n<feed><entry>hi</entry></feed>\n')
    with pytest.raises(SourceError) as err:
        read_source(path)
    assert err.value.line == 2
    assert "feed.xml:2" in str(err.value) and "<feed>" in str(err.value)
    assert "neither a Disqus export" in str(err.value)


def test_malformed_xml_is_refused_with_its_line(write_source):
    broken = DISQUS.replace("</post>\n  <post dsq:id=\"102\">", "\n  <post dsq:id=\"102\">", 1)
    with pytest.raises(SourceError) as err:
        read_source(write_source("broken.xml", broken))
    assert str(err.value).startswith(f"{err.value.path}:")
    assert "invalid XML: mismatched tag" in err.value.reason
    assert err.value.line == broken.splitlines().index("</disqus>") + 1


def test_entity_expansion_is_refused_before_any_entity_is_declared(write_source):
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
              + "".join(f' <!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">\n'
                        if n > 1 else ' <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;">\n'
                        for n in range(1, 10))
              + "]>\n<disqus><post><message>&lol9;</message></post></disqus>\n")
    with pytest.raises(SourceError) as err:
        read_source(write_source("lolz.xml", laughs))
    assert "document type declaration" in err.value.reason
    assert err.value.line == 2


def test_an_external_entity_is_never_read(write_source, tmp_path):
    secret = write_source("secret.txt", "do not read me")
    xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>\n'
           "<disqus><post><message>&x;</message></post></disqus>\n")
    with pytest.raises(SourceError) as err:
        read_source(write_source("xxe.xml", xxe))
    assert "do not read me" not in str(err.value)
    assert "document type declaration" in err.value.reason


@pytest.mark.parametrize(("name", "content", "count"), [
    ("paper-all.xml", DISQUS, "2 of 2 comments"),
    ("town.WordPress.xml", WXR, "2 of 2 comments"),
])
def test_the_app_reads_an_uploaded_xml_export(name, content, count):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload(name, content.encode(), "text/xml").run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert count_caption(at).startswith(count)


def test_a_saved_xhtml_page_stays_a_page_as_before(write_source):
    xhtml = ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML'
             ' 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
             "<html><body><p>An article.</p></body></html>\n")
    source = read_source(write_source("saved.txt", xhtml))
    assert source.report.kind == "page"
