import Foundation
import Instagram
import Jobs

extension CollectionRun {
    /// How a page of posts of a name Instagram no longer knows fails (the GraphQL query answers an error, not a 404).
    static let mayMeanGone: Set<InstagramError.Code> = [.notFound, .badResponse, .upstreamError, .badRequest]

    /// One page of posts (`asked`: its answer, when it was asked ahead); when it fails in a way that may mean the
    /// name is gone, the profile's name is looked up again (`currentName`) and the page asked again under it. The name
    /// in use is updated.
    func pageFollowingRenames(_ username: inout String, id: String, after cursor: String?, session: inout InstagramSession?,
                              asked: Result<ProfileFeedPage, InstagramError>? = nil) throws -> ProfileFeedPage {
        do {
            return try page(username, after: cursor, session: &session, asked: asked)
        } catch {
            guard let failure = error as? InstagramError, Self.mayMeanGone.contains(failure.code) else { throw error }
            username = try currentName(username, id: id, session: session, failure: failure)
            return try page(username, after: cursor, session: &session)
        }
    }

    /// The profile's name after a page of its posts failed: when Instagram no longer knows `username`, the account
    /// was renamed (its new name, found by its pk with a session) or deleted (`PROFILE_NOT_FOUND`, the posts done
    /// kept); when it still knows it, the page's own failure stands.
    func currentName(_ username: String, id: String, session: InstagramSession?, failure: InstagramError) throws -> String {
        if try isKnown(username, session: session) { throw failure }
        try settleInFlight() // the posts done, in the messages, include the batch in flight
        let renamed = try followedName(username, id: id, session: session, when: "part-way",
                                       done: "the \(items.count) posts done stay downloaded")
        context.event("renamed", "@\(username) is now @\(renamed): going on from the same page")
        return renamed
    }

    /// The profile an attempt starts from: by the URL's name or, when Instagram no longer knows that name and an
    /// attempt before this one found the profile (its pk in the job's checkpoint: a worker killed, a pause, a retry),
    /// by that pk under its new name (with a session, as a rename part-way); deleted, or no session to look it up
    /// with: `PROFILE_NOT_FOUND` saying which. The profile's pk is kept on the job for the attempts (and, for a watch,
    /// the runs) after this one.
    func startingProfile(_ username: String, session: InstagramSession?) throws -> InstagramProfile {
        let profile: InstagramProfile
        do {
            profile = try client.fetchProfile(username: username, session: session)
        } catch {
            guard error.code == .notFound, let id = CollectionCheckpoint.saved(on: context.job)?.profileID else { throw error }
            let renamed = try followedName(username, id: id, session: session, when: "since the job's last attempt",
                                           done: "the posts done so far stay downloaded")
            context.event("renamed", "@\(username) is now @\(renamed): going on under the new name")
            profile = try client.fetchProfile(username: renamed, session: session)
        }
        try context.checkpoint(JobJSON.encode(CollectionCheckpoint(profileID: profile.id)), progress: JobJSON.encode(progress))
        return profile
    }

    /// The new name of the account `id` that Instagram no longer knows as `username`, looked up with the run's
    /// session or any the user saved; `PROFILE_NOT_FOUND` saying `when` it happened and what of the run is `done`,
    /// when there is no session to look it up with or the account is gone.
    private func followedName(_ username: String, id: String, session: InstagramSession?, when: String, done: String) throws -> String {
        guard let lookup = try session ?? anySession()?.session else {
            throw CollectionError(.profileNotFound, "@\(username) was renamed or deleted \(when): \(done); run again with its new "
                                  + "name, or save an Instagram session (POST /api/instagram/session) so a rename is followed.")
        }
        guard let renamed = try newName(ofUser: id, session: lookup) else {
            throw CollectionError(.profileNotFound, "@\(username) was deleted \(when): \(done).")
        }
        return renamed
    }

    /// Whether Instagram still has a profile of that name.
    private func isKnown(_ username: String, session: InstagramSession?) throws -> Bool {
        do {
            _ = try client.fetchProfile(username: username, session: session)
            return true
        } catch {
            if error.code == .notFound { return false }
            throw error
        }
    }

    /// The account's current name by its pk; nil when it is gone.
    private func newName(ofUser id: String, session: InstagramSession) throws -> String? {
        do {
            return try client.username(ofUser: id, session: session)
        } catch {
            if error.code == .notFound { return nil }
            throw error
        }
    }
}
