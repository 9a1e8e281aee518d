import Testing
@testable import App

/// A per-process cache a notice empties (here the verified keys'): an entry is trusted for `ttl` at most, emptying it
/// forgets everything, and a lookup that raced with an emptying is not kept.
@Suite struct NotifiedCacheTests {
    let alice = APIUser(id: 1, name: "alice", keyID: 10, isAdmin: true)
    let digest = APIKey.hash(APIKey.generate())

    @Test func anEntryIsTrustedForItsTTLOnly() {
        let cache = APIKeyCache.keys(ttl: .seconds(30))
        let start = ContinuousClock.now
        cache.store(alice, for: digest, generation: cache.generation, now: start)
        #expect(cache.value(for: digest, now: start + .seconds(29)) == alice)
        #expect(cache.value(for: digest, now: start + .seconds(30)) == nil)
        #expect(cache.value(for: digest, now: start + .seconds(1)) == nil, "an expired entry is gone, not hidden")
    }

    @Test func aLookupThatRacedWithAnEmptyingIsNotKept() {
        let cache = APIKeyCache.keys(ttl: .seconds(30))
        let before = cache.generation
        cache.removeAll() // a revocation's notice arrived while the key was being looked up
        cache.store(alice, for: digest, generation: before)
        #expect(cache.value(for: digest) == nil)
        cache.store(alice, for: digest, generation: cache.generation)
        #expect(cache.value(for: digest) == alice)
        cache.removeAll()
        #expect(cache.value(for: digest) == nil)
    }

    @Test func aZeroTTLKeepsNothing() {
        let cache = APIKeyCache.keys(ttl: .zero)
        cache.store(alice, for: digest, generation: cache.generation)
        #expect(!cache.isEnabled)
        #expect(cache.count == 0)
    }
}
