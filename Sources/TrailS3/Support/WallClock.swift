#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real time, in whole seconds since the epoch (credential expirations and SigV4 dates have one-second
/// precision).
public enum WallClock {
    public static func epochSeconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec)
    }
}
