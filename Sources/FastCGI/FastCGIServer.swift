import CFastCGI
import Dispatch
import Foundation
import Synchronization

/// A libfcgi responder: a pool of OS threads, each blocking in `FCGX_Accept_r` on the shared listening
/// socket with its own `FCGX_Request` and its own context (a database connection, an HTTP client ...).
///
/// `run` blocks the calling thread until SIGTERM or SIGINT, then stops accepting, lets requests in flight
/// finish within `shutdownTimeout`, and returns.
public final class FastCGIServer: Sendable {
    /// What the server ended with.
    public struct StopReport: Sendable {
        public var signal: Int32
        public var unfinishedThreads: Int
    }

    public let configuration: FastCGIConfiguration
    private let listenFD: Int32
    private let stopping = Atomic<Bool>(false)

    /// Opens (or adopts) the listening socket. Call before dropping privileges or forking threads.
    public init(configuration: FastCGIConfiguration) throws(FastCGIError) {
        self.configuration = configuration
        guard FCGX_Init() == 0 else { throw FastCGIError(.initFailed, "FCGX_Init failed") }
        signal(SIGPIPE, SIG_IGN)
        switch configuration.address {
        case .unix(let path):
            unlink(path)
            let fd = FCGX_OpenSocket(path, Int32(configuration.backlog))
            guard fd >= 0 else { throw FastCGIError(.openSocketFailed, "cannot listen on unix:\(path)") }
            // Owner and group only: another local user must not bypass nginx (its limits, REMOTE_ADDR,
            // /metrics). nginx's workers run as this user, or are in its group; the directory should be
            // closed to others too (deploy/lib.sh: run/ is 0700, or 1770 root:postgres).
            chmod(path, 0o660)
            listenFD = fd
        case .tcp(let address):
            let fd = FCGX_OpenSocket(address, Int32(configuration.backlog))
            guard fd >= 0 else { throw FastCGIError(.openSocketFailed, "cannot listen on \(address)") }
            listenFD = fd
        case .inherited(let fd):
            var type: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0 else {
                throw FastCGIError(.notASocket, "fd \(fd) is not a socket")
            }
            listenFD = fd
        }
    }

    /// True when this process was started as a plain CGI program (fd 0 is not a FastCGI listening socket).
    public static func isCGI() -> Bool {
        FCGX_IsCGI() != 0
    }

    /// Serves until SIGTERM/SIGINT. `makeContext` runs once on each worker thread, `handle` for each request.
    public func run<Context>(
        makeContext: @escaping @Sendable (Int) -> Context,
        handle: @escaping @Sendable (inout Context, FastCGIRequest) -> FastCGIResponse
    ) -> StopReport {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &signals, nil) // inherited by every worker thread

        let group = DispatchGroup()
        for index in 0..<configuration.threads {
            group.enter()
            let thread = Thread { [self] in
                self.workerLoop(index: index, makeContext: makeContext, handle: handle)
                group.leave()
            }
            thread.name = "fcgi-\(index)"
            thread.start()
        }
        var received: Int32 = 0
        sigwait(&signals, &received)
        return stop(signal: received, group: group)
    }

    private func stop(signal: Int32, group: DispatchGroup) -> StopReport {
        stopping.store(true, ordering: .sequentiallyConsistent)
        FCGX_ShutdownPending()
        // Wakes every thread blocked in accept(): on Linux accept() on a shut-down socket fails at once.
        shutdown(listenFD, Int32(SHUT_RDWR))
        let finished = group.wait(timeout: .now() + configuration.shutdownTimeout) == .success
        if case .unix(let path) = configuration.address { unlink(path) }
        return StopReport(signal: signal, unfinishedThreads: finished ? 0 : -1)
    }

    private func workerLoop<Context>(
        index: Int,
        makeContext: @Sendable (Int) -> Context,
        handle: @Sendable (inout Context, FastCGIRequest) -> FastCGIResponse
    ) {
        // Heap storage: libfcgi keeps pointers into the request between calls, so it must not move.
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        defer { request.deallocate() }
        guard FCGX_InitRequest(request, listenFD, 0) == 0 else { return }
        var context = makeContext(index)
        while !stopping.load(ordering: .relaxed) {
            guard FCGX_Accept_r(request) >= 0 else { break }
            let incoming = FastCGIStreams.readRequest(request, maxBodyBytes: configuration.maxBodyBytes)
            let response = handle(&context, incoming)
            FastCGIStreams.write(response.serialized(), to: request)
            FCGX_Finish_r(request)
        }
        FCGX_Free(request, 0)
    }
}
