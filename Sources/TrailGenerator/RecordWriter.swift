/// Writes CloudTrail records for one (account, region) into a byte buffer.
///
/// Keys are written in CloudTrail's order (eventVersion, userIdentity, eventTime, eventSource, eventName, awsRegion,
/// sourceIPAddress, userAgent, errorCode, errorMessage, requestParameters, responseElements, additionalEventData,
/// requestID, eventID, readOnly, resources, eventType, apiVersion, managementEvent, recipientAccountId,
/// serviceEventDetails, sharedEventID, vpcEndpointId, eventCategory, tlsDetails, sessionCredentialFromConsole).
struct RecordWriter {
    var out = JSONOut()
    var side = JSONOut(capacity: 4096)
    var rng: TrailRandom
    let acct: AccountWorld
    let region: [UInt8]
    let homeRegion: [UInt8]
    let isHome: Bool

    // Per-event state.
    enum Caller { case actor(Int), service(StaticString), anonymous }
    var caller: Caller = .service("")
    var t: Int64 = 0
    var console = false
    var failed = false
    var version = 11
    var bucket: [UInt8] = []
    var hasResources = false
    var shared = false

    init(rng: TrailRandom, account: AccountWorld, region: [UInt8], homeRegion: [UInt8]) {
        self.rng = rng
        self.acct = account
        self.region = region
        self.homeRegion = homeRegion
        self.isHome = region == homeRegion
    }

    // MARK: - Choosing the caller

    /// A person; the federated user is a rare caller.
    mutating func person() -> Int {
        var i = acct.people[rng.below(acct.people.count)]
        if acct.actors[i].kind == .federatedUser && rng.below(5) != 0 { i = acct.people[rng.below(acct.people.count)] }
        return i
    }

    mutating func chooseCaller(_ spec: EventSpec) {
        let r = rng.below(1000)
        switch spec.who {
        case .service:
            caller = .service(spec.services.isEmpty ? "AWS Internal" : spec.services[rng.below(spec.services.count)])
        case .people:
            caller = .actor(r < 20 ? acct.root : person())
        case .apps:
            caller = .actor(r < 25 ? acct.crossAccount[rng.below(acct.crossAccount.count)] : acct.apps[rng.below(acct.apps.count)])
        case .admin:
            if r < 50 {
                caller = .actor(acct.root)
            } else if r < 520 {
                caller = .actor(person())
            } else {
                caller = .actor(acct.automation[rng.below(acct.automation.count)])
            }
        case .mixed:
            if r < 130 && !spec.services.isEmpty {
                caller = .service(spec.services[rng.below(spec.services.count)])
            } else if r < 420 {
                caller = .actor(r >= 130 && r < 133 ? acct.root : person())
            } else if r < 440 {
                caller = .actor(acct.crossAccount[rng.below(acct.crossAccount.count)])
            } else {
                caller = .actor(acct.apps[rng.below(acct.apps.count)])
            }
        }
        if case .actor(let i) = caller, acct.actors[i].kind == .webIdentity {
            caller = .actor(acct.apps[0])
        }
    }

    var actor: Actor? {
        if case .actor(let i) = caller { return acct.actors[i] }
        return nil
    }

    var isAnonymous: Bool {
        if case .anonymous = caller { return true }
        return false
    }

    var isService: Bool {
        if case .service = caller { return true }
        return false
    }

    // MARK: - One record

    /// Appends one record (without a separating comma) for `spec` at time `time`.
    mutating func record(_ spec: EventSpec, at time: Int64) {
        t = time
        failed = false
        hasResources = false
        shared = false
        side.reset()
        bucket = []
        let v = rng.below(100)
        version = v < 15 ? 8 : v < 30 ? 9 : v < 45 ? 10 : 11

        switch spec.kind {
        case .kmsRotateKey, .backupJobEvent:
            serviceEvent(spec)
            return
        case .assumeRoleWebIdentity:
            caller = .actor(acct.webIdentity[0])
        case .s3Get:
            chooseCaller(spec)
            if rng.below(1000) < 6 { caller = .anonymous }
        case .consoleLogin, .switchRole:
            let r = rng.below(100)
            var who = r < 8 ? acct.root : person()
            // Federated users reach the console through their broker's sign-in URL, not ConsoleLogin.
            if acct.actors[who].kind == .federatedUser { who = acct.people[0] }
            caller = .actor(who)
            if spec.kind == .switchRole, case .actor(let i) = caller, acct.actors[i].kind != .assumedRole {
                // SwitchRole is logged with the role session that the person switched into.
                let roles = acct.people.filter { acct.actors[$0].kind == .assumedRole }
                if let pick = roles.isEmpty ? nil : roles[rng.below(roles.count)] { caller = .actor(pick) }
            }
        default:
            chooseCaller(spec)
        }

        let a = actor
        let isPerson = a.map { $0.style.isPerson } ?? false
        console = isPerson && (spec.kind == .consoleLogin || spec.kind == .switchRole || rng.below(100) < 55)

        out.raw(#"{"eventVersion":"1."#)
        out.padded(version, width: 2)
        out.raw(#"","userIdentity":"#)
        writeIdentity(spec)
        out.raw(#","eventTime":""#)
        out.isoTime(t)
        out.raw(#"","eventSource":""#)
        out.raw(spec.source)
        out.raw(#"","eventName":""#)
        out.raw(spec.name)
        out.raw(#"","awsRegion":""#)
        out.raw(spec.global && spec.kind != .consoleLogin && spec.kind != .switchRole ? homeRegion : region)
        out.raw(#"","sourceIPAddress":""#)
        writeSourceIP()
        out.raw(#"","userAgent":""#)
        writeUserAgent(spec)
        out.byte(0x22)

        if spec.kind == .consoleLogin || spec.kind == .switchRole {
            signIn(spec)
            return
        }
        decideError(spec)
        out.raw(#","requestParameters":"#)
        payload(spec)
        out.raw(#","requestID":""#)
        if spec.isS3 {
            out.s3RequestID(&rng)
        } else {
            out.uuid(&rng)
        }
        out.raw(#"","eventID":""#)
        out.uuid(&rng)
        out.raw(#"","readOnly":"#)
        out.bool(spec.readOnly)
        if hasResources {
            out.raw(#","resources":"#)
            out.raw(side.bytes)
        }
        out.raw(#","eventType":"AwsApiCall""#)
        if let api = spec.apiVersion {
            out.raw(#","apiVersion":""#)
            out.raw(api)
            out.byte(0x22)
        }
        out.raw(#","managementEvent":"#)
        out.bool(!spec.data)
        out.raw(#","recipientAccountId":""#)
        out.raw(acct.id)
        out.byte(0x22)
        if case .service = caller, spec.kind != .s3Put || rng.below(2) == 0 { shared = true }
        if let a, a.kind == .awsAccount { shared = true }
        if shared {
            out.raw(#","sharedEventID":""#)
            out.uuid(&rng)
            out.byte(0x22)
        }
        if let a, let vpce = a.vpce, a.invokedBy == nil {
            out.raw(#","vpcEndpointId":""#)
            out.raw(vpce)
            if version >= 9 {
                out.raw(#"","vpcEndpointAccountId":""#)
                out.raw(acct.id)
            }
            out.byte(0x22)
        }
        out.raw(spec.data ? #","eventCategory":"Data""# : #","eventCategory":"Management""#)
        if !isService && actor?.invokedBy == nil {
            writeTLS(spec)
        }
        if console {
            out.raw(#","sessionCredentialFromConsole":"true""#)
        }
        out.byte(0x7D)
    }

    // MARK: - Identity

    mutating func sessionKey(_ a: Actor) {
        out.raw("ASIA")
        var r = TrailRandom(seed: a.keySeed, UInt64(t / 3600))
        out.chars(&r, 16, from: JSONOut.base32)
    }

    mutating func creationDate(_ a: Actor) {
        var c = t / 3600 * 3600 + Int64(a.keySeed % 3000)
        if c > t { c -= 3600 }
        out.isoTime(c)
    }

    mutating func attributes(_ a: Actor, mfa: Bool) {
        out.raw(#""attributes":{"creationDate":""#)
        creationDate(a)
        out.raw(mfa ? #"","mfaAuthenticated":"true"}"# : #"","mfaAuthenticated":"false"}"#)
    }

    /// `{"type":"…","principalId":"…","arn":"…","accountId":"…` — the opening every identity with an actor shares.
    mutating func identityHead(_ opening: StaticString, _ a: Actor) {
        out.raw(opening)
        out.raw(a.principalId)
        out.raw(#"","arn":""#)
        out.raw(a.arn)
        out.raw(#"","accountId":""#)
        out.raw(a.accountId)
    }

    /// `","sessionContext":{"sessionIssuer":{…},"webIdFederationData":{},` for role and federated sessions.
    mutating func sessionIssuer(_ opening: StaticString, _ a: Actor) {
        out.raw(opening)
        out.raw(a.issuerPrincipalId)
        out.raw(#"","arn":""#)
        out.raw(a.issuerArn)
        out.raw(#"","accountId":""#)
        out.raw(a.accountId)
        out.raw(#"","userName":""#)
        out.raw(a.issuerName)
        out.raw(#""},"webIdFederationData":{},"#)
    }

    /// The `{"requestId":"…","_return":true}` response that EC2's mutating calls return.
    mutating func writeReturnTrueResponse() {
        if beginResponse() {
            out.raw(#"{"requestId":""#)
            out.uuid(&rng)
            out.raw(#"","_return":true}"#)
        }
    }

    mutating func writeIdentity(_ spec: EventSpec) {
        guard let a = actor else {
            if case .service(let name) = caller {
                out.raw(#"{"type":"AWSService","invokedBy":""#)
                out.raw(name)
                out.raw(#""}"#)
            } else {
                out.raw(#"{"type":"AWSAccount","principalId":"","accountId":"anonymous"}"#)
            }
            return
        }
        let signin = spec.kind == .consoleLogin
        switch a.kind {
        case .iamUser:
            identityHead(#"{"type":"IAMUser","principalId":""#, a)
            if signin {
                out.raw(#"","userName":""#)
                out.text(a.name)
                out.raw(#""}"#)
                return
            }
            out.raw(#"","accessKeyId":""#)
            if console { sessionKey(a) } else { out.raw(a.accessKey) }
            out.raw(#"","userName":""#)
            out.text(a.name)
            out.byte(0x22)
            if console {
                out.raw(#","sessionContext":{"sessionIssuer":{},"webIdFederationData":{},"#)
                attributes(a, mfa: a.mfa)
                out.byte(0x7D)
            }
            out.byte(0x7D)
        case .assumedRole:
            identityHead(#"{"type":"AssumedRole","principalId":""#, a)
            out.raw(#"","accessKeyId":""#)
            sessionKey(a)
            sessionIssuer(#"","sessionContext":{"sessionIssuer":{"type":"Role","principalId":""#, a)
            attributes(a, mfa: a.mfa)
            if let s = a.sourceIdentity {
                out.raw(#","sourceIdentity":""#)
                out.text(s)
                out.byte(0x22)
            }
            if a.ec2RoleDelivery { out.raw(#","ec2RoleDelivery":"2.0""#) }
            out.byte(0x7D)
            if let by = a.invokedBy {
                out.raw(#","invokedBy":""#)
                out.raw(by)
                out.byte(0x22)
            }
            if version >= 10, let scope = a.inScopeOf {
                out.raw(#","inScopeOf":{"issuerType":""#)
                out.raw(scope.issuerType)
                out.raw(#"","credentialsIssuedTo":"arn:aws:"#)
                out.raw(scope.service)
                out.byte(0x3A)
                out.raw(region)
                out.byte(0x3A)
                out.raw(acct.id)
                out.byte(0x3A)
                out.raw(scope.resource)
                out.raw(#""}"#)
            }
            out.byte(0x7D)
        case .root:
            identityHead(#"{"type":"Root","principalId":""#, a)
            if signin {
                out.raw(#"","accessKeyId":""}"#)
                return
            }
            out.raw(#"","accessKeyId":""#)
            sessionKey(a)
            out.raw(#"","sessionContext":{"sessionIssuer":{},"webIdFederationData":{},"#)
            attributes(a, mfa: a.mfa)
            out.raw("}}")
        case .federatedUser:
            identityHead(#"{"type":"FederatedUser","principalId":""#, a)
            out.raw(#"","accessKeyId":""#)
            sessionKey(a)
            sessionIssuer(#"","sessionContext":{"sessionIssuer":{"type":"IAMUser","principalId":""#, a)
            attributes(a, mfa: false)
            out.raw("}}")
        case .awsAccount:
            out.raw(#"{"type":"AWSAccount","principalId":""#)
            out.raw(a.principalId)
            out.raw(#"","accountId":""#)
            out.raw(a.accountId)
            out.raw(#""}"#)
        case .webIdentity:
            out.raw(#"{"type":"WebIdentityUser","principalId":""#)
            out.text(a.principalId)
            out.raw(#"","userName":""#)
            out.text(a.name)
            out.raw(#"","identityProvider":""#)
            out.raw(a.identityProvider)
            out.raw(#""}"#)
        }
    }

    mutating func writeSourceIP() {
        guard let a = actor else {
            if case .service(let name) = caller {
                out.raw(name)
            } else {
                out.ipv4(World.publicIP(&rng, cloud: false))
            }
            return
        }
        if let by = a.invokedBy {
            out.raw(by)
        } else if console && rng.below(100) < 4 {
            out.raw("AWS Internal")
        } else {
            out.ipv4(a.ip)
        }
    }

    mutating func writeUserAgent(_ spec: EventSpec) {
        guard let a = actor else {
            if case .service(let name) = caller {
                out.raw(name)
            } else {
                out.raw(rng.below(2) == 0 ? "curl/8.5.0" : "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")
            }
            return
        }
        if let by = a.invokedBy {
            out.raw(by)
            return
        }
        if spec.kind == .consoleLogin || spec.kind == .switchRole {
            out.raw(Catalog.browsers[a.browser])
            return
        }
        switch a.style {
        case .person:
            if console {
                if spec.isS3 {
                    out.raw(Catalog.s3Console)
                } else {
                    let r = rng.below(100)
                    if r < 12 {
                        out.raw("AWS Internal")
                    } else if r < 24 {
                        out.raw("console.amazonaws.com")
                    } else if r < 30 && spec.isEC2 {
                        out.raw("console.ec2.amazonaws.com")
                    } else {
                        out.raw(Catalog.browsers[a.browser])
                    }
                }
            } else {
                out.raw(Catalog.cliAgents[a.cli])
                if a.cli == 0 {
                    // aws-cli v2 appends the command it ran.
                    out.raw(spec.service)
                    out.byte(0x2E)
                    writeKebab(spec.name)
                }
            }
        case .sdk(let i):
            out.raw(Catalog.sdkAgents[i])
        case .terraform:
            out.raw(Catalog.terraformAgent)
        case .agent:
            if same(spec.source, "ssm.amazonaws.com") || same(spec.source, "ec2messages.amazonaws.com") {
                out.raw(Catalog.ssmAgent)
            } else if same(spec.source, "ecs.amazonaws.com") || same(spec.source, "ecr.amazonaws.com") {
                out.raw(Catalog.ecsAgent)
            } else {
                out.raw(Catalog.sdkAgents[4])
            }
        }
    }

    /// `DescribeInstances` → `describe-instances` (the CLI command name).
    mutating func writeKebab(_ name: StaticString) {
        name.withUTF8Buffer { buf in
            for (i, c) in buf.enumerated() {
                if c &- 0x30 < 10 { break }
                if c &- 0x41 < 26 {
                    if i > 0 { out.byte(0x2D) }
                    out.byte(c | 0x20)
                } else {
                    out.byte(c)
                }
            }
        }
    }

    mutating func writeTLS(_ spec: EventSpec) {
        guard version >= 8 else { return }
        let tls13 = rng.below(100) < 70
        out.raw(tls13 ? #","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":""#
            : #","tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","clientProvidedHostHeader":""#)
        if !bucket.isEmpty {
            out.text(bucket)
            out.raw(".s3.")
            out.raw(region)
            out.raw(".amazonaws.com")
        } else if spec.isS3 {
            out.raw("s3.amazonaws.com")
        } else if spec.global {
            out.raw(spec.host)
            out.raw(".amazonaws.com")
        } else {
            out.raw(spec.host)
            out.byte(0x2E)
            out.raw(region)
            out.raw(".amazonaws.com")
        }
        out.raw(#""}"#)
    }

    // MARK: - Errors

    mutating func decideError(_ spec: EventSpec) {
        if let e = spec.error, rng.below(100) < e.percent {
            failed = true
            out.raw(#","errorCode":""#)
            out.raw(e.code)
            if e.message.utf8CodeUnitCount > 0 {
                out.raw(#"","errorMessage":""#)
                // Messages are JSON-safe except for quotes and backslashes, so escape them.
                e.message.withUTF8Buffer { out.text(Array($0)) }
            }
            out.byte(0x22)
            return
        }
        guard let a = actor, a.kind != .awsAccount, a.invokedBy == nil else { return }
        let denyPerMillion = spec.sensitive ? 80_000 : spec.readOnly ? 16_000 : 35_000
        let r = rng.below(1_000_000)
        if r < denyPerMillion {
            failed = true
            accessDenied(spec, a)
        } else if spec.readOnly && r < denyPerMillion + 7_000 {
            failed = true
            if spec.isEC2 {
                out.raw(#","errorCode":"Client.RequestLimitExceeded","errorMessage":"Request limit exceeded.""#)
            } else {
                out.raw(#","errorCode":"ThrottlingException","errorMessage":"Rate exceeded""#)
            }
        }
    }

    mutating func action(_ spec: EventSpec) {
        out.raw(spec.service)
        out.byte(0x3A)
        spec.name.withUTF8Buffer { buf in
            for c in buf {
                if c &- 0x30 < 10 { break }
                out.byte(c)
            }
        }
    }

    mutating func accessDenied(_ spec: EventSpec, _ a: Actor) {
        let isS3 = spec.isS3
        let isEC2 = spec.isEC2
        if isS3 {
            out.raw(#","errorCode":"AccessDenied","errorMessage":"Access Denied""#)
            return
        }
        if isEC2 {
            out.raw(#","errorCode":"Client.UnauthorizedOperation","errorMessage":"You are not authorized to perform this operation."#)
            if rng.below(2) == 0 {
                out.byte(0x22)
                return
            }
            out.raw(" User: ")
        } else {
            let exceptionStyle = spec.source.withUTF8Buffer { b in
                b.starts(with: "ssm.".utf8) || b.starts(with: "secretsmanager".utf8) || b.starts(with: "logs".utf8)
                    || b.starts(with: "ecr".utf8) || b.starts(with: "ecs".utf8) || b.starts(with: "dynamodb".utf8)
                    || b.starts(with: "guardduty".utf8) || b.starts(with: "health".utf8)
            }
            out.raw(#","errorCode":""#)
            out.raw(exceptionStyle ? "AccessDeniedException" : "AccessDenied")
            out.raw(#"","errorMessage":"User: "#)
        }
        out.text(a.arn)
        out.raw(" is not authorized to perform: ")
        action(spec)
        if !spec.readOnly || rng.below(2) == 0 {
            out.raw(" on resource: arn:aws:")
            out.raw(spec.service)
            out.byte(0x3A)
            if !spec.global { out.raw(region) }
            out.byte(0x3A)
            out.raw(acct.id)
            out.raw(":*")
        }
        out.raw(" because no identity-based policy allows the ")
        action(spec)
        out.raw(" action")
        if isEC2 {
            out.raw(". Encoded authorization failure message: ")
            out.chars(&rng, 180 + rng.below(200), from: JSONOut.base64)
        }
        out.byte(0x22)
    }

    // MARK: - Sign-in events

    mutating func signIn(_ spec: EventSpec) {
        guard let a = actor else { return }
        let isLogin = spec.kind == .consoleLogin
        // Passwords fail for IAM users and root; federated (Identity Center) sign-ins fail before AWS sees them.
        let failure = isLogin && (a.kind == .iamUser || a.kind == .root) && rng.below(100) < (a.kind == .root ? 20 : 16)
        if failure {
            out.raw(#","errorMessage":"Failed authentication""#)
        }
        out.raw(#","requestParameters":null,"responseElements":{""#)
        out.raw(spec.name)
        out.raw(failure ? #"":"Failure"},"additionalEventData":{"# : #"":"Success"},"additionalEventData":{"#)
        if isLogin {
            out.raw(#""LoginTo":"https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_"#)
            out.raw(region)
            out.byte(0x5F)
            out.hex(&rng, 16)
            out.raw(#"","MobileVersion":"No","#)
            let mfa = !failure && (a.kind == .assumedRole || a.mfa)
            if mfa && a.kind != .assumedRole {
                out.raw(#""MFAIdentifier":""#)
                if a.kind == .root {
                    out.raw("arn:aws:iam::")
                    out.raw(acct.id)
                    out.raw(":mfa/root-account-mfa-device")
                } else {
                    out.raw("arn:aws:iam::")
                    out.raw(acct.id)
                    out.raw(":mfa/")
                    out.text(a.name)
                }
                out.raw(#"","#)
            }
            out.raw(mfa ? #""MFAUsed":"Yes"}"# : #""MFAUsed":"No"}"#)
        } else {
            out.raw(#""SwitchFrom":"arn:aws:iam::"#)
            // People switch from their IAM user in the first (management) account.
            out.raw(acct.index == 0 ? acct.id : acct.actors[acct.crossAccount[0]].accountId)
            out.raw(":user/")
            out.text(a.name.split(separator: 0x40).first.map(Array.init) ?? a.name)
            out.raw(#"","RedirectTo":"https://console.aws.amazon.com/console/home?region="#)
            out.raw(region)
            out.raw(#""}"#)
        }
        out.raw(#","eventID":""#)
        out.uuid(&rng)
        out.raw(#"","readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"recipientAccountId":""#)
        out.raw(acct.id)
        out.raw(#"","eventCategory":"Management""#)
        if version >= 8 {
            out.raw(#","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":""#)
            if rng.below(2) == 0 {
                out.raw("signin.aws.amazon.com")
            } else {
                out.raw(region)
                out.raw(".signin.aws.amazon.com")
            }
            out.raw(#""}"#)
        }
        out.byte(0x7D)
    }

    // MARK: - Service events

    mutating func serviceEvent(_ spec: EventSpec) {
        out.raw(#"{"eventVersion":"1."#)
        out.padded(version, width: 2)
        out.raw(#"","userIdentity":{"accountId":""#)
        out.raw(acct.id)
        out.raw(#"","invokedBy":""#)
        let internalCaller = spec.kind == .kmsRotateKey
        if internalCaller { out.raw("AWS Internal") } else { out.raw(spec.source) }
        out.raw(#""},"eventTime":""#)
        out.isoTime(t)
        out.raw(#"","eventSource":""#)
        out.raw(spec.source)
        out.raw(#"","eventName":""#)
        out.raw(spec.name)
        out.raw(#"","awsRegion":""#)
        out.raw(region)
        out.raw(#"","sourceIPAddress":""#)
        if internalCaller { out.raw("AWS Internal") } else { out.raw(spec.source) }
        out.raw(#"","userAgent":""#)
        if internalCaller { out.raw("AWS Internal") } else { out.raw(spec.source) }
        out.raw(#"","requestParameters":null,"responseElements":null,"eventID":""#)
        out.uuid(&rng)
        out.raw(#"","readOnly":false,"#)
        let key = acct.kmsKeys[rng.below(acct.kmsKeys.count)]
        if spec.kind == .kmsRotateKey {
            out.raw(#""resources":[{"accountId":""#)
            out.raw(acct.id)
            out.raw(#"","type":"AWS::KMS::Key","ARN":"arn:aws:kms:"#)
            out.raw(region)
            out.byte(0x3A)
            out.raw(acct.id)
            out.raw(":key/")
            out.raw(key)
            out.raw(#""}],"#)
        }
        out.raw(#""eventType":"AwsServiceEvent","managementEvent":true,"recipientAccountId":""#)
        out.raw(acct.id)
        out.raw(#"","serviceEventDetails":"#)
        if spec.kind == .kmsRotateKey {
            out.raw(#"{"keyId":""#)
            out.raw(key)
            out.raw(#""}"#)
        } else {
            let inst = acct.instances[rng.below(acct.instances.count)]
            out.raw(#"{"backupJobId":""#)
            out.uuid(&rng)
            out.raw(#"","backupVaultName":"Default","backupVaultArn":"arn:aws:backup:"#)
            out.raw(region)
            out.byte(0x3A)
            out.raw(acct.id)
            out.raw(#":backup-vault:Default","recoveryPointArn":"arn:aws:ec2:"#)
            out.raw(region)
            out.raw("::image/ami-")
            out.hex(&rng, 17)
            out.raw(#"","resourceArn":"arn:aws:ec2:"#)
            out.raw(region)
            out.byte(0x3A)
            out.raw(acct.id)
            out.raw(":instance/")
            out.raw(inst)
            out.raw(#"","creationDate":{"seconds":"#)
            out.int(Int(t) - 1800 - rng.below(3600))
            out.raw(#","nanos":"#)
            out.int(rng.below(1_000_000_000))
            out.raw(#"},"state":"COMPLETED","bytesTransferred":"#)
            out.int(1 << 20 + rng.below(1 << 34))
            out.raw(#","backupSizeInBytes":"#)
            out.int(8 << 30)
            out.raw(#","iamRoleArn":"arn:aws:iam::"#)
            out.raw(acct.id)
            out.raw(#":role/service-role/AWSBackupDefaultServiceRole","percentDone":100.0}"#)
        }
        out.raw(#","eventCategory":"Management"}"#)
    }

    // MARK: - Helpers for payloads

    mutating func pick(_ items: [[UInt8]]) -> [UInt8] {
        items[rng.below(items.count)]
    }

    mutating func arn(_ service: StaticString, _ resource: StaticString, _ id: [UInt8], global: Bool = false) {
        out.arn(service, region: global ? nil : region, account: acct.id, resource, id)
    }

    /// Starts the side buffer with one resource: `[{"accountId":…,"type":…,"ARN":"arn:aws:<svc>:<region>:<acct>:<resource><id>"}`.
    mutating func resource(
        _ type: StaticString, _ service: StaticString, _ resource: StaticString, _ id: [UInt8], global: Bool = false,
        withAccount: Bool = true
    ) {
        if hasResources {
            side.bytes.removeLast()  // the closing ]
            side.byte(0x2C)
        } else {
            side.byte(0x5B)
        }
        hasResources = true
        side.raw(withAccount ? #"{"accountId":""# : "{")
        if withAccount {
            side.raw(acct.id)
            side.raw(#"","type":""#)
        } else {
            side.raw(#""type":""#)
        }
        side.raw(type)
        side.raw(#"","ARN":""#)
        side.arn(service, region: global ? nil : region, account: acct.id, resource, id)
        side.raw(#""}]"#)
    }

    mutating func s3Resource(object key: [UInt8]?, bucket b: [UInt8]) {
        hasResources = true
        side.raw("[")
        if let key {
            side.raw(#"{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::"#)
            side.text(b)
            side.byte(0x2F)
            side.text(key)
            side.raw(#""},"#)
        }
        side.raw(#"{"accountId":""#)
        side.raw(acct.id)
        side.raw(#"","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::"#)
        side.text(b)
        side.raw(#""}]"#)
    }

    mutating func null() { out.raw("null") }

    /// `,"responseElements":null` (always null on failure).
    mutating func noResponse() { out.raw(#","responseElements":null"#) }

    mutating func beginResponse() -> Bool {
        if failed {
            out.raw(#","responseElements":null"#)
            return false
        }
        out.raw(#","responseElements":"#)
        return true
    }

    mutating func s3Key() -> [UInt8] {
        var k = JSONOut(capacity: 96)
        let c = CivilTime(epochSeconds: t)
        let r = rng.below(1000)
        switch r {
        case 0..<300:
            k.raw("raw/events/year=")
            k.int(c.year)
            k.raw("/month=")
            k.padded(c.month, width: 2)
            k.raw("/day=")
            k.padded(c.day, width: 2)
            k.raw("/part-")
            k.padded(rng.below(200), width: 5)
            k.byte(0x2D)
            k.uuid(&rng)
            k.raw(".c000.snappy.parquet")
        case 300..<500:
            k.raw("uploads/users/")
            k.int(10_000 + rng.below(90_000))
            k.raw("/avatar-")
            k.hex(&rng, 8)
            k.raw(".png")
        case 500..<650:
            let js = rng.below(2) == 0
            k.raw(js ? "static/js/main." : "static/css/app.")
            k.hex(&rng, 8)
            k.raw(js ? ".chunk.js" : ".css")
        case 650..<800:
            k.raw("exports/")
            k.int(c.year)
            k.byte(0x2F)
            k.padded(c.month, width: 2)
            k.raw("/orders-")
            k.int(c.year)
            k.byte(0x2D)
            k.padded(c.month, width: 2)
            k.byte(0x2D)
            k.padded(c.day, width: 2)
            k.raw(".csv.gz")
        case 800..<900:
            k.raw("backups/db/orders-")
            k.int(c.year)
            k.padded(c.month, width: 2)
            k.padded(c.day, width: 2)
            k.padded(c.hour, width: 2)
            k.raw("00.sql.gz")
        case 900..<975:
            k.raw("reports/Q4 summary (final) v")
            k.int(1 + rng.below(9))
            k.raw(".pdf")
        case 975..<995:
            let names: [StaticString] = [
                "reports/レポート 2026年11月.pdf", "uploads/josé/café menu.pdf", "docs/Übersicht – Größe.xlsx", "img/😀 smile.png",
            ]
            k.raw(names[rng.below(names.count)])
        default:
            k.raw(#"tmp/a "quoted" name\with backslash.txt"#)
        }
        return k.bytes
    }

    mutating func s3AED(bytesIn: Int, bytesOut: Int, acl: Bool = false) {
        if isAnonymous {
            // Unsigned requests carry no signature version or authentication method.
            out.raw(#","additionalEventData":{"CipherSuite":"TLS_AES_128_GCM_SHA256","bytesTransferredIn":"#)
            out.int(bytesIn)
            out.raw(#","x-amz-id-2":""#)
            out.chars(&rng, 75, from: JSONOut.base64)
            out.raw(#"=","bytesTransferredOut":"#)
            out.int(bytesOut)
            out.byte(0x7D)
            return
        }
        let sigv2 = rng.below(100) < 3
        out.raw(sigv2 ? #","additionalEventData":{"SignatureVersion":"SigV2","CipherSuite":"ECDHE-RSA-AES128-SHA","bytesTransferredIn":"#
            : rng.below(100) < 80 ? #","additionalEventData":{"SignatureVersion":"SigV4","CipherSuite":"TLS_AES_128_GCM_SHA256","bytesTransferredIn":"#
            : #","additionalEventData":{"SignatureVersion":"SigV4","CipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","bytesTransferredIn":"#)
        out.int(bytesIn)
        out.raw(rng.below(100) < 6 ? #","AuthenticationMethod":"QueryString","x-amz-id-2":""# : #","AuthenticationMethod":"AuthHeader","x-amz-id-2":""#)
        out.chars(&rng, 75, from: JSONOut.base64)
        out.raw(#"=","bytesTransferredOut":"#)
        out.int(bytesOut)
        if acl || rng.below(100) < 2 { out.raw(#","aclRequired":"Yes""#) }
        out.byte(0x7D)
    }

    mutating func s3Bucket(dataPlane: Bool) -> [UInt8] {
        if case .service(let name) = caller, same(name, "cloudtrail.amazonaws.com") {
            return acct.trailBucket
        }
        return acct.buckets[rng.below(dataPlane ? 8 : acct.buckets.count)]
    }

    mutating func s3Params(_ b: [UInt8], extra: StaticString? = nil) {
        out.raw(#"{"bucketName":""#)
        out.text(b)
        out.raw(#"","Host":""#)
        out.text(b)
        out.raw(".s3.")
        out.raw(region)
        out.raw(".amazonaws.com\"")
        if let extra {
            out.byte(0x2C)
            out.raw(extra)
        }
    }

    mutating func policyDocument(_ action: StaticString, _ resource: StaticString) {
        // IAM logs the policy as a JSON string, often with the newlines and indentation it was written with.
        out.raw(#""{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \""#)
        out.raw(action)
        out.raw(#"\",\n      \"Resource\": \""#)
        out.raw(resource)
        out.raw(#"\"\n    }\n  ]\n}""#)
    }

    // MARK: - Payloads (requestParameters, responseElements, additionalEventData; resources on the side)

    mutating func payload(_ spec: EventSpec) {
        switch spec.kind {
        case .generic:
            if let p = spec.params { out.raw(p) } else { null() }
            noResponse()

        case .describeInstances:
            if rng.below(100) < 40 {
                out.raw(#"{"instancesSet":{"items":[{"instanceId":""#)
                out.raw(pick(acct.instances))
                out.raw(#""}]},"filterSet":{}}"#)
            } else if rng.below(2) == 0 {
                out.raw(#"{"instancesSet":{},"filterSet":{"items":[{"name":"instance-state-name","valueSet":{"items":[{"value":"running"}]}}]}}"#)
            } else {
                out.raw(#"{"maxResults":1000,"instancesSet":{},"filterSet":{}}"#)
            }
            noResponse()

        case .runInstances:
            let large = rng.below(100) < 12
            let type = large ? Catalog.largeInstanceTypes[rng.below(Catalog.largeInstanceTypes.count)]
                : Catalog.instanceTypes[rng.below(Catalog.instanceTypes.count)]
            let ami = pick(acct.amis)
            let subnet = pick(acct.subnets)
            let sg = pick(acct.securityGroups)
            let count = 1 + (rng.below(4) == 0 ? rng.below(3) : 0)
            out.raw(#"{"instancesSet":{"items":[{"imageId":""#)
            out.raw(ami)
            out.raw(#"","minCount":"#)
            out.int(count)
            out.raw(#","maxCount":"#)
            out.int(count)
            out.raw(#"}]},"instanceType":""#)
            out.raw(type)
            out.raw(#"","blockDeviceMapping":{"items":[{"deviceName":"/dev/xvda","ebs":{"volumeSize":"#)
            out.int([8, 20, 30, 100, 500][rng.below(5)])
            out.raw(#","deleteOnTermination":true,"volumeType":"gp3"}}]},"tenancy":"default","monitoring":{"enabled":false},"disableApiTermination":false,"disableApiStop":false,"instanceInitiatedShutdownBehavior":"stop","networkInterfaceSet":{"items":[{"deviceIndex":0,"subnetId":""#)
            out.raw(subnet)
            out.raw(#"","deleteOnTermination":true,"groupSet":{"items":[{"groupId":""#)
            out.raw(sg)
            out.raw(#""}]},"ipv6AddressCount":0}]},"ebsOptimized":false,"creditSpecification":{"cpuCredits":"standard"},"tagSpecificationSet":{"items":[{"resourceType":"instance","tags":[{"key":"Name","value":"orders-worker"},{"key":"env","value":"prod"}]}]},"metadataOptions":{"httpTokens":"required","httpPutResponseHopLimit":2,"httpEndpoint":"enabled"}}"#)
            if beginResponse() {
                out.raw(#"{"requestId":""#)
                out.uuid(&rng)
                out.raw(#"","reservationId":"r-0"#)
                out.hex(&rng, 16)
                out.raw(#"","ownerId":""#)
                out.raw(acct.id)
                out.raw(#"","groupSet":{},"instancesSet":{"items":["#)
                for n in 0..<count {
                    if n > 0 { out.byte(0x2C) }
                    let ip = World.privateIP(&rng)
                    out.raw(#"{"instanceId":"i-0"#)
                    out.hex(&rng, 16)
                    out.raw(#"","imageId":""#)
                    out.raw(ami)
                    out.raw(#"","currentInstanceBootMode":"legacy-bios","instanceState":{"code":0,"name":"pending"},"privateDnsName":"ip-"#)
                    out.int(Int(ip >> 24))
                    out.byte(0x2D)
                    out.int(Int((ip >> 16) & 255))
                    out.byte(0x2D)
                    out.int(Int((ip >> 8) & 255))
                    out.byte(0x2D)
                    out.int(Int(ip & 255))
                    out.raw(#".ec2.internal","amiLaunchIndex":"#)
                    out.int(n)
                    out.raw(#","productCodes":{},"instanceType":""#)
                    out.raw(type)
                    out.raw(#"","launchTime":"#)
                    out.int(Int(t) * 1000)
                    out.raw(#","placement":{"availabilityZone":""#)
                    out.raw(region)
                    out.byte(0x61 &+ UInt8(rng.below(3)))
                    out.raw(#"","tenancy":"default"},"monitoring":{"state":"disabled"},"subnetId":""#)
                    out.raw(subnet)
                    out.raw(#"","vpcId":""#)
                    out.raw(acct.vpcs[0])
                    out.raw(#"","privateIpAddress":""#)
                    out.ipv4(ip)
                    out.raw(#"","stateReason":{"code":"pending","message":"pending"},"architecture":"x86_64","rootDeviceType":"ebs","rootDeviceName":"/dev/xvda","blockDeviceMapping":{},"virtualizationType":"hvm","hypervisor":"xen","groupSet":{"items":[{"groupId":""#)
                    out.raw(sg)
                    out.raw(#"","groupName":"orders-worker"}]},"sourceDestCheck":true,"ebsOptimized":false,"enaSupport":true,"cpuOptions":{"coreCount":1,"threadsPerCore":2},"capacityReservationSpecification":{"capacityReservationPreference":"open"},"enclaveOptions":{"enabled":false},"metadataOptions":{"state":"pending","httpTokens":"required","httpPutResponseHopLimit":2,"httpEndpoint":"enabled","httpProtocolIpv4":"enabled","httpProtocolIpv6":"disabled","instanceMetadataTags":"disabled"},"maintenanceOptions":{"autoRecovery":"default"}}"#)
                }
                out.raw("]}}")
            }

        case .instanceOp:
            let inst = pick(acct.instances)
            out.raw(#"{"instancesSet":{"items":[{"instanceId":""#)
            out.raw(inst)
            out.raw(#""}]}"#)
            if same(spec.name, "StopInstances") { out.raw(#","force":false"#) }
            out.byte(0x7D)
            if beginResponse() {
                out.raw(#"{"requestId":""#)
                out.uuid(&rng)
                out.raw(#"","instancesSet":{"items":[{"instanceId":""#)
                out.raw(inst)
                out.raw(#"","currentState":{"code":"#)
                if same(spec.name, "TerminateInstances") {
                    out.raw(#"32,"name":"shutting-down"},"previousState":{"code":16,"name":"running"}}]}}"#)
                } else if same(spec.name, "StopInstances") {
                    out.raw(#"64,"name":"stopping"},"previousState":{"code":16,"name":"running"}}]}}"#)
                } else {
                    out.raw(#"0,"name":"pending"},"previousState":{"code":80,"name":"stopped"}}]}}"#)
                }
            }

        case .createTags:
            out.raw(#"{"resourcesSet":{"items":[{"resourceId":""#)
            out.raw(pick(acct.instances))
            out.raw(#""}]},"tagSet":{"items":[{"key":"#)
            let tags: [StaticString] = [
                #""Owner","value":"platform-team""#, #""CostCenter","value":"cc-1042""#, #""aws:cloudformation:stack-name","value":"orders-service""#,
                #""Name","value":"orders-worker (blue/green) \"canary\"""#,
            ]
            out.raw(tags[rng.below(tags.count)])
            out.raw("}]}}")
            writeReturnTrueResponse()

        case .snapshotOp:
            if same(spec.name, "CreateSnapshot") {
                out.raw(#"{"volumeId":"vol-0"#)
                out.hex(&rng, 16)
                out.raw(#"","description":"Created by AWS Backup"}"#)
                if beginResponse() {
                    out.raw(#"{"requestId":""#)
                    out.uuid(&rng)
                    out.raw(#"","snapshotId":"snap-0"#)
                    out.hex(&rng, 16)
                    out.raw(#"","volumeId":"vol-0"#)
                    out.hex(&rng, 16)
                    out.raw(#"","status":"pending","startTime":"#)
                    out.int(Int(t) * 1000)
                    out.raw(#","progress":"","ownerId":""#)
                    out.raw(acct.id)
                    out.raw(#"","volumeSize":100,"encrypted":true,"storageTier":"standard"}"#)
                }
            } else {
                out.raw(#"{"snapshotId":"snap-0"#)
                out.hex(&rng, 16)
                out.raw(#""}"#)
                writeReturnTrueResponse()
            }

        case .sgIngress:
            let sg = pick(acct.securityGroups)
            let port = [22, 443, 3389, 5432, 80, 8080][rng.below(6)]
            let open = rng.below(100) < 30
            out.raw(#"{"groupId":""#)
            out.raw(sg)
            out.raw(#"","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":"#)
            out.int(port)
            out.raw(#","toPort":"#)
            out.int(port)
            out.raw(#","groups":{},"ipRanges":{"items":[{"cidrIp":""#)
            if open { out.raw("0.0.0.0/0") } else { out.ipv4(UInt32(10 << 24)); out.raw("/8") }
            out.raw(#"","description":"#)
            out.raw(open ? #""temporary access - remove by Friday""# : #""internal""#)
            out.raw(#"}]},"ipv6Ranges":{},"prefixListIds":{}}]}}"#)
            if beginResponse() {
                out.raw(#"{"requestId":""#)
                out.uuid(&rng)
                out.raw(#"","_return":true"#)
                if same(spec.name, "AuthorizeSecurityGroupIngress") {
                    out.raw(#","securityGroupRuleSet":{"items":[{"groupOwnerId":""#)
                    out.raw(acct.id)
                    out.raw(#"","groupId":""#)
                    out.raw(sg)
                    out.raw(#"","securityGroupRuleId":"sgr-0"#)
                    out.hex(&rng, 16)
                    out.raw(#"","isEgress":false,"ipProtocol":"tcp","fromPort":"#)
                    out.int(port)
                    out.raw(#","toPort":"#)
                    out.int(port)
                    out.raw(open ? #","cidrIpv4":"0.0.0.0/0"}]}"# : #","cidrIpv4":"10.0.0.0/8"}]}"#)
                }
                out.byte(0x7D)
            }
            resource("AWS::EC2::SecurityGroup", "ec2", "security-group/", sg)

        case .createSecurityGroup:
            out.raw(#"{"groupName":"launch-wizard-"#)
            out.int(1 + rng.below(40))
            out.raw(#"","groupDescription":"launch-wizard created 2026-11-01T10:12:44.120Z","vpcId":""#)
            out.raw(pick(acct.vpcs))
            out.raw(#""}"#)
            if beginResponse() {
                out.raw(#"{"requestId":""#)
                out.uuid(&rng)
                out.raw(#"","_return":true,"groupId":"sg-0"#)
                out.hex(&rng, 16)
                out.raw(#""}"#)
            }

        case .naclEntry:
            out.raw(#"{"networkAclId":""#)
            out.raw(pick(acct.nacls))
            out.raw(#"","ruleNumber":"#)
            out.int(100 + 10 * rng.below(20))
            out.raw(#","egress":"#)
            out.bool(rng.below(3) == 0)
            out.raw(rng.below(4) == 0 ? #","ruleAction":"deny""# : #","ruleAction":"allow""#)
            out.raw(#","icmpTypeCode":{},"protocol":"6","portRange":{"from":443,"to":443},"cidrBlock":"0.0.0.0/0"}"#)
            writeReturnTrueResponse()

        case .vpcOp:
            let vpc = pick(acct.vpcs)
            if same(spec.name, "CreateVpc") {
                out.raw(#"{"cidrBlock":"10."#)
                out.int(rng.below(256))
                out.raw(#".0.0/16","amazonProvidedIpv6CidrBlock":false,"instanceTenancy":"default"}"#)
            } else if same(spec.name, "CreateNetworkAcl") || same(spec.name, "CreateVpcPeeringConnection") {
                out.raw(#"{"vpcId":""#)
                out.raw(vpc)
                out.raw(#""}"#)
            } else {
                out.raw(#"{"vpcId":""#)
                out.raw(vpc)
                out.raw(#"","routeTableId":""#)
                out.raw(pick(acct.routeTables))
                out.raw(#"","networkAclId":""#)
                out.raw(pick(acct.nacls))
                out.raw(#""}"#)
            }
            writeReturnTrueResponse()

        case .routeOp:
            out.raw(#"{"routeTableId":""#)
            out.raw(pick(acct.routeTables))
            out.raw(#"","destinationCidrBlock":""#)
            out.raw(rng.below(2) == 0 ? "0.0.0.0/0" : "172.16.0.0/12")
            out.raw(#"","gatewayId":""#)
            out.raw(pick(acct.igws))
            out.raw(#""}"#)
            writeReturnTrueResponse()

        case .gatewayOp:
            let igw = pick(acct.igws)
            if same(spec.name, "CreateInternetGateway") {
                out.raw("{}")
                if beginResponse() {
                    out.raw(#"{"requestId":""#)
                    out.uuid(&rng)
                    out.raw(#"","internetGateway":{"internetGatewayId":""#)
                    out.raw(igw)
                    out.raw(#"","ownerId":""#)
                    out.raw(acct.id)
                    out.raw(#"","attachmentSet":{},"tagSet":{}}}"#)
                }
            } else {
                out.raw(#"{"internetGatewayId":""#)
                out.raw(igw)
                out.raw(#"","vpcId":""#)
                out.raw(pick(acct.vpcs))
                out.raw(#""}"#)
                writeReturnTrueResponse()
            }

        default:
            payload2(spec)
        }
    }
}

/// Byte equality of two static strings.
@inline(__always) func same(_ a: StaticString, _ b: StaticString) -> Bool {
    a.utf8CodeUnitCount == b.utf8CodeUnitCount
        && a.withUTF8Buffer { x in b.withUTF8Buffer { y in x.elementsEqual(y) } }
}

extension ClientStyle {
    var isPerson: Bool {
        if case .person = self { return true }
        return false
    }
}
