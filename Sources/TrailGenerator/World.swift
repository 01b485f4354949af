/// The simulated organisation: accounts, their principals and resources.
///
/// Built once per run from the seed, then only read by the workers that write files.

/// How a principal calls AWS: it decides the user agent, the source IP and the console flags.
enum ClientStyle: Sendable {
    /// A person: console (browser) or CLI, chosen per event.
    case person
    /// An application using an SDK (index into `Catalog.sdkAgents`).
    case sdk(Int)
    /// Infrastructure as code from CI.
    case terraform
    /// The SSM agent or the ECS agent on an instance.
    case agent
}

/// One principal that makes calls in an account.
struct Actor: Sendable {
    enum Kind: Sendable { case iamUser, assumedRole, root, federatedUser, awsAccount, webIdentity }

    var kind: Kind
    /// userName (IAM user), session name (role), federated name.
    var name: [UInt8]
    var principalId: [UInt8]
    var arn: [UInt8]
    var accountId: [UInt8]
    /// Long-term key (AKIA…) for IAM users; roles get an ASIA key per hour of session.
    var accessKey: [UInt8]
    var issuerType: StaticString = "Role"
    var issuerPrincipalId: [UInt8] = []
    var issuerArn: [UInt8] = []
    var issuerName: [UInt8] = []
    var sourceIdentity: [UInt8]? = nil
    var ec2RoleDelivery = false
    /// A service that acts through this role session (`invokedBy` on the identity).
    var invokedBy: [UInt8]? = nil
    /// Lambda/EC2 credentials scope (eventVersion 1.10+).
    var inScopeOf: (issuerType: StaticString, service: StaticString, resource: [UInt8])? = nil
    var style: ClientStyle
    var ip: UInt32
    /// Calls go through this interface endpoint (and come from a private IP).
    var vpce: [UInt8]? = nil
    var mfa = false
    var browser = 0
    var cli = 0
    var keySeed: UInt64 = 0
    /// The identity provider of a web-identity caller.
    var identityProvider: [UInt8] = []
}

/// Everything generated for one account.
struct AccountWorld: Sendable {
    var index: Int
    var id: [UInt8]
    var actors: [Actor] = []
    var people: [Int] = []
    /// The IAM users among `people` (targets of user-policy changes).
    var iamUsers: [Int] = []
    var apps: [Int] = []
    var automation: [Int] = []
    var crossAccount: [Int] = []
    var webIdentity: [Int] = []
    var root = 0
    var buckets: [[UInt8]] = []
    var trailBucket: [UInt8] = []
    var kmsKeys: [[UInt8]] = []
    var instances: [[UInt8]] = []
    var securityGroups: [[UInt8]] = []
    var vpcs: [[UInt8]] = []
    var subnets: [[UInt8]] = []
    var routeTables: [[UInt8]] = []
    var nacls: [[UInt8]] = []
    var igws: [[UInt8]] = []
    var amis: [[UInt8]] = []
    var functions: [[UInt8]] = []
    var stacks: [[UInt8]] = []
    var tables: [[UInt8]] = []
    var secrets: [[UInt8]] = []
    var vpceIds: [[UInt8]] = []
    var detectorId: [UInt8] = []
    var trailName: [UInt8] = []
}

struct World: Sendable {
    var accounts: [AccountWorld]
    var regions: [[UInt8]]
    /// Where global services (IAM, sign-in, Organizations, Route 53) log: us-east-1 when generated, else the first region.
    var homeRegion: Int
    var orgID: [UInt8]

    init(accounts ids: [String], regions: [String], orgID: String, seed: UInt64) {
        self.regions = regions.map { Array($0.utf8) }
        homeRegion = regions.firstIndex(of: "us-east-1") ?? 0
        self.orgID = Array(orgID.utf8)
        let idBytes = ids.map { Array($0.utf8) }
        var accounts: [AccountWorld] = []
        for (i, id) in idBytes.enumerated() {
            var rng = TrailRandom(seed: seed, 0xACC0, UInt64(i))
            accounts.append(World.makeAccount(index: i, id: id, all: idBytes, rng: &rng))
        }
        self.accounts = accounts
    }

    // MARK: - Building an account

    static func token(_ rng: inout TrailRandom, _ prefix: StaticString, _ n: Int, _ alphabet: [UInt8]) -> [UInt8] {
        var o = JSONOut(capacity: 32)
        o.raw(prefix)
        o.charsUniform(&rng, n, from: alphabet)
        return o.bytes
    }

    static func hexID(_ rng: inout TrailRandom, _ prefix: StaticString, _ n: Int = 17) -> [UInt8] {
        var o = JSONOut(capacity: 32)
        o.raw(prefix)
        o.hex(&rng, n)
        return o.bytes
    }

    static func uuid(_ rng: inout TrailRandom) -> [UInt8] {
        var o = JSONOut(capacity: 40)
        o.uuid(&rng)
        return o.bytes
    }

    static func publicIP(_ rng: inout TrailRandom, cloud: Bool) -> UInt32 {
        let firsts: [UInt32] = cloud ? [3, 18, 34, 35, 44, 52, 54, 98, 100] : [24, 73, 81, 84, 89, 92, 109, 146, 176, 188, 203, 212]
        let a = rng.pick(firsts)
        return a << 24 | UInt32(rng.below(256)) << 16 | UInt32(rng.below(256)) << 8 | UInt32(1 + rng.below(254))
    }

    static func privateIP(_ rng: inout TrailRandom) -> UInt32 {
        10 << 24 | UInt32(rng.below(4)) << 16 | UInt32(rng.below(64)) << 8 | UInt32(4 + rng.below(250))
    }

    static func cat(_ parts: [UInt8]...) -> [UInt8] {
        var r: [UInt8] = []
        for p in parts { r += p }
        return r
    }

    static func b(_ s: String) -> [UInt8] { Array(s.utf8) }

    static func makeAccount(index: Int, id: [UInt8], all: [[UInt8]], rng: inout TrailRandom) -> AccountWorld {
        var w = AccountWorld(index: index, id: id)
        let acct = String(decoding: id, as: UTF8.self)
        let B32 = JSONOut.base32

        // Network and compute resources.
        w.vpcs = (0..<3).map { _ in hexID(&rng, "vpc-") }
        w.subnets = (0..<6).map { _ in hexID(&rng, "subnet-") }
        w.securityGroups = (0..<8).map { _ in hexID(&rng, "sg-") }
        w.routeTables = (0..<4).map { _ in hexID(&rng, "rtb-") }
        w.nacls = (0..<3).map { _ in hexID(&rng, "acl-") }
        w.igws = (0..<2).map { _ in hexID(&rng, "igw-") }
        w.amis = (0..<5).map { _ in hexID(&rng, "ami-") }
        w.instances = (0..<24).map { _ in hexID(&rng, "i-0", 16) }
        w.vpceIds = (0..<3).map { _ in hexID(&rng, "vpce-") }
        w.kmsKeys = (0..<5).map { _ in uuid(&rng) }
        w.detectorId = hexID(&rng, "", 32)
        w.trailName = b(index == 0 ? "management-events" : "org-trail")
        let suffix = String(decoding: hexID(&rng, "", 8), as: UTF8.self)
        w.trailBucket = b("aws-cloudtrail-logs-\(acct)-\(suffix)")
        w.buckets = [
            b("acme-prod-assets-\(acct)"), b("acme-data-lake-raw"), b("acme-data-lake-curated"),
            b("acme-app-logs-\(acct)"), b("cdk-hnb659fds-assets-\(acct)-us-east-1"), b("terraform-state-\(acct)"),
            b("acme-backups-\(suffix)"), b("reports.acme.example"), w.trailBucket,
        ]
        w.functions = ["orders-api", "payments-webhook", "thumbnailer", "nightly-export", "auth-authorizer", "log-shipper"]
            .map { b($0) }
        w.stacks = ["network-core", "orders-service", "data-pipeline", "CDKToolkit", "monitoring"].map { b($0) }
        w.tables = ["orders", "sessions", "inventory", "terraform-locks"].map { b($0) }
        w.secrets = ["prod/orders/db", "prod/payments/stripe", "staging/orders/db", "ci/github-token"].map { b($0) }

        func add(_ a: Actor) -> Int {
            w.actors.append(a)
            return w.actors.count - 1
        }

        // IAM users: people first, then CI users.
        let people = ["alice", "bob.smith", "carol", "dave.ops", "erin.sec", "frank", "grace.dev", "heidi"]
        let peopleCount = 4 + rng.below(4)
        for name in people.prefix(peopleCount) {
            let n = b(name)
            var a = Actor(
                kind: .iamUser, name: n, principalId: token(&rng, "AIDA", 17, B32), arn: cat(b("arn:aws:iam::\(acct):user/"), n),
                accountId: id, accessKey: token(&rng, "AKIA", 16, B32), style: .person, ip: publicIP(&rng, cloud: false))
            a.mfa = rng.chance(percent: 70)
            a.browser = rng.below(Catalog.browsers.count)
            a.cli = rng.below(Catalog.cliAgents.count)
            a.keySeed = rng.next()
            let i = add(a)
            w.people.append(i)
            w.iamUsers.append(i)
        }
        for (name, style) in [("terraform", ClientStyle.terraform), ("jenkins", .sdk(1)), ("svc-backup", .sdk(2))] {
            let n = b(name)
            var a = Actor(
                kind: .iamUser, name: n, principalId: token(&rng, "AIDA", 17, B32), arn: cat(b("arn:aws:iam::\(acct):user/"), n),
                accountId: id, accessKey: token(&rng, "AKIA", 16, B32), style: style, ip: publicIP(&rng, cloud: true))
            a.keySeed = rng.next()
            let i = add(a)
            w.automation.append(i)
            if name != "terraform" { w.apps.append(i) }
        }

        func role(
            _ roleName: String, path: String = "", session: String, style: ClientStyle, ip: UInt32,
            source: String? = nil, delivery: Bool = false, invokedBy: String? = nil
        ) -> Actor {
            let roleId = token(&rng, "AROA", 17, B32)
            let s = b(session)
            var a = Actor(
                kind: .assumedRole, name: s, principalId: cat(roleId, b(":"), s),
                arn: b("arn:aws:sts::\(acct):assumed-role/\(roleName)/\(session)"), accountId: id, accessKey: [],
                style: style, ip: ip)
            a.issuerPrincipalId = roleId
            a.issuerArn = b("arn:aws:iam::\(acct):role/\(path)\(roleName)")
            a.issuerName = b(roleName)
            a.sourceIdentity = source.map { b($0) }
            a.ec2RoleDelivery = delivery
            a.invokedBy = invokedBy.map { b($0) }
            a.keySeed = rng.next()
            return a
        }

        // People through IAM Identity Center.
        let ssoHex = String(decoding: hexID(&rng, "", 16), as: UTF8.self)
        for (i, person) in ["alice@acme.example", "mallory@acme.example", "trent@acme.example", "peggy@acme.example"].enumerated() {
            let set = i % 2 == 0 ? "AWSReservedSSO_AdministratorAccess_\(ssoHex)" : "AWSReservedSSO_ReadOnlyAccess_\(String(decoding: hexID(&rng, "", 16), as: UTF8.self))"
            var a = role(set, path: "aws-reserved/sso.amazonaws.com/", session: person, style: .person, ip: publicIP(&rng, cloud: false))
            a.mfa = true
            a.browser = rng.below(Catalog.browsers.count)
            a.cli = rng.below(Catalog.cliAgents.count)
            w.people.append(add(a))
        }
        // Cross-account admin role assumed from the management account with a source identity.
        if all.count > 1 {
            var a = role(
                "OrganizationAccountAccessRole", session: "bob.smith", style: .person, ip: publicIP(&rng, cloud: false),
                source: "bob.smith")
            a.browser = rng.below(Catalog.browsers.count)
            a.cli = rng.below(Catalog.cliAgents.count)
            a.mfa = true
            w.people.append(add(a))
        }

        // Application roles.
        for k in 0..<6 {
            let inst = w.instances[k]
            var a = role(
                k < 3 ? "ecs-cluster-instance" : "web-ec2-role", session: String(decoding: inst, as: UTF8.self),
                style: k % 2 == 0 ? .agent : .sdk(k % Catalog.sdkAgents.count), ip: publicIP(&rng, cloud: true), delivery: true)
            if k % 3 == 0 { a.inScopeOf = ("AWS::EC2::Instance", "ec2", cat(b("instance/"), inst)) }
            if k == 1 || k == 4 {
                a.ip = privateIP(&rng)
                a.vpce = w.vpceIds[k % w.vpceIds.count]
            }
            w.apps.append(add(a))
        }
        for fn in w.functions.prefix(4) {
            let f = String(decoding: fn, as: UTF8.self)
            var a = role(
                "\(f)-exec-role", session: f, style: .sdk(rng.below(Catalog.sdkAgents.count)), ip: publicIP(&rng, cloud: true))
            a.inScopeOf = ("AWS::Lambda::Function", "lambda", b("function:\(f)"))
            w.apps.append(add(a))
        }
        for task in ["orders-task", "worker-task"] {
            let a = role(
                "\(task)-role", session: String(decoding: hexID(&rng, "", 32), as: UTF8.self), style: .sdk(rng.below(Catalog.sdkAgents.count)),
                ip: privateIP(&rng))
            var a2 = a
            a2.vpce = w.vpceIds[0]
            w.apps.append(add(a2))
        }
        // GitHub Actions via OIDC, then the role it assumed.
        do {
            let a = role(
                "github-actions-deploy", session: "GitHubActions", style: .terraform, ip: publicIP(&rng, cloud: true))
            let i = add(a)
            w.apps.append(i)
            w.automation.append(i)
            var web = Actor(
                kind: .webIdentity, name: b("repo:acme/infra:ref:refs/heads/main"),
                principalId: b("arn:aws:iam::\(acct):oidc-provider/token.actions.githubusercontent.com:sts.amazonaws.com:repo:acme/infra:ref:refs/heads/main"),
                arn: [], accountId: id, accessKey: [], style: .terraform, ip: a.ip)
            web.identityProvider = b("arn:aws:iam::\(acct):oidc-provider/token.actions.githubusercontent.com")
            w.webIdentity.append(add(web))
        }
        // A service-invoked session (e.g. CloudFormation acting with its service role).
        do {
            let a = role(
                "cfn-exec-role", session: "AWSCloudFormation", style: .sdk(0), ip: 0, invokedBy: "cloudformation.amazonaws.com")
            w.apps.append(add(a))
        }
        // A federated user through a broker.
        do {
            var a = Actor(
                kind: .federatedUser, name: b("ops-portal-kim"), principalId: b("\(acct):ops-portal-kim"),
                arn: b("arn:aws:sts::\(acct):federated-user/ops-portal-kim"), accountId: id, accessKey: [], style: .person,
                ip: publicIP(&rng, cloud: false))
            a.issuerType = "IAMUser"
            a.issuerPrincipalId = token(&rng, "AIDA", 17, B32)
            a.issuerArn = b("arn:aws:iam::\(acct):user/federation-broker")
            a.issuerName = b("federation-broker")
            a.keySeed = rng.next()
            a.browser = rng.below(Catalog.browsers.count)
            w.people.append(add(a))
        }
        // Root.
        do {
            var a = Actor(
                kind: .root, name: [], principalId: id, arn: b("arn:aws:iam::\(acct):root"), accountId: id, accessKey: [],
                style: .person, ip: publicIP(&rng, cloud: false))
            a.keySeed = rng.next()
            a.browser = rng.below(Catalog.browsers.count)
            a.cli = 0
            a.mfa = rng.below(2) == 0
            w.root = add(a)
        }
        // Callers from other accounts (AWSAccount identities).
        for other in all where other != id {
            let roleId = token(&rng, "AROA", 17, B32)
            let a = Actor(
                kind: .awsAccount, name: [], principalId: cat(roleId, b(":"), b("cross-account-reader")), arn: [], accountId: other,
                accessKey: [], style: .sdk(rng.below(Catalog.sdkAgents.count)), ip: publicIP(&rng, cloud: true))
            w.crossAccount.append(add(a))
        }
        let external = b("\(String(decoding: token(&rng, "", 12, Array("0123456789".utf8)), as: UTF8.self))")
        if w.crossAccount.isEmpty {
            let a = Actor(
                kind: .awsAccount, name: [], principalId: token(&rng, "AIDA", 17, B32), arn: [], accountId: external, accessKey: [],
                style: .sdk(0), ip: publicIP(&rng, cloud: true))
            w.crossAccount.append(add(a))
        }
        return w
    }
}
