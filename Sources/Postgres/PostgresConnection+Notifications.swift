import CPostgres
import Foundation

/// A `NOTIFY` received on a channel this connection listens to.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel it was sent on.
    public var channel: String
    /// The text sent with it (`NOTIFY channel, 'payload'`).
    public var payload: String
}

extension PostgresConnection {
    /// Waits up to `timeout` seconds for notifications (after `LISTEN channel`); returns those received,
    /// empty on timeout. Throws when the connection is lost.
    public func waitForNotifications(timeout: Double) throws(PostgresError) -> [PostgresNotification] {
        var received = drainNotifications()
        if !received.isEmpty { return received }
        let socket = PQsocket(rawConnection)
        guard socket >= 0 else { throw PostgresError.connection("no socket") }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, timeout) * 1000))
        if ready > 0 {
            guard PQconsumeInput(rawConnection) == 1 else { throw PostgresError.connection("connection lost while waiting") }
            received = drainNotifications()
        }
        return received
    }

    /// The notifications that have already arrived, without a round trip and without waiting: what the socket holds
    /// is read (`PQconsumeInput`) and libpq's queue emptied (`PQnotifies`). Throws when the connection is lost, so a
    /// caller that trusts "nothing arrived" never trusts a dead connection's silence.
    public func pendingNotifications() throws(PostgresError) -> [PostgresNotification] {
        guard isConnected, PQconsumeInput(rawConnection) == 1 else { throw PostgresError.connection("connection lost") }
        return drainNotifications()
    }

    private func drainNotifications() -> [PostgresNotification] {
        var received: [PostgresNotification] = []
        _ = PQconsumeInput(rawConnection)
        while let notify = PQnotifies(rawConnection) {
            received.append(PostgresNotification(channel: String(cString: notify.pointee.relname),
                                                 payload: String(cString: notify.pointee.extra)))
            PQfreemem(notify)
        }
        return received
    }
}
