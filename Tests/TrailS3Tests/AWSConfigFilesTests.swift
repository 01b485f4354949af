import Testing
@testable import TrailS3

@Suite struct AWSConfigFilesTests {
    @Test("profiles come from [default] and [profile NAME]; other sections are ignored")
    func configSections() throws {
        let files = try AWSConfigFiles(configText: """
            [default]
            region = us-east-1
            [profile dev]
            region = eu-west-1
            [sso-session corp]
            sso_region = us-east-1
            [plain]
            region = ap-south-1
            [profile "with space"]
            region = ca-central-1
            """)
        #expect(files.configProfiles.keys.sorted() == ["default", "dev", "with space"])
        #expect(files.configProfiles["dev"]?["region"] == "eu-west-1")
        #expect(files.configProfiles["with space"]?["region"] == "ca-central-1")
    }

    @Test("comments, blank lines, indentation, CRLF, `:` separators and upper-case keys")
    func lexicalEdgeCases() throws {
        let text = "# leading comment\r\n; another\r\n\r\n[profile dev]   # after a header\r\n"
            + "  ; indented comment\r\nRegion: eu-west-1\r\naws_secret_access_key = abc/def+ghi==\r\n"
            + "note = keeps # this and ; that\r\ncli_pager=\r\n"
        let profile = try #require(try AWSConfigFiles(configText: text).configProfiles["dev"])
        #expect(profile["region"] == "eu-west-1")
        #expect(profile["aws_secret_access_key"] == "abc/def+ghi==", "only the first `=` separates")
        #expect(profile["note"] == "keeps # this and ; that", "botocore keeps inline `#`/`;` in values")
        #expect(profile["cli_pager"] == "")
    }

    @Test("nested sub-sections are stored with dotted keys; indented lines after a value continue it")
    func nestedSubSections() throws {
        let files = try AWSConfigFiles(configText: """
            [default]
            s3 =
              endpoint_url = http://127.0.0.1:9000
              addressing_style = path
            region = us-west-2
            description = first line
              second line
            """)
        let profile = try #require(files.configProfiles["default"])
        #expect(profile["s3.endpoint_url"] == "http://127.0.0.1:9000")
        #expect(profile["s3.addressing_style"] == "path")
        #expect(profile["region"] == "us-west-2", "an unindented key ends the nested block")
        #expect(profile["description"] == "first line\nsecond line")
    }

    @Test("repeated sections merge, later keys winning; [profile default] wins over [default]")
    func repeatedSections() throws {
        let files = try AWSConfigFiles(configText: """
            [profile default]
            region = eu-north-1
            [default]
            region = us-east-1
            output = json
            [profile dev]
            region = a
            [profile dev]
            output = text
            """)
        #expect(files.configProfiles["default"] == ["region": "eu-north-1", "output": "json"])
        #expect(files.configProfiles["dev"] == ["region": "a", "output": "text"])
    }

    @Test("credentials-file sections are profile names as written; it wins where both files set a key")
    func credentialsFileAndMerging() throws {
        let files = try AWSConfigFiles(
            configText: "[profile dev]\nregion = eu-west-1\naws_access_key_id = FROMCONFIG\n",
            credentialsText: "[dev]\naws_access_key_id = FROMCREDENTIALS\n[profile odd]\nx = 1\n")
        #expect(files.credentialsProfiles.keys.sorted() == ["dev", "profile odd"])
        #expect(files.profile(named: "dev") == ["region": "eu-west-1", "aws_access_key_id": "FROMCREDENTIALS"])
        #expect(files.profile(named: "absent") == nil)
    }

    @Test("a malformed line is reported with its file and line number", arguments: [
        ("[default]\nregion = us-east-1\nnot a setting\n", "config:3"),
        ("region = us-east-1\n", "config:1"),
        ("[default\nregion = x\n", "config:1"),
        ("[default]\ns3 =\n  no separator here\n", "config:3"),
    ])
    func malformedLines(_ text: String, _ location: String) {
        #expect {
            _ = try AWSConfigFiles(configText: text)
        } throws: { error in
            (error as? AWSConfigError)?.message.hasPrefix(location + ":") == true
        }
    }

    @Test("missing files are empty; AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE are honoured, with ~")
    func loadingFiles() throws {
        let fixture = try AWSFilesFixture(config: "[profile dev]\nregion = eu-west-1\n",
                                          credentials: "[dev]\naws_access_key_id = AKIADEV\n")
        defer { fixture.remove() }
        let fromHome = try AWSConfigFiles.load(environment: [:], homeDirectory: fixture.folder.path)
        #expect(fromHome.configProfiles["dev"]?["region"] == "eu-west-1")
        #expect(fromHome.credentialsProfiles["dev"]?["aws_access_key_id"] == "AKIADEV")

        let alternate = try fixture.write("other-config", "[profile other]\nregion = sa-east-1\n")
        let overridden = try AWSConfigFiles.load(
            environment: ["HOME": fixture.folder.path, "AWS_CONFIG_FILE": "~/other-config",
                          "AWS_SHARED_CREDENTIALS_FILE": fixture.folder.path + "/absent"])
        #expect(overridden.configFilePath == alternate)
        #expect(overridden.configProfiles.keys.sorted() == ["other"])
        #expect(overridden.credentialsProfiles.isEmpty)

        let nothing = try AWSConfigFiles.load(environment: ["HOME": fixture.folder.path + "/nowhere"])
        #expect(nothing.configProfiles.isEmpty && nothing.credentialsProfiles.isEmpty)
    }
}

@Suite struct AWSConfigDevNullTests {
    @Test func devNullIsAnEmptyConfig() throws {
        let files = try AWSConfigFiles.load(environment: ["AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"],
                                            homeDirectory: "/nonexistent")
        #expect(files.profile(named: "default") == nil)
    }
}
