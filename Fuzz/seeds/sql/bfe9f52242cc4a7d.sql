SELECT * FROM cloudtrail_logs_allregion
    WHERE
      userIdentity.arn != ''
      AND userIdentity.username != 'null'