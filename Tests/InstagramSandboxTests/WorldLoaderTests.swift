import Testing
@testable import InstagramSandbox

/// The default world holds every case issue 4 lists.
struct WorldLoaderTests {
    let world = TestSandbox.world

    @Test func holdsTheRequiredKindsOfPosts() {
        let posts = Array(world.posts.values)
        #expect(Set(posts.map(\.kind)) == Set(PostKind.allCases))
        let ten = world.post(key: "carousel-ten")!
        #expect(ten.items.count == 10 && ten.items.contains { $0.isVideo } && ten.items.contains { !$0.isVideo })
        #expect(world.post(key: "reel-hangang")?.playCount == 1_234_567)
        #expect(world.post(key: "photo-deleted")?.deleted == true)
        #expect(posts.contains { $0.caption?.contains("#여행") == true && $0.caption?.contains("#travel") == true
                                   && $0.caption?.contains("@") == true && $0.caption?.contains("\n") == true })
        #expect(posts.filter { $0.kind == .video || $0.kind == .reel }.allSatisfy { $0.items[0].video != nil })
    }

    @Test func holdsUsersSessionsAndLocations() {
        let users = Array(world.users.values)
        #expect(users.contains { $0.isPrivate } && users.contains { !$0.isPrivate })
        #expect(users.contains { $0.isVerified } && users.contains { !$0.isVerified })
        #expect(Set(world.sessions.values.map(\.state)) == Set(SessionState.allCases))
        #expect(world.locations.count >= 3)
    }

    @Test func generatesTheLargeAccountLazily() {
        let star = world.user(username: "bigstar")!
        #expect(world.followerCount(star.pk) == 100_000 + 1) // + seoul.traveler from follows.json
        #expect(world.followingCount(star.pk) == 7_500)
        let page = world.followersPage(of: star.pk, offset: 99_990, count: 200)
        #expect(page.pks.count == 11 && page.total == 100_001)
        let fan = world.user(pk: page.pks[0])!
        #expect(world.user(username: fan.username)?.pk == fan.pk)
        #expect(world.isFollowing(fan.pk, star.pk))
    }

    @Test func generatedFollowingMatchesTheFollowRelation() {
        let account = world.generated.values.first!
        for position in [0, 1, 4_999, 5_000, 7_499] {
            #expect(account.isFollowed(account.followingPK(at: position)))
        }
        let mutuals = (0..<account.mutualCount).map { account.followingPK(at: $0) }
        #expect(Set(mutuals).count == account.mutualCount)
        #expect(mutuals.allSatisfy(account.isFollower))
        #expect(!account.isFollower(account.followingPK(at: 7_000)))
    }

    @Test func isDeterministic() throws {
        let again = try WorldLoader.load(directory: WorldLoader.defaultWorldDirectory)
        #expect(again.posts.keys.sorted() == world.posts.keys.sorted())
        #expect(again.assets.keys.sorted() == world.assets.keys.sorted())
        #expect(world.generated.values.first!.user(at: 1234)!.username == again.generated.values.first!.user(at: 1234)!.username)
    }

    @Test func refusesBrokenWorlds() {
        #expect(throws: WorldLoadError.self) { try WorldLoader.load(directory: "/nonexistent") }
    }
}
