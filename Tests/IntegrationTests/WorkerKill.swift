import Foundation

/// Sends SIGKILL to a worker process of the stack; true when it was killed now or was already gone (the worker died
/// either way, and the supervisor starts the next one).
///
/// The stack's supervised worker is shared: a kill takes over, from its start, every job another test has running
/// in it. So a test that calls this must say "killed" in its function's name: `deploy/test` runs those apart from
/// the others, one at a time (`--filter '[kK]illed'`), after the parallel run, which skips them.
func killWorkerProcess(_ pid: Int32) -> Bool {
    kill(pid, SIGKILL) == 0 || errno == ESRCH
}
