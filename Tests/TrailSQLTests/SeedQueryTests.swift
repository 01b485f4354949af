import Testing
import TrailBase

@testable import TrailSQL

// The SQL users write, from the source documents (../shared/seeds/*.txt) and the AWS documentation. Each query parses,
// prints as the canonical text given, and round-trips. Shell placeholders such as $ATHENA_TABLE_NAME are replaced by a
// table name; WHERE fragments quoted on their own in a document get a SELECT * FROM in front.

extension ParseCase {
    static let seedQueries: [ParseCase] = [
        // 000: S3 CopyObject investigation.
        ParseCase(
            """
            SELECT eventtime,
              eventsource,
              eventname,
              awsregion,
              sourceipaddress,
              useragent,
              requestparameters,
              resources
            FROM cloudtrail_logs_s3_trail_az_test_src
            WHERE eventsource ='s3.amazonaws.com'
            AND awsregion     = 'ap-northeast-1'
            AND eventtime    >= '2018-08-26T05:59:00Z'
            AND eventtime    <= '2018-08-26T06:11:00Z';
            """,
            "SELECT eventtime, eventsource, eventname, awsregion, sourceipaddress, useragent, requestparameters, resources "
                + "FROM cloudtrail_logs_s3_trail_az_test_src WHERE eventsource = 's3.amazonaws.com' AND awsregion = "
                + "'ap-northeast-1' AND eventtime >= '2018-08-26T05:59:00Z' AND eventtime <= '2018-08-26T06:11:00Z'"),
        // 001: only IAM users, not roles AWS assumes.
        ParseCase(
            """
            SELECT * FROM cloudtrail_logs_allregion
                WHERE
                  userIdentity.arn != ''
                  AND userIdentity.username != 'null'
            """,
            "SELECT * FROM cloudtrail_logs_allregion WHERE userIdentity.arn <> '' AND userIdentity.username <> 'null'"),
        // 001: Create* events but CreateLog*.
        ParseCase(
            """
            SELECT * FROM cloudtrail_logs_allregion
                WHERE
                  regexp_like(eventName, '^(Create|RunInstances)')
                  AND NOT(regexp_like(eventName, '^(CreateLog)'))
            """,
            "SELECT * FROM cloudtrail_logs_allregion WHERE regexp_like(eventName, '^(Create|RunInstances)') AND NOT "
                + "regexp_like(eventName, '^(CreateLog)')"),
        // 001: console logins on one day (the `DATE` partition column, not a DATE literal).
        ParseCase(
            """
            SELECT eventTime,
                     eventSource,
                     eventName,
                     recipientAccountId,
                     awsRegion,
                     userIdentity.type AS userIdentity_type,
                     userIdentity.arn AS userIdentity_arn,
                     sourceIPAddress,
                     userAgent
            FROM cloudtrail_logs_allregion
            WHERE eventName IN ('ConsoleLogin')
                    AND DATE = '2019/01/02'
            ORDER BY  eventtime DESC LIMIT 10;
            """,
            "SELECT eventTime, eventSource, eventName, recipientAccountId, awsRegion, userIdentity.type AS "
                + "userIdentity_type, userIdentity.arn AS userIdentity_arn, sourceIPAddress, userAgent FROM "
                + "cloudtrail_logs_allregion WHERE eventName IN ('ConsoleLogin') AND DATE = '2019/01/02' ORDER BY "
                + "eventtime DESC LIMIT 10"),
        // 001: who created dev-web01 (classic partitions region/year/month/day).
        ParseCase(
            """
                  SELECT *
                  FROM cloudtrail_logs_allregion
                  WHERE (requestparameters LIKE '%dev-web01%')
                          AND region = 'ap-northeast-1'
                          AND YEAR = '2019'
                          AND MONTH = '01'
                          AND DAY = '02'
                  ORDER BY  eventtime ASC LIMIT 10;
            """,
            "SELECT * FROM cloudtrail_logs_allregion WHERE requestparameters LIKE '%dev-web01%' AND region = "
                + "'ap-northeast-1' AND YEAR = '2019' AND MONTH = '01' AND DAY = '02' ORDER BY eventtime ASC LIMIT 10"),
        // 001: the same with projected partitions accountid/region/date.
        ParseCase(
            """
                  SELECT *
                  FROM cloudtrail_logs_allregion
                  WHERE (requestparameters LIKE '%dev-web01%')
                          AND accountid = '123456789012'
                          AND region = 'ap-northeast-1'
                          AND DATE = '2019/01/02'
                  ORDER BY  eventtime ASC LIMIT 10;
            """,
            "SELECT * FROM cloudtrail_logs_allregion WHERE requestparameters LIKE '%dev-web01%' AND accountid = "
                + "'123456789012' AND region = 'ap-northeast-1' AND DATE = '2019/01/02' ORDER BY eventtime ASC LIMIT 10"
        ),
        // 003: Signature Version 2 requests.
        ParseCase(
            "SELECT EventTime, EventName as S3_Action, requestParameters as Request_Parameters, awsregion as AWS_Region, "
                + "sourceipaddress as Source_IP, useragent as User_Agent FROM s3_cloudtrail_events_db.cloudtrail_table "
                + "WHERE eventsource='s3.amazonaws.com' AND json_extract_scalar(additionalEventData, "
                + "'$.SignatureVersion')='SigV2' LIMIT 10;",
            "SELECT EventTime, EventName AS S3_Action, requestParameters AS Request_Parameters, awsregion AS AWS_Region, "
                + "sourceipaddress AS Source_IP, useragent AS User_Agent FROM s3_cloudtrail_events_db.cloudtrail_table "
                + "WHERE eventsource = 's3.amazonaws.com' AND json_extract_scalar(additionalEventData, "
                + "'$.SignatureVersion') = 'SigV2' LIMIT 10"),
        ParseCase(
            "SELECT useridentity.arn, Count(requestid) as RequestCount FROM s3_cloudtrail_events_db.cloudtrail_table "
                + "WHERE eventsource='s3.amazonaws.com' and json_extract_scalar(additionalEventData, "
                + "'$.SignatureVersion')='SigV2' Group by useridentity.arn",
            "SELECT useridentity.arn, Count(requestid) AS RequestCount FROM s3_cloudtrail_events_db.cloudtrail_table "
                + "WHERE eventsource = 's3.amazonaws.com' AND json_extract_scalar(additionalEventData, "
                + "'$.SignatureVersion') = 'SigV2' GROUP BY useridentity.arn"),
        ParseCase(
            "SELECT useridentity.arn, Count(requestid) AS RequestCount FROM "
                + "s3_cloudtrail_events_db.cloudtrail_table_partitioned WHERE eventsource='s3.amazonaws.com' AND "
                + "json_extract_scalar(additionalEventData, '$.SignatureVersion')='SigV2' AND region='us-east-1' AND "
                + "year='2019' AND month='02' AND day='19' Group by useridentity.arn",
            "SELECT useridentity.arn, Count(requestid) AS RequestCount FROM "
                + "s3_cloudtrail_events_db.cloudtrail_table_partitioned WHERE eventsource = 's3.amazonaws.com' AND "
                + "json_extract_scalar(additionalEventData, '$.SignatureVersion') = 'SigV2' AND region = 'us-east-1' AND "
                + "year = '2019' AND month = '02' AND day = '19' GROUP BY useridentity.arn"),
        // 003: object access (PUT, GET, anonymous, ACL-required).
        ParseCase(
            "SELECT eventTime, eventName, eventSource, sourceIpAddress, userAgent, json_extract_scalar(requestParameters, "
                + "'$.bucketName') as bucketName, json_extract_scalar(requestParameters, '$.key') as object, "
                + "userIdentity.arn as userArn FROM s3_cloudtrail_events_db.cloudtrail_table WHERE eventName = "
                + "'PutObject' AND eventTime BETWEEN '2019-07-05T00:00:00Z' and '2019-07-06T00:00:00Z'",
            "SELECT eventTime, eventName, eventSource, sourceIpAddress, userAgent, json_extract_scalar(requestParameters, "
                + "'$.bucketName') AS bucketName, json_extract_scalar(requestParameters, '$.key') AS object, "
                + "userIdentity.arn AS userArn FROM s3_cloudtrail_events_db.cloudtrail_table WHERE eventName = "
                + "'PutObject' AND eventTime BETWEEN '2019-07-05T00:00:00Z' AND '2019-07-06T00:00:00Z'"),
        ParseCase(
            "SELECT eventTime, eventName, eventSource, sourceIpAddress, userAgent, json_extract_scalar(requestParameters, "
                + "'$.bucketName') as bucketName, json_extract_scalar(requestParameters, '$.key') as object, "
                + "userIdentity.arn as userArn FROM s3_cloudtrail_events_db.cloudtrail_table WHERE eventName = "
                + "'GetObject' AND eventTime BETWEEN '2019-07-05T00:00:00Z' and '2019-07-06T00:00:00Z'",
            "SELECT eventTime, eventName, eventSource, sourceIpAddress, userAgent, json_extract_scalar(requestParameters, "
                + "'$.bucketName') AS bucketName, json_extract_scalar(requestParameters, '$.key') AS object, "
                + "userIdentity.arn AS userArn FROM s3_cloudtrail_events_db.cloudtrail_table WHERE eventName = "
                + "'GetObject' AND eventTime BETWEEN '2019-07-05T00:00:00Z' AND '2019-07-06T00:00:00Z'"),
        ParseCase(
            "SELECT eventTime, eventName, eventSource, sourceIpAddress, userAgent, json_extract_scalar(requestParameters, "
                + "'$.bucketName') as bucketName, userIdentity.arn as userArn, userIdentity.accountId FROM "
                + "s3_cloudtrail_events_db.cloudtrail_table WHERE userIdentity.accountId = 'anonymous' AND eventTime "
                + "BETWEEN '2019-07-05T00:00:00Z' and '2019-07-06T00:00:00Z'",
            "SELECT eventTime, eventName, eventSource, sourceIpAddress, userAgent, json_extract_scalar(requestParameters, "
                + "'$.bucketName') AS bucketName, userIdentity.arn AS userArn, userIdentity.accountId FROM "
                + "s3_cloudtrail_events_db.cloudtrail_table WHERE userIdentity.accountId = 'anonymous' AND eventTime "
                + "BETWEEN '2019-07-05T00:00:00Z' AND '2019-07-06T00:00:00Z'"),
        ParseCase(
            "SELECT eventTime, eventName, eventSource, sourceIpAddress, userAgent, userIdentity.arn as userArn, "
                + "json_extract_scalar(requestParameters, '$.bucketName') as bucketName, "
                + "json_extract_scalar(requestParameters, '$.key') as object, json_extract_scalar(additionalEventData, "
                + "'$.aclRequired') as aclRequired FROM s3_cloudtrail_events_db.cloudtrail_table WHERE "
                + "json_extract_scalar(additionalEventData, '$.aclRequired') = 'Yes' AND eventTime BETWEEN "
                + "'2022-05-10T00:00:00Z' and '2022-08-10T00:00:00Z'",
            "SELECT eventTime, eventName, eventSource, sourceIpAddress, userAgent, userIdentity.arn AS userArn, "
                + "json_extract_scalar(requestParameters, '$.bucketName') AS bucketName, "
                + "json_extract_scalar(requestParameters, '$.key') AS object, json_extract_scalar(additionalEventData, "
                + "'$.aclRequired') AS aclRequired FROM s3_cloudtrail_events_db.cloudtrail_table WHERE "
                + "json_extract_scalar(additionalEventData, '$.aclRequired') = 'Yes' AND eventTime BETWEEN "
                + "'2022-05-10T00:00:00Z' AND '2022-08-10T00:00:00Z'"),
        // 004: the console login report.
        ParseCase(
            """
            SELECT
            eventTime,
            eventSource,
            eventName,
            awsRegion,
            sourceIPAddress,
            userIdentity.type,
            userIdentity.arn
            FROM cloudtrail_logs_cloudtrail
            WHERE eventName = 'ConsoleLogin'
            LIMIT 10;
            """,
            "SELECT eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userIdentity.type, userIdentity.arn "
                + "FROM cloudtrail_logs_cloudtrail WHERE eventName = 'ConsoleLogin' LIMIT 10"),
    ]

    /// Amazon Athena User Guide, "Example queries for CloudTrail logs" and "Query CloudTrail logs with partition
    /// projection", and the CloudTrail Lake sample queries.
    static let documentationQueries: [ParseCase] = [
        ParseCase(
            """
            SELECT *
            FROM cloudtrail_logs
            WHERE
                eventsource = 's3.amazonaws.com' AND
                eventname in ('GetObject') AND
                useridentity.accountid = 'anonymous' AND
                useridentity.arn IS NULL AND
                requestparameters LIKE '%[your bucket name ]%';
            """,
            "SELECT * FROM cloudtrail_logs WHERE eventsource = 's3.amazonaws.com' AND eventname IN ('GetObject') AND "
                + "useridentity.accountid = 'anonymous' AND useridentity.arn IS NULL AND requestparameters LIKE "
                + "'%[your bucket name ]%'"),
        ParseCase(
            """
            SELECT
                eventsource,
                eventname,
                useridentity.sessioncontext.attributes.creationdate,
                useridentity.sessioncontext.sessionissuer.arn
            FROM cloudtrail_logs
            WHERE useridentity.sessioncontext.sessionissuer.arn IS NOT NULL
            ORDER BY eventsource, eventname
            LIMIT 10
            """,
            "SELECT eventsource, eventname, useridentity.sessioncontext.attributes.creationdate, "
                + "useridentity.sessioncontext.sessionissuer.arn FROM cloudtrail_logs WHERE "
                + "useridentity.sessioncontext.sessionissuer.arn IS NOT NULL ORDER BY eventsource, eventname LIMIT 10"),
        ParseCase(
            """
            SELECT
                awsregion,
                replace(unnested.resources_entry.ARN,'arn:aws:s3:::') as s3_resource,
                eventname,
                eventtime,
                useragent
            FROM cloudtrail_logs t
            CROSS JOIN UNNEST(t.resources) unnested (resources_entry)
            WHERE unnested.resources_entry.ARN LIKE '%example/datafile.txt'
            ORDER BY eventtime
            """,
            "SELECT awsregion, replace(unnested.resources_entry.ARN, 'arn:aws:s3:::') AS s3_resource, eventname, "
                + "eventtime, useragent FROM cloudtrail_logs AS t CROSS JOIN UNNEST(t.resources) AS unnested "
                + "(resources_entry) WHERE unnested.resources_entry.ARN LIKE '%example/datafile.txt' ORDER BY eventtime"
        ),
        ParseCase(
            """
            SELECT
                awsregion,
                replace(unnested.resources_entry.ARN,'arn:aws:s3:::') as s3_resource,
                eventname,
                eventtime,
                useragent
            FROM cloudtrail_logs t
            CROSS JOIN UNNEST(t.resources) unnested (resources_entry)
            WHERE eventname = 'DeleteBucket'
            ORDER BY eventtime
            """,
            "SELECT awsregion, replace(unnested.resources_entry.ARN, 'arn:aws:s3:::') AS s3_resource, eventname, "
                + "eventtime, useragent FROM cloudtrail_logs AS t CROSS JOIN UNNEST(t.resources) AS unnested "
                + "(resources_entry) WHERE eventname = 'DeleteBucket' ORDER BY eventtime"),
        ParseCase(
            """
            SELECT *
            FROM cloudtrail_logs_pp
            WHERE
                eventtime >= '2021-01-01T00:00:00Z'
                AND timestamp >= '2021/01/01'
                AND timestamp < '2021/01/02'
                AND region = 'us-east-1'
            LIMIT 100
            """,
            "SELECT * FROM cloudtrail_logs_pp WHERE eventtime >= '2021-01-01T00:00:00Z' AND timestamp >= '2021/01/01' "
                + "AND timestamp < '2021/01/02' AND region = 'us-east-1' LIMIT 100"),
        ParseCase(
            """
            SELECT useridentity.arn, eventname, sourceipaddress, eventtime
            FROM cloudtrail_logs
            WHERE eventname = 'ConsoleLogin'
              AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure'
              AND from_iso8601_timestamp(eventtime) > current_timestamp - INTERVAL '7' DAY
            ORDER BY eventtime DESC
            """,
            "SELECT useridentity.arn, eventname, sourceipaddress, eventtime FROM cloudtrail_logs WHERE eventname = "
                + "'ConsoleLogin' AND json_extract_scalar(responseelements, '$.ConsoleLogin') = 'Failure' AND "
                + "from_iso8601_timestamp(eventtime) > CURRENT_TIMESTAMP - INTERVAL '7' DAY ORDER BY eventtime DESC"),
        ParseCase(
            """
            SELECT eventname, count(*) AS calls, approx_distinct(sourceipaddress) AS addresses
            FROM cloudtrail_logs
            WHERE errorcode IN ('AccessDenied', 'Client.UnauthorizedOperation') OR errorcode LIKE '%UnauthorizedOperation'
            GROUP BY eventname
            HAVING count(*) > 10
            ORDER BY calls DESC
            LIMIT 20
            """,
            "SELECT eventname, count(*) AS calls, approx_distinct(sourceipaddress) AS addresses FROM cloudtrail_logs "
                + "WHERE errorcode IN ('AccessDenied', 'Client.UnauthorizedOperation') OR errorcode LIKE "
                + "'%UnauthorizedOperation' GROUP BY eventname HAVING count(*) > 10 ORDER BY calls DESC LIMIT 20"),
        ParseCase(
            """
            SELECT eventtime, useridentity.arn,
                   json_extract_scalar(additionaleventdata, '$.SwitchFrom') AS switch_from,
                   json_extract_scalar(responseelements, '$.SwitchRole') AS result
            FROM cloudtrail_logs
            WHERE eventsource = 'signin.amazonaws.com' AND eventname = 'SwitchRole'
            """,
            "SELECT eventtime, useridentity.arn, json_extract_scalar(additionaleventdata, '$.SwitchFrom') AS "
                + "switch_from, json_extract_scalar(responseelements, '$.SwitchRole') AS result FROM cloudtrail_logs "
                + "WHERE eventsource = 'signin.amazonaws.com' AND eventname = 'SwitchRole'"),
        // CloudTrail Lake: FROM an event data store id. (The documentation writes `< =`, which no SQL accepts; see the
        // error tests.)
        ParseCase(
            """
            SELECT *
            FROM EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE
            WHERE
                 eventtime >='2023-01-05 13:51:00' and eventtime <='2023-01-19 13:51:00'
            """,
            "SELECT * FROM EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE WHERE eventtime >= '2023-01-05 13:51:00' AND eventtime "
                + "<= '2023-01-19 13:51:00'"),
        ParseCase(
            """
            SELECT eventSource, eventName, COUNT(*) AS numOfCalls
            FROM $EDS_ID
            WHERE eventTime > date_add('week', -1, now())
            GROUP BY eventSource, eventName
            ORDER BY COUNT(*) DESC
            """,
            "SELECT eventSource, eventName, COUNT(*) AS numOfCalls FROM $EDS_ID WHERE eventTime > date_add('week', -1, "
                + "now()) GROUP BY eventSource, eventName ORDER BY COUNT(*) DESC"),
        ParseCase(
            """
            SELECT eventTime, userIdentity.arn, element_at(requestParameters, 'bucketName') AS bucket
            FROM a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
            WHERE eventName = 'DeleteBucket'
            """,
            "SELECT eventTime, userIdentity.arn, element_at(requestParameters, 'bucketName') AS bucket FROM "
                + "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111 WHERE eventName = 'DeleteBucket'"),
        ParseCase(
            "Select eventId, eventName from EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE UNION Select eventId, eventName from "
                + "EXAMPLEg741-6y1x-9p3v-bnh6iEXAMPLE UNION ALL Select eventId, eventName from "
                + "EXAMPLEb529-4e8f9l3d-6m2z-lkp5sEXAMPLE ORDER BY eventId LIMIT 10;",
            "SELECT eventId, eventName FROM EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE UNION SELECT eventId, eventName FROM "
                + "EXAMPLEg741-6y1x-9p3v-bnh6iEXAMPLE UNION ALL SELECT eventId, eventName FROM "
                + "EXAMPLEb529-4e8f9l3d-6m2z-lkp5sEXAMPLE ORDER BY eventId LIMIT 10"),
    ]
}

@Suite("Queries from the source documents and the AWS documentation")
struct SeedQueryTests {
    @Test(
        "every query in the source documents parses, prints canonically and round-trips",
        arguments: ParseCase.seedQueries)
    func seedQuery(_ c: ParseCase) throws {
        #expect(try roundTrip(c.sql) == c.canonical)
    }

    @Test("the AWS documentation's CloudTrail queries parse and round-trip", arguments: ParseCase.documentationQueries)
    func documentationQuery(_ c: ParseCase) throws {
        #expect(try roundTrip(c.sql) == c.canonical)
    }

    @Test("CloudTrail Lake queries are recognised by their event data store id")
    func lakeDialect() throws {
        let lake = ParseCase.documentationQueries.filter { $0.sql.contains("EXAMPLE") || $0.sql.contains("$EDS_ID") }
        #expect(lake.count == 4)
        for c in lake { #expect(SQLDialect(detectingIn: try SQLParser.parse(c.sql)) == .cloudTrailLake) }
        for c in ParseCase.seedQueries { #expect(SQLDialect(detectingIn: try SQLParser.parse(c.sql)) == .athena) }
    }

    /// The DDL in the source documents (Hive `CREATE EXTERNAL TABLE`, `ALTER TABLE … ADD PARTITION`) is what trailsql
    /// makes unnecessary: it is rejected with a message that says so.
    static let ddl: [String] = [
        """
        CREATE EXTERNAL TABLE cloudtrail_logs_allregion (
            eventVersion STRING,
            userIdentity STRUCT<
                type: STRING,
                principalId: STRING,
                arn: STRING>,
            eventTime STRING
        )
        COMMENT 'CloudTrail table for cloudtrail-example bucket'
        PARTITIONED BY (
          region string,
          year string,
          month string,
          day string
          )
        ROW FORMAT SERDE 'com.amazon.emr.hive.serde.CloudTrailSerde'
        STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
        OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
        LOCATION 's3://cloudtrail-example/AWSLogs/123456789012/CloudTrail/'
        TBLPROPERTIES ('classification'='cloudtrail');
        """,
        "CREATE EXTERNAL TABLE s3_cloudtrail_events_db.cloudtrail_table_partitioned( eventversion STRING, userIdentity "
            + "STRUCT< type:STRING, principalid:STRING>, eventTime STRING ) PARTITIONED BY (region string, year string, "
            + "month string, day string) ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.orc.OrcSerde' STORED AS "
            + "INPUTFORMAT 'org.apache.hadoop.hive.ql.io.SymlinkTextInputFormat' OUTPUTFORMAT "
            + "'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' LOCATION "
            + "'s3://DOC-EXAMPLE-BUCKET1/AWSLogs/111122223333/';",
        "ALTER TABLE cloudtrail_logs_allregion ADD PARTITION (region='us-east-1',year='2019',month='01',day='02') "
            + "LOCATION 's3://cloudtrail-example/AWSLogs/123456789012/CloudTrail/us-east-1/2019/01/02/'",
    ]

    @Test("DDL from the source documents is rejected as unneeded, with a help line", arguments: ddl)
    func ddlIsRejected(_ sql: String) throws {
        let error = try #require(parseError(sql))
        #expect(error.kind == .unsupported)
        #expect(error.span == SourceSpan(0, 5) || error.span == SourceSpan(0, 6))
        #expect(error.message.hasSuffix("statements are not supported: trailsql runs queries"))
        #expect(error.help?.isEmpty == false)
    }
}
