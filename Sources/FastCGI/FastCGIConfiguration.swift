/// How the FastCGI server listens and how many requests it serves at once.
public struct FastCGIConfiguration: Sendable {
    /// Where to accept connections.
    public var address: FastCGIListenAddress
    /// Worker threads, each with its own `FCGX_Request` and its own per-thread context.
    public var threads: Int
    /// The listen backlog for sockets this process opens.
    public var backlog: Int32
    /// Bodies above this size are not read; the request is flagged `bodyTooLarge`.
    public var maxBodyBytes: Int
    /// How long a graceful stop waits for requests in flight before returning anyway.
    public var shutdownTimeout: Double

    public init(address: FastCGIListenAddress, threads: Int, backlog: Int32 = 1024,
                maxBodyBytes: Int = 1 << 20, shutdownTimeout: Double = 10) {
        self.address = address
        self.threads = max(1, threads)
        self.backlog = backlog
        self.maxBodyBytes = maxBodyBytes
        self.shutdownTimeout = shutdownTimeout
    }
}
