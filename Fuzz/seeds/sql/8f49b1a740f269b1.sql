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