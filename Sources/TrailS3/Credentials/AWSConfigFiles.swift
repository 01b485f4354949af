import Foundation
import TrailBase

/// The shared AWS files, parsed: `~/.aws/config` (`[default]`, `[profile NAME]`, `[services NAME]`) and
/// `~/.aws/credentials` (`[NAME]`). Other config sections (`[sso-session …]`, plain `[NAME]`) are ignored, as
/// botocore does. Nested sub-section keys are stored dotted: `s3 =` + `  endpoint_url = …` → `s3.endpoint_url`.
public struct AWSConfigFiles: Sendable {
    /// Where the config file was looked for (it need not exist).
    public var configFilePath: String
    /// Where the credentials file was looked for (it need not exist).
    public var credentialsFilePath: String
    /// The config file's profiles, by profile name.
    public var configProfiles: [String: [String: String]]
    /// The credentials file's profiles, by profile name.
    public var credentialsProfiles: [String: [String: String]]
    /// The config file's `[services NAME]` sections (service-specific endpoints), by name.
    public var servicesSections: [String: [String: String]]

    /// Parses file contents already read; for tests and for callers that keep their own files.
    public init(configText: String = "", credentialsText: String = "", configFilePath: String = "config",
                credentialsFilePath: String = "credentials") throws(AWSConfigError) {
        self.configFilePath = configFilePath
        self.credentialsFilePath = credentialsFilePath
        configProfiles = [:]
        servicesSections = [:]
        credentialsProfiles = [:]
        var explicitDefault: [String: String]?
        for section in try ConfigINIParser(path: configFilePath).parse(configText) {
            switch Self.kind(ofConfigSection: section.name) {
            case .profile(let name) where name == "default":
                // `[profile default]` is honoured too, and wins over `[default]`.
                explicitDefault = section.values
            case .profile(let name): configProfiles[name] = section.values
            case .defaultProfile: configProfiles["default"] = section.values
            case .services(let name): servicesSections[name] = section.values
            case .ignored: break
            }
        }
        if let explicitDefault { configProfiles["default", default: [:]].merge(explicitDefault) { _, new in new } }
        for section in try ConfigINIParser(path: credentialsFilePath).parse(credentialsText) {
            credentialsProfiles[section.name] = section.values
        }
    }

    /// Reads the files the AWS CLI would: `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` when set, else
    /// `~/.aws/config` and `~/.aws/credentials` under `homeDirectory` (default: `HOME` of `environment`).
    /// A missing file counts as empty.
    public static func load(environment: [String: String], homeDirectory: String? = nil)
        throws(AWSConfigError) -> AWSConfigFiles
    {
        let home = homeDirectory ?? environment["HOME"]
        let configPath = path(environment["AWS_CONFIG_FILE"], default: ".aws/config", home: home)
        let credentialsPath = path(environment["AWS_SHARED_CREDENTIALS_FILE"], default: ".aws/credentials", home: home)
        return try AWSConfigFiles(
            configText: try contents(ofOptionalFile: configPath),
            credentialsText: try contents(ofOptionalFile: credentialsPath),
            configFilePath: configPath, credentialsFilePath: credentialsPath)
    }

    /// The profile's settings from both files; the credentials file wins where both set a key (botocore merges
    /// them so). Nil when neither file has the profile.
    public func profile(named name: String) -> [String: String]? {
        let fromConfig = configProfiles[name]
        let fromCredentials = credentialsProfiles[name]
        if fromConfig == nil && fromCredentials == nil { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentialsValue in credentialsValue }
    }

    /// For "profile not found" messages.
    var searchedFiles: String { "\(configFilePath), \(credentialsFilePath)" }

    private enum ConfigSectionKind: Equatable {
        case defaultProfile
        case profile(String)
        case services(String)
        case ignored
    }

    /// `profile NAME` and `services NAME` may quote the name; anything else except `default` is not a profile.
    private static func kind(ofConfigSection header: String) -> ConfigSectionKind {
        if header == "default" { return .defaultProfile }
        let words = header.split(maxSplits: 1) { $0 == " " || $0 == "\t" }
        guard words.count == 2 else { return .ignored }
        var name = String(words[1]).trimmingWhitespace
        if name.count >= 2, let first = name.first, first == name.last, first == "\"" || first == "'" {
            name = String(name.dropFirst().dropLast())
        }
        switch words[0] {
        case "profile": return .profile(name)
        case "services": return .services(name)
        default: return .ignored
        }
    }

    private static func path(_ configured: String?, default relative: String, home: String?) -> String {
        if let configured, !configured.isEmpty { return expandingTilde(configured, home: home) }
        guard let home, !home.isEmpty else { return "~/" + relative }
        return home.hasSuffix("/") ? home + relative : home + "/" + relative
    }

    private static func expandingTilde(_ path: String, home: String?) -> String {
        guard let home, path == "~" || path.hasPrefix("~/") else { return path }
        return home + path.dropFirst()
    }

    private static func contents(ofOptionalFile path: String) throws(AWSConfigError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return ""
        }
        // `AWS_CONFIG_FILE=/dev/null` is a common way to say "no config"; FileManager cannot read devices.
        if (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeCharacterSpecial {
            return ""
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AWSConfigError("cannot read \(path)", hint: "check the file's permissions")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
