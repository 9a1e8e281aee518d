import Instagram
import Testing

@Suite("Caption hashtags and mentions")
struct CaptionEntitiesTests {
    @Test("Unicode hashtags and mentions, no trailing punctuation, no e-mails", arguments: [
        ("#여행 #café!", ["여행", "café"], [String]()),
        ("Seoul#notatag #ok, #ok again", ["ok"], []),
        ("thanks @user.name_1. and @mina.kim!", [], ["user.name_1", "mina.kim"]),
        ("write to me@example.com or @real_user", [], ["real_user"]),
        ("#2024 is not a tag but #2024seoul is", ["2024seoul"], []),
        ("#東京 #straße #日本語テスト.", ["東京", "straße", "日本語テスト"], []),
        ("emoji #fun🎉 @x🎉", ["fun"], ["x"]),
        ("line\n#one\n@two", ["one"], ["two"]),
        ("# alone @ alone", [], []),
        ("#cafe\u{301} combining", ["cafe\u{301}"], []),
        ("a@b@c @d@e", [], []),
    ])
    func entities(_ caption: String, _ hashtags: [String], _ mentions: [String]) {
        let entities = CaptionEntities(caption)
        #expect(entities.hashtags == hashtags)
        #expect(entities.mentions == mentions)
    }

    @Test("no caption, no entities")
    func empty() {
        #expect(CaptionEntities(nil) == CaptionEntities(""))
        #expect(CaptionEntities(nil).hashtags.isEmpty)
    }
}
