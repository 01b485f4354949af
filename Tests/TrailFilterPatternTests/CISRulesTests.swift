import Foundation
import Testing
@testable import TrailFilterPattern

// The CIS AWS Foundations Benchmark monitoring rules as AWS Security Hub checks them (controls CloudWatch.1 to
// CloudWatch.14, "Security Hub controls for CloudWatch", https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html,
// and the CIS benchmark's remediation text), and the other alarm patterns of ../shared/seeds/004 (AWS's
// "Creating CloudWatch alarms for CloudTrail events: examples"). Each runs against hand-made CloudTrail events
// built to match, and events built to just miss.

struct RuleCase: CustomTestStringConvertible, Sendable {
    var id: String
    var pattern: String
    var matching: [String]
    var missing: [String]
    var testDescription: String { id }
}

private func ct(
    _ source: String, _ name: String, identity: String = Identity.iamUser, type: String = "AwsApiCall",
    errorCode: String? = nil, errorMessage: String? = nil, request: String = "null", response: String = "null",
    additional: String? = nil
) -> String {
    cloudTrailEvent(
        source: source, name: name, identity: identity, type: type, errorCode: errorCode, errorMessage: errorMessage,
        request: request, response: response, additional: additional)
}

private let consoleSuccessNoMFA = ct(
    "signin.amazonaws.com", "ConsoleLogin", type: "AwsConsoleSignIn", response: #"{"ConsoleLogin":"Success"}"#,
    additional: #"{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"No"}"#)
private let consoleSuccessMFA = ct(
    "signin.amazonaws.com", "ConsoleLogin", type: "AwsConsoleSignIn", response: #"{"ConsoleLogin":"Success"}"#,
    additional: #"{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAIdentifier":"arn:aws:iam::111122223333:mfa/Alice","MFAUsed":"Yes"}"#)
private let consoleFailure = ct(
    "signin.amazonaws.com", "ConsoleLogin", type: "AwsConsoleSignIn", errorMessage: "Failed authentication",
    response: #"{"ConsoleLogin":"Failure"}"#, additional: #"{"LoginTo":"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"No"}"#)
private let ec2 = "ec2.amazonaws.com"

extension RuleCase {
    static let securityHub: [RuleCase] = [
        RuleCase(
            id: "CloudWatch.1 root user usage",
            pattern: #"{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}"#,
            matching: [
                ct("signin.amazonaws.com", "ConsoleLogin", identity: Identity.root, type: "AwsConsoleSignIn", response: #"{"ConsoleLogin":"Success"}"#),
                ct("iam.amazonaws.com", "CreateAccessKey", identity: Identity.root),
            ],
            missing: [
                ct("iam.amazonaws.com", "CreateAccessKey", identity: Identity.rootInvokedBySupport),  // a service acting as root
                ct("sts.amazonaws.com", "AssumeRole", identity: Identity.root, type: "AwsServiceEvent"),
                ct("iam.amazonaws.com", "CreateAccessKey"),  // an IAM user
            ]),
        RuleCase(
            id: "CloudWatch.2 unauthorized API calls",
            pattern: #"{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}"#,
            matching: [
                ct(ec2, "RunInstances", errorCode: "Client.UnauthorizedOperation", errorMessage: "You are not authorized to perform this operation."),
                ct("s3.amazonaws.com", "GetObject", errorCode: "AccessDenied", errorMessage: "Access Denied"),
                ct("kms.amazonaws.com", "Decrypt", errorCode: "AccessDeniedException"),
            ],
            missing: [
                ct(ec2, "RunInstances", errorCode: "Client.UnauthorizedOperations"),  // suffix must end the value
                ct("s3.amazonaws.com", "GetObject", errorCode: "NoSuchKey"),
                ct("s3.amazonaws.com", "GetObject", errorCode: "accessdenied"),  // case-sensitive
                ct("s3.amazonaws.com", "GetObject"),
            ]),
        RuleCase(
            id: "CloudWatch.2 unauthorized API calls (CIS 1.4+: without log delivery and HeadBucket)",
            pattern: #"{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }"#,
            matching: [
                ct(ec2, "StopInstances", errorCode: "Client.UnauthorizedOperation"),
                ct("s3.amazonaws.com", "GetObject", errorCode: "AccessDenied"),
            ],
            missing: [
                ct("s3.amazonaws.com", "HeadBucket", errorCode: "AccessDenied"),
                ct("s3.amazonaws.com", "GetObject", errorCode: "Throttling"),
            ]),
        RuleCase(
            id: "CloudWatch.3 console sign-in without MFA",
            pattern: #"{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }"#,
            matching: [consoleSuccessNoMFA],
            missing: [
                consoleSuccessMFA, consoleFailure,
                ct("signin.amazonaws.com", "ConsoleLogin", identity: Identity.assumedRole, type: "AwsConsoleSignIn",
                   response: #"{"ConsoleLogin":"Success"}"#, additional: #"{"MFAUsed":"No"}"#),
                // No additionalEventData at all: != on an absent field is false.
                ct("signin.amazonaws.com", "ConsoleLogin", type: "AwsConsoleSignIn", response: #"{"ConsoleLogin":"Success"}"#),
            ]),
        RuleCase(
            id: "CloudWatch.4 IAM policy changes",
            pattern: #"{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}"#,
            matching: [
                ct("iam.amazonaws.com", "PutUserPolicy", request: #"{"userName":"Alice","policyName":"inline","policyDocument":"{\"Version\":\"2012-10-17\"}"}"#),
                ct("iam.amazonaws.com", "AttachRolePolicy", request: #"{"roleName":"Admin","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"#),
                ct("iam.amazonaws.com", "DetachGroupPolicy"),
            ],
            missing: [
                ct("iam.amazonaws.com", "GetPolicy"), ct("iam.amazonaws.com", "ListAttachedRolePolicies"),
                ct("iam.amazonaws.com", "CreatePolicyVersions"), ct("iam.amazonaws.com", "putuserpolicy"),
            ]),
        RuleCase(
            id: "CloudWatch.5 CloudTrail configuration changes",
            pattern: #"{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}"#,
            matching: [ct("cloudtrail.amazonaws.com", "StopLogging"), ct("cloudtrail.amazonaws.com", "CreateTrail")],
            missing: [ct("cloudtrail.amazonaws.com", "DescribeTrails"), ct("cloudtrail.amazonaws.com", "LookupEvents")]),
        RuleCase(
            id: "CloudWatch.6 console authentication failures",
            pattern: #"{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}"#,
            matching: [
                consoleFailure,
                // The same message spelled with a JSON escape: values are compared after unescaping.
                ct("signin.amazonaws.com", "ConsoleLogin", errorMessage: #"Failed\u0020authentication"#),
            ],
            missing: [
                consoleSuccessNoMFA,
                ct("signin.amazonaws.com", "ConsoleLogin", errorMessage: "Failed authentication."),
                ct("signin.amazonaws.com", "ConsoleLogin", errorMessage: "failed authentication"),
                ct("signin.amazonaws.com", "CheckMfa", errorMessage: "Failed authentication"),
            ]),
        RuleCase(
            id: "CloudWatch.7 disabling or scheduled deletion of customer managed keys",
            pattern: #"{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}"#,
            matching: [
                ct("kms.amazonaws.com", "DisableKey", request: #"{"keyId":"1234abcd-12ab-34cd-56ef-1234567890ab"}"#),
                ct("kms.amazonaws.com", "ScheduleKeyDeletion", request: #"{"keyId":"1234abcd","pendingWindowInDays":7}"#),
            ],
            missing: [ct("kms.amazonaws.com", "EnableKey"), ct("cloudhsm.amazonaws.com", "DisableKey"), ct("kms.amazonaws.com", "CancelKeyDeletion")]),
        RuleCase(
            id: "CloudWatch.8 S3 bucket policy changes",
            pattern: #"{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}"#,
            matching: [
                ct("s3.amazonaws.com", "PutBucketPolicy", request: #"{"bucketName":"my-bucket","bucketPolicy":{"Version":"2012-10-17"},"policy":[""]}"#),
                ct("s3.amazonaws.com", "DeleteBucketCors"),
            ],
            missing: [ct("s3.amazonaws.com", "GetBucketPolicy"), ct("s3-outposts.amazonaws.com", "PutBucketPolicy"), ct("s3.amazonaws.com", "PutBucketTagging")]),
        RuleCase(
            id: "CloudWatch.9 AWS Config configuration changes",
            pattern: #"{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}"#,
            matching: [ct("config.amazonaws.com", "StopConfigurationRecorder"), ct("config.amazonaws.com", "PutDeliveryChannel")],
            missing: [ct("config.amazonaws.com", "DescribeConfigurationRecorders"), ct("config.amazonaws.com", "StartConfigurationRecorder")]),
        RuleCase(
            id: "CloudWatch.10 security group changes",
            pattern: #"{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}"#,
            matching: [
                ct(ec2, "AuthorizeSecurityGroupIngress", request: #"{"groupId":"sg-0123","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}}]}}"#),
                ct(ec2, "DeleteSecurityGroup"),
            ],
            missing: [ct(ec2, "DescribeSecurityGroups"), ct(ec2, "ModifySecurityGroupRules")]),
        RuleCase(
            id: "CloudWatch.11 network ACL changes",
            pattern: #"{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}"#,
            matching: [ct(ec2, "CreateNetworkAclEntry"), ct(ec2, "ReplaceNetworkAclAssociation")],
            missing: [ct(ec2, "DescribeNetworkAcls"), ct(ec2, "CreateNetworkAclEntries")]),
        RuleCase(
            id: "CloudWatch.12 network gateway changes",
            pattern: #"{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}"#,
            matching: [ct(ec2, "AttachInternetGateway"), ct(ec2, "CreateCustomerGateway")],
            missing: [ct(ec2, "CreateNatGateway"), ct(ec2, "DescribeInternetGateways")]),
        RuleCase(
            id: "CloudWatch.13 route table changes",
            pattern: #"{($.eventSource=ec2.amazonaws.com) && (($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable))}"#,
            matching: [ct(ec2, "CreateRoute", request: #"{"routeTableId":"rtb-0123","destinationCidrBlock":"0.0.0.0/0","gatewayId":"igw-0123"}"#), ct(ec2, "DisassociateRouteTable")],
            missing: [
                ct("apigateway.amazonaws.com", "CreateRoute"),  // API Gateway HTTP API routes share the name
                ct(ec2, "DescribeRouteTables"),
            ]),
        RuleCase(
            id: "CloudWatch.14 VPC changes",
            pattern: #"{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}"#,
            matching: [ct(ec2, "CreateVpc", request: #"{"cidrBlock":"10.0.0.0/16"}"#), ct(ec2, "ModifyVpcAttribute")],
            missing: [ct(ec2, "CreateVpcEndpoint"), ct(ec2, "DescribeVpcs")]),
    ]

    /// The other patterns of ../shared/seeds/004 (as written there, JSON-unescaped).
    static let seed004: [RuleCase] = [
        RuleCase(
            id: "seed 004: root usage (compact spelling)",
            pattern: #"{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}"#,
            matching: [ct("iam.amazonaws.com", "ListUsers", identity: Identity.root)],
            missing: [ct("iam.amazonaws.com", "ListUsers", identity: Identity.root, type: "AwsServiceEvent")]),
        RuleCase(
            id: "seed 004: console sign-in failures",
            pattern: #"{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }"#,
            matching: [consoleFailure], missing: [consoleSuccessNoMFA]),
        RuleCase(
            id: "seed 004: console sign-in without MFA",
            pattern: #"{ $.eventName = "ConsoleLogin" && $.additionalEventData.MFAUsed = "No" }"#,
            matching: [consoleSuccessNoMFA, consoleFailure], missing: [consoleSuccessMFA]),
        RuleCase(
            id: "seed 004: IAM users and login profiles created",
            pattern: "{($.eventName=CreateUser)||($.eventName=CreateLoginProfile)}",
            matching: [ct("iam.amazonaws.com", "CreateUser"), ct("iam.amazonaws.com", "CreateLoginProfile")],
            missing: [ct("iam.amazonaws.com", "CreateUserProfile"), ct("iam.amazonaws.com", "UpdateLoginProfile")]),
        RuleCase(
            id: "seed 004: access keys created", pattern: "{$.eventName=CreateAccessKey}",
            matching: [ct("iam.amazonaws.com", "CreateAccessKey")], missing: [ct("iam.amazonaws.com", "DeleteAccessKey")]),
        RuleCase(
            id: "seed 004: SwitchRole failures",
            pattern: #"{ $.eventSource = "signin.amazonaws.com" && $.eventName = "SwitchRole" && $.responseElements.SwitchRole= "Failure" }"#,
            matching: [ct("signin.amazonaws.com", "SwitchRole", type: "AwsConsoleSignIn", response: #"{"SwitchRole":"Failure"}"#)],
            missing: [ct("signin.amazonaws.com", "SwitchRole", type: "AwsConsoleSignIn", response: #"{"SwitchRole":"Success"}"#)]),
        RuleCase(
            id: "seed 004: Session Manager sessions",
            pattern: #"{ ($.eventSource = "s3.amazonaws.com") && ($.eventName = "StartSession" || $.eventName = "ResumeSession" || $.eventName = "TerminateSession") }"#,
            matching: [ct("s3.amazonaws.com", "StartSession")],
            missing: [ct("ssm.amazonaws.com", "StartSession"), ct("s3.amazonaws.com", "CreateSession")]),
        RuleCase(
            id: "seed 004: CloudTrail changes",
            pattern: "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
            matching: [ct("cloudtrail.amazonaws.com", "DeleteTrail")], missing: [ct("cloudtrail.amazonaws.com", "GetTrailStatus")]),
        RuleCase(
            id: "seed 004: GuardDuty detector deleted",
            pattern: #"{ ($.eventSource = "guardduty.amazonaws.com") && ($.eventName = "DeleteDetector") }"#,
            matching: [ct("guardduty.amazonaws.com", "DeleteDetector", request: #"{"detectorId":"12abc34d567e8fa901bc2d34e56789f0"}"#)],
            missing: [ct("guardduty.amazonaws.com", "CreateDetector"), ct("guardduty.amazonaws.com", "DeleteDetectors")]),
        RuleCase(
            id: "seed 004: KMS keys disabled or scheduled for deletion",
            pattern: #"{ $.eventSource = kms.amazonaws.com && ($.eventName = "DisableKey" || $.eventName = "ScheduleKeyDeletion") }"#,
            matching: [ct("kms.amazonaws.com", "ScheduleKeyDeletion")], missing: [ct("kms.amazonaws.com", "DisableKeyRotation")]),
        RuleCase(
            id: "seed 004: KMS errors ending in Exception",
            pattern: #"{ $.eventSource = kms.amazonaws.com && $.errorCode = "*Exception" }"#,
            matching: [
                ct("kms.amazonaws.com", "Decrypt", errorCode: "InvalidCiphertextException"),
                ct("kms.amazonaws.com", "DescribeKey", errorCode: "NotFoundException"),
            ],
            missing: [
                ct("kms.amazonaws.com", "Decrypt", errorCode: "AccessDenied"),
                ct("kms.amazonaws.com", "Decrypt", errorCode: "ExceptionThrown"),
                ct("kms.amazonaws.com", "Decrypt"),
                ct("s3.amazonaws.com", "GetObject", errorCode: "InvalidObjectStateException"),
            ]),
        RuleCase(
            id: "seed 004: unauthorized calls except AWS Config decrypting",
            pattern: #"{($.errorCode = "*UnauthorizedOperation" || $.errorCode = "AccessDenied*") && ($.eventName != "Decrypt" || $.userIdentity.invokedBy != "config.amazonaws.com" )}"#,
            matching: [
                ct(ec2, "DescribeInstances", errorCode: "Client.UnauthorizedOperation"),
                ct("kms.amazonaws.com", "Decrypt", identity: Identity.assumedRole.replacingOccurrences(of: #""accountId""#, with: #""invokedBy":"lambda.amazonaws.com","accountId""#), errorCode: "AccessDenied"),
            ],
            missing: [
                ct("kms.amazonaws.com", "Decrypt", identity: Identity.configService, errorCode: "AccessDeniedException"),
                // A user's Decrypt: eventName != "Decrypt" is false, and invokedBy != … is false because the field is
                // absent (CloudWatch's != never matches a missing field), so this event does not count.
                ct("kms.amazonaws.com", "Decrypt", errorCode: "AccessDeniedException"),
                ct(ec2, "DescribeInstances"),
            ]),
        RuleCase(
            id: "seed 004: EC2 instance state changes",
            pattern: "{ ($.eventName = RunInstances) || ($.eventName = RebootInstances) || ($.eventName = StartInstances) || ($.eventName = StopInstances) || ($.eventName = TerminateInstances) }",
            matching: [ct(ec2, "TerminateInstances")], missing: [ct(ec2, "DescribeInstances"), ct(ec2, "RunScheduledInstances")]),
        RuleCase(
            id: "seed 004: large instances launched",
            pattern: "{ ($.eventName = RunInstances) && (($.requestParameters.instanceType = *.8xlarge) || ($.requestParameters.instanceType = *.4xlarge)) }",
            matching: [
                ct(ec2, "RunInstances", request: #"{"instancesSet":{"items":[{"imageId":"ami-0abc"}]},"instanceType":"m5.8xlarge"}"#),
                ct(ec2, "RunInstances", request: #"{"instanceType":"c6i.4xlarge","minCount":1}"#),
            ],
            missing: [
                ct(ec2, "RunInstances", request: #"{"instanceType":"m5.16xlarge"}"#),
                ct(ec2, "RunInstances", request: #"{"instanceType":"c5.48xlarge"}"#),
                ct(ec2, "RunInstances", request: #"{"instanceType":"m5.2xlarge"}"#),
                ct(ec2, "RunInstances", request: #"{"launchTemplate":{"launchTemplateId":"lt-0123"}}"#),
                ct(ec2, "StartInstances", request: #"{"instanceType":"m5.8xlarge"}"#),
            ]),
        RuleCase(
            id: "seed 004: S3 bucket policy put",
            pattern: #"{ ($.eventSource = "s3.amazonaws.com") && ($.eventName = "PutBucketPolicy") }"#,
            matching: [ct("s3.amazonaws.com", "PutBucketPolicy")], missing: [ct("s3.amazonaws.com", "DeleteBucketPolicy")]),
        RuleCase(
            id: "seed 004: account public access block deleted",
            pattern: #"{ ($.eventSource = "s3.amazonaws.com") && ($.eventName = "DeleteAccountPublicAccessBlock") }"#,
            matching: [ct("s3.amazonaws.com", "DeleteAccountPublicAccessBlock")], missing: [ct("s3.amazonaws.com", "PutAccountPublicAccessBlock")]),
        RuleCase(
            id: "seed 004: VPC changes",
            pattern: "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",
            matching: [ct(ec2, "AcceptVpcPeeringConnection")], missing: [ct(ec2, "DescribeVpcPeeringConnections")]),
        RuleCase(
            id: "seed 004: network gateway changes",
            pattern: "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",
            matching: [ct(ec2, "DetachInternetGateway")], missing: [ct(ec2, "DetachVpnGateway")]),
        RuleCase(
            id: "seed 004: security group changes",
            pattern: "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
            matching: [ct(ec2, "RevokeSecurityGroupEgress")], missing: [ct(ec2, "UpdateSecurityGroupRuleDescriptionsIngress")]),
        RuleCase(
            id: "seed 004: network ACL changes",
            pattern: "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",
            matching: [ct(ec2, "DeleteNetworkAcl")], missing: [ct(ec2, "DescribeNetworkAcls")]),
    ]

    static let all = securityHub + seed004
}

@Test("CIS and seed alarm patterns match the events made to match", arguments: RuleCase.all)
func ruleMatches(_ rule: RuleCase) throws {
    for event in rule.matching {
        #expect(try match(rule.pattern, event), "\(rule.id) should match \(event)")
    }
}

@Test("CIS and seed alarm patterns miss the events made to just miss", arguments: RuleCase.all)
func ruleMisses(_ rule: RuleCase) throws {
    for event in rule.missing {
        #expect(try !match(rule.pattern, event), "\(rule.id) should miss \(event)")
    }
}

@Test("CIS and seed alarm patterns parse without warnings", arguments: RuleCase.all)
func ruleParsesCleanly(_ rule: RuleCase) throws {
    let pattern = try FilterPattern(parsing: rule.pattern)
    #expect(pattern.kind == .json)
    #expect(pattern.warnings.isEmpty)
}
