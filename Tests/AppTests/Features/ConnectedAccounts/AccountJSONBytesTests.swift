import Foundation
import Postgres
import TestSupport
import Testing
import Web
@testable import App

/// The accounts list and account info, written byte by byte, are the bytes Foundation's encoder gives
/// (`JSONCoding.encode`): rows read from PostgreSQL (fractional timestamps, NULLs, text that needs escaping).
@Suite(.needsStack)
struct AccountJSONBytesTests {
    let app = TestApplication(.router)

    static let awkward = "q\"uo\\te/slash\nline\ttab\r\u{01}\u{1F}\u{7F} 서울 🌆 \u{2028}end"

    /// A `ConnectedAccount` from a row PostgreSQL writes: every field set (awkward text, usage paused, webhook
    /// subscription) or none; Facebook Login when full unless `flavour` says otherwise.
    func account(full: Bool, flavour: String? = nil) throws -> ConnectedAccount {
        let text: String? = full ? AccountJSONBytesTests.awkward : nil
        let number: Int64? = full ? 1_234_567_890_123 : nil
        return try app.context.database().queryExactlyOne("""
            SELECT 42::bigint AS id, 7::bigint AS user_id, \(flavour ?? (full ? "facebook" : "instagram")) AS flavour,
                '17841400034567890' AS ig_user_id, \(full ? AccountJSONBytesTests.awkward : "bigstar") AS username,
                \(text)::text AS name, \(full ? "MEDIA_CREATOR" : nil)::text AS account_type, \(text)::text AS biography,
                \(text)::text AS website, \(text)::text AS profile_picture_url, \(number)::bigint AS followers_count,
                \(number)::bigint AS follows_count, \(number)::bigint AS media_count, \(text)::text AS page_id,
                now() + interval '59 days 0.999999 seconds' AS token_expires_at,
                \(full ? "2024-02-29 23:59:59.5+00" : nil)::timestamptz AS token_refreshed_at,
                'connected' AS status, \(text)::text AS status_reason, now() - interval '1.25 seconds' AS info_refreshed_at,
                '1999-12-31 23:59:59.999999+09' ::timestamptz AS created_at, now() AS updated_at,
                \(full ? 93 : nil)::integer AS usage_percent,
                \(full ? "2100-01-01 00:00:00.25+00" : nil)::timestamptz AS usage_paused_until,
                \(full ? "comments,story_insights" : nil)::text AS webhook_fields, \(text)::text AS webhook_error
            """, as: ConnectedAccount.self)
    }

    @Test func accountsListIsFoundationsBytes() throws {
        for accounts in [[], [try account(full: true)], [try account(full: false), try account(full: true)],
                         [try account(full: true, flavour: "instagram")]] {
            let listed = ConnectedAccountHandlers.Listed(accounts: accounts.map { ConnectedAccountJSON($0) }, count: accounts.count)
            let written = String(decoding: listed.json.body, as: UTF8.self)
            #expect(written == String(decoding: JSONCoding.encode(listed), as: UTF8.self))
        }
    }

    @Test func accountInfoIsFoundationsBytes() throws {
        for full in [true, false] {
            for cached in [true, false] {
                let info = ConnectedAccountHandlers.Info(account: AccountInfoJSON(try account(full: full), fromCache: cached))
                let written = String(decoding: info.json.body, as: UTF8.self)
                #expect(written == String(decoding: JSONCoding.encode(info), as: UTF8.self))
            }
        }
    }

    @Test func datesAcrossEraBoundariesAreFoundations() {
        for seconds in [0.0, 951_782_399.999, 4_102_444_800.5, 1_798_761_599.0, -86_401.0, 253_402_300_799.0] {
            var out = JSONByteWriter()
            out.date(Date(timeIntervalSince1970: seconds))
            #expect(out.bytes == JSONCoding.encode(Date(timeIntervalSince1970: seconds)), "\(seconds)")
        }
    }
}
