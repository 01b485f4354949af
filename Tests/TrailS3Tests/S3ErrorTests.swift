import Testing
@testable import TrailS3

/// Every fault gets a message naming the status, S3's code, the object and what to do.
@Suite struct S3ErrorTests {
    func error(_ operation: S3Error.Operation = .get, status: Int, code: String?, message: String? = nil) -> S3Error {
        S3Error(operation: operation, bucket: "trail-logs", key: "AWSLogs/111111111111/CloudTrail/x.json.gz", status: status,
                code: code, message: message, credentialSource: "profile account-b (credentials file)")
    }

    @Test func crossAccountObjectOwnership() {
        var denied = error(status: 403, code: "AccessDenied", message: "Access Denied")
        denied.listingWorked = true
        #expect(denied.description.hasPrefix("s3://trail-logs/AWSLogs/111111111111/CloudTrail/x.json.gz: GetObject: HTTP 403 AccessDenied: Access Denied"))
        #expect(denied.hint!.contains("Object Ownership"))
        #expect(denied.hint!.contains("Bucket owner enforced"))
    }

    @Test func kmsDecrypt() {
        let denied = error(status: 403, code: "AccessDenied",
                           message: "User: arn:aws:iam::222222222222:user/x is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:…")
        #expect(denied.isKMS)
        #expect(denied.hint!.contains("kms:Decrypt"))
    }

    @Test func credentialsAndBuckets() {
        #expect(error(.list, status: 404, code: "NoSuchBucket").hint!.contains("does not exist"))
        #expect(error(status: 403, code: "InvalidAccessKeyId").hint!.contains("access key"))
        #expect(error(status: 403, code: "SignatureDoesNotMatch").hint!.contains("secret key"))
        #expect(error(status: 400, code: "ExpiredToken").hint!.contains("expired"))
        #expect(error(.list, status: 403, code: "AccessDenied").hint!.contains("s3:ListBucket"))
        let missing = S3Error(operation: .list, bucket: "b", key: "", status: 0, credentials: CredentialsError("no AWS credentials found", hint: "run aws configure"))
        #expect(missing.description.contains("no usable AWS credentials"))
        #expect(missing.hint == "run aws configure")
    }

    @Test func transientOrNot() {
        #expect(error(status: 503, code: "SlowDown").isTransient)
        #expect(error(status: 500, code: "InternalError").isTransient)
        #expect(!error(status: 403, code: "AccessDenied").isTransient)
        #expect(!error(status: 403, code: "RequestTimeTooSkewed").isTransient, "a retry is signed with the same clock")
        var reset = error(status: 0, code: nil)
        reset.transport = HTTPError(kind: .interrupted, url: "http://127.0.0.1:1/b/k", message: "Connection reset by peer")
        #expect(reset.isTransient)
        reset.attempts = 5
        #expect(reset.description.contains("after 5 attempts"))
    }
}
