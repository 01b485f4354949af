#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program without a shell and collects its standard output and error; standard input is inherited (a
/// credential helper may ask on the terminal). Both pipes are drained together, so a chatty stderr cannot block
/// the child while we wait on stdout.
enum ProcessRunner {
    struct Output: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended the program.
        var status: Int32
        var standardOutput: [UInt8]
        var standardError: [UInt8]
    }

    struct LaunchError: Error, Sendable {
        var message: String
    }

    /// - Parameters:
    ///   - arguments: the program (looked up in `environment`'s PATH unless it holds a `/`) and its arguments.
    ///   - environment: the child's whole environment.
    static func run(_ arguments: [String], environment: [String: String]) throws(LaunchError) -> Output {
        guard let program = arguments.first, !program.isEmpty else { throw LaunchError(message: "an empty command") }
        guard let executable = executablePath(program, searchPath: environment["PATH"]) else {
            throw LaunchError(message: "\(program): command not found")
        }
        var outputPipe: [Int32] = [-1, -1]
        var errorPipe: [Int32] = [-1, -1]
        guard makePipe(&outputPipe), makePipe(&errorPipe) else {
            for descriptor in outputPipe + errorPipe where descriptor >= 0 { close(descriptor) }
            throw LaunchError(message: "cannot create pipes: \(String(cString: strerror(errno)))")
        }

        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        #else
        var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)

        // Threads of the Swift runtime block signals, and a child inherits the spawning thread's mask and
        // ignored signals: without a reset, Ctrl-C or a broken pipe could not end the helper.
        #if canImport(Darwin)
        var attributes: posix_spawnattr_t?
        #else
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2] {
            sigaddset(&defaultSignals, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        var spawnResult = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        // ETXTBSY: the program was just written, and a child another thread forked meanwhile still holds it open
        // for writing until its own exec. That passes in moments.
        for _ in 0..<5 where spawnResult == ETXTBSY {
            usleep(20_000)
            spawnResult = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        }
        close(outputPipe[1])
        close(errorPipe[1])
        guard spawnResult == 0 else {
            close(outputPipe[0])
            close(errorPipe[0])
            throw LaunchError(message: "cannot run \(program): \(String(cString: strerror(spawnResult)))")
        }
        let (standardOutput, standardError) = drain(outputPipe[0], errorPipe[0])
        return Output(status: waitForExit(pid), standardOutput: standardOutput, standardError: standardError)
    }

    /// Close-on-exec, so programs other threads start meanwhile do not inherit our ends (dup2 clears it on the
    /// child's copies). Glibc's pipe2 would do it atomically but Swift does not see it without _GNU_SOURCE.
    private static func makePipe(_ descriptors: inout [Int32]) -> Bool {
        guard pipe(&descriptors) == 0 else { return false }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private static func executablePath(_ program: String, searchPath: String?) -> String? {
        if program.contains("/") { return program }
        let directories = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":",
                                                                              omittingEmptySubsequences: false)
        for directory in directories {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + program
            var information = stat()
            if access(candidate, X_OK) == 0, stat(candidate, &information) == 0,
               information.st_mode & S_IFMT != S_IFDIR
            {
                return candidate
            }
        }
        return nil
    }

    /// Reads both pipes until both close, then closes them.
    private static func drain(_ outputDescriptor: Int32, _ errorDescriptor: Int32) -> ([UInt8], [UInt8]) {
        var collected: [[UInt8]] = [[], []]
        var descriptors = [outputDescriptor, errorDescriptor]
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while descriptors.contains(where: { $0 >= 0 }) {
            var polled = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polled, nfds_t(polled.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for slot in 0..<2 where descriptors[slot] >= 0 && polled[slot].revents != 0 {
                let count = chunk.withUnsafeMutableBytes { read(descriptors[slot], $0.baseAddress, $0.count) }
                if count > 0 {
                    collected[slot].append(contentsOf: chunk[0..<count])
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(descriptors[slot])
                    descriptors[slot] = -1
                }
            }
        }
        for descriptor in descriptors where descriptor >= 0 { close(descriptor) }
        return (collected[0], collected[1])
    }

    private static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are C macros Swift does not import.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }
}
