import Foundation
import Postgres
import TestSupport
import Testing
import Web
@testable import App

/// A post's insights history, written byte by byte, is the bytes Foundation's encoder gives (`JSONCoding.encode`) for
/// points read from PostgreSQL (figures and none, engagement rates of every shape, missing metrics with text that
/// needs escaping), and its CSV writes times and rates as the formatters it replaced.
@Suite(.needsStack)
struct InsightsHistoryJSONTests {
    let app = TestApplication(.router)

    /// A point as PostgreSQL returns it: `likes` of `reach` (nil: NULL), every other figure set or none.
    func point(likes: Int64?, reach: Int64?, full: Bool, missing: String = "{}") throws -> MediaInsightPoint {
        let figure: Int64? = full ? 1_234_567 : nil
        return try app.context.database().queryExactlyOne("""
            SELECT 9001::bigint AS id, 42::bigint AS publication_id, 7::bigint AS account_id, '1790"x/y' AS media_id,
                'FEED' AS media_product_type, 'collector' AS source, \(figure)::bigint AS views, \(reach)::bigint AS reach,
                \(likes)::bigint AS likes, \(figure)::bigint AS comments, \(full ? 0 : nil)::bigint AS shares,
                \(figure)::bigint AS saved, \(figure)::bigint AS total_interactions, \(figure)::bigint AS profile_visits,
                \(figure)::bigint AS follows, \(missing)::jsonb::text AS missing,
                '2026-12-06 10:00:00.999999+09'::timestamptz AS collected_at
            """, as: MediaInsightPoint.self)
    }

    @Test func historyIsFoundationsBytes() throws {
        let awkward = #"{"views": "retired \"metric\"\n\t서울 🌆 \u0001", "a/b": "x", "reach": "(#10) not enough viewers"}"#
        let rates: [(Int64?, Int64?)] = [(3, 100), (345, 10_000), (1, 3), (2, 3), (0, 5), (7, 0), (nil, 10), (10, nil), (250, 100)]
        var points = try rates.map { try point(likes: $0.0, reach: $0.1, full: false) }
        points += try rates.map { try point(likes: $0.0, reach: $0.1, full: true, missing: awkward) }
        let from = Date(timeIntervalSince1970: 1_764_000_000.5), to = Date(timeIntervalSince1970: 1_798_761_599.999)
        for (list, media) in [([MediaInsightPoint](), nil), (Array(points.prefix(1)), "17900"), (points, "1790\"x/y")] as [([MediaInsightPoint], String?)] {
            let history = InsightsHandlers.History(postID: 42, accountID: 7, mediaID: media, from: from, to: to, count: list.count,
                                                   points: list.map(MediaInsightJSON.init))
            let written = String(decoding: history.json.body, as: UTF8.self)
            #expect(written == String(decoding: JSONCoding.encode(history), as: UTF8.self))
        }
    }

    @Test func csvTimesAndRatesAreTheFormattersOnes() throws {
        let formatter = ISO8601DateFormatter()
        for seconds in [0.0, 951_782_399.999, 1_764_000_000.5, 4_102_444_800.25, 253_402_300_799.0] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(InsightsCSV.time(date) == formatter.string(from: date), "\(seconds)")
        }
        for (interactions, reach) in [(3, 100), (345, 10_000), (1, 3), (2, 3), (0, 5), (250, 100), (1, 7), (123_456, 7), (5, 1_000_000)] {
            let rate = try #require(MediaInsightJSON.rate(Int64(interactions), Int64(reach)))
            #expect(InsightsCSV.twoDecimals(rate) == String(format: "%.2f", rate), "\(interactions)/\(reach)")
        }
    }
}
