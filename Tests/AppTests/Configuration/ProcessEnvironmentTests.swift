import FastCGI
import Testing
@testable import App

@Suite struct ProcessEnvironmentTests {
    @Test func systemdSocketOnlyForThisProcess() {
        let mine = ProcessEnvironment(variables: ["LISTEN_FDS": "1", "LISTEN_PID": "4242"], processID: 4242)
        #expect(mine.systemdListener == .inherited(fd: 3))
        let someoneElses = ProcessEnvironment(variables: ["LISTEN_FDS": "1", "LISTEN_PID": "17"], processID: 4242)
        #expect(someoneElses.systemdListener == nil)
        #expect(ProcessEnvironment(variables: ["LISTEN_FDS": "0", "LISTEN_PID": "4242"], processID: 4242).systemdListener == nil)
        #expect(ProcessEnvironment(variables: [:], processID: 4242).systemdListener == nil)
    }

    @Test func instagramCookies() {
        let environment = ProcessEnvironment(variables: ["INSTAGRAM_CSRF_TOKEN": "csrf", "INSTAGRAM_SESSION_ID": ""], processID: 1)
        #expect(environment.instagramCSRFToken == "csrf")
        #expect(environment.instagramSessionID == nil)
    }

    @Test func configurationFromTheVariables() {
        let environment = ProcessEnvironment(variables: ["INSTAGATE_HOME": "data", "INSTAGATE_THREADS": "x"], processID: 1)
        let configuration = environment.configuration(currentDirectory: "/srv")
        #expect(configuration.home == "/srv/data")
        #expect(configuration.problems == ["INSTAGATE_THREADS=x is not a whole number from 1 to 1024"])
    }
}
