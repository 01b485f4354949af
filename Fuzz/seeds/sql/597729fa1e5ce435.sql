SELECT * FROM cloudtrail_logs_allregion
    WHERE
      regexp_like(eventName, '^(Create|RunInstances)')
      AND NOT(regexp_like(eventName, '^(CreateLog)'))