import Instagram
import Testing

@Suite("Shortcode and media id")
struct ShortcodeTests {
    static let examples: [(String, UInt64)] = [
        ("Chunk8-jurw", 2913440072144448240),
        ("aye83DjauH", 482584233761418119),
        ("BqvsDleB3lV", 1922949326347663701),
        ("Bqxp0VSBgJg", 1923502432034620000),
        ("BkQjCfsBIzi", 1806097553666903266),
        ("B-fKL9qpeab", 2278584739065882267),
        ("B1LbfVPlwIA", 2110901750722920960),
        ("CDUMkliABpa", 2365570995034528346),
        ("C6q-XdvsU5v", 3362774363155811951),
        ("DHbVbT4Jx0c", 3592559363503889692),
        ("-Cmh1cukG2", 1117625108441743798),
        ("9o6LshA7zy", 1110393198557248754),
    ]

    @Test("decodes and encodes every worked example of the facts document", arguments: examples)
    func roundTrip(_ code: String, _ pk: UInt64) {
        #expect(Shortcode.decode(code) == pk)
        #expect(Shortcode.encode(pk) == code)
        #expect(MediaID(shortcode: code)?.pk == pk)
        #expect(MediaID(pk: pk).shortcode == code)
    }

    @Test("a 39-character share code decodes from its first 11 characters")
    func shareCode() {
        #expect(Shortcode.decode("CCQQsCXjOaBfS3I2PpqsNkxElV9DXj61vzo5xs0") == 2346448800803776129)
        #expect(Shortcode.canonical("CCQQsCXjOaBfS3I2PpqsNkxElV9DXj61vzo5xs0") == "CCQQsCXjOaB")
    }

    @Test("invalid codes decode to nil")
    func invalid() {
        #expect(Shortcode.decode("") == nil)
        #expect(Shortcode.decode("abc.def") == nil)
        #expect(Shortcode.decode("____________") == nil)
        #expect(Shortcode.decode("__________") != nil)
    }

    @Test("media ids parse with and without the owner")
    func mediaIDs() {
        #expect(MediaID("2913440072144448240_25025320") == MediaID(pk: 2913440072144448240, ownerPK: 25025320))
        #expect(MediaID("2913440072144448240")?.description == "2913440072144448240")
        #expect(MediaID("2913440072144448240_25025320")?.description == "2913440072144448240_25025320")
        #expect(MediaID("abc") == nil)
        #expect(MediaID("1_2_3") == nil)
        #expect(MediaID("0") == nil)
    }
}
