import App
import ArgumentParser
import Foundation
import Postgres

/// `instagate keys create|list|revoke`.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API keys.", subcommands: [Create.self, List.self, Revoke.self])

    static func store() throws -> APIKeyStore {
        let (configuration, _) = try Environment.start(label: "instagate.keys")
        return APIKeyStore(db: try PostgresConnection(conninfo: configuration.databaseURL, applicationName: "instagate-keys"))
    }

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an admin key (it may mint keys through the API) and print it once on stdout (only its SHA-256 is stored).")

        @Option(help: "A name for the key (and for the new API user).")
        var name: String

        @Option(help: "Add the key to this existing API user instead of creating one.")
        var user: Int64?

        func validate() throws {
            guard (1...200).contains(name.count) else { throw ValidationError("--name must be 1 to 200 characters") }
        }

        func run() throws {
            let (key, listing) = try Keys.store().create(name: name, userID: user)
            print(key)
            FileHandle.standardError.write(Data(
                "created key \(listing.id) (\(listing.prefix)…) for API user \(listing.userID) '\(listing.userName)'; it is shown only once\n".utf8))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never the keys themselves).")

        func run() throws {
            let keys = try Keys.store().list()
            print("ID\tUSER\tNAME\tPREFIX\tCREATED\tSTATE\tADMIN\tMINTED BY")
            for key in keys {
                let state = key.revokedAt.map { "revoked \($0.formatted(.iso8601))" } ?? "active"
                print("\(key.id)\t\(key.userID):\(key.userName)\t\(key.name)\t\(key.prefix)…\t\(key.createdAt.formatted(.iso8601))\t\(state)\t\(key.isAdmin ? "yes" : "no")\t\(key.mintedBy.map(String.init) ?? "-")")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key by id, and every key it minted, recursively; they stop working at once.")

        @Argument(help: "The key's id (see `instagate keys list`).")
        var id: Int64

        func run() throws {
            let revoked = try Keys.store().revoke(id: id)
            guard revoked.contains(id) else {
                FileHandle.standardError.write(Data("no active key with id \(id)\n".utf8))
                throw ExitCode(1)
            }
            let minted = revoked.filter { $0 != id }.map(String.init)
            print("revoked key \(id)" + (minted.isEmpty ? "" : " and the keys it minted: \(minted.joined(separator: ", "))"))
        }
    }
}
