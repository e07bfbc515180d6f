"""The fourth batch of exports as their tools write them: live chat (chat-downloader, yt-dlp),
VK's wall.getComments, Bilibili's reply pages. Tiny hand-made files in each tool's shape."""

import json

from analysis.readers import read_source
from analysis.schema import Col
from analysis.timeline import normalise_timestamp


def _read(write_source, name, value, lines=False):
    text = ("".join(json.dumps(v, ensure_ascii=False) + "\n" for v in value) if lines
            else json.dumps(value, indent=4, sort_keys=True, ensure_ascii=False))
    source = read_source(write_source(name, text))
    return source.comments.set_index(Col.COMMENT_ID), source.report


def _parents(comments):
    return comments[Col.PARENT_ID].fillna("").to_dict()


def test_microseconds_since_the_epoch_are_a_time():
    assert normalise_timestamp("1476408245123456") == "2016-10-14T01:24:05Z"
    assert normalise_timestamp("1476408245123") == "2016-10-14T01:24:05Z"
    assert normalise_timestamp("14764082451234567") == "14764082451234567"


def test_chat_downloader_json_times_in_microseconds(write_source):
    comments, _ = _read(write_source, "chat.json", [
        {"action_type": "add_chat_item", "author": {"id": "UCa", "name": "Ann"},
         "message": "first!", "message_id": "m1", "message_type": "text_message",
         "time_in_seconds": 1.5, "time_text": "0:01", "timestamp": 1476408245123456},
        {"action_type": "text_message",
         "author": {"display_name": "Bo", "id": "7", "name": "bo"},
         "message": "hi all", "message_id": "m2", "message_type": "text_message",
         "time_in_seconds": 9.0, "time_text": "0:09", "timestamp": 1476408253000000}])
    assert comments[Col.AUTHOR].tolist() == ["Ann", "bo"]
    assert comments[Col.CREATED_AT].tolist() == ["2016-10-14T01:24:05Z",
                                                 "2016-10-14T01:24:13Z"]


def _yt_line(kind, renderer, offset="0"):
    return {"replayChatItemAction": {"actions": [{"addChatItemAction": {
        "item": {kind: renderer}, "clientId": "c"}}], "videoOffsetTimeMsec": offset}}


def test_yt_dlp_live_chat_lines_read_as_messages_and_events_are_skipped(write_source):
    comments, report = _read(write_source, "v.live_chat.json", [
        _yt_line("liveChatViewerEngagementMessageRenderer", {
            "id": "e0", "timestampUsec": "1476408240000000",
            "message": {"runs": [{"text": "Chat replay is on."}]}}),
        _yt_line("liveChatTextMessageRenderer", {
            "id": "m1", "timestampUsec": "1476408245123456",
            "authorName": {"simpleText": "Ann"}, "authorExternalChannelId": "UCa",
            "message": {"runs": [{"text": "see "}, {"text": "https://example.org",
                                                    "navigationEndpoint": {}},
                                 {"text": " "}, {"emoji": {"emojiId": "😀",
                                                           "shortcuts": [":grinning:"]}},
                                 {"emoji": {"emojiId": "UCa/x", "shortcuts": [":yt:"],
                                            "isCustomEmoji": True}}]}}, "5000"),
        _yt_line("liveChatPaidMessageRenderer", {
            "id": "m2", "timestampUsec": "1476408250000000", "authorName": {"simpleText": "Bo"},
            "purchaseAmountText": {"simpleText": "$5.00"}}, "9000")], lines=True)
    assert comments[Col.TEXT].to_dict() == {"m1": "see https://example.org 😀:yt:"}
    assert comments.loc["m1", Col.AUTHOR] == "Ann"
    assert comments.loc["m1", Col.CREATED_AT] == "2016-10-14T01:24:05Z"
    reasons = {s.line: s.reason for s in report.skipped}
    assert reasons[1] == "live chat event, not a message: liveChatViewerEngagementMessageRenderer"
    assert reasons[3] == "live chat item without a message: liveChatPaidMessageRenderer"


def test_vk_wall_comments_with_profiles_and_threads(write_source):
    comments, _ = _read(write_source, "wall.json", {"response": {
        "count": 2, "current_level_count": 2, "can_post": True,
        "items": [
            {"id": 10, "from_id": 1, "date": 1476408245, "text": "Top", "post_id": 5,
             "owner_id": -9, "parents_stack": [], "likes": {"count": 3, "can_like": 1},
             "thread": {"count": 2, "can_post": True, "items": [
                 {"id": 11, "from_id": 2, "date": 1476408300, "text": "Reply to top",
                  "post_id": 5, "owner_id": -9, "parents_stack": [10]},
                 {"id": 12, "from_id": -9, "date": 1476408400, "text": "Reply to the reply",
                  "post_id": 5, "owner_id": -9, "parents_stack": [10], "reply_to_user": 2,
                  "reply_to_comment": 11}]}},
            {"id": 13, "from_id": 3, "date": 1476408500, "text": "Another", "post_id": 5,
             "owner_id": -9, "parents_stack": [], "thread": {"count": 0, "items": []}}],
        "profiles": [{"id": 1, "first_name": "Ivan", "last_name": "Petrov"},
                     {"id": 2, "first_name": "Olga", "last_name": "S."}],
        "groups": [{"id": 9, "name": "City News", "screen_name": "citynews"}]}})
    assert _parents(comments) == {"10": "", "11": "10", "12": "11", "13": ""}
    assert comments[Col.AUTHOR].tolist() == ["Ivan Petrov", "Olga S.", "City News", "id3"]
    assert comments.loc["10", Col.LIKES] == 3
    assert comments.loc["12", Col.CREATED_AT] == "2016-10-14T01:26:40Z"


def _bili(rpid, parent, root, name, text, ctime, replies=None):
    return {"rpid": rpid, "rpid_str": str(rpid), "oid": 1, "type": 1, "mid": 7,
            "root": root, "root_str": str(root), "parent": parent, "parent_str": str(parent),
            "ctime": ctime, "like": 2, "member": {"mid": "7", "uname": name},
            "content": {"message": text, "members": []}, "replies": replies}


def test_bilibili_reply_page_with_sub_replies_and_hot_comments(write_source):
    root = _bili(100, 0, 0, "甲", "第一", 1476408245, [
        _bili(101, 100, 100, "乙", "回复第一", 1476408300),
        _bili(102, 101, 100, "丙", "回复 @乙 :同意", 1476408400)])
    comments, report = _read(write_source, "reply.json", {
        "code": 0, "message": "0", "ttl": 1, "data": {
            "page": {"num": 1, "size": 20, "count": 1, "acount": 4},
            "replies": [root], "hots": [root],
            "upper": {"mid": 1, "top": _bili(90, 0, 0, "UP", "置顶", 1476408000)}}})
    assert _parents(comments) == {"100": "", "101": "100", "102": "101", "90": ""}
    assert comments.loc["102", Col.AUTHOR] == "丙"
    assert comments.loc["100", Col.CREATED_AT] == "2016-10-14T01:24:05Z"
    assert any("repeat comments of the page" in w for w in report.warnings)


def test_bilibili_sub_reply_page_reads_its_root_comment_too(write_source):
    comments, _ = _read(write_source, "sub.json", {"code": 0, "message": "0", "data": {
        "root": _bili(100, 0, 0, "甲", "第一", 1476408245),
        "replies": [_bili(101, 100, 100, "乙", "回复第一", 1476408300)]}})
    assert _parents(comments) == {"100": "", "101": "100"}


def test_an_object_with_an_unknown_response_still_names_the_file(write_source):
    import pytest

    from analysis.sources import SourceError
    with pytest.raises(SourceError, match="no list of comments found"):
        read_source(write_source("other.json", json.dumps({"response": {"status": "ok"}})))


def test_chatterino_log_messages_notices_and_a_log_kept_past_midnight(write_source):
    source = read_source(write_source("channel-2016-10-13.log", (
        "# Start logging at 2016-10-13 23:58:00 UTC\n"
        "[23:58:00] connected\n"
        "[23:59:30]  ann_1: hello chat\n"
        "[23:59:59]  bo: gg: well played\n"
        "[00:00:10]  ann_1: past midnight\n"
        "[00:01:00] bo has been timed out for 10m.\n"
        "# Stop logging at 2016-10-14 00:02:00UTC\n")))
    comments = source.comments
    assert comments[Col.AUTHOR].tolist() == ["ann_1", "bo", "ann_1"]
    assert comments[Col.TEXT].tolist() == ["hello chat", "gg: well played", "past midnight"]
    assert comments[Col.CREATED_AT].tolist() == [
        "2016-10-13T23:59:30Z", "2016-10-13T23:59:59Z", "2016-10-14T00:00:10Z"]
    assert {s.line: s.reason for s in source.report.skipped} == {
        1: "chat log session line", 2: "chat log notice", 6: "chat log notice",
        7: "chat log session line"}


def test_a_chatterino_log_in_a_zone_of_several_meanings_keeps_local_times(write_source):
    source = read_source(write_source("log.txt", (
        "# Start logging at 2021-03-09 19:17:05 CET\n[19:17:05]  ann: hi\n[19:18:00]  bo: yo\n")))
    assert source.comments[Col.CREATED_AT].tolist() == ["2021-03-09T19:17:05",
                                                        "2021-03-09T19:18:00"]
    assert any("'CET'" in w for w in source.report.warnings)


def test_chat_downloader_csv_names_the_author_by_its_flattened_name_column(write_source):
    source = read_source(write_source("chat.csv", (
        "action_type,author.id,author.images.0.url,author.name,message,message_id,"
        "message_type,time_in_seconds,time_text,timestamp\r\n"
        "add_chat_item,UCa,https://yt4.ggpht.com/a,Ann,first!,m1,text_message,1.5,0:01,"
        "1476408245123456\r\n")))
    assert source.comments[Col.AUTHOR].tolist() == ["Ann"]
    assert source.comments[Col.CREATED_AT].tolist() == ["2016-10-14T01:24:05Z"]


def test_a_folder_reads_a_chatterino_log_and_leaves_other_logs_aside(tmp_path):
    from analysis.readers import source_files_in
    (tmp_path / "channel-2016-10-14.log").write_text(
        "# Start logging at 2016-10-14 01:24:05 UTC\n[01:24:05]  ann: hi\n", encoding="utf-8")
    (tmp_path / "server.log").write_text("2016-10-14 01:24:05 INFO started\n", encoding="utf-8")
    readable, other = source_files_in(tmp_path)
    assert [p.name for p in readable] == ["channel-2016-10-14.log"]
    assert [p.name for p in other] == ["server.log"]


def test_the_command_line_names_why_a_folders_log_is_not_read(tmp_path, capsys):
    from analysis.__main__ import main
    (tmp_path / "server.log").write_text("2016-10-14 01:24:05 INFO started\n", encoding="utf-8")
    assert main(["comments", str(tmp_path), "--out", str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path}: not read, a .log that is no Chatterino chat log: server.log" in err
    assert ".log for a Chatterino chat log" in err
    (tmp_path / "channel-2016-10-14.log").write_text(
        "# Start logging at 2016-10-14 01:24:05 UTC\n[01:24:05]  ann: hi\n", encoding="utf-8")
    assert main(["comments", str(tmp_path), "--out", str(tmp_path / "out.csv")]) == 0
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") == 2
