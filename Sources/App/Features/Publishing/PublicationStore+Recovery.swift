import Postgres

extension PublicationStore {
    /// Those of `mediaIDs` another post of the account already recorded as its media (a lost publish's recovery
    /// must not take a post that is some other post's).
    func recordedMediaIDs(accountID: Int64, among mediaIDs: [String], except postID: Int64) throws -> Set<String> {
        guard !mediaIDs.isEmpty else { return [] }
        let rows = try db.query("""
            SELECT media_id FROM instagram_publications
            WHERE account_id = \(accountID) AND id <> \(postID) AND media_id = ANY(string_to_array(\(mediaIDs.joined(separator: ",")), ','))
            """)
        return Set(try rows.map { try $0.decode("media_id", as: String.self) })
    }
}
