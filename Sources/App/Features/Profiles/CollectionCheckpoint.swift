import Jobs

/// What a profile download keeps on its job for the attempts after this one (a worker killed, a pause, a retry):
/// the profile's pk, so a profile renamed between two attempts is followed by it, not lost with its old name.
struct CollectionCheckpoint: Codable, Equatable {
    /// The profile's pk as the first attempt that found it saw it.
    var profileID: String

    enum CodingKeys: String, CodingKey {
        case profileID = "profile_id"
    }

    /// The checkpoint an earlier attempt of the job saved; nil when none did (or it is not one of these).
    static func saved(on job: Job) -> CollectionCheckpoint? {
        JobJSON.decode(CollectionCheckpoint.self, from: job.checkpoint)
    }
}
