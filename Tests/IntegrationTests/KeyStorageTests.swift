import Crypto
import Foundation
import Postgres
import Testing

/// API keys as stored and listed: only the SHA-256 of a key is in PostgreSQL; `instagate keys list` shows id,
/// user, name, prefix, created and state, never a key (README, "API keys").
@Suite(.threaded, .needsStack)
struct KeyStorageTests {
    @Test func onlyTheKeysSHA256IsStored() throws {
        let name = "stored-\(UUID().uuidString.prefix(8))"
        let key = try TestStack.newKey(name: name)
        #expect(key.hasPrefix("igk_"), "\(key)")
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        let rows = try db.query("SELECT encode(key_hash, 'hex') AS hash, key_prefix, row_to_json(k)::text AS whole FROM api_keys k WHERE name = \(name)")
        try #require(rows.count == 1)
        let row = try #require(rows.first)
        let digest = SHA256.hash(data: Array(key.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(try row.decode("hash", as: String.self) == digest)
        let prefix = try row.decode("key_prefix", as: String.self)
        #expect(key.hasPrefix(prefix) && prefix.count <= 10, "a short prefix only: \(prefix)")
        let whole = try row.decode("whole", as: String.self)
        #expect(!whole.contains(String(key.dropFirst(prefix.count))), "the key itself is nowhere in its row")
        // Nor in any other table of the schema: every text column of every row, as one text per table.
        let tables = try db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
            .map { try $0.decode("table_name", as: String.self) }
        for table in tables {
            let found = try db.query("SELECT count(*) AS n FROM \(unsafeSQL: "\"" + table + "\"") t WHERE strpos(row_to_json(t)::text, \(String(key.dropFirst(4)))) > 0")
            #expect(try found.first?.decode("n", as: Int64.self) == 0, "\(table) holds the key")
        }
    }

    @Test func keysListShowsEveryKeyButNeverAKey() throws {
        let name = "listed-\(UUID().uuidString.prefix(8))"
        let key = try TestStack.newKey(name: name)
        let me = try TestHTTP().get("/api/me", key: key).json
        let keyID = try #require(((me["user"] as? [String: Any])?["key_id"] as? NSNumber)?.intValue)
        let listed = try TestStack.cli(["keys", "list"])
        #expect(listed.status == 0, "\(listed.err)")
        let lines = listed.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "ID\tUSER\tNAME\tPREFIX\tCREATED\tSTATE\tADMIN\tMINTED BY", "\(lines.first ?? "")")
        let line = try #require(lines.first { $0.split(separator: "\t").dropFirst(2).first.map(String.init) == name }, "\(listed.out.suffix(500))")
        let fields = line.split(separator: "\t").map(String.init)
        #expect(fields[0] == String(keyID))
        #expect(fields[3] == String(key.prefix(10)) + "…")
        #expect(fields[5] == "active")
        #expect(fields[6] == "yes" && fields[7] == "-", "the CLI's keys are admin keys, minted by no key")
        #expect(!listed.out.contains(String(key.dropFirst(10))), "keys list prints no key")
        #expect(try TestStack.cli(["keys", "revoke", String(keyID)]).status == 0)
        let after = try TestStack.cli(["keys", "list"]).out.split(separator: "\n").first { $0.contains("\t\(name)\t") } ?? ""
        #expect(after.split(separator: "\t").dropFirst(5).first?.hasPrefix("revoked ") == true, "\(after)")
        #expect(try TestHTTP().get("/api/me", key: key).status == 401)
    }
}
