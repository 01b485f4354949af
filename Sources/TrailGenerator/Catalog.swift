/// Static tables: user agents, the event mix and its weights.
///
/// The weights are per 100,000 events and follow the shape of real accounts (STATS.md of the real corpus and
/// public CloudTrail samples): reads dominate (Describe/List/Get, KMS Decrypt, STS AssumeRole, S3 data events),
/// writes are a few percent, and security-relevant changes are rare but frequent enough that every CIS alarm
/// pattern matches something in a few thousand events.
enum Catalog {
    static let browsers: [StaticString] = [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
    ]

    static let cliAgents: [StaticString] = [
        "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#",
        "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.79-99.164.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off",
        "aws-cli/1.33.9 md/Botocore#1.34.127 ua/2.0 os/linux#5.15.0-1063-aws md/arch#x86_64 lang/python#3.10.12 md/pyimpl#CPython cfg/retry-mode#legacy botocore/1.34.127",
        "AWSPowerShell.Common/4.1.690.0 .NET_Core/8.0.10 OS/Microsoft_Windows_10.0.22631 PowerShellCore/7.4 (Windows_NT)",
    ]

    static let sdkAgents: [StaticString] = [
        "Boto3/1.35.54 md/Botocore#1.35.54 ua/2.0 os/linux#5.10.227-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.35.54",
        "aws-sdk-java/2.29.6 Linux/5.10.228-219.884.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy cfg/auth-source#imds",
        "aws-sdk-go-v2/1.32.3 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 api/s3#1.66.2 m/E",
        "aws-sdk-js/3.682.0 ua/2.1 os/linux#5.10.227-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.0 api/dynamodb#3.682.0 m/E,e",
        "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#6.1.109-118.189.amzn2023.x86_64 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69",
    ]

    static let terraformAgent: StaticString =
        "APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.75.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.3 ua/2.1 os/linux lang/go#1.23.2 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.187.0"
    static let ssmAgent: StaticString = "aws-sdk-go/1.55.5 (go1.22.7; linux; amd64) amazon-ssm-agent/"
    static let ecsAgent: StaticString = "Go-http-client/1.1 amazon-ecs-agent/1.88.0 (linux; amd64)"
    static let s3Console: StaticString =
        "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.750 Linux/5.10.228-197.876.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.422-b05 java/1.8.0_422 vendor/Oracle_Corporation cfg/retry-mode/standard]"

    static let instanceTypes: [StaticString] = [
        "t3.micro", "t3.small", "t3.medium", "t3.large", "m5.large", "m6i.xlarge", "c6g.large", "r6i.large", "c5.2xlarge", "t4g.small",
    ]
    static let largeInstanceTypes: [StaticString] = ["m5.4xlarge", "c5.4xlarge", "r5.8xlarge", "p3.8xlarge", "g5.8xlarge"]

    static let policies: [StaticString] = [
        "arn:aws:iam::aws:policy/AdministratorAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", "arn:aws:iam::aws:policy/PowerUserAccess",
    ]

    static let specs: [EventSpec] = buildSpecs()
}

/// Who makes a kind of call.
enum Who: Sendable {
    /// People (IAM users, Identity Center sessions, a federated user; root now and then).
    case people
    /// Applications (role sessions on instances, Lambda, ECS; CI users).
    case apps
    /// Changes: people, automation (Terraform, CI), and root now and then.
    case admin
    /// Mostly applications, some people, some AWS services.
    case mixed
    /// An AWS service (`AWSService` identity with `invokedBy`).
    case service
}

/// Kinds that need their own request/response shapes. Everything else is `.generic` with static parameters.
enum Kind: Sendable {
    case generic
    case consoleLogin, switchRole
    case assumeRole, assumeRoleWebIdentity, getCallerIdentity
    case kmsDecrypt, kmsGenerateDataKey, kmsKeyOp, kmsScheduleDeletion, kmsRotateKey
    case s3Get, s3Head, s3Put, s3Copy, s3List, s3Delete, s3BucketRead, s3BucketWrite, s3PutBucketPolicy, s3PutBucketAcl,
        s3ListBuckets, s3CreateBucket, s3AccountPAB
    case describeInstances, runInstances, instanceOp, createTags, sgIngress, createSecurityGroup, naclEntry, vpcOp, routeOp,
        gatewayOp, snapshotOp
    case iamPutPolicy, iamAttachPolicy, iamCreatePolicy, iamCreateUser, iamCreateAccessKey, iamCreateLoginProfile,
        iamUserOp, iamRoleOp, iamRead
    case trailOp, configOp, guardDutyOp, lookupEvents
    case logsCreateStream, logsRead, metricData, alarms
    case lambdaRead, lambdaInvoke, lambdaWrite
    case cfnStack, ssmInstanceInfo, ssmGetParameter, secretValue, dynamoTable, ecrToken, elbTargetHealth, rdsRead
    case backupJobEvent, healthRead
}

/// The error that a kind of call naturally returns now and then (besides access denied and throttling).
struct NaturalError: Sendable {
    var code: StaticString
    var message: StaticString
    var percent: Int
}

/// One kind of event and its weight in the mix.
struct EventSpec: Sendable {
    var kind: Kind
    var source: StaticString
    /// IAM action prefix and endpoint name (`ec2`, `s3`, `cloudwatch` for monitoring, …).
    var service: StaticString
    var name: StaticString
    var weight: Int
    var readOnly: Bool
    var who: Who
    var global = false
    var data = false
    var services: [StaticString] = []
    var params: StaticString? = nil
    var apiVersion: StaticString? = nil
    var error: NaturalError? = nil
    /// The host in tlsDetails: `<host>.<region>.amazonaws.com`, or `<host>.amazonaws.com` for global services.
    var host: StaticString
    /// True for changes the CIS monitoring alarms look for (they get a higher access-denied rate).
    var sensitive = false
    var isS3 = false
    var isEC2 = false
}

private func spec(
    _ kind: Kind, _ source: StaticString, _ service: StaticString, _ name: StaticString, _ weight: Int, ro: Bool, _ who: Who,
    global: Bool = false, data: Bool = false, services: [StaticString] = [], params: StaticString? = nil,
    api: StaticString? = nil, error: NaturalError? = nil, host: StaticString? = nil, sensitive: Bool = false
) -> EventSpec {
    EventSpec(
        kind: kind, source: source, service: service, name: name, weight: weight, readOnly: ro, who: who, global: global,
        data: data, services: services, params: params, apiVersion: api, error: error, host: host ?? service,
        sensitive: sensitive, isS3: same(source, "s3.amazonaws.com"), isEC2: same(source, "ec2.amazonaws.com"))
}

// swiftlint:disable:next function_body_length
private func buildSpecs() -> [EventSpec] {
    let ec2: StaticString = "ec2.amazonaws.com"
    let s3: StaticString = "s3.amazonaws.com"
    let iam: StaticString = "iam.amazonaws.com"
    let kms: StaticString = "kms.amazonaws.com"
    let sts: StaticString = "sts.amazonaws.com"
    let notFound = NaturalError(
        code: "Client.InvalidInstanceID.NotFound", message: "The instance ID 'i-0a1b2c3d4e5f67890' does not exist", percent: 2)
    return [
        // EC2 reads
        spec(.describeInstances, ec2, "ec2", "DescribeInstances", 5200, ro: true, .mixed, services: ["autoscaling.amazonaws.com", "ssm.amazonaws.com"]),
        spec(.generic, ec2, "ec2", "DescribeVolumes", 2200, ro: true, .mixed, services: ["ec2.amazonaws.com"], params: #"{"volumeSet":{},"filterSet":{}}"#),
        spec(.generic, ec2, "ec2", "DescribeSecurityGroups", 1800, ro: true, .mixed, params: #"{"securityGroupSet":{},"securityGroupIdSet":{},"filterSet":{"items":[{"name":"vpc-id","valueSet":{"items":[{"value":"vpc-0c4d5e6f7a8b9c0d1"}]}}]}}"#),
        spec(.generic, ec2, "ec2", "DescribeInstanceStatus", 1400, ro: true, .mixed, params: #"{"instancesSet":{},"filterSet":{},"includeAllInstances":false}"#),
        spec(.generic, ec2, "ec2", "DescribeNetworkInterfaces", 1200, ro: true, .mixed, services: ["lambda.amazonaws.com", "elasticloadbalancing.amazonaws.com"], params: #"{"networkInterfaceIdSet":{},"filterSet":{"items":[{"name":"attachment.instance-owner-id","valueSet":{"items":[{"value":"amazon-aws"}]}}]}}"#),
        spec(.generic, ec2, "ec2", "DescribeSubnets", 900, ro: true, .mixed, params: #"{"subnetSet":{},"filterSet":{}}"#),
        spec(.generic, ec2, "ec2", "DescribeVpcs", 900, ro: true, .mixed, params: #"{"vpcSet":{},"filterSet":{}}"#),
        spec(.generic, ec2, "ec2", "DescribeSnapshots", 700, ro: true, .mixed, params: #"{"snapshotSet":{},"ownersSet":{"items":[{"owner":"self"}]},"sharedUsersSet":{},"filterSet":{},"maxResults":1000}"#),
        spec(.generic, ec2, "ec2", "DescribeImages", 600, ro: true, .mixed, params: #"{"executableBySet":{},"imagesSet":{},"ownersSet":{"items":[{"owner":"amazon"}]},"availabilityZoneSet":{},"filterSet":{"items":[{"name":"name","valueSet":{"items":[{"value":"al2023-ami-2023.*-x86_64"}]}}]}}"#),
        spec(.generic, ec2, "ec2", "DescribeTags", 800, ro: true, .mixed, params: #"{"filterSet":{"items":[{"name":"resource-type","valueSet":{"items":[{"value":"instance"}]}}]}}"#),
        spec(.generic, ec2, "ec2", "DescribeAddresses", 400, ro: true, .mixed, params: #"{"publicIpsSet":{},"allocationIdsSet":{},"filterSet":{}}"#),
        spec(.generic, ec2, "ec2", "DescribeRegions", 400, ro: true, .mixed, params: #"{"regionSet":{},"allRegions":false}"#),
        spec(.generic, ec2, "ec2", "DescribeAvailabilityZones", 400, ro: true, .mixed, params: #"{"availabilityZoneSet":{},"availabilityZoneIdSet":{}}"#),
        spec(.generic, ec2, "ec2", "DescribeRouteTables", 300, ro: true, .mixed, params: #"{"routeTableIdSet":{},"filterSet":{}}"#),
        spec(.generic, ec2, "ec2", "DescribeNetworkAcls", 200, ro: true, .mixed, params: #"{"networkAclIdSet":{},"filterSet":{}}"#),
        spec(.generic, ec2, "ec2", "DescribeLaunchTemplateVersions", 300, ro: true, .mixed, services: ["autoscaling.amazonaws.com"], params: #"{"DescribeLaunchTemplateVersionsRequest":{"LaunchTemplateId":"lt-0a8f3c2b1d4e5f607","LaunchTemplateVersion":{"content":"$Latest","tag":1}}}"#),
        // EC2 writes
        spec(.runInstances, ec2, "ec2", "RunInstances", 180, ro: false, .admin, services: ["autoscaling.amazonaws.com"], error: NaturalError(code: "Client.InsufficientInstanceCapacity", message: "We currently do not have sufficient capacity in the Availability Zone you requested. Our system will be working on provisioning additional capacity.", percent: 3)),
        spec(.instanceOp, ec2, "ec2", "TerminateInstances", 90, ro: false, .admin, services: ["autoscaling.amazonaws.com"], error: notFound),
        spec(.instanceOp, ec2, "ec2", "StopInstances", 70, ro: false, .admin, error: notFound),
        spec(.instanceOp, ec2, "ec2", "StartInstances", 70, ro: false, .admin, error: NaturalError(code: "Client.IncorrectInstanceState", message: "The instance 'i-0a1b2c3d4e5f67890' is not in a state from which it can be started.", percent: 5)),
        spec(.createTags, ec2, "ec2", "CreateTags", 300, ro: false, .admin, services: ["autoscaling.amazonaws.com", "cloudformation.amazonaws.com"]),
        spec(.snapshotOp, ec2, "ec2", "CreateSnapshot", 120, ro: false, .apps, services: ["dlm.amazonaws.com", "backup.amazonaws.com"]),
        spec(.snapshotOp, ec2, "ec2", "DeleteSnapshot", 100, ro: false, .apps, services: ["dlm.amazonaws.com"], error: NaturalError(code: "Client.InvalidSnapshot.InUse", message: "The snapshot snap-0b1c2d3e4f5a6b7c8 is currently in use by ami-0d2b4c6e8fa0b1c2d", percent: 15)),
        spec(.sgIngress, ec2, "ec2", "AuthorizeSecurityGroupIngress", 80, ro: false, .admin, error: NaturalError(code: "Client.InvalidPermission.Duplicate", message: "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW\" already exists", percent: 10), sensitive: true),
        spec(.sgIngress, ec2, "ec2", "AuthorizeSecurityGroupEgress", 25, ro: false, .admin, sensitive: true),
        spec(.sgIngress, ec2, "ec2", "RevokeSecurityGroupIngress", 40, ro: false, .admin, sensitive: true),
        spec(.sgIngress, ec2, "ec2", "RevokeSecurityGroupEgress", 15, ro: false, .admin, sensitive: true),
        spec(.createSecurityGroup, ec2, "ec2", "CreateSecurityGroup", 40, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "DeleteSecurityGroup", 25, ro: false, .admin, error: NaturalError(code: "Client.DependencyViolation", message: "resource sg-0f1e2d3c4b5a69788 has a dependent object", percent: 20), sensitive: true),
        spec(.vpcOp, ec2, "ec2", "CreateNetworkAcl", 20, ro: false, .admin, sensitive: true),
        spec(.naclEntry, ec2, "ec2", "CreateNetworkAclEntry", 40, ro: false, .admin, sensitive: true),
        spec(.naclEntry, ec2, "ec2", "ReplaceNetworkAclEntry", 20, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "DeleteNetworkAclEntry", 15, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "DeleteNetworkAcl", 10, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "ReplaceNetworkAclAssociation", 15, ro: false, .admin, sensitive: true),
        spec(.gatewayOp, ec2, "ec2", "CreateInternetGateway", 15, ro: false, .admin, sensitive: true),
        spec(.gatewayOp, ec2, "ec2", "AttachInternetGateway", 15, ro: false, .admin, sensitive: true),
        spec(.gatewayOp, ec2, "ec2", "DetachInternetGateway", 8, ro: false, .admin, sensitive: true),
        spec(.gatewayOp, ec2, "ec2", "DeleteInternetGateway", 8, ro: false, .admin, sensitive: true),
        spec(.gatewayOp, ec2, "ec2", "CreateCustomerGateway", 5, ro: false, .admin, sensitive: true),
        spec(.routeOp, ec2, "ec2", "CreateRoute", 35, ro: false, .admin, sensitive: true),
        spec(.routeOp, ec2, "ec2", "ReplaceRoute", 15, ro: false, .admin, sensitive: true),
        spec(.routeOp, ec2, "ec2", "DeleteRoute", 10, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "CreateRouteTable", 15, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "ReplaceRouteTableAssociation", 8, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "DisassociateRouteTable", 8, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "CreateVpc", 25, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "DeleteVpc", 10, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "ModifyVpcAttribute", 25, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "CreateVpcPeeringConnection", 10, ro: false, .admin, sensitive: true),
        spec(.vpcOp, ec2, "ec2", "AcceptVpcPeeringConnection", 5, ro: false, .admin, sensitive: true),

        // STS
        spec(.assumeRole, sts, "sts", "AssumeRole", 6000, ro: true, .mixed, services: ["lambda.amazonaws.com", "ecs-tasks.amazonaws.com", "ec2.amazonaws.com", "config.amazonaws.com", "logs.amazonaws.com", "cloudformation.amazonaws.com", "ssm.amazonaws.com"], error: NaturalError(code: "ValidationException", message: #"1 validation error detected: Value 'deploy session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]*"#, percent: 1)),
        spec(.assumeRoleWebIdentity, sts, "sts", "AssumeRoleWithWebIdentity", 500, ro: true, .apps),
        spec(.getCallerIdentity, sts, "sts", "GetCallerIdentity", 1500, ro: true, .mixed),
        spec(.generic, sts, "sts", "GetSessionToken", 60, ro: true, .people, params: #"{"durationSeconds":43200}"#),

        // KMS
        spec(.kmsDecrypt, kms, "kms", "Decrypt", 6200, ro: true, .mixed, services: ["s3.amazonaws.com", "secretsmanager.amazonaws.com", "lambda.amazonaws.com", "ssm.amazonaws.com", "rds.amazonaws.com", "cloudfront.amazonaws.com"]),
        spec(.kmsGenerateDataKey, kms, "kms", "GenerateDataKey", 2400, ro: true, .mixed, services: ["s3.amazonaws.com", "logs.amazonaws.com", "sqs.amazonaws.com", "cloudtrail.amazonaws.com"]),
        spec(.kmsKeyOp, kms, "kms", "DescribeKey", 500, ro: true, .mixed, services: ["ebs.amazonaws.com"]),
        spec(.kmsKeyOp, kms, "kms", "Encrypt", 400, ro: true, .apps),
        spec(.kmsKeyOp, kms, "kms", "CreateKey", 10, ro: false, .admin),
        spec(.kmsKeyOp, kms, "kms", "DisableKey", 12, ro: false, .admin, sensitive: true),
        spec(.kmsScheduleDeletion, kms, "kms", "ScheduleKeyDeletion", 12, ro: false, .admin, sensitive: true),
        spec(.kmsRotateKey, kms, "kms", "RotateKey", 40, ro: false, .service),

        // S3 data events
        spec(.s3Get, s3, "s3", "GetObject", 7000, ro: true, .mixed, data: true, services: ["cloudfront.amazonaws.com", "athena.amazonaws.com"], error: NaturalError(code: "NoSuchKey", message: "The specified key does not exist.", percent: 2)),
        spec(.s3Head, s3, "s3", "HeadObject", 1500, ro: true, .mixed, data: true, error: NaturalError(code: "NoSuchKey", message: "The specified key does not exist.", percent: 4)),
        spec(.s3Put, s3, "s3", "PutObject", 3000, ro: false, .mixed, data: true, services: ["cloudtrail.amazonaws.com", "logs.amazonaws.com", "firehose.amazonaws.com"]),
        spec(.s3List, s3, "s3", "ListObjects", 1400, ro: true, .mixed, data: true, services: ["athena.amazonaws.com"], error: NaturalError(code: "NoSuchBucket", message: "The specified bucket does not exist", percent: 2)),
        spec(.s3Delete, s3, "s3", "DeleteObject", 400, ro: false, .apps, data: true),
        spec(.s3Copy, s3, "s3", "CopyObject", 250, ro: false, .apps, data: true),
        // S3 management events
        spec(.s3BucketRead, s3, "s3", "GetBucketAcl", 1300, ro: true, .service, services: ["cloudtrail.amazonaws.com", "config.amazonaws.com", "access-analyzer.amazonaws.com"]),
        spec(.s3BucketRead, s3, "s3", "GetBucketLocation", 900, ro: true, .mixed, services: ["athena.amazonaws.com", "config.amazonaws.com"], error: NaturalError(code: "NoSuchBucket", message: "The specified bucket does not exist", percent: 3)),
        spec(.s3BucketRead, s3, "s3", "GetBucketPolicy", 400, ro: true, .mixed, services: ["config.amazonaws.com", "access-analyzer.amazonaws.com"], error: NaturalError(code: "NoSuchBucketPolicy", message: "The bucket policy does not exist", percent: 40)),
        spec(.s3BucketRead, s3, "s3", "GetBucketVersioning", 300, ro: true, .mixed, services: ["config.amazonaws.com"]),
        spec(.s3BucketRead, s3, "s3", "GetBucketEncryption", 250, ro: true, .mixed, services: ["config.amazonaws.com"], error: NaturalError(code: "ServerSideEncryptionConfigurationNotFoundError", message: "The server side encryption configuration was not found", percent: 10)),
        spec(.s3BucketRead, s3, "s3", "GetBucketPublicAccessBlock", 200, ro: true, .mixed, services: ["config.amazonaws.com"], error: NaturalError(code: "NoSuchPublicAccessBlockConfiguration", message: "The public access block configuration was not found", percent: 15)),
        spec(.s3ListBuckets, s3, "s3", "ListBuckets", 400, ro: true, .mixed),
        spec(.s3CreateBucket, s3, "s3", "CreateBucket", 12, ro: false, .admin, error: NaturalError(code: "BucketAlreadyOwnedByYou", message: "Your previous request to create the named bucket succeeded and you already own it.", percent: 10)),
        spec(.s3BucketWrite, s3, "s3", "DeleteBucket", 6, ro: false, .admin, error: NaturalError(code: "BucketNotEmpty", message: "The bucket you tried to delete is not empty", percent: 30)),
        spec(.s3PutBucketPolicy, s3, "s3", "PutBucketPolicy", 30, ro: false, .admin, error: NaturalError(code: "MalformedPolicy", message: "Policy has invalid resource", percent: 5), sensitive: true),
        spec(.s3PutBucketAcl, s3, "s3", "PutBucketAcl", 18, ro: false, .admin, sensitive: true),
        spec(.s3BucketWrite, s3, "s3", "DeleteBucketPolicy", 8, ro: false, .admin, sensitive: true),
        spec(.s3BucketWrite, s3, "s3", "PutBucketCors", 8, ro: false, .admin, sensitive: true),
        spec(.s3BucketWrite, s3, "s3", "PutBucketLifecycle", 8, ro: false, .admin, sensitive: true),
        spec(.s3BucketWrite, s3, "s3", "PutBucketReplication", 5, ro: false, .admin, sensitive: true),
        spec(.s3BucketWrite, s3, "s3", "PutBucketPublicAccessBlock", 10, ro: false, .admin, sensitive: true),
        spec(.s3BucketWrite, s3, "s3", "DeleteBucketPublicAccessBlock", 6, ro: false, .admin, sensitive: true),
        spec(.s3AccountPAB, s3, "s3", "DeleteAccountPublicAccessBlock", 4, ro: false, .admin, sensitive: true),
        spec(.s3AccountPAB, s3, "s3", "PutAccountPublicAccessBlock", 4, ro: false, .admin, sensitive: true),

        // CloudWatch Logs and metrics
        spec(.logsCreateStream, "logs.amazonaws.com", "logs", "CreateLogStream", 1400, ro: false, .apps, services: ["lambda.amazonaws.com"], error: NaturalError(code: "ResourceAlreadyExistsException", message: "The specified log stream already exists", percent: 6)),
        spec(.logsRead, "logs.amazonaws.com", "logs", "DescribeLogGroups", 800, ro: true, .mixed),
        spec(.logsRead, "logs.amazonaws.com", "logs", "DescribeLogStreams", 500, ro: true, .mixed),
        spec(.logsRead, "logs.amazonaws.com", "logs", "FilterLogEvents", 250, ro: true, .people),
        spec(.logsRead, "logs.amazonaws.com", "logs", "StartQuery", 80, ro: true, .people),
        spec(.alarms, "monitoring.amazonaws.com", "cloudwatch", "DescribeAlarms", 2200, ro: true, .mixed, services: ["autoscaling.amazonaws.com"], host: "monitoring"),
        spec(.metricData, "monitoring.amazonaws.com", "cloudwatch", "GetMetricData", 1600, ro: true, .mixed, host: "monitoring"),
        spec(.generic, "monitoring.amazonaws.com", "cloudwatch", "ListMetrics", 400, ro: true, .mixed, params: #"{"namespace":"AWS/EC2","metricName":"CPUUtilization","recentlyActive":"PT3H"}"#, host: "monitoring"),
        spec(.alarms, "monitoring.amazonaws.com", "cloudwatch", "PutMetricAlarm", 30, ro: false, .admin, host: "monitoring"),
        spec(.alarms, "monitoring.amazonaws.com", "cloudwatch", "DeleteAlarms", 8, ro: false, .admin, host: "monitoring"),
        spec(.logsRead, "logs.amazonaws.com", "logs", "PutMetricFilter", 6, ro: false, .admin),
        spec(.logsRead, "logs.amazonaws.com", "logs", "DeleteLogGroup", 8, ro: false, .admin),

        // Lambda
        spec(.lambdaRead, "lambda.amazonaws.com", "lambda", "ListFunctions20150331", 500, ro: true, .mixed, api: "2015-03-31"),
        spec(.lambdaRead, "lambda.amazonaws.com", "lambda", "GetFunction20150331v2", 400, ro: true, .mixed, api: "2015-03-31", error: NaturalError(code: "ResourceNotFoundException", message: "Function not found: arn:aws:lambda:us-east-1:123456789012:function:orders-api-old", percent: 3)),
        spec(.lambdaInvoke, "lambda.amazonaws.com", "lambda", "Invoke", 1000, ro: false, .mixed, data: true, services: ["apigateway.amazonaws.com", "events.amazonaws.com", "s3.amazonaws.com", "sqs.amazonaws.com"], api: "2015-03-31"),
        spec(.lambdaWrite, "lambda.amazonaws.com", "lambda", "UpdateFunctionCode20150331v2", 60, ro: false, .admin, api: "2015-03-31"),
        spec(.lambdaWrite, "lambda.amazonaws.com", "lambda", "UpdateFunctionConfiguration20150331v2", 40, ro: false, .admin, api: "2015-03-31"),
        spec(.lambdaWrite, "lambda.amazonaws.com", "lambda", "AddPermission20150331v2", 15, ro: false, .admin, api: "2015-03-31"),

        // CloudFormation, SSM, Secrets Manager, RDS, ELB, Auto Scaling, DynamoDB, ECR, ECS
        spec(.cfnStack, "cloudformation.amazonaws.com", "cloudformation", "DescribeStacks", 1100, ro: true, .mixed),
        spec(.cfnStack, "cloudformation.amazonaws.com", "cloudformation", "DescribeStackEvents", 500, ro: true, .people),
        spec(.generic, "cloudformation.amazonaws.com", "cloudformation", "ListStacks", 250, ro: true, .mixed, params: #"{"stackStatusFilter":["CREATE_COMPLETE","UPDATE_COMPLETE","UPDATE_ROLLBACK_COMPLETE","ROLLBACK_COMPLETE"]}"#),
        spec(.cfnStack, "cloudformation.amazonaws.com", "cloudformation", "CreateStack", 15, ro: false, .admin, error: NaturalError(code: "AlreadyExistsException", message: "Stack [orders-service] already exists", percent: 10)),
        spec(.cfnStack, "cloudformation.amazonaws.com", "cloudformation", "UpdateStack", 40, ro: false, .admin, error: NaturalError(code: "ValidationError", message: "No updates are to be performed.", percent: 20)),
        spec(.cfnStack, "cloudformation.amazonaws.com", "cloudformation", "DeleteStack", 6, ro: false, .admin),
        spec(.ssmInstanceInfo, "ssm.amazonaws.com", "ssm", "UpdateInstanceInformation", 1500, ro: false, .apps),
        spec(.generic, "ssm.amazonaws.com", "ssm", "ListInstanceAssociations", 700, ro: true, .apps, params: #"{"instanceId":"i-0a1b2c3d4e5f67890","maxResults":50}"#),
        spec(.ssmGetParameter, "ssm.amazonaws.com", "ssm", "GetParameter", 1000, ro: true, .mixed, error: NaturalError(code: "ParameterNotFound", message: "", percent: 4)),
        spec(.ssmGetParameter, "ssm.amazonaws.com", "ssm", "GetParameters", 500, ro: true, .mixed),
        spec(.generic, "ssm.amazonaws.com", "ssm", "DescribeInstanceInformation", 300, ro: true, .mixed, params: #"{"maxResults":50,"filters":[{"key":"PingStatus","values":["Online"]}]}"#),
        spec(.generic, "ssm.amazonaws.com", "ssm", "StartSession", 25, ro: false, .people, params: #"{"target":"i-0a1b2c3d4e5f67890","documentName":"SSM-SessionManagerRunShell"}"#),
        spec(.secretValue, "secretsmanager.amazonaws.com", "secretsmanager", "GetSecretValue", 800, ro: true, .apps, error: NaturalError(code: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret.", percent: 2)),
        spec(.secretValue, "secretsmanager.amazonaws.com", "secretsmanager", "DescribeSecret", 200, ro: true, .mixed),
        spec(.rdsRead, "rds.amazonaws.com", "rds", "DescribeDBInstances", 900, ro: true, .mixed, services: ["rds.amazonaws.com"]),
        spec(.rdsRead, "rds.amazonaws.com", "rds", "DescribeDBClusters", 400, ro: true, .mixed),
        spec(.generic, "rds.amazonaws.com", "rds", "DescribeDBSnapshots", 200, ro: true, .mixed, params: #"{"snapshotType":"automated","includeShared":false,"includePublic":false}"#),
        spec(.generic, "rds.amazonaws.com", "rds", "DescribeDBEngineVersions", 120, ro: true, .people, params: #"{"engine":"aurora-postgresql","defaultOnly":false,"listSupportedCharacterSets":false}"#),
        spec(.generic, "elasticloadbalancing.amazonaws.com", "elasticloadbalancing", "DescribeLoadBalancers", 700, ro: true, .mixed, services: ["autoscaling.amazonaws.com"], params: #"{"pageSize":400}"#),
        spec(.elbTargetHealth, "elasticloadbalancing.amazonaws.com", "elasticloadbalancing", "DescribeTargetHealth", 900, ro: true, .mixed, services: ["autoscaling.amazonaws.com", "ecs.amazonaws.com"]),
        spec(.generic, "elasticloadbalancing.amazonaws.com", "elasticloadbalancing", "DescribeTargetGroups", 300, ro: true, .mixed, params: #"{"pageSize":400}"#),
        spec(.generic, "autoscaling.amazonaws.com", "autoscaling", "DescribeAutoScalingGroups", 600, ro: true, .mixed, services: ["ecs.amazonaws.com", "eks.amazonaws.com"], params: #"{"maxRecords":100}"#),
        spec(.generic, "autoscaling.amazonaws.com", "autoscaling", "DescribeScalingActivities", 150, ro: true, .people, params: #"{"autoScalingGroupName":"orders-asg","maxRecords":20}"#),
        spec(.dynamoTable, "dynamodb.amazonaws.com", "dynamodb", "DescribeTable", 600, ro: true, .mixed, services: ["application-autoscaling.amazonaws.com"]),
        spec(.generic, "dynamodb.amazonaws.com", "dynamodb", "ListTables", 200, ro: true, .mixed, params: #"{"limit":100}"#),
        spec(.ecrToken, "ecr.amazonaws.com", "ecr", "GetAuthorizationToken", 700, ro: true, .apps),
        spec(.generic, "ecr.amazonaws.com", "ecr", "BatchCheckLayerAvailability", 150, ro: true, .apps, params: #"{"repositoryName":"orders-api","layerDigests":["sha256:4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b"]}"#),
        spec(.generic, "ecs.amazonaws.com", "ecs", "DescribeTasks", 300, ro: true, .mixed, params: #"{"cluster":"prod","tasks":["arn:aws:ecs:us-east-1:123456789012:task/prod/4d6e8f0a2b4c6d8e0f1a3b5c7d9e1f3a"]}"#),
        spec(.generic, "ecs.amazonaws.com", "ecs", "ListClusters", 150, ro: true, .mixed, params: #"{}"#),
        spec(.generic, "ecs.amazonaws.com", "ecs", "DiscoverPollEndpoint", 400, ro: true, .apps, params: #"{"containerInstance":"arn:aws:ecs:us-east-1:123456789012:container-instance/prod/9f8e7d6c5b4a39281706f5e4d3c2b1a0","cluster":"prod"}"#),
        spec(.healthRead, "health.amazonaws.com", "health", "DescribeEventAggregates", 150, ro: true, .people),
        spec(.backupJobEvent, "backup.amazonaws.com", "backup", "BackupJobCompleted", 40, ro: false, .service),

        // CloudTrail, Config, GuardDuty, Organizations
        spec(.lookupEvents, "cloudtrail.amazonaws.com", "cloudtrail", "LookupEvents", 150, ro: true, .people),
        spec(.trailOp, "cloudtrail.amazonaws.com", "cloudtrail", "DescribeTrails", 200, ro: true, .mixed, services: ["config.amazonaws.com", "securityhub.amazonaws.com"]),
        spec(.trailOp, "cloudtrail.amazonaws.com", "cloudtrail", "GetTrailStatus", 200, ro: true, .mixed, services: ["securityhub.amazonaws.com"]),
        spec(.trailOp, "cloudtrail.amazonaws.com", "cloudtrail", "GetEventSelectors", 100, ro: true, .mixed, services: ["securityhub.amazonaws.com"]),
        spec(.trailOp, "cloudtrail.amazonaws.com", "cloudtrail", "CreateTrail", 5, ro: false, .admin, error: NaturalError(code: "TrailAlreadyExistsException", message: "Trail management-events already exists for customer: 123456789012", percent: 20), sensitive: true),
        spec(.trailOp, "cloudtrail.amazonaws.com", "cloudtrail", "UpdateTrail", 12, ro: false, .admin, sensitive: true),
        spec(.trailOp, "cloudtrail.amazonaws.com", "cloudtrail", "StopLogging", 8, ro: false, .admin, sensitive: true),
        spec(.trailOp, "cloudtrail.amazonaws.com", "cloudtrail", "StartLogging", 8, ro: false, .admin, sensitive: true),
        spec(.trailOp, "cloudtrail.amazonaws.com", "cloudtrail", "DeleteTrail", 5, ro: false, .admin, sensitive: true),
        spec(.trailOp, "cloudtrail.amazonaws.com", "cloudtrail", "PutEventSelectors", 5, ro: false, .admin, sensitive: true),
        spec(.generic, "config.amazonaws.com", "config", "PutEvaluations", 500, ro: false, .service, services: ["config.amazonaws.com"], params: #"{"evaluations":[{"complianceResourceType":"AWS::EC2::Instance","complianceResourceId":"i-0a1b2c3d4e5f67890","complianceType":"COMPLIANT","orderingTimestamp":"Nov 1, 2026, 12:00:00 AM"}],"resultToken":"","testMode":false}"#),
        spec(.configOp, "config.amazonaws.com", "config", "DescribeConfigurationRecorders", 100, ro: true, .mixed, services: ["securityhub.amazonaws.com"]),
        spec(.configOp, "config.amazonaws.com", "config", "DescribeConfigurationRecorderStatus", 100, ro: true, .mixed, services: ["securityhub.amazonaws.com"]),
        spec(.configOp, "config.amazonaws.com", "config", "StopConfigurationRecorder", 6, ro: false, .admin, sensitive: true),
        spec(.configOp, "config.amazonaws.com", "config", "DeleteDeliveryChannel", 4, ro: false, .admin, sensitive: true),
        spec(.configOp, "config.amazonaws.com", "config", "PutConfigurationRecorder", 5, ro: false, .admin, sensitive: true),
        spec(.configOp, "config.amazonaws.com", "config", "DeleteConfigurationRecorder", 3, ro: false, .admin, sensitive: true),
        spec(.guardDutyOp, "guardduty.amazonaws.com", "guardduty", "ListDetectors", 200, ro: true, .mixed, services: ["securityhub.amazonaws.com"]),
        spec(.guardDutyOp, "guardduty.amazonaws.com", "guardduty", "GetFindings", 80, ro: true, .people),
        spec(.guardDutyOp, "guardduty.amazonaws.com", "guardduty", "DeleteDetector", 4, ro: false, .admin, sensitive: true),
        spec(.generic, "organizations.amazonaws.com", "organizations", "DescribeOrganization", 200, ro: true, .mixed, global: true, services: ["sso.amazonaws.com", "config.amazonaws.com"], params: nil),
        spec(.generic, "organizations.amazonaws.com", "organizations", "ListAccounts", 100, ro: true, .people, global: true, params: #"{"maxResults":20}"#),
        spec(.generic, "organizations.amazonaws.com", "organizations", "AttachPolicy", 4, ro: false, .admin, global: true, params: #"{"policyId":"p-7a8b9c0d","targetId":"ou-ab12-cd34ef56"}"#, sensitive: true),
        spec(.generic, "route53.amazonaws.com", "route53", "ListHostedZones", 150, ro: true, .mixed, global: true, params: nil, host: "route53"),
        spec(.generic, "route53.amazonaws.com", "route53", "ChangeResourceRecordSets", 20, ro: false, .admin, global: true, params: #"{"hostedZoneId":"Z0123456789ABCDEFGHIJ","changeBatch":{"changes":[{"action":"UPSERT","resourceRecordSet":{"name":"api.acme.example.","type":"A","aliasTarget":{"hostedZoneId":"Z35SXDOTRQ7X7K","dNSName":"orders-alb-1234567890.us-east-1.elb.amazonaws.com.","evaluateTargetHealth":true}}}]}}"#, host: "route53"),

        // IAM (global)
        spec(.iamRead, iam, "iam", "GetRole", 500, ro: true, .mixed, global: true, services: ["cloudformation.amazonaws.com", "access-analyzer.amazonaws.com"]),
        spec(.iamRead, iam, "iam", "ListRoles", 250, ro: true, .mixed, global: true),
        spec(.iamRead, iam, "iam", "GetUser", 150, ro: true, .people, global: true),
        spec(.iamRead, iam, "iam", "ListAttachedRolePolicies", 300, ro: true, .mixed, global: true, services: ["access-analyzer.amazonaws.com"]),
        spec(.iamRead, iam, "iam", "GetPolicyVersion", 200, ro: true, .mixed, global: true, services: ["access-analyzer.amazonaws.com"]),
        spec(.iamRead, iam, "iam", "ListUsers", 100, ro: true, .people, global: true),
        spec(.iamRead, iam, "iam", "ListAccessKeys", 80, ro: true, .people, global: true),
        spec(.iamRead, iam, "iam", "GenerateCredentialReport", 20, ro: true, .people, global: true),
        spec(.iamPutPolicy, iam, "iam", "PutUserPolicy", 25, ro: false, .admin, global: true, sensitive: true),
        spec(.iamPutPolicy, iam, "iam", "PutRolePolicy", 30, ro: false, .admin, global: true, sensitive: true),
        spec(.iamPutPolicy, iam, "iam", "PutGroupPolicy", 5, ro: false, .admin, global: true, sensitive: true),
        spec(.iamAttachPolicy, iam, "iam", "AttachRolePolicy", 40, ro: false, .admin, global: true, sensitive: true),
        spec(.iamAttachPolicy, iam, "iam", "AttachUserPolicy", 15, ro: false, .admin, global: true, sensitive: true),
        spec(.iamAttachPolicy, iam, "iam", "AttachGroupPolicy", 5, ro: false, .admin, global: true, sensitive: true),
        spec(.iamAttachPolicy, iam, "iam", "DetachRolePolicy", 15, ro: false, .admin, global: true, sensitive: true),
        spec(.iamAttachPolicy, iam, "iam", "DetachUserPolicy", 6, ro: false, .admin, global: true, sensitive: true),
        spec(.iamCreatePolicy, iam, "iam", "CreatePolicy", 15, ro: false, .admin, global: true, error: NaturalError(code: "EntityAlreadyExistsException", message: "A policy called orders-s3-access already exists. Duplicate names are not allowed.", percent: 10), sensitive: true),
        spec(.iamCreatePolicy, iam, "iam", "CreatePolicyVersion", 15, ro: false, .admin, global: true, error: NaturalError(code: "LimitExceededException", message: "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.", percent: 10), sensitive: true),
        spec(.iamCreatePolicy, iam, "iam", "DeletePolicy", 5, ro: false, .admin, global: true, sensitive: true),
        spec(.iamCreatePolicy, iam, "iam", "DeletePolicyVersion", 8, ro: false, .admin, global: true, sensitive: true),
        spec(.iamCreateUser, iam, "iam", "CreateUser", 20, ro: false, .admin, global: true, error: NaturalError(code: "EntityAlreadyExistsException", message: "User with name contractor-01 already exists.", percent: 10)),
        spec(.iamCreateAccessKey, iam, "iam", "CreateAccessKey", 30, ro: false, .admin, global: true, error: NaturalError(code: "LimitExceededException", message: "Cannot exceed quota for AccessKeysPerUser: 2", percent: 10)),
        spec(.iamCreateLoginProfile, iam, "iam", "CreateLoginProfile", 12, ro: false, .admin, global: true),
        spec(.iamUserOp, iam, "iam", "DeleteUser", 4, ro: false, .admin, global: true, error: NaturalError(code: "DeleteConflictException", message: "Cannot delete entity, must delete login profile first.", percent: 25)),
        spec(.iamUserOp, iam, "iam", "UpdateAccessKey", 8, ro: false, .admin, global: true),
        spec(.iamUserOp, iam, "iam", "DeactivateMFADevice", 3, ro: false, .admin, global: true),
        spec(.iamRoleOp, iam, "iam", "CreateRole", 20, ro: false, .admin, global: true),
        spec(.iamRoleOp, iam, "iam", "UpdateAssumeRolePolicy", 8, ro: false, .admin, global: true),
        spec(.iamRoleOp, iam, "iam", "DeleteRole", 5, ro: false, .admin, global: true, error: NaturalError(code: "DeleteConflictException", message: "Cannot delete entity, must detach all policies first.", percent: 25)),

        // Console sign-in (global)
        spec(.consoleLogin, "signin.amazonaws.com", "signin", "ConsoleLogin", 900, ro: false, .people, global: true, host: "signin"),
        spec(.switchRole, "signin.amazonaws.com", "signin", "SwitchRole", 150, ro: false, .people, global: true, host: "signin"),
    ]
}
