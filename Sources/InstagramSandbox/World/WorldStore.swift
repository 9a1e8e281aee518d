import Synchronization

/// The shared, mutable world: snapshots for readers, in-place changes for actions, reset to the loaded state.
public final class WorldStore: Sendable {
    private let initial: World
    private let current: Mutex<World>

    public init(_ world: World) {
        initial = world
        current = Mutex(world)
    }

    /// A copy of the world now (cheap: copy-on-write storage).
    public var snapshot: World { current.withLock { $0 } }

    /// Changes the world under the lock and returns what the change returns.
    public func update<T: Sendable>(_ change: (inout World) -> T) -> T {
        current.withLock { world in
            world.version += 1
            return change(&world)
        }
    }

    /// Back to the world as loaded.
    public func reset() {
        current.withLock { world in
            let version = world.version + 1
            world = initial
            world.version = version
        }
    }
}
