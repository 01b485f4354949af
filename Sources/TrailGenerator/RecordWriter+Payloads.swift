/// Request and response shapes for STS, KMS, S3, IAM and the other services.
extension RecordWriter {
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func payload2(_ spec: EventSpec) {
        switch spec.kind {
        // MARK: STS
        case .assumeRole:
            let role: [UInt8]
            let session: [UInt8]
            let roleNames: [StaticString] = [
                "OrganizationAccountAccessRole", "orders-api-exec-role", "ecs-task-execution", "AWSServiceRoleForConfig",
                "cdk-hnb659fds-deploy-role", "ReadOnlyAuditor", "github-actions-deploy",
            ]
            var r = JSONOut(capacity: 64)
            r.raw(roleNames[rng.below(roleNames.count)])
            role = r.bytes
            if case .service(let name) = caller {
                var s = JSONOut(capacity: 40)
                if same(name, "lambda.amazonaws.com") {
                    s.raw("awslambda_")
                    s.int(100 + rng.below(900))
                    s.byte(0x5F)
                    s.int(20_261_101_000_000 + rng.below(999_999))
                    s.raw("_")
                    s.hex(&rng, 8)
                } else {
                    s.hex(&rng, 32)
                }
                session = s.bytes
            } else if let a = actor, a.kind == .iamUser || a.kind == .assumedRole {
                var s = JSONOut(capacity: 48)
                s.text(a.name.split(separator: 0x40).first.map(Array.init) ?? a.name)
                s.raw("-session-")
                s.int(Int(t))
                session = s.bytes
            } else {
                var s = JSONOut(capacity: 40)
                s.raw("botocore-session-")
                s.int(Int(t) - rng.below(100))
                session = s.bytes
            }
            // The role is in this account, whoever assumes it (a caller from another account is logged as AWSAccount).
            let targetAccount = acct.id
            out.raw(#"{"roleArn":"arn:aws:iam::"#)
            out.raw(targetAccount)
            out.raw(":role/")
            out.raw(role)
            out.raw(#"","roleSessionName":""#)
            out.text(session)
            out.raw(#"","durationSeconds":"#)
            out.int([900, 3600, 3600, 3600, 43200][rng.below(5)])
            if rng.below(4) == 0 {
                out.raw(#","externalId":""#)
                out.raw(acct.id)
                out.byte(0x22)
            }
            out.byte(0x7D)
            if beginResponse() {
                out.raw(#"{"credentials":{"accessKeyId":"ASIA"#)
                out.chars(&rng, 16, from: JSONOut.base32)
                out.raw(#"","sessionToken":""#)
                if rng.below(3) == 0 {
                    out.raw("IQoJb3JpZ2luX2VjE")
                    out.chars(&rng, 220, from: JSONOut.base64)
                    out.raw("==")
                }
                out.raw(#"","expiration":""#)
                out.stsTime(t + 3600)
                out.raw(#""},"assumedRoleUser":{"assumedRoleId":"AROA"#)
                out.chars(&rng, 17, from: JSONOut.base32)
                out.byte(0x3A)
                out.text(session)
                out.raw(#"","arn":"arn:aws:sts::"#)
                out.raw(targetAccount)
                out.raw(":assumed-role/")
                out.raw(role)
                out.byte(0x2F)
                out.text(session)
                out.raw(#""}}"#)
            }
            hasResources = true
            side.raw(#"[{"accountId":""#)
            side.raw(targetAccount)
            side.raw(#"","type":"AWS::IAM::Role","ARN":"arn:aws:iam::"#)
            side.raw(targetAccount)
            side.raw(":role/")
            side.raw(role)
            side.raw(#""}]"#)

        case .assumeRoleWebIdentity:
            out.raw(#"{"roleArn":"arn:aws:iam::"#)
            out.raw(acct.id)
            out.raw(#":role/github-actions-deploy","roleSessionName":"GitHubActions","durationSeconds":3600}"#)
            if beginResponse() {
                out.raw(#"{"credentials":{"accessKeyId":"ASIA"#)
                out.chars(&rng, 16, from: JSONOut.base32)
                out.raw(#"","sessionToken":"","expiration":""#)
                out.stsTime(t + 3600)
                out.raw(#""},"subjectFromWebIdentityToken":"repo:acme/infra:ref:refs/heads/main","assumedRoleUser":{"assumedRoleId":"AROA"#)
                out.chars(&rng, 17, from: JSONOut.base32)
                out.raw(#":GitHubActions","arn":"arn:aws:sts::"#)
                out.raw(acct.id)
                out.raw(#":assumed-role/github-actions-deploy/GitHubActions"},"provider":"arn:aws:iam::"#)
                out.raw(acct.id)
                out.raw(#":oidc-provider/token.actions.githubusercontent.com","audience":"sts.amazonaws.com"}"#)
            }
            resource("AWS::IAM::Role", "iam", "role/github-actions-deploy", [], global: true)

        case .getCallerIdentity:
            null()
            noResponse()

        // MARK: KMS
        case .kmsDecrypt, .kmsGenerateDataKey:
            let key = pick(acct.kmsKeys)
            let ctx = rng.below(4)
            out.byte(0x7B)
            if ctx != 0 || spec.kind == .kmsGenerateDataKey {
                out.raw(#""keyId":"#)
                if rng.below(3) == 0 {
                    out.raw(#""alias/aws/s3""#)
                } else {
                    out.byte(0x22)
                    arn("kms", "key/", key)
                    out.byte(0x22)
                }
                out.byte(0x2C)
            }
            out.raw(#""encryptionContext":{"#)
            switch ctx {
            case 0:
                out.raw(#""aws:lambda:FunctionArn":""#)
                arn("lambda", "function:", pick(acct.functions))
                out.byte(0x22)
            case 1:
                out.raw(#""aws:s3:arn":"arn:aws:s3:::"#)
                out.text(pick(acct.buckets))
                out.byte(0x22)
            case 2:
                out.raw(#""SecretARN":""#)
                arn("secretsmanager", "secret:", pick(acct.secrets))
                out.byte(0x2D)
                out.chars(&rng, 6, from: JSONOut.alnum)
                out.raw(#"","SecretVersionId":""#)
                out.uuid(&rng)
                out.byte(0x22)
            default:
                out.raw(#""PARAMETER_ARN":""#)
                arn("ssm", "parameter/", [0x70, 0x72, 0x6F, 0x64, 0x2F, 0x64, 0x62, 0x2D, 0x75, 0x72, 0x6C])
                out.byte(0x22)
            }
            out.byte(0x7D)
            if spec.kind == .kmsGenerateDataKey {
                out.raw(#","keySpec":"AES_256"}"#)
            } else {
                out.raw(#","encryptionAlgorithm":"SYMMETRIC_DEFAULT"}"#)
            }
            noResponse()
            resource("AWS::KMS::Key", "kms", "key/", key)

        case .kmsKeyOp:
            let key = pick(acct.kmsKeys)
            if same(spec.name, "CreateKey") {
                out.raw(#"{"description":"orders-service data key","keyUsage":"ENCRYPT_DECRYPT","keySpec":"SYMMETRIC_DEFAULT","origin":"AWS_KMS","bypassPolicyLockoutSafetyCheck":false,"tags":[{"tagKey":"team","tagValue":"orders"}]}"#)
                if beginResponse() {
                    out.raw(#"{"keyMetadata":{"aWSAccountId":""#)
                    out.raw(acct.id)
                    out.raw(#"","keyId":""#)
                    out.raw(key)
                    out.raw(#"","arn":""#)
                    arn("kms", "key/", key)
                    out.raw(#"","creationDate":""#)
                    out.stsTime(t)
                    out.raw(#"","enabled":true,"description":"orders-service data key","keyUsage":"ENCRYPT_DECRYPT","keyState":"Enabled","origin":"AWS_KMS","keyManager":"CUSTOMER","customerMasterKeySpec":"SYMMETRIC_DEFAULT","keySpec":"SYMMETRIC_DEFAULT","encryptionAlgorithms":["SYMMETRIC_DEFAULT"],"multiRegion":false}}"#)
                }
            } else {
                out.raw(#"{"keyId":""#)
                if same(spec.name, "Encrypt") {
                    out.raw(#"alias/orders","encryptionAlgorithm":"SYMMETRIC_DEFAULT"}"#)
                } else {
                    arn("kms", "key/", key)
                    out.raw(#""}"#)
                }
                noResponse()
            }
            resource("AWS::KMS::Key", "kms", "key/", key)

        case .kmsScheduleDeletion:
            let key = pick(acct.kmsKeys)
            let days = [7, 7, 30][rng.below(3)]
            out.raw(#"{"keyId":""#)
            out.raw(key)
            out.raw(#"","pendingWindowInDays":"#)
            out.int(days)
            out.byte(0x7D)
            if beginResponse() {
                out.raw(#"{"keyId":""#)
                arn("kms", "key/", key)
                out.raw(#"","deletionDate":""#)
                out.stsTime((t / 86_400 + Int64(days) + 1) * 86_400)
                out.raw(#"","keyState":"PendingDeletion","pendingWindowInDays":"#)
                out.int(days)
                out.byte(0x7D)
            }
            resource("AWS::KMS::Key", "kms", "key/", key)

        // MARK: S3 data events
        case .s3Get, .s3Head:
            // Anonymous reads are of the public assets bucket.
            let b = isAnonymous ? acct.buckets[0] : s3Bucket(dataPlane: true)
            bucket = b
            let key = s3Key()
            s3Params(b)
            out.raw(#","key":""#)
            out.text(key)
            out.byte(0x22)
            if rng.below(3) == 0 { out.raw(#","x-id":"GetObject""#) }
            out.byte(0x7D)
            noResponse()
            let size = failed ? 0 : spec.kind == .s3Head ? 0 : 200 + rng.below(rng.below(8) == 0 ? 50_000_000 : 400_000)
            s3AED(bytesIn: 0, bytesOut: size)
            s3Resource(object: key, bucket: b)

        case .s3Put:
            let b = s3Bucket(dataPlane: true)
            bucket = b
            var key = s3Key()
            if b == acct.trailBucket {
                var k = JSONOut(capacity: 128)
                k.raw("AWSLogs/")
                k.raw(acct.id)
                k.raw("/CloudTrail/")
                k.raw(region)
                let c = CivilTime(epochSeconds: t)
                k.byte(0x2F)
                k.int(c.year)
                k.byte(0x2F)
                k.padded(c.month, width: 2)
                k.byte(0x2F)
                k.padded(c.day, width: 2)
                k.byte(0x2F)
                k.raw(acct.id)
                k.raw("_CloudTrail_")
                k.raw(region)
                k.byte(0x5F)
                k.int(c.year)
                k.padded(c.month, width: 2)
                k.padded(c.day, width: 2)
                k.byte(0x54)
                k.padded(c.hour, width: 2)
                k.padded(c.minute / 5 * 5, width: 2)
                k.raw("Z_")
                k.chars(&rng, 16, from: JSONOut.alnum)
                k.raw(".json.gz")
                key = k.bytes
            }
            let size = 100 + rng.below(rng.below(10) == 0 ? 80_000_000 : 250_000)
            s3Params(b)
            out.raw(#","key":""#)
            out.text(key)
            out.byte(0x22)
            let kms = rng.below(3) == 0
            if kms { out.raw(#","x-amz-server-side-encryption":"aws:kms""#) }
            if rng.below(5) == 0 { out.raw(#","x-amz-acl":"bucket-owner-full-control""#) }
            out.byte(0x7D)
            if beginResponse() {
                if kms {
                    out.raw(#"{"x-amz-server-side-encryption-aws-kms-key-id":""#)
                    arn("kms", "key/", pick(acct.kmsKeys))
                    out.raw(#"","x-amz-server-side-encryption":"aws:kms"}"#)
                } else if rng.below(2) == 0 {
                    out.raw(#"{"x-amz-server-side-encryption":"AES256"}"#)
                } else {
                    out.raw(#"{"x-amz-version-id":""#)
                    out.chars(&rng, 32, from: JSONOut.alnum)
                    out.raw(#"","x-amz-server-side-encryption":"AES256"}"#)
                }
            }
            s3AED(bytesIn: failed ? 0 : size, bytesOut: 0, acl: rng.below(100) < 5)
            s3Resource(object: key, bucket: b)

        case .s3Copy:
            let b = s3Bucket(dataPlane: true)
            bucket = b
            let src = s3Key()
            let key = s3Key()
            s3Params(b)
            out.raw(#","x-amz-copy-source":""#)
            out.text(pick(acct.buckets))
            out.byte(0x2F)
            out.text(src)
            out.raw(#"","key":""#)
            out.text(key)
            out.raw(#""}"#)
            if beginResponse() {
                out.raw(#"{"x-amz-server-side-encryption":"AES256","CopyObjectResult":{"ETag":"\""#)
                out.hex(&rng, 32)
                out.raw(#"\"","LastModified":""#)
                out.isoTime(t)
                out.raw(#""}}"#)
            }
            s3AED(bytesIn: 0, bytesOut: failed ? 0 : 234)
            s3Resource(object: key, bucket: b)

        case .s3List:
            let b = s3Bucket(dataPlane: true)
            bucket = b
            s3Params(b)
            let prefixes: [StaticString] = [
                #","prefix":"raw/events/","delimiter":"/""#, #","prefix":"""#, #","prefix":"exports/2026/","max-keys":"1000""#,
                #","prefix":"uploads/users/""#,
            ]
            out.raw(#","list-type":"2","encoding-type":"url""#)
            out.raw(prefixes[rng.below(prefixes.count)])
            out.byte(0x7D)
            noResponse()
            s3AED(bytesIn: 0, bytesOut: failed ? 0 : 300 + rng.below(60_000))
            s3Resource(object: nil, bucket: b)

        case .s3Delete:
            let b = s3Bucket(dataPlane: true)
            bucket = b
            let key = s3Key()
            s3Params(b)
            out.raw(#","key":""#)
            out.text(key)
            out.raw(#""}"#)
            noResponse()
            s3AED(bytesIn: 0, bytesOut: 0)
            s3Resource(object: key, bucket: b)

        // MARK: S3 management events
        case .s3BucketRead, .s3BucketWrite:
            let b = s3Bucket(dataPlane: false)
            bucket = b
            s3Params(b)
            out.byte(0x2C)
            out.byte(0x22)
            // The subresource as an empty parameter, as S3 logs it: "acl":"", "policy":"", "versioning":"", …
            let sub: StaticString
            switch spec.name.utf8CodeUnitCount {
            case _ where same(spec.name, "GetBucketAcl"): sub = "acl"
            case _ where same(spec.name, "GetBucketLocation"): sub = "location"
            case _ where same(spec.name, "GetBucketPolicy"), _ where same(spec.name, "DeleteBucketPolicy"): sub = "policy"
            case _ where same(spec.name, "GetBucketVersioning"): sub = "versioning"
            case _ where same(spec.name, "GetBucketEncryption"): sub = "encryption"
            case _ where same(spec.name, "PutBucketCors"): sub = "cors"
            case _ where same(spec.name, "PutBucketLifecycle"): sub = "lifecycle"
            case _ where same(spec.name, "PutBucketReplication"): sub = "replication"
            case _ where same(spec.name, "DeleteBucket"): sub = "x-id"
            default: sub = "publicAccessBlock"
            }
            out.raw(sub)
            out.raw(#"":"""#)
            if same(spec.name, "PutBucketPublicAccessBlock") {
                out.raw(#","PublicAccessBlockConfiguration":{"xmlns":"http://s3.amazonaws.com/doc/2006-03-01/","RestrictPublicBuckets":true,"BlockPublicPolicy":true,"BlockPublicAcls":true,"IgnorePublicAcls":true}"#)
            } else if same(spec.name, "PutBucketLifecycle") {
                out.raw(#","LifecycleConfiguration":{"xmlns":"http://s3.amazonaws.com/doc/2006-03-01/","Rule":{"ID":"expire-tmp","Status":"Enabled","Filter":{"Prefix":"tmp/"},"Expiration":{"Days":7}}}"#)
            }
            out.byte(0x7D)
            noResponse()
            s3AED(bytesIn: spec.readOnly ? 0 : 300, bytesOut: spec.readOnly ? 500 + rng.below(2000) : 0)
            s3Resource(object: nil, bucket: b)

        case .s3PutBucketPolicy:
            let b = s3Bucket(dataPlane: false)
            bucket = b
            s3Params(b)
            out.raw(#","bucketPolicy":{"Version":"2012-10-17","Statement":[{"Sid":"#)
            if rng.below(3) == 0 {
                out.raw(#""PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::"#)
                out.text(b)
                out.raw(#"/*"}"#)
            } else {
                out.raw(#""DenyInsecureTransport","Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":["arn:aws:s3:::"#)
                out.text(b)
                out.raw(#"","arn:aws:s3:::"#)
                out.text(b)
                out.raw(#"/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#)
            }
            out.raw(#"]},"policy":""}"#)
            noResponse()
            s3AED(bytesIn: 412, bytesOut: 0)
            s3Resource(object: nil, bucket: b)

        case .s3PutBucketAcl:
            let b = s3Bucket(dataPlane: false)
            bucket = b
            s3Params(b)
            out.raw(#","acl":"","AccessControlPolicy":{"AccessControlList":{"Grant":[{"Grantee":{"xsi:type":"CanonicalUser","ID":""#)
            out.hex(&rng, 64)
            out.raw(#"","xmlns:xsi":"http://www.w3.org/2001/XMLSchema-instance"},"Permission":"FULL_CONTROL"},{"Grantee":{"xsi:type":"Group","URI":"http://acs.amazonaws.com/groups/global/AllUsers","xmlns:xsi":"http://www.w3.org/2001/XMLSchema-instance"},"Permission":"READ"}]},"xmlns":"http://s3.amazonaws.com/doc/2006-03-01/","Owner":{"ID":""#)
            out.hex(&rng, 64)
            out.raw(#""}}}"#)
            noResponse()
            s3AED(bytesIn: 620, bytesOut: 0, acl: true)
            s3Resource(object: nil, bucket: b)

        case .s3ListBuckets:
            out.raw(#"{"Host":"s3."#)
            out.raw(region)
            out.raw(#".amazonaws.com"}"#)
            noResponse()
            s3AED(bytesIn: 0, bytesOut: failed ? 0 : 1500 + rng.below(3000))

        case .s3CreateBucket:
            var n = JSONOut(capacity: 48)
            n.raw("acme-scratch-")
            n.hex(&rng, 8)
            let b = n.bytes
            bucket = b
            s3Params(b)
            out.raw(#","CreateBucketConfiguration":{"LocationConstraint":""#)
            out.raw(region)
            out.raw(#"","xmlns":"http://s3.amazonaws.com/doc/2006-03-01/"}}"#)
            noResponse()
            s3AED(bytesIn: 153, bytesOut: 0)
            s3Resource(object: nil, bucket: b)

        case .s3AccountPAB:
            out.raw(#"{"Host":""#)
            out.raw(acct.id)
            out.raw(".s3-control.")
            out.raw(region)
            out.raw(#".amazonaws.com""#)
            if same(spec.name, "PutAccountPublicAccessBlock") {
                out.raw(#","PublicAccessBlockConfiguration":{"xmlns":"http://awss3control.amazonaws.com/doc/2018-08-20/","BlockPublicAcls":true,"IgnorePublicAcls":true,"BlockPublicPolicy":true,"RestrictPublicBuckets":true}"#)
            }
            out.byte(0x7D)
            noResponse()
            s3AED(bytesIn: 0, bytesOut: 0)

        // MARK: IAM
        case .iamRead:
            if same(spec.name, "GetRole") || same(spec.name, "ListAttachedRolePolicies") {
                out.raw(#"{"roleName":""#)
                out.raw(rng.below(2) == 0 ? "orders-api-exec-role" : "ecs-cluster-instance")
                out.raw(#""}"#)
            } else if same(spec.name, "GetPolicyVersion") {
                out.raw(#"{"policyArn":""#)
                out.raw(Catalog.policies[rng.below(Catalog.policies.count)])
                out.raw(#"","versionId":"v"#)
                out.int(1 + rng.below(5))
                out.raw(#""}"#)
            } else if same(spec.name, "GetUser") || same(spec.name, "ListAccessKeys") {
                out.raw(#"{"userName":""#)
                out.text(acct.actors[acct.people[0]].name)
                out.raw(#""}"#)
            } else if same(spec.name, "ListRoles") || same(spec.name, "ListUsers") {
                out.raw(rng.below(2) == 0 ? #"{"maxItems":1000}"# : "null")
            } else {
                null()
            }
            noResponse()

        case .iamPutPolicy:
            let target = pick(acct.iamUsers.map { acct.actors[$0].name })
            if same(spec.name, "PutUserPolicy") {
                out.raw(#"{"userName":""#)
                out.text(target)
            } else if same(spec.name, "PutGroupPolicy") {
                out.raw(#"{"groupName":"Developers"#)
            } else {
                out.raw(#"{"roleName":"orders-api-exec-role"#)
            }
            out.raw(#"","policyName":"inline-s3-access","policyDocument":"#)
            if rng.below(4) == 0 {
                policyDocument("*", "*")
            } else {
                policyDocument("s3:GetObject", "arn:aws:s3:::acme-data-lake-raw/*")
            }
            out.byte(0x7D)
            noResponse()

        case .iamAttachPolicy:
            if same(spec.name, "AttachUserPolicy") || same(spec.name, "DetachUserPolicy") {
                out.raw(#"{"userName":""#)
                out.text(pick(acct.iamUsers.map { acct.actors[$0].name }))
            } else if same(spec.name, "AttachGroupPolicy") {
                out.raw(#"{"groupName":"Admins"#)
            } else {
                out.raw(#"{"roleName":""#)
                out.raw(rng.below(2) == 0 ? "orders-api-exec-role" : "github-actions-deploy")
            }
            out.raw(#"","policyArn":""#)
            out.raw(Catalog.policies[rng.below(Catalog.policies.count)])
            out.raw(#""}"#)
            noResponse()

        case .iamCreatePolicy:
            let policyArnTail: StaticString = ":policy/orders-s3-access"
            if same(spec.name, "CreatePolicy") {
                out.raw(#"{"policyName":"orders-s3-access","policyDocument":"#)
                policyDocument("s3:*", "arn:aws:s3:::acme-prod-assets-*")
                out.raw(#","description":"Orders service access to assets"}"#)
                if beginResponse() {
                    out.raw(#"{"policy":{"policyName":"orders-s3-access","policyId":"ANPA"#)
                    out.chars(&rng, 17, from: JSONOut.base32)
                    out.raw(#"","arn":"arn:aws:iam::"#)
                    out.raw(acct.id)
                    out.raw(policyArnTail)
                    out.raw(#"","path":"/","defaultVersionId":"v1","attachmentCount":0,"permissionsBoundaryUsageCount":0,"isAttachable":true,"createDate":""#)
                    out.stsTime(t)
                    out.raw(#"","updateDate":""#)
                    out.stsTime(t)
                    out.raw(#""}}"#)
                }
            } else {
                out.raw(#"{"policyArn":"arn:aws:iam::"#)
                out.raw(acct.id)
                out.raw(policyArnTail)
                if same(spec.name, "CreatePolicyVersion") {
                    out.raw(#"","policyDocument":"#)
                    policyDocument("s3:*", "*")
                    out.raw(#","setAsDefault":true}"#)
                    if beginResponse() {
                        out.raw(#"{"policyVersion":{"versionId":"v"#)
                        out.int(2 + rng.below(4))
                        out.raw(#"","isDefaultVersion":true,"createDate":""#)
                        out.stsTime(t)
                        out.raw(#""}}"#)
                    }
                } else {
                    if same(spec.name, "DeletePolicyVersion") {
                        out.raw(#"","versionId":"v"#)
                        out.int(1 + rng.below(3))
                    }
                    out.raw(#""}"#)
                    noResponse()
                }
            }

        case .iamCreateUser:
            out.raw(#"{"userName":"contractor-"#)
            out.padded(rng.below(100), width: 2)
            out.raw(#"","tags":[{"key":"team","value":"data"}]}"#)
            if beginResponse() {
                out.raw(#"{"user":{"path":"/","userName":"contractor-01","userId":"AIDA"#)
                out.chars(&rng, 17, from: JSONOut.base32)
                out.raw(#"","arn":"arn:aws:iam::"#)
                out.raw(acct.id)
                out.raw(#":user/contractor-01","createDate":""#)
                out.stsTime(t)
                out.raw(#"","tags":[{"key":"team","value":"data"}]}}"#)
            }

        case .iamCreateAccessKey:
            let user = pick(acct.automation.map { acct.actors[$0].name }.filter { !$0.isEmpty })
            out.raw(#"{"userName":""#)
            out.text(user)
            out.raw(#""}"#)
            if beginResponse() {
                out.raw(#"{"accessKey":{"userName":""#)
                out.text(user)
                out.raw(#"","accessKeyId":"AKIA"#)
                out.chars(&rng, 16, from: JSONOut.base32)
                out.raw(#"","status":"Active","createDate":""#)
                out.stsTime(t)
                out.raw(#""}}"#)
            }

        case .iamCreateLoginProfile:
            out.raw(#"{"userName":"contractor-01","passwordResetRequired":true}"#)
            if beginResponse() {
                out.raw(#"{"loginProfile":{"userName":"contractor-01","createDate":""#)
                out.stsTime(t)
                out.raw(#"","passwordResetRequired":true}}"#)
            }

        case .iamUserOp:
            out.raw(#"{"userName":"contractor-01""#)
            if same(spec.name, "UpdateAccessKey") {
                out.raw(#","accessKeyId":"AKIA"#)
                out.chars(&rng, 16, from: JSONOut.base32)
                out.raw(#"","status":"Inactive""#)
            } else if same(spec.name, "DeactivateMFADevice") {
                out.raw(#","serialNumber":"arn:aws:iam::"#)
                out.raw(acct.id)
                out.raw(#":mfa/contractor-01""#)
            }
            out.byte(0x7D)
            noResponse()

        case .iamRoleOp:
            let trust: StaticString = #""{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}""#
            if same(spec.name, "CreateRole") {
                out.raw(#"{"roleName":"payments-webhook-exec-role","assumeRolePolicyDocument":"#)
                out.raw(trust)
                out.raw(#","maxSessionDuration":3600}"#)
                if beginResponse() {
                    out.raw(#"{"role":{"path":"/","roleName":"payments-webhook-exec-role","roleId":"AROA"#)
                    out.chars(&rng, 17, from: JSONOut.base32)
                    out.raw(#"","arn":"arn:aws:iam::"#)
                    out.raw(acct.id)
                    out.raw(#":role/payments-webhook-exec-role","createDate":""#)
                    out.stsTime(t)
                    out.raw(#"","assumeRolePolicyDocument":"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22lambda.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D","maxSessionDuration":3600}}"#)
                }
            } else if same(spec.name, "UpdateAssumeRolePolicy") {
                out.raw(#"{"roleName":"OrganizationAccountAccessRole","policyDocument":"#)
                out.raw(trust)
                out.byte(0x7D)
                noResponse()
            } else {
                out.raw(#"{"roleName":"legacy-batch-role"}"#)
                noResponse()
            }

        // MARK: CloudTrail, Config, GuardDuty
        case .trailOp:
            let trailArnName = acct.trailName
            if same(spec.name, "DescribeTrails") {
                out.raw(#"{"trailNameList":[],"includeShadowTrails":true}"#)
                noResponse()
            } else if same(spec.name, "CreateTrail") || same(spec.name, "UpdateTrail") {
                out.raw(#"{"name":""#)
                out.raw(trailArnName)
                out.raw(#"","s3BucketName":""#)
                out.raw(acct.trailBucket)
                out.raw(#"","isMultiRegionTrail":"#)
                out.bool(rng.below(5) != 0)
                out.raw(#","enableLogFileValidation":"#)
                out.bool(rng.below(5) != 0)
                out.raw(#","includeGlobalServiceEvents":true}"#)
                if beginResponse() {
                    out.raw(#"{"name":""#)
                    out.raw(trailArnName)
                    out.raw(#"","s3BucketName":""#)
                    out.raw(acct.trailBucket)
                    out.raw(#"","includeGlobalServiceEvents":true,"isMultiRegionTrail":true,"trailARN":""#)
                    arn("cloudtrail", "trail/", trailArnName)
                    out.raw(#"","logFileValidationEnabled":true,"isOrganizationTrail":false}"#)
                }
            } else {
                out.raw(#"{"name":""#)
                arn("cloudtrail", "trail/", trailArnName)
                if same(spec.name, "PutEventSelectors") {
                    out.raw(#"","eventSelectors":[{"readWriteType":"WriteOnly","includeManagementEvents":true,"dataResources":[],"excludeManagementEventSources":["kms.amazonaws.com"]}]}"#)
                } else {
                    out.raw(#""}"#)
                }
                noResponse()
            }
            if !spec.readOnly {
                resource("AWS::CloudTrail::Trail", "cloudtrail", "trail/", trailArnName)
            }

        case .lookupEvents:
            out.raw(#"{"maxResults":50,"lookupAttributes":[{"attributeKey":"EventName","attributeValue":""#)
            let names: [StaticString] = ["ConsoleLogin", "RunInstances", "DeleteBucket", "CreateAccessKey"]
            out.raw(names[rng.below(names.count)])
            out.raw(#""}],"startTime":""#)
            out.stsTime(t - 86_400)
            out.raw(#"","endTime":""#)
            out.stsTime(t)
            out.raw(#""}"#)
            noResponse()

        case .configOp:
            if same(spec.name, "StopConfigurationRecorder") || same(spec.name, "DeleteConfigurationRecorder") {
                out.raw(#"{"configurationRecorderName":"default"}"#)
            } else if same(spec.name, "DeleteDeliveryChannel") {
                out.raw(#"{"deliveryChannelName":"default"}"#)
            } else if same(spec.name, "PutConfigurationRecorder") {
                out.raw(#"{"configurationRecorder":{"name":"default","roleARN":"arn:aws:iam::"#)
                out.raw(acct.id)
                out.raw(#":role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig","recordingGroup":{"allSupported":true,"includeGlobalResourceTypes":false,"resourceTypes":[]}}}"#)
            } else {
                out.raw(rng.below(2) == 0 ? #"{"configurationRecorderNames":["default"]}"# : "null")
            }
            noResponse()

        case .guardDutyOp:
            if same(spec.name, "ListDetectors") {
                out.raw(#"{"maxResults":50}"#)
            } else {
                out.raw(#"{"detectorId":""#)
                out.raw(acct.detectorId)
                if same(spec.name, "GetFindings") {
                    out.raw(#"","findingIds":[""#)
                    out.hex(&rng, 32)
                    out.raw(#""]}"#)
                } else {
                    out.raw(#""}"#)
                }
            }
            noResponse()
            if !spec.readOnly {
                resource("AWS::GuardDuty::Detector", "guardduty", "detector/", acct.detectorId)
            }

        // MARK: Logs and metrics
        case .logsCreateStream:
            let fn = pick(acct.functions)
            let c = CivilTime(epochSeconds: t)
            out.raw(#"{"logGroupName":"/aws/lambda/"#)
            out.text(fn)
            out.raw(#"","logStreamName":""#)
            out.int(c.year)
            out.byte(0x2F)
            out.padded(c.month, width: 2)
            out.byte(0x2F)
            out.padded(c.day, width: 2)
            out.raw("/[$LATEST]")
            out.hex(&rng, 32)
            out.raw(#""}"#)
            noResponse()

        case .logsRead:
            if same(spec.name, "DescribeLogGroups") {
                out.raw(rng.below(2) == 0 ? #"{"logGroupNamePrefix":"/aws/lambda/"}"# : #"{"limit":50}"#)
            } else if same(spec.name, "PutMetricFilter") {
                out.raw(#"{"logGroupName":"aws-cloudtrail-logs","filterName":"RootAccountUsage","filterPattern":"{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }","metricTransformations":[{"metricName":"RootAccountUsageCount","metricNamespace":"CISBenchmark","metricValue":"1"}]}"#)
            } else {
                out.raw(#"{"logGroupName":"/aws/lambda/"#)
                out.text(pick(acct.functions))
                if same(spec.name, "FilterLogEvents") {
                    out.raw(#"","filterPattern":"?ERROR ?Exception \"Task timed out\"","startTime":"#)
                    out.int(Int(t - 3600) * 1000)
                    out.raw(#","interleaved":true}"#)
                } else if same(spec.name, "StartQuery") {
                    out.raw(#"","queryString":"fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20","startTime":"#)
                    out.int(Int(t - 3600))
                    out.raw(#","endTime":"#)
                    out.int(Int(t))
                    out.byte(0x7D)
                } else if same(spec.name, "DescribeLogStreams") {
                    out.raw(#"","orderBy":"LastEventTime","descending":true,"limit":50}"#)
                } else {
                    out.raw(#""}"#)
                }
            }
            if same(spec.name, "StartQuery"), beginResponse() {
                out.raw(#"{"queryId":""#)
                out.uuid(&rng)
                out.raw(#""}"#)
            } else if !same(spec.name, "StartQuery") {
                noResponse()
            }

        case .alarms:
            if same(spec.name, "DescribeAlarms") {
                out.raw(rng.below(2) == 0 ? #"{"alarmTypes":["CompositeAlarm","MetricAlarm"],"maxRecords":100}"# : #"{"alarmNames":["orders-api-5xx","orders-api-latency-p99"]}"#)
            } else if same(spec.name, "DeleteAlarms") {
                out.raw(#"{"alarmNames":["legacy-cpu-high"]}"#)
            } else {
                out.raw(#"{"alarmName":"orders-api-5xx","metricName":"HTTPCode_Target_5XX_Count","namespace":"AWS/ApplicationELB","statistic":"Sum","dimensions":[{"name":"LoadBalancer","value":"app/orders-alb/50dc6c495c0c9188"}],"period":60,"evaluationPeriods":5,"threshold":10.0,"comparisonOperator":"GreaterThanOrEqualToThreshold","treatMissingData":"notBreaching","alarmActions":["arn:aws:sns:"#)
                out.raw(region)
                out.byte(0x3A)
                out.raw(acct.id)
                out.raw(#":ops-alerts"]}"#)
            }
            noResponse()

        case .metricData:
            out.raw(#"{"metricDataQueries":[{"id":"m1","metricStat":{"metric":{"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":[{"name":"InstanceId","value":""#)
            out.raw(pick(acct.instances))
            out.raw(#""}]},"period":300,"stat":"Average"},"returnData":true}],"startTime":""#)
            out.stsTime(t - 10_800)
            out.raw(#"","endTime":""#)
            out.stsTime(t)
            out.raw(#""}"#)
            noResponse()

        // MARK: Lambda
        case .lambdaRead:
            if same(spec.name, "ListFunctions20150331") {
                out.raw(rng.below(2) == 0 ? #"{"maxItems":50}"# : "null")
            } else {
                out.raw(#"{"functionName":""#)
                out.text(pick(acct.functions))
                out.raw(#""}"#)
            }
            noResponse()

        case .lambdaInvoke:
            let fn = pick(acct.functions)
            out.raw(#"{"functionName":""#)
            arn("lambda", "function:", fn)
            if case .service(let name) = caller {
                out.raw(#"","sourceArn":""#)
                if same(name, "events.amazonaws.com") {
                    arn("events", "rule/", [0x6E, 0x69, 0x67, 0x68, 0x74, 0x6C, 0x79])
                } else if same(name, "s3.amazonaws.com") {
                    out.raw("arn:aws:s3:::acme-data-lake-raw")
                } else if same(name, "sqs.amazonaws.com") {
                    arn("sqs", "", [0x6F, 0x72, 0x64, 0x65, 0x72, 0x73])
                } else {
                    arn("execute-api", "", [0x61, 0x62, 0x63, 0x31, 0x32, 0x33, 0x2F, 0x2A])
                }
            }
            out.raw(#""}"#)
            noResponse()
            out.raw(#","additionalEventData":{"functionVersion":""#)
            arn("lambda", "function:", fn)
            out.raw(#":$LATEST"}"#)
            resource("AWS::Lambda::Function", "lambda", "function:", fn)

        case .lambdaWrite:
            let fn = pick(acct.functions)
            out.raw(#"{"functionName":""#)
            out.text(fn)
            if same(spec.name, "UpdateFunctionCode20150331v2") {
                out.raw(#"","publish":false,"dryRun":false,"architectures":["arm64"]}"#)
            } else if same(spec.name, "AddPermission20150331v2") {
                out.raw(#"","statementId":"AllowExecutionFromAPIGateway","action":"lambda:InvokeFunction","principal":"apigateway.amazonaws.com"}"#)
            } else {
                out.raw(#"","timeout":30,"memorySize":1024,"environment":{}}"#)
            }
            if beginResponse() {
                out.raw(#"{"functionName":""#)
                out.text(fn)
                out.raw(#"","functionArn":""#)
                arn("lambda", "function:", fn)
                out.raw(#"","runtime":"python3.12","role":"arn:aws:iam::"#)
                out.raw(acct.id)
                out.raw(":role/")
                out.text(fn)
                out.raw(#"-exec-role","handler":"app.handler","codeSize":"#)
                out.int(10_000 + rng.below(5_000_000))
                out.raw(#","timeout":30,"memorySize":1024,"lastModified":""#)
                out.isoTime(t)
                out.raw(#"","codeSha256":""#)
                out.chars(&rng, 43, from: JSONOut.base64)
                out.raw(#"=","version":"$LATEST","tracingConfig":{"mode":"PassThrough"},"revisionId":""#)
                out.uuid(&rng)
                out.raw(#"","state":"Active","lastUpdateStatus":"InProgress","packageType":"Zip","architectures":["arm64"],"ephemeralStorage":{"size":512},"snapStart":{"applyOn":"None","optimizationStatus":"Off"}}"#)
            }

        // MARK: Other services
        case .cfnStack:
            let stack = pick(acct.stacks)
            out.raw(#"{"stackName":""#)
            if same(spec.name, "CreateStack") || same(spec.name, "UpdateStack") {
                out.text(stack)
                out.raw(#"","templateURL":"https://s3.amazonaws.com/cdk-hnb659fds-assets-"#)
                out.raw(acct.id)
                out.raw("-us-east-1/")
                out.hex(&rng, 64)
                out.raw(#".json","parameters":[{"parameterKey":"Env","parameterValue":"prod"},{"parameterKey":"BootstrapVersion","parameterValue":"/cdk-bootstrap/hnb659fds/version"}],"capabilities":["CAPABILITY_IAM","CAPABILITY_NAMED_IAM"],"tags":[]}"#)
                if beginResponse() {
                    out.raw(#"{"stackId":""#)
                    arn("cloudformation", "stack/", stack)
                    out.byte(0x2F)
                    out.uuid(&rng)
                    out.raw(#""}"#)
                }
            } else {
                if rng.below(2) == 0 {
                    out.text(stack)
                } else {
                    arn("cloudformation", "stack/", stack)
                    out.byte(0x2F)
                    out.uuid(&rng)
                }
                out.raw(#""}"#)
                noResponse()
            }

        case .ssmInstanceInfo:
            let inst: [UInt8] = actor.map { $0.ec2RoleDelivery ? $0.name : acct.instances[0] } ?? acct.instances[0]
            let ip = World.privateIP(&rng)
            out.raw(#"{"instanceId":""#)
            out.raw(inst)
            out.raw(#"","agentVersion":"3.3.1142.0","agentStatus":"Active","platformType":"Linux","platformName":"Amazon Linux","platformVersion":"2023","iPAddress":""#)
            out.ipv4(ip)
            out.raw(#"","computerName":"ip-"#)
            out.int(Int(ip >> 24))
            out.byte(0x2D)
            out.int(Int((ip >> 16) & 255))
            out.byte(0x2D)
            out.int(Int((ip >> 8) & 255))
            out.byte(0x2D)
            out.int(Int(ip & 255))
            out.raw(#".ec2.internal","agentName":"amazon-ssm-agent","availabilityZone":""#)
            out.raw(region)
            out.raw(#"a","sSMConnectionChannel":"ssmmessages"}"#)
            noResponse()

        case .ssmGetParameter:
            let names: [StaticString] = [
                "/prod/orders/db-url", "/prod/orders/feature-flags", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                "/cdk-bootstrap/hnb659fds/version",
            ]
            if same(spec.name, "GetParameters") {
                out.raw(#"{"names":[""#)
                out.raw(names[0])
                out.raw(#"",""#)
                out.raw(names[1])
                out.raw(#""],"withDecryption":true}"#)
            } else {
                out.raw(#"{"name":""#)
                out.raw(names[rng.below(names.count)])
                out.raw(rng.below(2) == 0 ? #"","withDecryption":true}"# : #""}"#)
            }
            noResponse()

        case .secretValue:
            let s = pick(acct.secrets)
            out.raw(#"{"secretId":""#)
            if rng.below(2) == 0 {
                out.text(s)
            } else {
                arn("secretsmanager", "secret:", s)
                out.byte(0x2D)
                out.chars(&rng, 6, from: JSONOut.alnum)
            }
            out.raw(#""}"#)
            noResponse()

        case .dynamoTable:
            out.raw(#"{"tableName":""#)
            out.text(pick(acct.tables))
            out.raw(#""}"#)
            noResponse()

        case .ecrToken:
            out.raw(rng.below(2) == 0 ? "null" : #"{"registryIds":[""#)
            if out.bytes.last == 0x22 {
                out.raw(acct.id)
                out.raw(#""]}"#)
            }
            noResponse()

        case .elbTargetHealth:
            out.raw(#"{"targetGroupArn":""#)
            arn("elasticloadbalancing", "targetgroup/", [0x6F, 0x72, 0x64, 0x65, 0x72, 0x73, 0x2D, 0x74, 0x67])
            out.byte(0x2F)
            out.hex(&rng, 16)
            out.raw(#""}"#)
            noResponse()

        case .rdsRead:
            if rng.below(2) == 0 {
                out.raw(#"{"dBInstanceIdentifier":"orders-db-"#)
                out.int(1 + rng.below(3))
                out.raw(#""}"#)
            } else {
                out.raw(#"{"maxRecords":100,"includeShared":false}"#)
            }
            noResponse()

        case .healthRead:
            out.raw(#"{"filter":{"startTimes":[{"from":""#)
            out.stsTime(t - 7 * 86_400)
            out.raw(#""}],"eventTypeCategories":["issue"],"eventStatusCodes":["open"]},"aggregateField":"eventTypeCategory"}"#)
            noResponse()

        default:
            null()
            noResponse()
        }
    }
}
