import Testing
@testable import InstagramSandbox

/// Shortcode ↔ media id, with the worked examples of facts §2.2.
struct ShortcodeTests {
    static let table: [(String, UInt64)] = [
        ("Chunk8-jurw", 2_913_440_072_144_448_240), ("aye83DjauH", 482_584_233_761_418_119),
        ("BqvsDleB3lV", 1_922_949_326_347_663_701), ("Bqxp0VSBgJg", 1_923_502_432_034_620_000),
        ("BkQjCfsBIzi", 1_806_097_553_666_903_266), ("B-fKL9qpeab", 2_278_584_739_065_882_267),
        ("B1LbfVPlwIA", 2_110_901_750_722_920_960), ("CDUMkliABpa", 2_365_570_995_034_528_346),
        ("C6q-XdvsU5v", 3_362_774_363_155_811_951), ("DHbVbT4Jx0c", 3_592_559_363_503_889_692),
        ("-Cmh1cukG2", 1_117_625_108_441_743_798), ("9o6LshA7zy", 1_110_393_198_557_248_754),
    ]

    @Test(arguments: table)
    func decodesAndEncodesTheWorkedExamples(code: String, pk: UInt64) {
        #expect(Shortcode.decode(code) == pk)
        #expect(Shortcode.encode(pk) == code)
    }

    @Test func privateShareCodesDecodeTheirFirstElevenCharacters() {
        #expect(Shortcode.decode("CCQQsCXjOaBfS3I2PpqsNkxElV9DXj61vzo5xs0") == 2_346_448_800_803_776_129)
    }

    @Test(arguments: ["", "abc$", "Chunk8 jurw", "AAAAAAAAAAAAA", "__________________"])
    func rejectsMalformedCodes(code: String) {
        #expect(Shortcode.decode(code) == nil)
    }

    @Test func mediaIDsParseBothForms() {
        #expect(MediaID(parsing: "2913440072144448240") == MediaID(pk: 2_913_440_072_144_448_240))
        #expect(MediaID(parsing: "2913440072144448240_25025320") == MediaID(pk: 2_913_440_072_144_448_240, ownerPK: 25_025_320))
        for bad in ["", "12a", "-1", "1_", "_1", "1_2_3", "99999999999999999999999"] { #expect(MediaID(parsing: bad) == nil) }
    }

    @Test func pksCarryTheirCreationTime() {
        #expect(abs(MediaPK.timestamp(of: 2_913_440_072_144_448_240) - 1_661_529_142.870) < 0.001)
        #expect(abs(MediaPK.timestamp(of: 482_584_233_761_418_119) - 1_371_748_545.376) < 0.001)
        let pk = MediaPK.mint(takenAt: 1_718_090_400, shard: 5, sequence: 1)
        #expect(abs(MediaPK.timestamp(of: pk) - Double(1_718_090_400 - 37)) < 1)
        #expect(Shortcode.encode(pk).count == 11)
    }
}
