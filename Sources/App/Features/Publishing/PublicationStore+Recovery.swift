import Postgres

extension PublicationStore {
    /// Those of `mediaIDs` another post already recorded as its media on the same Instagram account (through any API
    /// user's connection of it): a lost publish's recovery must not take a post that is some other post's.
    func recordedMediaIDs(accountID: Int64, among mediaIDs: [String], except postID: Int64) throws -> Set<String> {
        guard !mediaIDs.isEmpty else { return [] }
        let rows = try db.query("""
            SELECT p.media_id FROM instagram_publications p JOIN instagram_accounts a ON a.id = p.account_id
            WHERE a.ig_user_id = (SELECT ig_user_id FROM instagram_accounts WHERE id = \(accountID)) AND p.id <> \(postID)
              AND p.media_id = ANY(string_to_array(\(mediaIDs.joined(separator: ",")), ','))
            """)
        return Set(try rows.map { try $0.decode("media_id", as: String.self) })
    }

    /// The live story ids recorded just before the post's publish (`markPublishRequested`); nil when none were.
    func storiesBefore(_ postID: Int64) throws -> Set<String>? {
        let rows = try db.query("SELECT array_to_string(stories_before, ',') AS ids FROM instagram_publications WHERE id = \(postID)")
        guard let ids = try rows.first?.decodeIfPresent("ids", as: String.self) else { return nil }
        return Set(ids.split(separator: ",").map(String.init))
    }
}
