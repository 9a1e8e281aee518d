import Testing
@testable import App

/// The process's cache of verified keys: an entry is trusted for `ttl` at most, emptying it forgets everything,
/// and a lookup that raced with an emptying is not kept.
@Suite struct APIKeyCacheTests {
    let alice = APIUser(id: 1, name: "alice", keyID: 10, isAdmin: true)
    let digest = APIKey.hash(APIKey.generate())

    @Test func anEntryIsTrustedForItsTTLOnly() {
        let cache = APIKeyCache(ttl: .seconds(30))
        let start = ContinuousClock.now
        cache.store(alice, digest: digest, generation: cache.generation, now: start)
        #expect(cache.user(digest: digest, now: start + .seconds(29)) == alice)
        #expect(cache.user(digest: digest, now: start + .seconds(30)) == nil)
        #expect(cache.user(digest: digest, now: start + .seconds(1)) == nil, "an expired entry is gone, not hidden")
    }

    @Test func aLookupThatRacedWithAnEmptyingIsNotKept() {
        let cache = APIKeyCache(ttl: .seconds(30))
        let before = cache.generation
        cache.removeAll() // a revocation's notice arrived while the key was being looked up
        cache.store(alice, digest: digest, generation: before)
        #expect(cache.user(digest: digest) == nil)
        cache.store(alice, digest: digest, generation: cache.generation)
        #expect(cache.user(digest: digest) == alice)
        cache.removeAll()
        #expect(cache.user(digest: digest) == nil)
    }

    @Test func aZeroTTLKeepsNothing() {
        let cache = APIKeyCache(ttl: .zero)
        cache.store(alice, digest: digest, generation: cache.generation)
        #expect(!cache.isEnabled)
        #expect(cache.count == 0)
    }
}
