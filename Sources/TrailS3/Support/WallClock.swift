import Foundation

/// The real time, in whole seconds since the epoch (credential expirations have one-second precision).
public enum WallClock {
    public static func epochSeconds() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
